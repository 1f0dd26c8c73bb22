import { removeLocks } from '../../kloset';
import type { Command } from '../command';
import { openRepository } from '../store-access';

export const unlockCommand: Command = {
  name: 'unlock',
  summary: 'remove stale locks (or every lock with --all)',
  usage: '[--all]',
  options: { all: { type: 'boolean' } },
  help: ['--all   remove every lock: only when you are sure no other Kloset uses the store'],
  async run(context) {
    const repository = await openRepository(context);
    const removed = await removeLocks(repository, { all: context.values.all === true });
    context.out.line(`Removed ${removed} lock(s).`);
    context.out.json({ removed });
    return 0;
  },
};
