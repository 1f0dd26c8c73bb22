import { useId } from 'react';
import { strings } from '../../app/strings';
import { useClient } from '../../app/context';
import { Field } from '../../components/Field';
import { desktopShell } from '../../lib/desktop-shell';
import { useApiQuery } from '../../lib/use-api-query';

const text = strings.sources.location;

/** The folder part of what is typed so far ('/home/an' → '/home/'), which the completion lists. */
export function typedFolder(value: string): string | null {
  const cut = Math.max(value.lastIndexOf('/'), value.lastIndexOf('\\'));
  return cut < 0 ? null : value.slice(0, cut + 1);
}

/**
 * A folder of this computer: a path field that completes folder names as you type
 * (`localFiles.list`), and in Electron a "Choose…" button with the system folder picker.
 * Completion is only an aid: when the folder cannot be listed the field simply offers nothing.
 */
export function LocalFolderField({ label, value, onChange, error }: { label: string; value: string; onChange: (path: string) => void; error?: string | null }) {
  const client = useClient();
  const listId = useId();
  const shell = desktopShell();
  const folder = typedFolder(value);
  const listing = useApiQuery(folder === null ? null : `local\n${folder}`, () => client.call('localFiles.list', { path: folder ?? '/', directoriesOnly: true }));
  const options = (listing.data ?? []).filter((item) => item.isDirectory && item.path.startsWith(value) && item.path !== value).slice(0, 50);

  const choose = async (): Promise<void> => {
    const picked = await shell?.pickFolder({ title: text.chooseTitle, ...(value ? { defaultPath: value } : {}) });
    if (picked) onChange(picked);
  };

  return (
    <Field label={label} hint={text.folderHint} error={error}>
      {(control) => (
        <div className="input-row">
          <input {...control} type="text" list={listId} value={value} autoComplete="off" spellCheck={false} onChange={(event) => onChange(event.target.value)} />
          <datalist id={listId}>
            {options.map((item) => (
              <option key={item.path} value={item.path} />
            ))}
          </datalist>
          {shell && (
            <button type="button" onClick={() => void choose()}>
              {text.choose}
            </button>
          )}
        </div>
      )}
    </Field>
  );
}
