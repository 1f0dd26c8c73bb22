import type { Mac } from '../ids';
import { macToHex } from '../ids';
import type { ObjectType, PackfileKind } from '../format/packfile-format';
import type { SnapshotRecord, StateDelta } from '../format/state-format';

/** Where an object lives: enough for one ranged read. */
export interface ObjectLocation {
  readonly type: ObjectType;
  readonly packfile: Mac;
  readonly offset: number;
  readonly length: number;
  readonly rawLength: number;
}

export interface PackfileInfo {
  readonly mac: Mac;
  readonly kind: PackfileKind;
  readonly size: number;
}

/** A snapshot with the flags that later states set on it. */
export interface SnapshotListing extends SnapshotRecord {
  readonly deletedAt: Date | null;
  readonly isOnLegalHold: boolean;
}

/**
 * The merged view of a store's states, kept on this machine so that opening a store does not
 * re-read every state and deduplication does not need the whole index in memory. The engine ships
 * `MemoryStateCache`; the app keeps one in SQLite per store.
 *
 * Contract: `apply` is idempotent per state name; `reset` forgets everything (used when a state
 * the cache had applied is gone from the store, e.g. after maintenance merged states). Lookups
 * are synchronous and cheap; they may be called very often during a backup.
 */
export interface StateCache {
  appliedStates(): Set<string>;
  apply(stateName: string, delta: StateDelta): void;
  reset(): void;
  locate(mac: Mac): ObjectLocation | undefined;
  snapshots(): SnapshotListing[];
  packfiles(): PackfileInfo[];
  /** The objects of one packfile, for checks and maintenance. */
  objectsIn(packfile: Mac): Array<{ mac: Mac } & ObjectLocation>;
  /** Packfiles removed by maintenance (they stay removed). */
  removedPackfiles(): Set<string>;
  /** Unclaimed packfiles and when maintenance first saw them, by hex name. */
  condemned(): Map<string, Date>;
  /** Releases what the cache holds open (a database). */
  close?(): void;
}

interface SnapshotFlags {
  deletedAt: Date | null;
  deletionTime: number;
  holdTime: number;
  isOnLegalHold: boolean;
}

/** The state cache in memory: fine for the CLI, tests and stores of moderate size. */
export class MemoryStateCache implements StateCache {
  private readonly states = new Set<string>();
  private readonly objects = new Map<string, ObjectLocation>();
  private readonly packs = new Map<string, PackfileInfo & { objects: string[] }>();
  private readonly removedPacks = new Set<string>();
  private readonly condemnedPacks = new Map<string, Date>();
  private readonly records = new Map<string, SnapshotRecord>();
  private readonly flags = new Map<string, SnapshotFlags>();

  appliedStates(): Set<string> {
    return new Set(this.states);
  }

  apply(stateName: string, delta: StateDelta): void {
    if (this.states.has(stateName)) return;
    this.states.add(stateName);
    for (const removed of delta.removedPackfiles) this.removePackfile(macToHex(removed));
    for (const pack of delta.packfiles) {
      const packHex = macToHex(pack.mac);
      if (this.removedPacks.has(packHex)) continue;
      const objects: string[] = [];
      for (const entry of pack.entries) {
        const hex = macToHex(entry.mac);
        objects.push(hex);
        if (!this.objects.has(hex)) this.objects.set(hex, { type: entry.type, packfile: pack.mac, offset: entry.offset, length: entry.length, rawLength: entry.rawLength });
      }
      this.packs.set(packHex, { mac: pack.mac, kind: pack.kind, size: pack.size, objects });
    }
    for (const event of delta.condemned) {
      const hex = macToHex(event.id);
      const seen = this.condemnedPacks.get(hex);
      if (!seen || event.at < seen) this.condemnedPacks.set(hex, event.at);
    }
    for (const record of delta.snapshots) this.records.set(macToHex(record.id), record);
    for (const event of delta.deletions) this.flag(event.id, (f) => event.at.getTime() >= f.deletionTime && ((f.deletedAt = event.at), (f.deletionTime = event.at.getTime())));
    for (const event of delta.undeletions) this.flag(event.id, (f) => event.at.getTime() >= f.deletionTime && ((f.deletedAt = null), (f.deletionTime = event.at.getTime())));
    for (const event of delta.holds) this.flag(event.id, (f) => event.at.getTime() >= f.holdTime && ((f.isOnLegalHold = event.isOnHold), (f.holdTime = event.at.getTime())));
  }

  reset(): void {
    this.states.clear();
    this.objects.clear();
    this.packs.clear();
    this.removedPacks.clear();
    this.condemnedPacks.clear();
    this.records.clear();
    this.flags.clear();
  }

  locate(mac: Mac): ObjectLocation | undefined {
    return this.objects.get(macToHex(mac));
  }

  snapshots(): SnapshotListing[] {
    return [...this.records.entries()].map(([hex, record]) => {
      const flags = this.flags.get(hex);
      return { ...record, deletedAt: flags?.deletedAt ?? null, isOnLegalHold: flags?.isOnLegalHold ?? false };
    });
  }

  packfiles(): PackfileInfo[] {
    return [...this.packs.values()].map(({ mac, kind, size }) => ({ mac, kind, size }));
  }

  objectsIn(packfile: Mac): Array<{ mac: Mac } & ObjectLocation> {
    const pack = this.packs.get(macToHex(packfile));
    if (!pack) return [];
    return pack.objects.flatMap((hex) => {
      const location = this.objects.get(hex);
      return location && location.packfile.equals(packfile) ? [{ mac: Buffer.from(hex, 'hex'), ...location }] : [];
    });
  }

  removedPackfiles(): Set<string> {
    return new Set(this.removedPacks);
  }

  condemned(): Map<string, Date> {
    return new Map(this.condemnedPacks);
  }

  /** A removed packfile stays removed, even if an older state that lists it is applied later. */
  private removePackfile(packHex: string): void {
    this.removedPacks.add(packHex);
    const pack = this.packs.get(packHex);
    if (!pack) return;
    this.packs.delete(packHex);
    for (const hex of pack.objects) {
      if (this.objects.get(hex)?.packfile.equals(pack.mac)) this.objects.delete(hex);
    }
  }

  private flag(id: Mac, update: (flags: SnapshotFlags) => unknown): void {
    const hex = macToHex(id);
    let flags = this.flags.get(hex);
    if (!flags) {
      flags = { deletedAt: null, deletionTime: -Infinity, holdTime: -Infinity, isOnLegalHold: false };
      this.flags.set(hex, flags);
    }
    update(flags);
  }
}
