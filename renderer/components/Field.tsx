import { useId, type ReactNode } from 'react';

/** What a form control needs to be tied to its label, its hint and its error. */
export interface FieldControlProps {
  readonly id: string;
  readonly 'aria-describedby'?: string;
  readonly 'aria-invalid'?: true;
}

/**
 * A labelled control with an optional hint and error, both read out with the control. The
 * control itself comes from `children`, which receives the ids to put on it.
 */
export function Field({ id: givenId, label, hint, error, children }: { id?: string; label: ReactNode; hint?: ReactNode; error?: string | null; children: (control: FieldControlProps) => ReactNode }) {
  const generatedId = useId();
  const id = givenId ?? generatedId;
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  const describedBy = [hint ? hintId : null, error ? errorId : null].filter(Boolean).join(' ');
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {children({ id, ...(describedBy ? { 'aria-describedby': describedBy } : {}), ...(error ? { 'aria-invalid': true } : {}) })}
      {hint && (
        <p id={hintId} className="field-hint">
          {hint}
        </p>
      )}
      {error && (
        <p id={errorId} className="field-error">
          {error}
        </p>
      )}
    </div>
  );
}

/** A checkbox with its label on the right and an optional hint below. */
export function Checkbox({ label, hint, checked, onChange, disabled }: { label: ReactNode; hint?: ReactNode; checked: boolean; onChange: (checked: boolean) => void; disabled?: boolean }) {
  const id = useId();
  return (
    <div className="checkbox">
      <input id={id} type="checkbox" checked={checked} disabled={disabled} onChange={(event) => onChange(event.target.checked)} aria-describedby={hint ? `${id}-hint` : undefined} />
      <label htmlFor={id}>{label}</label>
      {hint && (
        <p id={`${id}-hint`} className="field-hint">
          {hint}
        </p>
      )}
    </div>
  );
}

/** A group of radio buttons with a legend; each option may carry a hint. */
export function RadioGroup<V extends string>(props: {
  legend: string;
  name: string;
  value: V;
  options: ReadonlyArray<{ readonly value: V; readonly label: ReactNode; readonly hint?: ReactNode }>;
  onChange: (value: V) => void;
}) {
  const id = useId();
  return (
    <fieldset className="radio-group">
      <legend>{props.legend}</legend>
      {props.options.map((option) => (
        <div className="radio" key={option.value}>
          <input
            id={`${id}-${option.value}`}
            type="radio"
            name={props.name}
            value={option.value}
            checked={props.value === option.value}
            onChange={() => props.onChange(option.value)}
            aria-describedby={option.hint ? `${id}-${option.value}-hint` : undefined}
          />
          <label htmlFor={`${id}-${option.value}`}>{option.label}</label>
          {option.hint && (
            <p id={`${id}-${option.value}-hint`} className="field-hint">
              {option.hint}
            </p>
          )}
        </div>
      ))}
    </fieldset>
  );
}
