import { act, cleanup, createEvent, fireEvent, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { ShellCapabilities } from '../../../shared/api/shell';
import type { MaterializeResult } from '../../../shared/types/transfers';
import { fakeError } from '../../lib/fake-transport';
import { aJob, aSnapshot } from '../../testing/fixtures';
import { renderWithServices } from '../../testing/render-app';
import { DragOutDialog, type DragItem } from './DragOutDialog';

const snapshot = aSnapshot();
const items: DragItem[] = [
  { path: '/report.pdf', kind: 'file' },
  { path: '/Photos', kind: 'directory' },
];
const materialized: MaterializeResult = { folder: '/data/materialized/1a2b', paths: ['/data/materialized/1a2b/report.pdf', '/data/materialized/1a2b/Photos'], files: 5, bytes: 4096 };
const desktop: ShellCapabilities = { canPickFolder: true, canDragOut: true, canOpenPath: true, canRememberPassphrases: true };

function renderDragOut(options: { capabilities?: ShellCapabilities; startDrag?: (params: unknown) => unknown } = {}) {
  return renderWithServices(<DragOutDialog snapshot={snapshot} items={items} onClose={() => undefined} />, {
    'restores.materialize': () => ({ jobId: 'm1' }),
    'jobs.get': () => ({ ...aJob({ id: 'm1', kind: 'restore', status: 'succeeded' }), warnings: [], log: [], result: { ...materialized, skipped: 0 } }),
    ...(options.capabilities ? { 'shell.capabilities': () => options.capabilities } : {}),
    ...(options.startDrag ? { 'shell.startDrag': options.startDrag } : {}),
  });
}

/** Fires `dragstart` on an element and says whether the page's own drag was cancelled. */
function dragStart(element: HTMLElement): boolean {
  const event = createEvent.dragStart(element);
  fireEvent(element, event);
  return event.defaultPrevented;
}

afterEach(cleanup);

describe('drag-out in Electron', () => {
  it('materializes the selection with its progress, then hands each drag of the real files to the shell', async () => {
    const rendered = renderDragOut({ capabilities: desktop, startDrag: () => ({ started: true }) });
    expect(await screen.findByText('Getting the files ready to drag…')).toBeTruthy();
    await act(async () => undefined);
    expect(rendered.callsTo('restores.materialize')).toEqual([{ storeId: snapshot.storeId, snapshotId: snapshot.id, paths: ['/report.pdf', '/Photos'] }]);
    act(() => rendered.transport.emit('jobs.progress', aJob({ id: 'm1', kind: 'restore', progress: { ...aJob().progress, bytesDone: 10, bytesTotal: 40 } })));
    expect(screen.getByRole('progressbar').getAttribute('value')).toBe('10');

    act(() => rendered.transport.emit('jobs.finished', aJob({ id: 'm1', kind: 'restore', status: 'succeeded' })));
    const dialog = within(await screen.findByRole('dialog'));
    expect(dragStart(await dialog.findByLabelText('Drag report.pdf'))).toBe(true);
    expect(dragStart(dialog.getByLabelText('Drag all 2 items'))).toBe(true);
    await act(async () => undefined);
    expect(rendered.callsTo('shell.startDrag')).toEqual([{ paths: ['/data/materialized/1a2b/report.pdf'] }, { paths: materialized.paths }]);
    expect(dialog.getByLabelText('Drag Photos').querySelector('.icon-directory')).toBeTruthy();
  });

  it('says why when the shell refuses the drag', async () => {
    const rendered = renderDragOut({ capabilities: desktop, startDrag: () => Promise.reject(fakeError('FORBIDDEN', 'Only items prepared for dragging (restores.materialize) can be dragged out.')) });
    await act(async () => undefined);
    act(() => rendered.transport.emit('jobs.finished', aJob({ id: 'm1', kind: 'restore', status: 'succeeded' })));
    dragStart(await screen.findByLabelText('Drag report.pdf'));
    expect(await screen.findByText('Only items prepared for dragging (restores.materialize) can be dragged out.')).toBeTruthy();
  });

  it('shows where the files are when the shell cannot drag, and offers nothing to drag', async () => {
    const rendered = renderDragOut();
    await act(async () => undefined);
    act(() => rendered.transport.emit('jobs.finished', aJob({ id: 'm1', kind: 'restore', status: 'succeeded' })));
    expect(await screen.findByText('The files are ready in /data/materialized/1a2b.')).toBeTruthy();
    expect(screen.queryByLabelText('Drag report.pdf')).toBeNull();
    expect(rendered.callsTo('shell.capabilities')).toHaveLength(1);
  });

  it('refuses a result that is not what restores.materialize returns', async () => {
    const rendered = renderWithServices(<DragOutDialog snapshot={snapshot} items={items} onClose={() => undefined} />, {
      'restores.materialize': () => ({ jobId: 'm1' }),
      'jobs.get': () => ({ ...aJob({ id: 'm1', kind: 'restore', status: 'succeeded' }), warnings: [], log: [], result: { folder: '/tmp/x' } }),
    });
    await act(async () => undefined);
    act(() => rendered.transport.emit('jobs.finished', aJob({ id: 'm1', kind: 'restore', status: 'succeeded' })));
    expect(await screen.findByRole('alert')).toBeTruthy();
    expect(screen.queryByText(/The files are ready/)).toBeNull();
  });
});
