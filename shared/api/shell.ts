import { z } from 'zod';
import { method } from './define';

/** What the desktop shell can do where the app runs (the browser build can do none of it). */
export interface ShellCapabilities {
  readonly canPickFolder: boolean;
  readonly canDragOut: boolean;
  readonly canOpenPath: boolean;
  readonly canRememberPassphrases: boolean;
}

export const shellMethods = {
  'shell.capabilities': method<ShellCapabilities>()(z.object({}).strict()),
  /** The system's folder picker; null when the user cancelled. */
  'shell.pickFolder': method<{ readonly path: string | null }>()(z.object({ title: z.string().max(200).optional() }).strict()),
  /**
   * Starts dragging files out of the window (call it from the renderer's dragstart). Only items
   * that `restores.materialize` prepared can be dragged.
   */
  'shell.startDrag': method<{ readonly started: true }>()(z.object({ paths: z.array(z.string().min(1).max(4096)).min(1).max(1000) }).strict()),
  /** Shows a restored folder or file in the system's file manager. */
  'shell.openPath': method<{ readonly opened: true }>()(z.object({ path: z.string().min(1).max(4096) }).strict()),
};
