import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { KlosetError } from '../errors';
import { headerLength } from '../format/header';
import { PackfileWriter } from '../format/packfile-writer';
import { ptarHeader, encodePtarTrailer } from '../format/ptar-format';
import { emptyDelta, encodeState } from '../format/state-format';
import { Repository } from '../repository/repository';
import type { NewStoreOptions } from '../repository/store-keys';
import { FsStore } from '../store/fs-store';

export interface PtarExportOptions {
  /** The archive to write; an existing file is never replaced. */
  readonly output: string;
  /** The archive's own passphrase; null for a plaintext archive (an explicit choice). */
  readonly passphrase: string | null;
  /** Fills the archive's store: a backup of paths, or a copy of snapshots of another store. */
  readonly fill: (archive: Repository) => Promise<void>;
  readonly workDir?: string;
  readonly kdfCost?: NewStoreOptions['kdfCost'];
}

const oneBigPackfile = 4 * 1024 * 1024 * 1024;

/**
 * Writes a .ptar: one self-contained file holding a store of its own (its key and passphrase):
 * header, CONFIG, one packfile with every object, one state, and a trailer of offsets with a
 * checksum (FORMAT.md, section 10). It is filled in a staging store, whose packfiles are then
 * merged into one, copying sealed objects as they are; the file appears under its name only
 * once complete.
 */
export async function exportPtar(options: PtarExportOptions): Promise<{ bytes: number; snapshots: number }> {
  const output = path.resolve(options.output);
  if (fs.existsSync(output)) throw new KlosetError('ALREADY_EXISTS', `${output} exists already: choose another name, or delete it first.`);
  const work = fs.mkdtempSync(path.join(options.workDir ?? os.tmpdir(), 'kloset-ptar-'));
  try {
    const archive = await Repository.create(new FsStore(path.join(work, 'store')), {
      passphrase: options.passphrase,
      packfileTargetSize: oneBigPackfile,
      ...(options.kdfCost ? { kdfCost: options.kdfCost } : {}),
    });
    await options.fill(archive);
    await archive.refresh();
    const merged = await mergePackfiles(archive, path.join(work, 'merged'));
    const delta = { ...emptyDelta(), packfiles: [merged.pack], snapshots: archive.cache.snapshots().map(({ id, time, sourceKey, name, tags, uuid }) => ({ id, time, sourceKey, name, tags, uuid })) };
    const { bytes: state, payload } = encodeState(delta, archive.sealer);
    const stateMac = archive.macer.incremental();
    stateMac.update(state.subarray(0, headerLength));
    stateMac.update(payload);
    const config = await archive.store.open();
    const header = ptarHeader();
    const layout = {
      config: { offset: header.length, length: config.length },
      packfile: { offset: header.length + config.length, length: merged.pack.size, mac: merged.pack.mac },
      state: { offset: header.length + config.length + merged.pack.size, length: state.length, mac: stateMac.digest() },
    };
    const temp = path.join(path.dirname(output), `.${path.basename(output)}.${crypto.randomBytes(6).toString('hex')}.partial`);
    try {
      await writeArchive(temp, [header, config], merged.path, [state, encodePtarTrailer(layout)]);
      await fs.promises.link(temp, output).catch((error: NodeJS.ErrnoException) => {
        if (error.code === 'EEXIST') throw new KlosetError('ALREADY_EXISTS', `${output} appeared while the archive was written; it was left as it is.`);
        return fs.promises.rename(temp, output);
      });
    } finally {
      await fs.promises.rm(temp, { force: true });
    }
    return { bytes: (await fs.promises.stat(output)).size, snapshots: delta.snapshots.length };
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
}

async function mergePackfiles(archive: Repository, spoolDir: string) {
  const writer = PackfileWriter.create({ kind: 'metadata', spoolDir, sealer: archive.sealer, macer: archive.macer });
  for (const pack of archive.cache.packfiles()) {
    for (const object of archive.cache.objectsIn(pack.mac)) {
      const sealed = await archive.store.get('packfile', pack.mac, { offset: object.offset, length: object.length });
      writer.addSealed(object.type, object.mac, sealed, object.rawLength);
    }
  }
  const finished = writer.finish();
  return { path: finished.path, pack: { mac: finished.mac, kind: finished.kind, size: finished.size, entries: finished.entries } };
}

async function writeArchive(file: string, before: readonly Buffer[], packfile: string, after: readonly Buffer[]): Promise<void> {
  const handle = await fs.promises.open(file, 'wx', 0o600);
  try {
    for (const part of before) await handle.write(part);
    for await (const chunk of fs.createReadStream(packfile, { highWaterMark: 1 << 20 })) await handle.write(chunk as Buffer);
    for (const part of after) await handle.write(part);
    await handle.sync();
  } finally {
    await handle.close();
  }
}
