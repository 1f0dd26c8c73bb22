import fs from 'node:fs/promises';
import { createServer } from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { contentRange, parseByteRange } from './byte-range';
import { FaultController, type FaultOptions } from './fault-controller';
import { faultInjectingListener, HttpError, readBody, sendBytes, type Exchange } from './http-exchange';
import { listenLocal } from './local-server';
import { etagOf, multistatus } from './webdav-xml';
import { DavStore } from './webdav-store';

export interface WebdavFaultServerOptions {
  /** Faults, latency and rate limit; none by default. */
  readonly faults?: FaultOptions;
  /** When set, every request must carry these Basic credentials (401 otherwise). */
  readonly auth?: { readonly user: string; readonly pass: string };
  /** Largest object accepted by PUT (413 beyond). Default 256 MiB. */
  readonly maxObjectBytes?: number;
}

/** A running WebDAV server on 127.0.0.1 serving a temporary folder. */
export interface WebdavFaultServer {
  /** `http://127.0.0.1:<port>`: the rclone `url` (vendor `other`); the root is `/`. */
  readonly url: string;
  /** The served folder: seed files here, or inspect what rclone wrote. */
  readonly rootDir: string;
  /** Fault controls, the request log and counters. */
  readonly faults: FaultController;
  /** Uploads currently being written to the staging folder (0 when none is in flight). */
  stagedUploads(): Promise<number>;
  /** Stops the server, closes every connection and deletes the temporary folders. */
  close(): Promise<void>;
}

const PROPFIND_BODY_LIMIT = 1024 * 1024;

/**
 * Starts a WebDAV server (RFC 4918 class 1) for rclone's `webdav` backend: PROPFIND with Depth 0
 * and 1, GET and HEAD with single byte ranges (206, 416), PUT (atomic: staged, then renamed;
 * 409 when the parent folder is missing, as real servers answer), DELETE, MKCOL, MOVE and COPY
 * with `Destination` and `Overwrite`. Faults come from a seeded {@link FaultController}; they
 * never corrupt stored data. With concurrent clients the order of requests (and so which request
 * gets which random fault) depends on scheduling: run rclone with `--transfers 1 --checkers 1`
 * for a fully reproducible sequence.
 *
 * @example
 * const dav = await startWebdavFaultServer({ faults: { seed: 7, probabilities: { 'too-many-requests': 0.2 } } });
 * // rclone remote: type = webdav, url = dav.url, vendor = other
 * await dav.close();
 */
export async function startWebdavFaultServer(options: WebdavFaultServerOptions = {}): Promise<WebdavFaultServer> {
  const base = await fs.mkdtemp(path.join(os.tmpdir(), 'kloset-webdav-'));
  const store = new DavStore(path.join(base, 'files'), path.join(base, 'staging'));
  await fs.mkdir(store.rootDir);
  await fs.mkdir(store.stagingDir);
  const faults = new FaultController(options.faults);
  const maxObjectBytes = options.maxObjectBytes ?? 256 * 1024 * 1024;
  const server = createServer(
    { requestTimeout: 120_000, headersTimeout: 10_000, keepAliveTimeout: 5_000 },
    faultInjectingListener(faults, refuse, (exchange) => {
      if (options.auth && !authorized(exchange, options.auth)) {
        exchange.body.resume();
        sendBytes(exchange, 401, { 'www-authenticate': 'Basic realm="kloset-test"' }, 'Unauthorized');
        return Promise.resolve();
      }
      return handle(exchange, store, maxObjectBytes);
    }),
  );
  const listening = await listenLocal(server);
  return {
    url: listening.url,
    rootDir: store.rootDir,
    faults,
    stagedUploads: () => store.stagedUploads(),
    close: async () => {
      await listening.close();
      await fs.rm(base, { recursive: true, force: true });
    },
  };
}

function refuse(exchange: Exchange, status: 429 | 503, retryAfter: number): void {
  const text = status === 429 ? 'Too Many Requests' : 'Service Unavailable';
  sendBytes(exchange, status, { 'retry-after': String(retryAfter), 'content-type': 'text/plain' }, text);
}

function authorized(exchange: Exchange, auth: { user: string; pass: string }): boolean {
  const header = exchange.req.headers.authorization ?? '';
  const expected = `Basic ${Buffer.from(`${auth.user}:${auth.pass}`).toString('base64')}`;
  return header === expected;
}

function segmentsOf(pathname: string): string[] {
  try {
    const segments = pathname
      .split('/')
      .filter((segment) => segment !== '')
      .map((segment) => decodeURIComponent(segment));
    if (segments.some((segment) => segment === '.' || segment === '..' || segment.includes('/') || segment.includes('\0'))) {
      throw new Error('dot segment');
    }
    return segments;
  } catch {
    throw new HttpError(400, `The path "${pathname}" is not a valid resource path.`);
  }
}

async function handle(exchange: Exchange, store: DavStore, maxObjectBytes: number): Promise<void> {
  const segments = segmentsOf(exchange.url.pathname);
  switch (exchange.method) {
    case 'PROPFIND':
      return propfind(exchange, store, segments);
    case 'GET':
    case 'HEAD':
      return get(exchange, store, segments);
    case 'PUT':
      return put(exchange, store, segments, maxObjectBytes);
    case 'DELETE':
      return remove(exchange, store, segments);
    case 'MKCOL':
      return mkcol(exchange, store, segments);
    case 'MOVE':
    case 'COPY':
      return moveOrCopy(exchange, store, segments);
    case 'OPTIONS':
      exchange.body.resume();
      return sendBytes(exchange, 200, { dav: '1', allow: 'OPTIONS, PROPFIND, GET, HEAD, PUT, DELETE, MKCOL, MOVE, COPY' }, '');
    default:
      exchange.body.resume();
      return sendBytes(exchange, 405, {}, `${exchange.method} is not supported by this server.`);
  }
}

async function propfind(exchange: Exchange, store: DavStore, segments: string[]): Promise<void> {
  await readBody(exchange, PROPFIND_BODY_LIMIT);
  const depth = exchange.req.headers.depth ?? 'infinity';
  if (depth !== '0' && depth !== '1') return sendBytes(exchange, 403, {}, 'PROPFIND with Depth: infinity is not supported.');
  const entry = await store.stat(segments);
  if (!entry) return sendBytes(exchange, 404, {}, 'Not Found');
  const entries = depth === '1' && entry.isCollection ? [entry, ...(await store.children(segments))] : [entry];
  sendBytes(exchange, 207, { 'content-type': 'application/xml; charset=utf-8' }, multistatus(entries));
}

async function get(exchange: Exchange, store: DavStore, segments: string[]): Promise<void> {
  exchange.body.resume();
  const entry = await store.stat(segments);
  if (!entry) return sendBytes(exchange, 404, {}, 'Not Found');
  if (entry.isCollection) return sendBytes(exchange, 405, {}, 'A collection has no content to GET.');
  const headers = {
    'content-type': 'application/octet-stream',
    'last-modified': entry.modified.toUTCString(),
    etag: etagOf(entry),
    'accept-ranges': 'bytes',
  };
  const range = parseByteRange(exchange.req.headers.range, entry.size);
  if (range === 'unsatisfiable') {
    return sendBytes(exchange, 416, { 'content-range': `bytes */${entry.size}` }, '');
  }
  if (exchange.method === 'HEAD') {
    return sendBytes(exchange, 200, { ...headers, 'content-length': entry.size }, '');
  }
  if (range === null) {
    const body = entry.size === 0 ? Buffer.alloc(0) : await store.read(segments, 0, entry.size - 1);
    return sendBytes(exchange, 200, headers, body);
  }
  const body = await store.read(segments, range.start, range.end);
  sendBytes(exchange, 206, { ...headers, 'content-range': contentRange(range, entry.size) }, body);
}

async function put(exchange: Exchange, store: DavStore, segments: string[], maxObjectBytes: number): Promise<void> {
  if (segments.length === 0) return sendBytes(exchange, 405, {}, 'The root is a collection.');
  const declared = exchange.req.headers['content-length'];
  const outcome = await store.put(segments, exchange.body, declared === undefined ? undefined : Number(declared), maxObjectBytes);
  switch (outcome) {
    case 'parent-missing':
      exchange.body.resume();
      return sendBytes(exchange, 409, {}, 'The parent collection does not exist.');
    case 'is-collection':
      exchange.body.resume();
      return sendBytes(exchange, 405, {}, 'A collection cannot be replaced by PUT.');
    default:
      return sendBytes(exchange, outcome === 'created' ? 201 : 204, {}, '');
  }
}

async function remove(exchange: Exchange, store: DavStore, segments: string[]): Promise<void> {
  exchange.body.resume();
  if (segments.length === 0) return sendBytes(exchange, 403, {}, 'The root cannot be deleted.');
  if (!(await store.stat(segments))) return sendBytes(exchange, 404, {}, 'Not Found');
  await store.remove(segments);
  sendBytes(exchange, 204, {}, '');
}

async function mkcol(exchange: Exchange, store: DavStore, segments: string[]): Promise<void> {
  const body = await readBody(exchange, PROPFIND_BODY_LIMIT);
  if (body.length > 0) return sendBytes(exchange, 415, {}, 'MKCOL with a body is not supported.');
  if (await store.stat(segments)) return sendBytes(exchange, 405, {}, 'The resource already exists.');
  const parent = await store.stat(segments.slice(0, -1));
  if (!parent?.isCollection) return sendBytes(exchange, 409, {}, 'The parent collection does not exist.');
  await store.makeCollection(segments);
  sendBytes(exchange, 201, {}, '');
}

async function moveOrCopy(exchange: Exchange, store: DavStore, segments: string[]): Promise<void> {
  exchange.body.resume();
  const destinationHeader = exchange.req.headers.destination;
  if (typeof destinationHeader !== 'string') return sendBytes(exchange, 400, {}, 'The Destination header is missing.');
  const target = segmentsOf(new URL(destinationHeader, exchange.url).pathname);
  const overwrite = String(exchange.req.headers.overwrite ?? 'T').toUpperCase() !== 'F';
  if (!(await store.stat(segments))) return sendBytes(exchange, 404, {}, 'Not Found');
  if (target.join('/') === segments.join('/') || target.length === 0) {
    return sendBytes(exchange, 403, {}, 'The source and the destination are the same.');
  }
  const parent = await store.stat(target.slice(0, -1));
  if (!parent?.isCollection) return sendBytes(exchange, 409, {}, 'The destination collection does not exist.');
  const existed = (await store.stat(target)) !== null;
  if (existed && !overwrite) return sendBytes(exchange, 412, {}, 'The destination exists and Overwrite is F.');
  if (existed) await store.remove(target);
  if (exchange.method === 'MOVE') await store.move(segments, target);
  else await store.copy(segments, target);
  sendBytes(exchange, existed ? 204 : 201, {}, '');
}
