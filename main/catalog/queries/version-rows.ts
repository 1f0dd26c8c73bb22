/** How the attributes of a version row (alias `v`) are selected and turned back into an entry. */
import { typeOfCode } from '../encoding';
import type { EntryRecord } from '../types';

/** The content id comes out as hex from SQLite: cheaper than a Buffer per row turned into hex in JS. */
export const versionColumns = 'v.type, v.size, v.mtime_ms, v.mode, iif(v.content IS NULL, NULL, lower(hex(v.content))) AS content_id, v.target';

export interface VersionColumns {
  type: number;
  size: number;
  mtime_ms: number;
  mode: number;
  content_id: string | null;
  target: string | null;
}

export function toEntryRecord(path: string, row: VersionColumns): EntryRecord {
  return { path, type: typeOfCode(row.type), size: row.size, mtime: row.mtime_ms, mode: row.mode, contentId: row.content_id, target: row.target };
}
