import { ApiError } from '../../shared/api-errors';
import type { MethodName } from '../../shared/api';
import type { Handlers } from './dispatch';

/**
 * Methods of the contract whose handlers are being built in this same change set. Each answers
 * UNAVAILABLE until its domain lands; the list must be empty (and this file gone) before release.
 */
const pending = [
  'accounts.list',
  'accounts.connectDropbox',
  'accounts.connectOpenDrive',
  'accounts.test',
  'accounts.remove',
  'remotes.browse',
  'sources.list',
  'sources.add',
  'sources.remove',
  'destinations.list',
  'destinations.add',
  'destinations.remove',
] as const satisfies readonly MethodName[];

type PendingMethod = (typeof pending)[number];

export function createPendingHandlers(): Pick<Handlers, PendingMethod> {
  const unavailable = (): never => {
    throw new ApiError('UNAVAILABLE', 'This part of Kloset Desktop is not ready in this build yet.');
  };
  return Object.fromEntries(pending.map((name) => [name, unavailable])) as unknown as Pick<Handlers, PendingMethod>;
}
