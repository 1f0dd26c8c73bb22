import fs from 'node:fs';
import path from 'node:path';
import { KlosetError } from '../../kloset/index';

/** The oldest rclone whose rc API and backends this connector was built and tested against. */
const minimumRcloneVersion = { major: 1, minor: 60 } as const;

export interface FindRcloneOptions {
  /** A path chosen by the user (Settings, or an option): used as is, never searched. */
  readonly configuredPath?: string;
  /** `KLOSET_RCLONE` and `PATH` are read from here. */
  readonly env?: NodeJS.ProcessEnv;
  readonly platform?: NodeJS.Platform;
  readonly arch?: string;
  /** Folders to search after PATH: the app's bundled copies (see `bundledRcloneFolders`). */
  readonly bundledFolders?: readonly string[];
}

const executableName = (platform: NodeJS.Platform): string => (platform === 'win32' ? 'rclone.exe' : 'rclone');

/** electron-builder's names for the folders under resources/rclone: linux, mac or win; x64 or arm64. */
function resourceFolderName(platform: NodeJS.Platform, arch: string): string {
  const os = platform === 'darwin' ? 'mac' : platform === 'win32' ? 'win' : platform;
  return `${os}-${arch}`;
}

/**
 * Where a packaged or development build keeps its own rclone: `<resources>/rclone/` in a packaged
 * app (electron-builder copies `resources/rclone/<os>-<arch>/` there), and
 * `resources/rclone/<os>-<arch>/` of the source tree, found from this module or from the bundle in
 * dist/main/.
 */
function bundledRcloneFolders(platform: NodeJS.Platform = process.platform, arch: string = process.arch): string[] {
  const folders: string[] = [];
  const resourcesPath = (process as NodeJS.Process & { resourcesPath?: string }).resourcesPath;
  if (resourcesPath) folders.push(path.join(resourcesPath, 'rclone'));
  const name = resourceFolderName(platform, arch);
  for (const up of ['../..', '../../..']) folders.push(path.resolve(import.meta.dirname, up, 'resources', 'rclone', name));
  return folders;
}

/** The command that installs rclone on this platform, for error messages. */
export function rcloneInstallAdvice(platform: NodeJS.Platform = process.platform): string {
  switch (platform) {
    case 'darwin':
      return 'Install it with "brew install rclone"';
    case 'win32':
      return 'Install it with "winget install Rclone.Rclone"';
    default:
      return 'Install it with "sudo apt-get install rclone" (Debian, Ubuntu) or "sudo dnf install rclone" (Fedora)';
  }
}

function isExecutableFile(file: string): boolean {
  try {
    if (!fs.statSync(file).isFile()) return false;
    fs.accessSync(file, fs.constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/**
 * The rclone program to run: the configured path, else `KLOSET_RCLONE`, else the first `rclone` on
 * PATH, else a bundled copy. UNAVAILABLE with the install command when there is none.
 */
export function findRclone(options: FindRcloneOptions = {}): string {
  const env = options.env ?? process.env;
  const platform = options.platform ?? process.platform;
  const explicit = options.configuredPath ?? env.KLOSET_RCLONE;
  if (explicit) {
    if (isExecutableFile(explicit)) return explicit;
    throw new KlosetError('UNAVAILABLE', `rclone was not found at ${explicit}, the path given for it. Correct the path, or clear it to use the rclone on PATH. ${rcloneInstallAdvice(platform)}.`);
  }
  const name = executableName(platform);
  const searchPath = (env.PATH ?? env.Path ?? '').split(path.delimiter).filter((folder) => folder.length > 0);
  const bundled = options.bundledFolders ?? bundledRcloneFolders(platform, options.arch ?? process.arch);
  const found = [...searchPath, ...bundled].map((folder) => path.join(folder, name)).find(isExecutableFile);
  if (found) return found;
  throw new KlosetError('UNAVAILABLE', `rclone is needed for Dropbox and OpenDrive but was not found. ${rcloneInstallAdvice(platform)}, or set KLOSET_RCLONE to its path; rclone ${minimumRcloneVersion.major}.${minimumRcloneVersion.minor} or later.`);
}

/** Refuses an rclone older than the minimum, naming the version found (`decomposed` as core/version gives it). */
export function checkRcloneVersion(version: string, decomposed: readonly number[], platform: NodeJS.Platform = process.platform): void {
  const [major = 0, minor = 0] = decomposed;
  const isOld = major < minimumRcloneVersion.major || (major === minimumRcloneVersion.major && minor < minimumRcloneVersion.minor);
  if (!isOld) return;
  const wanted = `${minimumRcloneVersion.major}.${minimumRcloneVersion.minor}`;
  throw new KlosetError('UNAVAILABLE', `rclone ${version} is too old: Kloset Desktop needs rclone ${wanted} or later. ${rcloneInstallAdvice(platform)}, or set KLOSET_RCLONE to a newer one.`);
}
