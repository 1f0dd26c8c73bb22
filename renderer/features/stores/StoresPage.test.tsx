import { act, cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { StoreInfo } from '../../../shared/types/stores';
import { fakeError } from '../../lib/fake-transport';
import { aStore, storeId } from '../../testing/fixtures';
import { renderWithServices } from '../../testing/render-app';
import { growthSeries } from './GrowthChart';
import { StoresPage } from './StoresPage';
import { UnlockDialog } from './UnlockDialog';

const mib = 1024 * 1024;
const info: StoreInfo = {
  ...aStore(),
  createdAt: '2025-01-01T00:00:00.000Z',
  chunking: { minBytes: 512 * 1024, normalBytes: mib, maxBytes: 8 * mib },
  compression: 'zstd',
  encryption: 'chacha20-poly1305',
  packfileCount: 42,
  dedupRatio: 3.2,
  growth: [
    { time: '2025-05-01T10:00:00.000Z', logicalBytes: 100 * mib, addedBytes: 80 * mib, storedBytes: 80 * mib },
    { time: '2025-05-02T10:00:00.000Z', logicalBytes: 100 * mib, addedBytes: 5 * mib, storedBytes: 85 * mib },
  ],
};

async function renderStores(handlers: Record<string, (params: unknown) => unknown> = {}) {
  const rendered = renderWithServices(
    <>
      <StoresPage />
      <UnlockDialog />
    </>,
    { 'stores.list': () => [aStore()], 'stores.info': () => info, ...handlers },
  );
  await act(() => rendered.services.stores.getState().load());
  return rendered;
}

afterEach(cleanup);

describe('the Stores page', () => {
  it('shows the store’s numbers and its growth as a chart with a table of the same numbers', async () => {
    await renderStores();
    const detail = await screen.findByRole('region', { name: 'About Home backups' });
    expect(await within(detail).findByText(/3\.2× \(what the snapshots hold/)).toBeTruthy();
    expect(within(detail).getByText('Never checked')).toBeTruthy();
    const charts = within(detail).getAllByRole('img');
    expect(charts.map((chart) => chart.getAttribute('aria-label'))).toEqual([expect.stringContaining('Store size over 2 snapshots'), expect.stringContaining('Deduplication ratio over time')]);
    const table = within(detail).getByRole('table');
    expect(within(table).getAllByRole('row')).toHaveLength(3);
    expect(within(table).getByText('85.0 MiB')).toBeTruthy();
  });

  it('says it is loading while the list is on its way, then what to do when there is no store', async () => {
    let answer: (stores: unknown[]) => void = () => undefined;
    const rendered = renderWithServices(<StoresPage />, { 'stores.list': () => new Promise((resolve) => (answer = resolve)) });
    const load = act(() => rendered.services.stores.getState().load());
    expect(screen.getByRole('status').textContent).toBe('Loading…');
    answer([]);
    await load;
    expect(screen.getByText(/No store yet/)).toBeTruthy();
    expect(screen.getAllByRole('button', { name: 'Add a store' })).toHaveLength(2);
  });

  it('works out the deduplication ratio at each snapshot', () => {
    expect(growthSeries(info.growth).map((point) => point.ratio.toFixed(3))).toEqual(['1.250', (200 / 85).toFixed(3)]);
  });

  it('opens a locked store with its passphrase, and says so when the passphrase is wrong', async () => {
    let attempts = 0;
    const rendered = await renderStores({
      'stores.list': () => [aStore({ isOpen: false })],
      'stores.open': () => {
        attempts++;
        if (attempts === 1) throw fakeError('WRONG_PASSPHRASE', 'This passphrase does not open “Home backups”.');
        return aStore();
      },
    });
    fireEvent.click(within(screen.getByTestId(`store-${storeId}`)).getByRole('button', { name: 'Open' }));
    const dialog = screen.getByRole('dialog', { name: 'Open “Home backups”' });
    fireEvent.change(within(dialog).getByLabelText('Passphrase'), { target: { value: 'nope' } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Open the store' }));
    expect((await within(dialog).findByRole('alert')).textContent).toContain('does not open');
    fireEvent.change(within(dialog).getByLabelText('Passphrase'), { target: { value: 'right one' } });
    fireEvent.click(within(dialog).getByLabelText('Remember the passphrase on this computer'));
    fireEvent.click(within(dialog).getByRole('button', { name: 'Open the store' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(rendered.callsTo('stores.open')[1]).toEqual({ location: '/media/ann/backup', passphrase: 'right one', rememberPassphrase: true });
    expect(within(screen.getByTestId(`store-${storeId}`)).getByText('Open')).toBeTruthy();
  });

  it('starts a check and points to Activity', async () => {
    const rendered = await renderStores({ 'stores.check': () => ({ jobId: 'c1' }) });
    fireEvent.click(screen.getByRole('button', { name: 'Full check' }));
    expect(await screen.findByText('The check has started.')).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Follow it in Activity' }).getAttribute('href')).toBe('#/activity');
    expect(rendered.callsTo('stores.check')).toEqual([{ storeId, level: 'full' }]);
  });

  it('changes the passphrase only with a strong new one, typed twice and acknowledged', async () => {
    const rendered = await renderStores({ 'stores.changePassphrase': () => ({ changed: true }) });
    fireEvent.click(screen.getByRole('button', { name: 'Change passphrase…' }));
    const dialog = screen.getByRole('dialog', { name: 'Change the passphrase of “Home backups”' });
    const submit = within(dialog).getByRole('button', { name: 'Change passphrase' });
    fireEvent.change(within(dialog).getByLabelText('Current passphrase'), { target: { value: 'old' } });
    fireEvent.change(within(dialog).getByLabelText('New passphrase'), { target: { value: 'password' } });
    expect(within(dialog).getByTestId('strength-meter').textContent).toContain('Very weak');
    fireEvent.change(within(dialog).getByLabelText('New passphrase'), { target: { value: 'violin orbit maple quartz harbor' } });
    expect(within(dialog).getByTestId('strength-meter').textContent).toContain('Strong');
    fireEvent.change(within(dialog).getByLabelText('Type the passphrase again'), { target: { value: 'violin orbit maple quartz harbo' } });
    expect(within(dialog).getByText('The two passphrases are not the same.')).toBeTruthy();
    fireEvent.change(within(dialog).getByLabelText('Type the passphrase again'), { target: { value: 'violin orbit maple quartz harbor' } });
    expect(submit).toHaveProperty('disabled', true);
    fireEvent.click(within(dialog).getByLabelText(/I have written the passphrase down/));
    expect(submit).toHaveProperty('disabled', false);
    fireEvent.click(submit);
    expect(await within(dialog).findByText(/The passphrase is changed/)).toBeTruthy();
    expect(rendered.callsTo('stores.changePassphrase')).toEqual([{ storeId, currentPassphrase: 'old', newPassphrase: 'violin orbit maple quartz harbor' }]);
  });

  it('removes a store from the app after asking', async () => {
    const rendered = await renderStores({ 'stores.remove': () => ({ removed: true }) });
    fireEvent.click(screen.getByRole('button', { name: 'Remove from the app…' }));
    const dialog = screen.getByRole('dialog', { name: 'Remove “Home backups” from Kloset Desktop?' });
    expect(dialog.textContent).toContain('Its data is not deleted');
    fireEvent.click(within(dialog).getByRole('button', { name: 'Remove' }));
    expect(await screen.findByText(/No store yet/)).toBeTruthy();
    expect(rendered.callsTo('stores.remove')).toEqual([{ storeId }]);
  });
});
