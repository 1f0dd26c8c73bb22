import { startDaemonProcess, stopDaemonProcess, type DaemonProcessOptions } from './daemon-process';
import { RcClient } from './rc-client';
import { checkRcloneVersion } from './rclone-binary';

/** A running `rclone rcd` of a checked version, and the client to call it. */
export interface RcSession {
  readonly client: RcClient;
  /** rclone's version ("v1.60.1"). */
  readonly version: string;
  /** Stops rclone; idempotent. */
  close(): Promise<void>;
}

/**
 * Starts `rclone rcd` (see `startDaemonProcess`) and refuses an rclone older than the minimum,
 * naming the version found and how to install a newer one.
 */
export async function openRcSession(options: DaemonProcessOptions): Promise<RcSession> {
  const daemon = await startDaemonProcess(options);
  const client = new RcClient(daemon);
  let closing: Promise<void> | null = null;
  const close = (): Promise<void> => {
    closing ??= (async () => {
      client.close();
      await stopDaemonProcess(daemon);
    })();
    return closing;
  };
  try {
    const answer = await client.call('core/version');
    const version = String(answer.version);
    checkRcloneVersion(version, Array.isArray(answer.decomposed) ? answer.decomposed.map(Number) : []);
    return { client, version, close };
  } catch (error) {
    await close();
    throw error;
  }
}
