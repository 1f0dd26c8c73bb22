import { act, cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Settings } from '../../../shared/types/settings';
import { settings as initial } from '../../testing/fixtures';
import { renderWithServices } from '../../testing/render-app';
import { SettingsPage } from './SettingsPage';

async function renderSettings(handlers: Record<string, (params: unknown) => unknown> = {}) {
  let settings: Settings = { ...initial };
  const rendered = renderWithServices(<SettingsPage />, { 'settings.set': (patch) => (settings = { ...settings, ...(patch as Partial<Settings>) }), 'settings.get': () => settings, ...handlers });
  await act(() => rendered.services.settings.getState().load());
  return rendered;
}

afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
});

describe('the Settings page', () => {
  it('switches notifications, and explains that only the desktop app starts at login', async () => {
    const rendered = await renderSettings();
    fireEvent.click(screen.getByLabelText('When a restore is done'));
    await waitFor(() => expect(rendered.callsTo('settings.set')).toEqual([{ notifyOnRestore: false }]));
    expect(screen.getByLabelText(/Open Kloset Desktop when I log in/)).toHaveProperty('disabled', true);
    expect(screen.getByText(/Only the desktop app can start at login/)).toBeTruthy();
  });

  it('limits the bandwidth, saving the typed value when the field is left', async () => {
    const rendered = await renderSettings();
    fireEvent.click(screen.getByLabelText('Limit the speed of cloud transfers'));
    const field = await screen.findByLabelText('Limit (KiB/s)');
    fireEvent.change(field, { target: { value: '0' } });
    expect(screen.getByText('Write a whole number of KiB/s, 1 or more.')).toBeTruthy();
    fireEvent.change(field, { target: { value: '2048' } });
    expect(screen.getByText(/About 2\.0 MiB\/s up and down/)).toBeTruthy();
    fireEvent.blur(field);
    await waitFor(() => expect(rendered.callsTo('settings.set')).toEqual([{ bandwidthLimitKiBps: 1024 }, { bandwidthLimitKiBps: 2048 }]));
  });

  it('uses a chosen rclone program instead of the bundled one', async () => {
    const rendered = await renderSettings();
    fireEvent.click(screen.getByLabelText(/Use the rclone that comes with Kloset Desktop/));
    const path = await screen.findByLabelText('Path of the rclone program');
    fireEvent.change(path, { target: { value: '/opt/rclone/rclone' } });
    fireEvent.keyDown(path, { key: 'Enter' });
    await waitFor(() => expect(rendered.callsTo('settings.set')).toEqual([{ rclonePath: '/usr/bin/rclone' }, { rclonePath: '/opt/rclone/rclone' }]));
  });

  it('shows where the app keeps its data', async () => {
    await renderSettings();
    expect(screen.getByText('Data folder: /data')).toBeTruthy();
    expect(screen.getByText('Server in a browser on linux (x64)')).toBeTruthy();
  });

  it('exports the settings as a file', async () => {
    vi.spyOn(URL, 'createObjectURL').mockReturnValue('blob:settings');
    const clicks: Array<{ href: string; download: string }> = [];
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      clicks.push({ href: this.href, download: this.download });
    });
    await renderSettings({ 'app.exportSettings': () => ({ document: '{"settings":{}}' }) });
    fireEvent.click(screen.getByRole('button', { name: 'Export settings…' }));
    await waitFor(() => expect(clicks).toEqual([{ href: 'blob:settings', download: 'kloset-settings.json' }]));
  });

  it('imports a settings file after asking, and says what came in', async () => {
    const rendered = await renderSettings({ 'app.importSettings': () => ({ imported: { settings: true, plans: 2, stores: 1, entries: 3 } }) });
    const file = new File(['{"plans":[]}'], 'from-laptop.json', { type: 'application/json' });
    fireEvent.change(screen.getByLabelText('Settings file to import'), { target: { files: [file] } });
    const dialog = await screen.findByRole('dialog', { name: 'Import these settings?' });
    expect(dialog.textContent).toContain('from-laptop.json');
    fireEvent.click(within(dialog).getByRole('button', { name: 'Import' }));
    expect(await screen.findByText(/Imported: the settings, 2 plans, 1 store and 3 named entries/)).toBeTruthy();
    expect(rendered.callsTo('app.importSettings')).toEqual([{ document: '{"plans":[]}' }]);
  });
});
