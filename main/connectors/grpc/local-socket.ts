import crypto from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { KlosetError } from '../../kloset/index';

/**
 * A private local socket that accepts exactly one connection: HTTP/2 cannot resume a connection,
 * so a second one could only mean that the first was lost, or that someone else is knocking.
 */
export interface PrivateListener {
  /** The gRPC target to dial ("unix:/tmp/kloset-plugin-…/grpc.sock"). */
  readonly target: string;
  /** The one connection, not yet read from (so that it can be handed to a child as is). */
  accept(timeoutMs: number): Promise<net.Socket>;
  close(): void;
}

/**
 * A unix socket in a fresh folder only we can enter (mkdtemp makes it 0700), or on Windows a named
 * pipe with a random 128-bit name.
 */
async function privateAddress(): Promise<{ readonly address: string; readonly cleanup: () => void }> {
  if (process.platform === 'win32') return { address: `\\\\.\\pipe\\kloset-${crypto.randomBytes(16).toString('hex')}`, cleanup: () => undefined };
  const folder = await fs.promises.mkdtemp(path.join(os.tmpdir(), 'kloset-plugin-'));
  return { address: path.join(folder, 'grpc.sock'), cleanup: () => fs.rmSync(folder, { recursive: true, force: true }) };
}

export async function listenPrivately(): Promise<PrivateListener> {
  const { address, cleanup } = await privateAddress();
  const server = net.createServer({ pauseOnConnect: true });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(address, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const close = (): void => {
    if (server.listening) server.close();
    cleanup();
  };
  const accept = (timeoutMs: number): Promise<net.Socket> =>
    new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        close();
        reject(new KlosetError('UNAVAILABLE', 'The connection to the connector program could not be set up in time.'));
      }, timeoutMs);
      server.once('connection', (socket: net.Socket) => {
        clearTimeout(timer);
        close();
        server.on('connection', (intruder: net.Socket) => intruder.destroy());
        resolve(socket);
      });
    });
  return { target: `unix:${address}`, accept, close };
}
