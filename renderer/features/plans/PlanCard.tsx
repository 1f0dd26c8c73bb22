import { useState } from 'react';
import { describeSchedule, type PlanSummary } from '../../../shared/types/plans';
import { useAppServices, useAppState } from '../../app/context';
import { strings } from '../../app/strings';
import { Badge, type Tone } from '../../components/Badge';
import { ConfirmButton } from '../../components/Dialog';
import { FormError } from '../../components/ErrorNotice';
import { formatRelative } from '../../lib/dates';
import { useAction } from '../../lib/use-action';
import { useNow } from '../../lib/now';

const text = strings.plans.card;
const resultTones: Readonly<Record<'succeeded' | 'failed' | 'canceled', Tone>> = { succeeded: 'ok', failed: 'danger', canceled: 'neutral' };

/** Where a plan stands in words: paused, running, waiting, or when it runs next. */
function planState(plan: PlanSummary, isPausedAll: boolean, now: number): string {
  if (plan.status.isRunning) return text.running;
  if (plan.isPaused || isPausedAll) return text.paused;
  if (plan.status.isWaitingForStore) return text.waiting;
  return plan.status.nextRunAt ? text.next(formatRelative(plan.status.nextRunAt, now)) : text.noNext;
}

/** One plan: schedule, sources, store, next and last run, and Run now / Pause / Edit / Delete. */
export function PlanCard({ plan, onEdit }: { plan: PlanSummary; onEdit: () => void }) {
  const plansStore = useAppServices().plans;
  const isPausedAll = useAppState('plans', (state) => state.isPausedAll);
  const storeName = useAppState('stores', (state) => state.list.find((store) => store.id === plan.storeId)?.name ?? null);
  const now = useNow();
  const { error, run } = useAction();
  /** Run now's answer, shown until a run of the plan ends after it (`lastEndedAt` is the last end before it). */
  const [started, setStarted] = useState<{ readonly state: 'running' | 'waiting'; readonly lastEndedAt: string | null } | null>(null);
  const last = plan.status.lastRun;
  const startedNote = started && started.lastEndedAt === (last?.endedAt ?? null) ? started.state : null;

  return (
    <li className="card" data-testid={`plan-${plan.id}`}>
      <div className="card-main">
        <p className="card-title">{plan.name}</p>
        <p className="muted">
          {describeSchedule(plan.schedule)} · {text.into(storeName ?? text.unknownStore)}
        </p>
        <p className="muted path">{plan.sources.join(', ')}</p>
        <p>{planState(plan, isPausedAll, now)}</p>
        {last ? (
          <p>
            <Badge tone={resultTones[last.result]}>{text.results[last.result]}</Badge> {text.last[last.result](formatRelative(last.endedAt, now))}
            {last.message && <span className="muted"> — {last.message}</span>} {last.jobId && <a href="#/activity">{text.showJob}</a>}
          </p>
        ) : (
          <p className="muted">{text.never}</p>
        )}
        {startedNote && <p role="status">{startedNote === 'running' ? text.started : text.startsAfterOther}</p>}
        <FormError error={error} />
      </div>
      <div className="card-actions">
        <button type="button" disabled={plan.status.isRunning} onClick={() => void run(() => plansStore.getState().runNow(plan.id), (jobId) => setStarted({ state: jobId === null ? 'waiting' : 'running', lastEndedAt: last?.endedAt ?? null }))}>
          {text.runNow}
        </button>
        <button type="button" onClick={() => void run(() => plansStore.getState().setPaused(plan.id, !plan.isPaused))}>
          {plan.isPaused ? text.resume : text.pause}
        </button>
        <button type="button" onClick={onEdit}>
          {text.edit}
        </button>
        <ConfirmButton label={text.remove} title={text.removeTitle(plan.name)} message={text.removeMessage} onConfirm={() => void run(() => plansStore.getState().remove(plan.id))} />
      </div>
    </li>
  );
}
