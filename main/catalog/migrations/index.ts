import type { Migration } from '../../platform/sqlite';
import { initialSchema } from './001-initial';

/** The catalog's schema steps, in order; a released step is never edited, only followed by a new one. */
export const catalogMigrations: readonly Migration[] = [initialSchema];
