import { useVirtualizer, type Virtualizer } from '@tanstack/react-virtual';
import type { RefObject } from 'react';

/**
 * A virtualizer for a scrolling list whose rows all have one height (no measuring, so 100,000
 * rows scroll smoothly). The one place that calls TanStack Virtual: the React Compiler lint
 * flags it because its functions cannot be memoized, which does not matter here (the app does
 * not use the compiler, and no memoized component receives the virtualizer).
 */
export function useFixedRows(scrollRef: RefObject<HTMLElement | null>, count: number, rowHeightPx: number): Virtualizer<HTMLElement, Element> {
  // eslint-disable-next-line react-hooks/incompatible-library -- see above: no React Compiler memoization is involved.
  return useVirtualizer({ count, getScrollElement: () => scrollRef.current, estimateSize: () => rowHeightPx, overscan: 12 });
}
