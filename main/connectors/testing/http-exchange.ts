import type { IncomingMessage, OutgoingHttpHeaders, RequestListener, ServerResponse } from 'node:http';
import { pipeline, Transform, type Readable, type TransformCallback } from 'node:stream';
import { setTimeout as sleep } from 'node:timers/promises';
import type { FaultController, LoggedFault } from './fault-controller';

/** One request being answered by a fake, with the fault chosen for it. */
export interface Exchange {
  readonly req: IncomingMessage;
  readonly res: ServerResponse;
  readonly method: string;
  readonly url: URL;
  /** The request body; read it from here (not from `req`) so that byte counts and faults apply. */
  readonly body: Readable;
  readonly fault: LoggedFault;
  /** The call's name in the log (e.g. `files/upload`), from the fake's `routeOf`; the path by default. */
  readonly route: string;
  bytesIn: number;
  bytesOut: number;
}

/** Writes a provider-shaped refusal: 429 (fault or rate limit) or 503, with `Retry-After`. */
export type Refusal = (exchange: Exchange, status: 429 | 503, retryAfterSeconds: number) => void;

/** Thrown by handlers to answer with a plain-text status; fakes with their own error shape catch it. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

const RESET_WITHOUT_LENGTH_AFTER = 64 * 1024;

/**
 * Wraps a fake's handler with latency, fault injection, the request log and counters. Faults are
 * carried out here so every fake behaves alike: refusals use `refuse`, `reset` destroys the
 * connection (halfway through the request body when there is one, while the handler is reading
 * it), and `cut-body` is applied by {@link sendBytes}. A handler never sees a refused request.
 * `routeOf` names each call for the log, refused ones included.
 */
export function faultInjectingListener(
  controller: FaultController,
  refuse: Refusal,
  handle: (exchange: Exchange) => Promise<void>,
  routeOf: (url: URL) => string = (url) => url.pathname,
): RequestListener {
  return (req, res) => {
    const url = new URL(req.url ?? '/', `http://${req.headers.host ?? 'localhost'}`);
    const method = req.method ?? 'GET';
    const decision = controller.decide(method, url.pathname);
    const exchange: Exchange = {
      req,
      res,
      method,
      url,
      body: pipeline(req, bodyCounter(req, decision.fault === 'reset', () => exchange), () => undefined),
      fault: decision.fault,
      route: routeOf(url),
      bytesIn: 0,
      bytesOut: 0,
    };
    res.once('close', () => {
      controller.record({
        seq: decision.seq,
        method,
        path: url.pathname,
        route: exchange.route,
        status: res.headersSent ? res.statusCode : 0,
        bytesIn: exchange.bytesIn,
        bytesOut: exchange.bytesOut,
        fault: decision.fault,
      });
    });
    void run(exchange, decision.delayMs, controller.retryAfterSeconds, refuse, handle);
  };
}

async function run(
  exchange: Exchange,
  delayMs: number,
  retryAfter: number,
  refuse: Refusal,
  handle: (exchange: Exchange) => Promise<void>,
): Promise<void> {
  if (delayMs > 0) await sleep(delayMs);
  const { fault, req } = exchange;
  if (fault === 'rate-limit' || fault === 'too-many-requests' || fault === 'unavailable') {
    exchange.body.resume();
    refuse(exchange, fault === 'unavailable' ? 503 : 429, retryAfter);
    return;
  }
  if (fault === 'reset' && !hasBody(req)) {
    req.socket.destroy();
    return;
  }
  try {
    await handle(exchange);
  } catch (error) {
    if (exchange.res.headersSent || req.socket === null || req.socket.destroyed) {
      exchange.res.destroy();
      return;
    }
    const status = error instanceof HttpError ? error.status : 500;
    sendBytes(exchange, status, { 'content-type': 'text/plain; charset=utf-8' }, String((error as Error).message));
  }
}

function hasBody(req: IncomingMessage): boolean {
  return Number(req.headers['content-length'] ?? 0) > 0 || req.headers['transfer-encoding'] !== undefined;
}

function bodyCounter(req: IncomingMessage, reset: boolean, exchange: () => Exchange): Transform {
  const declared = Number(req.headers['content-length'] ?? 0);
  const cutAt = declared > 1 ? Math.floor(declared / 2) : RESET_WITHOUT_LENGTH_AFTER;
  return new Transform({
    transform(chunk: Buffer, _encoding, callback: TransformCallback) {
      const ex = exchange();
      if (reset && ex.bytesIn + chunk.length >= cutAt) {
        this.push(chunk.subarray(0, cutAt - ex.bytesIn));
        ex.bytesIn = cutAt;
        req.socket.destroy();
        callback(new Error('The connection was reset by fault injection.'));
        return;
      }
      ex.bytesIn += chunk.length;
      callback(null, chunk);
    },
  });
}

/**
 * Reads the whole request body, refusing more than `limit` bytes with 413. Rejects when the
 * connection breaks (a `reset` fault), so a handler that awaits this never acts on a partial body.
 */
export async function readBody(exchange: Exchange, limit: number): Promise<Buffer> {
  const declared = Number(exchange.req.headers['content-length'] ?? 0);
  if (declared > limit) throw new HttpError(413, `The request body of ${declared} bytes exceeds the fake's limit of ${limit}.`);
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of exchange.body) {
    const buffer = chunk as Buffer;
    total += buffer.length;
    if (total > limit) throw new HttpError(413, `The request body exceeds the fake's limit of ${limit} bytes.`);
    chunks.push(buffer);
  }
  if (!exchange.req.complete) throw new Error('The request body was cut short.');
  return Buffer.concat(chunks);
}

/**
 * Answers with a complete body and its `Content-Length`. Under the `cut-body` fault the headers
 * still declare the full length but only half the body is sent before the connection closes; an
 * empty body under that fault means the connection closes without any answer.
 */
export function sendBytes(exchange: Exchange, status: number, headers: OutgoingHttpHeaders, body: Buffer | string): void {
  const bytes = typeof body === 'string' ? Buffer.from(body) : body;
  const { res } = exchange;
  const declared = exchange.method === 'HEAD' && headers['content-length'] !== undefined ? headers['content-length'] : bytes.length;
  if (exchange.fault === 'cut-body') {
    if (bytes.length < 2) {
      res.destroy();
      return;
    }
    const half = bytes.subarray(0, Math.floor(bytes.length / 2));
    res.writeHead(status, { ...headers, 'content-length': declared });
    exchange.bytesOut += half.length;
    res.write(half, () => res.destroy());
    return;
  }
  res.writeHead(status, { ...headers, 'content-length': declared });
  if (exchange.method === 'HEAD') {
    res.end();
    return;
  }
  exchange.bytesOut += bytes.length;
  res.end(bytes);
}
