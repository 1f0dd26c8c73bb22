/** How entry attributes are stored: small integer type codes and the case-folded form of names. */
import type { EntryType } from './types';

const typeByCode: readonly EntryType[] = ['dir', 'file', 'symlink', 'other'];
const codeByType: Readonly<Record<EntryType, number>> = { dir: 0, file: 1, symlink: 2, other: 3 };

export function typeCode(type: EntryType): number {
  return codeByType[type];
}

export function typeOfCode(code: number): EntryType {
  const type = typeByCode[code];
  if (type === undefined) throw new Error(`The catalog holds an unknown entry type code ${code}; delete the catalog file to rebuild it.`);
  return type;
}

/** The form names are searched and ordered by: Unicode NFC, lower case (locale-independent). */
export function foldName(name: string): string {
  return name.normalize('NFC').toLowerCase();
}
