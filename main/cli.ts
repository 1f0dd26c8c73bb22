/**
 * The `kloset` command: the same verbs as the app, for scripts and power users.
 * Exit codes: 0 ok, 1 failure, 2 usage or wrong passphrase, 3 backup saved with unreadable files.
 */
import { runCli } from './cli/run';

const controller = new AbortController();
let interrupts = 0;
process.on('SIGINT', () => {
  if (++interrupts > 1) process.exit(130);
  process.stderr.write('\nStopping… (press Ctrl-C again to quit at once)\n');
  controller.abort();
});

runCli(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr, stdin: process.stdin, env: process.env, cwd: process.cwd() }, controller.signal).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`kloset: ${String(error)}\n`);
    process.exitCode = 1;
  },
);
