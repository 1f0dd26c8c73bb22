import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { OpenDriveFake } from '../../main/connectors/testing/opendrive-fake';
import type { OdFolder } from '../../main/connectors/testing/opendrive-store';
import { cloudTest as test } from '../fixtures/clouds';
import { makeTempDir, pngImage, randomBytes, writeTree } from '../fixtures/files';
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
 * An OpenDrive account and named entries, through the screens only: OpenDrive connected on
 * Sources with a user name and password (a wrong password is refused in the dialog and not
 * saved), a named source (a local folder) and a named destination (an OpenDrive folder
 * chosen by browsing the account), an encrypted store kept in an OpenDrive folder, a plan that
 * backs the named source up into it, its snapshot restored into the named destination and
 * compared bit for bit in the fake, one file restored to this computer, then the account checked
 * while OpenDrive does not answer and once it does, reconnected after its password changed on
 * OpenDrive, and removed. The app's rclone reaches the
 * OpenDrive fake through the fakes' HTTPS proxy on 127.0.0.1, never the internet.
 */
test.describe.configure({ mode: 'serial' });

const account = 'od';
const storeName = 'OpenDrive archive';
const storeFolder = 'Backups/Kloset';
const planName = 'Letters';
const passphrase = 'copper kettle orchard 5830 gently';
const invoice = randomBytes(180_000);
const letters: Readonly<Record<string, Buffer>> = {
  'notes.txt': Buffer.from('Write to the bank about the new address.\n'),
  'Invoices/2024-03.pdf': invoice,
  'Invoices/stamp.png': pngImage(32, 24),
};
let root = '';
let lettersFolder = '';
let restoreFolder = '';

function sha256(content: Buffer): string {
  return crypto.createHash('sha256').update(content).digest('hex');
}

function folderAt(opendrive: OpenDriveFake, folder: string): OdFolder {
  const found = opendrive.store.folderAt(folder);
  if (!found) throw new Error(`${folder} is not in the OpenDrive fake.`);
  return found;
}

test.beforeAll(({ opendrive }) => {
  root = makeTempDir('opendrive');
  lettersFolder = path.join(root, 'Letters');
  restoreFolder = path.join(root, 'Restored');
  writeTree(lettersFolder, letters);
  const archive = opendrive.store.createFolder('0', 'Archive');
  opendrive.store.createFolder(archive.id, '2024');
});

test.afterAll(() => {
  fs.rmSync(root, { recursive: true, force: true });
});

test('OpenDrive refuses a wrong password in the dialog, without saving the account; the right one connects it', async ({ app, page, opendrive }) => {
  await app.open();
  await new AppShell(page).goTo('Sources');
  const sources = new SourcesPage(page);
  const dialog = await sources.submitOpenDrive(account, opendrive.username, 'not the password');
  await expect(dialog).toContainText('OpenDrive refused this user name or password. Check them and try again.');
  await expect(page.getByText(/^No cloud account yet/)).toBeVisible();

  await sources.retryOpenDrivePassword(dialog, opendrive.password);
  const row = sources.account(account);
  await expect(sources.accounts.getByRole('listitem')).toHaveCount(1);
  await expect(row).toContainText('OpenDrive');
  await expect(row).toContainText('Connected');
  await expect(row).toContainText(`Signed in as ${opendrive.username}`);
  await expect(row.getByRole('button', { name: 'Reconnect' })).toHaveCount(0);
});

test('a named source (a local folder) and a named destination (an OpenDrive folder chosen by browsing) are listed with their kind', async ({ page }) => {
  const sources = new SourcesPage(page);
  const source = await sources.addEntry('source', 'letters');
  await source.chooseLocalFolder(lettersFolder);
  await sources.saveEntry();
  const namedSource = sources.sources.getByRole('listitem');
  await expect(namedSource).toHaveCount(1);
  await expect(namedSource).toContainText('@letters');
  await expect(namedSource).toContainText(`This computer · ${lettersFolder}`);

  const destination = await sources.addEntry('destination', 'archive');
  await destination.browseCloudFolder('OpenDrive', account, ['Archive', '2024']);
  await expect(destination.chosen).toHaveText(`Chosen: @${account}:Archive/2024`);
  await sources.saveEntry();
  const namedDestination = sources.destinations.getByRole('listitem');
  await expect(namedDestination).toHaveCount(1);
  await expect(namedDestination).toContainText('@archive');
  await expect(namedDestination).toContainText('OpenDrive · ');
});

test('an encrypted store is created in an OpenDrive folder on Stores', async ({ page, opendrive }) => {
  await new AppShell(page).goTo('Stores');
  const stores = new StoresPage(page);
  await stores.add();
  const setup = new FirstRunPage(page);
  await setup.location.typeCloudFolder('OpenDrive', account, storeFolder);
  await setup.createEncryptedStore({ name: storeName, passphrase });
  await expect(stores.store(storeName)).toContainText('On OpenDrive');
  await expect(stores.store(storeName)).not.toContainText('Not encrypted');
  expect(Object.keys(opendrive.store.fileDigests(folderAt(opendrive, storeFolder).id)).length).toBeGreaterThan(0);
});

test('a plan backs the named source up into the OpenDrive store', async ({ page }) => {
  await new AppShell(page).goTo('Plans');
  const plans = new PlansPage(page);
  const editor = await plans.newPlan();
  await editor.setName(planName);
  await editor.newSource.chooseSaved('letters');
  await editor.addChosenSource();
  await expect(editor.sources).toContainText(['@letters']);
  await editor.saveDailyInto(storeName);
  await plans.runNowToSuccess(planName);
});

test('the snapshot restores into the named destination, bit for bit in OpenDrive', async ({ page, opendrive }) => {
  const shell = new AppShell(page);
  await shell.goTo('Snapshots');
  const snapshots = new SnapshotsPage(page);
  await page.locator('li.snapshot').first().getByRole('button', { name: 'Browse' }).click();
  await expect(snapshots.browser.rows).toHaveCount(2);
  await snapshots.browser.select(['Invoices', 'notes.txt']);
  await snapshots.browser.restoreSelection();

  const restore = new RestorePage(page);
  await expect(restore.items).toHaveCount(2);
  const destination = await restore.toCloud();
  await destination.chooseSaved('archive');
  await restore.review();
  await expect(restore.summaryLine('Where')).toHaveText('Straight into @archive');
  await restore.start();

  await shell.goTo('Activity');
  await expect(new ActivityPage(page).finishedJob(/^Restore 2 items/)).toContainText('Done', { timeout: 30_000 });
  const expected = Object.fromEntries(Object.entries(letters).map(([file, content]) => [file, sha256(content)]));
  expect(opendrive.store.fileDigests(folderAt(opendrive, 'Archive/2024').id)).toEqual(expected);
});

test('one file restored from the OpenDrive store to this computer is the same as the original', async ({ page }) => {
  const shell = new AppShell(page);
  await shell.goTo('Snapshots');
  // The snapshot is still open where the last restore was chosen.
  const browser = new SnapshotsPage(page).browser;
  await browser.openFolder('Invoices');
  await browser.select(['2024-03.pdf']);
  await browser.restoreSelection();

  const restore = new RestorePage(page);
  await expect(restore.items).toHaveCount(1);
  await restore.toFolder(restoreFolder);
  await restore.review();
  await restore.start();

  await shell.goTo('Activity');
  await expect(new ActivityPage(page).finishedJob(`Restore /Invoices/2024-03.pdf to ${restoreFolder}`)).toContainText('Done', { timeout: 30_000 });
  expect(fs.readdirSync(restoreFolder)).toEqual(['2024-03.pdf']);
  expect(fs.readFileSync(path.join(restoreFolder, '2024-03.pdf')).equals(invoice)).toBe(true);
});

test('Check says OpenDrive cannot be reached while it does not answer, and Connected once it does; a password changed on OpenDrive asks for Reconnect; Remove forgets the account after a confirmation', async ({ page, opendrive }) => {
  await new AppShell(page).goTo('Sources');
  const sources = new SourcesPage(page);
  const row = sources.account(account);
  opendrive.faults.configure({ probabilities: { unavailable: 1 } });
  try {
    await sources.checkAccount(account);
    await expect(row).toContainText('Unreachable', { timeout: 20_000 });
    await expect(row).toContainText('The service could not be reached the last time it was checked.');
  } finally {
    opendrive.faults.clearFaults();
  }
  await sources.checkAccount(account);
  await expect(row).toContainText('Connected');
  await expect(row).not.toContainText('could not be reached');

  opendrive.changePassword('a password changed on the website');
  await sources.checkAccount(account);
  await expect(row).toContainText('Sign-in expired');
  await expect(row).toContainText('Backups from and to this account stop until you sign in again.');
  await sources.reconnectOpenDrive(account, opendrive.username, opendrive.password);
  await expect(row).toContainText('Connected');
  await expect(row.getByRole('button', { name: 'Reconnect' })).toHaveCount(0);
  // Signing in again replaced the account's sign-in: it is still one account.
  await expect(sources.accounts.getByRole('listitem')).toHaveCount(1);

  const storeFiles = opendrive.store.fileDigests(folderAt(opendrive, storeFolder).id);
  await sources.removeAccount(account);
  await expect(row).toHaveCount(0);
  await expect(page.getByText(/^No cloud account yet/)).toBeVisible();
  // Only the sign-in is forgotten: the store kept on the account stays as it was.
  expect(opendrive.store.fileDigests(folderAt(opendrive, storeFolder).id)).toEqual(storeFiles);
});
