import crypto from 'node:crypto';
import { KlosetError } from '../errors';
import type { Mac } from '../ids';

/** MAC algorithms a store may record in CONFIG. HMAC-SHA256 measured fastest among portable options here. */
export const macAlgorithms = ['hmac-sha256'] as const;
export type MacAlgorithm = (typeof macAlgorithms)[number];

/** Computes keyed MACs; `update`-style for data that arrives in pieces. */
export interface Macer {
  mac(data: Uint8Array): Mac;
  incremental(): { update(data: Uint8Array): void; digest(): Mac };
}

export function createMacer(algorithm: string, key: Uint8Array): Macer {
  if (algorithm !== 'hmac-sha256') throw new KlosetError('UNSUPPORTED_VERSION', `This store addresses objects with ${algorithm}, which this version does not know.`);
  const keyObject = crypto.createSecretKey(key);
  return {
    mac: (data) => crypto.createHmac('sha256', keyObject).update(data).digest(),
    incremental() {
      const hmac = crypto.createHmac('sha256', keyObject);
      return {
        update: (data) => void hmac.update(data),
        digest: () => hmac.digest(),
      };
    },
  };
}
