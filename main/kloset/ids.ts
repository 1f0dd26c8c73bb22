import { KlosetError } from './errors';

/** A 32-byte MAC: the address of every object in a store. */
export type Mac = Buffer;
export const macLength = 32;

export function macToHex(mac: Uint8Array): string {
  return Buffer.from(mac.buffer, mac.byteOffset, mac.byteLength).toString('hex');
}

export function macFromHex(hex: string): Mac {
  if (!/^[0-9a-f]{64}$/.test(hex)) throw new KlosetError('BAD_INPUT', `"${hex.slice(0, 80)}" is not a 64-character hexadecimal object name.`);
  return Buffer.from(hex, 'hex');
}

export function isMacHex(name: string): boolean {
  return /^[0-9a-f]{64}$/.test(name);
}

/**
 * Finds the one id among `ids` that starts with `prefix`, like git.
 * Throws NOT_FOUND or AMBIGUOUS (listing the candidates) otherwise.
 */
export function resolvePrefix(prefix: string, ids: Iterable<string>, what = 'snapshot'): string {
  const wanted = prefix.toLowerCase();
  if (!/^[0-9a-f]{1,64}$/.test(wanted)) {
    throw new KlosetError('BAD_INPUT', `"${prefix}" is not a ${what} ID: IDs are hexadecimal (0-9, a-f).`);
  }
  const matches = [...ids].filter((id) => id.startsWith(wanted));
  if (matches.length === 1 && matches[0]) return matches[0];
  if (matches.length === 0) throw new KlosetError('NOT_FOUND', `No ${what} ID starts with ${wanted}.`);
  const shown = matches.slice(0, 5).map((id) => `${id.slice(0, Math.max(wanted.length + 1, 8))}…`);
  throw new KlosetError('AMBIGUOUS', `${what} prefix ${wanted} is ambiguous: ${shown.join(', ')}${matches.length > 5 ? ', …' : ''}`);
}
