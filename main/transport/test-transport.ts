import { WebSocket } from 'ws';
import type { Envelope } from '../../shared/api-errors';
import { wsPath, type ServerMessage } from '../../shared/rpc/ws-protocol';
import { createTestServices } from '../api/test-dispatch';
import { createToken, startHttpTransport, type HttpTransport } from './http';

export interface TestServer {
  readonly services: ReturnType<typeof createTestServices>;
  readonly transport: HttpTransport;
  readonly token: string;
  readonly origin: string;
  close(): Promise<void>;
}

/** Real services behind the real HTTP transport on a free loopback port. */
export async function startTestServer(staticDir: string | null = null): Promise<TestServer> {
  const services = createTestServices();
  const token = createToken();
  const transport = await startHttpTransport({ dispatch: services.dispatch, events: services.events, log: services.log, token, staticDir });
  return {
    services,
    transport,
    token,
    origin: `http://127.0.0.1:${transport.port}`,
    async close() {
      await transport.close();
      await services.cleanup();
    },
  };
}

export async function httpCall(server: TestServer, method: string, params: unknown): Promise<Envelope<unknown>> {
  const response = await fetch(`${server.origin}/api/${method}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${server.token}` },
    body: JSON.stringify(params),
  });
  return (await response.json()) as Envelope<unknown>;
}

/** A WebSocket client that has sent its token and received `ready`. */
export interface TestSocket {
  call(method: string, params: unknown): Promise<Envelope<unknown>>;
  readonly events: Array<{ name: string; payload: unknown }>;
  close(): void;
}

export async function openTestSocket(server: TestServer): Promise<TestSocket> {
  const socket = new WebSocket(`ws://127.0.0.1:${server.transport.port}${wsPath}`);
  const pending = new Map<number, (envelope: Envelope<unknown>) => void>();
  const events: Array<{ name: string; payload: unknown }> = [];
  let nextId = 1;
  await new Promise<void>((resolve, reject) => {
    socket.once('error', reject);
    socket.once('close', (code) => reject(new Error(`socket closed with ${code}`)));
    socket.once('open', () => socket.send(JSON.stringify({ type: 'auth', token: server.token })));
    socket.on('message', (data: Buffer) => {
      const message = JSON.parse(data.toString()) as ServerMessage;
      if (message.type === 'ready') resolve();
      else if (message.type === 'result') pending.get(message.id)?.(message.envelope);
      else events.push({ name: message.name, payload: message.payload });
    });
  });
  return {
    events,
    call(method, params) {
      const id = nextId++;
      return new Promise((resolve) => {
        pending.set(id, resolve);
        socket.send(JSON.stringify({ type: 'call', id, method, params }));
      });
    },
    close: () => socket.close(),
  };
}
