import { SnapshotReader, findSnapshot, parseSnapshotRef } from '../../kloset';
import type { Command } from '../command';
import { UsageError } from '../io';
import { openRepository } from '../store-access';

export const catCommand: Command = {
  name: 'cat',
  summary: 'write the content of a file of a snapshot to standard output',
  usage: 'snapshot:path',
  options: {},
  help: [],
  async run(context) {
    const [ref, ...extra] = context.positionals;
    if (!ref || extra.length || !ref.includes(':')) throw new UsageError('Give one file as ID:path.');
    const repository = await openRepository(context);
    const { prefix, pathname } = parseSnapshotRef(ref);
    const reader = await SnapshotReader.open(repository, findSnapshot(repository, prefix).id);
    const entry = await reader.resolve(pathname);
    if (entry.kind !== 'file') throw new UsageError(`${pathname} is not a file.`);
    for await (const chunk of reader.readFile(entry, context.signal)) {
      if (!context.io.stdout.write(chunk)) await new Promise((resolve) => context.io.stdout.once('drain', resolve));
    }
    return 0;
  },
};
