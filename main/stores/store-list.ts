import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { writeFileAtomic } from '../platform/atomic-file';
import type { Logger } from '../platform/logger';

const knownStoreSchema = z.object({
  id: z.string().regex(/^[0-9a-f]{32}$/),
  name: z.string().min(1),
  location: z.string().min(1),
  isEncrypted: z.boolean(),
  addedAt: z.string(),
  lastBackupAt: z.string().nullable().default(null),
  lastCheck: z.object({ at: z.string(), isOk: z.boolean() }).nullable().default(null),
});
export type KnownStore = z.infer<typeof knownStoreSchema>;

/**
 * The stores this app knows (name, location, ID; never a passphrase), in one JSON file of the data
 * folder, mode 0600, replaced atomically.
 */
export class StoreList {
  private stores: KnownStore[];

  private constructor(
    private readonly file: string,
    stores: KnownStore[],
  ) {
    this.stores = stores;
  }

  static open(dataDir: string, log: Logger): StoreList {
    const file = path.join(dataDir, 'stores.json');
    let stores: KnownStore[] = [];
    try {
      const parsed = z.array(knownStoreSchema).safeParse(JSON.parse(fs.readFileSync(file, 'utf8')));
      if (parsed.success) stores = parsed.data;
      else log.warn('the list of stores is damaged; starting with none', { file });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') log.warn('the list of stores cannot be read', { file, reason: String(error) });
    }
    return new StoreList(file, stores);
  }

  all(): readonly KnownStore[] {
    return this.stores;
  }

  get(id: string): KnownStore | undefined {
    return this.stores.find((store) => store.id === id);
  }

  async put(store: KnownStore): Promise<void> {
    this.stores = [...this.stores.filter((known) => known.id !== store.id), store].sort((a, b) => a.name.localeCompare(b.name));
    await this.save();
  }

  async update(id: string, change: Partial<Omit<KnownStore, 'id'>>): Promise<void> {
    const store = this.get(id);
    if (store) await this.put({ ...store, ...change });
  }

  async remove(id: string): Promise<void> {
    this.stores = this.stores.filter((store) => store.id !== id);
    await this.save();
  }

  private save(): Promise<void> {
    return writeFileAtomic(this.file, `${JSON.stringify(this.stores, null, 2)}\n`);
  }
}
