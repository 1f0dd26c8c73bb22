import { useEffect, useId, useRef, useState, type ReactNode } from 'react';
import { strings } from '../app/strings';

/**
 * A modal dialog on the native <dialog> element: the browser keeps the focus inside, Escape
 * closes it, and the focus returns to where it was. It opens on its first field (or on Cancel).
 * `onClose` runs on Escape and on the close button.
 */
export function Dialog({ title, onClose, children, wide }: { title: string; onClose: () => void; children: ReactNode; wide?: boolean }) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const onCloseRef = useRef(onClose);

  useEffect(() => {
    onCloseRef.current = onClose;
  });

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    const returnTo = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    if (!dialog.open) dialog.showModal();
    // Start on the first field, or on the first button of the actions (Cancel), rather than on the close button.
    dialog.querySelector<HTMLElement>('.dialog-body :is(input, select, textarea), .dialog-actions button')?.focus();
    const onCancel = (event: Event): void => {
      event.preventDefault();
      onCloseRef.current();
    };
    dialog.addEventListener('cancel', onCancel);
    return () => {
      dialog.removeEventListener('cancel', onCancel);
      if (dialog.open) dialog.close();
      returnTo?.focus();
    };
  }, []);

  return (
    <dialog ref={ref} className={wide ? 'dialog dialog-wide' : 'dialog'} aria-labelledby={titleId}>
      <div className="dialog-header">
        <h2 id={titleId}>{title}</h2>
        <button type="button" className="icon-button" aria-label={strings.actions.close} onClick={onClose}>
          <span aria-hidden="true">×</span>
        </button>
      </div>
      {children}
    </dialog>
  );
}

/** Asks before something that cannot be undone from here. */
export function ConfirmDialog(props: { title: string; message: ReactNode; confirmLabel: string; isDanger?: boolean; onConfirm: () => void; onCancel: () => void }) {
  return (
    <Dialog title={props.title} onClose={props.onCancel}>
      <div className="dialog-body">{props.message}</div>
      <div className="dialog-actions">
        <button type="button" onClick={props.onCancel}>
          {strings.actions.cancel}
        </button>
        <button type="button" className={props.isDanger ? 'danger' : 'primary'} onClick={props.onConfirm}>
          {props.confirmLabel}
        </button>
      </div>
    </Dialog>
  );
}

/** A button that asks first (for a removal or a deletion), then runs `onConfirm`. */
export function ConfirmButton(props: { label: string; ariaLabel?: string; title: string; message: string; confirmLabel?: string; onConfirm: () => void; disabled?: boolean }) {
  const [isAsking, setAsking] = useState(false);
  return (
    <>
      <button type="button" className="danger-text" disabled={props.disabled} aria-label={props.ariaLabel} onClick={() => setAsking(true)}>
        {props.label}
      </button>
      {isAsking && (
        <ConfirmDialog
          title={props.title}
          message={<p>{props.message}</p>}
          confirmLabel={props.confirmLabel ?? props.label}
          isDanger
          onCancel={() => setAsking(false)}
          onConfirm={() => {
            setAsking(false);
            props.onConfirm();
          }}
        />
      )}
    </>
  );
}

