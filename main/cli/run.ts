import path from 'node:path';
import { parseArgs } from 'node:util';
import { isKlosetError } from '../kloset';
import { appVersion } from '../version';
import { globalOptions, type Command } from './command';
import { backupCommand } from './commands/backup';
import { catCommand } from './commands/cat';
import { checkCommand } from './commands/check';
import { createCommand } from './commands/create';
import { diffCommand } from './commands/diff';
import { infoCommand } from './commands/info';
import { locateCommand } from './commands/locate';
import { lsCommand } from './commands/ls';
import { restoreCommand } from './commands/restore';
import { unlockCommand } from './commands/unlock';
import { forgetCommand } from './commands/forget';
import { maintenanceCommand } from './commands/maintenance';
import { ptarCommand } from './commands/ptar';
import { syncCommand } from './commands/sync';
import { deleteCommand, holdCommand, undeleteCommand } from './commands/snapshot-flags';
import { entryCommand } from './commands/entries';
import { accountCommand } from './commands/account';
import { closeConnectors } from './connectors';
import { createOutput, UsageError, type CliIo } from './io';

const storeCommands: readonly Command[] = [
  createCommand,
  backupCommand,
  lsCommand,
  restoreCommand,
  checkCommand,
  diffCommand,
  locateCommand,
  catCommand,
  infoCommand,
  forgetCommand,
  deleteCommand,
  undeleteCommand,
  holdCommand,
  maintenanceCommand,
  syncCommand,
  unlockCommand,
];

/** Commands that need no store: named entries, cloud accounts, and .ptar archives (whose store, if any, is optional). */
const setupCommands: readonly Command[] = [entryCommand('source'), entryCommand('destination'), entryCommand('store'), accountCommand, ptarCommand];
const allCommands: readonly Command[] = [...storeCommands, ...setupCommands];

function usagePrefix(command: Command): string {
  return storeCommands.includes(command) ? `kloset at <store> ${command.name}` : `kloset ${command.name}`;
}

function mainHelp(): string {
  const width = Math.max(...allCommands.map((command) => command.name.length));
  return [
    `kloset ${appVersion}: back up folders into an encrypted, deduplicating Kloset store.`,
    '',
    'Usage: kloset [--json] [--passphrase-file f] at <store> <command> [arguments]',
    '       kloset <command> …          (with the store in $KLOSET_STORE)',
    '       kloset help <command>       kloset version',
    '',
    'Commands:',
    ...storeCommands.map((command) => `  ${command.name.padEnd(width)}  ${command.summary}`),
    '',
    'Sources, destinations, stores and accounts (kloset <command> …, no store needed):',
    ...setupCommands.map((command) => `  ${command.name.padEnd(width)}  ${command.summary}`),
    '',
    'A location is a folder, @NAME or @NAME:path (a named entry or a connected account), or scheme://….',
    'The passphrase comes from $KLOSET_PASSPHRASE, --passphrase-file, or a prompt.',
    'Exit codes: 0 success, 1 failure, 2 usage error or wrong passphrase, 3 backup saved with unreadable files.',
    '',
  ].join('\n');
}

function commandHelp(command: Command): string {
  return [`Usage: ${usagePrefix(command)} ${command.usage}`, '', `${command.summary[0]?.toUpperCase()}${command.summary.slice(1)}.`, ...command.help.map((line) => `  ${line}`), ''].join('\n');
}

/** Runs one CLI invocation; returns the exit code. Never throws. */
export async function runCli(argv: readonly string[], io: CliIo, signal: AbortSignal): Promise<number> {
  const isJson = argv.includes('--json');
  const out = createOutput(io, isJson);
  let command: Command | undefined;
  try {
    let args = [...argv];
    const leading = parseArgs({ args, options: globalOptions, strict: false, allowPositionals: true, tokens: true });
    const firstPositional = leading.tokens.find((token) => token.kind === 'positional');
    if (!firstPositional || firstPositional.value === 'help') {
      const topic = firstPositional ? leading.positionals[1] : undefined;
      const wanted = topic ? allCommands.find((c) => c.name === topic) : undefined;
      if (topic && !wanted) throw new UsageError(`Unknown command "${topic}".`);
      io.stdout.write(wanted ? commandHelp(wanted) : mainHelp());
      return 0;
    }
    if (firstPositional.value === 'version') {
      out.line(`kloset ${appVersion}`);
      out.json({ version: appVersion });
      return 0;
    }
    let storeLocation = io.env.KLOSET_STORE ?? null;
    if (firstPositional.value === 'at') {
      const location = args[firstPositional.index + 1];
      if (!location || location.startsWith('-')) throw new UsageError('"at" needs a store location: kloset at <store> <command>.');
      storeLocation = location;
      args = [...args.slice(0, firstPositional.index), ...args.slice(firstPositional.index + 2)];
    }
    const verbToken = parseArgs({ args, options: globalOptions, strict: false, allowPositionals: true, tokens: true }).tokens.find((token) => token.kind === 'positional');
    const verbIndex = verbToken?.index ?? -1;
    const verb = verbToken?.kind === 'positional' ? verbToken.value : undefined;
    command = allCommands.find((c) => c.name === verb);
    if (!command) throw new UsageError(verb ? `Unknown command "${verb}". Run "kloset --help" for the list.` : 'Which command? Run "kloset --help" for the list.');
    const parsed = parseArgs({
      args: [...args.slice(0, verbIndex), ...args.slice(verbIndex + 1)],
      options: { ...globalOptions, ...command.options },
      allowPositionals: true,
      strict: true,
    });
    if (parsed.values.help) {
      io.stdout.write(commandHelp(command));
      return 0;
    }
    const passphraseFile = typeof parsed.values['passphrase-file'] === 'string' ? path.resolve(io.cwd, parsed.values['passphrase-file']) : undefined;
    const context = { io, out, storeLocation, passphraseFile, values: parsed.values, positionals: parsed.positionals, signal };
    try {
      return await command.run(context);
    } finally {
      await closeConnectors(context);
    }
  } catch (error) {
    return reportError(error, io, command);
  }
}

function reportError(error: unknown, io: CliIo, command: Command | undefined): number {
  if (error instanceof UsageError || (error as NodeJS.ErrnoException).code?.startsWith('ERR_PARSE_ARGS')) {
    io.stderr.write(`kloset: ${(error as Error).message}\n`);
    if (command && !(error instanceof UsageError && !error.showsUsage)) io.stderr.write(`Usage: ${usagePrefix(command)} ${command.usage}\n`);
    return 2;
  }
  if (isKlosetError(error)) {
    io.stderr.write(`kloset: ${error.message}\n`);
    if (error.code === 'CANCELED') return 130;
    return error.code === 'WRONG_PASSPHRASE' || error.code === 'BAD_INPUT' || error.code === 'AMBIGUOUS' ? 2 : 1;
  }
  io.stderr.write(`kloset: unexpected error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  return 1;
}
