import fs from 'node:fs';
import path from 'node:path';
import { ApiError } from '../../shared/api-errors';
import type { RemoteFolder } from '../../shared/types/accounts';

/** One folder of this machine, for the path field with completion in the browser build. */
export async function listLocalFolder(folder: string, directoriesOnly: boolean): Promise<RemoteFolder[]> {
  if (!path.isAbsolute(folder)) throw new ApiError('BAD_REQUEST', `Give a full path, such as ${process.platform === 'win32' ? 'C:\\Users' : '/home'}.`);
  let entries: fs.Dirent[];
  try {
    entries = await fs.promises.readdir(folder, { withFileTypes: true });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') throw new ApiError('NOT_FOUND', `There is no folder ${folder}.`);
    if (code === 'EACCES' || code === 'EPERM') throw new ApiError('FORBIDDEN', `${folder} cannot be read: permission denied.`);
    throw error;
  }
  const rows = await Promise.all(
    entries
      .filter((entry) => !directoriesOnly || entry.isDirectory())
      .map(async (entry): Promise<RemoteFolder> => {
        const full = path.join(folder, entry.name);
        const stats = await fs.promises.stat(full).catch(() => null);
        return { name: entry.name, path: full, isDirectory: entry.isDirectory(), size: stats?.isFile() ? stats.size : 0, mtime: stats ? stats.mtime.toISOString() : null };
      }),
  );
  return rows.sort((a, b) => Number(b.isDirectory) - Number(a.isDirectory) || a.name.localeCompare(b.name));
}
