/** The kinds of entries a snapshot records. */
export const entryKinds = ['file', 'directory', 'symlink', 'other'] as const;
export type EntryKind = (typeof entryKinds)[number];

/** What the engine knows of one file system entry, from a source or in a snapshot. */
export interface EntryInfo {
  readonly kind: EntryKind;
  /** Bytes of a regular file's content; 0 for others. */
  readonly size: number;
  /** Permission bits with setuid, setgid and sticky (at most 0o7777). */
  readonly mode: number;
  /** Modification time in nanoseconds since 1970. */
  readonly mtimeNs: bigint;
  readonly uid: number;
  readonly gid: number;
  /** A symlink's target, as stored in the link. */
  readonly target?: string;
}

/** Validates one path component: not empty, not `.` or `..`, no `/`, no NUL. */
export function isValidEntryName(name: string): boolean {
  return name.length > 0 && name.length <= 4096 && name !== '.' && name !== '..' && !name.includes('/') && !name.includes('\0');
}

/** Splits an absolute snapshot path ('/a/b') into its validated components; '/' gives []. */
export function splitSnapshotPath(pathname: string): string[] | null {
  if (!pathname.startsWith('/')) return null;
  const parts = pathname.split('/').filter((part) => part.length > 0);
  return parts.every(isValidEntryName) ? parts : null;
}
