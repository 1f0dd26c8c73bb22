import type { Server } from 'node:http';
import type { Socket } from 'node:net';

/** A server listening on 127.0.0.1 at a port the system chose. */
export interface LocalServer {
  readonly port: number;
  /** `http://127.0.0.1:<port>` */
  readonly url: string;
  /** Stops listening and destroys every open connection; resolves when the server is closed. */
  close(): Promise<void>;
}

/**
 * Starts `server` on 127.0.0.1 (never another interface) and keeps track of its connections so
 * that `close()` leaves no open handle behind, keep-alive connections included.
 */
export async function listenLocal(server: Server): Promise<LocalServer> {
  const sockets = new Set<Socket>();
  server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('The test server has no TCP address.');
  let closing: Promise<void> | undefined;
  return {
    port: address.port,
    url: `http://127.0.0.1:${address.port}`,
    close: () => {
      closing ??= new Promise<void>((resolve) => {
        server.close(() => resolve());
        for (const socket of sockets) socket.destroy();
      });
      return closing;
    },
  };
}
