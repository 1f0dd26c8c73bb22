/**
 * Which rows of one folder are selected, by index (the folder may hold 100,000 entries, most not
 * loaded yet), and the anchor that Shift extends a range from. Pure functions, one per gesture.
 */
export interface Selection {
  readonly indices: ReadonlySet<number>;
  readonly anchor: number | null;
}

export const noSelection: Selection = { indices: new Set(), anchor: null };

/** Click, or Space on an unselected row with nothing else selected. */
export function selectOnly(index: number): Selection {
  return { indices: new Set([index]), anchor: index };
}

/** Ctrl/Cmd+click, or Space: flips one row and makes it the anchor. */
export function toggleIndex(selection: Selection, index: number): Selection {
  const indices = new Set(selection.indices);
  if (indices.has(index)) indices.delete(index);
  else indices.add(index);
  return { indices, anchor: index };
}

/** Shift+click or Shift+arrow: exactly the rows between the anchor and `to`. */
export function selectRange(selection: Selection, to: number): Selection {
  const anchor = selection.anchor ?? to;
  const indices = new Set<number>();
  for (let index = Math.min(anchor, to); index <= Math.max(anchor, to); index++) indices.add(index);
  return { indices, anchor };
}

export function selectAll(count: number): Selection {
  return { indices: new Set(Array.from({ length: count }, (_, index) => index)), anchor: 0 };
}
