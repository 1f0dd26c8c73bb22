import { expect, test } from '../fixtures/test';

test('the app shell opens at the printed address, connects, and shows every section', async ({ page, server, shot }) => {
  await page.goto(server.url);
  await expect(page.getByTestId('connection-status')).toHaveText('Connected');
  await expect(page).not.toHaveURL(/token=/);

  const nav = page.getByRole('navigation', { name: 'Main' });
  for (const name of ['Sources', 'Stores', 'Snapshots', 'Restore', 'Plans', 'Activity', 'Settings']) {
    await nav.getByRole('link', { name }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(name);
  }
  await expect(page.getByText(/^Version \d+\.\d+\.\d+/)).toBeVisible();
  await shot(page, 'shell-settings-light');

  await page.getByLabel('Theme').selectOption('dark');
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  await shot(page, 'shell-settings-dark');
});

test('the shell stays connected after a reload, with the token kept for the tab', async ({ page, server }) => {
  await page.goto(server.url);
  await expect(page.getByTestId('connection-status')).toHaveText('Connected');
  await page.reload();
  await expect(page.getByTestId('connection-status')).toHaveText('Connected');
});

test('without the token the page says how to get access', async ({ page, server }) => {
  await page.goto(`${server.origin}/`);
  await expect(page.getByTestId('connection-status')).toContainText('Not authorized');
});

test('the API refuses a call without the token', async ({ request, server }) => {
  const response = await request.post(`${server.origin}/api/app.info`, { data: {} });
  expect(response.status()).toBe(401);
});
