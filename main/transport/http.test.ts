import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { WebSocket } from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { wsCloseCodes, wsPath } from '../../shared/rpc/ws-protocol';
import { contentSecurityPolicy } from './csp';
import { startTestServer, type TestServer } from './test-transport';

function request(server: TestServer, pathname: string, init: { method?: string; headers?: Record<string, string>; body?: string } = {}) {
  return new Promise<{ status: number; body: string; headers: http.IncomingHttpHeaders }>((resolve, reject) => {
    // node:http rather than fetch, which does not let a caller set Host.
    const req = http.request(
      { host: '127.0.0.1', port: server.transport.port, path: pathname, method: init.method ?? 'GET', headers: init.headers },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8'), headers: res.headers }));
      },
    );
    req.on('error', reject);
    req.end(init.body);
  });
}

function wsClose(url: string, headers: Record<string, string>, first?: string): Promise<{ code: number } | { status: number }> {
  return new Promise((resolve) => {
    const socket = new WebSocket(url, { headers });
    socket.on('unexpected-response', (_req, res) => resolve({ status: res.statusCode ?? 0 }));
    socket.on('error', () => undefined);
    socket.on('open', () => {
      if (first !== undefined) socket.send(first);
    });
    socket.on('close', (code) => resolve({ code }));
  });
}

describe('the HTTP transport', () => {
  let server: TestServer;
  let staticDir: string;
  const json = { 'Content-Type': 'application/json' };
  beforeAll(async () => {
    staticDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kloset-static-'));
    fs.writeFileSync(path.join(staticDir, 'index.html'), '<!doctype html><title>app</title>');
    fs.writeFileSync(path.join(os.tmpdir(), 'kloset-outside.txt'), 'outside');
    server = await startTestServer(staticDir);
  });
  afterAll(async () => {
    await server.close();
    fs.rmSync(staticDir, { recursive: true, force: true });
  });

  it('answers 401 without a token', async () => {
    const response = await request(server, '/api/app.info', { method: 'POST', headers: json, body: '{}' });
    expect(response.status).toBe(401);
    expect(JSON.parse(response.body)).toMatchObject({ ok: false, error: { code: 'UNAUTHORIZED' } });
  });

  it('answers 401 with a wrong token', async () => {
    const response = await request(server, '/api/app.info', { method: 'POST', headers: { ...json, Authorization: `Bearer ${server.token}x` }, body: '{}' });
    expect(response.status).toBe(401);
  });

  it('answers with the result when the token is right', async () => {
    const response = await request(server, '/api/app.info', { method: 'POST', headers: { ...json, Authorization: `Bearer ${server.token}` }, body: '{}' });
    expect(response.status).toBe(200);
    expect(JSON.parse(response.body)).toMatchObject({ ok: true, result: { name: 'Kloset Desktop' } });
  });

  it('answers 403 to a foreign Origin, even with the right token', async () => {
    const response = await request(server, '/api/app.info', {
      method: 'POST',
      headers: { ...json, Authorization: `Bearer ${server.token}`, Origin: 'https://evil.example' },
      body: '{}',
    });
    expect(response.status).toBe(403);
  });

  it('answers 403 to a foreign Host (DNS rebinding), on the API and on pages', async () => {
    const api = await request(server, '/api/app.info', {
      method: 'POST',
      headers: { ...json, Authorization: `Bearer ${server.token}`, Host: `evil.example:${server.transport.port}` },
      body: '{}',
    });
    expect(api.status).toBe(403);
    expect((await request(server, '/', { headers: { Host: 'evil.example' } })).status).toBe(403);
  });

  it('refuses non-JSON bodies and GET on the API', async () => {
    const auth = { Authorization: `Bearer ${server.token}` };
    expect((await request(server, '/api/app.info', { method: 'POST', headers: { ...auth, 'Content-Type': 'text/plain' }, body: '{}' })).status).toBe(415);
    expect((await request(server, '/api/app.info', { method: 'POST', headers: { ...auth, ...json }, body: '{oops' })).status).toBe(400);
    expect((await request(server, '/api/app.info', { headers: auth })).status).toBe(405);
  });

  it('listens on 127.0.0.1 only', async () => {
    const addresses = Object.values(os.networkInterfaces())
      .flat()
      .filter((address) => address && address.family === 'IPv4' && address.address !== '127.0.0.1')
      .map((address) => address?.address ?? '');
    for (const address of [...addresses, '127.0.0.2']) {
      const error = await new Promise<Error | null>((resolve) => {
        const socket = net.connect(server.transport.port, address);
        socket.once('connect', () => {
          socket.destroy();
          resolve(null);
        });
        socket.once('error', resolve);
      });
      expect(error, `reachable on ${address}`).not.toBeNull();
    }
  });

  it('serves the renderer with the content security policy, and nothing outside its folder', async () => {
    const page = await request(server, '/');
    expect(page.status).toBe(200);
    expect(page.headers['content-security-policy']).toBe(contentSecurityPolicy);
    expect(page.headers['x-content-type-options']).toBe('nosniff');
    for (const attempt of ['/../kloset-outside.txt', '/%2e%2e/kloset-outside.txt', '/..%2fkloset-outside.txt', '/%5c..%5ckloset-outside.txt']) {
      expect((await request(server, attempt)).status, attempt).toBe(404);
    }
  });

  it('closes a WebSocket whose first message is not the right token', async () => {
    const url = `ws://127.0.0.1:${server.transport.port}${wsPath}`;
    expect(await wsClose(url, {}, JSON.stringify({ type: 'auth', token: 'wrong-token-wrong-token' }))).toEqual({ code: wsCloseCodes.unauthorized });
    expect(await wsClose(url, {}, JSON.stringify({ type: 'call', id: 1, method: 'app.info', params: {} }))).toEqual({ code: wsCloseCodes.unauthorized });
  });

  it('refuses a WebSocket upgrade from a foreign Origin', async () => {
    const url = `ws://127.0.0.1:${server.transport.port}${wsPath}`;
    expect(await wsClose(url, { Origin: 'https://evil.example' })).toEqual({ status: 403 });
  });
});
