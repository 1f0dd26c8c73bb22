import { useState } from 'react';
import type { Settings } from '../../../shared/types/settings';
import { formatBytes } from '../../../shared/format';
import { strings } from '../../app/strings';
import { Checkbox, Field } from '../../components/Field';

const text = strings.settings;

/**
 * The bandwidth limit and the rclone program. Typed values are saved when the field is left
 * (or Enter is pressed), not at every keystroke.
 */
export function NetworkSettings({ settings, onChange }: { settings: Settings; onChange: (patch: Partial<Settings>) => void }) {
  const [limit, setLimit] = useState(String(settings.bandwidthLimitKiBps ?? 1024));
  const [rclonePath, setRclonePath] = useState(settings.rclonePath ?? '');
  const limitValue = Number(limit);
  const isLimitValid = Number.isInteger(limitValue) && limitValue >= 1 && limitValue <= 10_000_000;

  const saveLimit = (): void => {
    if (isLimitValid && limitValue !== settings.bandwidthLimitKiBps) onChange({ bandwidthLimitKiBps: limitValue });
  };
  const saveRclonePath = (): void => {
    if (rclonePath.trim() && rclonePath.trim() !== settings.rclonePath) onChange({ rclonePath: rclonePath.trim() });
  };

  return (
    <>
      <fieldset className="field-group">
        <legend>{text.network}</legend>
        <Checkbox
          label={text.limitBandwidth}
          checked={settings.bandwidthLimitKiBps !== null}
          onChange={(isOn) => onChange({ bandwidthLimitKiBps: isOn ? (isLimitValid ? limitValue : 1024) : null })}
        />
        {settings.bandwidthLimitKiBps !== null && (
          <Field label={text.bandwidth} hint={isLimitValid ? text.bandwidthHint(`${formatBytes(limitValue * 1024)}/s`) : undefined} error={isLimitValid ? null : text.bandwidthInvalid}>
            {(control) => (
              <input {...control} type="number" min={1} step={1} value={limit} onChange={(event) => setLimit(event.target.value)} onBlur={saveLimit} onKeyDown={(event) => event.key === 'Enter' && saveLimit()} />
            )}
          </Field>
        )}
      </fieldset>
      <fieldset className="field-group">
        <legend>{text.rclone}</legend>
        <Checkbox label={text.rcloneBundled} checked={settings.rclonePath === null} onChange={(isBundled) => onChange({ rclonePath: isBundled ? null : rclonePath.trim() || '/usr/bin/rclone' })} />
        {settings.rclonePath !== null && (
          <Field label={text.rclonePath} hint={text.rclonePathHint}>
            {(control) => (
              <input
                {...control}
                type="text"
                spellCheck={false}
                value={rclonePath}
                onChange={(event) => setRclonePath(event.target.value)}
                onBlur={saveRclonePath}
                onKeyDown={(event) => event.key === 'Enter' && saveRclonePath()}
              />
            )}
          </Field>
        )}
      </fieldset>
    </>
  );
}
