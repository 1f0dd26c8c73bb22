import { z } from 'zod';
import { event, method } from './define';
import { locationSchema, passphraseSchema, storeIdSchema, type StoreInfo, type StoreSummary } from '../types/stores';

const name = z.string().trim().min(1, 'Give the store a name.').max(100);
const storeRef = z.object({ storeId: storeIdSchema }).strict();

export const storeMethods = {
  'stores.list': method<StoreSummary[]>()(z.object({}).strict()),
  /** Makes a new store at an empty location; it is then open. `encryption: 'none'` is an explicit choice. */
  'stores.create': method<StoreSummary>()(
    z
      .object({
        name,
        location: locationSchema,
        encryption: z.union([z.object({ passphrase: passphraseSchema }).strict(), z.literal('none')]),
        rememberPassphrase: z.boolean().default(false),
      })
      .strict(),
  ),
  /** Opens an existing store (adding it to the app when new) with its passphrase. */
  'stores.open': method<StoreSummary>()(
    z
      .object({
        location: locationSchema,
        passphrase: passphraseSchema.optional(),
        name: name.optional(),
        rememberPassphrase: z.boolean().default(false),
      })
      .strict(),
  ),
  /** Forgets the store's key (and any remembered passphrase) until it is opened again. */
  'stores.lock': method<StoreSummary>()(storeRef),
  /** Removes the store from the app; its data is left untouched. */
  'stores.remove': method<{ readonly removed: true }>()(storeRef),
  'stores.info': method<StoreInfo>()(storeRef),
  'stores.changePassphrase': method<{ readonly changed: true }>()(
    z.object({ storeId: storeIdSchema, currentPassphrase: passphraseSchema, newPassphrase: passphraseSchema }).strict(),
  ),
  /** Starts a check job. */
  'stores.check': method<{ readonly jobId: string }>()(
    z.object({ storeId: storeIdSchema, level: z.enum(['fast', 'full']).default('full'), samplePercent: z.number().int().min(1).max(100).optional() }).strict(),
  ),
  /** Rebuilds the catalog of a store from the store itself, as a job. */
  'stores.rebuildCatalog': method<{ readonly jobId: string }>()(storeRef),
};

export const storeEvents = {
  /** A store was added, opened, locked, removed, or its totals changed. */
  'stores.changed': event<StoreSummary[]>(),
};
