import fs from 'node:fs';
import path from 'node:path';
import type { ElectronApplication } from '@playwright/test';
import type { MenuItem } from 'electron';
import { makeTempDir, writeTree } from '../../fixtures/files';
import { expect, test } from '../../fixtures/test';

/**
 * The tray menu, read in the main process: the app keeps no handle on its Tray, so the spec
 * records each menu the tray is given (Tray.prototype.setContextMenu), then makes the app rebuild
 * it by changing the plans.
 */
test.describe.configure({ mode: 'serial' });

interface TrayItem {
  readonly label: string;
  readonly type: string;
  readonly enabled: boolean;
  readonly checked: boolean;
}

let root = '';

test.beforeAll(() => {
  root = makeTempDir('tray');
  writeTree(path.join(root, 'Letters'), { 'to-grandma.txt': 'Dear grandma,\n' });
});

test.afterAll(() => {
  fs.rmSync(root, { recursive: true, force: true });
});

test('the tray menu lists the status, a back-up-now item per plan, the schedules switch, Open and Quit', async ({ app }) => {
  const electronApp = app.electronApp;
  if (!electronApp) throw new Error('The Electron application is missing from the session.');
  await electronApp.evaluate(({ Tray }) => {
    const original = Tray.prototype.setContextMenu;
    Tray.prototype.setContextMenu = function (menu) {
      (globalThis as { trayMenu?: unknown }).trayMenu = menu;
      return original.call(this, menu);
    };
  });
  const { id: storeId } = await app.call('stores.create', { name: 'Tray store', location: path.join(root, 'store'), encryption: 'none' });
  await app.call('plans.create', {
    name: 'Letters',
    sources: [path.join(root, 'Letters')],
    storeId,
    excludes: [],
    schedule: { kind: 'daily', at: '03:00' },
    retention: {},
    checkAfterBackup: null,
    syncToStoreId: null,
    isPaused: false,
  });
  const items = await trayItems(app.electronApp);
  expect(items.map((item) => item.label)).toEqual([expect.stringMatching(/^No backup yet, next in /), '', 'Back up "Letters" now', '', 'Pause scheduled backups', 'Open Kloset Desktop', 'Quit']);
  expect(items[0]?.enabled).toBe(false);
  expect(items[4]).toMatchObject({ type: 'checkbox', checked: false });
});

test('the schedules switch in the tray pauses every plan', async ({ app }) => {
  await app.electronApp?.evaluate(() => {
    const menu = (globalThis as { trayMenu?: { items: MenuItem[] } }).trayMenu;
    menu?.items.find((item) => item.label === 'Pause scheduled backups')?.click();
  });
  await expect.poll(async () => (await app.call('plans.list', {})).isPausedAll).toBe(true);
  await expect.poll(async () => (await trayItems(app.electronApp))[4]?.checked).toBe(true);
});

test('back up now in the tray runs the plan', async ({ app }) => {
  await app.electronApp?.evaluate(() => {
    const menu = (globalThis as { trayMenu?: { items: MenuItem[] } }).trayMenu;
    menu?.items.find((item) => item.label === 'Back up "Letters" now')?.click();
  });
  await expect.poll(async () => (await app.call('plans.list', {})).plans[0]?.status.lastRun?.result, { timeout: 30_000 }).toBe('succeeded');
});

/** The items of the menu the tray was given last. */
async function trayItems(electronApp: ElectronApplication | null): Promise<TrayItem[]> {
  return (
    (await electronApp?.evaluate(() => {
      const menu = (globalThis as { trayMenu?: { items: MenuItem[] } }).trayMenu;
      return (menu?.items ?? []).map((item) => ({ label: item.label, type: item.type, enabled: item.enabled, checked: item.checked }));
    })) ?? []
  );
}
