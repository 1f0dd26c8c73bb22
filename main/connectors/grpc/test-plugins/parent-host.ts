/**
 * A host program for tests of "no child left behind": it starts the test plugin named by its
 * argument, prints the plugin's pid on stdout and waits until it is killed.
 */
import { startTestPlugin } from './launch';

const plugin = await startTestPlugin(process.argv[2] ?? 'store-plugin.ts');
process.stdout.write(`${plugin.pid}\n`);
setInterval(() => undefined, 60_000);
