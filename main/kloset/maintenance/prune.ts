import fs from 'node:fs';
import { throwIfCanceled } from '../errors';
import { PackfileWriter, type FinishedPackfile } from '../format/packfile-writer';
import { emptyDelta, type SnapshotEvent, type StateDelta, type StatePackfile } from '../format/state-format';
import { macFromHex, macToHex, type Mac } from '../ids';
import { StoreLock } from '../repository/locks';
import type { Repository } from '../repository/repository';
import type { PackfileInfo, SnapshotListing } from '../repository/state-cache';
import { reachableObjects } from './reachability';

export interface MaintenanceOptions {
  /** How long deleted snapshots stay recoverable, and unclaimed packfiles wait. 7 days by default. */
  readonly graceMs?: number;
  /** Repack packfiles whose needed bytes are below this share (0.2: mostly empty). */
  readonly repackBelow?: number;
  /** Local folder for repacked packfiles before upload. */
  readonly spoolDir: string;
  readonly lockWaitMs?: number;
  readonly now?: Date;
  readonly signal?: AbortSignal;
  readonly onProgress?: (progress: { readonly phase: 'marking' | 'repacking' | 'deleting'; readonly done: number; readonly total: number }) => void;
}

export interface MaintenanceResult {
  readonly packfilesRemoved: number;
  readonly packfilesRepacked: number;
  readonly bytesFreed: number;
  readonly snapshotsPurged: number;
  readonly orphansCondemned: number;
  readonly orphansRemoved: number;
  readonly statesMerged: number;
}

export const defaultGraceMs = 7 * 24 * 3600 * 1000;

/**
 * Frees the space of deleted snapshots, under an exclusive lock. Kept: every snapshot that is not
 * deleted, or was deleted less than the grace period ago (so it can still be recovered). Packfiles
 * that no kept snapshot needs are removed; mostly empty ones are repacked (their needed objects
 * verified and written again). Packfiles in no state (left by interrupted backups) are removed only
 * after they stayed unclaimed for the grace period. Finally all states are merged into one.
 * The new state is written before anything is deleted: a crash leaves extra files, never holes.
 */
export async function maintain(repository: Repository, options: MaintenanceOptions): Promise<MaintenanceResult> {
  const lock = await StoreLock.acquire(repository, { kind: 'exclusive', purpose: 'maintenance', waitMs: options.lockWaitMs ?? 0 });
  try {
    await repository.refresh();
    const now = options.now ?? new Date();
    const grace = options.graceMs ?? defaultGraceMs;
    const all = repository.cache.snapshots();
    const kept = all.filter((s) => s.deletedAt === null || s.isOnLegalHold || now.getTime() - s.deletedAt.getTime() < grace);
    const purged = all.filter((s) => !kept.includes(s));
    options.onProgress?.({ phase: 'marking', done: 0, total: kept.length });
    const needed = await reachableObjects(repository, kept, options.signal);
    throwIfCanceled(options.signal);

    const plan = planPackfiles(repository, needed, options.repackBelow ?? 0.2);
    const repacked = await repack(repository, plan.toRepack, needed, options);
    const orphans = await findOrphans(repository, now, grace);
    const removed = [...plan.toRemove, ...plan.toRepack];
    lock.assertHeld();
    const merged = mergedDelta(repository, { kept, removed: [...removed, ...orphans.expired].map((p) => p.mac), added: repacked, condemned: orphans.fresh, now });
    const oldStates = await repository.store.list('state');
    const name = await repository.writeState(merged);
    options.onProgress?.({ phase: 'deleting', done: 0, total: removed.length + orphans.expired.length });
    for (const pack of [...removed, ...orphans.expired]) await repository.store.delete('packfile', pack.mac);
    for (const state of oldStates) if (!state.equals(name)) await repository.store.delete('state', state);
    await repository.refresh();
    return {
      packfilesRemoved: plan.toRemove.length,
      packfilesRepacked: plan.toRepack.length,
      bytesFreed: [...removed, ...orphans.expired].reduce((sum, pack) => sum + pack.size, 0) - repacked.reduce((sum, pack) => sum + pack.size, 0),
      snapshotsPurged: purged.length,
      orphansCondemned: orphans.fresh.length,
      orphansRemoved: orphans.expired.length,
      statesMerged: oldStates.length,
    };
  } finally {
    await lock.release();
  }
}

function planPackfiles(repository: Repository, needed: Set<string>, repackBelow: number): { toRemove: PackfileInfo[]; toRepack: PackfileInfo[] } {
  const toRemove: PackfileInfo[] = [];
  const toRepack: PackfileInfo[] = [];
  for (const pack of repository.cache.packfiles()) {
    const objects = repository.cache.objectsIn(pack.mac);
    const neededBytes = objects.filter((o) => needed.has(macToHex(o.mac))).reduce((sum, o) => sum + o.length, 0);
    if (neededBytes === 0) toRemove.push(pack);
    else if (neededBytes < pack.size * repackBelow) toRepack.push(pack);
  }
  return { toRemove, toRepack };
}

/** Reads, verifies and writes again the needed objects of mostly empty packfiles. */
async function repack(repository: Repository, packs: readonly PackfileInfo[], needed: Set<string>, options: MaintenanceOptions): Promise<StatePackfile[]> {
  const writers: Partial<Record<'data' | 'metadata', PackfileWriter>> = {};
  const finished: FinishedPackfile[] = [];
  const added: StatePackfile[] = [];
  const close = (kind: 'data' | 'metadata'): void => {
    const writer = writers[kind];
    if (writer?.objectCount) finished.push(writer.finish());
    else writer?.abandon();
    delete writers[kind];
  };
  for (const [index, pack] of packs.entries()) {
    throwIfCanceled(options.signal);
    options.onProgress?.({ phase: 'repacking', done: index, total: packs.length });
    for (const object of repository.cache.objectsIn(pack.mac)) {
      if (!needed.has(macToHex(object.mac))) continue;
      const plaintext = await repository.readObject(object.mac, object.type);
      const kind = object.type === 'chunk' ? 'data' : 'metadata';
      writers[kind] ??= PackfileWriter.create({ kind, spoolDir: options.spoolDir, sealer: repository.sealer, macer: repository.macer });
      writers[kind].add(object.type, object.mac, repository.codec.encode(plaintext), plaintext.length);
      if (writers[kind].size >= repository.packfileTargetSize) close(kind);
    }
  }
  close('data');
  close('metadata');
  for (const pack of finished) {
    await repository.store.put('packfile', pack.mac, { path: pack.path, size: pack.size });
    await fs.promises.rm(pack.path, { force: true });
    added.push({ mac: pack.mac, kind: pack.kind, size: pack.size, entries: pack.entries });
  }
  return added;
}

/** Packfiles in the store that no state lists: newly seen ones are condemned, long-condemned ones expire. */
async function findOrphans(repository: Repository, now: Date, grace: number): Promise<{ fresh: SnapshotEvent[]; expired: PackfileInfo[] }> {
  const listed = new Set(repository.cache.packfiles().map((pack) => macToHex(pack.mac)));
  const removed = repository.cache.removedPackfiles();
  const condemned = repository.cache.condemned();
  const fresh: SnapshotEvent[] = [];
  const expired: PackfileInfo[] = [];
  for (const mac of await repository.store.list('packfile')) {
    const hex = macToHex(mac);
    if (listed.has(hex)) continue;
    const since = condemned.get(hex);
    if (removed.has(hex) || (since && now.getTime() - since.getTime() >= grace)) expired.push({ mac, kind: 'data', size: 0 });
    else fresh.push({ id: mac, at: since ?? now });
  }
  return { fresh, expired };
}

/** One state that says everything the old ones said, minus what maintenance removed. */
function mergedDelta(repository: Repository, input: { kept: readonly SnapshotListing[]; removed: readonly Mac[]; added: readonly StatePackfile[]; condemned: readonly SnapshotEvent[]; now: Date }): StateDelta {
  const removed = new Set([...repository.cache.removedPackfiles(), ...input.removed.map(macToHex)]);
  const packfiles: StatePackfile[] = repository.cache
    .packfiles()
    .filter((pack) => !removed.has(macToHex(pack.mac)))
    .map((pack) => ({ ...pack, entries: repository.cache.objectsIn(pack.mac).map((o) => ({ type: o.type, mac: o.mac, offset: o.offset, length: o.length, rawLength: o.rawLength })) }));
  return {
    ...emptyDelta(input.now),
    packfiles: [...packfiles, ...input.added],
    snapshots: input.kept.map(({ id, time, sourceKey, name, tags, uuid }) => ({ id, time, sourceKey, name, tags, uuid })),
    deletions: input.kept.filter((s) => s.deletedAt).map((s) => ({ id: s.id, at: s.deletedAt ?? input.now })),
    holds: input.kept.filter((s) => s.isOnLegalHold).map((s) => ({ id: s.id, at: input.now, isOnHold: true })),
    removedPackfiles: [...removed].map(macFromHex),
    condemned: input.condemned,
  };
}
