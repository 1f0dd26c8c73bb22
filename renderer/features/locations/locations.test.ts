import { describe, expect, it } from 'vitest';
import type { AccountSummary, EntrySummary } from '../../../shared/types/accounts';
import { cloudLocation, parseLocation } from './locations';

const accounts: AccountSummary[] = [{ name: 'od', provider: 'opendrive', status: 'connected', user: null, checkedAt: null }];
const entries: EntrySummary[] = [{ name: 'photos', location: 'rclone://Photos', place: '@od:Photos', kind: 'opendrive', options: { rclone_remote: 'od' } }];

describe('locations', () => {
  it('writes a cloud folder as @account:folder, and the top level as @account', () => {
    expect(cloudLocation('dropbox', '/Backups/kloset/')).toBe('@dropbox:Backups/kloset');
    expect(cloudLocation('dropbox', '')).toBe('@dropbox');
  });

  it('reads locations back as local paths, account folders or saved entries', () => {
    expect(parseLocation('/home/ann', accounts, entries)).toEqual({ kind: 'local', name: '', path: '/home/ann' });
    expect(parseLocation('@od:Work/2024', accounts, entries)).toEqual({ kind: 'opendrive', name: 'od', path: 'Work/2024' });
    expect(parseLocation('@photos', accounts, entries)).toEqual({ kind: 'saved', name: 'photos', path: '' });
  });
});
