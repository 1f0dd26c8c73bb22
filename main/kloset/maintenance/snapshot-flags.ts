import { KlosetError } from '../errors';
import { emptyDelta, type SnapshotEvent } from '../format/state-format';
import { macToHex, type Mac } from '../ids';
import { StoreLock } from '../repository/locks';
import type { Repository } from '../repository/repository';
import type { SnapshotListing } from '../repository/state-cache';
import { listSnapshots } from '../snapshot/snapshot-reader';
import { applyRetention, hasRetentionRule, type RetentionGroup, type RetentionPolicy } from './retention';

/**
 * Deletion, undeletion and legal hold only record an event in a new state: nothing is removed
 * until maintenance, after its grace period. A snapshot on legal hold cannot be deleted.
 */
export async function deleteSnapshots(repository: Repository, ids: readonly Mac[], now = new Date()): Promise<void> {
  const snapshots = byId(repository);
  for (const id of ids) {
    const snapshot = snapshots.get(macToHex(id));
    if (!snapshot) throw new KlosetError('NOT_FOUND', `There is no snapshot ${macToHex(id).slice(0, 8)} in this store.`);
    if (snapshot.isOnLegalHold) throw new KlosetError('BAD_INPUT', `Snapshot ${macToHex(id).slice(0, 8)} is under legal hold and cannot be deleted. Clear the hold first.`);
  }
  await recordEvents(repository, 'deleting snapshots', { deletions: ids.map((id): SnapshotEvent => ({ id, at: now })) });
}

/** Brings deleted snapshots back, as long as maintenance has not freed their data. */
export async function undeleteSnapshots(repository: Repository, ids: readonly Mac[], now = new Date()): Promise<void> {
  const snapshots = byId(repository);
  for (const id of ids) {
    if (!snapshots.has(macToHex(id))) {
      throw new KlosetError('NOT_FOUND', `Snapshot ${macToHex(id).slice(0, 8)} cannot be recovered: it is not in this store, or maintenance has already freed its data.`);
    }
  }
  await recordEvents(repository, 'recovering snapshots', { undeletions: ids.map((id): SnapshotEvent => ({ id, at: now })) });
}

export async function setLegalHold(repository: Repository, id: Mac, isOnHold: boolean, now = new Date()): Promise<void> {
  if (!byId(repository).has(macToHex(id))) throw new KlosetError('NOT_FOUND', `There is no snapshot ${macToHex(id).slice(0, 8)} in this store.`);
  await recordEvents(repository, 'changing a legal hold', { holds: [{ id, at: now, isOnHold }] });
}

export interface ForgetOptions {
  readonly policy: RetentionPolicy;
  /** IANA time zone for calendar buckets (the machine's by default). */
  readonly timeZone?: string;
  readonly now?: Date;
  /** Without it, nothing is recorded: a dry run. */
  readonly apply: boolean;
}

export type ForgetCandidate = Omit<SnapshotListing, 'id'> & { readonly id: string };

/** Applies a retention policy to the snapshots that are not deleted yet; records the deletions with `apply`. */
export async function forget(repository: Repository, options: ForgetOptions): Promise<{ groups: RetentionGroup<ForgetCandidate>[]; forgotten: Mac[] }> {
  if (!hasRetentionRule(options.policy)) throw new KlosetError('BAD_INPUT', 'The retention policy has no rule: it would keep everything. Give at least one --keep option.');
  await repository.refresh();
  const now = options.now ?? new Date();
  const groups = applyRetention<ForgetCandidate>({
    snapshots: listSnapshots(repository).map((snapshot) => ({ ...snapshot, id: macToHex(snapshot.id) })),
    policy: options.policy,
    now,
    timeZone: options.timeZone ?? Intl.DateTimeFormat().resolvedOptions().timeZone,
  });
  const forgotten = groups.flatMap((group) => group.decisions.filter((decision) => !decision.isKept).map((decision) => Buffer.from(decision.snapshot.id, 'hex')));
  if (options.apply && forgotten.length) await deleteSnapshots(repository, forgotten, now);
  return { groups, forgotten };
}

function byId(repository: Repository): Map<string, SnapshotListing> {
  return new Map(repository.cache.snapshots().map((snapshot) => [macToHex(snapshot.id), snapshot]));
}

async function recordEvents(repository: Repository, purpose: string, events: Partial<Pick<ReturnType<typeof emptyDelta>, 'deletions' | 'undeletions' | 'holds'>>): Promise<void> {
  const lock = await StoreLock.acquire(repository, { kind: 'shared', purpose, waitMs: 2000 });
  try {
    await repository.writeState({ ...emptyDelta(), ...events });
  } finally {
    await lock.release();
  }
}
