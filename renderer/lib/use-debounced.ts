import { useEffect, useState } from 'react';

/** `value`, once it has stayed the same for `delayMs` (so holding an arrow key does not ask for every preview on the way). */
export function useDebounced<T>(value: T, delayMs: number): T {
  const [debounced, setDebounced] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setDebounced(value), delayMs);
    return () => clearTimeout(timer);
  }, [value, delayMs]);
  return debounced;
}
