/** Byte streams of the protocol (file content, objects) travel in chunks of at most 1 MiB. */
export const maxChunkBytes = 1024 * 1024;

/** Location flags of an `InitResponse` (bit values). */
export const locationFlags = { localFs: 1, file: 2, stream: 4, needAck: 8, noMerge: 16, exportXattr: 32 } as const;

/** Bits of a store's `ModeResponse.mode`. */
export const storeModeBits = { write: 2, read: 4 } as const;

/**
 * gRPC status metadata key carrying the engine's error code (`NOT_FOUND`, `AUTH_EXPIRED`, …), so
 * that a host running our engine recovers the exact `KlosetError` code across the process
 * boundary. Hosts that do not know it still get the status code and message the protocol defines.
 */
export const errorCodeMetadataKey = 'kloset-error-code';

/**
 * The protocol's `Result` has only an error string. An exporter plugin that kept an existing file
 * because of the overwrite policy answers with exactly this error, which our host reads as the
 * outcome `'skipped'` rather than a failure. Other hosts show it as the reason the file was not
 * written, which is also true.
 */
export const skippedResultError = 'skipped: exists';

/**
 * Configuration key through which our host passes the restore overwrite policy (`never`,
 * `if-newer`, `always`) to an exporter plugin. Plugins that do not know it ignore it; without it a
 * plugin overwrites, as Plakar's exporters do.
 */
export const overwriteConfigKey = 'kloset_overwrite';
