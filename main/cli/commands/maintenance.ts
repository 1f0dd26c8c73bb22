import crypto from 'node:crypto';
import os from 'node:os';
import path from 'node:path';
import { formatBytes } from '../../../shared/format';
import { defaultGraceMs, maintain } from '../../kloset';
import type { Command } from '../command';
import { UsageError } from '../io';
import { openRepository } from '../store-access';

export const maintenanceCommand: Command = {
  name: 'maintenance',
  summary: 'free the space of deleted snapshots after the grace period',
  usage: '[--grace-days N]',
  options: { 'grace-days': { type: 'string' } },
  help: ['--grace-days N   how long deleted snapshots stay recoverable (default 7)', 'Takes an exclusive lock: backups wait until it is done.'],
  async run(context) {
    const grace = context.values['grace-days'] === undefined ? defaultGraceMs : Number(context.values['grace-days']) * 24 * 3600 * 1000;
    if (!Number.isFinite(grace) || grace < 0) throw new UsageError('--grace-days takes a number of days.');
    const repository = await openRepository(context);
    const result = await maintain(repository, { graceMs: grace, spoolDir: path.join(os.tmpdir(), `kloset-maintenance-${crypto.randomBytes(6).toString('hex')}`), signal: context.signal, lockWaitMs: 60_000 });
    context.out.line(
      `Freed ${formatBytes(result.bytesFreed)}: ${result.snapshotsPurged} deleted snapshot(s) purged, ${result.packfilesRemoved} packfile(s) removed, ${result.packfilesRepacked} repacked, ${result.orphansRemoved} unclaimed removed (${result.orphansCondemned} waiting for their grace period).`,
    );
    context.out.json(result);
    return 0;
  },
};
