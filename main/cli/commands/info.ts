import { formatBytes } from '../../../shared/format';
import { SnapshotReader, findSnapshot, listSnapshots, macToHex } from '../../kloset';
import type { Command } from '../command';
import { UsageError } from '../io';
import { openRepository } from '../store-access';

export const infoCommand: Command = {
  name: 'info',
  summary: 'show the store, or one snapshot',
  usage: '[snapshot]',
  options: {},
  help: [],
  async run(context) {
    const [ref, ...extra] = context.positionals;
    if (extra.length) throw new UsageError('Give at most one snapshot.');
    const repository = await openRepository(context);
    if (ref) {
      const reader = await SnapshotReader.open(repository, findSnapshot(repository, ref, { includeDeleted: true }).id);
      const h = reader.header;
      context.out.line(`Snapshot ${reader.idHex}`);
      context.out.line(`  time      ${h.time.toISOString()}\n  source    ${h.source.type} ${h.source.origin}:${h.source.root}\n  user      ${h.user}`);
      context.out.line(`  content   ${h.summary.files} files, ${h.summary.directories} folders, ${formatBytes(h.summary.bytes)}`);
      context.out.line(`  added     ${formatBytes(h.stats.newBytes)} new data, ${formatBytes(h.stats.storedBytes)} stored`);
      context.out.line(`  tags      ${h.tags.join(', ') || '-'}\n  parent    ${h.parent ? macToHex(h.parent) : '-'}\n  errors    ${h.errors.count}`);
      context.out.json({ id: reader.idHex, ...h, parent: h.parent ? macToHex(h.parent) : null, root: macToHex(h.root), errors: await reader.errors() });
      return 0;
    }
    const config = repository.configuration;
    const packfiles = repository.cache.packfiles();
    const stored = packfiles.reduce((sum, pack) => sum + pack.size, 0);
    const snapshots = listSnapshots(repository);
    const info = {
      location: repository.store.location,
      storeId: repository.storeId,
      createdAt: config.createdAt.toISOString(),
      encrypted: repository.isEncrypted,
      chunking: config.chunking,
      compression: config.compression,
      packfileTargetSize: config.packfileTargetSize,
      snapshots: snapshots.length,
      packfiles: packfiles.length,
      storedBytes: stored,
    };
    context.out.line(`Store ${info.location}\n  id         ${info.storeId}\n  created    ${info.createdAt}\n  encryption ${info.encrypted ? 'ChaCha20-Poly1305, Argon2id passphrase' : 'none (plaintext store)'}`);
    context.out.line(`  chunks     ${formatBytes(config.chunking.minSize)} / ${formatBytes(config.chunking.normalSize)} / ${formatBytes(config.chunking.maxSize)} (FastCDC)\n  compression ${config.compression.algorithm} level ${config.compression.level}`);
    context.out.line(`  snapshots  ${info.snapshots}\n  packfiles  ${info.packfiles}, ${formatBytes(stored)}`);
    context.out.json(info);
    return 0;
  },
};
