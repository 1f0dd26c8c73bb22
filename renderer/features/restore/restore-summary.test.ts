import { describe, expect, it } from 'vitest';
import type { RestoreDraft } from '../../stores/restore-store';
import { isDestinationComplete, summarizeRestore } from './restore-summary';

const draft: RestoreDraft = {
  storeId: 'a'.repeat(32),
  snapshotId: 'b1',
  snapshotTime: '2025-05-14T10:00:00.000Z',
  sourceRoot: '/home/ann/Documents',
  items: [
    { name: 'report.pdf', path: '/report.pdf', kind: 'file', size: 1024 * 1024, fileCount: null },
    { name: 'Photos', path: '/Photos', kind: 'directory', size: 3 * 1024 * 1024, fileCount: 120 },
  ],
};

describe('the restore summary', () => {
  it('says what is restored, how much, and from which snapshot', () => {
    const summary = summarizeRestore(draft, { kind: 'original' }, 'never', true);
    expect(summary.what).toBe('2 items, 4.0 MiB in all, including 120 files in folders');
    expect(summary.from).toMatch(/^From the snapshot of \/home\/ann\/Documents, /);
    expect(summary.where).toBe('Back to the original place');
    expect(summary.policy).toBe('Existing files: keep the existing file.');
  });

  it('says whether the folders above each item are re-created in the chosen folder', () => {
    expect(summarizeRestore(draft, { kind: 'folder', path: '/tmp/out' }, 'if-newer', false).where).toBe('Straight into /tmp/out');
    expect(summarizeRestore(draft, { kind: 'location', location: '@dropbox:Restored' }, 'always', true).where).toBe('Into @dropbox:Restored, with the full folder path of each item');
  });

  it('waits for a folder or a location to be filled in', () => {
    expect(isDestinationComplete({ kind: 'folder', path: ' ' })).toBe(false);
    expect(isDestinationComplete({ kind: 'location', location: '@od:x' })).toBe(true);
    expect(isDestinationComplete({ kind: 'original' })).toBe(true);
  });
});
