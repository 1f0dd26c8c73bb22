import type { Envelope } from '../../shared/api-errors';
import type { Bridge } from '../../shared/bridge';
import { createListeners } from '../../shared/listeners';
import { apiPathPrefix, wsCloseCodes, wsPath, type ClientMessage, type ServerMessage } from '../../shared/rpc/ws-protocol';

export type ConnectionStatus = 'connecting' | 'connected' | 'reconnecting' | 'unauthorized';

/** How the renderer reaches main: Electron IPC or HTTP + WebSocket. Both carry the same envelopes. */
export interface Transport {
  call(method: string, params: unknown): Promise<Envelope<unknown>>;
  listen(listener: (name: string, payload: unknown) => void): () => void;
  onStatus(listener: (status: ConnectionStatus) => void): () => void;
  readonly status: ConnectionStatus;
}

/** In Electron: the preload bridge. IPC cannot drop, so it is always connected. */
export function createIpcTransport(bridge: Bridge): Transport {
  return {
    call: (method, params) => bridge.call(method, params),
    listen: (listener) => bridge.listen(listener),
    onStatus: () => () => undefined,
    status: 'connected',
  };
}

export interface WebTransportOptions {
  readonly origin: string;
  readonly token: string;
  /** Delay before the n-th reconnection attempt. */
  readonly backoffMs?: (attempt: number) => number;
}

/**
 * In a browser: calls are `POST /api/<method>`, events arrive over one WebSocket that is
 * re-opened with backoff when it drops. The WebSocket's state is the connection status.
 */
export function createWebTransport(options: WebTransportOptions): Transport {
  const backoffMs = options.backoffMs ?? ((attempt: number) => Math.min(500 * 2 ** attempt, 10_000));
  const eventListeners = createListeners<[name: string, payload: unknown]>();
  const statusListeners = createListeners<[status: ConnectionStatus]>();
  let status: ConnectionStatus = 'connecting';
  let attempt = 0;

  const setStatus = (next: ConnectionStatus): void => {
    if (next === status) return;
    status = next;
    statusListeners.emit(next);
  };

  const connect = (): void => {
    const socket = new WebSocket(`${options.origin.replace(/^http/, 'ws')}${wsPath}`);
    socket.addEventListener('open', () => {
      const auth: ClientMessage = { type: 'auth', token: options.token };
      socket.send(JSON.stringify(auth));
    });
    socket.addEventListener('message', (message) => {
      const data = JSON.parse(String(message.data)) as ServerMessage;
      if (data.type === 'ready') {
        attempt = 0;
        setStatus('connected');
      } else if (data.type === 'event') {
        eventListeners.emit(data.name, data.payload);
      }
    });
    socket.addEventListener('close', (closeEvent) => {
      if (closeEvent.code === wsCloseCodes.unauthorized) {
        setStatus('unauthorized');
        return;
      }
      setStatus('reconnecting');
      setTimeout(connect, backoffMs(attempt++));
    });
  };
  connect();

  return {
    async call(method, params) {
      let response: Response;
      try {
        response = await fetch(`${options.origin}${apiPathPrefix}${encodeURIComponent(method)}`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${options.token}` },
          body: JSON.stringify(params ?? {}),
        });
      } catch {
        return { ok: false, error: { code: 'UNAVAILABLE', message: 'Kloset Desktop is not reachable. Is the server still running?' } };
      }
      if (response.status === 401) setStatus('unauthorized');
      return (await response.json()) as Envelope<unknown>;
    },
    listen: (listener) => eventListeners.add(listener),
    onStatus: (listener) => statusListeners.add(listener),
    get status() {
      return status;
    },
  };
}
