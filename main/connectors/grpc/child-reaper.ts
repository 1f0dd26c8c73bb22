import type { ChildProcess } from 'node:child_process';

/*
 * No plugin process outlives the app. Plugins exit by themselves when their stdin reaches its end,
 * which also happens when the app dies without warning (SIGKILL, crash): the system closes the
 * pipe. For the exits Node sees, this module kills the children that are still running.
 */

const children = new Set<ChildProcess>();
const watchedSignals = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;
let installed = false;

function killAll(): void {
  for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  children.clear();
}

function onSignal(signal: NodeJS.Signals): void {
  killAll();
  // When nothing else handles the signal, behave as if we had not listened: die of it.
  if (process.listenerCount(signal) === 1) {
    process.removeListener(signal, onSignal);
    process.kill(process.pid, signal);
  }
}

function install(): void {
  if (installed) return;
  installed = true;
  process.on('exit', killAll);
  for (const signal of watchedSignals) process.on(signal, onSignal);
}

/** Kills `child` when this process exits or receives SIGINT, SIGTERM or SIGHUP. */
export function trackChild(child: ChildProcess): void {
  install();
  children.add(child);
  child.once('exit', () => children.delete(child));
}
