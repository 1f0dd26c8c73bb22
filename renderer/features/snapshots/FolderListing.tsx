import { useEffect, useRef, type KeyboardEvent, type ReactNode } from 'react';
import { useAppServices, useAppState } from '../../app/context';
import { strings } from '../../app/strings';
import { useFixedRows } from '../../lib/use-fixed-rows';
import { EntryRow, rowId, type RowHandlers } from './EntryRow';
import { handleListKey } from './list-keys';

const text = strings.snapshots.browser;
/** Every row has this height, so the list never measures rows (smooth at 100,000 entries). */
export const rowHeightPx = 32;

/**
 * The entries of the open folder as a virtualized listbox: only the rows in view (and a few
 * around them) are in the DOM, and the pages they belong to are fetched as they come into view.
 * The keyboard focus stays on the list itself (`aria-activedescendant` names the focused row),
 * and the list stays mounted from folder to folder, so Enter and Backspace keep the focus;
 * `children` (loading, empty folder) shows between the column headings and the rows.
 */
export function FolderListing({ handlers, isDraggable, children }: { handlers: RowHandlers; isDraggable: boolean; children?: ReactNode }) {
  const browser = useAppServices().browser;
  const total = useAppState('browser', (state) => state.total);
  const entries = useAppState('browser', (state) => state.entries);
  const focusIndex = useAppState('browser', (state) => state.focusIndex);
  const selection = useAppState('browser', (state) => state.selection);
  const path = useAppState('browser', (state) => state.path);
  const isLoading = useAppState('browser', (state) => state.status === 'loading');
  const scrollRef = useRef<HTMLDivElement>(null);

  const virtualizer = useFixedRows(scrollRef, total, rowHeightPx);
  const rows = virtualizer.getVirtualItems();
  const first = rows[0]?.index ?? 0;
  const last = rows.at(-1)?.index ?? -1;

  useEffect(() => {
    if (last >= first) browser.getState().ensureRange(first, last);
  }, [first, last, entries, browser]);

  useEffect(() => {
    if (focusIndex >= 0) virtualizer.scrollToIndex(focusIndex);
  }, [focusIndex, virtualizer]);

  useEffect(() => {
    scrollRef.current?.focus();
  }, []);

  const onKeyDown = (event: KeyboardEvent): void => {
    const rowsPerPage = Math.max(1, Math.floor((scrollRef.current?.clientHeight ?? 0) / rowHeightPx) - 1);
    if (handleListKey(event.key, event, browser.getState(), rowsPerPage)) event.preventDefault();
  };

  const isFocusRendered = focusIndex >= first && focusIndex <= last;
  return (
    <div className="listing">
      <div className="listing-header" aria-hidden="true">
        <span />
        <span>{text.columns.name}</span>
        <span>{text.columns.size}</span>
        <span>{text.columns.modified}</span>
      </div>
      {children}
      <div
        ref={scrollRef}
        className="listing-scroll"
        role="listbox"
        aria-multiselectable="true"
        aria-label={text.listLabel(path)}
        aria-activedescendant={isFocusRendered ? rowId(focusIndex) : undefined}
        aria-busy={isLoading}
        tabIndex={0}
        onKeyDown={onKeyDown}
        data-testid="folder-listing"
      >
        <div className="listing-sizer" style={{ height: virtualizer.getTotalSize() }}>
          {rows.map((row) => (
            <EntryRow
              key={row.key}
              index={row.index}
              total={total}
              entry={entries[row.index]}
              isSelected={selection.indices.has(row.index)}
              isFocused={row.index === focusIndex}
              isDraggable={isDraggable}
              style={{ transform: `translateY(${row.start}px)`, height: rowHeightPx }}
              handlers={handlers}
            />
          ))}
        </div>
      </div>
    </div>
  );
}
