import { SnapshotReader, findSnapshot, listSnapshots, locate } from '../../kloset';
import { stringList, type Command } from '../command';
import { UsageError } from '../io';
import { openRepository } from '../store-access';

export const locateCommand: Command = {
  name: 'locate',
  summary: 'find files by name across snapshots',
  usage: 'pattern [--snapshot id]…',
  options: { snapshot: { type: 'string', multiple: true } },
  help: ['pattern        a glob on names (report*.docx), or on paths when it has a / (docs/**/*.pdf); case-insensitive', '--snapshot id  search only these snapshots'],
  async run(context) {
    const [pattern, ...extra] = context.positionals;
    if (!pattern || extra.length) throw new UsageError('Give one pattern.');
    const repository = await openRepository(context);
    const chosen = stringList(context.values.snapshot);
    const snapshots = chosen.length ? chosen.map((prefix) => findSnapshot(repository, prefix)) : listSnapshots(repository);
    const readers = await Promise.all(snapshots.map((snapshot) => SnapshotReader.open(repository, snapshot.id)));
    const found: Array<{ snapshot: string; time: string; pathname: string; size: number; kind: string }> = [];
    for await (const item of locate(readers, pattern, context.signal)) {
      context.out.line(`${item.snapshotId.slice(0, 8)}  ${item.snapshotTime.toISOString().replace('T', ' ').slice(0, 19)}  ${item.pathname}`);
      found.push({ snapshot: item.snapshotId, time: item.snapshotTime.toISOString(), pathname: item.pathname, size: item.entry.size, kind: item.entry.kind });
    }
    context.out.json(found);
    return 0;
  },
};
