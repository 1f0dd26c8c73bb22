import crypto from 'node:crypto';
import fs from 'node:fs';
import type { DropboxFake } from '../../main/connectors/testing/dropbox-fake';
import { fileDigests, type DbxEntry } from '../../main/connectors/testing/dropbox-store';
import { cloudTest as test } from '../fixtures/clouds';
import { makeTempDir, pngImage } from '../fixtures/files';
import { expect } from '../fixtures/test';
import { ActivityPage } from '../pages/activity-page';
import { AppShell } from '../pages/app-shell';
import { FirstRunPage } from '../pages/first-run-page';
import { PlansPage } from '../pages/plans-page';
import { RestorePage } from '../pages/restore-page';
import { SnapshotsPage } from '../pages/snapshots-page';
import { SourcesPage } from '../pages/sources-page';
import { StoresPage } from '../pages/stores-page';

/**
 * A Dropbox account, through the screens only: connected with a pasted token on Sources, one of
 * its folders (chosen by browsing the account) backed up into a local encrypted store and
 * browsed in the snapshot, the snapshot restored into another Dropbox folder and compared bit for
 * bit in the fake, then the app's access revoked: the backup fails with a plain message, the
 * account says it must be signed in again, and a fresh token reconnects it. A second account is
 * connected through the sign-in in the browser: the popup shows Dropbox's consent page, Allow
 * hands the code to rclone's loopback. The app's rclone and the browser's pages reach the Dropbox
 * fake through the fakes' HTTPS proxy on 127.0.0.1, never the internet.
 */
test.describe.configure({ mode: 'serial' });

const account = 'dbx';
const browserAccount = 'dbx-browser';
const storeName = 'Photos archive';
const planName = 'Dropbox photos';
const passphrase = 'harbour lantern meadow 2417 slowly';
const seededAt = '2024-05-06T07:08:09Z';
const photos: Readonly<Record<string, Buffer>> = {
  '/Photos/2024/beach.jpg': crypto.randomBytes(1_200_000),
  '/Photos/2024/Trip/harbour.png': pngImage(64, 48),
  '/Photos/notes.txt': Buffer.from('Beach in May, harbour in June.\n'),
  '/Work/plan.txt': Buffer.from('Not a photo.\n'),
};
let storeFolder = '';

function entryAt(dropbox: DropboxFake, path: string): DbxEntry {
  const entry = dropbox.store.lookup(path);
  if (typeof entry === 'string') throw new Error(`${path} is not in the Dropbox fake (${entry}).`);
  return entry;
}

test.beforeAll(({ dropbox }) => {
  storeFolder = makeTempDir('cloud-store');
  for (const [path, content] of Object.entries(photos)) dropbox.store.writeFile(path, content, seededAt, { overwrite: true });
});

test.afterAll(() => {
  fs.rmSync(storeFolder, { recursive: true, force: true });
});

test('Dropbox connects on Sources with a pasted token, after a token that is not one is refused plainly', async ({ app, page, dropbox, shot }) => {
  await app.open();
  const shell = new AppShell(page);
  await shell.goTo('Sources');
  const sources = new SourcesPage(page);
  await expect(page.getByText(/^No cloud account yet/)).toBeVisible();

  const dialog = await sources.startDropboxWithToken(account);
  await shot(page, 'connect-dropbox');
  await sources.submitToken(dialog, 'the code from the Dropbox page');
  await expect(dialog.getByRole('alert')).toHaveText(/^That is not a Dropbox token: paste the whole line of JSON/);
  await sources.submitToken(dialog, dropbox.issueToken().json);
  await sources.finishConnecting(dialog, account);

  const row = sources.account(account);
  await expect(row).toContainText('Dropbox');
  await expect(row).toContainText('Connected');
  await expect(row.getByRole('button', { name: 'Reconnect' })).toHaveCount(0);
  await shot(page, 'sources');
});

test('a local encrypted store is added on Stores', async ({ page }) => {
  await new AppShell(page).goTo('Stores');
  const stores = new StoresPage(page);
  await stores.add();
  const setup = new FirstRunPage(page);
  await setup.location.chooseLocalFolder(storeFolder);
  await setup.createEncryptedStore({ name: storeName, passphrase });
  await expect(stores.store(storeName)).toContainText('On this computer');
  await expect(stores.store(storeName)).not.toContainText('Not encrypted');
  expect(fs.readdirSync(storeFolder).length).toBeGreaterThan(0);
});

test('a plan backs up a Dropbox folder chosen by browsing the account level by level, and its snapshot shows the files', async ({ page }) => {
  const shell = new AppShell(page);
  await shell.goTo('Plans');
  const plans = new PlansPage(page);
  const editor = await plans.newPlan();
  await editor.setName(planName);
  const picker = editor.newSource;
  await picker.showCloudAccount('Dropbox', account);
  await expect(picker.cloudFolders).toHaveText(['Photos', 'Work']);
  await picker.openCloudFolder('Photos');
  // Only the opened folder's own folders: 2024/Trip is listed when 2024 is opened.
  await expect(picker.cloudFolders).toHaveText(['2024']);
  await picker.useShownCloudFolder();
  await expect(picker.chosen).toHaveText('Chosen: @dbx:Photos');
  await editor.addChosenSource();
  await expect(editor.sources).toContainText(['@dbx:Photos']);
  await editor.saveDailyInto(storeName);

  await plans.runNowToSuccess(planName);

  await shell.goTo('Snapshots');
  const snapshots = new SnapshotsPage(page);
  await expect(page.locator('li.snapshot')).toHaveCount(1);
  await page.locator('li.snapshot').first().getByRole('button', { name: 'Browse' }).click();
  const browser = snapshots.browser;
  await expect(browser.rows).toHaveCount(2);
  await browser.row('notes.txt').click();
  await expect(browser.preview.locator('pre')).toContainText('Beach in May, harbour in June.');
  await browser.openFolder('2024');
  await expect(browser.rows).toHaveCount(2);
  await expect(browser.row('beach.jpg')).toBeVisible();
  await browser.openFolder('Trip');
  await browser.row('harbour.png').click();
  const image = browser.preview.getByRole('img', { name: 'Preview of harbour.png' });
  await expect(image).toBeVisible();
  expect(await image.evaluate((element: HTMLImageElement) => [element.naturalWidth, element.naturalHeight])).toEqual([64, 48]);
});

test('the snapshot restores into a new Dropbox folder, bit for bit', async ({ page, dropbox }) => {
  const snapshots = new SnapshotsPage(page);
  const browser = snapshots.browser;
  await browser.breadcrumb.getByRole('button', { name: 'Top' }).click();
  await browser.select(['2024', 'notes.txt']);
  await browser.restoreSelection();

  const restore = new RestorePage(page);
  await expect(restore.items).toHaveCount(2);
  const destination = await restore.toCloud();
  await destination.typeCloudFolder('Dropbox', account, 'Restored/Photos');
  await restore.review();
  await expect(restore.summaryLine('Where')).toHaveText('Straight into @dbx:Restored/Photos');
  await restore.start();

  await new AppShell(page).goTo('Activity');
  await expect(new ActivityPage(page).finishedJob(/^Restore 2 items/)).toContainText('Done', { timeout: 30_000 });
  expect(fileDigests(entryAt(dropbox, '/Restored/Photos'))).toEqual(fileDigests(entryAt(dropbox, '/Photos')));
});

test('after the access is revoked, the backup fails plainly and the account asks to be signed in again; a fresh token reconnects it', async ({ page, dropbox, shot }) => {
  dropbox.revoke();
  const shell = new AppShell(page);
  await shell.goTo('Plans');
  const plans = new PlansPage(page);
  await plans.runNow(planName);
  const plan = plans.plan(planName);
  await expect(plan).toContainText(/Last run .+: failed/, { timeout: 30_000 });
  await expect(plan).toContainText('Dropbox refused the saved sign-in while listing Dropbox:/Photos (invalid_access_token). Reconnect Dropbox: in Kloset Desktop open Sources and reconnect "dbx"');

  await shell.goTo('Activity');
  const failed = await new ActivityPage(page).details(`Plan "${planName}" Failed`);
  const error = failed.getByRole('alert');
  await expect(error).toContainText('The account must be signed in again');
  await expect(error).toContainText('Sign in to the account again under Sources. Your backups and plans stay as they are.');
  await expect(error.getByRole('link', { name: 'Go to Sources' })).toBeVisible();

  await expect(shell.notices).toContainText('The account “dbx” must be signed in again.');
  await shell.notices.getByRole('link', { name: 'Reconnect' }).click();
  await expect(shell.heading).toHaveText('Sources');
  const sources = new SourcesPage(page);
  const row = sources.account(account);
  await expect(row).toContainText('Sign-in expired');
  await expect(row).toContainText('Backups from and to this account stop until you sign in again.');
  await shot(page, 'sources-expired');

  dropbox.authorizeAgain();
  await sources.reconnectDropboxWithToken(account, dropbox.issueToken().json);
  await expect(row).toContainText('Connected');
  await expect(row.getByRole('button', { name: 'Reconnect' })).toHaveCount(0);

  await shell.goTo('Plans');
  await plans.runNowToSuccess(planName);
});

test.describe('in the browser build', () => {
  test.skip(({ appKind }) => appKind !== 'web', 'The browser build opens the sign-in in a popup of its own; Electron hands links to the system browser.');

  test('a second Dropbox account connects on Sources through the sign-in in the browser, with Allow on the Dropbox page', async ({ page, dropbox, shot }) => {
    await new AppShell(page).goTo('Sources');
    const sources = new SourcesPage(page);
    const { dialog, popup } = await sources.startDropboxInBrowser(browserAccount);
    await expect(dialog.getByRole('status')).toContainText('Waiting for you to finish signing in to Dropbox in your browser');
    await expect(popup).toHaveURL(/^https:\/\/www\.dropbox\.com\/(1\/)?oauth2\/authorize\?/);
    await expect(popup.getByRole('heading')).toHaveText('Kloset Desktop would like access to the files and folders in your Dropbox');
    await shot(page, 'connect-dropbox-browser');

    await popup.getByRole('button', { name: 'Allow' }).click();
    await expect(popup.getByRole('heading')).toHaveText('Success!');
    await expect(popup.locator('pre')).toHaveText('All done. Please go back to rclone.');
    expect(new URL(popup.url()).origin).toBe('http://localhost:53682');
    await popup.close();
    await sources.finishConnecting(dialog, browserAccount);

    const row = sources.account(browserAccount);
    await expect(row).toContainText('Dropbox');
    await expect(row).toContainText('Connected');
    await expect(sources.account(account)).toContainText('Connected');
    expect(dropbox.calls()).toContainEqual({ route: 'oauth2/token', status: 200 });
  });
});
