import { describeSchedule, scheduleSchema, weekdays, type Schedule } from '../../../shared/types/plans';
import { strings } from '../../app/strings';
import { Field } from '../../components/Field';
import { switchSchedule } from './plan-form';

const text = strings.plans.editor;
const kinds: ReadonlyArray<Schedule['kind']> = ['interval', 'daily', 'weekly', 'cron'];

/** When a plan runs: every few hours, daily, on weekdays, or a cron expression; with its description in one line. */
export function ScheduleFields({ value, onChange, error }: { value: Schedule; onChange: (schedule: Schedule) => void; error?: string }) {
  const isValid = scheduleSchema.safeParse(value).success;
  return (
    <fieldset className="field-group" id="plan-schedule">
      <legend>{text.when}</legend>
      <Field label={text.repeat}>
        {(control) => (
          <select {...control} value={value.kind} onChange={(event) => onChange(switchSchedule(value, event.target.value as Schedule['kind']))}>
            {kinds.map((kind) => (
              <option key={kind} value={kind}>
                {text.kinds[kind]}
              </option>
            ))}
          </select>
        )}
      </Field>
      {value.kind === 'interval' && (
        <Field label={text.everyHours}>
          {(control) => <input {...control} type="number" min={1} max={168} value={value.everyHours} onChange={(event) => onChange({ ...value, everyHours: event.target.valueAsNumber || 0 })} />}
        </Field>
      )}
      {value.kind === 'weekly' && <DayPicker value={value} onChange={onChange} />}
      {(value.kind === 'daily' || value.kind === 'weekly') && (
        <Field label={text.at}>{(control) => <input {...control} type="time" value={value.at} onChange={(event) => onChange({ ...value, at: event.target.value })} />}</Field>
      )}
      {value.kind === 'cron' && (
        <Field label={text.cron} hint={text.cronHint}>
          {(control) => <input {...control} type="text" spellCheck={false} value={value.expression} onChange={(event) => onChange({ ...value, expression: event.target.value })} />}
        </Field>
      )}
      <p className={error ? 'field-error' : 'schedule-summary'} aria-live="polite">
        {error ?? (isValid ? text.scheduleSummary(describeSchedule(value)) : '')}
      </p>
    </fieldset>
  );
}

function DayPicker({ value, onChange }: { value: Extract<Schedule, { kind: 'weekly' }>; onChange: (schedule: Schedule) => void }) {
  return (
    <fieldset className="day-picker">
      <legend>{text.days}</legend>
      {weekdays.map((day) => (
        <label key={day} className="day">
          <input
            type="checkbox"
            checked={value.days.includes(day)}
            onChange={(event) => onChange({ ...value, days: event.target.checked ? weekdays.filter((item) => item === day || value.days.includes(item)) : value.days.filter((item) => item !== day) })}
          />
          {text.dayNames[day]}
        </label>
      ))}
    </fieldset>
  );
}
