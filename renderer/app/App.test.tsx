import { act, cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { defaultSettings, type Settings } from '../../shared/types/settings';
import type { ConnectionStatus } from '../lib/transports';
import { aJob, aStore } from '../testing/fixtures';
import { renderWithServices } from '../testing/render-app';
import { App } from './App';
import { useRoute } from './routes';

function renderApp(initial: ConnectionStatus = 'connected', handlers: Record<string, (params: unknown) => unknown> = {}) {
  let settings: Settings = { ...defaultSettings };
  const rendered = renderWithServices(<App />, {
    'settings.get': () => settings,
    'settings.set': (patch) => (settings = { ...settings, ...(patch as Partial<Settings>) }),
    'stores.list': () => [aStore()],
    'snapshots.list': () => ({ items: [], total: 0 }),
    ...handlers,
  });
  act(() => rendered.transport.setStatus(initial));
  return rendered;
}

afterEach(() => {
  cleanup();
  useRoute.getState().go('snapshots');
});

describe('the app frame', () => {
  it('shows every section in the navigation, and the current page as its heading', () => {
    renderApp();
    const nav = screen.getByRole('navigation', { name: 'Main' });
    for (const name of ['Sources', 'Stores', 'Snapshots', 'Restore', 'Plans', 'Activity', 'Settings']) {
      expect(nav.querySelector(`a[href="#/${name.toLowerCase()}"]`)?.textContent).toBe(name);
    }
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('Snapshots');
    expect(nav.querySelector('[aria-current="page"]')?.textContent).toBe('Snapshots');
  });

  it('follows the connection status', () => {
    const rendered = renderApp('connecting');
    expect(screen.getByTestId('connection-status').textContent).toBe('Connecting…');
    act(() => rendered.transport.setStatus('connected'));
    expect(screen.getByTestId('connection-status').textContent).toBe('Connected');
    act(() => rendered.transport.setStatus('reconnecting'));
    expect(screen.getByTestId('connection-status').textContent).toContain('Reconnecting');
  });

  it('loads settings once connected and changes the theme through the API', async () => {
    const rendered = renderApp();
    act(() => useRoute.getState().go('settings'));
    const select = await screen.findByLabelText<HTMLSelectElement>('Theme');
    fireEvent.change(select, { target: { value: 'dark' } });
    await waitFor(() => expect(document.documentElement.dataset.theme).toBe('dark'));
    expect(rendered.transport.calls).toContainEqual({ method: 'settings.set', params: { theme: 'dark' } });
    expect(screen.getByText('Version 9.9.9')).toBeTruthy();
  });

  it('applies settings changed elsewhere', async () => {
    const rendered = renderApp();
    await waitFor(() => expect(rendered.callsTo('settings.get').length).toBeGreaterThan(0));
    act(() => rendered.transport.emit('settings.changed', { ...defaultSettings, theme: 'light' }));
    await waitFor(() => expect(document.documentElement.dataset.theme).toBe('light'));
  });

  it('loads the shared lists again when the connection comes back, since events may have been missed', async () => {
    const rendered = renderApp();
    await waitFor(() => expect(rendered.callsTo('plans.list')).toHaveLength(1));
    act(() => rendered.transport.setStatus('reconnecting'));
    act(() => rendered.transport.setStatus('connected'));
    await waitFor(() => expect(rendered.callsTo('plans.list')).toHaveLength(2));
    expect(rendered.callsTo('stores.list')).toHaveLength(2);
    expect(rendered.callsTo('jobs.list')).toHaveLength(2);
  });

  it('tells about a failed job wherever the user is, with a way to Activity', async () => {
    const rendered = renderApp();
    await waitFor(() => expect(rendered.callsTo('settings.get').length).toBeGreaterThan(0));
    act(() => rendered.transport.emit('jobs.finished', aJob({ status: 'failed', title: 'Back up Photos' })));
    const notices = screen.getByRole('region', { name: 'Notifications' });
    expect(within(notices).getByText('Back up Photos: failed')).toBeTruthy();
    fireEvent.click(within(notices).getByRole('button', { name: 'Dismiss' }));
    expect(within(notices).queryByText('Back up Photos: failed')).toBeNull();
  });
});
