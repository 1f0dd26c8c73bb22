import { vi } from 'vitest';

/**
 * happy-dom lays nothing out. For virtualized lists, give every element a 480 px viewport and
 * the scroll height its first child declares (the list's sizer), as a browser would.
 * Call in beforeEach; vi.restoreAllMocks() undoes it.
 */
export function stubScrollLayout(): void {
  vi.spyOn(HTMLElement.prototype, 'clientHeight', 'get').mockReturnValue(480);
  vi.spyOn(HTMLElement.prototype, 'scrollHeight', 'get').mockImplementation(function (this: HTMLElement) {
    return Number.parseFloat((this.firstElementChild as HTMLElement | null)?.style.height ?? '') || 0;
  });
}
