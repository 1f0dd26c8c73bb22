import path from 'node:path';
import { ApiError } from '../../shared/api-errors';
import type { Handlers } from './dispatch';

/** What the Electron shell provides; absent in the headless server and the CLI. */
export interface ShellAdapter {
  pickFolder(title: string | undefined): Promise<string | null>;
  openPath(target: string): Promise<void>;
  readonly canRememberPassphrases: boolean;
}

export function createShellHandlers(shell: ShellAdapter | null, dataDir: string): Pick<Handlers, 'shell.capabilities' | 'shell.pickFolder' | 'shell.startDrag' | 'shell.openPath'> {
  const desktopOnly = (what: string): ApiError => new ApiError('CONFLICT', `${what} needs the desktop app; in the browser, use the download button instead.`);
  const materialized = path.join(dataDir, 'materialized');
  return {
    'shell.capabilities': () => ({ canPickFolder: shell !== null, canDragOut: shell !== null, canOpenPath: shell !== null, canRememberPassphrases: shell?.canRememberPassphrases ?? false }),
    'shell.pickFolder': async (params) => {
      if (!shell) throw desktopOnly('The folder picker');
      return { path: await shell.pickFolder(params.title) };
    },
    'shell.startDrag': (params, context) => {
      if (!shell || !context.dragSource) throw desktopOnly('Dragging files out');
      const files = params.paths.map((file) => path.resolve(file));
      if (files.some((file) => !file.startsWith(materialized + path.sep))) {
        throw new ApiError('FORBIDDEN', 'Only items prepared for dragging (restores.materialize) can be dragged out.');
      }
      context.dragSource.startDrag(files);
      return { started: true };
    },
    'shell.openPath': async (params) => {
      if (!shell) throw desktopOnly('Opening folders');
      if (!path.isAbsolute(params.path)) throw new ApiError('BAD_REQUEST', 'Give a full path to open.');
      await shell.openPath(params.path);
      return { opened: true };
    },
  };
}
