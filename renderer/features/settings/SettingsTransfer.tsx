import { useRef, useState } from 'react';
import { useAppServices } from '../../app/context';
import { strings } from '../../app/strings';
import { ConfirmDialog } from '../../components/Dialog';
import { FormError } from '../../components/ErrorNotice';
import { saveTextFile } from '../../lib/downloads';
import type { UserError } from '../../lib/errors';

const text = strings.settings;

/** Export of the app's settings as a file (no secrets), and import of such a file after a confirmation. */
export function SettingsTransfer() {
  const settings = useAppServices().settings;
  const inputRef = useRef<HTMLInputElement>(null);
  const [pending, setPending] = useState<{ readonly name: string; readonly document: string } | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [error, setError] = useState<UserError | null>(null);

  const exportSettings = async (): Promise<void> => {
    const outcome = await settings.getState().exportSettings();
    setError(outcome.ok ? null : outcome.error);
    if (outcome.ok) saveTextFile(outcome.value, text.exportFileName);
  };

  const importSettings = async (document: string): Promise<void> => {
    setPending(null);
    const outcome = await settings.getState().importSettings(document);
    setError(outcome.ok ? null : outcome.error);
    setDone(outcome.ok ? text.importDone(outcome.value.plans, outcome.value.stores, outcome.value.entries) : null);
  };

  return (
    <section className="field-group" aria-labelledby="transfer-title">
      <h2 id="transfer-title">{text.transfer}</h2>
      <p className="field-hint">{text.transferHint}</p>
      <div className="button-row">
        <button type="button" onClick={() => void exportSettings()}>
          {text.export}
        </button>
        <button type="button" onClick={() => inputRef.current?.click()}>
          {text.import}
        </button>
        <input
          ref={inputRef}
          type="file"
          accept="application/json,.json"
          className="visually-hidden"
          aria-label={text.importFile}
          tabIndex={-1}
          onChange={(event) => {
            const file = event.target.files?.[0];
            event.target.value = '';
            if (file) void file.text().then((document) => setPending({ name: file.name, document }));
          }}
        />
      </div>
      {done && <p role="status">{done}</p>}
      <FormError error={error} />
      {pending && (
        <ConfirmDialog
          title={text.importConfirmTitle}
          message={<p>{text.importConfirm(pending.name)}</p>}
          confirmLabel={text.importButton}
          onCancel={() => setPending(null)}
          onConfirm={() => void importSettings(pending.document)}
        />
      )}
    </section>
  );
}
