import { useState } from 'react';
import type { StoreSummary } from '../../../shared/types/stores';
import { strings } from '../../app/strings';
import { FocusHeading } from '../../components/FocusHeading';
import { PageFrame } from '../../components/PageFrame';
import { PlanEditor } from '../plans/PlanEditor';
import { StoreSetupForm } from '../stores/StoreSetupForm';

const text = strings.welcome;

type Step = { readonly name: 'store' } | { readonly name: 'plan'; readonly store: StoreSummary } | { readonly name: 'done'; readonly hasPlan: boolean };

/** The first run: create or open a store, then make a first plan or skip it. */
export function WelcomePage() {
  const [step, setStep] = useState<Step>({ name: 'store' });
  const steps = [
    { id: 'store', label: text.steps.store, isCurrent: step.name === 'store', isDone: step.name !== 'store' },
    { id: 'plan', label: text.steps.plan, isCurrent: step.name === 'plan', isDone: step.name === 'done' },
  ];
  return (
    <PageFrame title={strings.pages.welcome.title}>
      <p className="lead">{text.intro}</p>
      <ol className="steps" aria-label={text.steps.label}>
        {steps.map((item) => (
          <li key={item.id} aria-current={item.isCurrent ? 'step' : undefined} className={item.isDone ? 'is-done' : item.isCurrent ? 'is-current' : ''}>
            {item.label}
            <span className="visually-hidden">{item.isCurrent ? ` (${text.stepStatus.current})` : item.isDone ? ` (${text.stepStatus.done})` : ''}</span>
          </li>
        ))}
      </ol>
      {step.name === 'store' && (
        <section className="step-panel">
          <FocusHeading id="welcome-store">{text.steps.store}</FocusHeading>
          <p className="muted">{text.storeIntro}</p>
          <StoreSetupForm onDone={(store) => setStep({ name: 'plan', store })} />
        </section>
      )}
      {step.name === 'plan' && (
        <section className="step-panel">
          <FocusHeading id="welcome-plan">{text.steps.plan}</FocusHeading>
          <p role="status">{text.storeCreated(step.store.name)}</p>
          <p className="muted">{text.planIntro}</p>
          <PlanEditor storeId={step.store.id} onDone={() => setStep({ name: 'done', hasPlan: true })} />
          <button type="button" className="link" onClick={() => setStep({ name: 'done', hasPlan: false })}>
            {text.skip}
          </button>
        </section>
      )}
      {step.name === 'done' && (
        <section className="step-panel">
          <FocusHeading id="welcome-done">{text.doneTitle}</FocusHeading>
          <p>{step.hasPlan ? text.done : text.doneSkipped}</p>
          <div className="button-row">
            <a className="button primary" href="#/plans">
              {text.goPlans}
            </a>
            <a className="button" href="#/snapshots">
              {text.goSnapshots}
            </a>
          </div>
        </section>
      )}
    </PageFrame>
  );
}
