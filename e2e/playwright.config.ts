import path from 'node:path';
import { defineConfig, type Project } from '@playwright/test';
import { electronUnavailableReason, type AppKind } from './fixtures/app-session';

/**
 * End-to-end specs with the real backend, in two projects:
 * - web: the headless server (dist/main/headless.js) and Debian's Chromium on its address
 *   (Playwright never downloads a browser here);
 * - electron: the Electron app (dist/main/main.js) through Playwright's `_electron.launch`, with
 *   the same specs plus those in specs/electron/. It needs an Electron binary and a display; where
 *   either is missing the project is left out, and one line says why.
 * Screenshots go to e2e/artifacts/, traces of failures to test-results/.
 */
const electronReason = electronUnavailableReason();
// The config is loaded by the runner and again by each worker: only the runner says it.
if (electronReason && process.env.TEST_WORKER_INDEX === undefined) {
  process.stdout.write(`Skipping the electron project: ${electronReason}. The web project runs alone.\n`);
}

type KlosetProject = Project<object, { appKind: AppKind }>;
const web: KlosetProject = { name: 'web', use: { appKind: 'web' }, testIgnore: '**/electron/**' };
const electron: KlosetProject = { name: 'electron', use: { appKind: 'electron' } };

export default defineConfig<object, { appKind: AppKind }>({
  testDir: path.join(import.meta.dirname, 'specs'),
  outputDir: path.join(import.meta.dirname, '..', 'test-results'),
  timeout: 60_000,
  expect: { timeout: 10_000 },
  fullyParallel: false,
  workers: 1,
  reporter: [['list']],
  projects: electronReason ? [web] : [web, electron],
});
