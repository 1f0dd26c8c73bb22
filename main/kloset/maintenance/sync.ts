import { KlosetError, throwIfCanceled } from '../errors';
import { macToHex, type Mac } from '../ids';
import type { Repository } from '../repository/repository';
import { backup } from '../snapshot/backup';
import { SnapshotImporter } from '../snapshot/snapshot-importer';
import { SnapshotReader, listSnapshots } from '../snapshot/snapshot-reader';

export interface SyncOptions {
  /** Snapshots of the source to copy (all of them by default). */
  readonly ids?: readonly Mac[];
  readonly spoolDir?: string;
  readonly signal?: AbortSignal;
  readonly onProgress?: (progress: { readonly done: number; readonly total: number; readonly current: string | null }) => void;
  readonly writer?: string;
}

export interface SyncResult {
  /** Source ID → ID of its copy in the target. */
  readonly copied: ReadonlyArray<{ readonly from: string; readonly to: string }>;
  /** Snapshots the target had already. */
  readonly alreadyThere: number;
}

/**
 * Copies snapshots from one store to another (3-2-1): only those the target lacks (by their uuid),
 * oldest first so that each copy reuses the previous one as its parent and unchanged files cost
 * nothing. The content is cut, deduplicated and encrypted again for the target, so the stores may
 * have different keys and chunk sizes. An interrupted sync resumes: copies already committed are
 * skipped, and uploaded data is found again. Each copy is verified against its original, entry by
 * entry (names, kinds, sizes, modes, times; content is verified chunk by chunk on both sides).
 */
export async function syncSnapshots(source: Repository, target: Repository, options: SyncOptions = {}): Promise<SyncResult> {
  if (source.storeId === target.storeId) throw new KlosetError('BAD_INPUT', 'The source and the target are the same store.');
  await Promise.all([source.refresh(), target.refresh()]);
  const wanted = options.ids ? new Set(options.ids.map(macToHex)) : null;
  const present = new Set(target.cache.snapshots().map((snapshot) => snapshot.uuid.toString('hex')));
  const candidates = listSnapshots(source)
    .filter((snapshot) => !wanted || wanted.has(macToHex(snapshot.id)))
    .sort((a, b) => a.time.getTime() - b.time.getTime());
  const toCopy = candidates.filter((snapshot) => !present.has(snapshot.uuid.toString('hex')));
  const copied: Array<{ from: string; to: string }> = [];
  for (const [index, snapshot] of toCopy.entries()) {
    throwIfCanceled(options.signal);
    options.onProgress?.({ done: index, total: toCopy.length, current: macToHex(snapshot.id) });
    const reader = await SnapshotReader.open(source, snapshot.id);
    const { header } = reader;
    const result = await backup(target, {
      importer: new SnapshotImporter(reader, options.signal),
      workers: 0,
      copyOf: header,
      ...(options.spoolDir ? { spoolDir: options.spoolDir } : {}),
      ...(options.signal ? { signal: options.signal } : {}),
      writer: options.writer ?? header.writer,
    });
    await verifyCopy(reader, await SnapshotReader.open(target, result.id));
    copied.push({ from: macToHex(snapshot.id), to: macToHex(result.id) });
  }
  options.onProgress?.({ done: toCopy.length, total: toCopy.length, current: null });
  return { copied, alreadyThere: candidates.length - toCopy.length };
}

/** Walks both trees together: the copy must have the same entries with the same metadata. */
async function verifyCopy(original: SnapshotReader, copy: SnapshotReader): Promise<void> {
  const left = original.walk('/')[Symbol.asyncIterator]();
  const right = copy.walk('/')[Symbol.asyncIterator]();
  for (;;) {
    const [a, b] = await Promise.all([left.next(), right.next()]);
    if (a.done && b.done) return;
    const x = a.value;
    const y = b.value;
    const same = x && y && x.pathname === y.pathname && x.entry.kind === y.entry.kind && x.entry.size === y.entry.size && x.entry.mode === y.entry.mode && x.entry.mtimeNs === y.entry.mtimeNs && x.entry.target === y.entry.target;
    if (!same) {
      throw new KlosetError('CORRUPT', `The copy of snapshot ${original.idHex.slice(0, 8)} differs from the original at ${x?.pathname ?? y?.pathname ?? '?'}; the copy was not verified.`);
    }
  }
}
