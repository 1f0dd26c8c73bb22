import { describe, expect, it } from 'vitest';
import { aRestoreDraft } from '../../testing/fixtures';
import { isDestinationComplete, summarizeRestore } from './restore-summary';

const draft = aRestoreDraft();

describe('the restore summary', () => {
  it('says what is restored, how much, and from which snapshot', () => {
    const summary = summarizeRestore(draft, { kind: 'original' }, 'never', true);
    expect(summary.what).toBe('2 items, 3.0 MiB in all, including 40 files in folders');
    expect(summary.from).toMatch(/^\/home\/ann\/Documents, .*2025/);
    expect(summary.where).toBe('Back to the original place');
    expect(summary.policy).toBe('Keep the existing file');
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
