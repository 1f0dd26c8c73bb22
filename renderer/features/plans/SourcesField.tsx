import { useState } from 'react';
import { sourceLocationSchema } from '../../../shared/types/plans';
import { strings } from '../../app/strings';
import { LocationPicker } from '../locations/LocationPicker';

const text = strings.plans.editor;

/** The folders a plan backs up: the chosen ones with "Remove", and a picker to add another. */
export function SourcesField({ value, onChange, error }: { value: readonly string[]; onChange: (sources: string[]) => void; error?: string }) {
  const [candidate, setCandidate] = useState('');
  const [pickerKey, setPickerKey] = useState(0);
  const candidateProblem = candidate ? (sourceLocationSchema.safeParse(candidate).error?.issues[0]?.message ?? null) : null;

  const add = (): void => {
    onChange([...value.filter((item) => item !== candidate), candidate]);
    setCandidate('');
    setPickerKey((key) => key + 1);
  };

  return (
    <fieldset className="field-group" id="plan-sources" aria-describedby={error ? 'plan-sources-error' : undefined}>
      <legend>{text.what}</legend>
      {value.length === 0 ? (
        <p className="muted">{text.sourcesEmpty}</p>
      ) : (
        <ul className="chip-list" aria-label={text.sourcesLabel}>
          {value.map((location) => (
            <li key={location} className="chip">
              <span className="path">{location}</span>
              <button type="button" className="icon-button" aria-label={text.removeSource(location)} onClick={() => onChange(value.filter((item) => item !== location))}>
                <span aria-hidden="true">×</span>
              </button>
            </li>
          ))}
        </ul>
      )}
      {error && (
        <p id="plan-sources-error" className="field-error">
          {error}
        </p>
      )}
      <LocationPicker key={pickerKey} legend={text.newSource} name="plan-source" value={candidate} onChange={setCandidate} saved="sources" error={candidateProblem} />
      <button type="button" disabled={!candidate || candidateProblem !== null} onClick={add}>
        {text.addSource}
      </button>
    </fieldset>
  );
}
