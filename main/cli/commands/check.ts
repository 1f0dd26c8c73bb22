import { formatBytes } from '../../../shared/format';
import { check } from '../../kloset';
import type { Command } from '../command';
import { UsageError } from '../io';
import { createProgressBar } from '../progress-bar';
import { openRepository } from '../store-access';

export const checkCommand: Command = {
  name: 'check',
  summary: 'verify the store',
  usage: '[--fast | --sample N]',
  options: { fast: { type: 'boolean' }, sample: { type: 'string' } },
  help: ['--fast       check structure only (states, snapshots, folders, index), without reading file data', '--sample N   read and verify N % of the data, chosen at random (default: all of it)'],
  async run(context) {
    const sample = context.values.sample === undefined ? undefined : Number(context.values.sample);
    if (sample !== undefined && !(sample > 0 && sample <= 100)) throw new UsageError('--sample takes a percentage from 1 to 100.');
    if (sample !== undefined && context.values.fast) throw new UsageError('Use either --fast or --sample, not both.');
    const repository = await openRepository(context);
    const bar = createProgressBar(context.io);
    const result = await check(repository, {
      level: context.values.fast ? 'fast' : 'full',
      ...(sample !== undefined ? { samplePercent: sample } : {}),
      signal: context.signal,
      onProgress: (progress) => bar.update({ label: `check ${progress.phase}`, bytesDone: progress.bytesRead, bytesTotal: null, filesDone: progress.done, filesTotal: progress.total, currentPath: null }),
    });
    bar.done();
    for (const problem of result.problems) context.out.note(`damaged: ${problem.object}: ${problem.message}`);
    context.out.line(
      result.problems.length
        ? `${result.problems.length} problem(s) found.`
        : `No problems found: ${result.snapshots} snapshots, ${result.packfiles} packfiles (${formatBytes(result.bytesRead)}) and ${result.objects} objects verified.`,
    );
    context.out.json(result);
    return result.problems.length ? 1 : 0;
  },
};
