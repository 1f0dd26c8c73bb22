import {
  DropboxApiError,
  DropboxBadRequest,
  fileMetadata,
  folderMetadata,
  lookupError,
  nested,
  taggedMetadata,
  writeError,
  type Tagged,
} from './dropbox-api';
import { dropboxTime, type DbxFile, type DropboxStore } from './dropbox-store';
import type { UploadSessions } from './dropbox-upload-sessions';

/** What the routes share: the namespace, open upload sessions and the fake's limits. */
export interface DropboxContext {
  readonly store: DropboxStore;
  readonly sessions: UploadSessions;
  /** Largest page of `list_folder` (the client's `limit` can only lower it). */
  readonly listPageSize: number;
  /** Bytes the account may hold; writes beyond answer `insufficient_space`. */
  readonly quotaBytes: number;
}

/** The decoded request: the JSON argument and, for uploads, the body. */
export interface RouteCall {
  readonly arg: Readonly<Record<string, unknown>>;
  readonly data: Buffer;
}

export type RouteAnswer = { readonly json: unknown } | { readonly file: DbxFile };

/** One API route: its host, its request style, what it counts as, and its behaviour. */
export interface DropboxRoute {
  readonly host: 'api' | 'content';
  /** rpc: JSON body in, JSON out; upload: `Dropbox-API-Arg` and bytes in, JSON out; download: arg in, bytes out. */
  readonly style: 'rpc' | 'upload' | 'download';
  readonly category: 'read' | 'write' | 'account';
  handle(context: DropboxContext, call: RouteCall): RouteAnswer;
}

function text(arg: Readonly<Record<string, unknown>>, name: string): string {
  const value = arg[name];
  if (typeof value !== 'string') throw new DropboxBadRequest(`request body: ${name}: missing or not a string`);
  return value;
}

function tagOf(value: unknown, fallback: string): string {
  if (typeof value === 'string') return value;
  if (value && typeof value === 'object' && '.tag' in value) return String((value as Tagged)['.tag']);
  return fallback;
}

function cursorOf(arg: Readonly<Record<string, unknown>>): { session: string; offset: number } {
  const cursor = arg.cursor as { session_id?: unknown; offset?: unknown } | undefined;
  if (!cursor || typeof cursor.session_id !== 'string' || typeof cursor.offset !== 'number') {
    throw new DropboxBadRequest('request body: cursor: missing session_id or offset');
  }
  return { session: cursor.session_id, offset: cursor.offset };
}

interface ListCursor {
  readonly p: string;
  readonly r: boolean;
  readonly o: number;
  readonly l: number;
}

function listPage(context: DropboxContext, cursor: ListCursor): RouteAnswer {
  const folder = context.store.lookup(cursor.p);
  if (typeof folder === 'string') throw new DropboxApiError({ '.tag': 'reset' });
  if (folder.kind !== 'folder') throw new DropboxApiError(nested('path', { '.tag': 'not_folder' }));
  const all = cursor.r ? context.store.descendants(folder) : [...folder.children.values()];
  const page = all.slice(cursor.o, cursor.o + cursor.l);
  const next: ListCursor = { ...cursor, o: cursor.o + page.length };
  return {
    json: {
      entries: page.map(taggedMetadata),
      cursor: `AAH${Buffer.from(JSON.stringify(next)).toString('base64url')}`,
      has_more: next.o < all.length,
    },
  };
}

function commitFile(context: DropboxContext, commit: Readonly<Record<string, unknown>>, content: Buffer): DbxFile {
  const path = text(commit, 'path');
  const mode = commit.mode;
  const modeTag = tagOf(mode, 'add');
  const expectedRev = modeTag === 'update' ? String((mode as Tagged).update) : undefined;
  if (context.store.usedBytes() + content.length > context.quotaBytes) {
    throw new DropboxApiError(nested('path', writeError('insufficient_space')));
  }
  const clientModified = typeof commit.client_modified === 'string' ? commit.client_modified : dropboxTime(new Date());
  const file = context.store.writeFile(path, content, clientModified, { overwrite: modeTag === 'overwrite', expectedRev });
  if (typeof file === 'string') throw new DropboxApiError(nested('path', writeError(file)));
  return file;
}

function finishEntry(context: DropboxContext, entry: Readonly<Record<string, unknown>>): Tagged {
  try {
    const { session, offset } = cursorOf(entry);
    const content = context.sessions.finish(session, offset, Buffer.alloc(0));
    const file = commitFile(context, (entry.commit ?? {}) as Record<string, unknown>, content);
    return { '.tag': 'success', ...fileMetadata(file) };
  } catch (error) {
    if (error instanceof DropboxApiError) return { '.tag': 'failure', failure: error.error };
    throw error;
  }
}

/** The routes rclone 1.60's dropbox backend calls, keyed by `namespace/route`. */
export const DROPBOX_ROUTES: Readonly<Record<string, DropboxRoute>> = {
  'files/list_folder': {
    host: 'api',
    style: 'rpc',
    category: 'read',
    handle: (context, { arg }) => {
      const path = text(arg, 'path');
      const folder = context.store.lookup(path);
      if (typeof folder === 'string') throw new DropboxApiError(nested('path', lookupError(folder)));
      if (folder.kind !== 'folder') throw new DropboxApiError(nested('path', { '.tag': 'not_folder' }));
      const limit = typeof arg.limit === 'number' ? Math.min(arg.limit, context.listPageSize) : context.listPageSize;
      return listPage(context, { p: path, r: arg.recursive === true, o: 0, l: limit });
    },
  },
  'files/list_folder/continue': {
    host: 'api',
    style: 'rpc',
    category: 'read',
    handle: (context, { arg }) => {
      const token = text(arg, 'cursor');
      let cursor: ListCursor;
      try {
        cursor = JSON.parse(Buffer.from(token.slice(3), 'base64url').toString('utf8')) as ListCursor;
      } catch {
        throw new DropboxBadRequest('request body: cursor: invalid cursor');
      }
      return listPage(context, cursor);
    },
  },
  'files/get_metadata': {
    host: 'api',
    style: 'rpc',
    category: 'read',
    handle: (context, { arg }) => {
      const path = text(arg, 'path');
      if (path === '' || path === '/') throw new DropboxBadRequest('request body: path: The root folder is unsupported.');
      const entry = context.store.lookup(path);
      if (typeof entry === 'string') throw new DropboxApiError(nested('path', lookupError(entry)));
      return { json: taggedMetadata(entry) };
    },
  },
  'files/create_folder_v2': {
    host: 'api',
    style: 'rpc',
    category: 'write',
    handle: (context, { arg }) => {
      const folder = context.store.createFolder(text(arg, 'path'));
      if (typeof folder === 'string') throw new DropboxApiError(nested('path', writeError(folder)));
      return { json: { metadata: folderMetadata(folder) } };
    },
  },
  'files/delete_v2': {
    host: 'api',
    style: 'rpc',
    category: 'write',
    handle: (context, { arg }) => {
      const entry = context.store.remove(text(arg, 'path'));
      if (typeof entry === 'string') throw new DropboxApiError(nested('path_lookup', lookupError(entry)));
      return { json: { metadata: taggedMetadata(entry) } };
    },
  },
  'files/move_v2': { host: 'api', style: 'rpc', category: 'write', handle: (context, call) => relocate(context, call, false) },
  'files/copy_v2': { host: 'api', style: 'rpc', category: 'write', handle: (context, call) => relocate(context, call, true) },
  'files/download': {
    host: 'content',
    style: 'download',
    category: 'read',
    handle: (context, { arg }) => {
      const entry = context.store.lookup(text(arg, 'path'));
      if (typeof entry === 'string') throw new DropboxApiError(nested('path', lookupError(entry)));
      if (entry.kind !== 'file') throw new DropboxApiError(nested('path', { '.tag': 'not_file' }));
      return { file: entry };
    },
  },
  'files/upload': {
    host: 'content',
    style: 'upload',
    category: 'write',
    handle: (context, { arg, data }) => ({ json: fileMetadata(commitFile(context, arg, data)) }),
  },
  'files/upload_session/start': {
    host: 'content',
    style: 'upload',
    category: 'write',
    handle: (context, { arg, data }) => ({ json: { session_id: context.sessions.start(data, arg.close === true) } }),
  },
  'files/upload_session/append_v2': {
    host: 'content',
    style: 'upload',
    category: 'write',
    handle: (context, { arg, data }) => {
      const { session, offset } = cursorOf(arg);
      context.sessions.append(session, offset, data, arg.close === true, null);
      return { json: null };
    },
  },
  'files/upload_session/finish': {
    host: 'content',
    style: 'upload',
    category: 'write',
    handle: (context, { arg, data }) => {
      const { session, offset } = cursorOf(arg);
      const content = context.sessions.finish(session, offset, data);
      return { json: fileMetadata(commitFile(context, (arg.commit ?? {}) as Record<string, unknown>, content)) };
    },
  },
  'files/upload_session/finish_batch_v2': {
    host: 'api',
    style: 'rpc',
    category: 'write',
    handle: (context, { arg }) => {
      const entries = Array.isArray(arg.entries) ? (arg.entries as Record<string, unknown>[]) : [];
      return { json: { entries: entries.map((entry) => finishEntry(context, entry)) } };
    },
  },
  'users/get_space_usage': {
    host: 'api',
    style: 'rpc',
    category: 'account',
    handle: (context) => ({
      json: { used: context.store.usedBytes(), allocation: { '.tag': 'individual', allocated: context.quotaBytes } },
    }),
  },
};

function relocate(context: DropboxContext, { arg }: RouteCall, keepSource: boolean): RouteAnswer {
  const moved = context.store.transfer(text(arg, 'from_path'), text(arg, 'to_path'), keepSource);
  if (moved === 'from_not_found') throw new DropboxApiError(nested('from_lookup', { '.tag': 'not_found' }));
  if (typeof moved === 'string') throw new DropboxApiError(nested('to', writeError(moved)));
  return { json: { metadata: taggedMetadata(moved) } };
}
