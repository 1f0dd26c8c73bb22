import fs from 'node:fs';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { backUp } from '../fixtures/api-steps';
import { makeTempDir, writeTree } from '../fixtures/files';
import { expect, test } from '../fixtures/test';
import { AppShell } from '../pages/app-shell';
import { SnapshotsPage } from '../pages/snapshots-page';

/**
 * How the screens hold up with real volumes: a folder of 100,000 entries scrolled in the
 * snapshot browser, and searches across 51 snapshots (50 of a 2,000-file tree whose report
 * changes each time, and the one of the 100,000 entries). The fixture is built once for the
 * file, through the API. The figures are printed; the bounds are what "smooth" and "without
 * visible delay" mean on a slow machine (2 cores, software rendering).
 */
test.describe.configure({ mode: 'serial' });

const bigFolderSize = 100_000;
const reportRuns = 50;
let root = '';

test.beforeAll(async ({ sessions }, testInfo) => {
  testInfo.setTimeout(240_000);
  const app = await sessions.forFile(testInfo.file);
  root = makeTempDir('performance', { inMemory: true });
  const writingMs = Date.now();
  const big = path.join(root, 'Archive', 'mail');
  fs.mkdirSync(big, { recursive: true });
  for (let index = 0; index < bigFolderSize; index++) fs.writeFileSync(path.join(big, `message-${String(index).padStart(6, '0')}.eml`), `${index}\n`);
  const reports = path.join(root, 'Reports');
  writeTree(reports, Object.fromEntries(Array.from({ length: 2_000 }, (_, index) => [`year-${2000 + (index % 40)}/note-${index}.txt`, `note ${index}\n`])));

  const writtenMs = Date.now() - writingMs;
  const startedMs = Date.now();
  const { id: storeId } = await app.call('stores.create', { name: 'Performance', location: path.join(root, 'store'), encryption: 'none' });
  for (let run = 1; run <= reportRuns; run++) {
    writeTree(reports, { 'report.docx': `report, revision ${run}\n`.repeat(run) });
    await backUp(app, storeId, reports);
  }
  // Last, so that it heads the timeline.
  await backUp(app, storeId, path.join(root, 'Archive'));
  process.stdout.write(`performance fixture: ${bigFolderSize.toLocaleString('en')} + 2,000 files written in ${(writtenMs / 1000).toFixed(1)} s; ${reportRuns + 1} snapshots made through the API in ${((Date.now() - startedMs) / 1000).toFixed(1)} s\n`);
});

test.afterAll(() => {
  fs.rmSync(root, { recursive: true, force: true });
});

/** Median and 95th percentile of a list of durations. */
function spread(values: readonly number[]): { median: number; p95: number; max: number } {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (share: number): number => sorted[Math.min(sorted.length - 1, Math.floor(share * sorted.length))] ?? 0;
  return { median: at(0.5), p95: at(0.95), max: sorted.at(-1) ?? 0 };
}

const ms = (value: number): string => `${value.toFixed(1)} ms`;

test('the snapshot browser scrolls a folder of 100,000 entries smoothly', async ({ page, shot }) => {
  await new AppShell(page).goTo('Snapshots');
  const snapshots = new SnapshotsPage(page);
  await page.locator('li.snapshot').filter({ hasText: 'Archive' }).getByRole('button', { name: 'Browse' }).click();
  await snapshots.browser.openFolder('mail');
  await expect(snapshots.browser.rows.first()).toHaveAttribute('aria-setsize', String(bigFolderSize));

  const frames = await page.evaluate(async () => {
    const list = document.querySelector<HTMLElement>('[data-testid="folder-listing"]');
    if (!list) throw new Error('no listing');
    const durations: number[] = [];
    let last = await new Promise<number>((resolve) => requestAnimationFrame(resolve));
    for (let frame = 0; frame < 240; frame++) {
      list.scrollTop += 160;
      const now = await new Promise<number>((resolve) => requestAnimationFrame(resolve));
      durations.push(now - last);
      last = now;
    }
    return durations;
  });
  const scrolling = spread(frames);
  process.stdout.write(`browser scroll, 240 frames of 5 rows each: median frame ${ms(scrolling.median)}, p95 ${ms(scrolling.p95)}, worst ${ms(scrolling.max)}\n`);

  const jumps = await jumpLatencies(page, [70_000, 12_345, 99_950, 50_000, 3_210, 88_888]);
  const jumping = spread(jumps);
  process.stdout.write(`browser jump to a far row until its names are shown: median ${ms(jumping.median)}, worst ${ms(jumping.max)} (${jumps.map(ms).join(', ')})\n`);
  await shot(page, 'snapshots-browser-100k');

  expect(scrolling.median, 'median frame while scrolling').toBeLessThan(34);
  expect(scrolling.p95, '95th percentile frame while scrolling').toBeLessThan(100);
  expect(jumping.max, 'slowest jump until the rows show their names').toBeLessThan(1_000);
  await expect(snapshots.browser.row('message-088888.eml')).toBeVisible();
});

/** For each row index: scrolls it to the top and measures until the rows in view show their entries (no row still loading). */
function jumpLatencies(page: Page, indices: readonly number[]): Promise<number[]> {
  return page.evaluate(async (targets) => {
    const list = document.querySelector<HTMLElement>('[data-testid="folder-listing"]');
    if (!list) throw new Error('no listing');
    const rowHeight = 32;
    const latencies: number[] = [];
    for (const index of targets) {
      const started = performance.now();
      list.scrollTop = index * rowHeight;
      for (;;) {
        await new Promise((resolve) => requestAnimationFrame(resolve));
        const top = list.querySelector(`[role="option"][aria-posinset="${index + 1}"]`);
        if (top && !top.hasAttribute('aria-busy') && list.querySelectorAll('[role="option"][aria-busy]').length === 0) break;
      }
      latencies.push(performance.now() - started);
    }
    return latencies;
  }, indices);
}

/** Submits the search form and measures until the new results are on the screen; gives up after 10 s. */
function searchLatency(page: Page): Promise<{ elapsedMs: number; summary: string }> {
  return page.evaluate(
    () =>
      new Promise<{ elapsedMs: number; summary: string }>((resolve, reject) => {
        const before = document.querySelector('.search-results [role="status"]');
        const submit = document.querySelector<HTMLButtonElement>('form[role="search"] button[type="submit"]');
        if (!submit) throw new Error('no search button');
        const started = performance.now();
        const timer = setTimeout(() => reject(new Error('no search results within 10 s')), 10_000);
        const observer = new MutationObserver(() => {
          const summary = document.querySelector('.search-results [role="status"]');
          if (!summary || summary === before || !document.querySelector('[data-testid="search-result"]')) return;
          observer.disconnect();
          clearTimeout(timer);
          requestAnimationFrame(() => resolve({ elapsedMs: performance.now() - started, summary: summary.textContent ?? '' }));
        });
        observer.observe(document.body, { childList: true, subtree: true });
        submit.click();
      }),
  );
}

test('search answers across 51 snapshots without a visible delay', async ({ page, shot }) => {
  const snapshots = new SnapshotsPage(page);
  await snapshots.browser.backToTimeline();
  await snapshots.tab('Search');
  const name = page.getByLabel('Name', { exact: true });
  const timings: string[] = [];
  const measured: number[] = [];
  for (const query of ['report.docx', 'note-1*', 'message-09999?.eml']) {
    await name.fill(query);
    const { elapsedMs, summary } = await searchLatency(page);
    timings.push(`"${query}" ${ms(elapsedMs)} (${summary})`);
    measured.push(elapsedMs);
  }
  process.stdout.write(`search, from the click to the results on screen: ${timings.join('; ')}\n`);
  await expect(snapshots.searchResults).toHaveCount(10);
  await shot(page, 'snapshots-search-many');

  await name.fill('report.docx');
  await searchLatency(page);
  await expect(snapshots.searchResult('/report.docx')).toContainText(`${reportRuns} versions`);
  for (const elapsedMs of measured) expect(elapsedMs, 'time from the click to the results').toBeLessThan(1_000);
});
