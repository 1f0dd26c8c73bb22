import path from 'node:path';
import { formatBytes } from '../../../shared/format';
import { ExcludeMatcher, FsImporter, backup, exportPtar, findSnapshot, syncSnapshots } from '../../kloset';
import { appVersion } from '../../version';
import { stringList, type Command } from '../command';
import { UsageError } from '../io';
import { readPassphrase } from '../passphrase';
import { openOtherRepository, openRepository } from '../store-access';

export const ptarCommand: Command = {
  name: 'ptar',
  summary: 'write snapshots or folders to one offline .ptar file',
  usage: '-o file.ptar [--plaintext] <path…> | [at <store>] -o file.ptar [--from <store>] [snapshot…]',
  options: { output: { type: 'string', short: 'o' }, plaintext: { type: 'boolean' }, from: { type: 'string' }, exclude: { type: 'string', multiple: true }, 'archive-passphrase-file': { type: 'string' }, 'other-passphrase-file': { type: 'string' } },
  help: [
    '-o file.ptar         the archive to write (never an existing file)',
    '--plaintext          no encryption (an explicit choice)',
    '--from <store>       copy snapshots of that store (or of the store given with "at"), all or the listed ones',
    'Without a store, the paths given are backed up into the archive.',
    'The archive\'s own passphrase: $KLOSET_ARCHIVE_PASSPHRASE, --archive-passphrase-file, or a prompt.',
  ],
  async run(context) {
    const output = context.values.output;
    if (typeof output !== 'string') throw new UsageError('Say where to write the archive with -o file.ptar.');
    const fromStore = typeof context.values.from === 'string' ? context.values.from : context.storeLocation;
    if (!fromStore && context.positionals.length === 0) throw new UsageError('Give the paths to put in the archive, or a store with --from.');
    const file = context.values['archive-passphrase-file'];
    const passphrase = context.values.plaintext ? null : await readPassphrase(context.io, { ...(typeof file === 'string' ? { passphraseFile: path.resolve(context.io.cwd, file) } : {}), envName: 'KLOSET_ARCHIVE_PASSPHRASE', label: 'Passphrase of the archive' }, { confirm: true });
    const source = fromStore ? (typeof context.values.from === 'string' ? await openOtherRepository(context, fromStore) : await openRepository(context)) : null;
    const result = await exportPtar({
      output: path.resolve(context.io.cwd, output),
      passphrase,
      fill: async (archive) => {
        if (source) {
          const ids = context.positionals.map((prefix) => findSnapshot(source, prefix).id);
          await syncSnapshots(source, archive, { ...(ids.length ? { ids } : {}), signal: context.signal, writer: `kloset ${appVersion}` });
          return;
        }
        for (const target of context.positionals) {
          await backup(archive, { importer: new FsImporter(path.resolve(context.io.cwd, target), { excludes: new ExcludeMatcher(stringList(context.values.exclude)) }), workers: 0, signal: context.signal, writer: `kloset ${appVersion}` });
        }
      },
    });
    context.out.line(`Wrote ${output}: ${result.snapshots} snapshot(s), ${formatBytes(result.bytes)}.`);
    context.out.json({ output: path.resolve(context.io.cwd, output), ...result });
    return 0;
  },
};
