import { isErrorCode, type Envelope, type ErrorCode } from '../../shared/api-errors';
import { createListeners } from '../../shared/listeners';
import type { ConnectionStatus, Transport } from './transports';

export type FakeHandler = (params: unknown) => unknown;

/** An error for a fake handler to throw: the transport answers with this code and message. */
export function fakeError(code: ErrorCode, message: string): Error {
  return Object.assign(new Error(message), { code });
}

/**
 * A transport for component tests: answers calls from a table of handlers (an `Error` thrown
 * with a known `code`, see {@link fakeError}, becomes an error envelope with that code; any other
 * error is INTERNAL; a method without a handler is UNKNOWN_METHOD), records every call, and lets
 * the test push events and connection changes.
 */
export interface FakeTransport extends Transport {
  readonly calls: Array<{ method: string; params: unknown }>;
  emit(name: string, payload: unknown): void;
  setStatus(status: ConnectionStatus): void;
}

export function createFakeTransport(handlers: Readonly<Record<string, FakeHandler>>, initial: ConnectionStatus = 'connected'): FakeTransport {
  const eventListeners = createListeners<[name: string, payload: unknown]>();
  const statusListeners = createListeners<[status: ConnectionStatus]>();
  let status = initial;
  const calls: Array<{ method: string; params: unknown }> = [];
  return {
    calls,
    async call(method, params): Promise<Envelope<unknown>> {
      calls.push({ method, params });
      const handler = handlers[method];
      if (!handler) return { ok: false, error: { code: 'UNKNOWN_METHOD', message: `no fake for ${method}` } };
      try {
        return { ok: true, result: await handler(params) };
      } catch (error) {
        const code = (error as { code?: unknown }).code;
        return { ok: false, error: { code: isErrorCode(code) ? code : 'INTERNAL', message: (error as Error).message } };
      }
    },
    listen: (listener) => eventListeners.add(listener),
    onStatus: (listener) => statusListeners.add(listener),
    get status() {
      return status;
    },
    emit: (name, payload) => eventListeners.emit(name, payload),
    setStatus(next) {
      status = next;
      statusListeners.emit(next);
    },
  };
}
