import crypto from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';
import type { ApiErrorBody, Envelope, ErrorCode } from '../../shared/api-errors';
import { apiPathPrefix, clientMessageSchema, wsCloseCodes, wsPath, type ServerMessage } from '../../shared/rpc/ws-protocol';
import type { Dispatch } from '../api/dispatch';
import type { EventBus } from '../api/events';
import type { Logger } from '../platform/logger';
import { securityHeaders } from './csp';
import { readStaticFile } from './static-files';

/** Loopback only: the server is for this machine's browser (or an SSH tunnel to it). */
export const httpHost = '127.0.0.1';
const maxBodyBytes = 8 * 1024 * 1024;
const authTimeoutMs = 5_000;

export interface HttpTransportOptions {
  readonly dispatch: Dispatch;
  readonly events: EventBus;
  readonly log: Logger;
  /** Secret every API request must present; at least 128 bits of randomness. */
  readonly token: string;
  /** 0 (the default) picks a free port. */
  readonly port?: number;
  /** The built renderer; null serves the API only. */
  readonly staticDir: string | null;
  /** Exchanges one-time download tickets (from `downloads.create`) for file contents. */
  readonly downloads?: { redeem(ticket: string): Promise<{ fileName: string; contentType: string; size: number | null; body: NodeJS.ReadableStream } | null> };
}

export const downloadPathPrefix = '/api/download/';

export interface HttpTransport {
  readonly port: number;
  /** The address to open, with the token in the fragment (never sent to the server). */
  readonly url: string;
  close(): Promise<void>;
}

export function createToken(): string {
  return crypto.randomBytes(32).toString('base64url');
}

/**
 * The HTTP + WebSocket transport: `POST /api/<method>` with `Authorization: Bearer <token>`,
 * `GET /api/ws` for calls and events (the token is the first message), and the renderer's files.
 * Requests whose Host or Origin is not this server's own are refused, which defeats DNS
 * rebinding and cross-site requests.
 */
export async function startHttpTransport(options: HttpTransportOptions): Promise<HttpTransport> {
  if (Buffer.byteLength(options.token) < 16) throw new Error('The HTTP transport token must have at least 128 bits.');
  const expectedToken = digest(options.token);
  const isTokenValid = (candidate: string): boolean => crypto.timingSafeEqual(digest(candidate), expectedToken);
  let port = 0;
  const isLocalRequest = (req: http.IncomingMessage): boolean => isOwnHost(req.headers.host, port) && isOwnOrigin(req.headers.origin, port);

  const server = http.createServer((req, res) => {
    handleRequest(req, res).catch((error: unknown) => {
      options.log.error('http request failed', { url: req.url, error: String(error) });
      if (!res.headersSent) sendJson(res, 500, failure('INTERNAL', 'The server could not answer this request.'));
      else res.destroy();
    });
  });

  async function handleRequest(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    if (!isLocalRequest(req)) {
      sendJson(res, 403, failure('FORBIDDEN', 'Requests must come from this server’s own address.'));
      return;
    }
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (url.pathname.startsWith(downloadPathPrefix) && req.method === 'GET') {
      await handleDownload(res, url.pathname.slice(downloadPathPrefix.length));
      return;
    }
    if (url.pathname.startsWith(apiPathPrefix)) {
      await handleApi(req, res, url.pathname.slice(apiPathPrefix.length));
      return;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      sendJson(res, 405, failure('BAD_REQUEST', 'Only GET is allowed here.'));
      return;
    }
    const file = options.staticDir ? await readStaticFile(options.staticDir, url.pathname) : null;
    if (!file) {
      res.writeHead(404, { ...securityHeaders, 'Content-Type': 'text/plain; charset=utf-8' });
      res.end('Not found');
      return;
    }
    res.writeHead(200, {
      ...securityHeaders,
      'Content-Type': file.contentType,
      'Cache-Control': file.isImmutable ? 'public, max-age=31536000, immutable' : 'no-cache',
    });
    res.end(req.method === 'HEAD' ? undefined : file.body);
  }

  /** The ticket in the address is the credential: random, single-use and short-lived. */
  async function handleDownload(res: http.ServerResponse, ticket: string): Promise<void> {
    const download = /^[A-Za-z0-9_-]{16,64}$/.test(ticket) ? await options.downloads?.redeem(ticket) : null;
    if (!download) {
      sendJson(res, 404, failure('NOT_FOUND', 'This download link was used already or has expired. Start the download again.'));
      return;
    }
    res.writeHead(200, {
      ...securityHeaders,
      'Content-Type': download.contentType,
      'Content-Disposition': `attachment; filename*=UTF-8''${encodeURIComponent(download.fileName)}`,
      'Cache-Control': 'no-store',
      ...(download.size !== null ? { 'Content-Length': String(download.size) } : {}),
    });
    download.body.on('error', (error) => {
      options.log.warn('a download failed midway', { reason: String(error) });
      res.destroy();
    });
    download.body.pipe(res);
  }

  async function handleApi(req: http.IncomingMessage, res: http.ServerResponse, method: string): Promise<void> {
    const auth = req.headers.authorization ?? '';
    const token = auth.startsWith('Bearer ') ? auth.slice('Bearer '.length) : '';
    if (!token || !isTokenValid(token)) {
      sendJson(res, 401, failure('UNAUTHORIZED', 'A valid access token is required. Open the address the server printed.'));
      return;
    }
    if (req.method !== 'POST') {
      sendJson(res, 405, failure('BAD_REQUEST', 'API calls use POST.'));
      return;
    }
    if (!(req.headers['content-type'] ?? '').startsWith('application/json')) {
      sendJson(res, 415, failure('BAD_REQUEST', 'API calls must send JSON (Content-Type: application/json).'));
      return;
    }
    const body = await readBody(req);
    if (body === null) {
      sendJson(res, 413, failure('BAD_REQUEST', `The request body is larger than ${maxBodyBytes} bytes.`));
      return;
    }
    let params: unknown;
    try {
      params = body.length ? JSON.parse(body.toString('utf8')) : {};
    } catch {
      sendJson(res, 400, failure('BAD_REQUEST', 'The request body is not valid JSON.'));
      return;
    }
    sendJson(res, 200, await options.dispatch(method, params, { transport: 'http' }));
  }

  const wss = new WebSocketServer({ noServer: true, maxPayload: maxBodyBytes });
  server.on('upgrade', (req, socket, head) => {
    const pathname = new URL(req.url ?? '/', 'http://localhost').pathname;
    if (pathname !== wsPath || !isLocalRequest(req)) {
      socket.end('HTTP/1.1 403 Forbidden\r\nConnection: close\r\n\r\n');
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => serveWebSocket(ws));
  });

  function serveWebSocket(ws: WebSocket): void {
    let unsubscribe: (() => void) | null = null;
    const send = (message: ServerMessage): void => {
      if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(message));
    };
    const authTimer = setTimeout(() => ws.close(wsCloseCodes.unauthorized, 'no token'), authTimeoutMs);
    ws.on('close', () => {
      clearTimeout(authTimer);
      unsubscribe?.();
    });
    ws.on('message', (data, isBinary) => {
      const parsed = isBinary ? null : parseClientMessage(data.toString());
      if (!parsed) {
        ws.close(wsCloseCodes.protocolError, 'bad message');
        return;
      }
      if (!unsubscribe) {
        if (parsed.type !== 'auth' || !isTokenValid(parsed.token)) {
          ws.close(wsCloseCodes.unauthorized, 'unauthorized');
          return;
        }
        clearTimeout(authTimer);
        unsubscribe = options.events.subscribe((name, payload) => send({ type: 'event', name, payload }));
        send({ type: 'ready' });
        return;
      }
      if (parsed.type !== 'call') return;
      void options.dispatch(parsed.method, parsed.params, { transport: 'ws' }).then((envelope) =>
        send({ type: 'result', id: parsed.id, envelope }),
      );
    });
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, httpHost, () => resolve());
  });
  port = (server.address() as AddressInfo).port;
  options.log.info('http transport listening', { host: httpHost, port });

  return {
    port,
    url: `http://${httpHost}:${port}/#token=${options.token}`,
    close: () =>
      new Promise<void>((resolve) => {
        for (const client of wss.clients) client.terminate();
        wss.close();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function digest(value: string): Buffer {
  return crypto.createHash('sha256').update(value).digest();
}

function isOwnHost(host: string | undefined, port: number): boolean {
  return host === `${httpHost}:${port}` || host === `localhost:${port}`;
}

/** Browsers always send Origin on WebSocket upgrades and cross-origin requests; other clients may omit it. */
function isOwnOrigin(origin: string | undefined, port: number): boolean {
  return origin === undefined || origin === `http://${httpHost}:${port}` || origin === `http://localhost:${port}`;
}

function parseClientMessage(text: string): ReturnType<typeof clientMessageSchema.parse> | null {
  try {
    const result = clientMessageSchema.safeParse(JSON.parse(text));
    return result.success ? result.data : null;
  } catch {
    return null;
  }
}

async function readBody(req: http.IncomingMessage): Promise<Buffer | null> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buffer = chunk as Buffer;
    size += buffer.length;
    if (size > maxBodyBytes) return null;
    chunks.push(buffer);
  }
  return Buffer.concat(chunks);
}

function failure(code: ErrorCode, message: string): Envelope<never> {
  const error: ApiErrorBody = { code, message };
  return { ok: false, error };
}

function sendJson(res: http.ServerResponse, status: number, body: Envelope<unknown>): void {
  res.writeHead(status, { ...securityHeaders, 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' });
  res.end(JSON.stringify(body));
}
