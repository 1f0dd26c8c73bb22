/**
 * The catalog: a SQLite cache, per store, of its snapshots and every snapshot's entries, for
 * instant listing, browsing, search, versions and diffs. Never needed to restore: delete the
 * file and `rebuild` brings it back from the store. It defines its own input types and must not
 * import the engine (`main/kloset`); the composition root adapts one to the other.
 */
export { openCatalog, Catalog } from './catalog';
export { CatalogError, isCatalogError, type CatalogErrorCode } from './errors';
export type { CatalogProgress, CatalogSource, CatalogWorkOptions, EntryRecord, EntryType, SnapshotRecord, SnapshotTotals } from './types';
export type { SyncResult } from './sync';
export type { DirectoryEntry, DirectoryPage, DirectoryQuery, DirectoryTotals } from './queries/browse';
export type { DiffChange, DiffEntry, DiffQuery, DiffTotals, SnapshotDiff } from './queries/diff';
export type { SearchPage, SearchQuery, SizeRange } from './queries/search';
export type { SnapshotFilter, SnapshotSummary, SourceRef, TimeRange } from './queries/snapshot-rows';
export type { GrowthPoint, SnapshotListQuery, SnapshotPage } from './queries/snapshots';
export type { FileHistory, FileVersion, SnapshotRef, VersionsQuery } from './queries/versions';
