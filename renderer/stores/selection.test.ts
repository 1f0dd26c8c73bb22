import { describe, expect, it } from 'vitest';
import { noSelection, selectAll, selectOnly, selectRange, toggleIndex } from './selection';

const sorted = (set: ReadonlySet<number>): number[] => [...set].sort((a, b) => a - b);

describe('row selection', () => {
  it('selects one row on a plain click and makes it the anchor', () => {
    expect(sorted(selectOnly(4).indices)).toEqual([4]);
    expect(selectOnly(4).anchor).toBe(4);
  });

  it('toggles rows one by one with Ctrl or Space', () => {
    const twice = toggleIndex(toggleIndex(noSelection, 2), 5);
    expect(sorted(twice.indices)).toEqual([2, 5]);
    expect(sorted(toggleIndex(twice, 2).indices)).toEqual([5]);
  });

  it('selects exactly the rows between the anchor and the Shift target, in either direction', () => {
    const anchored = selectOnly(5);
    expect(sorted(selectRange(anchored, 8).indices)).toEqual([5, 6, 7, 8]);
    expect(sorted(selectRange(selectRange(anchored, 8), 3).indices)).toEqual([3, 4, 5]);
    expect(sorted(selectRange(noSelection, 2).indices)).toEqual([2]);
  });

  it('selects every row of the folder', () => {
    expect(selectAll(3).indices.size).toBe(3);
  });
});
