import type { CSSProperties, DragEvent, MouseEvent } from 'react';
import type { EntryView } from '../../../shared/types/snapshots';
import { formatBytes } from '../../../shared/format';
import { strings } from '../../app/strings';
import { Icon } from '../../components/Icon';
import { formatDateTime } from '../../lib/dates';

const text = strings.snapshots.browser;

/** The id of a row, for aria-activedescendant. */
export function rowId(index: number): string {
  return `entry-row-${index}`;
}

export interface RowHandlers {
  onClick(index: number, event: MouseEvent): void;
  onOpen(entry: EntryView): void;
  onPointerDown(entry: EntryView): void;
  onDragStart(entry: EntryView, event: DragEvent): void;
}

/** One row of the listing: an option of the listbox, or a placeholder while its page loads. */
export function EntryRow(props: { index: number; total: number; entry: EntryView | undefined; isSelected: boolean; isFocused: boolean; isDraggable: boolean; style: CSSProperties; handlers: RowHandlers }) {
  const { index, entry, handlers } = props;
  const className = ['entry-row', props.isSelected ? 'is-selected' : '', props.isFocused ? 'is-focused' : ''].filter(Boolean).join(' ');
  if (!entry) {
    return (
      <div role="option" id={rowId(index)} aria-selected={props.isSelected} aria-setsize={props.total} aria-posinset={index + 1} aria-busy="true" className={className} style={props.style}>
        <span className="entry-name muted">{text.loadingRow}</span>
      </div>
    );
  }
  return (
    <div
      role="option"
      id={rowId(index)}
      aria-selected={props.isSelected}
      aria-setsize={props.total}
      aria-posinset={index + 1}
      className={className}
      style={props.style}
      draggable={props.isDraggable}
      onClick={(event) => handlers.onClick(index, event)}
      onDoubleClick={() => handlers.onOpen(entry)}
      onPointerDown={() => handlers.onPointerDown(entry)}
      onDragStart={(event) => handlers.onDragStart(entry, event)}
      data-kind={entry.kind}
    >
      <Icon kind={entry.kind} />
      <span className="entry-name">
        {entry.name}
        {entry.target && <span className="muted"> {text.linkTo(entry.target)}</span>}
        <span className="visually-hidden">, {text.kinds[entry.kind]}</span>
      </span>
      <span className="entry-size">{entry.kind === 'directory' && entry.fileCount !== null ? text.folderSize(formatBytes(entry.size), entry.fileCount) : formatBytes(entry.size)}</span>
      <span className="entry-mtime">{formatDateTime(entry.mtime)}</span>
    </div>
  );
}
