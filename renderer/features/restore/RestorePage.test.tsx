import { act, cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { useRoute } from '../../app/routes';
import { fakeError } from '../../lib/fake-transport';
import { aRestoreDraft, storeId } from '../../testing/fixtures';
import { renderWithServices } from '../../testing/render-app';
import { RestorePage } from './RestorePage';

const draft = aRestoreDraft();

function renderRestore(handlers: Record<string, (params: unknown) => unknown> = {}) {
  const rendered = renderWithServices(<RestorePage />, { 'restores.start': () => ({ jobId: 'job9' }), 'localFiles.list': () => [], ...handlers });
  act(() => rendered.services.restore.getState().prepare(draft));
  return rendered;
}

afterEach(() => {
  cleanup();
  useRoute.getState().go('snapshots');
});

describe('the Restore page', () => {
  it('says how to choose something when nothing is chosen', () => {
    renderWithServices(<RestorePage />);
    expect(screen.getByText(/Nothing to restore yet/)).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Go to Snapshots' }).getAttribute('href')).toBe('#/snapshots');
  });

  it('shows a summary before it starts, then starts the job and goes to Activity', async () => {
    const rendered = renderRestore();
    fireEvent.click(screen.getByLabelText('Into a folder on this computer'));
    expect(screen.getByRole('button', { name: 'Review…' })).toHaveProperty('disabled', true);
    fireEvent.change(screen.getByLabelText('Folder'), { target: { value: '/home/ann/Restored' } });
    fireEvent.click(screen.getByLabelText('Replace it if the one from the snapshot is newer'));
    fireEvent.click(screen.getByRole('button', { name: 'Review…' }));

    const summary = screen.getByTestId('restore-summary');
    expect(within(summary).getByText('2 items, 3.0 MiB in all, including 40 files in folders')).toBeTruthy();
    expect(within(summary).getByText(/^\/home\/ann\/Documents, /)).toBeTruthy();
    expect(within(summary).getByText('Straight into /home/ann/Restored')).toBeTruthy();
    expect(within(summary).getByText('Replace it if the one from the snapshot is newer')).toBeTruthy();
    expect(document.activeElement?.textContent).toBe('Ready to restore');
    expect(rendered.callsTo('restores.start')).toEqual([]);

    fireEvent.click(screen.getByRole('button', { name: 'Start the restore' }));
    await waitFor(() => expect(useRoute.getState().page).toBe('activity'));
    expect(rendered.callsTo('restores.start')).toEqual([
      { storeId, snapshotId: 'aa11', paths: ['/report.pdf', '/Photos'], destination: { kind: 'folder', path: '/home/ann/Restored' }, overwrite: 'if-newer', keepFullPaths: false },
    ]);
    expect(rendered.services.restore.getState().draft).toBeNull();
  });

  it('restores to the original place with each item under its own folders', async () => {
    const rendered = renderRestore();
    fireEvent.click(screen.getByRole('button', { name: 'Review…' }));
    expect(screen.getByText('Back to the original place')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Start the restore' }));
    await waitFor(() => expect(rendered.callsTo('restores.start')).toHaveLength(1));
    expect(rendered.callsTo('restores.start')[0]).toMatchObject({ destination: { kind: 'original' }, overwrite: 'never', keepFullPaths: true });
  });

  it('keeps the summary and shows why when the restore cannot start', async () => {
    renderRestore({
      'restores.start': () => {
        throw fakeError('AUTH_EXPIRED', 'The Dropbox account “dropbox” must be signed in again.');
      },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Review…' }));
    fireEvent.click(screen.getByRole('button', { name: 'Start the restore' }));
    expect((await screen.findByRole('alert')).textContent).toContain('must be signed in again');
    expect(screen.getByTestId('restore-summary')).toBeTruthy();
    expect(useRoute.getState().page).not.toBe('activity');
  });
});
