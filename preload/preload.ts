/**
 * The only bridge between the sandboxed renderer and main. It exposes three members and never
 * grows per API method: every call and every event goes through the same two IPC channels, and
 * main validates both the sender and the parameters.
 */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { ipcChannels, type Bridge } from '../shared/bridge';
import type { Envelope } from '../shared/api-errors';

const bridge: Bridge = {
  call: (method, params) => ipcRenderer.invoke(ipcChannels.call, method, params) as Promise<Envelope<unknown>>,
  listen(listener) {
    const forward = (_event: IpcRendererEvent, name: string, payload: unknown): void => listener(name, payload);
    ipcRenderer.on(ipcChannels.event, forward);
    return () => {
      ipcRenderer.removeListener(ipcChannels.event, forward);
    };
  },
  platform: process.platform,
};

contextBridge.exposeInMainWorld('bridge', bridge);
