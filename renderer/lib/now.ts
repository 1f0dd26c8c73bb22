import { useSyncExternalStore } from 'react';

/**
 * The current time for relative labels ("5 minutes ago"), ticking every 30 seconds. Render code
 * reads it through this hook instead of calling Date.now(), so rendering stays pure.
 */
let nowMs = Date.now();
const listeners = new Set<() => void>();
let timer: ReturnType<typeof setInterval> | null = null;

function subscribe(listener: () => void): () => void {
  // A screen that appears reads the time afresh (React reads the snapshot again after subscribing).
  nowMs = Date.now();
  listeners.add(listener);
  timer ??= setInterval(() => {
    nowMs = Date.now();
    for (const notify of listeners) notify();
  }, 30_000);
  return () => {
    listeners.delete(listener);
    if (listeners.size === 0 && timer !== null) {
      clearInterval(timer);
      timer = null;
    }
  };
}

export function useNow(): number {
  return useSyncExternalStore(subscribe, () => nowMs);
}
