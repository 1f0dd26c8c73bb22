import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import { afterEach, describe, expect, it } from 'vitest';
import { encodeLock } from '../format/lock-format';
import { createTestRepository } from '../testing/repositories';
import { StoreLock, removeLocks } from './locks';

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((dir) => fs.rmSync(dir, { recursive: true, force: true })));

async function repo() {
  const created = await createTestRepository();
  dirs.push(created.dir);
  return created.repository;
}

describe('store locks', () => {
  it('allows many shared locks at once', async () => {
    const repository = await repo();
    const locks = await Promise.all([1, 2, 3].map(() => StoreLock.acquire(repository, { kind: 'shared', purpose: 'backup' })));
    expect(await repository.store.list('lock')).toHaveLength(3);
    await Promise.all(locks.map((lock) => lock.release()));
    expect(await repository.store.list('lock')).toEqual([]);
  });

  it('keeps an exclusive lock alone, saying who holds the store', async () => {
    const repository = await repo();
    const shared = await StoreLock.acquire(repository, { kind: 'shared', purpose: 'backup of /home/ann' });
    await expect(StoreLock.acquire(repository, { kind: 'exclusive', purpose: 'maintenance' })).rejects.toThrow(/in use: backup of \/home\/ann \(shared lock by .+@.+, process \d+/);
    await shared.release();
    const exclusive = await StoreLock.acquire(repository, { kind: 'exclusive', purpose: 'maintenance' });
    await expect(StoreLock.acquire(repository, { kind: 'shared', purpose: 'backup' })).rejects.toMatchObject({ code: 'LOCKED' });
    await exclusive.release();
  });

  it('waits for a conflicting lock to go when asked to', async () => {
    const repository = await repo();
    const exclusive = await StoreLock.acquire(repository, { kind: 'exclusive', purpose: 'maintenance' });
    setTimeout(() => void exclusive.release(), 300);
    const shared = await StoreLock.acquire(repository, { kind: 'shared', purpose: 'backup', waitMs: 10_000 });
    await shared.release();
  });

  it('clears expired locks and locks of dead processes of this host', async () => {
    const repository = await repo();
    const expired = encodeLock({ kind: 'exclusive', host: 'elsewhere', pid: 1, user: 'x', purpose: 'old', createdAt: new Date(0), expiresAt: new Date(1000) }, repository.sealer);
    const deadProcess = encodeLock({ kind: 'exclusive', host: os.hostname(), pid: 2 ** 22 + 12345, user: 'x', purpose: 'crashed', createdAt: new Date(), expiresAt: new Date(Date.now() + 3_600_000) }, repository.sealer);
    await repository.store.put('lock', crypto.randomBytes(32), { bytes: expired });
    await repository.store.put('lock', crypto.randomBytes(32), { bytes: deadProcess });
    const lock = await StoreLock.acquire(repository, { kind: 'exclusive', purpose: 'maintenance' });
    expect(await repository.store.list('lock')).toHaveLength(1);
    await lock.release();
  });

  it('reports a lock that expired unrefreshed as lost', async () => {
    const repository = await repo();
    let now = Date.now();
    const lock = await StoreLock.acquire(repository, { kind: 'shared', purpose: 'backup', ttlMs: 60_000, now: () => new Date(now) });
    expect(() => lock.assertHeld()).not.toThrow();
    now += 61_000;
    expect(() => lock.assertHeld()).toThrow(/expired before it could be refreshed/);
    await lock.release();
  });

  it('removes stale or damaged locks on request, and all of them with --all', async () => {
    const repository = await repo();
    const live = await StoreLock.acquire(repository, { kind: 'shared', purpose: 'backup' });
    await repository.store.put('lock', crypto.randomBytes(32), { bytes: Buffer.from('damaged') });
    await expect(StoreLock.acquire(repository, { kind: 'shared', purpose: 'backup' })).rejects.toThrow(/damaged lock/);
    expect(await removeLocks(repository, { all: false })).toBe(1);
    expect(await removeLocks(repository, { all: true })).toBe(1);
    await live.release();
  });
});
