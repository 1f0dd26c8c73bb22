/**
 * The seam to the Electron shell, for the two things a web page cannot do: open the system's
 * folder picker, and drag real files out of the window onto the desktop or a folder.
 *
 * The Electron shell (built elsewhere) provides them by exposing `window.klosetShell` from its
 * preload script, next to `window.bridge`:
 *
 *   contextBridge.exposeInMainWorld('klosetShell', {
 *     pickFolder: (options) => ipcRenderer.invoke('kloset:pick-folder', options),   // dialog.showOpenDialog({ properties: ['openDirectory'] })
 *     startDrag: (files) => ipcRenderer.send('kloset:start-drag', files),            // webContents.startDrag({ files, icon })
 *   });
 *
 * Until it does, the renderer falls back to what works everywhere: a path field with completion,
 * and after `restores.materialize` the folder that holds the files.
 */
export interface DesktopShell {
  /** Shows the system folder picker; resolves to the chosen absolute path, or null when the user cancels. */
  pickFolder(options: { readonly title: string; readonly defaultPath?: string }): Promise<string | null>;
  /**
   * Starts a drag of local files (materialized by `restores.materialize`). Called from a
   * `dragstart` handler, after `preventDefault()`, as Electron's `webContents.startDrag` requires.
   */
  startDrag(files: readonly string[]): void;
}

declare global {
  interface Window {
    /** Present in Electron once the shell exposes it; see {@link DesktopShell}. */
    klosetShell?: DesktopShell;
  }
}

/** In Electron, the preload bridge is present: there is no HTTP server for downloads, files are materialized instead. */
export function isElectron(): boolean {
  return typeof window !== 'undefined' && window.bridge !== undefined;
}

export function desktopShell(): DesktopShell | null {
  return typeof window === 'undefined' ? null : (window.klosetShell ?? null);
}
