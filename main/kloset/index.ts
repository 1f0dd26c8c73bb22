/**
 * The Kloset engine: a content-addressed, deduplicating, compressing, encrypting, immutable store.
 * This file is the only import path for the rest of main/. The engine must not import anything
 * else from main/, nor shared/, nor Electron, nor SQLite: it takes its store, its sources and
 * destinations, and its caches as interfaces, and reports progress through callbacks.
 */
export { KlosetError, isKlosetError, klosetErrorCodes, type KlosetErrorCode } from './errors';
export { macFromHex, macToHex, isMacHex, resolvePrefix, type Mac } from './ids';
export { objectKinds, sourceSize, type ByteRange, type ObjectKind, type ObjectSource, type Store, type StoreMode } from './store/store';
export { MemoryStore } from './store/memory-store';
export { FsStore } from './store/fs-store';
export { defaultChunkerParams, type ChunkerParams } from './chunker/fastcdc';
export type { StoreConfig } from './format/config-format';
export type { SnapshotRecord, StateDelta } from './format/state-format';
export { Repository, type OpenOptions } from './repository/repository';
export { defaultPackfileTargetSize, type NewStoreOptions } from './repository/store-keys';
export { MemoryStateCache, type ObjectLocation, type PackfileInfo, type SnapshotListing, type StateCache } from './repository/state-cache';
export { StoreLock, removeLocks, type LockOptions } from './repository/locks';
export { entryKinds, isValidEntryName, splitSnapshotPath, type EntryInfo, type EntryKind } from './snapshot/entry';
export type { Importer, SourceEntry } from './snapshot/importer';
export { overwritePolicies, type Exporter, type OverwritePolicy, type RestoreEntry, type WriteOutcome } from './snapshot/exporter';
export { ExcludeMatcher } from './snapshot/excludes';
export { FsImporter, type FsImporterOptions } from './snapshot/fs-importer';
export { FsExporter } from './snapshot/fs-exporter';
export { backup, type BackupOptions, type BackupProgress, type BackupResult } from './snapshot/backup';
export { SourceScan } from './snapshot/source-scan';
export { restore, type RestoreLayout, type RestoreOptions, type RestoreProgress, type RestoreResult } from './snapshot/restore';
export { SnapshotReader, findSnapshot, listSnapshots, normalizePath, parseSnapshotRef } from './snapshot/snapshot-reader';
export type { BackupError, ChunkRef, SnapshotHeader, TreeEntry, TreeSummary } from './snapshot/tree-format';
export { diffSnapshots, type Change, type ChangeKind } from './snapshot/diff';
export { locate, type Located } from './snapshot/locate';
export type { Progress } from './snapshot/progress';
export { check, type CheckOptions, type CheckProblem, type CheckProgress, type CheckResult } from './maintenance/check';
export { deleteSnapshots, undeleteSnapshots, setLegalHold, forget, type ForgetOptions, type ForgetCandidate } from './maintenance/snapshot-flags';
export { applyRetention, hasRetentionRule, type RetentionPolicy, type RetentionGroup, type RetentionDecision, type RetentionReason } from './maintenance/retention';
export { maintain, defaultGraceMs, type MaintenanceOptions, type MaintenanceResult } from './maintenance/prune';
export { syncSnapshots, type SyncOptions, type SyncResult } from './maintenance/sync';
export { exportPtar, type PtarExportOptions } from './maintenance/ptar-export';
export { PtarStore } from './store/ptar-store';
export { SnapshotImporter } from './snapshot/snapshot-importer';
