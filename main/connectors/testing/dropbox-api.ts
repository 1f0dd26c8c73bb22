import type { DbxEntry, DbxFailure, DbxFile, DbxFolder } from './dropbox-store';

/** A Dropbox union value: `{".tag": tag, ...fields}`. */
export type Tagged = { readonly '.tag': string } & Readonly<Record<string, unknown>>;

/**
 * An endpoint error as Dropbox sends it: HTTP 409 (unless stated) with
 * `{"error_summary": "path/not_found/..", "error": {...}}`. The summary is the chain of tags
 * followed by `/..`, which the Go SDK decodes into the route's typed error.
 */
export class DropboxApiError extends Error {
  constructor(
    readonly error: Tagged,
    readonly status = 409,
  ) {
    super(summaryOf(error));
  }

  get body(): { error_summary: string; error: Tagged } {
    return { error_summary: `${summaryOf(this.error)}/..`, error: this.error };
  }
}

/** A request Dropbox rejects as malformed: HTTP 400 with a plain-text explanation. */
export class DropboxBadRequest extends Error {}

function summaryOf(error: Tagged): string {
  const tag = error['.tag'];
  const inner = error[tag];
  if (inner && typeof inner === 'object' && '.tag' in inner) return `${tag}/${summaryOf(inner as Tagged)}`;
  return tag;
}

/** `{".tag": outer, [outer]: {".tag": inner}}`, e.g. `path/not_found`. */
export function nested(outer: string, inner: Tagged): Tagged {
  return { '.tag': outer, [outer]: inner };
}

/** A LookupError (reads) for a store failure. */
export function lookupError(failure: DbxFailure): Tagged {
  if (failure === 'not_folder' || failure === 'malformed_path') return { '.tag': failure };
  return { '.tag': 'not_found' };
}

/** A WriteError (uploads, folder creation, move and copy targets) for a store failure. */
export function writeError(failure: DbxFailure | 'insufficient_space'): Tagged {
  switch (failure) {
    case 'conflict_folder':
      return { '.tag': 'conflict', conflict: { '.tag': 'folder' } };
    case 'conflict_file':
    case 'not_folder':
      return { '.tag': 'conflict', conflict: { '.tag': 'file' } };
    case 'not_found':
      return { '.tag': 'malformed_path' };
    default:
      return { '.tag': failure };
  }
}

/** FileMetadata without its tag (upload results, the `Dropbox-API-Result` of a download). */
export function fileMetadata(file: DbxFile): Record<string, unknown> {
  return {
    name: file.name,
    id: file.id,
    client_modified: file.clientModified,
    server_modified: file.serverModified,
    rev: file.rev,
    size: file.content.length,
    path_lower: file.pathDisplay.toLowerCase(),
    path_display: file.pathDisplay,
    is_downloadable: true,
    content_hash: file.contentHash,
  };
}

/** FolderMetadata without its tag (create_folder_v2 results). */
export function folderMetadata(folder: DbxFolder): Record<string, unknown> {
  return { name: folder.name, id: folder.id, path_lower: folder.pathDisplay.toLowerCase(), path_display: folder.pathDisplay };
}

/** The tagged Metadata union used in listings, get_metadata, delete, move and copy results. */
export function taggedMetadata(entry: DbxEntry): Tagged {
  return { '.tag': entry.kind, ...(entry.kind === 'file' ? fileMetadata(entry) : folderMetadata(entry)) };
}

/** JSON for an HTTP header: Dropbox escapes every non-ASCII character as `\uXXXX`. */
export function headerSafeJson(value: unknown): string {
  return JSON.stringify(value).replace(/[\u007f-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
