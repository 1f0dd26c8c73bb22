import fs from 'node:fs/promises';
import http, { type ClientRequest, type IncomingMessage, type OutgoingHttpHeaders } from 'node:http';
import https from 'node:https';
import type { Socket } from 'node:net';
import { connect } from 'node:tls';
import type { CloudFakes } from './cloud-fakes';

/** One answer as the browser received it, redirects not followed. */
export interface BrowserAnswer {
  readonly status: number;
  /** The `Location` header, empty when there is none. */
  readonly location: string;
  readonly body: string;
}

/**
 * One request as a browser sends it while signing in: `http://` addresses (rclone's loopback)
 * directly, `https://` ones through the fakes' proxy with the test CA trusted. A `form` makes it
 * a POST of that form, as a submitted HTML form is; redirects are not followed.
 */
export async function browserRequest(fakes: Pick<CloudFakes, 'proxy' | 'caCertPath'>, address: string, form?: URLSearchParams): Promise<BrowserAnswer> {
  const url = new URL(address);
  const body = form?.toString() ?? '';
  const headers: OutgoingHttpHeaders = { connection: 'close' };
  if (form) Object.assign(headers, { 'content-type': 'application/x-www-form-urlencoded', 'content-length': Buffer.byteLength(body) });
  const options = { method: form ? 'POST' : 'GET', headers };
  if (url.protocol === 'http:') return answerOf(http.request(url, options), body);
  const socket = await tunnel(fakes.proxy.url, url.hostname);
  const ca = await fs.readFile(fakes.caCertPath);
  return answerOf(https.request(url, { ...options, createConnection: () => connect({ socket, servername: url.hostname, ca }) }), body);
}

function tunnel(proxyUrl: string, host: string): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const req = http.request(proxyUrl, { method: 'CONNECT', path: `${host}:443` });
    req.on('connect', (res: IncomingMessage, socket: Socket) => {
      if (res.statusCode === 200) return resolve(socket);
      socket.destroy();
      reject(new Error(`The proxy refused a tunnel to ${host}: ${res.statusCode ?? 0}.`));
    });
    req.on('error', reject);
    req.end();
  });
}

function answerOf(req: ClientRequest, body: string): Promise<BrowserAnswer> {
  return new Promise((resolve, reject) => {
    req.on('response', (res: IncomingMessage) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, location: String(res.headers.location ?? ''), body: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(body);
  });
}
