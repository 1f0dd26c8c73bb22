import { BrowserWindow, ipcMain, type NativeImage } from 'electron';
import { ipcChannels } from '../../shared/bridge';
import type { Dispatch } from '../api/dispatch';
import type { EventBus } from '../api/events';
import type { Logger } from '../platform/logger';

export interface IpcTransportOptions {
  readonly dispatch: Dispatch;
  readonly events: EventBus;
  readonly log: Logger;
  /** True for URLs of the app's own renderer; calls from any other frame are refused. */
  readonly isTrustedUrl: (url: string) => boolean;
  /** The image under the cursor while files are dragged out of the window. */
  readonly dragIcon: () => NativeImage;
}

/**
 * The Electron transport: one `ipcMain.handle` channel for calls, `webContents.send` for events.
 * Only the top frame of a window showing the app's own pages may call.
 */
export function registerIpcTransport(options: IpcTransportOptions): () => void {
  ipcMain.handle(ipcChannels.call, async (event, method: unknown, params: unknown) => {
    const frame = event.senderFrame;
    if (!frame || frame !== event.sender.mainFrame || !options.isTrustedUrl(frame.url)) {
      options.log.warn('refused an IPC call from an untrusted frame', { url: frame?.url ?? 'unknown' });
      return { ok: false, error: { code: 'FORBIDDEN', message: 'This page may not call Kloset Desktop.' } };
    }
    if (typeof method !== 'string') {
      return { ok: false, error: { code: 'BAD_REQUEST', message: 'The method name must be a string.' } };
    }
    const sender = event.sender;
    return options.dispatch(method, params, {
      transport: 'ipc',
      dragSource: { startDrag: (files) => sender.startDrag({ file: files[0] ?? '', files: [...files], icon: options.dragIcon() }) },
    });
  });
  const unsubscribe = options.events.subscribe((name, payload) => {
    for (const window of BrowserWindow.getAllWindows()) {
      if (!window.isDestroyed()) window.webContents.send(ipcChannels.event, name, payload);
    }
  });
  return () => {
    ipcMain.removeHandler(ipcChannels.call);
    unsubscribe();
  };
}
