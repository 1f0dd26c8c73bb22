/**
 * A small, conservative estimate of how hard a passphrase is to guess, for the strength meter.
 *
 * Hand-written because the well-known estimator (zxcvbn, or @zxcvbn-ts with its dictionaries)
 * weighs about a megabyte and is not installed; this one is a few dozen lines and errs on the low
 * side: runs, sequences, keyboard rows and very common words add almost nothing, and a phrase of
 * words counts each word as one pick from a list of 8,192 words rather than as random letters.
 */

export type StrengthLevel = 0 | 1 | 2 | 3 | 4;
/** Why a passphrase scored lower than its length suggests; the meter turns these into advice. */
export type StrengthHint = 'short' | 'common' | 'pattern' | 'few-kinds';

export interface PassphraseStrength {
  /** Estimated entropy in bits. */
  readonly bits: number;
  readonly level: StrengthLevel;
  readonly hints: readonly StrengthHint[];
}

const commonWords = [
  'password', 'passw0rd', 'qwerty', 'letmein', 'welcome', 'admin', 'iloveyou', 'monkey', 'dragon', 'football',
  'baseball', 'sunshine', 'princess', 'master', 'shadow', 'superman', 'trustno1', 'login', 'starwars', 'secret',
  'summer', 'winter', 'spring', 'autumn', 'hello', 'freedom', 'whatever', 'backup', 'kloset', 'dropbox',
  'opendrive', 'computer', 'michael', 'jennifer', 'charlie', 'cheese', 'soccer', 'hockey', 'batman', 'pokemon',
];
const keyboardRows = ['qwertyuiop', 'asdfghjkl', 'zxcvbnm', '1234567890', 'azertyuiop', 'qwertzuiop'];
/** log2 of a 8,192-word list: what one word of a passphrase is worth. */
const bitsPerWord = 13;
const levelFloors: ReadonlyArray<readonly [number, StrengthLevel]> = [
  [72, 4],
  [56, 3],
  [40, 2],
  [28, 1],
];

function poolSize(text: string): number {
  let size = 0;
  if (/[a-z]/.test(text)) size += 26;
  if (/[A-Z]/.test(text)) size += 26;
  if (/\d/.test(text)) size += 10;
  if (/[ -/:-@[-`{-~]/.test(text)) size += 33;
  if (/[^\x20-\x7e]/.test(text)) size += 100;
  return Math.max(size, 1);
}

function normalize(text: string): string {
  const leet: Readonly<Record<string, string>> = { '0': 'o', '1': 'i', '3': 'e', '4': 'a', '5': 's', '7': 't', '@': 'a', $: 's' };
  return text.toLowerCase().replace(/[013457@$]/g, (char) => leet[char] ?? char);
}

/** Marks characters that add (almost) nothing: repeats, ascending or descending runs, keyboard rows, common words. */
function weakCharacters(text: string): { readonly weak: boolean[]; readonly hasCommon: boolean; readonly hasPattern: boolean } {
  const weak = new Array<boolean>(text.length).fill(false);
  let hasPattern = false;
  for (let i = 2; i < text.length; i++) {
    const [a, b, c] = [text.charCodeAt(i - 2), text.charCodeAt(i - 1), text.charCodeAt(i)];
    if ((a === b && b === c) || (b - a === c - b && Math.abs(c - b) === 1)) {
      weak[i] = true;
      hasPattern = true;
    }
  }
  const lower = text.toLowerCase();
  for (const row of keyboardRows) {
    for (let start = 0; start + 4 <= row.length; start++) {
      for (const piece of [row.slice(start, start + 4), [...row.slice(start, start + 4)].reverse().join('')]) {
        for (let at = lower.indexOf(piece); at >= 0; at = lower.indexOf(piece, at + 1)) {
          weak.fill(true, at + 1, at + 4);
          hasPattern = true;
        }
      }
    }
  }
  const normalized = normalize(text);
  let hasCommon = false;
  for (const word of commonWords) {
    for (let at = normalized.indexOf(word); at >= 0; at = normalized.indexOf(word, at + 1)) {
      weak.fill(true, at, at + word.length);
      hasCommon = true;
    }
  }
  return { weak, hasCommon, hasPattern };
}

function wordsEstimate(text: string): number | null {
  const words = text.split(/[\s\-_.,;:+]+/).filter(Boolean);
  if (words.length < 3 || !words.every((word) => /^\p{L}{2,}$/u.test(word))) return null;
  return words.reduce((sum, word) => sum + Math.min(bitsPerWord, word.length * Math.log2(26)), 0);
}

export function estimatePassphrase(passphrase: string): PassphraseStrength {
  if (passphrase.length === 0) return { bits: 0, level: 0, hints: ['short'] };
  const pool = poolSize(passphrase);
  const { weak, hasCommon, hasPattern } = weakCharacters(passphrase);
  const strongCount = weak.filter((isWeak) => !isWeak).length;
  const charBits = strongCount * Math.log2(pool) + (hasCommon ? 8 : 0) + (hasPattern ? 2 : 0);
  const phraseBits = wordsEstimate(passphrase);
  const bits = Math.round(phraseBits === null ? charBits : Math.min(charBits, Math.max(phraseBits, 0)));
  const level = levelFloors.find(([floor]) => bits >= floor)?.[1] ?? 0;
  const hints: StrengthHint[] = [];
  if (passphrase.length < 12) hints.push('short');
  if (hasCommon) hints.push('common');
  if (hasPattern) hints.push('pattern');
  if (phraseBits === null && pool <= 26 && passphrase.length < 16) hints.push('few-kinds');
  return { bits, level, hints: level === 4 ? [] : hints };
}
