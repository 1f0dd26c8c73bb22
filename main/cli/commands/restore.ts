import { formatBytes } from '../../../shared/format';
import { FsExporter, SnapshotReader, findSnapshot, overwritePolicies, parseSnapshotRef, restore, type Exporter, type OverwritePolicy } from '../../kloset';
import type { ResolvedLocation } from '../../connectors/entries/index';
import type { Command, CommandContext } from '../command';
import { connectorsOf } from '../connectors';
import { UsageError } from '../io';
import { createProgressBar } from '../progress-bar';
import { openRepository, threadOptions } from '../store-access';

/** Where to restore: a local folder directly, anything else through the connector registry. */
async function openDestination(context: CommandContext, where: ResolvedLocation, overwrite: OverwritePolicy): Promise<Exporter> {
  if (where.localFolder) return new FsExporter(where.localFolder, overwrite);
  const connectors = connectorsOf(context);
  return connectors.track(await (await connectors.registry()).openExporter(where.location, where.options, { overwrite }));
}

export const restoreCommand: Command = {
  name: 'restore',
  summary: 'restore a snapshot, or a folder or file of one',
  usage: 'snapshot[:path] [--to dir|@destination[:path]] [--overwrite never|if-newer|always] [--full-paths]',
  options: { to: { type: 'string' }, overwrite: { type: 'string' }, 'full-paths': { type: 'boolean' }, threads: { type: 'string' } },
  help: [
    '--to dir        where to restore: a folder (default: the current one), or @destination[:path]',
    '--overwrite p   when a file exists: never (default), if-newer, always',
    '--full-paths    re-create the folders above the restored path',
    '--threads n     restore threads (default: one per core; 0: none)',
  ],
  async run(context) {
    const [ref, ...extra] = context.positionals;
    if (!ref || extra.length) throw new UsageError('Give one snapshot to restore, as ID or ID:path.');
    const overwrite = (context.values.overwrite ?? 'never') as OverwritePolicy;
    if (!overwritePolicies.includes(overwrite)) throw new UsageError(`--overwrite must be one of ${overwritePolicies.join(', ')}.`);
    const where = await connectorsOf(context).resolve(typeof context.values.to === 'string' ? context.values.to : '.', 'destination');
    const target = where.localFolder ?? where.location;
    const repository = await openRepository(context);
    const exporter = await openDestination(context, where, overwrite);
    const { prefix, pathname } = parseSnapshotRef(ref);
    const reader = await SnapshotReader.open(repository, findSnapshot(repository, prefix).id);
    const bar = createProgressBar(context.io);
    const result = await restore({
      snapshot: reader,
      paths: [pathname],
      exporter,
      layout: context.values['full-paths'] ? 'full-paths' : 'selection-at-target',
      ...threadOptions(context, 'restorer'),
      signal: context.signal,
      onProgress: (progress) => bar.update({ label: 'restore', ...progress }),
    });
    bar.done();
    context.out.line(`Restored ${result.files - result.skipped} files (${formatBytes(result.bytes)}) to ${target}${result.skipped ? `; ${result.skipped} existing files left as they were` : ''}.`);
    for (const error of result.errors) context.out.note(`error: ${error.pathname}: ${error.message}`);
    context.out.json({ target, ...result });
    return result.errors.length ? 1 : 0;
  },
};
