import path from 'node:path';
import { formatBytes, formatDuration } from '../../../shared/format';
import { ExcludeMatcher, FsImporter, SourceScan, backup, macToHex, type Importer, type Repository } from '../../kloset';
import type { ResolvedLocation } from '../../connectors/entries/index';
import { appVersion } from '../../version';
import { stringList, type Command, type CommandContext } from '../command';
import { connectorsOf } from '../connectors';
import { UsageError } from '../io';
import { createProgressBar } from '../progress-bar';
import { openRepository, storeLocationOf, threadOptions } from '../store-access';

/** Exit code of a backup that made its snapshot but could not read some files (as restic does). */
export const partialBackupExitCode = 3;

/**
 * The source to read: a local folder directly (never descending into a local store), anything
 * else through the connector registry, which applies the exclusion patterns in the plugin.
 */
async function openSource(context: CommandContext, where: ResolvedLocation, excludes: ExcludeMatcher): Promise<Importer> {
  if (where.localFolder) {
    const store = (await storeLocationOf(context)).localFolder;
    return new FsImporter(where.localFolder, { excludes, skipPaths: store ? [store] : [] });
  }
  const connectors = connectorsOf(context);
  return connectors.track(await (await connectors.registry()).openImporter(where.location, where.options, { excludes: excludes.patterns }));
}

export const backupCommand: Command = {
  name: 'backup',
  summary: 'back up a folder or a file as a new snapshot',
  usage: '<path|@source[:path]> [--tag t]… [--exclude pattern]… [--exclude-file f]… [--name n] [--no-parent]',
  options: {
    tag: { type: 'string', multiple: true },
    exclude: { type: 'string', multiple: true },
    'exclude-file': { type: 'string', multiple: true },
    name: { type: 'string' },
    'no-parent': { type: 'boolean' },
    threads: { type: 'string' },
  },
  help: [
    '--tag t            label the snapshot (repeatable)',
    '--exclude p        skip paths matching a gitignore-style pattern (repeatable)',
    '--exclude-file f   read exclude patterns from a file, one per line (repeatable)',
    '--name n           name the snapshot (default: the source\'s name, or the folder name)',
    '--no-parent        read every file, even unchanged ones',
    '--threads n        encoder threads (default: one per core; 0: none)',
    `Exits ${partialBackupExitCode} when the snapshot was made but some files could not be read.`,
  ],
  async run(context) {
    const [source, ...extra] = context.positionals;
    if (!source || extra.length) throw new UsageError('Give exactly one path to back up.');
    const excludes = ExcludeMatcher.fromFiles(stringList(context.values.exclude), stringList(context.values['exclude-file']).map((file) => path.resolve(context.io.cwd, file)));
    const where = await connectorsOf(context).resolve(source, 'source');
    const importer = await openSource(context, where, excludes);
    // The source is walked while the store opens (its key derivation runs in a worker thread).
    const scan = new SourceScan(importer, context.signal);
    let repository: Repository;
    try {
      repository = await openRepository(context);
    } catch (error) {
      await scan.stop();
      throw error;
    }
    const threads = threadOptions(context, 'encoder');
    const bar = createProgressBar(context.io);
    const result = await backup(repository, {
      importer,
      scan,
      tags: stringList(context.values.tag),
      ...(typeof context.values.name === 'string' ? { name: context.values.name } : where.name ? { name: where.name } : {}),
      excludes: excludes.patterns,
      parent: context.values['no-parent'] ? 'none' : 'auto',
      ...threads,
      writer: `kloset ${appVersion}`,
      signal: context.signal,
      onProgress: (progress) => bar.update({ label: 'backup', ...progress }),
    });
    bar.done();
    const { header, errors } = result;
    const id = macToHex(result.id);
    context.out.line(`Snapshot ${id.slice(0, 8)} saved: ${header.summary.files} files, ${formatBytes(header.summary.bytes)} (${formatBytes(header.stats.newBytes)} new, ${formatBytes(header.stats.storedBytes)} added to the store) in ${formatDuration(header.stats.durationMs / 1000)}.`);
    for (const error of errors.slice(0, 20)) context.out.note(`warning: ${error.pathname}: ${error.message}`);
    if (errors.length > 20) context.out.note(`warning: … and ${errors.length - 20} more entries could not be read.`);
    context.out.json({ id, summary: header.summary, stats: header.stats, errors });
    return errors.length ? partialBackupExitCode : 0;
  },
};
