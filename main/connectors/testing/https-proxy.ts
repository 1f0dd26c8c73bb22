import { createServer, type IncomingMessage, type RequestListener } from 'node:http';
import { createServer as createTlsHttpServer } from 'node:https';
import type { Duplex } from 'node:stream';
import { createSecureContext, type SecureContext, type TLSSocket } from 'node:tls';
import { listenLocal } from './local-server';
import type { TestCa } from './test-ca';

/** One proxy request as the proxy saw it. */
export interface ProxyRequest {
  /** `CONNECT` for HTTPS tunnels, otherwise the method of a plain-HTTP proxy request. */
  readonly method: string;
  readonly host: string;
  readonly port: number;
  readonly allowed: boolean;
}

export interface RegisterOptions {
  /** Also answer plain-HTTP proxy requests (`GET http://host/…`) for this host. Default false. */
  readonly plainHttp?: boolean;
}

/** An HTTP proxy on 127.0.0.1 that answers only for registered hosts. */
export interface HttpsProxy {
  /** `http://127.0.0.1:<port>`: the value of `HTTPS_PROXY` (and `HTTP_PROXY`). */
  readonly url: string;
  /** Routes `host` (port 443) to `handler`, serving a certificate for it signed by the test CA. */
  register(host: string, handler: RequestListener, options?: RegisterOptions): Promise<void>;
  /** Every CONNECT and plain proxy request, refused ones included. */
  requests(): readonly ProxyRequest[];
  close(): Promise<void>;
}

interface Route {
  readonly handler: RequestListener;
  readonly context: SecureContext;
  readonly plainHttp: boolean;
}

const MAX_LOG = 10_000;

/**
 * Starts the proxy that stands between rclone and the provider fakes. rclone (Go) sends
 * `CONNECT host:443` for every HTTPS origin named in `HTTPS_PROXY`; the proxy answers only for
 * registered hosts, terminates TLS itself with a certificate from the test CA (HTTP/1.1 only,
 * offered through ALPN) and hands each decrypted request to the host's handler. Any other host,
 * any other port, and plain-HTTP requests for unregistered hosts get 403: no request ever leaves
 * 127.0.0.1, the proxy opens no outbound connection at all.
 */
export async function startHttpsProxy(ca: TestCa): Promise<HttpsProxy> {
  const routes = new Map<string, Route>();
  const log: ProxyRequest[] = [];
  const note = (entry: ProxyRequest) => {
    log.push(entry);
    if (log.length > MAX_LOG) log.shift();
  };

  const tlsServer = createTlsHttpServer(
    {
      SNICallback: (servername, callback) => {
        const route = routes.get(servername.toLowerCase());
        if (route) callback(null, route.context);
        else callback(new Error(`No test certificate for ${servername}.`));
      },
      ALPNProtocols: ['http/1.1'],
      requestTimeout: 120_000,
      headersTimeout: 10_000,
      keepAliveTimeout: 5_000,
      handshakeTimeout: 10_000,
    },
    (req, res) => {
      const servername = (req.socket as TLSSocket).servername;
      const route = typeof servername === 'string' ? routes.get(servername.toLowerCase()) : undefined;
      if (!route) {
        res.writeHead(421, { 'content-length': 0 }).end();
        return;
      }
      route.handler(req, res);
    },
  );

  const proxy = createServer({ requestTimeout: 120_000, headersTimeout: 10_000 }, (req, res) => {
    const target = plainTarget(req);
    const route = target ? routes.get(target.host) : undefined;
    const allowed = route?.plainHttp === true && target?.port === 80;
    note({ method: req.method ?? 'GET', host: target?.host ?? '', port: target?.port ?? 0, allowed });
    if (!allowed || !route || !target) {
      req.resume();
      res.writeHead(403, { 'content-type': 'text/plain' }).end('The test proxy refuses hosts that have no fake.');
      return;
    }
    req.url = target.path;
    route.handler(req, res);
  });
  proxy.on('connect', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    const [host = '', portText = ''] = (req.url ?? '').toLowerCase().split(':');
    const port = Number(portText);
    const allowed = routes.has(host) && port === 443;
    note({ method: 'CONNECT', host, port, allowed });
    if (!allowed) {
      socket.end('HTTP/1.1 403 Forbidden\r\ncontent-length: 0\r\nconnection: close\r\n\r\n');
      return;
    }
    socket.write('HTTP/1.1 200 Connection Established\r\n\r\n');
    if (head.length > 0) socket.unshift(head);
    tlsServer.emit('connection', socket);
  });

  const listening = await listenLocal(proxy);
  return {
    url: listening.url,
    register: async (host, handler, options = {}) => {
      const pair = await ca.certificateFor(host);
      routes.set(host.toLowerCase(), { handler, context: createSecureContext(pair), plainHttp: options.plainHttp ?? false });
    },
    requests: () => [...log],
    close: () => listening.close(),
  };
}

function plainTarget(req: IncomingMessage): { host: string; port: number; path: string } | null {
  try {
    const url = new URL(req.url ?? '');
    if (url.protocol !== 'http:') return null;
    return { host: url.hostname.toLowerCase(), port: Number(url.port || 80), path: `${url.pathname}${url.search}` };
  } catch {
    return null;
  }
}
