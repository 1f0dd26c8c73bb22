import { randomBytes } from 'node:crypto';
import type { RequestListener } from 'node:http';
import { contentRange, parseByteRange } from './byte-range';
import { FaultController, type FaultOptions } from './fault-controller';
import { faultInjectingListener, readBody, sendBytes, type Exchange } from './http-exchange';
import { fileJson, folderJson, OpenDriveError, OpenDriveStore } from './opendrive-store';

export interface OpenDriveFakeOptions {
  readonly faults?: FaultOptions;
  readonly username?: string;
  readonly password?: string;
  /** A session stops working this long after login. Default 36 hours. */
  readonly sessionLifetimeSeconds?: number;
  /** Largest chunk accepted by `upload_file_chunk.json`. Default 64 MiB. */
  readonly maxChunkBytes?: number;
}

/** Successful calls by kind. */
export interface OpenDriveCounters {
  readonly logins: number;
  readonly reads: number;
  readonly writes: number;
}

/** The OpenDrive API stand-in; mount `handler` behind the HTTPS proxy for `hosts`. */
export interface OpenDriveFake {
  readonly hosts: readonly string[];
  readonly handler: RequestListener;
  readonly faults: FaultController;
  readonly store: OpenDriveStore;
  readonly username: string;
  /** The account's password now (see `changePassword`). */
  readonly password: string;
  /** The user changed the password on the website: logins with the old one are refused from now on, and every session ends. */
  changePassword(password: string): void;
  /** Every session issued so far answers 401 "Session does not exist, please re-login." now. */
  expireSessions(): void;
  /** Answers the next `count` calls (of `route` only, e.g. `folder/list.json`) with 429. */
  rateLimitNext(count: number, route?: string): void;
  /** The call log: route (e.g. `upload/upload_file_chunk.json`) and status. */
  calls(): readonly { readonly route: string; readonly status: number }[];
  counters(): OpenDriveCounters;
}

export const OPENDRIVE_HOSTS = ['dev.opendrive.com'] as const;
const BASE = '/api/v1/';

/** The exact answer of the real API to a call with an unknown or expired session. */
export const OPENDRIVE_SESSION_ERROR = { status: 401, message: 'Session does not exist, please re-login.' } as const;

interface Call {
  readonly exchange: Exchange;
  readonly store: OpenDriveStore;
  /** Path segments after the route name (session and ids). */
  readonly params: readonly string[];
  readonly body: Record<string, string>;
  session(id: string | undefined): void;
}

type Handler = (call: Call) => Promise<unknown> | unknown;

/**
 * A stand-in for OpenDrive's REST API (`https://dev.opendrive.com/api/v1/`) as rclone 1.60's
 * opendrive backend uses it: login, folder listing, item-by-name and file-info lookups, folder
 * create/remove, file delete, chunked upload (create, open, multipart chunks, close), modtime and
 * access settings, ranged download, and server-side move/copy. Errors have OpenDrive's shape
 * `{"error":{"code":…,"message":…}}`; an invalid session gets the real API's 401
 * "Session does not exist, please re-login." rclone 1.60 never logs in again after login, and
 * it retries 401 as a low-level retry, so an expired session surfaces only after
 * `--low-level-retries`; the connector must map this message to AUTH_EXPIRED.
 */
export function createOpenDriveFake(options: OpenDriveFakeOptions = {}): OpenDriveFake {
  const faults = new FaultController(options.faults);
  const store = new OpenDriveStore();
  const username = options.username ?? 'tester@kloset.test';
  let password = options.password ?? `pw-${randomBytes(9).toString('base64url')}`;
  const lifetimeMs = (options.sessionLifetimeSeconds ?? 36 * 3600) * 1000;
  const maxChunk = options.maxChunkBytes ?? 64 * 1024 * 1024;
  const sessions = new Map<string, number>();
  const totals = { logins: 0, reads: 0, writes: 0 };

  const routes: Record<string, { method: string; kind: 'reads' | 'writes'; handle: Handler }> = {
    'folder/list.json': { method: 'GET', kind: 'reads', handle: ({ store: s, params, session }) => {
      session(params[0]);
      const folder = s.folder(params[1] ?? '0');
      return {
        DirUpdateTime: String(folder.modified),
        Name: folder.name,
        ParentFolderID: folder.parentId ?? '',
        DirectFolderLink: `https://od.lk/fl/${folder.id}`,
        ResponseType: 0,
        Folders: s.subfolders(folder.id).map((f) => folderJson(s, f)),
        Files: s.filesIn(folder.id).map(fileJson),
      };
    } },
    'folder/itembyname.json': { method: 'GET', kind: 'reads', handle: ({ store: s, params, session, exchange }) => {
      session(params[0]);
      const folder = s.folder(params[1] ?? '0');
      const item = s.findByName(folder.id, exchange.url.searchParams.get('name') ?? '');
      if (!item) return { DirUpdateTime: folder.modified };
      return 'folderId' in item ? { DirUpdateTime: folder.modified, Files: [fileJson(item)] } : { DirUpdateTime: folder.modified, Folders: [folderJson(s, item)] };
    } },
    'file/info.json': { method: 'GET', kind: 'reads', handle: ({ store: s, params, session, exchange }) => {
      session(exchange.url.searchParams.get('session_id') ?? undefined);
      return fileJson(s.file(params[0] ?? ''));
    } },
    'folder.json': { method: 'POST', kind: 'writes', handle: ({ store: s, body, session }) => {
      session(body.session_id);
      const folder = s.createFolder(body.folder_sub_parent ?? '0', body.folder_name ?? '');
      return { ...folderJson(s, folder), Description: '' };
    } },
    'folder/remove.json': { method: 'POST', kind: 'writes', handle: ({ store: s, body, session }) => {
      session(body.session_id);
      s.removeFolder(body.folder_id ?? '');
      return { DirUpdateTime: Math.floor(Date.now() / 1000) };
    } },
    'file.json': { method: 'DELETE', kind: 'writes', handle: ({ store: s, params, session }) => {
      session(params[0]);
      s.file(params[1] ?? '');
      s.files.delete(params[1] ?? '');
      return { DirUpdateTime: Math.floor(Date.now() / 1000) };
    } },
    'upload/create_file.json': { method: 'POST', kind: 'writes', handle: ({ store: s, body, session }) => {
      session(body.session_id);
      const file = s.createFile(body.folder_id ?? '0', body.file_name ?? '');
      const json = fileJson(file);
      return { ...json, DirUpdateTime: file.modified, TempLocation: '', SpeedLimit: 0, RequireCompression: 0, RequireHash: 0, RequireHashOnly: 0 };
    } },
    'upload/open_file_upload.json': { method: 'POST', kind: 'writes', handle: ({ store: s, body, session }) => {
      session(body.session_id);
      const tempLocation = s.openUpload(body.file_id ?? '', Number(body.file_size ?? 0));
      return { TempLocation: tempLocation, RequireCompression: false, RequireHash: false, RequireHashOnly: false, SpeedLimit: 0 };
    } },
    'upload/upload_file_chunk.json': { method: 'POST', kind: 'writes', handle: async ({ store: s, exchange, session }) => {
      const form = await new Response(await readBody(exchange, maxChunk + 64 * 1024), {
        headers: { 'content-type': exchange.req.headers['content-type'] ?? '' },
      }).formData();
      session(String(form.get('session_id') ?? ''));
      const data = form.get('file_data');
      if (!(data instanceof Blob)) throw new OpenDriveError(400, '`file_data` is required.');
      const written = s.uploadChunk(String(form.get('temp_location')), String(form.get('file_id')), Number(form.get('chunk_offset')), Buffer.from(await data.arrayBuffer()));
      return { TotalWritten: written };
    } },
    'upload/close_file_upload.json': { method: 'POST', kind: 'writes', handle: ({ store: s, body, session }) => {
      session(body.session_id);
      const file = s.closeUpload(body.temp_location ?? '', body.file_id ?? '', Number(body.file_size ?? -1));
      return { FileID: file.id, FileHash: file.md5, Size: file.content.length };
    } },
    'file/filesettings.json': { method: 'PUT', kind: 'writes', handle: ({ store: s, body, session }) => {
      session(body.session_id);
      const file = s.file(body.file_id ?? '');
      file.modified = Number(body.file_modification_time ?? file.modified);
      return fileJson(file);
    } },
    'file/access.json': { method: 'POST', kind: 'writes', handle: ({ store: s, body, session }) => {
      session(body.session_id);
      return { FileId: s.file(body.file_id ?? '').id, Access: body.file_ispublic ?? '0' };
    } },
    'file/move_copy.json': { method: 'POST', kind: 'writes', handle: ({ store: s, body, session }) => {
      session(body.session_id);
      const file = s.moveCopyFile(body.src_file_id ?? '', body.dst_folder_id ?? '0', body.new_file_name ?? '', body.move === 'true');
      return { FileID: file.id, Size: String(file.content.length) };
    } },
    'folder/move_copy.json': { method: 'POST', kind: 'writes', handle: ({ store: s, body, session }) => {
      session(body.session_id);
      if (body.move !== 'true') throw new OpenDriveError(400, 'Copying folders is not supported by this fake.');
      return { FolderID: s.moveFolder(body.folder_id ?? '', body.dst_folder_id ?? '0', body.new_folder_name ?? '').id };
    } },
  };

  const checkSession = (id: string | undefined) => {
    const expires = id === undefined ? undefined : sessions.get(id);
    if (expires === undefined || Date.now() >= expires) throw new OpenDriveError(OPENDRIVE_SESSION_ERROR.status, OPENDRIVE_SESSION_ERROR.message);
  };

  const handler = faultInjectingListener(faults, refuse, async (exchange) => {
    const rest = exchange.url.pathname.startsWith(BASE) ? exchange.url.pathname.slice(BASE.length) : '';
    const name = exchange.route;
    try {
      if (name === 'session/login.json') return await login(exchange);
      if (name === 'download/file.json') return download(exchange, rest.slice('download/file.json/'.length));
      const route = routes[name];
      if (!route || route.method !== exchange.method) throw new OpenDriveError(404, '');
      const params = rest.slice(name.length + 1).split('/').filter((p) => p !== '').map(decodeURIComponent);
      const isJson = (exchange.req.headers['content-type'] ?? '').includes('application/json');
      const body = isJson ? jsonBody((await readBody(exchange, 1024 * 1024)).toString('utf8')) : {};
      const answer = await route.handle({ exchange, store, params, body, session: checkSession });
      totals[route.kind] += 1;
      sendJson(exchange, 200, answer);
    } catch (error) {
      if (!(error instanceof OpenDriveError)) throw error;
      exchange.body.resume();
      sendJson(exchange, error.status, { error: { code: error.status, message: error.message } });
    }
  }, routeName);

  /** The route a path names: `folder/list.json` for `/api/v1/folder/list.json/<session>/<id>`. */
  function routeName(url: URL): string {
    const rest = url.pathname.startsWith(BASE) ? url.pathname.slice(BASE.length) : url.pathname;
    const known = [...Object.keys(routes), 'session/login.json', 'download/file.json'];
    return known.find((key) => rest === key || rest.startsWith(`${key}/`)) ?? rest;
  }

  async function login(exchange: Exchange): Promise<void> {
    const body = jsonBody((await readBody(exchange, 64 * 1024)).toString('utf8'));
    if (body.username !== username || body.passwd !== password) throw new OpenDriveError(401, 'Username or password is incorrect.');
    const sessionId = randomBytes(16).toString('hex');
    sessions.set(sessionId, Date.now() + lifetimeMs);
    totals.logins += 1;
    sendJson(exchange, 200, {
      SessionID: sessionId, UserName: username, UserFirstName: 'Kloset', UserLastName: 'Tester', AccType: '1', UserLang: 'en',
      UserID: '510610', IsAccountUser: 0, DriveName: 'OpenDrive', UserLevel: '1', UserPlan: 'Personal', FVersioning: '0',
      UserDomain: 'opendrive.com', PartnerUsersDomain: '',
    });
  }

  function download(exchange: Exchange, fileId: string): void {
    exchange.body.resume();
    checkSession(exchange.url.searchParams.get('session_id') ?? undefined);
    const file = store.file(decodeURIComponent(fileId));
    const size = file.content.length;
    const headers = { 'content-type': 'application/octet-stream', 'accept-ranges': 'bytes' };
    const range = parseByteRange(exchange.req.headers.range, size);
    totals.reads += 1;
    if (range === 'unsatisfiable') return sendBytes(exchange, 416, { 'content-range': `bytes */${size}` }, '');
    if (range === null) return sendBytes(exchange, 200, headers, file.content);
    sendBytes(exchange, 206, { ...headers, 'content-range': contentRange(range, size) }, file.content.subarray(range.start, range.end + 1));
  }

  return {
    hosts: OPENDRIVE_HOSTS,
    handler,
    faults,
    store,
    username,
    get password() {
      return password;
    },
    changePassword: (next) => {
      password = next;
      for (const id of sessions.keys()) sessions.set(id, 0);
    },
    expireSessions: () => {
      for (const id of sessions.keys()) sessions.set(id, 0);
    },
    rateLimitNext: (count, route) => faults.inject({ kind: 'too-many-requests', count, path: route ? `${BASE}${route}` : undefined }),
    calls: () => faults.requests().map((entry) => ({ route: entry.route, status: entry.status })),
    counters: () => ({ ...totals }),
  };
}

function jsonBody(text: string): Record<string, string> {
  try {
    const value: unknown = JSON.parse(text || '{}');
    const out: Record<string, string> = {};
    if (value && typeof value === 'object') for (const [key, v] of Object.entries(value)) out[key] = String(v);
    return out;
  } catch {
    throw new OpenDriveError(400, 'Invalid JSON body.');
  }
}

function sendJson(exchange: Exchange, status: number, value: unknown): void {
  sendBytes(exchange, status, { 'content-type': 'application/json' }, JSON.stringify(value));
}

function refuse(exchange: Exchange, status: 429 | 503, retryAfter: number): void {
  const message = status === 429 ? 'Too many requests, please slow down.' : 'Service temporarily unavailable.';
  sendBytes(exchange, status, { 'content-type': 'application/json', 'retry-after': String(retryAfter) }, JSON.stringify({ error: { code: status, message } }));
}
