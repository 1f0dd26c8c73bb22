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
export { entryKinds, isValidEntryName, splitSnapshotPath, type EntryInfo, type EntryKind } from './snapshot/entry';
export type { Importer, SourceEntry } from './snapshot/importer';
export { overwritePolicies, type Exporter, type OverwritePolicy, type RestoreEntry, type WriteOutcome } from './snapshot/exporter';
