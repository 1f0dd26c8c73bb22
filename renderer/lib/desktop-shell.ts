import type { ShellCapabilities } from '../../shared/api/shell';
import type { ApiClient } from './client';
import { toUserError, type UserError } from './errors';
import { useApiQuery } from './use-api-query';

/**
 * The seam to the Electron shell, for what a web page cannot do: open the system's folder picker,
 * and drag real files out of the window onto the desktop or into a folder.
 *
 * Both are API methods (`shell.capabilities`, `shell.pickFolder`, `shell.startDrag`), called
 * through the same client and transport as every other method, so the preload bridge never grows
 * per method. Outside Electron, `shell.capabilities` answers that the shell can do nothing (and
 * the other methods answer CONFLICT); the renderer then falls back to what works everywhere: a
 * path field with completion, and the Download button.
 */

const noCapabilities: ShellCapabilities = { canPickFolder: false, canDragOut: false, canOpenPath: false, canRememberPassphrases: false };
const answers = new WeakMap<ApiClient, Promise<ShellCapabilities>>();

/**
 * What the shell can do where the app runs. Asked once per client, since it cannot change while
 * the app runs; a failed answer is not kept (the next caller asks again) and reads as "nothing".
 */
export function shellCapabilities(client: ApiClient): Promise<ShellCapabilities> {
  const known = answers.get(client);
  if (known) return known;
  const asked = client.call('shell.capabilities', {}).catch(() => {
    answers.delete(client);
    return noCapabilities;
  });
  answers.set(client, asked);
  return asked;
}

/** {@link shellCapabilities} for a component: nothing until the answer arrives. */
export function useShellCapabilities(client: ApiClient): ShellCapabilities {
  return useApiQuery('shell.capabilities', () => shellCapabilities(client)).data ?? noCapabilities;
}

/**
 * Hands a drag to the shell. Call it from a `dragstart` handler: the page's own drag is cancelled
 * and Electron's `webContents.startDrag` carries the files instead (it must be asked while the drag
 * starts). Only files that `restores.materialize` prepared are accepted; a refusal goes to `onError`.
 */
export function startShellDrag(client: ApiClient, paths: readonly string[], event: { preventDefault(): void }, onError: (error: UserError) => void): void {
  event.preventDefault();
  client.call('shell.startDrag', { paths: [...paths] }).catch((failure: unknown) => onError(toUserError(failure)));
}

/**
 * In Electron, the preload bridge is present: there is no HTTP server, so nothing can be
 * downloaded (`downloads.create` answers CONFLICT) and items are dragged out instead.
 */
export function isElectron(): boolean {
  return typeof window !== 'undefined' && window.bridge !== undefined;
}
