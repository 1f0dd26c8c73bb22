import { SnapshotReader, diffSnapshots, findSnapshot, parseSnapshotRef, type Change } from '../../kloset';
import type { Command } from '../command';
import { UsageError } from '../io';
import { openRepository } from '../store-access';

const marks: Readonly<Record<Change['change'], string>> = { added: '+', removed: '-', modified: 'M', metadata: 'm' };

export const diffCommand: Command = {
  name: 'diff',
  summary: 'list what changed between two snapshots',
  usage: 'snapshot[:path] snapshot',
  options: {},
  help: ['Lines start with + (added), - (removed), M (content changed) or m (only mode, time or owner changed).'],
  async run(context) {
    const [first, second, ...extra] = context.positionals;
    if (!first || !second || extra.length) throw new UsageError('Give two snapshots.');
    const repository = await openRepository(context);
    const a = parseSnapshotRef(first);
    const b = parseSnapshotRef(second);
    const [before, after] = await Promise.all([
      SnapshotReader.open(repository, findSnapshot(repository, a.prefix).id),
      SnapshotReader.open(repository, findSnapshot(repository, b.prefix).id),
    ]);
    const changes: Array<{ pathname: string; change: string; sizeBefore: number | null; sizeAfter: number | null }> = [];
    for await (const change of diffSnapshots(before, after, a.pathname, context.signal)) {
      context.out.line(`${marks[change.change]} ${change.pathname}`);
      changes.push({ pathname: change.pathname, change: change.change, sizeBefore: change.before?.size ?? null, sizeAfter: change.after?.size ?? null });
    }
    context.out.json(changes);
    return 0;
  },
};
