import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';

const entry = path.resolve(import.meta.dirname, '..', 'dist', 'main', 'headless.js');
const children: ChildProcess[] = [];
const dirs: string[] = [];
afterEach(() => {
  children.splice(0).forEach((child) => child.kill());
  dirs.splice(0).forEach((dir) => fs.rmSync(dir, { recursive: true, force: true }));
});

function start(args: readonly string[], env: NodeJS.ProcessEnv = {}): { child: ChildProcess; output: () => Promise<{ stdout: string; stderr: string; code: number | null }> } {
  if (!fs.existsSync(entry)) throw new Error('dist/main/headless.js is missing: run "npm run build" first (npm test does).');
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kloset-headless-'));
  dirs.push(dataDir);
  const child = spawn(process.execPath, [entry, ...args], { env: { ...process.env, KLOSET_DATA_DIR: dataDir, ...env } });
  children.push(child);
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return {
    child,
    output: () => new Promise((resolve) => child.on('exit', (code) => resolve({ stdout, stderr, code }))),
  };
}

function firstLine(child: ChildProcess): Promise<string> {
  return new Promise((resolve, reject) => {
    let text = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      text += chunk.toString();
      if (text.includes('\n')) resolve(text.split('\n')[0] ?? '');
    });
    child.on('exit', (code) => reject(new Error(`exited with ${code}`)));
  });
}

describe('the headless entry', () => {
  it('prints the address with its token, serves the app there and refuses the API without the token', async () => {
    const { child } = start(['--port', '0']);
    const line = await firstLine(child);
    const match = /^Kloset Desktop is running at (http:\/\/127\.0\.0\.1:(\d+)\/)#token=([A-Za-z0-9_-]{43})$/.exec(line);
    expect(match, line).not.toBeNull();
    const [, base = '', , token = ''] = match ?? [];
    expect((await fetch(base)).status).toBe(200);
    expect((await fetch(`${base}api/app.info`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{}' })).status).toBe(401);
    const ok = await fetch(`${base}api/app.info`, { method: 'POST', headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` }, body: '{}' });
    expect(await ok.json()).toMatchObject({ ok: true, result: { runtime: 'headless' } });
  });

  it('uses KLOSET_HTTP_TOKEN when it is set', async () => {
    const token = 'a-test-token-of-sufficient-length';
    const { child } = start([], { KLOSET_HTTP_TOKEN: token });
    expect(await firstLine(child)).toMatch(new RegExp(`#token=${token}$`));
  });

  it('explains a bad port and exits with 2', async () => {
    const { output } = start(['--port', 'eighty']);
    const result = await output();
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('--port must be a number from 0 to 65535');
  });

  it('refuses a short token with a clear message', async () => {
    const { output } = start([], { KLOSET_HTTP_TOKEN: 'short' });
    const result = await output();
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('at least 22 characters');
  });
});
