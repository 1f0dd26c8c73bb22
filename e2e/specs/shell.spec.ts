import { AppShell } from '../pages/app-shell';
import { expect, test } from '../fixtures/test';

test('the app shell opens connected on the first run, and shows every section', async ({ app, page, shot }) => {
  await app.open();
  if (app.kind === 'web') await expect(page).not.toHaveURL(/token=/);
  const shell = new AppShell(page);
  await expect(shell.heading).toHaveText('Welcome to Kloset Desktop');
  await shot(page, 'welcome');

  for (const name of ['Sources', 'Stores', 'Snapshots', 'Restore', 'Plans', 'Activity', 'Settings'] as const) {
    await shell.goTo(name);
    await expect(shell.heading).toHaveText(name);
    await shot(page, `empty-${name.toLowerCase()}`);
  }
  await expect(page.getByText(/^Version \d+\.\d+\.\d+/)).toBeVisible();
});

test('the shell stays connected after a reload', async ({ page }) => {
  await page.reload();
  await expect(new AppShell(page).connectionStatus).toHaveText('Connected');
});

test.describe('in the browser build', () => {
  test.skip(({ appKind }) => appKind !== 'web', 'Only the browser build has an address and a token; Electron talks to main over IPC.');

  test('without the token the page says how to get access', async ({ app }) => {
    const page = await app.context.newPage();
    await page.goto(`${app.server?.origin}/`);
    await expect(page.getByTestId('connection-status')).toContainText('Not authorized');
    await page.close();
  });

  test('the API refuses a call without the token', async ({ app, request }) => {
    const response = await request.post(`${app.server?.origin}/api/app.info`, { data: {} });
    expect(response.status()).toBe(401);
  });
});
