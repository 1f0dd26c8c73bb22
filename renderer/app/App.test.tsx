import { act, cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { defaultSettings, type Settings } from '../../shared/types/settings';
import { createClient } from '../lib/client';
import { createFakeTransport } from '../lib/fake-transport';
import { App } from './App';
import { AppServicesProvider, createAppServices } from './context';
import { useRoute } from './routes';

function renderApp(initial: 'connected' | 'connecting' = 'connected') {
  let settings: Settings = { ...defaultSettings };
  const transport = createFakeTransport(
    {
      'settings.get': () => settings,
      'settings.set': (patch) => (settings = { ...settings, ...(patch as Partial<Settings>) }),
      'app.info': () => ({ name: 'Kloset Desktop', version: '9.9.9', runtime: 'headless', os: 'linux', arch: 'x64', nodeVersion: '20', electronVersion: null, dataDir: '/data' }),
    },
    initial,
  );
  render(
    <AppServicesProvider services={createAppServices(createClient(transport))}>
      <App />
    </AppServicesProvider>,
  );
  return transport;
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

  it('follows the connection status', async () => {
    const transport = renderApp('connecting');
    expect(screen.getByTestId('connection-status').textContent).toBe('Connecting…');
    act(() => transport.setStatus('connected'));
    expect(screen.getByTestId('connection-status').textContent).toBe('Connected');
    act(() => transport.setStatus('reconnecting'));
    expect(screen.getByTestId('connection-status').textContent).toContain('Reconnecting');
  });

  it('loads settings once connected and changes the theme through the API', async () => {
    const transport = renderApp();
    act(() => useRoute.getState().go('settings'));
    const select = await screen.findByLabelText<HTMLSelectElement>('Theme');
    fireEvent.change(select, { target: { value: 'dark' } });
    await waitFor(() => expect(document.documentElement.dataset.theme).toBe('dark'));
    expect(transport.calls).toContainEqual({ method: 'settings.set', params: { theme: 'dark' } });
    expect(screen.getByText('Version 9.9.9')).toBeTruthy();
  });

  it('applies settings changed elsewhere', async () => {
    const transport = renderApp();
    await waitFor(() => expect(transport.calls.some((call) => call.method === 'settings.get')).toBe(true));
    act(() => transport.emit('settings.changed', { ...defaultSettings, theme: 'light' }));
    await waitFor(() => expect(document.documentElement.dataset.theme).toBe('light'));
  });
});
