/**
 * The connector protocol (Plakar v1.1 integration protocol) shared by both sides: the .proto
 * files and their loading, message checks, conversions between records and engine entries, and
 * the mapping of engine errors to gRPC statuses. Knows nothing of processes or sockets.
 */
export { protoFiles, protocolFolder } from './load-protocol';
export { errorCodeMetadataKey, locationFlags, maxChunkBytes, overwriteConfigKey, skippedResultError, storeModeBits } from './constants';
