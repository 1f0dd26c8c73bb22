import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isKlosetError } from '../errors';
import { macToHex, type Mac } from '../ids';
import { objectKinds, type ObjectKind, type Store } from './store';

export interface ConformanceSubject {
  readonly store: Store;
  /** Adds a file with a name that is not an object name, where `list(kind)` looks. */
  readonly addStrayName?: (kind: ObjectKind) => Promise<void>;
  readonly cleanup: () => Promise<void>;
}

const randomMac = (): Mac => crypto.randomBytes(32);
const hexSet = (macs: readonly Mac[]): string[] => macs.map(macToHex).sort();

async function expectCode(promise: Promise<unknown>, code: string): Promise<void> {
  const error = await promise.then(
    () => null,
    (caught: unknown) => caught,
  );
  expect(isKlosetError(error) ? error.code : error).toBe(code);
}

/**
 * The contract every store must keep (see `Store`): run it against each implementation, like
 * restic's backend test suite or Kopia's VerifyStorage.
 */
export interface ConformanceOptions {
  readonly largeObjectBytes?: number;
  /** False for stores where a stray name cannot exist (memory); otherwise `addStrayName` is required. */
  readonly hasStrayNames?: boolean;
}

export function describeStoreConformance(name: string, makeSubject: () => Promise<ConformanceSubject>, options: ConformanceOptions = {}): void {
  const largeBytes = options.largeObjectBytes ?? 5 * 1024 * 1024 + 123;

  describe(`${name} keeps the store contract`, () => {
    let subject: ConformanceSubject;
    let store: Store;
    beforeEach(async () => {
      subject = await makeSubject();
      store = subject.store;
    });
    afterEach(async () => {
      await store.close();
      await subject.cleanup();
    });

    it('has no CONFIG before create, and returns it whole after', async () => {
      await expectCode(store.open(), 'NOT_FOUND');
      const config = crypto.randomBytes(300);
      await store.create(config);
      expect(Buffer.compare(await store.open(), config)).toBe(0);
    });

    it('replaces CONFIG as a whole when created again', async () => {
      await store.create(Buffer.from('first'));
      await store.create(Buffer.from('second, longer'));
      expect((await store.open()).toString()).toBe('second, longer');
    });

    it.each(objectKinds)('puts, lists, gets and deletes a %s', async (kind) => {
      await store.create(Buffer.from('config'));
      const mac = randomMac();
      const bytes = crypto.randomBytes(4096);
      await store.put(kind, mac, { bytes });
      expect(hexSet(await store.list(kind))).toEqual([macToHex(mac)]);
      expect(Buffer.compare(await store.get(kind, mac), bytes)).toBe(0);
      await store.delete(kind, mac);
      expect(await store.list(kind)).toEqual([]);
      await expectCode(store.get(kind, mac), 'NOT_FOUND');
    });

    it('keeps kinds apart', async () => {
      const mac = randomMac();
      await store.put('state', mac, { bytes: Buffer.from('a state') });
      expect(await store.list('packfile')).toEqual([]);
      await expectCode(store.get('packfile', mac), 'NOT_FOUND');
    });

    it('puts from a file and from bytes alike, including empty objects', async () => {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kloset-conformance-'));
      try {
        const file = path.join(dir, 'source');
        const bytes = crypto.randomBytes(70_000);
        fs.writeFileSync(file, bytes);
        const fromFile = randomMac();
        await store.put('packfile', fromFile, { path: file, size: bytes.length });
        const empty = randomMac();
        await store.put('packfile', empty, { bytes: Buffer.alloc(0) });
        expect(Buffer.compare(await store.get('packfile', fromFile), bytes)).toBe(0);
        expect((await store.get('packfile', empty)).length).toBe(0);
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    });

    it('returns exactly the requested range, also across a large object', async () => {
      const mac = randomMac();
      const bytes = crypto.randomBytes(largeBytes);
      await store.put('packfile', mac, { bytes });
      expect(Buffer.compare(await store.get('packfile', mac), bytes)).toBe(0);
      for (const [offset, length] of [
        [0, 1],
        [1_048_570, 20],
        [largeBytes - 10, 10],
        [12_345, 2_100_000],
        [77, 0],
      ] as const) {
        const got = await store.get('packfile', mac, { offset, length });
        expect(Buffer.compare(got, bytes.subarray(offset, offset + length)), `${offset}+${length}`).toBe(0);
      }
    });

    it('refuses a range past the end as CORRUPT, and a missing object as NOT_FOUND', async () => {
      const mac = randomMac();
      await store.put('packfile', mac, { bytes: Buffer.alloc(100) });
      await expectCode(store.get('packfile', mac, { offset: 90, length: 20 }), 'CORRUPT');
      await expectCode(store.get('packfile', randomMac(), { offset: 0, length: 1 }), 'NOT_FOUND');
    });

    it('never overwrites: a second put of the same name succeeds and keeps the first content', async () => {
      const mac = randomMac();
      await store.put('state', mac, { bytes: Buffer.from('original') });
      await store.put('state', mac, { bytes: Buffer.from('original') });
      await store.put('state', mac, { bytes: Buffer.from('other bytes') });
      expect((await store.get('state', mac)).toString()).toBe('original');
      expect(await store.list('state')).toHaveLength(1);
    });

    it('deletes idempotently', async () => {
      const mac = randomMac();
      await store.delete('lock', mac);
      await store.put('lock', mac, { bytes: Buffer.from('lock') });
      await store.delete('lock', mac);
      await store.delete('lock', mac);
      expect(await store.list('lock')).toEqual([]);
    });

    it('takes concurrent puts and gets', async () => {
      const items = Array.from({ length: 24 }, () => ({ mac: randomMac(), bytes: crypto.randomBytes(1000 + Math.floor(Math.random() * 50_000)) }));
      await Promise.all(items.map((item) => store.put('packfile', item.mac, { bytes: item.bytes })));
      expect(hexSet(await store.list('packfile'))).toEqual(hexSet(items.map((item) => item.mac)));
      const got = await Promise.all(items.map((item) => store.get('packfile', item.mac)));
      got.forEach((bytes, index) => expect(Buffer.compare(bytes, items[index]?.bytes ?? Buffer.alloc(0))).toBe(0));
    });

    if (options.hasStrayNames !== false) {
      it('ignores names that are not object names when listing', async () => {
        const mac = randomMac();
        for (const kind of objectKinds) {
          await store.put(kind, mac, { bytes: Buffer.from('x') });
          await subject.addStrayName?.(kind);
          expect(hexSet(await store.list(kind))).toEqual([macToHex(mac)]);
        }
      });
    }

    it('reports that it can be read and written, and its size', async () => {
      expect(await store.mode()).toEqual({ canRead: true, canWrite: true });
      const before = (await store.size()) ?? 0;
      await store.put('packfile', randomMac(), { bytes: Buffer.alloc(10_000) });
      const after = await store.size();
      if (after !== null) expect(after).toBeGreaterThanOrEqual(before + 10_000);
    });
  });
}
