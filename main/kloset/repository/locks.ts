import crypto from 'node:crypto';
import os from 'node:os';
import { KlosetError, isKlosetError } from '../errors';
import { decodeLock, encodeLock, type LockInfo, type LockKind } from '../format/lock-format';
import { macToHex, type Mac } from '../ids';
import type { Repository } from './repository';

export interface LockOptions {
  readonly kind: LockKind;
  /** Shown to whoever is blocked: "backup of /home/ann", "maintenance". */
  readonly purpose: string;
  /** A lock not refreshed for this long is stale. 10 minutes by default. */
  readonly ttlMs?: number;
  /** Keep trying this long while another lock conflicts (0: fail at once). */
  readonly waitMs?: number;
  readonly now?: () => Date;
}

const defaultTtlMs = 10 * 60 * 1000;

/**
 * A lock on a store: shared for backups (any number at once), exclusive for maintenance (alone).
 * A lock is an object in `locks/` with an expiry; the holder refreshes it (a new object, then the
 * old one deleted) every third of its lifetime. Whoever finds an expired lock, or one of a
 * process that is gone from this host, removes it. A holder that could not refresh before its
 * lock expired has lost it: `assertHeld` then throws, and the holder must not commit.
 */
export class StoreLock {
  private currentName: Mac;
  private expiresAt: Date;
  private timer: NodeJS.Timeout | null = null;
  private isReleased = false;

  private constructor(
    private readonly repository: Repository,
    private readonly info: Omit<LockInfo, 'createdAt' | 'expiresAt'>,
    name: Mac,
    expiresAt: Date,
    private readonly ttlMs: number,
    private readonly now: () => Date,
  ) {
    this.currentName = name;
    this.expiresAt = expiresAt;
    this.timer = setInterval(() => void this.refresh(), Math.max(1000, Math.floor(ttlMs / 3)));
    this.timer.unref();
  }

  static async acquire(repository: Repository, options: LockOptions): Promise<StoreLock> {
    const now = options.now ?? (() => new Date());
    const ttlMs = options.ttlMs ?? defaultTtlMs;
    const info = { kind: options.kind, host: os.hostname(), pid: process.pid, user: safeUserName(), purpose: options.purpose };
    const deadline = now().getTime() + (options.waitMs ?? 0);
    for (let attempt = 0; ; attempt++) {
      const name = crypto.randomBytes(32);
      const expiresAt = new Date(now().getTime() + ttlMs);
      await repository.store.put('lock', name, { bytes: encodeLock({ ...info, createdAt: now(), expiresAt }, repository.sealer) });
      const conflict = await findConflict(repository, name, options.kind, now);
      if (!conflict) return new StoreLock(repository, info, name, expiresAt, ttlMs, now);
      await repository.store.delete('lock', name);
      if (now().getTime() >= deadline) throw conflict;
      await new Promise((resolve) => setTimeout(resolve, Math.min(30_000, 500 * 2 ** attempt) * (0.5 + Math.random())));
    }
  }

  /** Throws LOCKED when the lock expired without being refreshed: the holder must stop. */
  assertHeld(): void {
    if (this.isReleased || this.now().getTime() >= this.expiresAt.getTime()) {
      throw new KlosetError('LOCKED', 'The lock on the store expired before it could be refreshed (the store was unreachable for too long). Nothing was committed; run the operation again.');
    }
  }

  async release(): Promise<void> {
    if (this.isReleased) return;
    this.isReleased = true;
    if (this.timer) clearInterval(this.timer);
    await this.repository.store.delete('lock', this.currentName);
  }

  private async refresh(): Promise<void> {
    if (this.isReleased) return;
    const expiresAt = new Date(this.now().getTime() + this.ttlMs);
    const name = crypto.randomBytes(32);
    try {
      await this.repository.store.put('lock', name, { bytes: encodeLock({ ...this.info, createdAt: this.now(), expiresAt }, this.repository.sealer) });
    } catch {
      return;
    }
    const previous = this.currentName;
    this.currentName = name;
    this.expiresAt = expiresAt;
    await this.repository.store.delete('lock', previous).catch(() => undefined);
  }
}

async function findConflict(repository: Repository, own: Mac, kind: LockKind, now: () => Date): Promise<KlosetError | null> {
  for (const name of await repository.store.list('lock')) {
    if (name.equals(own)) continue;
    let other: LockInfo;
    try {
      other = decodeLock(await repository.store.get('lock', name), repository.sealer, `lock ${macToHex(name)}`);
    } catch (error) {
      if (isKlosetError(error, 'NOT_FOUND')) continue;
      return new KlosetError('LOCKED', `The store ${repository.store.location} has a damaged lock (${macToHex(name).slice(0, 12)}…). If no other Kloset is using the store, remove it with "kloset at <store> unlock".`);
    }
    if (isStale(other, now())) {
      await repository.store.delete('lock', name).catch(() => undefined);
      continue;
    }
    if (kind === 'exclusive' || other.kind === 'exclusive') {
      return new KlosetError(
        'LOCKED',
        `The store ${repository.store.location} is in use: ${other.purpose} (${other.kind} lock by ${other.user}@${other.host}, process ${other.pid}, since ${other.createdAt.toISOString()}). Try again when it is done.`,
      );
    }
  }
  return null;
}

/** Expired, or held by a process of this host that no longer exists. */
export function isStale(lock: LockInfo, now: Date): boolean {
  if (lock.expiresAt.getTime() < now.getTime()) return true;
  if (lock.host !== os.hostname() || lock.pid === process.pid) return false;
  try {
    process.kill(lock.pid, 0);
    return false;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ESRCH';
  }
}

/** Removes locks that are stale, or every lock with `all` (when the user knows nothing else runs). */
export async function removeLocks(repository: Repository, options: { all: boolean; now?: Date }): Promise<number> {
  let removed = 0;
  for (const name of await repository.store.list('lock')) {
    let isRemovable = options.all;
    if (!isRemovable) {
      try {
        isRemovable = isStale(decodeLock(await repository.store.get('lock', name), repository.sealer, 'lock'), options.now ?? new Date());
      } catch {
        isRemovable = true;
      }
    }
    if (isRemovable) {
      await repository.store.delete('lock', name);
      removed++;
    }
  }
  return removed;
}

function safeUserName(): string {
  try {
    return os.userInfo().username;
  } catch {
    return 'unknown';
  }
}
