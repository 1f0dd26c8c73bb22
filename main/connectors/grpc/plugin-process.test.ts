import { spawn } from 'node:child_process';
import fs from 'node:fs';
import readline from 'node:readline';
import { describe, expect, it } from 'vitest';
import { isKlosetError, MemoryStore } from '../../kloset/index';
import { openGrpcStore } from './grpc-store';
import { startPlugin } from './plugin-process';
import { recordingLogger, startTestPlugin, testPluginCommand } from './test-plugins/launch';

/** Whether `pid` is a live process (an orphan that no one has reaped yet counts as gone). */
function isAlive(pid: number): boolean {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2)[0] !== 'Z';
  } catch {
    return false;
  }
}

async function waitUntilGone(pid: number, timeoutMs: number): Promise<boolean> {
  for (const started = Date.now(); Date.now() - started < timeoutMs; await new Promise((resolve) => setTimeout(resolve, 50))) {
    if (!isAlive(pid)) return true;
  }
  return false;
}

describe('a plugin process', () => {
  it('exits 0 by itself when closed, leaving no process behind', async () => {
    const plugin = await startTestPlugin('store-plugin.ts');
    const store = await openGrpcStore(plugin, { location: 'testmem://' });
    expect(isAlive(plugin.pid)).toBe(true);
    await store.close();
    expect(await plugin.exited).toEqual({ code: 0, signal: null });
    expect(isAlive(plugin.pid)).toBe(false);
  });

  it('is killed when it ignores the end of its input past the grace period', async () => {
    const { log, lines } = recordingLogger();
    const plugin = await startTestPlugin('stubborn-plugin.ts', { closeGraceMs: 300, log });
    const store = await openGrpcStore(plugin, { location: 'testmem://' });
    await store.close();
    expect(await plugin.exited).toEqual({ code: null, signal: 'SIGKILL' });
    expect(lines()).toContain('The test connector program did not exit after its input was closed; killing it');
  });

  it('carries a store over plain pipes too, as Plakar hosts and Windows do', async () => {
    const plugin = await startTestPlugin('store-plugin.ts', { stdio: 'pipes' });
    const store = await openGrpcStore(plugin, { location: 'testmem://' });
    const reference = new MemoryStore();
    const bytes = Buffer.alloc(3 * 1024 * 1024 + 5, 7);
    const mac = Buffer.alloc(32, 9);
    await store.put('packfile', mac, { bytes });
    await reference.put('packfile', mac, { bytes });
    expect(Buffer.compare(await store.get('packfile', mac, { offset: 5, length: 2_000_000 }), await reference.get('packfile', mac, { offset: 5, length: 2_000_000 }))).toBe(0);
    await store.close();
    expect(await plugin.exited).toEqual({ code: 0, signal: null });
  });

  it('fails to start with a plain message when the program does not exist', async () => {
    const error: unknown = await startPlugin({ command: '/nonexistent/kloset-plugin', name: 'missing', log: recordingLogger().log }).catch((caught: unknown) => caught);
    expect(isKlosetError(error, 'IO')).toBe(true);
    expect((error as Error).message).toMatch(/Could not start the missing connector program \(\/nonexistent\/kloset-plugin\): .*ENOENT.*Check that it is installed/);
  });

  // SIGTERM: the host kills its children itself, shown with a plugin that ignores the end of its
  // input. SIGKILL cannot be caught: the plugin exits because its input ends.
  it.each([
    ['SIGTERM', 'stubborn-plugin.ts'],
    ['SIGKILL', 'store-plugin.ts'],
  ] as const)('does not outlive its host killed with %s', async (signal, pluginFile) => {
    const { command, args } = testPluginCommand('parent-host.ts');
    const host = spawn(command, [...args, pluginFile], { stdio: ['ignore', 'pipe', 'inherit'] });
    const first = await readline.createInterface({ input: host.stdout })[Symbol.asyncIterator]().next();
    const pluginPid = Number(first.value);
    expect(isAlive(pluginPid)).toBe(true);
    host.kill(signal);
    expect(await waitUntilGone(pluginPid, 5000)).toBe(true);
  });
});
