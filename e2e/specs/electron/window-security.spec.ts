import { expect, test } from '../../fixtures/test';

/**
 * The Electron window's defences, seen from both sides: the main process's web preferences, and
 * the page itself (no Node.js, a CSP that blocks inline script, no way out of the app's origin).
 */
test('the window runs sandboxed with context isolation and without Node.js integration', async ({ app }) => {
  // getLastWebPreferences is not in Electron's typings, but its own guest-view code reads a
  // window's effective preferences with it; there is no documented way after creation.
  const preferences = await app.electronApp?.evaluate(({ BrowserWindow }) => {
    const contents = BrowserWindow.getAllWindows()[0]?.webContents as unknown as { getLastWebPreferences(): Electron.WebPreferences } | undefined;
    const prefs = contents?.getLastWebPreferences();
    return { contextIsolation: prefs?.contextIsolation, sandbox: prefs?.sandbox, nodeIntegration: prefs?.nodeIntegration, webviewTag: prefs?.webviewTag };
  });
  expect(preferences).toEqual({ contextIsolation: true, sandbox: true, nodeIntegration: false, webviewTag: false });
});

test('the page has no require, process or module, and only the three members of the bridge', async ({ page }) => {
  const globals = await page.evaluate(() => [typeof (globalThis as { require?: unknown }).require, typeof (globalThis as { process?: unknown }).process, typeof (globalThis as { module?: unknown }).module]);
  expect(globals).toEqual(['undefined', 'undefined', 'undefined']);
  const bridge = await page.evaluate(() => Object.keys((window as unknown as { bridge: object }).bridge).sort());
  expect(bridge).toEqual(['call', 'listen', 'platform']);
  expect(page.url()).toMatch(/^app:\/\/kloset\/index\.html(#|$)/);
});

test('the page is served with a Content Security Policy that blocks inline script', async ({ page }) => {
  const csp = await page.evaluate(async () => (await fetch('/index.html')).headers.get('content-security-policy'));
  expect(csp).toContain("script-src 'self'");
  expect(csp).toContain("default-src 'none'");
  const outcome = await page.evaluate(
    () =>
      new Promise<{ ran: boolean; violated: string | null }>((resolve) => {
        let violated: string | null = null;
        document.addEventListener('securitypolicyviolation', (event) => (violated = event.violatedDirective), { once: true });
        const script = document.createElement('script');
        script.textContent = 'document.documentElement.dataset.inline = "ran"';
        document.head.append(script);
        setTimeout(() => resolve({ ran: document.documentElement.dataset.inline === 'ran', violated }), 100);
      }),
  );
  expect(outcome).toEqual({ ran: false, violated: expect.stringMatching(/^script-src/) });
});

test('navigating away is blocked, and window.open opens no window (https links and loopback sign-in pages go to the system browser)', async ({ app, page }) => {
  const electronApp = app.electronApp;
  if (!electronApp) throw new Error('The Electron application is missing from the session.');
  await electronApp.evaluate(({ shell }) => {
    const opened: string[] = [];
    (globalThis as { openedExternally?: string[] }).openedExternally = opened;
    shell.openExternal = async (url) => {
      opened.push(url);
    };
  });
  await page.evaluate(() => {
    window.location.href = 'http://127.0.0.1:9/elsewhere';
  });
  await page.waitForTimeout(500);
  expect(page.url()).toMatch(/^app:\/\/kloset\/index\.html(#|$)/);

  const opened = await page.evaluate(() => [
    window.open('http://example.com/popup') === null,
    window.open('https://example.org/help') === null,
    window.open('http://127.0.0.1:53682/auth?state=s') === null,
  ]);
  expect(opened).toEqual([true, true, true]);
  await page.waitForTimeout(200);
  expect(electronApp.windows()).toHaveLength(1);
  expect(await electronApp.evaluate(() => (globalThis as { openedExternally?: string[] }).openedExternally)).toEqual(['https://example.org/help', 'http://127.0.0.1:53682/auth?state=s']);
});
