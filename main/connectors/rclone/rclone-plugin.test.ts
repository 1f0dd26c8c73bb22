import { execFileSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { status as GrpcStatus, type ServiceError } from '@grpc/grpc-js';
import { afterEach, describe, expect, it, onTestFinished } from 'vitest';
import { tempDir } from '../../kloset/testing/trees';
import type { PluginProcess } from '../grpc/index';
import { exportItems, rawClient, type Message } from './raw-protocol-client';
import { startRclonePlugin } from './test-support';

const MiB = 1024 * 1024;
const dirBit = 2 ** 31;
const options = { hostname: 'raw', os: 'linux', arch: 'amd64', cwd: '/', maxconcurrency: 2, excludes: [], noxattr: true };

let plugin: PluginProcess | null = null;

afterEach(async () => {
  await plugin?.close();
  plugin = null;
});

/** A folder removed when the test ends. */
function tempFolder(): string {
  const folder = tempDir('rclone-raw');
  onTestFinished(() => fs.rmSync(folder, { recursive: true, force: true }));
  return folder;
}

const chunks = (messages: Message[]): Buffer[] => messages.map((message) => message.chunk as Buffer);

describe('the rclone plugin, used by a client written from the protocol facts alone', () => {
  it('serves a store: Init, Create/Open, Put in chunks, List, ranged Get, a missing Get, Delete, Mode, Size', async () => {
    const folder = tempFolder();
    plugin = await startRclonePlugin();
    const raw = rawClient(plugin.client);
    const init = await raw.unary('store.Store', 'Init', { proto: 'rclone', config: { location: `rclone://${folder}/store`, rclone_type: 'local' } });
    expect(init).toMatchObject({ type: 'rclone', root: `rclone://${folder}/store` });
    await raw.unary('store.Store', 'Create', { config: Buffer.from('wrapped config') });
    expect(await raw.unary('store.Store', 'Open', {})).toEqual({ config: Buffer.from('wrapped config') });

    const mac = crypto.randomBytes(32);
    const content = crypto.randomBytes(2 * MiB + 100);
    const pieces = [0, MiB, 2 * MiB].map((offset) => ({ chunk: content.subarray(offset, offset + MiB) }));
    expect(await raw.clientStream('store.Store', 'Put', [{ mac, type: 'STORAGE_RESOURCE_PACKFILE' }, ...pieces])).toEqual({ bytes_written: content.length });
    expect(fs.readFileSync(path.join(folder, 'store', 'packfiles', mac.toString('hex'))).equals(content)).toBe(true);
    expect(await raw.unary('store.Store', 'List', { type: 'STORAGE_RESOURCE_PACKFILE' })).toEqual({ macs: [mac] });

    const whole = chunks(await raw.serverStream('store.Store', 'Get', { mac, type: 'STORAGE_RESOURCE_PACKFILE' }));
    expect(Math.max(...whole.map((chunk) => chunk.length))).toBeLessThanOrEqual(MiB);
    expect(Buffer.concat(whole).equals(content)).toBe(true);
    const ranged = chunks(await raw.serverStream('store.Store', 'Get', { mac, type: 'STORAGE_RESOURCE_PACKFILE', range: { offset: MiB - 10, length: MiB + 20 } }));
    expect(Buffer.concat(ranged).equals(content.subarray(MiB - 10, 2 * MiB + 10))).toBe(true);
    const missing: unknown = await raw.serverStream('store.Store', 'Get', { mac: crypto.randomBytes(32), type: 'STORAGE_RESOURCE_STATE' }).catch((caught: unknown) => caught);
    expect((missing as ServiceError).code).toBe(GrpcStatus.NOT_FOUND);

    expect(await raw.unary('store.Store', 'Mode', {})).toEqual({ mode: 6 });
    expect(Number((await raw.unary('store.Store', 'Size', {})).size ?? 0)).toBeGreaterThanOrEqual(content.length);
    await raw.unary('store.Store', 'Delete', { mac, type: 'STORAGE_RESOURCE_PACKFILE' });
    expect(await raw.unary('store.Store', 'List', { type: 'STORAGE_RESOURCE_PACKFILE' })).toEqual({});
    await raw.unary('store.Store', 'Close', {});
  });

  it('serves a source: Init, Import with acknowledgements, and Open of a file before its acknowledgement', async () => {
    const source = tempFolder();
    const big = crypto.randomBytes(MiB + 5);
    fs.mkdirSync(path.join(source, 'sub'));
    fs.writeFileSync(path.join(source, 'sub', 'big.bin'), big);
    plugin = await startRclonePlugin();
    const raw = rawClient(plugin.client);
    const init = await raw.unary('importer.Importer', 'Init', { options, proto: 'rclone', config: { location: `rclone://${source}`, rclone_type: 'local' } });
    expect(init).toMatchObject({ root: source, type: 'rclone', flags: 8 });
    const call = raw.bidi('importer.Importer', 'Import');
    const seen: string[] = [];
    for await (const response of call as AsyncIterable<Message>) {
      if (response.finished) {
        call.end();
        continue;
      }
      const record = response.record as Message & { pathname: string; fileInfo: { mode: number; size?: number } };
      seen.push(`${record.pathname} ${record.fileInfo.mode >= dirBit ? 'dir' : (record.fileInfo.size ?? 0)}`);
      if (record.hasReader) {
        const content = chunks(await raw.serverStream('importer.Importer', 'Open', { record: { pathname: record.pathname } }));
        expect(Buffer.concat(content).equals(big)).toBe(true);
      }
      call.write({ result: { header: record } });
    }
    expect(seen).toEqual([`${source} dir`, `${source}/sub dir`, `${source}/sub/big.bin ${big.length}`]);
    await raw.unary('importer.Importer', 'Close', {});
  });

  it('serves a destination: a record, its chunks and an empty chunk per file, one result per record', async () => {
    const target = tempFolder();
    const content = crypto.randomBytes(MiB + 1);
    plugin = await startRclonePlugin();
    const raw = rawClient(plugin.client);
    expect(await raw.unary('plakar.exporter.Exporter', 'Init', { options, proto: 'rclone', config: { location: `rclone://${target}`, rclone_type: 'local' } })).toMatchObject({ root: target });
    const modTime = { seconds: 1_600_000_000, nanos: 0 };
    const directory = { pathname: `${target}/out`, fileInfo: { name: 'out', mode: dirBit + 0o755, mod_time: modTime } };
    const file = { pathname: `${target}/out/file.bin`, hasReader: true, fileInfo: { name: 'file.bin', size: content.length, mode: 0o640, mod_time: modTime } };
    const results = await exportItems(raw, [{ record: directory }, { record: file, content }, { record: directory }]);
    expect(results).toEqual([`${target}/out`, `${target}/out/file.bin`, `${target}/out`]);
    expect(fs.readFileSync(path.join(target, 'out', 'file.bin')).equals(content)).toBe(true);
    expect(fs.statSync(path.join(target, 'out', 'file.bin')).mtimeMs).toBe(1_600_000_000_000);
    await raw.unary('plakar.exporter.Exporter', 'Close', {});
  });
});

/** The pids of the children of `pid` (Linux and macOS `ps`). */
function childrenOf(pid: number): number[] {
  const out = execFileSync('ps', ['-A', '-o', 'pid=,ppid='], { encoding: 'utf8' });
  return out
    .split('\n')
    .map((line) => line.trim().split(/\s+/).map(Number))
    .filter(([, parent]) => parent === pid)
    .map(([child]) => child ?? 0);
}

const isAlive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

describe.skipIf(process.platform === 'win32')('the rclone helper of the plugin (on Windows, the job object of libuv does this)', () => {
  it('stops when the host kills the plugin without warning', async () => {
    const folder = tempFolder();
    plugin = await startRclonePlugin();
    await rawClient(plugin.client).unary('store.Store', 'Init', { proto: 'rclone', config: { location: `rclone://${folder}`, rclone_type: 'local' } });
    const helpers = childrenOf(plugin.pid).flatMap((guard) => [guard, ...childrenOf(guard)]);
    expect(helpers.length).toBeGreaterThanOrEqual(2);
    process.kill(plugin.pid, 'SIGKILL');
    await plugin.exited;
    const deadline = Date.now() + 3_000;
    while (helpers.some(isAlive) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
    expect(helpers.filter(isAlive)).toEqual([]);
  });
});
