/**
 * Remembered secrets (store passphrases), kept only where the operating system protects them:
 * the Electron shell backs this with `safeStorage`; the headless server and the CLI have none.
 */
export interface SecretStore {
  /** False where secrets cannot be kept safely; callers then say so instead of remembering. */
  readonly isAvailable: boolean;
  get(key: string): Promise<string | null>;
  set(key: string, secret: string): Promise<void>;
  delete(key: string): Promise<void>;
}

/** For the headless server and the CLI: nothing is remembered, and callers are told why. */
export const noSecretStore: SecretStore = {
  isAvailable: false,
  get: async () => null,
  set: async () => {
    throw new Error('Passphrases cannot be remembered here: there is no system keychain in this mode.');
  },
  delete: async () => undefined,
};
