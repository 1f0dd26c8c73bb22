import { act, cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { AccountSummary, RemoteFolder } from '../../../shared/types/accounts';
import { fakeError } from '../../lib/fake-transport';
import { anAccount } from '../../testing/fixtures';
import { renderWithServices } from '../../testing/render-app';
import { SourcesPage } from './SourcesPage';

async function renderSources(handlers: Record<string, (params: unknown) => unknown> = {}) {
  const rendered = renderWithServices(<SourcesPage />, handlers);
  await act(() => rendered.services.accounts.getState().load());
  return rendered;
}

const folder = (path: string): RemoteFolder => ({ name: path.split('/').at(-1) ?? path, path, isDirectory: true, size: 0, mtime: null });

afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
});

describe('accounts and sources', () => {
  it('has designed empty states for accounts, sources and destinations', async () => {
    await renderSources();
    expect(screen.getByText(/No cloud account yet/)).toBeTruthy();
    expect(screen.getByText(/No named source yet/)).toBeTruthy();
    expect(screen.getByText(/No named destination yet/)).toBeTruthy();
  });

  it('says what to do when accounts cannot be listed', async () => {
    await renderSources({
      'accounts.list': () => {
        throw fakeError('UNAVAILABLE', 'rclone could not be started.');
      },
    });
    const alert = screen.getByRole('alert');
    expect(alert.textContent).toContain('Not available right now');
    expect(alert.textContent).toContain('rclone could not be started.');
    expect(within(alert).getByRole('button', { name: 'Try again' })).toBeTruthy();
  });

  it('connects Dropbox through the browser: opens the sign-in page and waits for the account to appear', async () => {
    const open = vi.spyOn(window, 'open').mockReturnValue(null);
    const rendered = await renderSources({ 'accounts.connectDropbox': () => ({ authUrl: 'http://127.0.0.1:53682/auth?state=x', account: null }) });
    fireEvent.click(screen.getByRole('button', { name: 'Connect Dropbox' }));
    const dialog = screen.getByRole('dialog', { name: 'Connect Dropbox' });
    expect(within(dialog).getByLabelText('Name in Kloset Desktop')).toHaveProperty('value', 'dropbox');
    fireEvent.click(within(dialog).getByRole('button', { name: 'Sign in with your browser' }));
    expect(await within(dialog).findByText(/Waiting for you to finish signing in/)).toBeTruthy();
    expect(open).toHaveBeenCalledWith('http://127.0.0.1:53682/auth?state=x', '_blank', 'noopener,noreferrer');
    expect(within(dialog).getByRole('link', { name: 'Open the sign-in page again' }).getAttribute('href')).toBe('http://127.0.0.1:53682/auth?state=x');

    act(() => rendered.transport.emit('accounts.changed', [anAccount()]));
    expect(within(dialog).getByText('“dropbox” is connected.')).toBeTruthy();
    expect(screen.getByTestId('account-dropbox')).toBeTruthy();
  });

  it('connects Dropbox with a pasted token', async () => {
    const rendered = await renderSources({ 'accounts.connectDropbox': () => ({ authUrl: null, account: anAccount({ name: 'work' }) }) });
    fireEvent.click(screen.getByRole('button', { name: 'Connect Dropbox' }));
    fireEvent.change(screen.getByLabelText('Name in Kloset Desktop'), { target: { value: 'work' } });
    fireEvent.click(screen.getByRole('button', { name: 'Paste a token instead' }));
    fireEvent.change(screen.getByLabelText('Token'), { target: { value: '{"access_token":"abc","expiry":"x"}' } });
    fireEvent.click(screen.getByRole('button', { name: 'Connect with this token' }));
    expect(await screen.findByText('“work” is connected.')).toBeTruthy();
    expect(rendered.callsTo('accounts.connectDropbox')).toEqual([{ mode: 'token', name: 'work', token: '{"access_token":"abc","expiry":"x"}' }]);
  });

  it('connects OpenDrive with a user name and password, and refuses a name already taken', async () => {
    const rendered = await renderSources({ 'accounts.list': () => [anAccount({ name: 'opendrive', provider: 'opendrive' })], 'accounts.connectOpenDrive': () => anAccount({ name: 'opendrive-2', provider: 'opendrive' }) });
    fireEvent.click(screen.getByRole('button', { name: 'Connect OpenDrive' }));
    const dialog = screen.getByRole('dialog', { name: 'Connect OpenDrive' });
    const name = within(dialog).getByLabelText('Name in Kloset Desktop');
    expect(name).toHaveProperty('value', 'opendrive-2');
    expect(document.activeElement).toBe(name);
    fireEvent.change(name, { target: { value: 'opendrive' } });
    expect(within(dialog).getByText('An account or entry has this name already.')).toBeTruthy();
    fireEvent.change(name, { target: { value: 'opendrive-2' } });
    fireEvent.change(within(dialog).getByLabelText('Email or user name'), { target: { value: 'ann@example.com' } });
    fireEvent.change(within(dialog).getByLabelText('Password'), { target: { value: 's3cret' } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Connect' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(rendered.callsTo('accounts.connectOpenDrive')).toEqual([{ name: 'opendrive-2', username: 'ann@example.com', password: 's3cret' }]);
  });

  it('offers Reconnect for an expired account and signs in again under the same name', async () => {
    const accounts: AccountSummary[] = [anAccount({ name: 'od', provider: 'opendrive', status: 'expired' })];
    const rendered = await renderSources({ 'accounts.list': () => accounts, 'accounts.connectOpenDrive': () => anAccount({ name: 'od', provider: 'opendrive' }) });
    const card = screen.getByTestId('account-od');
    expect(within(card).getByText('Sign-in expired')).toBeTruthy();
    expect(within(card).getByText(/Backups from and to this account stop/)).toBeTruthy();
    fireEvent.click(within(card).getByRole('button', { name: 'Reconnect' }));
    const dialog = screen.getByRole('dialog', { name: 'Sign in to “od” again' });
    expect(within(dialog).queryByLabelText('Name in Kloset Desktop')).toBeNull();
    fireEvent.change(within(dialog).getByLabelText('Email or user name'), { target: { value: 'ann' } });
    fireEvent.change(within(dialog).getByLabelText('Password'), { target: { value: 'new' } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Connect' }));
    await waitFor(() => expect(rendered.callsTo('accounts.connectOpenDrive')).toEqual([{ name: 'od', username: 'ann', password: 'new' }]));
    expect(within(screen.getByTestId('account-od')).getByText('Connected')).toBeTruthy();
  });

  it('adds a named source from a cloud folder picked level by level', async () => {
    const rendered = await renderSources({
      'accounts.list': () => [anAccount()],
      'remotes.browse': (params) => ((params as { path: string }).path === '' ? [folder('Photos'), folder('Work')] : [folder('Photos/2024')]),
      'sources.add': () => ({ name: 'photos', location: 'rclone://Photos', place: '@dropbox:Photos', kind: 'dropbox', options: { rclone_remote: 'dropbox' } }),
    });
    fireEvent.click(screen.getByRole('button', { name: 'Add a source' }));
    const dialog = screen.getByRole('dialog', { name: 'Add a source' });
    fireEvent.change(within(dialog).getByLabelText('Name'), { target: { value: 'photos' } });
    fireEvent.click(within(dialog).getByLabelText('Dropbox'));
    fireEvent.click(await within(dialog).findByRole('button', { name: 'Open Photos' }));
    expect(await within(dialog).findByRole('button', { name: 'Open 2024' })).toBeTruthy();
    fireEvent.click(within(dialog).getByRole('button', { name: 'Use this folder' }));
    expect(within(dialog).getByText('Chosen: @dropbox:Photos')).toBeTruthy();
    fireEvent.click(within(dialog).getByRole('button', { name: 'Add' }));
    await waitFor(() => expect(screen.getByRole('list', { name: 'Named sources' }).textContent).toContain('@photos'));
    expect(screen.getByRole('list', { name: 'Named sources' }).textContent).toContain('Dropbox · @dropbox:Photos');
    expect(rendered.callsTo('remotes.browse')).toEqual([
      { account: 'dropbox', path: '' },
      { account: 'dropbox', path: 'Photos' },
    ]);
    expect(rendered.callsTo('sources.add')).toEqual([{ name: 'photos', location: '@dropbox:Photos' }]);
  });
});
