import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { KlosetError } from '../errors';
import type { EntryInfo } from './entry';
import type { OverwritePolicy, WriteOutcome } from './exporter';

const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;

/** What the overwrite policy says about an existing entry at the target (null: nothing there). */
export function overwriteDecision(existing: fs.BigIntStats | null, entry: Pick<EntryInfo, 'mtimeNs'>, policy: OverwritePolicy, target: string): 'write' | 'skip' {
  if (!existing) return 'write';
  if (existing.isDirectory()) throw new KlosetError('IO', `Cannot restore ${target}: a folder is in the way.`);
  if (policy === 'never') return 'skip';
  if (policy === 'if-newer') return entry.mtimeNs > existing.mtimeNs ? 'write' : 'skip';
  return 'write';
}

/** Random once per thread, then counted: unique names without a call for randomness per file. */
const tempPrefix = crypto.randomBytes(6).toString('hex');
let tempCounter = 0;

/** A name beside `target` for its content until it is complete (created with O_EXCL, so never shared). */
export function tempNameFor(target: string): string {
  return path.join(path.dirname(target), `.${path.basename(target).slice(0, 100)}.kloset-${tempPrefix}-${(tempCounter++).toString(36)}`);
}

export function secondsOf(mtimeNs: bigint): number {
  return Number(mtimeNs / 1_000_000_000n) + Number(mtimeNs % 1_000_000_000n) / 1e9;
}

/** Flags of a temporary file: created here, never through a link, never over something. */
export const tempFileFlags = fs.constants.O_WRONLY | fs.constants.O_CREAT | fs.constants.O_EXCL | (fs.constants.O_NOFOLLOW ?? 0);

/**
 * Writes one restored file synchronously (in a restore worker): policy check, a temporary file
 * beside the target, content, owner (as root), mode and times, then a rename into place. The
 * caller has checked that every folder above `target` is a real folder inside the restore target.
 */
export function writeFileSync(target: string, entry: EntryInfo, policy: OverwritePolicy, writeContent: (fd: number) => void): WriteOutcome {
  if (overwriteDecision(fs.lstatSync(target, { bigint: true, throwIfNoEntry: false }) ?? null, entry, policy, target) === 'skip') return 'skipped';
  const temp = tempNameFor(target);
  const fd = fs.openSync(temp, tempFileFlags, 0o600);
  try {
    writeContent(fd);
    if (isRoot) fs.fchownSync(fd, entry.uid, entry.gid);
    fs.fchmodSync(fd, entry.mode & 0o7777);
    const seconds = secondsOf(entry.mtimeNs);
    fs.futimesSync(fd, seconds, seconds);
    fs.closeSync(fd);
    fs.renameSync(temp, target);
  } catch (error) {
    try {
      fs.closeSync(fd);
    } catch {
      // Already closed when the failure came from rename.
    }
    fs.rmSync(temp, { force: true });
    throw error;
  }
  return 'written';
}

/** Applies owner (as root), mode and times to an existing path (a folder once its content is in). */
export async function applyMetadata(file: string, entry: EntryInfo): Promise<void> {
  if (isRoot) await fs.promises.lchown(file, entry.uid, entry.gid).catch(() => undefined);
  await fs.promises.chmod(file, entry.mode & 0o7777);
  const seconds = secondsOf(entry.mtimeNs);
  await fs.promises.utimes(file, seconds, seconds);
}
