import { act, cleanup, fireEvent, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { DesktopShell } from '../../lib/desktop-shell';
import { aJob, aSnapshot } from '../../testing/fixtures';
import { renderWithServices } from '../../testing/render-app';
import { DragOutDialog } from './DragOutDialog';

const snapshot = aSnapshot();
const paths = ['/report.pdf', '/Photos'];
const materialized = { folder: '/tmp/kloset-drag-1', paths: ['/tmp/kloset-drag-1/report.pdf', '/tmp/kloset-drag-1/Photos'] };

function renderDragOut() {
  const rendered = renderWithServices(<DragOutDialog snapshot={snapshot} paths={paths} onClose={() => undefined} />, {
    'restores.materialize': () => ({ jobId: 'm1' }),
    'jobs.get': () => ({ ...aJob({ id: 'm1', kind: 'restore', status: 'succeeded' }), warnings: [], log: [], result: materialized }),
  });
  return rendered;
}

afterEach(() => {
  cleanup();
  delete window.klosetShell;
});

describe('drag-out in Electron', () => {
  it('materializes the selection with its progress, then drags the real files through the shell', async () => {
    const startDrag = vi.fn<DesktopShell['startDrag']>();
    window.klosetShell = { startDrag, pickFolder: async () => null };
    const rendered = renderDragOut();
    expect(await screen.findByText('Getting the files ready to drag…')).toBeTruthy();
    await act(async () => undefined);
    expect(rendered.callsTo('restores.materialize')).toEqual([{ storeId: snapshot.storeId, snapshotId: snapshot.id, paths }]);
    act(() => rendered.transport.emit('jobs.progress', aJob({ id: 'm1', kind: 'restore', progress: { ...aJob().progress, bytesDone: 10, bytesTotal: 40 } })));
    expect(screen.getByRole('progressbar').getAttribute('value')).toBe('10');

    act(() => rendered.transport.emit('jobs.finished', aJob({ id: 'm1', kind: 'restore', status: 'succeeded' })));
    const chip = await screen.findByLabelText('Drag report.pdf');
    const event = fireEvent.dragStart(chip);
    expect(event).toBe(false);
    expect(startDrag).toHaveBeenCalledWith(['/tmp/kloset-drag-1/report.pdf']);
    expect(within(screen.getByRole('dialog')).getByLabelText('Drag Photos')).toBeTruthy();
  });

  it('shows where the files are when the shell offers no drag', async () => {
    const rendered = renderDragOut();
    await act(async () => undefined);
    act(() => rendered.transport.emit('jobs.finished', aJob({ id: 'm1', kind: 'restore', status: 'succeeded' })));
    expect(await screen.findByText('The files are ready in /tmp/kloset-drag-1.')).toBeTruthy();
  });
});
