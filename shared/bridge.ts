import type { Envelope } from './api-errors';

/** Channel names shared by the IPC transport in main and the preload script. */
export const ipcChannels = { call: 'kloset:call', event: 'kloset:event' } as const;

/**
 * What the preload script exposes as `window.bridge` in Electron. It never grows per method:
 * every API call goes through `call`, every event through `listen`.
 */
export interface Bridge {
  call(method: string, params: unknown): Promise<Envelope<unknown>>;
  /** Subscribes to every API event; returns a function that unsubscribes. */
  listen(listener: (name: string, payload: unknown) => void): () => void;
  readonly platform: string;
}
