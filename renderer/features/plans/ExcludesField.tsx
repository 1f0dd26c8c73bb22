import { useState } from 'react';
import { strings } from '../../app/strings';
import { Checkbox, Field } from '../../components/Field';
import { customExcludes, excludePresetIds, excludePresets, isPresetOn, togglePreset, withCustomExcludes } from './exclude-presets';

const text = strings.plans.editor;

/** What a plan skips: switchable presets (caches, temporary files, system clutter) and free patterns. */
export function ExcludesField({ value, onChange, error }: { value: readonly string[]; onChange: (excludes: string[]) => void; error?: string }) {
  const [typed, setTyped] = useState(() => customExcludes(value).join('\n'));
  return (
    <fieldset className="field-group" id="plan-excludes">
      <legend>{text.skip}</legend>
      {excludePresetIds.map((id) => (
        <Checkbox
          key={id}
          label={text.presets[id]}
          hint={excludePresets[id].join('  ')}
          checked={isPresetOn(value, id)}
          onChange={(isOn) => {
            const next = togglePreset(value, id, isOn);
            onChange(next);
            setTyped(customExcludes(next).join('\n'));
          }}
        />
      ))}
      <Field label={text.customExcludes} hint={text.customExcludesHint} error={error}>
        {(control) => (
          <textarea
            {...control}
            rows={4}
            spellCheck={false}
            value={typed}
            onChange={(event) => {
              setTyped(event.target.value);
              onChange(withCustomExcludes(value, event.target.value));
            }}
          />
        )}
      </Field>
    </fieldset>
  );
}
