import path from 'node:path';
import type { EntryRole } from '../../connectors/entries/index';
import type { Command, CommandContext } from '../command';
import { connectorEnv, connectorsOf } from '../connectors';
import { UsageError } from '../io';

/** `key=value` arguments as connector options. */
function parseOptions(pairs: readonly string[]): Record<string, string> {
  const options: Record<string, string> = {};
  for (const pair of pairs) {
    const equals = pair.indexOf('=');
    if (equals <= 0) throw new UsageError(`"${pair}" is not an option: write key=value (for example rclone_type=dropbox).`);
    options[pair.slice(0, equals)] = pair.slice(equals + 1);
  }
  return options;
}

function describeOptions(options: Readonly<Record<string, string>>): string {
  const pairs = Object.entries(options).map(([key, value]) => `${key}=${value}`);
  return pairs.length ? ` (${pairs.join(', ')})` : '';
}

async function saveEntry(context: CommandContext, role: EntryRole, name: string, location: string, options: Readonly<Record<string, string>>): Promise<number> {
  const entry = await (await connectorsOf(context).entries()).add(role, name, location, options, context.io.cwd);
  context.out.line(`Added the ${role} "${entry.name}": ${entry.location}${describeOptions(entry.options)}.`);
  context.out.json(entry);
  return 0;
}

function addEntry(context: CommandContext, role: EntryRole, args: readonly string[]): Promise<number> {
  const [name, location, ...pairs] = args;
  if (!name || !location) throw new UsageError(`Give a name and a location: kloset ${role} add NAME LOCATION [key=value…].`);
  return saveEntry(context, role, name, location, parseOptions(pairs));
}

async function listEntries(context: CommandContext, role: EntryRole): Promise<number> {
  const entries = (await connectorsOf(context).entries()).list(role);
  if (entries.length === 0) context.out.line(`No ${role} entries yet. Add one with "kloset ${role} add NAME LOCATION".`);
  const width = Math.max(0, ...entries.map((entry) => entry.name.length));
  for (const entry of entries) context.out.line(`${entry.name.padEnd(width)}  ${entry.kind.padEnd(9)}  ${entry.location}`);
  context.out.json(entries);
  return 0;
}

async function showEntry(context: CommandContext, role: EntryRole, name: string | undefined): Promise<number> {
  if (!name) throw new UsageError(`Which ${role}? kloset ${role} show NAME.`);
  const entry = (await connectorsOf(context).entries()).list(role).find((candidate) => candidate.name === name);
  if (!entry) throw new UsageError(`There is no ${role} named "${name}" (see "kloset ${role} ls").`);
  context.out.line(`${entry.name}: ${entry.location} (${entry.kind})`);
  for (const [key, value] of Object.entries(entry.options)) context.out.line(`  ${key} = ${value}`);
  context.out.json(entry);
  return 0;
}

async function removeEntry(context: CommandContext, role: EntryRole, name: string | undefined): Promise<number> {
  if (!name) throw new UsageError(`Which ${role}? kloset ${role} rm NAME.`);
  if (!(await (await connectorsOf(context).entries()).remove(role, name))) throw new UsageError(`There is no ${role} named "${name}" (see "kloset ${role} ls").`);
  context.out.line(`Removed the ${role} "${name}".`);
  context.out.json({ removed: name });
  return 0;
}

async function importEntry(context: CommandContext, role: EntryRole, args: readonly string[]): Promise<number> {
  const remote = context.values.rclone;
  if (typeof remote !== 'string') throw new UsageError(`Name the rclone remote to import: kloset ${role} import --rclone REMOTE [NAME] [key=value…].`);
  const [name, ...pairs] = args;
  const configFile = typeof context.values['rclone-config'] === 'string' ? path.resolve(context.io.cwd, context.values['rclone-config']) : undefined;
  const { importRcloneRemote } = await import('../../connectors/entries/index');
  const imported = await importRcloneRemote(remote, { env: connectorEnv(context), ...(configFile ? { configFile } : {}) });
  return saveEntry(context, role, name ?? remote, imported.location, { ...imported.options, ...parseOptions(pairs) });
}

/** `kloset source|destination|store add|ls|show|rm|import`: the named entries of one role. */
export function entryCommand(role: EntryRole): Command {
  return {
    name: role,
    summary: `name a ${role} to use as @NAME: add, ls, show, rm, import`,
    usage: 'add NAME LOCATION [key=value…] | ls | show NAME | rm NAME | import --rclone REMOTE [--rclone-config f] [NAME [key=value…]]',
    options: { rclone: { type: 'string' }, 'rclone-config': { type: 'string' } },
    help: [
      'LOCATION is a folder, rclone://path (with rclone_type=… or rclone_remote=…), or @account:folder',
      'for a connected account. Then use @NAME, or @NAME:other/path, wherever a location goes.',
      'show masks secrets (tokens, passwords). import copies a remote of an rclone config:',
      'each of its settings k becomes rclone_k, at rclone:// (the remote\'s root).',
    ],
    async run(context) {
      const [verb, ...args] = context.positionals;
      switch (verb) {
        case 'add':
          return addEntry(context, role, args);
        case 'ls':
          return listEntries(context, role);
        case 'show':
          return showEntry(context, role, args[0]);
        case 'rm':
          return removeEntry(context, role, args[0]);
        case 'import':
          return importEntry(context, role, args);
        default:
          throw new UsageError(verb ? `Unknown action "${verb}": add, ls, show, rm or import.` : `What to do? kloset ${role} add|ls|show|rm|import.`);
      }
    },
  };
}
