import type { EventName, EventPayload } from '../../shared/api';
import { createListeners } from '../../shared/listeners';

export type EventListener = (name: EventName, payload: unknown) => void;

/** The one stream of API events; transports subscribe to it and forward what they receive. */
export interface EventBus {
  emit<E extends EventName>(name: E, payload: EventPayload<E>): void;
  subscribe(listener: EventListener): () => void;
}

export function createEventBus(): EventBus {
  const listeners = createListeners<[name: EventName, payload: unknown]>();
  return {
    emit: (name, payload) => listeners.emit(name, payload),
    subscribe: (listener) => listeners.add(listener),
  };
}
