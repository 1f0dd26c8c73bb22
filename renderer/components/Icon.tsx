import type { EntryKindName } from '../../shared/types/snapshots';

/** 16-pixel outline icons drawn inline (the CSP allows no external images); decorative, hidden from screen readers. */
const paths: Readonly<Record<EntryKindName, string>> = {
  directory: 'M1.5 3.5h4.2l1.6 1.6h7.2v7.9a1 1 0 0 1-1 1h-11a1 1 0 0 1-1-1z',
  file: 'M3.5 1.5h6l3 3v10h-9zM9.5 1.5v3h3',
  symlink: 'M6.5 9.5l3-3M5 8l-1.5 1.5a2.1 2.1 0 0 0 3 3L8 11M11 8l1.5-1.5a2.1 2.1 0 0 0-3-3L8 5',
  other: 'M8 2.5a5.5 5.5 0 1 0 0 11a5.5 5.5 0 0 0 0-11z',
};

export function Icon({ kind }: { kind: EntryKindName }) {
  return (
    <svg className={`icon icon-${kind}`} width="16" height="16" viewBox="0 0 16 16" aria-hidden="true" focusable="false">
      <path d={paths[kind]} />
    </svg>
  );
}
