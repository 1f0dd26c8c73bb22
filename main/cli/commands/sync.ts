import { findSnapshot, syncSnapshots } from '../../kloset';
import { appVersion } from '../../version';
import type { Command } from '../command';
import { UsageError } from '../io';
import { openOtherRepository, openRepository } from '../store-access';

export const syncCommand: Command = {
  name: 'sync',
  summary: 'copy snapshots the other store lacks: to it, or from it',
  usage: '[snapshot…] to|from <other store> [--other-passphrase-file f]',
  options: { 'other-passphrase-file': { type: 'string' } },
  help: [
    'The stores may have different passphrases and chunk sizes; only what the target lacks is copied,',
    'and an interrupted sync resumes. The other store\'s passphrase comes from $KLOSET_OTHER_PASSPHRASE,',
    '--other-passphrase-file, or a prompt. A .ptar file works as a source ("sync from file.ptar").',
  ],
  async run(context) {
    const direction = context.positionals.findIndex((word) => word === 'to' || word === 'from');
    const other = context.positionals[direction + 1];
    if (direction === -1 || !other || context.positionals.length !== direction + 2) throw new UsageError('Say where: "sync [snapshot…] to <store>" or "sync [snapshot…] from <store>".');
    const here = await openRepository(context);
    const there = await openOtherRepository(context, other);
    const [source, target] = context.positionals[direction] === 'to' ? [here, there] : [there, here];
    const ids = context.positionals.slice(0, direction).map((prefix) => findSnapshot(source, prefix).id);
    const result = await syncSnapshots(source, target, { ...(ids.length ? { ids } : {}), signal: context.signal, writer: `kloset ${appVersion}`, onProgress: (p) => p.current && context.out.note(`copying ${p.current.slice(0, 8)} (${p.done + 1} of ${p.total})`) });
    context.out.line(`Copied ${result.copied.length} snapshot(s); ${result.alreadyThere} were there already.`);
    context.out.json(result);
    return 0;
  },
};
