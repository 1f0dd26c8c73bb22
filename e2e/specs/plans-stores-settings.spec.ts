import fs from 'node:fs';
import path from 'node:path';
import { backUp } from '../fixtures/api-steps';
import { makeTempDir, randomBytes, writeTree } from '../fixtures/files';
import { expect, test } from '../fixtures/test';
import { ActivityPage } from '../pages/activity-page';
import { AppShell } from '../pages/app-shell';
import { PlansPage } from '../pages/plans-page';
import { SettingsPage } from '../pages/settings-page';
import { StoresPage } from '../pages/stores-page';

/**
 * Plans (one on a cron schedule that comes due within two minutes, one run by hand), the Stores
 * screen (details, growth chart, check, passphrase change) and Settings (theme, export and
 * import). The scheduled plan is made first so that its wait overlaps the other tests.
 */
test.describe.configure({ mode: 'serial' });

let root = '';
let storeId = '';
const storeName = 'Family archive';
const firstPassphrase = 'marble lantern orchard 1987 quietly';
const secondPassphrase = 'velvet compass thunder 2041 gently';

test.beforeAll(() => {
  root = makeTempDir('plans');
  writeTree(path.join(root, 'Documents'), { 'taxes-2024.pdf': 'Taxes\n'.repeat(2000), 'letters/aunt.txt': 'Dear aunt,\n' });
  writeTree(path.join(root, 'Recipes'), { 'bread.md': '# Bread\nFlour, water, salt, time.\n' });
});

test.afterAll(() => {
  fs.rmSync(root, { recursive: true, force: true });
});

test('a plan on a cron schedule and a daily plan are made in the plan editor', async ({ app, page, shot }) => {
  storeId = (await app.call('stores.create', { name: storeName, location: path.join(root, 'store'), encryption: { passphrase: firstPassphrase } })).id;
  const shell = new AppShell(page);
  await shell.goTo('Plans');
  const plans = new PlansPage(page);

  const everyMinute = await plans.newPlan();
  await everyMinute.setName('Recipes every minute');
  await everyMinute.addLocalSource(path.join(root, 'Recipes'));
  await everyMinute.chooseStore(storeName);
  await everyMinute.setSchedule({ kind: 'cron', expression: '* * * * *' });
  await expect(everyMinute.scheduleSummary).toContainText('Cron: * * * * *');
  await everyMinute.setKeep({ 'The last': 20 });
  await everyMinute.save();
  await expect(plans.plan('Recipes every minute')).toContainText(/Next run (now|in \d+ s|in 1 min)/);

  const daily = await plans.newPlan();
  await daily.setName('Documents daily');
  await daily.addLocalSource(path.join(root, 'Documents'));
  await daily.chooseStore(storeName);
  await daily.setSchedule({ kind: 'daily', at: `${String((new Date().getHours() + 12) % 24).padStart(2, '0')}:30` });
  await daily.setKeep({ 'The last': 20 });
  await expect(daily.errorSummary).toHaveCount(0);
  await shot(page, 'plans-editor');
  await daily.save();
  await expect(plans.list.getByRole('listitem')).toHaveCount(2);
  await expect(plans.plan('Documents daily')).toContainText('Never run yet');
  await shot(page, 'plans');
});

test('Run now starts a plan at once, and its run ends well in Activity', async ({ page }) => {
  const plans = new PlansPage(page);
  await plans.runNow('Documents daily');
  await expect(plans.plan('Documents daily')).toContainText(/The backup has started|Running now/);
  await expect(plans.plan('Documents daily')).toContainText(/Last run .+: succeeded/, { timeout: 30_000 });
  await new AppShell(page).goTo('Activity');
  await expect(new ActivityPage(page).finishedJob('Plan "Documents daily"')).toContainText('Done');
});

test('the theme follows the choice in Settings over the system’s', async ({ page, shot }) => {
  await new AppShell(page).goTo('Settings');
  const settings = new SettingsPage(page);
  const background = page.locator('html');
  await settings.setTheme('Dark');
  await expect(background).toHaveAttribute('data-theme', 'dark');
  await expect(background).toHaveCSS('background-color', 'rgb(23, 24, 26)');
  await page.emulateMedia({ colorScheme: 'dark' });
  await settings.setTheme('Light');
  await expect(background).toHaveAttribute('data-theme', 'light');
  await expect(background).toHaveCSS('background-color', 'rgb(247, 247, 248)');
  await settings.setTheme('Same as the system');
  await expect(background).toHaveCSS('background-color', 'rgb(23, 24, 26)');
  await page.emulateMedia({ colorScheme: 'light' });
  await expect(background).toHaveCSS('background-color', 'rgb(247, 247, 248)');
  await shot(page, 'settings');
});

test('settings export to a file that imports back, bringing a plan with it', async ({ page }) => {
  const settings = new SettingsPage(page);
  const download = await settings.exportSettings();
  expect(download.suggestedFilename()).toBe('kloset-settings.json');
  const exported = JSON.parse(fs.readFileSync(await download.path(), 'utf8')) as { kind: string; settings: { theme: string }; plans: Array<{ name: string; isPaused: boolean }> };
  expect(exported.kind).toBe('kloset-desktop-settings');
  expect(exported.plans.map((plan) => plan.name).sort()).toEqual(['Documents daily', 'Recipes every minute']);
  expect(JSON.stringify(exported)).not.toContain(firstPassphrase);

  const daily = exported.plans.find((plan) => plan.name === 'Documents daily');
  const edited = { ...exported, settings: { ...exported.settings, theme: 'dark' }, plans: [{ ...daily, name: 'Documents (imported)', isPaused: true }] };
  const file = path.join(root, 'settings-to-import.json');
  fs.writeFileSync(file, JSON.stringify(edited));
  await settings.importSettings(file);
  await expect(page.getByRole('status').filter({ hasText: 'Imported: the settings, 1 plan' })).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  await settings.setTheme('Same as the system');

  await new AppShell(page).goTo('Plans');
  await expect(new PlansPage(page).plan('Documents (imported)')).toContainText('Paused');
});

test('the store shows its details and its growth, snapshot by snapshot', async ({ app, page, shot }) => {
  const documents = path.join(root, 'Documents');
  for (const [index, mebibytes] of [1, 3, 2].entries()) {
    writeTree(documents, { [`scans/scan-${index + 1}.tiff`]: randomBytes(mebibytes * 1024 * 1024) });
    await backUp(app, storeId, documents);
  }
  await new AppShell(page).goTo('Stores');
  const stores = new StoresPage(page);
  await stores.showDetails(storeName);
  const snapshotCount = Number(await stores.fact('Snapshots').textContent());
  expect(snapshotCount).toBeGreaterThanOrEqual(4);
  await expect(stores.fact('Location')).toHaveText(path.join(root, 'store'));
  await expect(stores.fact('Stored')).toHaveText(/^6\.\d MiB$/);
  await shot(page, 'stores');
  await expect(stores.growthCharts).toHaveCount(2);
  await stores.detail.getByText('Show the numbers as a table').click();
  await expect(stores.growthTable.locator('tbody tr')).toHaveCount(snapshotCount);
});

test('Check now runs a check that ends well, and the store says when it was checked', async ({ page }) => {
  const stores = new StoresPage(page);
  await stores.check('Quick check');
  await new AppShell(page).goTo('Activity');
  await expect(new ActivityPage(page).finishedJob(`Check ${storeName} (structure only)`)).toContainText('Done', { timeout: 30_000 });
  await new AppShell(page).goTo('Stores');
  await stores.showDetails(storeName);
  await expect(stores.fact('Last check')).toContainText(/^Checked .+: no problem$/);
});

test('the plan on a cron schedule runs by itself, and its run shows in Activity', async ({ app, page, shot }) => {
  // The next minute boundary, plus the scheduler's random spread of up to 60 s.
  test.setTimeout(80_000);
  const activity = new ActivityPage(page);
  await new AppShell(page).goTo('Activity');
  await expect(activity.history.filter({ hasText: 'Plan "Recipes every minute"' }).first()).toContainText('Done', { timeout: 140_000 });
  await shot(page, 'activity');
  const plan = (await app.call('plans.list', {})).plans.find((item) => item.name === 'Recipes every minute');
  expect(plan?.status.lastRun?.result).toBe('succeeded');
  await new AppShell(page).goTo('Plans');
  await new PlansPage(page).setPaused('Recipes every minute', true);
  await expect(new PlansPage(page).plan('Recipes every minute')).toContainText('Paused');
});

test('the passphrase changes, and only the new one opens the store', async ({ page }) => {
  const shell = new AppShell(page);
  await shell.goTo('Stores');
  const stores = new StoresPage(page);
  await stores.showDetails(storeName);
  await stores.changePassphrase(storeName, firstPassphrase, secondPassphrase);
  await stores.lock();
  await stores.open(storeName);

  const dialog = page.getByRole('dialog', { name: `Open “${storeName}”` });
  await dialog.getByLabel('Passphrase', { exact: true }).fill(firstPassphrase);
  await dialog.getByRole('button', { name: 'Open the store' }).click();
  await expect(dialog.getByRole('alert')).toContainText('Wrong passphrase');
  await dialog.getByRole('button', { name: 'Cancel' }).click();

  await stores.open(storeName);
  await shell.unlock(storeName, secondPassphrase);
  await expect(stores.fact('Snapshots')).not.toHaveText('—');
  expect(storeId).not.toBe('');
});
