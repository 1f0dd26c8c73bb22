import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { defaultDataDir } from '../../platform/paths';
import { pacingFlags, providerProfile, reconnectAdvice } from './provider-profiles';
import type { RcClient } from './rc-client';
import { klosetErrorOf, type ProviderWords } from './rc-errors';
import { findRclone } from './rclone-binary';
import { openRcSession, type RcSession } from './rc-session';
import { RemoteFs } from './remote-fs';
import { fsString, inlineConfigText, parseRemoteSpec, type RemoteSpec } from './remote-spec';

/** The app's rclone config file (its connected accounts) in the app's data folder. */
export function appRcloneConfigFile(dataDir: string): string {
  return path.join(dataDir, 'rclone.conf');
}

/** The app's rclone config as a plugin finds it: `KLOSET_RCLONE_CONFIG`, else the data folder's. */
function pluginRcloneConfigFile(env: NodeJS.ProcessEnv = process.env): string {
  return env.KLOSET_RCLONE_CONFIG ?? appRcloneConfigFile(defaultDataDir(env));
}

/** One rclone remote opened for one connector instance: its folder, and the rclone serving it. */
export interface RemoteConnection {
  readonly remote: RemoteFs;
  readonly spec: RemoteSpec;
  readonly words: ProviderWords;
  /** A private folder (0700) for files staged before upload; removed on close. */
  readonly stagingDir: string;
  close(): Promise<void>;
}

export interface OpenRemoteOptions {
  /** The connector entry: `location` and its `rclone_*` settings. */
  readonly config: Readonly<Record<string, string>>;
  /** `KLOSET_RCLONE`, `KLOSET_RCLONE_CONFIG`, `PATH` and the data folder are read from here. */
  readonly env?: NodeJS.ProcessEnv;
  /** Receives rclone's log lines. */
  readonly log?: (line: string) => void;
}

async function resolveUploads(client: RcClient, spec: RemoteSpec, words: ProviderWords, strategy: 'direct' | 'temp-and-move' | 'probe'): Promise<'direct' | 'temp-and-move'> {
  if (strategy !== 'probe') return strategy;
  const info = await client.call('operations/fsinfo', { fs: fsString(spec) }).catch((error: unknown) => {
    throw klosetErrorOf(error, 'opening the remote', words);
  });
  const features = info.Features as Readonly<Record<string, unknown>> | undefined;
  return features?.Move === true ? 'temp-and-move' : 'direct';
}

/**
 * Starts an `rclone rcd` for one connector entry: an account entry uses the app's rclone config
 * (so that rclone saves refreshed tokens there); inline settings go to a private config file that
 * lives as long as the connection. The rclone version is checked, and the upload strategy is
 * settled for the provider.
 */
export async function openRemoteConnection(options: OpenRemoteOptions): Promise<RemoteConnection> {
  const env = options.env ?? process.env;
  const spec = parseRemoteSpec(options.config, pluginRcloneConfigFile(env));
  const binary = findRclone({ env });
  const profile = providerProfile(spec);
  const words: ProviderWords = { label: profile.label, reconnect: reconnectAdvice(spec, profile.label) };
  const privateDir = await fs.promises.mkdtemp(path.join(os.tmpdir(), 'kloset-rclone-'));
  let session: RcSession | null = null;
  try {
    const configFile = spec.accountName ? pluginRcloneConfigFile(env) : path.join(privateDir, 'rclone.conf');
    if (!spec.accountName) await fs.promises.writeFile(configFile, inlineConfigText(spec), { mode: 0o600 });
    session = await openRcSession({ binary, configFile, flags: [...profile.flags, ...pacingFlags(profile, options.config)], ...(options.log ? { log: options.log } : {}) });
    const uploads = await resolveUploads(session.client, spec, words, profile.uploads);
    const remote = new RemoteFs({ client: session.client, spec, words, uploads });
    const running = session;
    let closing: Promise<void> | null = null;
    const stop = async (): Promise<void> => {
      await running.close();
      await fs.promises.rm(privateDir, { recursive: true, force: true });
    };
    return {
      remote,
      spec,
      words,
      stagingDir: privateDir,
      close: () => {
        closing ??= stop();
        return closing;
      },
    };
  } catch (error) {
    await session?.close();
    await fs.promises.rm(privateDir, { recursive: true, force: true });
    throw error;
  }
}
