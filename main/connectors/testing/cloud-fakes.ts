import { createDropboxFake, type DropboxFake, type DropboxFakeOptions } from './dropbox-fake';
import { startHttpsProxy, type HttpsProxy } from './https-proxy';
import { createOpenDriveFake, type OpenDriveFake, type OpenDriveFakeOptions } from './opendrive-fake';
import { rcloneObscure, writeRcloneConfig, type RcloneRemotes } from './rclone-cli';
import { testCa } from './test-ca';

export interface CloudFakesOptions {
  /** Options for the Dropbox fake, or `false` to leave it out. */
  readonly dropbox?: DropboxFakeOptions | false;
  /** Options for the OpenDrive fake, or `false` to leave it out. */
  readonly opendrive?: OpenDriveFakeOptions | false;
}

/** The running fakes, the proxy in front of them, and what rclone needs to reach them. */
export interface CloudFakes {
  /**
   * The environment for rclone (or `rclone rcd`): `HTTPS_PROXY` and `HTTP_PROXY` (the proxy),
   * `NO_PROXY` empty, and `RCLONE_CA_CERT` (the test CA, equivalent to `--ca-cert`).
   */
  readonly env: Readonly<Record<string, string>>;
  /** The test CA certificate (PEM file). */
  readonly caCertPath: string;
  readonly proxy: HttpsProxy;
  /** Controls of the Dropbox fake; undefined when disabled. */
  readonly dropbox: DropboxFake | undefined;
  /** Controls of the OpenDrive fake; undefined when disabled. */
  readonly opendrive: OpenDriveFake | undefined;
  /**
   * Ready-made rclone remote settings: `dropbox` (type and a fresh token JSON whose recorded
   * expiry is `dropboxTokenExpiresIn` seconds away, default the token lifetime) and `opendrive`
   * (type, username, password obscured with `rclone obscure`).
   */
  remotes(options?: { readonly dropboxTokenExpiresIn?: number }): Promise<RcloneRemotes>;
  /** Writes an rclone config file (mode 0600) with these remotes, by default {@link remotes}. */
  writeConfig(file: string, remotes?: RcloneRemotes): Promise<void>;
  /** Stops the proxy (every tunnel and connection with it). */
  close(): Promise<void>;
}

/**
 * Starts the HTTPS proxy with the test CA and the Dropbox and OpenDrive fakes behind it, all on
 * 127.0.0.1. Give rclone `env` and a config from `writeConfig`, and the real dropbox and
 * opendrive backends talk to the fakes as they would to the providers.
 *
 * @example
 * const clouds = await startCloudFakes();
 * await clouds.writeConfig(configPath);
 * await runRclone(['--config', configPath, 'lsjson', 'dropbox:'], { env: clouds.env });
 * clouds.dropbox?.expireAccessTokens();
 * await clouds.close();
 */
export async function startCloudFakes(options: CloudFakesOptions = {}): Promise<CloudFakes> {
  const ca = await testCa();
  const proxy = await startHttpsProxy(ca);
  try {
    const dropbox = options.dropbox === false ? undefined : createDropboxFake(options.dropbox);
    const opendrive = options.opendrive === false ? undefined : createOpenDriveFake(options.opendrive);
    for (const fake of [dropbox, opendrive]) {
      if (!fake) continue;
      for (const host of fake.hosts) await proxy.register(host, fake.handler);
    }
    const remotes = async (remoteOptions: { readonly dropboxTokenExpiresIn?: number } = {}): Promise<RcloneRemotes> => {
      const out: Record<string, Record<string, string>> = {};
      if (dropbox) out.dropbox = { type: 'dropbox', token: dropbox.issueToken(remoteOptions.dropboxTokenExpiresIn).json };
      if (opendrive) {
        out.opendrive = { type: 'opendrive', username: opendrive.username, password: await rcloneObscure(opendrive.password) };
      }
      return out;
    };
    return {
      env: { HTTPS_PROXY: proxy.url, HTTP_PROXY: proxy.url, NO_PROXY: '', RCLONE_CA_CERT: ca.certPath },
      caCertPath: ca.certPath,
      proxy,
      dropbox,
      opendrive,
      remotes,
      writeConfig: async (file, given) => writeRcloneConfig(file, given ?? (await remotes())),
      close: () => proxy.close(),
    };
  } catch (error) {
    await proxy.close();
    throw error;
  }
}
