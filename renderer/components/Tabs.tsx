import { useRef, type KeyboardEvent } from 'react';

/** The ids that tie a tab to its panel: put `panelProps(id)` on the panel. */
export function panelProps(prefix: string, id: string) {
  return { id: `${prefix}-panel-${id}`, role: 'tabpanel', 'aria-labelledby': `${prefix}-tab-${id}`, tabIndex: 0 } as const;
}

/**
 * Tabs as the ARIA pattern describes them: one tab stop, arrows (and Home/End) move between tabs
 * and show their panel at once.
 */
export function Tabs<T extends string>(props: { label: string; prefix: string; tabs: ReadonlyArray<{ readonly id: T; readonly label: string }>; current: T; onChange: (id: T) => void }) {
  const refs = useRef(new Map<T, HTMLButtonElement>());
  const onKeyDown = (event: KeyboardEvent): void => {
    const index = props.tabs.findIndex((tab) => tab.id === props.current);
    const moves: Readonly<Record<string, number>> = { ArrowRight: index + 1, ArrowLeft: index - 1, Home: 0, End: props.tabs.length - 1 };
    const target = moves[event.key];
    if (target === undefined) return;
    event.preventDefault();
    const next = props.tabs[(target + props.tabs.length) % props.tabs.length];
    props.onChange(next.id);
    refs.current.get(next.id)?.focus();
  };
  return (
    <div className="tabs" role="tablist" aria-label={props.label} onKeyDown={onKeyDown}>
      {props.tabs.map((tab) => (
        <button
          key={tab.id}
          ref={(element) => {
            if (element) refs.current.set(tab.id, element);
            else refs.current.delete(tab.id);
          }}
          type="button"
          role="tab"
          id={`${props.prefix}-tab-${tab.id}`}
          aria-controls={`${props.prefix}-panel-${tab.id}`}
          aria-selected={tab.id === props.current}
          tabIndex={tab.id === props.current ? 0 : -1}
          onClick={() => props.onChange(tab.id)}
        >
          {tab.label}
        </button>
      ))}
    </div>
  );
}
