import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { KlosetError } from '../../kloset/index';
import { writeFileAtomic } from '../../platform/atomic-file';

export const entryRoles = ['source', 'destination', 'store'] as const;
/** What an entry is used as: a backup source, a restore destination, or a store. */
export type EntryRole = (typeof entryRoles)[number];

/** A named connector entry: a location and the connector's options (`rclone_type`, …). */
export interface ConnectorEntry {
  readonly name: string;
  readonly role: EntryRole;
  readonly location: string;
  readonly options: Readonly<Record<string, string>>;
}

/** Entry names: as account names in the API (letters, digits, ".", "_", "-"; up to 64). */
const entryNamePattern = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;
const optionKeyPattern = /^[a-z][a-z0-9_]*$/;

const storedEntrySchema = z.object({ location: z.string().min(1).max(4096), options: z.record(z.string(), z.string()) });
const bookSchema = z.object({
  version: z.literal(1),
  source: z.record(z.string(), storedEntrySchema),
  destination: z.record(z.string(), storedEntrySchema),
  store: z.record(z.string(), storedEntrySchema),
});
type BookFile = z.infer<typeof bookSchema>;

const roleWords: Readonly<Record<EntryRole, string>> = { source: 'source', destination: 'destination', store: 'store' };

/** Refuses a name or options that could not be stored or passed on to a connector. */
function checkEntry(name: string, options: Readonly<Record<string, string>>): void {
  if (!entryNamePattern.test(name)) throw new KlosetError('BAD_INPUT', `"${name}" cannot name an entry: use letters, digits, ".", "_" or "-" (up to 64), starting with a letter or digit.`);
  for (const [key, value] of Object.entries(options)) {
    if (!optionKeyPattern.test(key) || key === 'location') throw new KlosetError('BAD_INPUT', `"${key}" is not an option name: lowercase letters, digits and "_", and not "location".`);
    if (/[\r\n\0]/.test(value)) throw new KlosetError('BAD_INPUT', `The value of ${key} must be on one line.`);
  }
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return null;
  }
}

/**
 * The named sources, destinations and stores of this machine, in one JSON file of the app's data
 * folder (mode 0600: options may hold tokens), written atomically. Each call reads the file
 * afresh, so the app and the command line see each other's changes.
 */
export class EntryBook {
  readonly file: string;

  constructor(dataDir: string) {
    this.file = path.join(dataDir, 'connector-entries.json');
  }

  list(role: EntryRole): ConnectorEntry[] {
    return Object.entries(this.read()[role])
      .map(([name, entry]) => ({ name, role, ...entry }))
      .sort((a, b) => a.name.localeCompare(b.name));
  }

  get(role: EntryRole, name: string): ConnectorEntry | null {
    const entry = this.read()[role][name];
    return entry ? { name, role, ...entry } : null;
  }

  /** Adds an entry; ALREADY_EXISTS when the name is taken for this role. */
  async add(role: EntryRole, name: string, location: string, options: Readonly<Record<string, string>>): Promise<ConnectorEntry> {
    checkEntry(name, options);
    const book = this.read();
    if (book[role][name]) throw new KlosetError('ALREADY_EXISTS', `There is already a ${roleWords[role]} named "${name}". Remove it first (kloset ${role} rm ${name}), or choose another name.`);
    book[role][name] = { location, options: { ...options } };
    await this.write(book);
    return { name, role, location, options };
  }

  /** Removes an entry; false when there was none. */
  async remove(role: EntryRole, name: string): Promise<boolean> {
    const book = this.read();
    if (!book[role][name]) return false;
    delete book[role][name];
    await this.write(book);
    return true;
  }

  private read(): BookFile {
    let text: string;
    try {
      text = fs.readFileSync(this.file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { version: 1, source: {}, destination: {}, store: {} };
      throw new KlosetError('IO', `Cannot read the connector entries in ${this.file}: ${(error as Error).message}.`, { cause: error });
    }
    const parsed = bookSchema.safeParse(parseJson(text));
    if (!parsed.success) throw new KlosetError('CORRUPT', `The connector entries in ${this.file} are damaged (${parsed.error.issues[0]?.message ?? 'invalid'}). Fix or remove the file.`);
    return parsed.data;
  }

  private async write(book: BookFile): Promise<void> {
    await writeFileAtomic(this.file, `${JSON.stringify(book, null, 2)}\n`, 0o600);
  }
}
