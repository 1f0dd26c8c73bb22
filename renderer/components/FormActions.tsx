import { strings } from '../app/strings';

/** Cancel (when there is somewhere to go back to) and submit, at the bottom of a form or of a dialog's form. */
export function FormActions({ onCancel, submitLabel, isDisabled, inDialog }: { onCancel?: () => void; submitLabel: string; isDisabled: boolean; inDialog?: boolean }) {
  return (
    <div className={inDialog ? 'dialog-actions' : 'button-row'}>
      {onCancel && (
        <button type="button" onClick={onCancel}>
          {strings.actions.cancel}
        </button>
      )}
      <button type="submit" className="primary" disabled={isDisabled}>
        {submitLabel}
      </button>
    </div>
  );
}
