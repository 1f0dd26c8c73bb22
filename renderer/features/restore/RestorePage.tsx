import { useState } from 'react';
import { useAppServices, useAppState } from '../../app/context';
import { useRoute } from '../../app/routes';
import { strings } from '../../app/strings';
import { FormError } from '../../components/ErrorNotice';
import { FocusHeading } from '../../components/FocusHeading';
import { EmptyState, PageFrame } from '../../components/PageFrame';
import type { UserError } from '../../lib/errors';
import { isDestinationComplete, summarizeRestore } from './restore-summary';
import { RestoreForm } from './RestoreForm';

const text = strings.restore;

/**
 * Restores what was chosen in a snapshot: first the choices, then a summary (what, how much,
 * where, existing files) with "Start the restore"; the job then shows in Activity.
 */
export function RestorePage() {
  const restore = useAppServices().restore;
  const go = useRoute((state) => state.go);
  const draft = useAppState('restore', (state) => state.draft);
  const destination = useAppState('restore', (state) => state.destination);
  const overwrite = useAppState('restore', (state) => state.overwrite);
  const keepFullPaths = useAppState('restore', (state) => state.keepFullPaths);
  const [isReviewing, setReviewing] = useState(false);
  const [isBusy, setBusy] = useState(false);
  const [error, setError] = useState<UserError | null>(null);

  if (!draft) {
    return (
      <PageFrame title={strings.pages.restore.title}>
        <EmptyState action={<a href="#/snapshots">{text.browse}</a>}>{text.empty}</EmptyState>
      </PageFrame>
    );
  }

  const start = async (): Promise<void> => {
    setBusy(true);
    const outcome = await restore.getState().start();
    setBusy(false);
    if (outcome.ok) {
      setReviewing(false);
      go('activity');
    } else setError(outcome.error);
  };

  const summary = summarizeRestore(draft, destination, overwrite, destination.kind === 'original' || keepFullPaths);
  const isComplete = isDestinationComplete(destination);
  return (
    <PageFrame title={strings.pages.restore.title}>
      {isReviewing ? (
        <section className="summary" aria-labelledby="restore-summary-title">
          <FocusHeading id="restore-summary-title">{text.summaryTitle}</FocusHeading>
          <dl className="facts" data-testid="restore-summary">
            {(['what', 'from', 'where', 'policy'] as const).map((key) => (
              <div key={key}>
                <dt>{text.summary.labels[key]}</dt>
                <dd>{summary[key]}</dd>
              </div>
            ))}
          </dl>
          <FormError error={error} />
          <div className="button-row">
            <button type="button" onClick={() => setReviewing(false)}>
              {text.edit}
            </button>
            <button type="button" className="primary" disabled={isBusy} onClick={() => void start()}>
              {isBusy ? text.starting : text.start}
            </button>
          </div>
        </section>
      ) : (
        <>
          <RestoreForm draft={draft} />
          {!isComplete && <p className="field-hint">{text.needDestination}</p>}
          <div className="button-row">
            <button type="button" className="primary" disabled={!isComplete} onClick={() => setReviewing(true)}>
              {text.review}
            </button>
          </div>
        </>
      )}
    </PageFrame>
  );
}
