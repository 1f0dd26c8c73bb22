/** A set of listeners of one kind: `add` returns the function that removes the listener again. */
export interface Listeners<A extends readonly unknown[]> {
  add(listener: (...args: A) => void): () => void;
  emit(...args: A): void;
}

export function createListeners<A extends readonly unknown[]>(): Listeners<A> {
  const set = new Set<(...args: A) => void>();
  return {
    add(listener) {
      set.add(listener);
      return () => {
        set.delete(listener);
      };
    },
    emit(...args) {
      for (const listener of [...set]) listener(...args);
    },
  };
}
