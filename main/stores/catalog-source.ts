import type { CatalogSource, EntryRecord, SnapshotRecord } from '../catalog';
import { SnapshotReader, listSnapshots, macToHex, type Repository, type SnapshotListing, type TreeEntry } from '../kloset';

/**
 * The engine as the catalog's source: snapshot headers and trees in the catalog's shapes.
 * Headers of snapshots the catalog knows already are not read again (a store in the cloud
 * would pay one request each); their flags come from the states.
 */
export function catalogSourceFor(repository: Repository, known: (id: string) => SnapshotRecord | null): CatalogSource {
  return {
    async listSnapshots() {
      await repository.refresh();
      const listings = listSnapshots(repository, { includeDeleted: true });
      return Promise.all(listings.map(async (listing) => withFlags(known(macToHex(listing.id)) ?? (await readRecord(repository, listing)), listing)));
    },
    async *readEntries(snapshotId) {
      const reader = await SnapshotReader.open(repository, Buffer.from(snapshotId, 'hex'));
      for await (const { pathname, entry } of reader.walk('/')) yield entryRecord(reader, pathname, entry);
    },
  };
}

async function readRecord(repository: Repository, listing: SnapshotListing): Promise<SnapshotRecord> {
  const { header } = await SnapshotReader.open(repository, listing.id);
  return {
    id: macToHex(listing.id),
    time: header.time,
    host: header.host,
    user: header.user,
    sourceOrigin: header.source.origin,
    sourceType: header.source.type,
    sourceRoot: header.source.root,
    name: header.name,
    tags: header.tags,
    totals: { files: header.summary.files, dirs: header.summary.directories, bytes: header.summary.bytes, storedBytes: header.stats.storedBytes },
    errorCount: header.errors.count,
    parentId: header.parent ? macToHex(header.parent) : null,
    isOnLegalHold: listing.isOnLegalHold,
    deletedAt: listing.deletedAt,
  };
}

function withFlags(record: SnapshotRecord, listing: SnapshotListing): SnapshotRecord {
  return { ...record, isOnLegalHold: listing.isOnLegalHold, deletedAt: listing.deletedAt };
}

function entryRecord(reader: SnapshotReader, pathname: string, entry: TreeEntry): EntryRecord {
  return {
    path: pathname,
    type: entry.kind === 'directory' ? 'dir' : entry.kind,
    size: entry.kind === 'directory' ? (entry.summary?.bytes ?? 0) : entry.size,
    mtime: Number(entry.mtimeNs / 1_000_000n),
    mode: entry.mode,
    contentId: entry.kind === 'file' ? reader.contentId(entry) : null,
    target: entry.target ?? null,
  };
}
