import fs from 'node:fs';
import path from 'node:path';
import { compareFolders, makeTempDir, pngImage, randomBytes, readZip, writeTree } from '../fixtures/files';
import { expect, test } from '../fixtures/test';
import { ActivityPage } from '../pages/activity-page';
import { AppShell } from '../pages/app-shell';
import { FirstRunPage } from '../pages/first-run-page';
import { dailyFarFromNow, PlansPage } from '../pages/plans-page';
import { RestorePage } from '../pages/restore-page';
import { SnapshotsPage } from '../pages/snapshots-page';

/**
 * The path of a first user: the first run makes an encrypted store and a plan for a local folder;
 * two backups run (watched in Activity); then the snapshots are browsed, previewed, searched and
 * compared, a selection is restored and compared on disk, and items are downloaded.
 */
test.describe.configure({ mode: 'serial' });

let root = '';
let source = '';
let storeFolder = '';
let restoreFolder = '';
const passphrase = 'correct horse battery staple, 2 cups of tea';
const reportV1 = Buffer.from('PK\u0003\u0004 report, first draft\n'.repeat(400));
const reportV2 = Buffer.from('PK\u0003\u0004 report, second draft with the figures\n'.repeat(500));

test.beforeAll(() => {
  root = makeTempDir('backup');
  source = path.join(root, 'Home');
  storeFolder = path.join(root, 'store');
  restoreFolder = path.join(root, 'Restored');
  writeTree(source, {
    'Documents/report.docx': reportV1,
    'Documents/notes.txt': 'Shopping: bread, olive oil, lemons.\nCall the plumber on Tuesday.\n',
    'Documents/Projects/plan.md': '# Garden\n\n- raised beds\n- a water butt\n',
    'Documents/old-letter.txt': 'Dear Sir or Madam,\n',
    'Photos/sunset.png': pngImage(96, 64),
    'Photos/Trip/beach.png': pngImage(48, 48),
    // Enough incompressible data for the backup to show its rate and time left for a while.
    ...Object.fromEntries(Array.from({ length: 128 }, (_, index) => [`Music/track-${index + 1}.flac`, randomBytes(4 * 1024 * 1024)])),
  });
});

test.afterAll(() => {
  fs.rmSync(root, { recursive: true, force: true });
});

test('the first run makes an encrypted store, with a strength meter and the warning that a lost passphrase cannot be recovered', async ({ app, page, shot }) => {
  await app.open();
  const firstRun = new FirstRunPage(page);
  await expect(firstRun.heading).toBeVisible();
  const form = firstRun.storeForm;
  await form.getByLabel('Name', { exact: true }).fill('Home backups');
  await firstRun.location.chooseLocalFolder(storeFolder);

  await form.getByLabel('Passphrase', { exact: true }).fill('kitten');
  await expect(firstRun.strengthMeter).toContainText(/Strength: (Very weak|Weak)/);
  const create = form.getByRole('button', { name: 'Create the store' });
  await expect(create).toBeDisabled();

  await form.getByLabel('Passphrase', { exact: true }).fill(passphrase);
  await expect(firstRun.strengthMeter).toContainText(/Strength: (Strong|Very strong)/);
  await form.getByLabel('Type the passphrase again').fill(passphrase);
  await expect(form.getByText('Nobody can recover this passphrase')).toBeVisible();
  await expect(create).toBeDisabled();
  await form.getByLabel(/I have written the passphrase down and understand it cannot be recovered/).check();
  await shot(page, 'first-run-store');
  await create.click();

  await expect(page.getByRole('status').filter({ hasText: 'Home backups' })).toBeVisible();
  expect(fs.readdirSync(storeFolder).length).toBeGreaterThan(0);
});

test('the first plan backs up a local folder, and Activity follows it to the end with its rate and time left', async ({ page, shot }) => {
  const firstRun = new FirstRunPage(page);
  const editor = firstRun.planEditor;
  await editor.setName('Home folder');
  await editor.addLocalSource(source);
  await expect(editor.sources).toContainText([source]);
  await editor.setSchedule(dailyFarFromNow());
  // The default keeps one snapshot a day: keep the last few too, so the day's second run adds one.
  await editor.setKeep({ 'The last': 5 });
  await shot(page, 'first-run-plan');
  await editor.save();
  await expect(firstRun.done).toBeVisible();

  const shell = new AppShell(page);
  await shell.goTo('Plans');
  const plans = new PlansPage(page);
  await plans.runNow('Home folder');
  await shell.goTo('Activity');
  const activity = new ActivityPage(page);
  const running = activity.runningJob('Plan "Home folder"');
  await expect(activity.progressOf(running)).toBeVisible();
  await expect(running).toContainText(/\/s · .+ left/, { timeout: 30_000 });
  await shot(page, 'activity-running');

  const finished = activity.finishedJob('Plan "Home folder"');
  await expect(finished).toContainText('Done', { timeout: 60_000 });
  await expect(activity.running).toHaveCount(0);
  await activity.details('Plan "Home folder"');
  await expect(finished).toContainText('Backing up');
  await shot(page, 'activity-finished');
});

test('a second run after some edits makes a second snapshot', async ({ page }) => {
  writeTree(source, { 'Documents/report.docx': reportV2, 'Documents/minutes.txt': 'Minutes of the meeting.\n' });
  fs.rmSync(path.join(source, 'Documents', 'old-letter.txt'));
  const shell = new AppShell(page);
  await shell.goTo('Plans');
  await new PlansPage(page).runNow('Home folder');
  await shell.goTo('Activity');
  await expect(new ActivityPage(page).finishedJob('Plan "Home folder"')).toHaveCount(2, { timeout: 60_000 });
  await expect(new ActivityPage(page).running).toHaveCount(0);
});

test('the snapshot tree is browsed folder by folder, with a text file and an image previewed', async ({ page, shot }) => {
  const shell = new AppShell(page);
  await shell.goTo('Snapshots');
  const snapshots = new SnapshotsPage(page);
  await expect(page.locator('li.snapshot')).toHaveCount(2);
  await shot(page, 'snapshots-timeline');

  await page.locator('li.snapshot').first().getByRole('button', { name: 'Browse' }).click();
  const browser = snapshots.browser;
  await expect(browser.rows).toHaveCount(3);
  await browser.openFolder('Documents');
  await expect(browser.row('minutes.txt')).toBeVisible();
  await expect(browser.row('old-letter.txt')).toHaveCount(0);
  await browser.row('notes.txt').click();
  await expect(browser.preview.locator('pre')).toContainText('Call the plumber on Tuesday.');
  await shot(page, 'snapshots-browser-text');

  await browser.breadcrumb.getByRole('button', { name: 'Top' }).click();
  await browser.openFolder('Photos');
  await browser.row('sunset.png').click();
  const image = browser.preview.getByRole('img', { name: 'Preview of sunset.png' });
  await expect(image).toBeVisible();
  expect(await image.evaluate((element: HTMLImageElement) => [element.naturalWidth, element.naturalHeight])).toEqual([96, 64]);
  await shot(page, 'snapshots-browser-image');
});

test('search finds every version of report.docx across the snapshots, and its versions are listed', async ({ page, shot }) => {
  const snapshots = new SnapshotsPage(page);
  await snapshots.browser.backToTimeline();
  await snapshots.search('report.docx');
  const result = snapshots.searchResult('/Documents/report.docx');
  await expect(result).toHaveCount(1);
  await expect(result).toContainText('2 versions');
  await expect(page.getByText(/1 file found in \d+ ms/)).toBeVisible();
  await shot(page, 'snapshots-search');

  await result.getByRole('button', { name: 'Versions' }).click();
  const versions = page.getByRole('list', { name: 'Versions, newest first' }).getByRole('listitem');
  await expect(versions).toHaveCount(2);
  await expect(versions.first()).toContainText(`${(reportV2.length / 1024).toFixed(1)} KiB`);
  await expect(versions.last()).toContainText(`${(reportV1.length / 1024).toFixed(1)} KiB`);
  await shot(page, 'snapshots-versions');
});

test('comparing the two snapshots shows what was added, removed and modified', async ({ page, shot }) => {
  const snapshots = new SnapshotsPage(page);
  await snapshots.compare();
  await expect(page.getByText(/^1 added, 1 removed, /)).toBeVisible();
  await expect(snapshots.changes).toHaveText([
    /^Details only\s*\/Documents(?!\/)/,
    /^Added\s*\/Documents\/minutes\.txt/,
    /^Removed\s*\/Documents\/old-letter\.txt/,
    /^Modified\s*\/Documents\/report\.docx/,
  ]);
  await snapshots.filterChanges({ 'Details only': false }, 'report');
  await expect(snapshots.changes).toHaveText([/^Modified\s*\/Documents\/report\.docx/]);
  await shot(page, 'snapshots-compare');
});

test('a multi-selection restored into a new folder is the same, byte for byte, as the source', async ({ page, shot }) => {
  const snapshots = new SnapshotsPage(page);
  await snapshots.tab('Timeline');
  await page.locator('li.snapshot').first().getByRole('button', { name: 'Browse' }).click();
  await snapshots.browser.select(['Documents', 'Photos']);
  await expect(snapshots.browser.selectionStatus).toHaveText('2 selected');
  await snapshots.browser.restoreSelection();

  const restore = new RestorePage(page);
  await expect(restore.items).toHaveCount(2);
  await restore.toFolder(restoreFolder);
  await restore.review();
  await expect(restore.summaryLine('Where')).toHaveText(`Straight into ${restoreFolder}`);
  await shot(page, 'restore-summary');
  await restore.start();

  const activity = new ActivityPage(page);
  await new AppShell(page).goTo('Activity');
  await expect(activity.finishedJob(`Restore 2 items to ${restoreFolder}`)).toContainText('Done', { timeout: 60_000 });
  expect(compareFolders(path.join(source, 'Documents'), path.join(restoreFolder, 'Documents'))).toEqual([]);
  expect(compareFolders(path.join(source, 'Photos'), path.join(restoreFolder, 'Photos'))).toEqual([]);
  expect(fs.existsSync(path.join(restoreFolder, 'Music'))).toBe(false);
});

test.describe('in the browser build', () => {
  test.skip(({ appKind }) => appKind !== 'web', 'Downloads are the browser build’s; Electron drags items out instead (see specs/electron/).');

  test('a file downloads as itself and a folder as a zip of its files', async ({ page }) => {
    await new AppShell(page).goTo('Snapshots');
    const snapshots = new SnapshotsPage(page);
    const browser = snapshots.browser;
    // The browser is still open where the restore was chosen.
    await browser.breadcrumb.getByRole('button', { name: 'Top' }).click();
    await browser.openFolder('Documents');
    await browser.row('notes.txt').click();
    const file = await browser.download();
    expect(file.suggestedFilename()).toBe('notes.txt');
    expect(fs.readFileSync(await file.path()).equals(fs.readFileSync(path.join(source, 'Documents', 'notes.txt')))).toBe(true);

    await browser.breadcrumb.getByRole('button', { name: 'Top' }).click();
    await browser.row('Photos').click();
    const folder = await browser.download();
    expect(folder.suggestedFilename()).toBe('Photos.zip');
    const zipped = readZip(fs.readFileSync(await folder.path()));
    expect([...zipped.keys()].sort()).toEqual(['Photos/Trip/beach.png', 'Photos/sunset.png']);
    expect(zipped.get('Photos/sunset.png')?.equals(fs.readFileSync(path.join(source, 'Photos', 'sunset.png')))).toBe(true);
    expect(zipped.get('Photos/Trip/beach.png')?.equals(fs.readFileSync(path.join(source, 'Photos', 'Trip', 'beach.png')))).toBe(true);
  });
});

test('a backup shows its time left until its last file is saved', async ({ app, page }) => {
  const large = path.join(root, 'Large');
  writeTree(large, { 'disk.img': randomBytes(256 * 1024 * 1024) });
  const store = await app.call('stores.create', { name: 'Large files', location: path.join(root, 'large-store'), encryption: 'none' });
  await new AppShell(page).goTo('Activity');
  const { jobId } = await app.call('backups.start', { storeId: store.id, sources: [large] });
  const card = new ActivityPage(page).running.and(page.getByTestId(`job-${jobId}`));
  const seen: string[] = [];
  while ((await app.call('jobs.get', { jobId })).endedAt === null) seen.push((await card.textContent({ timeout: 1_000 }).catch(() => '')) ?? '');
  expect((await app.call('jobs.get', { jobId })).status).toBe('succeeded');
  const said = [...new Set(seen.filter(Boolean))];
  expect(said, 'the running job was seen in Activity').not.toEqual([]);
  expect(said.some((line) => / left/.test(line)), `the time left never showed; the card said: ${said.join(' | ')}`).toBe(true);
});
