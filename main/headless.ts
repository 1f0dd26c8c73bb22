/**
 * Headless entry (composition root #2): the services plus the HTTP/WebSocket transport and the
 * built renderer, for a browser on this machine or through an SSH tunnel (a NAS, a server).
 * No Electron here.
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import { defaultDataDir } from './platform/paths';
import { createServices } from './services';
import { createToken, startHttpTransport } from './transport/http';

const usage = `Usage: kloset-headless [--port N] [--data-dir DIR]

Starts Kloset Desktop without a window and prints the address to open in a browser.
  --port N        listen on 127.0.0.1:N (default: a free port)
  --data-dir DIR  the app's data folder (default: $KLOSET_DATA_DIR or the platform's)
The access token is random unless KLOSET_HTTP_TOKEN is set (at least 22 characters).`;

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { port: { type: 'string' }, 'data-dir': { type: 'string' }, help: { type: 'boolean', short: 'h' } },
    strict: true,
  });
  if (values.help) {
    process.stdout.write(`${usage}\n`);
    return;
  }
  const port = values.port === undefined ? 0 : Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError(`--port must be a number from 0 to 65535, not "${values.port}".`);
  const token = process.env.KLOSET_HTTP_TOKEN ?? createToken();
  if (token.length < 22) throw new UsageError('KLOSET_HTTP_TOKEN must be at least 22 characters (128 bits).');

  const services = createServices({
    runtime: 'headless',
    dataDir: values['data-dir'] ? path.resolve(values['data-dir']) : defaultDataDir(),
    logStream: null,
  });
  const transport = await startHttpTransport({
    dispatch: services.dispatch,
    events: services.events,
    log: services.log,
    token,
    port,
    staticDir: path.join(import.meta.dirname, '..', 'renderer'),
    ...(services.downloads ? { downloads: services.downloads } : {}),
  });
  process.stdout.write(`Kloset Desktop is running at ${transport.url}\n`);

  const stop = (): void => {
    void transport
      .close()
      .then(() => services.close())
      .then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

class UsageError extends Error {}

main().catch((error: unknown) => {
  const code = (error as NodeJS.ErrnoException).code;
  const isUsage = error instanceof UsageError || code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION' || code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE';
  const message =
    code === 'EADDRINUSE'
      ? 'That port is already in use. Choose another one with --port, or leave it out to pick a free port.'
      : error instanceof Error
        ? error.message
        : String(error);
  process.stderr.write(`kloset-headless: ${message}\n`);
  if (isUsage) process.stderr.write(`${usage}\n`);
  process.exit(isUsage ? 2 : 1);
});
