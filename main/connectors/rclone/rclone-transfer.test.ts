import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Exporter, Importer, OverwritePolicy, RestoreEntry, SourceEntry } from '../../kloset/index';
import { openTestExporter, openTestImporter } from './test-support';

/*
 * Sources and destinations on an rclone remote (rclone's local backend), through the plugin:
 * what a backup sees of a remote folder, and how a restore writes into one.
 */

const opened: (Importer | Exporter)[] = [];
const folders: string[] = [];

afterEach(async () => {
  await Promise.all(opened.splice(0).map((item) => item.close()));
  folders.splice(0).forEach((folder) => fs.rmSync(folder, { recursive: true, force: true }));
});

function folder(): string {
  const made = fs.mkdtempSync(path.join(os.tmpdir(), 'kloset-rclone-transfer-'));
  folders.push(made);
  return made;
}

async function* bytes(content: Buffer): AsyncGenerator<Uint8Array> {
  yield content;
}

const fileEntry = (pathname: string, size: number, mtimeNs: bigint): RestoreEntry => ({ pathname, kind: 'file', size, mode: 0o644, mtimeNs, uid: 0, gid: 0 });

describe('an rclone source', () => {
  it('lists each folder before its contents, with sizes and times, and applies the exclusions', async () => {
    const root = folder();
    fs.mkdirSync(path.join(root, 'b', 'deep'), { recursive: true });
    fs.mkdirSync(path.join(root, 'cache', 'x'), { recursive: true });
    fs.writeFileSync(path.join(root, 'b', 'deep', 'big.bin'), 'big');
    fs.writeFileSync(path.join(root, 'a.txt'), 'first');
    fs.writeFileSync(path.join(root, 'b', 'skip.tmp'), 'excluded');
    fs.writeFileSync(path.join(root, 'cache', 'x', 'c.txt'), 'excluded');
    fs.utimesSync(path.join(root, 'a.txt'), 1_700_000_000.5, 1_700_000_000.5);
    const importer = await openTestImporter({ location: `rclone://${root}`, rclone_type: 'local' }, {}, { excludes: ['*.tmp', 'cache/'] });
    opened.push(importer);
    const entries: SourceEntry[] = [];
    for await (const entry of importer.scan()) {
      entries.push(entry);
      importer.release?.(entry.pathname);
    }
    expect(entries.map((entry) => `${entry.kind} ${entry.pathname}`)).toEqual(['directory /', 'file /a.txt', 'directory /b', 'directory /b/deep', 'file /b/deep/big.bin']);
    expect(entries.find((entry) => entry.pathname === '/a.txt')).toMatchObject({ size: 5, mode: 0o644, mtimeNs: 1_700_000_000_500_000_000n });
    expect(importer.root).toBe(root);
  });

  it('streams a file that the engine opens before acknowledging it', async () => {
    const root = folder();
    const big = crypto.randomBytes(3 * 1024 * 1024 + 3);
    fs.writeFileSync(path.join(root, 'big.bin'), big);
    const importer = await openTestImporter({ location: `rclone://${root}`, rclone_type: 'local' });
    opened.push(importer);
    const seen: string[] = [];
    for await (const entry of importer.scan()) {
      seen.push(entry.pathname);
      if (entry.kind !== 'file') continue;
      const chunks: Buffer[] = [];
      for await (const chunk of importer.open(entry.pathname)) chunks.push(Buffer.from(chunk));
      expect(Buffer.concat(chunks).equals(big)).toBe(true);
      importer.release?.(entry.pathname);
    }
    expect(seen).toEqual(['/', '/big.bin']);
  });
});

describe('an rclone destination', () => {
  async function exporterAt(root: string, overwrite: OverwritePolicy): Promise<Exporter> {
    const exporter = await openTestExporter({ location: `rclone://${root}`, rclone_type: 'local' }, { overwrite });
    opened.push(exporter);
    return exporter;
  }

  it('writes files with their modification time, and keeps or replaces existing ones by the overwrite policy', async () => {
    const root = folder();
    fs.writeFileSync(path.join(root, 'kept.txt'), 'already there');
    fs.utimesSync(path.join(root, 'kept.txt'), 1_800_000_000, 1_800_000_000);
    const never = await exporterAt(root, 'never');
    await never.createDirectory({ ...fileEntry('docs', 0, 0n), kind: 'directory', mode: 0o755 });
    expect(await never.writeFile(fileEntry('docs/new.txt', 3, 1_600_000_000_000_000_000n), bytes(Buffer.from('new')))).toBe('written');
    expect(await never.writeFile(fileEntry('kept.txt', 8, 1_900_000_000_000_000_000n), bytes(Buffer.from('restored')))).toBe('skipped');
    expect(fs.readFileSync(path.join(root, 'kept.txt'), 'utf8')).toBe('already there');
    expect(fs.statSync(path.join(root, 'docs', 'new.txt')).mtimeMs).toBe(1_600_000_000_000);

    const ifNewer = await exporterAt(root, 'if-newer');
    expect(await ifNewer.writeFile(fileEntry('kept.txt', 8, 1_700_000_000_000_000_000n), bytes(Buffer.from('restored')))).toBe('skipped');
    expect(await ifNewer.writeFile(fileEntry('kept.txt', 8, 1_900_000_000_000_000_000n), bytes(Buffer.from('restored')))).toBe('written');
    expect(fs.readFileSync(path.join(root, 'kept.txt'), 'utf8')).toBe('restored');
    expect(fs.readdirSync(root).filter((name) => name.endsWith('.partial'))).toEqual([]);
  });

  it('refuses symbolic links and files whose content is short, writing nothing for them', async () => {
    const root = folder();
    const exporter = await exporterAt(root, 'always');
    const link = exporter.createSymlink({ ...fileEntry('link', 0, 0n), kind: 'symlink', target: 'a.txt' });
    await expect(link).rejects.toThrow(/cannot hold symbolic links/);
    await expect(exporter.writeFile(fileEntry('short.bin', 10, 0n), bytes(Buffer.from('abc')))).rejects.toThrow(/arrived with 3 bytes instead of 10/);
    expect(fs.readdirSync(root)).toEqual([]);
  });
});
