import { strings } from '../../app/strings';
import { Checkbox, Field } from '../../components/Field';
import { estimatePassphrase, type PassphraseStrength } from '../../lib/passphrase-strength';

const text = strings.stores.setup;

export interface NewPassphrase {
  readonly passphrase: string;
  readonly confirm: string;
  readonly isAcknowledged: boolean;
}

export const emptyNewPassphrase: NewPassphrase = { passphrase: '', confirm: '', isAcknowledged: false };

/** What still stops a new passphrase from being used, or null when it can be. */
export function newPassphraseProblem(value: NewPassphrase): string | null {
  if (estimatePassphrase(value.passphrase).level === 0) return text.tooWeak;
  if (value.confirm !== value.passphrase) return text.mismatch;
  if (!value.isAcknowledged) return text.understood;
  return null;
}

/**
 * A new passphrase: the field with its strength meter, the same again, and the warning that it
 * cannot be recovered, which the user must acknowledge.
 */
export function NewPassphraseFields({ label, value, onChange }: { label: string; value: NewPassphrase; onChange: (value: NewPassphrase) => void }) {
  const strength = estimatePassphrase(value.passphrase);
  const mismatch = value.confirm.length > 0 && value.confirm !== value.passphrase;
  return (
    <div className="stack">
      <Field label={label} hint={text.passphraseHint}>
        {(control) => <input {...control} type="password" autoComplete="new-password" value={value.passphrase} onChange={(event) => onChange({ ...value, passphrase: event.target.value })} />}
      </Field>
      {value.passphrase && <StrengthMeter strength={strength} />}
      <Field label={text.confirm} error={mismatch ? text.mismatch : null}>
        {(control) => <input {...control} type="password" autoComplete="new-password" value={value.confirm} onChange={(event) => onChange({ ...value, confirm: event.target.value })} />}
      </Field>
      <div className="notice notice-warn">
        <p className="notice-title">{text.warningTitle}</p>
        <p>{text.warning}</p>
        <Checkbox label={text.understood} checked={value.isAcknowledged} onChange={(isAcknowledged) => onChange({ ...value, isAcknowledged })} />
      </div>
    </div>
  );
}

/** Four segments and a word, updated as the user types; the word and the advice are read out politely. */
function StrengthMeter({ strength }: { strength: PassphraseStrength }) {
  const words = strings.stores.strength;
  return (
    <div className={`strength strength-${strength.level}`} data-testid="strength-meter">
      <div className="strength-bar" aria-hidden="true">
        {[1, 2, 3, 4].map((segment) => (
          <span key={segment} className={strength.level >= segment ? 'on' : ''} />
        ))}
      </div>
      <p aria-live="polite">
        {`${words.label}: ${words.levels[strength.level]} (${words.bits(strength.bits)})`}
        {strength.hints.length > 0 && ` ${strength.hints.map((hint) => words.hints[hint]).join(' ')}`}
      </p>
    </div>
  );
}
