import type { RetentionPolicy } from '../../../shared/types/plans';
import { strings } from '../../app/strings';
import { Field } from '../../components/Field';

const text = strings.plans.editor;
const countKeys = ['keepLast', 'keepHourly', 'keepDaily', 'keepWeekly', 'keepMonthly', 'keepYearly', 'keepWithinDays'] as const;

/** Which snapshots a plan keeps, rule by rule, with the whole policy said in one sentence below. */
export function RetentionFields({ value, onChange, error }: { value: RetentionPolicy; onChange: (policy: RetentionPolicy) => void; error?: string }) {
  const setCount = (key: (typeof countKeys)[number], raw: string): void => {
    const count = raw === '' ? undefined : Math.max(0, Math.floor(Number(raw)));
    onChange({ ...value, [key]: count });
  };
  return (
    <fieldset className="field-group" id="plan-retention">
      <legend>{text.keep}</legend>
      <div className="field-grid">
        {countKeys.map((key) => (
          <Field key={key} label={text.keepFields[key]}>
            {(control) => <input {...control} type="number" min={0} value={value[key] ?? ''} onChange={(event) => setCount(key, event.target.value)} />}
          </Field>
        ))}
      </div>
      <Field label={text.keepTags}>
        {(control) => (
          <input
            {...control}
            type="text"
            value={(value.keepTags ?? []).join(', ')}
            onChange={(event) => {
              const tags = event.target.value.split(',').map((tag) => tag.trim());
              onChange({ ...value, keepTags: tags.some(Boolean) ? tags.filter(Boolean) : undefined });
            }}
          />
        )}
      </Field>
      <p className={error ? 'field-error' : 'schedule-summary'} aria-live="polite">
        {error ?? text.describeRetention(value)}
      </p>
    </fieldset>
  );
}
