import { useRef, useState, type FormEvent, type MouseEvent } from 'react';
import type { PlanCreate, PlanSummary } from '../../../shared/types/plans';
import type { StoreSummary } from '../../../shared/types/stores';
import { useAppServices, useAppState } from '../../app/context';
import { strings } from '../../app/strings';
import { FormError } from '../../components/ErrorNotice';
import { FormActions } from '../../components/FormActions';
import { Checkbox, Field } from '../../components/Field';
import type { UserError } from '../../lib/errors';
import { ExcludesField } from './ExcludesField';
import { draftFromPlan, newPlanDraft, validatePlan, type PlanErrors, type PlanFieldKey } from './plan-form';
import { RetentionFields } from './RetentionFields';
import { ScheduleFields } from './ScheduleFields';
import { SourcesField } from './SourcesField';

const text = strings.plans.editor;
const fieldIds: Readonly<Record<PlanFieldKey, string>> = {
  name: 'plan-name',
  sources: 'plan-sources',
  storeId: 'plan-store',
  excludes: 'plan-excludes',
  schedule: 'plan-schedule',
  retention: 'plan-retention',
  checkAfterBackup: 'plan-check',
  syncToStoreId: 'plan-sync',
};

/**
 * Creates or edits a plan. It is checked with the contract's schema on save; problems are listed
 * at the top (each a link to its field, which gets the focus) and repeated beside each field.
 */
export function PlanEditor({ plan, storeId, onDone, onCancel }: { plan?: PlanSummary; storeId?: string; onDone: (plan: PlanSummary) => void; onCancel?: () => void }) {
  const plansStore = useAppServices().plans;
  const stores = useAppState('stores', (state) => state.list);
  const [draft, setDraft] = useState<PlanCreate>(() => (plan ? draftFromPlan(plan) : newPlanDraft(storeId ?? stores.find((store) => store.isOpen)?.id ?? stores[0]?.id ?? '')));
  const [errors, setErrors] = useState<PlanErrors>({});
  const [error, setError] = useState<UserError | null>(null);
  const [isBusy, setBusy] = useState(false);
  const summaryRef = useRef<HTMLDivElement>(null);
  const change = (changes: Partial<PlanCreate>): void => setDraft((current) => ({ ...current, ...changes }));

  const submit = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    const checked = validatePlan(draft);
    if (!checked.ok) {
      setErrors(checked.errors);
      requestAnimationFrame(() => summaryRef.current?.focus());
      return;
    }
    setErrors({});
    setBusy(true);
    const outcome = plan ? await plansStore.getState().update(plan.id, checked.plan) : await plansStore.getState().create(checked.plan);
    setBusy(false);
    if (outcome.ok) onDone(outcome.value);
    else setError(outcome.error);
  };

  const problems = Object.entries(errors) as Array<[PlanFieldKey, string]>;
  return (
    <form className="plan-editor stack" onSubmit={(event) => void submit(event)} noValidate aria-label={plan ? text.editTitle(plan.name) : text.newTitle}>
      {problems.length > 0 && (
        <div className="notice notice-error" role="alert" tabIndex={-1} ref={summaryRef}>
          <p className="notice-title">{text.errorSummary}</p>
          <ul>
            {problems.map(([key, message]) => (
              <li key={key}>
                <a href={`#${fieldIds[key]}`} onClick={(event) => focusField(event, fieldIds[key])}>
                  {message}
                </a>
              </li>
            ))}
          </ul>
        </div>
      )}
      <Field id={fieldIds.name} label={text.name} error={errors.name}>
        {(control) => <input {...control} type="text" placeholder={text.namePlaceholder} value={draft.name} onChange={(event) => change({ name: event.target.value })} />}
      </Field>
      <SourcesField value={draft.sources} onChange={(sources) => change({ sources })} error={errors.sources} />
      <fieldset className="field-group">
        <legend>{text.where}</legend>
        <StoreSelect id={fieldIds.storeId} label={text.store} emptyLabel={text.chooseStore} error={errors.storeId} stores={stores} value={draft.storeId} onChange={(storeId) => change({ storeId })} />
      </fieldset>
      <ExcludesField value={draft.excludes} onChange={(excludes) => change({ excludes })} error={errors.excludes} />
      <ScheduleFields value={draft.schedule} onChange={(schedule) => change({ schedule })} error={errors.schedule} />
      <RetentionFields value={draft.retention} onChange={(retention) => change({ retention })} error={errors.retention} />
      <AfterBackupFields draft={draft} onChange={change} errors={errors} />
      <FormError error={error} />
      <FormActions onCancel={onCancel} submitLabel={isBusy ? text.saving : plan ? text.save : text.create} isDisabled={isBusy} />
    </form>
  );
}

function StoreSelect(props: { id: string; label: string; emptyLabel: string; error?: string; stores: readonly StoreSummary[]; value: string; onChange: (storeId: string) => void }) {
  return (
    <Field id={props.id} label={props.label} error={props.error}>
      {(control) => (
        <select {...control} value={props.value} onChange={(event) => props.onChange(event.target.value)}>
          <option value="">{props.emptyLabel}</option>
          {props.stores.map((store) => (
            <option key={store.id} value={store.id}>
              {store.name}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}

function focusField(event: MouseEvent, id: string): void {
  event.preventDefault();
  const target = document.getElementById(id);
  const focusable = target?.matches('input, select, textarea') ? target : target?.querySelector<HTMLElement>('input, select, textarea, button');
  focusable?.focus();
}

function AfterBackupFields({ draft, onChange, errors }: { draft: PlanCreate; onChange: (changes: Partial<PlanCreate>) => void; errors: PlanErrors }) {
  const stores = useAppState('stores', (state) => state.list);
  return (
    <fieldset className="field-group">
      <legend>{text.after}</legend>
      <Checkbox label={text.check} hint={text.checkHint} checked={draft.checkAfterBackup !== null} onChange={(isOn) => onChange({ checkAfterBackup: isOn ? { samplePercent: 5 } : null })} />
      {draft.checkAfterBackup && (
        <Field id={fieldIds.checkAfterBackup} label={text.samplePercent} error={errors.checkAfterBackup}>
          {(control) => (
            <input {...control} type="number" min={1} max={100} value={draft.checkAfterBackup?.samplePercent ?? 5} onChange={(event) => onChange({ checkAfterBackup: { samplePercent: event.target.valueAsNumber || 0 } })} />
          )}
        </Field>
      )}
      <StoreSelect
        id={fieldIds.syncToStoreId}
        label={text.syncTo}
        emptyLabel={text.noSync}
        error={errors.syncToStoreId}
        stores={stores.filter((store) => store.id !== draft.storeId)}
        value={draft.syncToStoreId ?? ''}
        onChange={(storeId) => onChange({ syncToStoreId: storeId || null })}
      />
    </fieldset>
  );
}
