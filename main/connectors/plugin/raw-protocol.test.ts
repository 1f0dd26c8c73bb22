import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { status as GrpcStatus, type Client, type ClientDuplexStream, type ServiceError } from '@grpc/grpc-js';
import * as protoLoader from '@grpc/proto-loader';
import { afterEach, describe, expect, it } from 'vitest';
import { startTestPlugin } from '../grpc/test-plugins/launch';
import type { PluginProcess } from '../grpc/plugin-process';
import { protocolFolder, protoFiles } from '../protocol/load-protocol';

/*
 * A client written from the protocol's facts alone: it loads the .proto files with its own
 * loader options (enums as names, 64-bit integers as numbers) and speaks raw messages through
 * grpc-js's generic calls, without any of our wrappers, to show that another implementation of
 * the protocol interoperates with our plugins.
 */

const definition = protoLoader.loadSync([...protoFiles], { includeDirs: [protocolFolder()], keepCase: true, longs: Number, enums: String, defaults: false, oneofs: true });
const MiB = 1024 * 1024;
const dirBit = 2 ** 31;
const symlinkBit = 2 ** 27;

function rpc(service: string, name: string): protoLoader.MethodDefinition<object, object> {
  const found = (definition[service] as protoLoader.ServiceDefinition | undefined)?.[name];
  if (!found) throw new Error(`No ${service}/${name} in the .proto files.`);
  return found;
}

type Message = Record<string, unknown>;

function unary(client: Client, service: string, name: string, request: object): Promise<Message> {
  const method = rpc(service, name);
  return new Promise((resolve, reject) => {
    client.makeUnaryRequest(method.path, method.requestSerialize, method.responseDeserialize, request, (error, value) => (error ? reject(error) : resolve(value as Message)));
  });
}

async function serverStream(client: Client, service: string, name: string, request: object): Promise<Message[]> {
  const method = rpc(service, name);
  const messages: Message[] = [];
  for await (const message of client.makeServerStreamRequest(method.path, method.requestSerialize, method.responseDeserialize, request)) messages.push(message as Message);
  return messages;
}

function bidi(client: Client, service: string, name: string): ClientDuplexStream<object, object> {
  const method = rpc(service, name);
  return client.makeBidiStreamRequest(method.path, method.requestSerialize, method.responseDeserialize);
}

const chunks = (messages: Message[]): Buffer[] => messages.map((message) => message.chunk as Buffer);

let plugin: PluginProcess | null = null;
const folders: string[] = [];
afterEach(async () => {
  await plugin?.close();
  plugin = null;
  folders.splice(0).forEach((folder) => fs.rmSync(folder, { recursive: true, force: true }));
});

function tempFolder(): string {
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'kloset-raw-'));
  folders.push(folder);
  return folder;
}

describe('a client written from the protocol facts alone', () => {
  it('uses a store plugin: Init, Create/Open, Put in chunks, List, ranged Get, a missing Get, Delete, Mode, Size', async () => {
    plugin = await startTestPlugin('store-plugin.ts');
    const { client } = plugin;
    const init = await unary(client, 'store.Store', 'Init', { proto: 'testmem', config: { location: 'testmem://raw' } });
    expect(init).toMatchObject({ type: 'testmem', root: 'testmem://raw' });
    await unary(client, 'store.Store', 'Create', { config: Buffer.from('wrapped config') });
    expect(await unary(client, 'store.Store', 'Open', {})).toEqual({ config: Buffer.from('wrapped config') });

    const mac = crypto.randomBytes(32);
    const content = crypto.randomBytes(2 * MiB + 100);
    const put = rpc('store.Store', 'Put');
    const written = await new Promise<Message>((resolve, reject) => {
      const call = client.makeClientStreamRequest(put.path, put.requestSerialize, put.responseDeserialize, (error, value) => (error ? reject(error) : resolve(value as Message)));
      call.write({ mac, type: 'STORAGE_RESOURCE_PACKFILE' });
      for (let offset = 0; offset < content.length; offset += MiB) call.write({ chunk: content.subarray(offset, offset + MiB) });
      call.end();
    });
    expect(written).toEqual({ bytes_written: content.length });

    expect(await unary(client, 'store.Store', 'List', { type: 'STORAGE_RESOURCE_PACKFILE' })).toEqual({ macs: [mac] });
    expect(await unary(client, 'store.Store', 'List', { type: 'STORAGE_RESOURCE_STATE' })).toEqual({});

    const whole = chunks(await serverStream(client, 'store.Store', 'Get', { mac, type: 'STORAGE_RESOURCE_PACKFILE' }));
    expect(whole.length).toBe(3);
    expect(Math.max(...whole.map((chunk) => chunk.length))).toBeLessThanOrEqual(MiB);
    expect(Buffer.compare(Buffer.concat(whole), content)).toBe(0);
    const ranged = chunks(await serverStream(client, 'store.Store', 'Get', { mac, type: 'STORAGE_RESOURCE_PACKFILE', range: { offset: MiB - 10, length: MiB + 20 } }));
    expect(Buffer.compare(Buffer.concat(ranged), content.subarray(MiB - 10, 2 * MiB + 10))).toBe(0);

    const missing: unknown = await serverStream(client, 'store.Store', 'Get', { mac: crypto.randomBytes(32), type: 'STORAGE_RESOURCE_STATE' }).catch((caught: unknown) => caught);
    expect((missing as ServiceError).code).not.toBe(GrpcStatus.OK);
    expect((missing as ServiceError).code).not.toBe(GrpcStatus.UNAVAILABLE);

    expect(await unary(client, 'store.Store', 'Mode', {})).toEqual({ mode: 6 });
    expect(Number((await unary(client, 'store.Store', 'Size', {})).size ?? 0)).toBeGreaterThanOrEqual(content.length);
    await unary(client, 'store.Store', 'Delete', { mac, type: 'STORAGE_RESOURCE_PACKFILE' });
    expect(await unary(client, 'store.Store', 'List', { type: 'STORAGE_RESOURCE_PACKFILE' })).toEqual({});
    await unary(client, 'store.Store', 'Ping', {});
    await unary(client, 'store.Store', 'Close', {});
  });

  it('uses an importer plugin: Init, Import with acknowledgements, and Open of a file before its acknowledgement', async () => {
    const source = tempFolder();
    const big = crypto.randomBytes(MiB + 5);
    fs.mkdirSync(path.join(source, 'sub'));
    fs.writeFileSync(path.join(source, 'sub', 'big.bin'), big);
    plugin = await startTestPlugin('folder-plugin.ts');
    const { client } = plugin;
    const init = await unary(client, 'importer.Importer', 'Init', {
      options: { hostname: 'raw', os: 'linux', arch: 'amd64', cwd: '/', maxconcurrency: 2, excludes: [], noxattr: true },
      proto: 'testfolder',
      config: { location: `testfolder://${source}` },
    });
    expect(init).toMatchObject({ root: source, type: 'testfolder', flags: 8 });

    const call = bidi(client, 'importer.Importer', 'Import');
    const seen: string[] = [];
    let finished = false;
    for await (const response of call as AsyncIterable<Message>) {
      if (response.finished) {
        finished = true;
        call.end();
        continue;
      }
      const record = response.record as Message & { pathname: string; fileInfo: { mode: number; size?: number } };
      seen.push(`${record.hasReader ? 'file' : 'entry'} ${record.pathname} ${record.fileInfo.mode >= dirBit ? 'dir' : (record.fileInfo.size ?? 0)}`);
      if (record.hasReader) {
        const content = chunks(await serverStream(client, 'importer.Importer', 'Open', { record: { pathname: record.pathname } }));
        expect(Buffer.compare(Buffer.concat(content), big)).toBe(0);
        expect(content.map((chunk) => chunk.length)).toEqual([MiB, 5]);
      }
      call.write({ result: { header: record } });
    }
    expect(finished).toBe(true);
    expect(seen).toEqual([`entry ${source} dir`, `entry ${source}/sub dir`, `file ${source}/sub/big.bin ${big.length}`]);
    await unary(client, 'importer.Importer', 'Close', {});
  });

  it('uses an exporter plugin: a record, its chunks and an empty chunk per file, one result per record', async () => {
    const target = tempFolder();
    const content = crypto.randomBytes(MiB + 1);
    plugin = await startTestPlugin('folder-plugin.ts');
    const { client } = plugin;
    const init = await unary(client, 'plakar.exporter.Exporter', 'Init', { options: { hostname: 'raw' }, proto: 'testfolder', config: { location: `testfolder://${target}` } });
    expect(init).toMatchObject({ root: target });

    const call = bidi(client, 'plakar.exporter.Exporter', 'Export');
    const modTime = { seconds: 1_600_000_000, nanos: 0 };
    const directory = { pathname: `${target}/out`, fileInfo: { name: 'out', mode: dirBit + 0o755, mod_time: modTime } };
    call.write({ record: directory });
    call.write({ record: { pathname: `${target}/out/file.bin`, hasReader: true, fileInfo: { name: 'file.bin', size: content.length, mode: 0o640, mod_time: modTime } } });
    call.write({ chunk: content.subarray(0, MiB) });
    call.write({ chunk: content.subarray(MiB) });
    call.write({ chunk: Buffer.alloc(0) });
    call.write({ record: { pathname: `${target}/out/link`, target: 'file.bin', fileInfo: { name: 'link', mode: symlinkBit + 0o777, mod_time: modTime } } });
    call.write({ record: directory });
    call.end();
    const results: string[] = [];
    for await (const response of call as AsyncIterable<Message>) {
      const result = response.result as { header: { pathname: string }; error?: string };
      results.push(`${result.header.pathname.slice(target.length)} ${result.error ?? ''}`.trim());
    }
    expect(results).toEqual(['/out', '/out/file.bin', '/out/link', '/out']);
    expect(Buffer.compare(fs.readFileSync(path.join(target, 'out', 'file.bin')), content)).toBe(0);
    expect(fs.readlinkSync(path.join(target, 'out', 'link'))).toBe('file.bin');
    await unary(client, 'plakar.exporter.Exporter', 'Close', {});
  });
});
