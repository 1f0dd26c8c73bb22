/**
 * The `kloset` command: the same verbs as the app, for scripts and power users.
 * Exit codes: 0 ok, 1 failure, 2 usage error.
 */
import { appVersion } from './version';

const help = `kloset ${appVersion}: back up folders into an encrypted, deduplicating Kloset store.

Usage:
  kloset --help          show this help
  kloset version         print the version
`;

function run(argv: readonly string[]): number {
  const [command] = argv;
  if (command === undefined || command === '--help' || command === '-h' || command === 'help') {
    process.stdout.write(help);
    return 0;
  }
  if (command === 'version' || command === '--version') {
    process.stdout.write(`kloset ${appVersion}\n`);
    return 0;
  }
  process.stderr.write(`kloset: unknown command "${command}". Run "kloset --help" for the list of commands.\n`);
  return 2;
}

process.exitCode = run(process.argv.slice(2));
