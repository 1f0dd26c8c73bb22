import { formatBytes } from '../../../shared/format';
import { SnapshotReader, findSnapshot, listSnapshots, macToHex, parseSnapshotRef, type TreeEntry } from '../../kloset';
import type { Command } from '../command';
import { UsageError } from '../io';
import { openRepository } from '../store-access';

export const lsCommand: Command = {
  name: 'ls',
  summary: 'list snapshots, or the content of a folder in one',
  usage: '[snapshot[:path]]',
  options: { deleted: { type: 'boolean' } },
  help: ['--deleted   also list deleted snapshots that can still be recovered'],
  async run(context) {
    const [ref, ...extra] = context.positionals;
    if (extra.length) throw new UsageError('Give at most one snapshot.');
    const repository = await openRepository(context);
    if (!ref) {
      const snapshots = listSnapshots(repository, { includeDeleted: context.values.deleted === true });
      const rows = await Promise.all(snapshots.map(async (snapshot) => ({ snapshot, header: (await SnapshotReader.open(repository, snapshot.id)).header })));
      for (const { snapshot, header } of rows) {
        const flags = [snapshot.deletedAt ? 'deleted' : '', snapshot.isOnLegalHold ? 'hold' : ''].filter(Boolean).join(',');
        context.out.line(
          `${macToHex(snapshot.id).slice(0, 8)}  ${snapshot.time.toISOString().replace('T', ' ').slice(0, 19)}  ${header.host}  ${header.source.root}  ${header.summary.files} files  ${formatBytes(header.summary.bytes)}${snapshot.tags.length ? `  [${snapshot.tags.join(', ')}]` : ''}${flags ? `  (${flags})` : ''}`,
        );
      }
      if (!rows.length) context.out.line('No snapshots yet.');
      context.out.json(
        rows.map(({ snapshot, header }) => ({
          id: macToHex(snapshot.id),
          time: snapshot.time.toISOString(),
          name: snapshot.name,
          host: header.host,
          source: header.source,
          tags: snapshot.tags,
          summary: header.summary,
          deletedAt: snapshot.deletedAt?.toISOString() ?? null,
          isOnLegalHold: snapshot.isOnLegalHold,
        })),
      );
      return 0;
    }
    const { prefix, pathname } = parseSnapshotRef(ref);
    const reader = await SnapshotReader.open(repository, findSnapshot(repository, prefix).id);
    const entry = await reader.resolve(pathname);
    const entries: TreeEntry[] = entry.directory ? await reader.readDirectory(entry.directory) : [entry];
    for (const child of entries) context.out.line(describeEntry(child));
    context.out.json(entries.map((child) => ({ name: child.name, kind: child.kind, size: child.size, mode: child.mode, mtime: new Date(Number(child.mtimeNs / 1_000_000n)).toISOString(), target: child.target ?? null })));
    return 0;
  },
};

function describeEntry(entry: TreeEntry): string {
  const type = { file: '-', directory: 'd', symlink: 'l', other: '?' }[entry.kind];
  const mode = (entry.mode & 0o777).toString(8).padStart(3, '0');
  const size = entry.kind === 'directory' && entry.summary ? formatBytes(entry.summary.bytes) : formatBytes(entry.size);
  const time = new Date(Number(entry.mtimeNs / 1_000_000n)).toISOString().replace('T', ' ').slice(0, 19);
  return `${type}${mode}  ${size.padStart(10)}  ${time}  ${entry.name}${entry.kind === 'directory' ? '/' : ''}${entry.target !== undefined ? ` -> ${entry.target}` : ''}`;
}
