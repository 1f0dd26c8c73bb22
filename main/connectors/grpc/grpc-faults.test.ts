import crypto from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { isKlosetError, klosetErrorCodes, type KlosetError } from '../../kloset/index';
import { openGrpcStore, type GrpcStore } from './grpc-store';
import { startTestPlugin } from './test-plugins/launch';

const stores: GrpcStore[] = [];
afterEach(async () => {
  await Promise.all(stores.splice(0).map((store) => store.close()));
});

async function faultyStore(fault: string, callTimeoutMs?: number): Promise<{ store: GrpcStore; exited: Promise<unknown> }> {
  const plugin = await startTestPlugin('store-plugin.ts', callTimeoutMs ? { callTimeoutMs } : {});
  const store = await openGrpcStore(plugin, { location: 'testmem://', fault });
  stores.push(store);
  return { store, exited: plugin.exited };
}

async function failure(promise: Promise<unknown>): Promise<KlosetError> {
  const error: unknown = await promise.then(
    () => null,
    (caught: unknown) => caught,
  );
  if (!isKlosetError(error)) throw new Error(`Expected a KlosetError, got ${String(error)}`);
  return error;
}

describe('errors through the plugin boundary', () => {
  it('bring back every engine error code the plugin throws, with its message', async () => {
    const { store } = await faultyStore('code-by-mac');
    for (const [index, code] of klosetErrorCodes.entries()) {
      const mac = Buffer.alloc(32, index);
      const error = await failure(store.get('packfile', mac));
      expect({ code: error.code, message: error.message }).toEqual({ code, message: `Failing with ${code} on purpose.` });
    }
  });

  it('report a missing object as NOT_FOUND, and the plugin keeps serving', async () => {
    const { store } = await faultyStore('none');
    expect((await failure(store.get('state', crypto.randomBytes(32)))).code).toBe('NOT_FOUND');
    const mac = crypto.randomBytes(32);
    await store.put('state', mac, { bytes: Buffer.from('still here') });
    expect((await store.get('state', mac)).toString()).toBe('still here');
  });

  it('report a ranged read that comes back short as UNAVAILABLE, so that it can be retried', async () => {
    const { store } = await faultyStore('short-get');
    const mac = crypto.randomBytes(32);
    await store.put('packfile', mac, { bytes: crypto.randomBytes(5000) });
    const error = await failure(store.get('packfile', mac, { offset: 100, length: 1000 }));
    expect(error.code).toBe('UNAVAILABLE');
    expect(error.message).toMatch(/sent 999 of the 1000 bytes/);
  });

  it('report a crashed plugin as UNAVAILABLE with its exit code and last message', async () => {
    const { store, exited } = await faultyStore('crash-get');
    const error = await failure(store.get('lock', crypto.randomBytes(32)));
    expect(error.code).toBe('UNAVAILABLE');
    expect(error.message).toMatch(/stopped unexpectedly \(exit code 3\).*crashing on purpose/);
    expect(await exited).toEqual({ code: 3, signal: null });
    expect((await failure(store.list('lock'))).message).toMatch(/is not running/);
  });
});

describe('a plugin that hangs', () => {
  it('is killed when a call passes its deadline, and the call fails with UNAVAILABLE', async () => {
    const { store, exited } = await faultyStore('hang-list', 1000);
    const error = await failure(store.list('packfile'));
    expect(error.code).toBe('UNAVAILABLE');
    expect(error.message).toMatch(/did not answer \(listing packfiles\) within 1 s, so it was stopped/);
    expect(await exited).toEqual({ code: null, signal: 'SIGKILL' });
  });

  it('is killed when a stream stalls past the deadline', async () => {
    const { store, exited } = await faultyStore('hang-get', 1000);
    const error = await failure(store.get('packfile', crypto.randomBytes(32)));
    expect(error.code).toBe('UNAVAILABLE');
    expect(error.message).toMatch(/did not answer \(reading packfile [0-9a-f]{12}…\) within 1 s/);
    expect(await exited).toEqual({ code: null, signal: 'SIGKILL' });
  });
});
