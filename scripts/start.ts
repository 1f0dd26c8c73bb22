/**
 * `npm start`: the Electron app when an Electron binary is installed and a display is available,
 * otherwise the headless server, with one line saying why.
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import { findElectronBinary } from './electron-binary';

const root = path.resolve(import.meta.dirname, '..');

function run(command: string, args: readonly string[]): void {
  const child = spawn(command, args, { stdio: 'inherit' });
  const forward = (signal: NodeJS.Signals): void => {
    child.kill(signal);
  };
  process.on('SIGINT', forward);
  process.on('SIGTERM', forward);
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
}

const electron = findElectronBinary(root, process.env, process.platform);
if ('path' in electron) {
  run(electron.path, [path.join(root, 'dist', 'main', 'main.js'), ...process.argv.slice(2)]);
} else {
  process.stdout.write(`Starting the headless server because ${electron.reason}.\n`);
  run(process.execPath, [path.join(root, 'dist', 'main', 'headless.js'), ...process.argv.slice(2)]);
}
