/**
 * Named connector entries (`kloset source|destination|store add NAME LOCATION key=value…`) and
 * the `@name` / `@name:sub/path` locations that use them or a connected account. Kept in the
 * app's data folder. Uses the engine only through main/kloset/index.ts; knows nothing of the API
 * or the command line that call it.
 */
export { entryRoles, type ConnectorEntry, type EntryRole } from './entry-book';
export { openEntries, type Entries } from './entries';
export { maskedValue } from './entry-summary';
export type { ResolvedLocation } from './locations';
export { importRcloneRemote, type RcloneImportOptions } from './rclone-import';
