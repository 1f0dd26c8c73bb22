import fs from 'node:fs';
import path from 'node:path';
import { safeStorage } from 'electron';
import { writeFileAtomic } from '../platform/atomic-file';
import type { SecretStore } from '../platform/secret-store';

/**
 * Remembered passphrases, encrypted with Electron's `safeStorage` (the macOS Keychain, Windows
 * DPAPI, or the Linux secret service) into a file of the data folder, mode 0600. Unavailable (and
 * so never used) when the system offers no real protection, such as Linux's basic text backend.
 */
export function createSafeStorageSecrets(dataDir: string): SecretStore {
  const file = path.join(dataDir, 'secrets.json');
  const isAvailable = safeStorage.isEncryptionAvailable() && (process.platform !== 'linux' || safeStorage.getSelectedStorageBackend() !== 'basic_text');
  const read = (): Record<string, string> => {
    try {
      return JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, string>;
    } catch {
      return {};
    }
  };
  const write = (secrets: Record<string, string>): Promise<void> => writeFileAtomic(file, JSON.stringify(secrets));
  return {
    isAvailable,
    async get(key) {
      const sealed = read()[key];
      if (!isAvailable || !sealed) return null;
      try {
        return safeStorage.decryptString(Buffer.from(sealed, 'base64'));
      } catch {
        return null;
      }
    },
    async set(key, secret) {
      if (!isAvailable) throw new Error('This system offers no protected storage for passphrases.');
      await write({ ...read(), [key]: safeStorage.encryptString(secret).toString('base64') });
    },
    async delete(key) {
      const secrets = read();
      if (!(key in secrets)) return;
      delete secrets[key];
      await write(secrets);
    },
  };
}
