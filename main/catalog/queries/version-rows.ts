/** How the attributes of a version row (alias `v`) are selected and turned back into an entry. */
import { contentHex, typeOfCode } from '../encoding';
import type { EntryRecord } from '../types';

export const versionColumns = 'v.type, v.size, v.mtime_ms, v.mode, v.content, v.target';

export interface VersionColumns {
  type: number;
  size: number;
  mtime_ms: number;
  mode: number;
  content: Buffer | null;
  target: string | null;
}

export function toEntryRecord(path: string, row: VersionColumns): EntryRecord {
  return { path, type: typeOfCode(row.type), size: row.size, mtime: row.mtime_ms, mode: row.mode, contentId: contentHex(row.content), target: row.target };
}
