import path from 'node:path';
import { defineConfig } from '@playwright/test';

/**
 * End-to-end specs against the headless server with the real backend, in Debian's Chromium
 * (Playwright never downloads a browser here). Screenshots go to e2e/artifacts/.
 */
const chromium = process.env.KLOSET_CHROMIUM ?? '/usr/bin/chromium';

export default defineConfig({
  testDir: path.join(import.meta.dirname, 'specs'),
  outputDir: path.join(import.meta.dirname, '..', 'test-results'),
  timeout: 60_000,
  fullyParallel: false,
  workers: 1,
  reporter: [['list']],
  use: {
    headless: true,
    viewport: { width: 1280, height: 800 },
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
  },
  projects: [
    {
      name: 'web',
      use: {
        browserName: 'chromium',
        launchOptions: {
          executablePath: chromium,
          args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
        },
      },
    },
  ],
});
