import crypto from 'node:crypto';
import { PassThrough, type Readable } from 'node:stream';
import path from 'node:path';
import yazl from 'yazl';
import { ApiError } from '../../shared/api-errors';
import { SnapshotReader, macFromHex, type Repository } from '../kloset';

export interface DownloadRequest {
  readonly repository: Repository;
  readonly snapshotId: string;
  readonly path: string;
}

export interface Download {
  readonly fileName: string;
  readonly contentType: string;
  readonly size: number | null;
  readonly body: Readable;
}

const ticketLifetimeMs = 5 * 60 * 1000;

/**
 * One-time download tickets for the browser build: `downloads.create` makes one (a random,
 * single-use, five-minute secret in the address, since a browser download cannot send the API's
 * token), and the HTTP transport exchanges it for the file, or a zip of the folder.
 */
export class DownloadTickets {
  private readonly tickets = new Map<string, { request: DownloadRequest; expiresAt: number }>();

  create(request: DownloadRequest): string {
    const now = Date.now();
    for (const [key, ticket] of this.tickets) if (ticket.expiresAt < now) this.tickets.delete(key);
    const ticket = crypto.randomBytes(24).toString('base64url');
    this.tickets.set(ticket, { request, expiresAt: now + ticketLifetimeMs });
    return ticket;
  }

  /** The download behind a ticket, once; null for an unknown, used or expired ticket. */
  async redeem(ticket: string): Promise<Download | null> {
    const found = this.tickets.get(ticket);
    this.tickets.delete(ticket);
    if (!found || found.expiresAt < Date.now()) return null;
    return openDownload(found.request);
  }
}

export function downloadName(pathname: string, isFolder: boolean): string {
  const base = path.posix.basename(pathname) || 'snapshot';
  return isFolder ? `${base}.zip` : base;
}

async function openDownload(request: DownloadRequest): Promise<Download> {
  const reader = await SnapshotReader.open(request.repository, macFromHex(request.snapshotId));
  const entry = await reader.resolve(request.path);
  if (entry.kind === 'file') {
    return { fileName: downloadName(request.path, false), contentType: 'application/octet-stream', size: entry.size, body: toStream(reader.readFile(entry)) };
  }
  if (entry.kind !== 'directory') throw new ApiError('BAD_REQUEST', `${request.path} is not a file or a folder.`);
  const zip = new yazl.ZipFile();
  // yazl's typings give its output as the old NodeJS.ReadableStream; it is a stream.Readable.
  const output = zip.outputStream as unknown as Readable;
  const prefix = downloadName(request.path, false);
  void (async () => {
    for await (const item of reader.walk(request.path)) {
      const relative = item.pathname === request.path ? '' : item.pathname.slice(request.path === '/' ? 1 : request.path.length + 1);
      const name = relative ? `${prefix}/${relative}` : prefix;
      const mtime = new Date(Number(item.entry.mtimeNs / 1_000_000n));
      if (item.entry.kind === 'directory') zip.addEmptyDirectory(name, { mtime, mode: item.entry.mode | 0o40000 });
      else if (item.entry.kind === 'file') zip.addReadStream(toStream(reader.readFile(item.entry)), name, { mtime, mode: item.entry.mode | 0o100000, compress: false, size: item.entry.size });
    }
    zip.end();
  })().catch((error: unknown) => output.destroy(error as Error));
  return { fileName: downloadName(request.path, true), contentType: 'application/zip', size: null, body: output };
}

function toStream(chunks: AsyncIterable<Buffer>): Readable {
  const stream = new PassThrough();
  void (async () => {
    for await (const chunk of chunks) if (!stream.write(chunk)) await new Promise((resolve) => stream.once('drain', resolve));
    stream.end();
  })().catch((error: unknown) => stream.destroy(error as Error));
  return stream;
}
