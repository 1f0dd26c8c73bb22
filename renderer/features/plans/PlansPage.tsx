import { useState } from 'react';
import { useAppServices, useAppState } from '../../app/context';
import { strings } from '../../app/strings';
import { ErrorNotice, FormError } from '../../components/ErrorNotice';
import { EmptyState, Loading, PageFrame } from '../../components/PageFrame';
import type { UserError } from '../../lib/errors';
import { PlanCard } from './PlanCard';
import { PlanEditor } from './PlanEditor';

const text = strings.plans;

/** Plans: the list with run, pause and edit; the editor in place of the list while editing. */
export function PlansPage() {
  const plansStore = useAppServices().plans;
  const plans = useAppState('plans', (state) => state.plans);
  const isPausedAll = useAppState('plans', (state) => state.isPausedAll);
  const status = useAppState('plans', (state) => state.status);
  const error = useAppState('plans', (state) => state.error);
  const hasStores = useAppState('stores', (state) => state.list.length > 0);
  const [editing, setEditing] = useState<string | 'new' | null>(null);
  const [actionError, setActionError] = useState<UserError | null>(null);
  const editedPlan = plans.find((plan) => plan.id === editing);

  if (editing !== null) {
    return (
      <PageFrame title={editedPlan ? text.editor.editTitle(editedPlan.name) : text.editor.newTitle}>
        <PlanEditor plan={editedPlan} onDone={() => setEditing(null)} onCancel={() => setEditing(null)} />
      </PageFrame>
    );
  }

  const togglePausedAll = async (): Promise<void> => {
    const outcome = await plansStore.getState().setPausedAll(!isPausedAll);
    setActionError(outcome.ok ? null : outcome.error);
  };
  const actions = (
    <>
      {plans.length > 0 && (
        <button type="button" onClick={() => void togglePausedAll()}>
          {isPausedAll ? text.resumeAll : text.pauseAll}
        </button>
      )}
      <button type="button" className="primary" disabled={!hasStores} onClick={() => setEditing('new')}>
        {text.add}
      </button>
    </>
  );

  return (
    <PageFrame title={strings.pages.plans.title} actions={actions}>
      {isPausedAll && (
        <p className="notice notice-warn" role="status">
          {text.pausedAll}
        </p>
      )}
      <FormError error={actionError} />
      {status === 'error' && error && <ErrorNotice error={error} onRetry={() => void plansStore.getState().load()} />}
      {(status === 'loading' || status === 'idle') && plans.length === 0 && <Loading label={strings.loading} />}
      {status === 'ready' && plans.length === 0 && <EmptyState action={hasStores ? undefined : <a href="#/stores">{strings.stores.setUp}</a>}>{hasStores ? text.empty : text.needStore}</EmptyState>}
      {plans.length > 0 && (
        <ul className="card-list" aria-label={text.listLabel}>
          {plans.map((plan) => (
            <PlanCard key={plan.id} plan={plan} onEdit={() => setEditing(plan.id)} />
          ))}
        </ul>
      )}
    </PageFrame>
  );
}
