import fs from 'node:fs';
import path from 'node:path';
import { defaultSettings, settingsSchema, type Settings } from '../../shared/types/settings';
import { writeFileAtomic } from '../platform/atomic-file';
import type { Logger } from '../platform/logger';

export interface SettingsStore {
  get(): Settings;
  /** Applies a validated patch, persists it, and returns the new settings. */
  update(patch: Partial<Settings>): Promise<Settings>;
}

/**
 * Settings kept as one JSON file in the data folder. A missing file means defaults; a damaged
 * or outdated file is read field by field so that one bad value does not reset the others.
 */
export function openSettingsStore(dataDir: string, log: Logger): SettingsStore {
  const file = path.join(dataDir, 'settings.json');
  let current = readSettings(file, log);
  let writing: Promise<void> = Promise.resolve();

  return {
    get: () => current,
    async update(patch) {
      current = settingsSchema.parse({ ...current, ...patch });
      const snapshot = current;
      writing = writing.then(() => writeFileAtomic(file, `${JSON.stringify(snapshot, null, 2)}\n`));
      await writing;
      return current;
    },
  };
}

function readSettings(file: string, log: Logger): Settings {
  let raw: unknown;
  try {
    raw = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') {
      log.warn('settings file unreadable; using defaults', { file, reason: String(error) });
    }
    return defaultSettings;
  }
  const merged: Record<string, unknown> = { ...defaultSettings };
  if (raw !== null && typeof raw === 'object') {
    const shape = settingsSchema.shape;
    for (const [key, value] of Object.entries(raw)) {
      if (!Object.hasOwn(shape, key)) continue;
      const field = shape[key as keyof typeof shape];
      if (field.safeParse(value).success) merged[key] = value;
      else log.warn('ignoring invalid setting', { key });
    }
  }
  return settingsSchema.parse(merged);
}
