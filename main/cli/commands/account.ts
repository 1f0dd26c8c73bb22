import fs from 'node:fs';
import path from 'node:path';
import type { Accounts } from '../../connectors/accounts/index';
import type { AccountSummary } from '../../../shared/types/accounts';
import type { Command, CommandContext } from '../command';
import { connectorEnv, connectorsOf } from '../connectors';
import { UsageError } from '../io';

function describe(account: AccountSummary): string {
  return `${account.name}  ${account.provider}  ${account.status}${account.user ? `  ${account.user}` : ''}`;
}

function report(context: CommandContext, account: AccountSummary): number {
  context.out.line(describe(account));
  context.out.json(account);
  return account.status === 'connected' ? 0 : 1;
}

/** A secret from a file (trailing newline dropped) or the environment: never from the command line, which others can read. */
function secretFrom(context: CommandContext, file: string, envName: string): string | null {
  const fromFile = context.values[file];
  if (typeof fromFile === 'string') return fs.readFileSync(path.resolve(context.io.cwd, fromFile), 'utf8').replace(/\r?\n$/, '');
  return context.io.env[envName] ?? null;
}

async function connectDropbox(context: CommandContext, accounts: Accounts, name: string): Promise<number> {
  const token = secretFrom(context, 'token-file', 'KLOSET_DROPBOX_TOKEN');
  if (token !== null) return report(context, await accounts.connectDropboxToken(name, token));
  const pending = await accounts.startDropboxSignIn(name);
  context.out.note(`Open this address in a browser on this computer and allow access to Dropbox:\n  ${pending.authUrl}\nWaiting…`);
  return report(context, await pending.account);
}

async function connectOpenDrive(context: CommandContext, accounts: Accounts, name: string): Promise<number> {
  const username = context.values.username;
  const password = secretFrom(context, 'password-file', 'KLOSET_OPENDRIVE_PASSWORD');
  if (typeof username !== 'string' || password === null) throw new UsageError('Give --username, and the password in --password-file or $KLOSET_OPENDRIVE_PASSWORD.');
  return report(context, await accounts.connectOpenDrive(name, username, password));
}

async function browse(context: CommandContext, accounts: Accounts, name: string, folder: string | undefined): Promise<number> {
  const items = await accounts.browse(name, folder ?? '');
  for (const item of items) context.out.line(`${item.isDirectory ? 'folder' : 'file  '}  ${item.path}`);
  context.out.json(items);
  return 0;
}

async function list(context: CommandContext, accounts: Accounts): Promise<number> {
  const all = await accounts.list();
  if (all.length === 0) context.out.line('No accounts yet. Connect one with "kloset account connect-dropbox NAME" or "kloset account connect-opendrive NAME".');
  for (const account of all) context.out.line(describe(account));
  context.out.json(all);
  return 0;
}

async function run(context: CommandContext, accounts: Accounts): Promise<number> {
  const [verb, name, extra] = context.positionals;
  if (verb === 'ls') return list(context, accounts);
  if (!name) throw new UsageError(verb ? `Which account? kloset account ${verb} NAME.` : 'What to do? kloset account ls|connect-dropbox|connect-opendrive|test|rm|browse.');
  switch (verb) {
    case 'connect-dropbox':
      return connectDropbox(context, accounts, name);
    case 'connect-opendrive':
      return connectOpenDrive(context, accounts, name);
    case 'test':
      return report(context, await accounts.test(name));
    case 'rm':
      if (!(await accounts.remove(name))) throw new UsageError(`There is no account named "${name}" (see "kloset account ls").`);
      context.out.line(`Removed the account "${name}". Entries that use it stop working until it is connected again.`);
      context.out.json({ removed: name });
      return 0;
    case 'browse':
      return browse(context, accounts, name, extra);
    default:
      throw new UsageError(`Unknown action "${verb ?? ''}": ls, connect-dropbox, connect-opendrive, test, rm or browse.`);
  }
}

/** `kloset account …`: Dropbox and OpenDrive accounts, kept in the app's rclone config. */
export const accountCommand: Command = {
  name: 'account',
  summary: 'connect Dropbox or OpenDrive: ls, connect-dropbox, connect-opendrive, test, rm, browse',
  usage: 'ls | connect-dropbox NAME [--token-file f] | connect-opendrive NAME --username u [--password-file f] | test NAME | rm NAME | browse NAME [PATH]',
  options: { 'token-file': { type: 'string' }, username: { type: 'string' }, 'password-file': { type: 'string' } },
  help: [
    'connect-dropbox without a token signs in through your browser (rclone authorize); --token-file',
    '(or $KLOSET_DROPBOX_TOKEN) takes the JSON printed by "rclone authorize dropbox" elsewhere.',
    'connect-opendrive reads the password from --password-file or $KLOSET_OPENDRIVE_PASSWORD.',
    'Use an account as @NAME or @NAME:folder wherever a location goes.',
  ],
  async run(context) {
    const { openAccounts } = await import('../../connectors/accounts/index');
    const accounts = openAccounts({ dataDir: connectorsOf(context).dataDir, env: connectorEnv(context) });
    try {
      return await run(context, accounts);
    } finally {
      accounts.close();
    }
  },
};
