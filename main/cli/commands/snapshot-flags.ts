import { deleteSnapshots, findSnapshot, setLegalHold, undeleteSnapshots } from '../../kloset';
import type { Command, CommandContext } from '../command';
import { UsageError } from '../io';
import { openRepository } from '../store-access';

async function snapshotsOf(context: CommandContext, options: { includeDeleted: boolean }) {
  if (context.positionals.length === 0) throw new UsageError('Give one or more snapshot IDs.');
  const repository = await openRepository(context);
  return { repository, ids: context.positionals.map((prefix) => findSnapshot(repository, prefix, options).id) };
}

export const deleteCommand: Command = {
  name: 'delete',
  summary: 'delete snapshots (recoverable with "undelete" until maintenance frees their space)',
  usage: 'snapshot…',
  options: {},
  help: ['Snapshots under legal hold cannot be deleted.'],
  async run(context) {
    const { repository, ids } = await snapshotsOf(context, { includeDeleted: false });
    await deleteSnapshots(repository, ids);
    context.out.line(`Deleted ${ids.length} snapshot(s). "undelete" brings them back until maintenance frees their space.`);
    context.out.json({ deleted: ids.map((id) => id.toString('hex')) });
    return 0;
  },
};

export const undeleteCommand: Command = {
  name: 'undelete',
  summary: 'bring deleted snapshots back (within the grace period)',
  usage: 'snapshot…',
  options: {},
  help: [],
  async run(context) {
    const { repository, ids } = await snapshotsOf(context, { includeDeleted: true });
    await undeleteSnapshots(repository, ids);
    context.out.line(`Recovered ${ids.length} snapshot(s).`);
    context.out.json({ recovered: ids.map((id) => id.toString('hex')) });
    return 0;
  },
};

export const holdCommand: Command = {
  name: 'hold',
  summary: 'put snapshots under legal hold (never deleted), or release them with --release',
  usage: 'snapshot… [--release]',
  options: { release: { type: 'boolean' } },
  help: ['--release   clear the hold'],
  async run(context) {
    const { repository, ids } = await snapshotsOf(context, { includeDeleted: true });
    const isOnHold = context.values.release !== true;
    for (const id of ids) await setLegalHold(repository, id, isOnHold);
    context.out.line(`${isOnHold ? 'Held' : 'Released'} ${ids.length} snapshot(s).`);
    context.out.json({ isOnHold, snapshots: ids.map((id) => id.toString('hex')) });
    return 0;
  },
};
