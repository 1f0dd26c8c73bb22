import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { StoreSummary } from '../../../shared/types/stores';
import { App } from '../../app/App';
import { useRoute } from '../../app/routes';
import { aStore } from '../../testing/fixtures';
import { renderWithServices } from '../../testing/render-app';

function renderFirstRun(handlers: Record<string, (params: unknown) => unknown> = {}) {
  let stores: StoreSummary[] = [];
  return renderWithServices(<App />, {
    'stores.list': () => stores,
    'stores.create': (params) => {
      const store = aStore({ name: (params as { name: string }).name, snapshotCount: 0 });
      stores = [store];
      return store;
    },
    'localFiles.list': () => [],
    ...handlers,
  });
}

afterEach(() => {
  cleanup();
  useRoute.getState().go('snapshots');
});

async function chooseFolder(path: string) {
  fireEvent.change(await screen.findByLabelText('Folder'), { target: { value: path } });
}

describe('the first run', () => {
  it('opens when there is no store, and creates an encrypted store only once the warning is acknowledged', async () => {
    const rendered = renderFirstRun();
    expect(await screen.findByRole('heading', { level: 1, name: 'Welcome to Kloset Desktop' })).toBeTruthy();
    expect(within(screen.getByRole('list', { name: 'Steps' })).getAllByRole('listitem')[0].getAttribute('aria-current')).toBe('step');

    await chooseFolder('/media/ann/backup');
    const create = screen.getByRole('button', { name: 'Create the store' });
    fireEvent.change(screen.getByLabelText('Passphrase'), { target: { value: 'violin orbit maple quartz harbor' } });
    fireEvent.change(screen.getByLabelText('Type the passphrase again'), { target: { value: 'violin orbit maple quartz harbor' } });
    expect(screen.getByText('Nobody can recover this passphrase')).toBeTruthy();
    expect(create).toHaveProperty('disabled', true);
    fireEvent.click(screen.getByLabelText(/I have written the passphrase down/));
    fireEvent.click(create);

    expect(await screen.findByText('The store “My backups” is ready.')).toBeTruthy();
    expect(rendered.callsTo('stores.create')).toEqual([{ name: 'My backups', location: '/media/ann/backup', encryption: { passphrase: 'violin orbit maple quartz harbor' }, rememberPassphrase: false }]);
    expect(document.activeElement?.textContent).toBe('2. What to back up, and when');

    fireEvent.click(screen.getByRole('button', { name: 'Skip for now' }));
    expect(screen.getByText('All set')).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Go to Plans' }).getAttribute('href')).toBe('#/plans');
  });

  it('does not pull the user away from another page the app was opened on', async () => {
    useRoute.getState().go('stores');
    const rendered = renderFirstRun();
    await waitFor(() => expect(rendered.callsTo('stores.list')).toHaveLength(1));
    expect(await screen.findByText(/No store yet/)).toBeTruthy();
    expect(useRoute.getState().page).toBe('stores');
  });

  it('refuses a very weak passphrase', async () => {
    renderFirstRun();
    await chooseFolder('/media/ann/backup');
    fireEvent.change(screen.getByLabelText('Passphrase'), { target: { value: 'password1' } });
    fireEvent.change(screen.getByLabelText('Type the passphrase again'), { target: { value: 'password1' } });
    fireEvent.click(screen.getByLabelText(/I have written the passphrase down/));
    expect(screen.getByTestId('strength-meter').textContent).toContain('Very weak');
    expect(screen.getByRole('button', { name: 'Create the store' })).toHaveProperty('disabled', true);
  });

  it('makes a store without encryption only as an explicit, confirmed choice', async () => {
    const rendered = renderFirstRun();
    await chooseFolder('/media/ann/backup');
    fireEvent.click(screen.getByLabelText('Do not encrypt this store (not recommended)'));
    expect(screen.queryByLabelText('Passphrase')).toBeNull();
    expect(screen.getByText(/Anyone who can read the store’s folder/)).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Create the store' })).toHaveProperty('disabled', true);
    fireEvent.click(screen.getByLabelText('I understand that this store will not be encrypted.'));
    fireEvent.click(screen.getByRole('button', { name: 'Create the store' }));
    await waitFor(() => expect(rendered.callsTo('stores.create')).toHaveLength(1));
    expect(rendered.callsTo('stores.create')[0]).toMatchObject({ encryption: 'none', rememberPassphrase: false });
  });

  it('opens an existing store at a Dropbox folder instead', async () => {
    const rendered = renderFirstRun({
      'accounts.list': () => [{ name: 'dropbox', provider: 'dropbox', status: 'connected', user: null, checkedAt: null }],
      'remotes.browse': () => [],
      'stores.open': () => aStore({ location: '@dropbox:Backups' }),
    });
    await screen.findByRole('heading', { level: 1, name: 'Welcome to Kloset Desktop' });
    fireEvent.click(screen.getByLabelText('Open an existing store'));
    fireEvent.click(screen.getByLabelText('Dropbox'));
    fireEvent.change(await screen.findByLabelText('Folder'), { target: { value: 'Backups' } });
    fireEvent.change(screen.getByLabelText('Passphrase'), { target: { value: 'my words' } });
    fireEvent.click(screen.getByRole('button', { name: 'Open the store' }));
    await waitFor(() => expect(rendered.callsTo('stores.open')).toEqual([{ name: 'My backups', location: '@dropbox:Backups', rememberPassphrase: false, passphrase: 'my words' }]));
  });
});
