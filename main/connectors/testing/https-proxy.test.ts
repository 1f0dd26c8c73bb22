import fs from 'node:fs/promises';
import { request } from 'node:http';
import type { Socket } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { connect } from 'node:tls';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startHttpsProxy, type HttpsProxy } from './https-proxy';
import { runRclone, writeRcloneConfig } from './rclone-cli';
import { testCa } from './test-ca';

let proxy: HttpsProxy;

beforeEach(async () => {
  proxy = await startHttpsProxy(await testCa());
  await proxy.register('fake.example.com', (req, res) => {
    res.writeHead(200, { 'content-type': 'text/plain' }).end(`hello from ${req.url ?? ''}`);
  });
});

afterEach(() => proxy.close());

function connectThrough(host: string, port = 443): Promise<{ status: number; socket: Socket }> {
  return new Promise((resolve, reject) => {
    const req = request(proxy.url, { method: 'CONNECT', path: `${host}:${port}` });
    req.on('connect', (res, socket) => resolve({ status: res.statusCode ?? 0, socket }));
    req.on('error', reject);
    req.end();
  });
}

describe('the HTTPS proxy', () => {
  it('terminates TLS for a registered host with a certificate the test CA vouches for', async () => {
    const { status, socket } = await connectThrough('fake.example.com');
    expect(status).toBe(200);
    const ca = await fs.readFile((await testCa()).certPath);
    const answer = await new Promise<string>((resolve, reject) => {
      const tls = connect({ socket, servername: 'fake.example.com', ca, ALPNProtocols: ['http/1.1'] }, () => {
        tls.write('GET /probe HTTP/1.1\r\nHost: fake.example.com\r\nConnection: close\r\n\r\n');
      });
      let text = '';
      tls.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
      tls.on('end', () => resolve(text));
      tls.on('error', reject);
    });
    expect(answer).toMatch(/^HTTP\/1\.1 200 OK/);
    expect(answer).toContain('hello from /probe');
  });

  it('refuses tunnels to hosts without a fake and to other ports', async () => {
    expect((await connectThrough('www.example.org')).status).toBe(403);
    expect((await connectThrough('fake.example.com', 8443)).status).toBe(403);
    expect(proxy.requests().filter((r) => !r.allowed).map((r) => `${r.host}:${r.port}`)).toEqual(['www.example.org:443', 'fake.example.com:8443']);
  });

  it('refuses plain-HTTP proxy requests unless the host was registered for them', async () => {
    await proxy.register('plain.example.com', (_req, res) => res.writeHead(200).end('plain'), { plainHttp: true });
    const get = (url: string) =>
      new Promise<number>((resolve, reject) => {
        const req = request(proxy.url, { path: url }, (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        });
        req.on('error', reject);
        req.end();
      });
    expect(await get('http://plain.example.com/x')).toBe(200);
    expect(await get('http://fake.example.com/x')).toBe(403);
    expect(await get('http://elsewhere.example.net/x')).toBe(403);
  });

  it('keeps rclone from reaching a provider that has no fake', async () => {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'kloset-proxy-test-'));
    try {
      await writeRcloneConfig(path.join(dir, 'rclone.conf'), { box: { type: 'dropbox', token: '{"access_token":"x","token_type":"bearer","expiry":"2099-01-01T00:00:00Z"}' } });
      const ca = await testCa();
      const result = await runRclone(['--config', path.join(dir, 'rclone.conf'), 'lsjson', 'box:', '--low-level-retries', '1', '--retries', '1'], {
        env: { HTTPS_PROXY: proxy.url, NO_PROXY: '', RCLONE_CA_CERT: ca.certPath },
      });
      expect(result.code).not.toBe(0);
      expect(result.stderr).toContain('Forbidden');
      expect(proxy.requests()).toContainEqual({ method: 'CONNECT', host: 'api.dropboxapi.com', port: 443, allowed: false });
    } finally {
      await fs.rm(dir, { recursive: true, force: true });
    }
  });
});
