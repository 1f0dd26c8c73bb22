import { createHash } from 'node:crypto';

const BLOCK = 4 * 1024 * 1024;

/**
 * Dropbox's `content_hash`: the SHA-256 of the concatenated SHA-256 digests of each 4 MiB block
 * (the last one shorter), as hex. rclone verifies uploads and `check`s against it.
 */
export function dropboxContentHash(data: Buffer): string {
  const outer = createHash('sha256');
  for (let offset = 0; offset < data.length; offset += BLOCK) {
    outer.update(createHash('sha256').update(data.subarray(offset, offset + BLOCK)).digest());
  }
  return outer.digest('hex');
}
