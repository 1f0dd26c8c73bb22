import { useId, useState } from 'react';
import { strings } from '../../app/strings';
import { useClient } from '../../app/context';
import { Field } from '../../components/Field';
import { useShellCapabilities } from '../../lib/desktop-shell';
import { toUserError } from '../../lib/errors';
import { useApiQuery } from '../../lib/use-api-query';

const text = strings.sources.location;

/** The folder part of what is typed so far ('/home/an' → '/home/'), which the completion lists. */
export function typedFolder(value: string): string | null {
  const cut = Math.max(value.lastIndexOf('/'), value.lastIndexOf('\\'));
  return cut < 0 ? null : value.slice(0, cut + 1);
}

/**
 * A folder of this computer: a path field that completes folder names as you type
 * (`localFiles.list`), and where the shell has one (Electron) a "Choose…" button with the system
 * folder picker (`shell.pickFolder`). Completion is only an aid: when the folder cannot be listed
 * the field simply offers nothing.
 */
export function LocalFolderField({ label, value, onChange, error }: { label: string; value: string; onChange: (path: string) => void; error?: string | null }) {
  const client = useClient();
  const listId = useId();
  const canPickFolder = useShellCapabilities(client).canPickFolder;
  const [pickError, setPickError] = useState<string | null>(null);
  const folder = typedFolder(value);
  const listing = useApiQuery(folder === null ? null : `local\n${folder}`, () => client.call('localFiles.list', { path: folder ?? '/', directoriesOnly: true }));
  const options = (listing.data ?? []).filter((item) => item.isDirectory && item.path.startsWith(value) && item.path !== value).slice(0, 50);

  const choose = async (): Promise<void> => {
    setPickError(null);
    try {
      const picked = await client.call('shell.pickFolder', { title: text.chooseTitle });
      if (picked.path) onChange(picked.path);
    } catch (failure) {
      setPickError(toUserError(failure).message);
    }
  };

  return (
    <Field label={label} hint={text.folderHint} error={error ?? pickError}>
      {(control) => (
        <div className="input-row">
          <input {...control} type="text" list={listId} value={value} autoComplete="off" spellCheck={false} onChange={(event) => onChange(event.target.value)} />
          <datalist id={listId}>
            {options.map((item) => (
              <option key={item.path} value={item.path} />
            ))}
          </datalist>
          {canPickFolder && (
            <button type="button" onClick={() => void choose()}>
              {text.choose}
            </button>
          )}
        </div>
      )}
    </Field>
  );
}
