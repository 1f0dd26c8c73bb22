import path from 'node:path';
import { PassThrough } from 'node:stream';
import { createLogger, type Logger } from '../../../platform/logger';
import { startPlugin, type PluginProcess, type StartPluginOptions } from '../plugin-process';

/** How tests run a test plugin written in TypeScript: Node with tsx, the script as its argument. */
export function testPluginCommand(file: string): { readonly command: string; readonly args: readonly string[] } {
  return { command: process.execPath, args: ['--import', 'tsx', path.join(import.meta.dirname, file)] };
}

/** A logger that keeps its lines, so that tests can read what plugins wrote to stderr. */
export function recordingLogger(): { readonly log: Logger; readonly lines: () => string[] } {
  const stream = new PassThrough();
  const lines: string[] = [];
  stream.on('data', (chunk: Buffer) => lines.push(...chunk.toString('utf8').split('\n').filter((line) => line.length > 0)));
  return { log: createLogger({ stream, level: 'debug' }), lines: () => lines.map((line) => String((JSON.parse(line) as { message: unknown }).message)) };
}

export function startTestPlugin(file: string, options: Partial<StartPluginOptions> = {}): Promise<PluginProcess> {
  return startPlugin({ ...testPluginCommand(file), name: 'test', log: createLogger({ stream: null }), ...options });
}
