import { z } from 'zod';
import { KlosetError } from '../../kloset/index';
import { findRclone, runRcloneCommand } from '../rclone/index';

export interface RcloneImportOptions {
  /** The rclone config file to read; rclone's own default when absent. */
  readonly configFile?: string;
  readonly env?: NodeJS.ProcessEnv;
}

const dumpSchema = z.record(z.string(), z.record(z.string(), z.unknown()));

function parseDump(text: string): unknown {
  try {
    return JSON.parse(text || '{}') as unknown;
  } catch {
    return null;
  }
}

/**
 * The options of an entry for the remote `remote` of an rclone config: every key `k` of its
 * section becomes `rclone_k` (the values as rclone keeps them: passwords stay obscured), and the
 * location is the remote's root, `rclone://`. rclone itself reads the file (`config dump`), so
 * encrypted configs (with RCLONE_CONFIG_PASS in the environment) and every quirk of the format
 * are handled.
 */
export async function importRcloneRemote(remote: string, options: RcloneImportOptions = {}): Promise<{ location: string; options: Record<string, string> }> {
  const binary = findRclone({ env: options.env ?? process.env });
  const args = ['config', 'dump', ...(options.configFile ? ['--config', options.configFile] : []), '--ask-password=false'];
  const run = await runRcloneCommand(binary, args);
  if (run.code !== 0) throw new KlosetError('IO', `rclone could not read its config${options.configFile ? ` ${options.configFile}` : ''}: ${run.stderr.trim().split('\n').pop() ?? ''}`);
  const parsed = dumpSchema.safeParse(parseDump(run.stdout));
  const section = parsed.success ? parsed.data[remote] : undefined;
  if (!section) {
    const known = parsed.success ? Object.keys(parsed.data).join(', ') : '';
    throw new KlosetError('NOT_FOUND', `The rclone config has no remote named "${remote}"${known ? ` (it has ${known})` : ''}.`);
  }
  const imported: Record<string, string> = {};
  for (const [key, value] of Object.entries(section)) imported[`rclone_${key}`] = typeof value === 'string' ? value : JSON.stringify(value);
  return { location: 'rclone://', options: imported };
}
