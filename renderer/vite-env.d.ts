import type { Bridge } from '../shared/bridge';

declare global {
  interface Window {
    /** Present in Electron only, exposed by the preload script. */
    bridge?: Bridge;
  }
}
