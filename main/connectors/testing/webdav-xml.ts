import type { DavEntry } from './webdav-store';

/** Escapes text for an XML element body. */
export function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** The href of an entry: each segment percent-encoded, collections ending with `/`. */
export function hrefOf(entry: DavEntry): string {
  const joined = entry.segments.map((segment) => encodeURIComponent(segment)).join('/');
  if (entry.segments.length === 0) return '/';
  return `/${joined}${entry.isCollection ? '/' : ''}`;
}

/** A strong validator that changes whenever the size or the modification time changes. */
export function etagOf(entry: DavEntry): string {
  return `"${entry.size.toString(16)}-${Math.floor(entry.modified.getTime()).toString(16)}"`;
}

/**
 * A `207 Multi-Status` body (RFC 4918 §9.1) with the live properties rclone's webdav backend
 * reads: displayname, getcontentlength, getlastmodified (RFC 1123), resourcetype, getcontenttype
 * and getetag, each in one propstat with `HTTP/1.1 200 OK`.
 */
export function multistatus(entries: readonly DavEntry[]): string {
  const responses = entries.map((entry) => {
    const name = entry.segments.at(-1) ?? '';
    const fileProps = entry.isCollection
      ? '<d:resourcetype><d:collection/></d:resourcetype>'
      : `<d:resourcetype/><d:getcontentlength>${entry.size}</d:getcontentlength><d:getcontenttype>application/octet-stream</d:getcontenttype>`;
    return [
      '<d:response>',
      `<d:href>${escapeXml(hrefOf(entry))}</d:href>`,
      '<d:propstat><d:prop>',
      `<d:displayname>${escapeXml(name)}</d:displayname>`,
      `<d:getlastmodified>${entry.modified.toUTCString()}</d:getlastmodified>`,
      fileProps,
      `<d:getetag>${escapeXml(etagOf(entry))}</d:getetag>`,
      '</d:prop><d:status>HTTP/1.1 200 OK</d:status></d:propstat>',
      '</d:response>',
    ].join('');
  });
  return `<?xml version="1.0" encoding="utf-8"?>\n<d:multistatus xmlns:d="DAV:">${responses.join('')}</d:multistatus>\n`;
}
