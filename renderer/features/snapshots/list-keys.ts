import type { BrowserState } from '../../stores/browser-store';

/** Modifier keys of a key or pointer event, as the list reads them. */
export interface Modifiers {
  readonly shiftKey: boolean;
  readonly ctrlKey: boolean;
  readonly metaKey: boolean;
  readonly altKey: boolean;
}

type Actions = Pick<BrowserState, 'setFocus' | 'select' | 'selectAll' | 'clearSelection' | 'goTo' | 'goUp' | 'entries' | 'focusIndex' | 'total'>;

/**
 * What a key does in the folder listing, following the ARIA listbox pattern for multiple
 * selection: arrows, Home/End and PageUp/PageDown move the focus (with Shift they select the
 * range from the anchor), Space toggles the focused row, Ctrl/Cmd+A selects all, Escape clears,
 * Enter opens a folder, Backspace or Alt+Up goes to the parent folder.
 * Returns false when the key is not the list's (so the browser keeps its default).
 */
export function handleListKey(key: string, modifiers: Modifiers, state: Actions, rowsPerPage: number): boolean {
  const focus = Math.max(state.focusIndex, 0);
  const last = state.total - 1;
  const moves: Readonly<Record<string, number>> = {
    ArrowDown: focus + 1,
    ArrowUp: focus - 1,
    Home: 0,
    End: last,
    PageDown: focus + rowsPerPage,
    PageUp: focus - rowsPerPage,
  };
  if ((key === 'ArrowUp' && modifiers.altKey) || key === 'Backspace') {
    void state.goUp();
    return true;
  }
  if (key in moves) {
    if (state.total === 0) return true;
    const target = Math.max(0, Math.min(last, moves[key]));
    if (modifiers.shiftKey) state.select(target, 'range');
    else state.setFocus(target);
    return true;
  }
  if (key === ' ') {
    if (state.focusIndex >= 0) state.select(state.focusIndex, 'toggle');
    return true;
  }
  if (key.toLowerCase() === 'a' && (modifiers.ctrlKey || modifiers.metaKey)) {
    state.selectAll();
    return true;
  }
  if (key === 'Escape') {
    state.clearSelection();
    return true;
  }
  if (key === 'Enter') {
    const entry = state.entries[state.focusIndex];
    if (entry?.kind === 'directory') void state.goTo(entry.path);
    return true;
  }
  return false;
}

/** What a click does: Shift selects the range from the anchor, Ctrl/Cmd toggles, a plain click selects only that row. */
export function clickMode(modifiers: Modifiers): 'range' | 'toggle' | 'only' {
  if (modifiers.shiftKey) return 'range';
  return modifiers.ctrlKey || modifiers.metaKey ? 'toggle' : 'only';
}
