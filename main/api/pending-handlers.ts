import { ApiError } from '../../shared/api-errors';
import type { MethodName } from '../../shared/api';
import type { Handlers } from './dispatch';

/**
 * Methods of the contract whose handlers are being built in this same change set. Each answers
 * UNAVAILABLE until its domain lands; the list must be empty (and this file gone) before release.
 */
const pending = [
  'app.exportSettings',
  'app.importSettings',
  'stores.list',
  'stores.create',
  'stores.open',
  'stores.lock',
  'stores.remove',
  'stores.info',
  'stores.changePassphrase',
  'stores.check',
  'stores.rebuildCatalog',
  'snapshots.list',
  'snapshots.browse',
  'snapshots.search',
  'snapshots.versions',
  'snapshots.diff',
  'snapshots.preview',
  'snapshots.delete',
  'snapshots.undelete',
  'snapshots.setLegalHold',
  'backups.start',
  'restores.start',
  'restores.materialize',
  'downloads.create',
  'jobs.list',
  'jobs.get',
  'jobs.cancel',
  'accounts.list',
  'accounts.connectDropbox',
  'accounts.connectOpenDrive',
  'accounts.test',
  'accounts.remove',
  'remotes.browse',
  'localFiles.list',
  'sources.list',
  'sources.add',
  'sources.remove',
  'destinations.list',
  'destinations.add',
  'destinations.remove',
  'plans.list',
  'plans.create',
  'plans.update',
  'plans.delete',
  'plans.runNow',
  'plans.pause',
  'plans.resume',
  'plans.pauseAll',
  'plans.resumeAll',
  'stores.forget',
  'stores.maintenance',
  'stores.sync',
  'exports.ptar',
] as const satisfies readonly MethodName[];

type PendingMethod = (typeof pending)[number];

export function createPendingHandlers(): Pick<Handlers, PendingMethod> {
  const unavailable = (): never => {
    throw new ApiError('UNAVAILABLE', 'This part of Kloset Desktop is not ready in this build yet.');
  };
  return Object.fromEntries(pending.map((name) => [name, unavailable])) as unknown as Pick<Handlers, PendingMethod>;
}
