import fs from 'node:fs';
import path from 'node:path';
import { backUp } from '../../fixtures/api-steps';
import { makeTempDir, pngImage, writeTree } from '../../fixtures/files';
import { expect, test } from '../../fixtures/test';
import { AppShell } from '../../pages/app-shell';
import { SnapshotsPage } from '../../pages/snapshots-page';

/**
 * Drag-out in Electron: the selection is materialized into the app's data folder, then the drag
 * of the real files is handed to the shell (`shell.startDrag` from the chip's dragstart). The spec
 * records what reaches `webContents.startDrag` in the main process rather than moving a real
 * mouse across the desktop.
 */
test.describe.configure({ mode: 'serial' });

let root = '';

test.beforeAll(() => {
  root = makeTempDir('drag');
  writeTree(path.join(root, 'Pictures'), { 'cat.png': pngImage(32, 32), 'Holidays/sea.png': pngImage(40, 30), 'captions.txt': 'The cat, the sea.\n' });
});

test.afterAll(() => {
  fs.rmSync(root, { recursive: true, force: true });
});

test('the shell can pick folders and drag out in the desktop app', async ({ app }) => {
  expect(await app.call('shell.capabilities', {})).toMatchObject({ canPickFolder: true, canDragOut: true, canOpenPath: true });
});

test('dragging materialized items out hands their real files to the shell', async ({ app, page, shot }) => {
  const electronApp = app.electronApp;
  if (!electronApp) throw new Error('The Electron application is missing from the session.');
  await electronApp.evaluate(({ webContents }) => {
    const drags: string[][] = [];
    (globalThis as { drags?: string[][] }).drags = drags;
    const contents = webContents.getAllWebContents()[0];
    if (!contents) throw new Error('no web contents');
    Object.getPrototypeOf(contents).startDrag = (item: Electron.Item) => drags.push(item.files ?? [item.file]);
  });
  const { id: storeId } = await app.call('stores.create', { name: 'Pictures store', location: path.join(root, 'store'), encryption: 'none' });
  await backUp(app, storeId, path.join(root, 'Pictures'));

  await new AppShell(page).goTo('Snapshots');
  const snapshots = new SnapshotsPage(page);
  await page.locator('li.snapshot').first().getByRole('button', { name: 'Browse' }).click();
  await snapshots.browser.select(['Holidays', 'cat.png']);
  await page.getByRole('button', { name: 'Drag out…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Drag out' });
  await expect(dialog.getByLabel('Drag cat.png')).toBeVisible();
  await shot(page, 'drag-out');

  await dialog.getByLabel('Drag all 2 items').dispatchEvent('dragstart');
  await expect.poll(() => electronApp.evaluate(() => (globalThis as { drags?: string[][] }).drags)).toHaveLength(1);
  const [files] = (await electronApp.evaluate(() => (globalThis as { drags?: string[][] }).drags)) ?? [];
  expect(files?.map((file) => path.basename(file))).toEqual(['Holidays', 'cat.png']);
  for (const file of files ?? []) expect(file.startsWith(path.join(app.dataDir, 'materialized') + path.sep)).toBe(true);
  expect(fs.readFileSync(files?.[1] ?? '').equals(fs.readFileSync(path.join(root, 'Pictures', 'cat.png')))).toBe(true);
  expect(fs.readFileSync(path.join(files?.[0] ?? '', 'sea.png')).equals(fs.readFileSync(path.join(root, 'Pictures', 'Holidays', 'sea.png')))).toBe(true);
});

test('the shell refuses to drag a file that was not materialized', async ({ app }) => {
  await expect(app.call('shell.startDrag', { paths: [path.join(root, 'Pictures', 'cat.png')] })).rejects.toThrow(/FORBIDDEN: Only items prepared for dragging/);
});
