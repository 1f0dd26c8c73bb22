import { Console } from 'node:console';
import fs from 'node:fs';
import net from 'node:net';
import { Duplex } from 'node:stream';
import { Server, ServerCredentials } from '@grpc/grpc-js';
import { protocolServices } from '../protocol/load-protocol';
import { exporterService, type ExporterFactory } from './exporter-service';
import { importerService, type ImporterFactory } from './importer-service';
import { Lifetime } from './lifetime';
import { storeService, type StoreFactory } from './store-service';

/** The roles a plugin serves; each factory opens the engine implementation for one `Init`. */
export interface PluginFactories {
  readonly importer?: ImporterFactory;
  readonly exporter?: ExporterFactory;
  readonly store?: StoreFactory;
}

/** How long a plugin whose host went away waits for its instances to close. */
const closeTimeoutMs = 10_000;

/**
 * Serves the protocol over one connection (any duplex byte stream) until the host ends it, then
 * closes whatever the host left open. Services for missing factories answer UNIMPLEMENTED.
 */
export async function serveConnection(factories: PluginFactories, connection: Duplex): Promise<void> {
  const server = new Server();
  const lifetime = new Lifetime();
  const services = protocolServices();
  if (factories.importer) server.addService(services.importer, importerService(factories.importer, lifetime));
  if (factories.exporter) server.addService(services.exporter, exporterService(factories.exporter, lifetime));
  if (factories.store) server.addService(services.store, storeService(factories.store, lifetime));
  const injector = server.createConnectionInjector(ServerCredentials.createInsecure());
  const ended = new Promise<void>((resolve) => {
    connection.once('end', resolve);
    connection.once('close', resolve);
  });
  injector.injectConnection(connection);
  await ended;
  await lifetime.closeAll(closeTimeoutMs);
}

/**
 * The host's connection on stdin/stdout. When both are the same socket (our host on POSIX hands
 * its socket over as is), it is used directly; pipes (Plakar's host, ours on Windows) are joined
 * into one duplex stream.
 */
function stdioConnection(): Duplex {
  const input = fs.fstatSync(0);
  const output = fs.fstatSync(1);
  if (input.isSocket() && output.isSocket() && input.dev === output.dev && input.ino === output.ino) {
    return new net.Socket({ fd: 0, readable: true, writable: true, allowHalfOpen: true });
  }
  return Duplex.from({ readable: process.stdin, writable: process.stdout });
}

/**
 * The main function of a plugin program: serves the connector protocol on stdin/stdout, and exits
 * 0 when stdin reaches its end (the host closed it or died). Nothing else may read stdin or write
 * to stdout, so `console` is pointed at stderr, which the host copies to its log.
 */
export function servePlugin(factories: PluginFactories): void {
  globalThis.console = new Console({ stdout: process.stderr, stderr: process.stderr });
  serveConnection(factories, stdioConnection()).then(
    () => process.exit(0),
    (error: unknown) => {
      process.stderr.write(`The connector plugin failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
      process.exit(1);
    },
  );
}
