import { ApiError } from '../../shared/api-errors';
import { isEventName, type EventName, type EventPayload, type MethodName, type Params, type Result } from '../../shared/api';
import type { Bridge } from '../../shared/bridge';
import { createIpcTransport, createWebTransport, type Transport } from './transports';

/** The typed face of the API for the renderer: one method per contract entry, errors thrown as `ApiError`. */
export interface ApiClient {
  call<M extends MethodName>(method: M, params: Params<M>): Promise<Result<M>>;
  on<E extends EventName>(name: E, handler: (payload: EventPayload<E>) => void): () => void;
  readonly transport: Transport;
}

export function createClient(transport: Transport): ApiClient {
  return {
    transport,
    async call(method, params) {
      const envelope = await transport.call(method, params);
      if (!envelope.ok) throw new ApiError(envelope.error.code, envelope.error.message);
      return envelope.result as Result<typeof method>;
    },
    on(name, handler) {
      return transport.listen((eventName, payload) => {
        if (eventName === name && isEventName(eventName)) handler(payload as EventPayload<typeof name>);
      });
    },
  };
}

const tokenStorageKey = 'kloset.token';

/**
 * Picks the transport for where the renderer runs: Electron's preload bridge when present,
 * otherwise HTTP on this page's origin with the token from `#token=…` (then removed from the
 * address bar and kept for this tab only).
 */
export function createTransportForPage(page: Window & { bridge?: Bridge }): Transport {
  if (page.bridge) return createIpcTransport(page.bridge);
  const hash = new URLSearchParams(page.location.hash.replace(/^#/, ''));
  const fromHash = hash.get('token');
  if (fromHash) {
    page.sessionStorage.setItem(tokenStorageKey, fromHash);
    hash.delete('token');
    const rest = hash.toString();
    page.history.replaceState(null, '', `${page.location.pathname}${page.location.search}${rest ? `#${rest}` : ''}`);
  }
  return createWebTransport({ origin: page.location.origin, token: page.sessionStorage.getItem(tokenStorageKey) ?? '' });
}
