/**
 * Draws the app's icons (app, tray states, drag image) as PNG files in resources/icons, with
 * Debian's Chromium through playwright-core: `npx tsx scripts/make-icons.ts`. Run it when the
 * artwork changes; the PNGs are committed.
 */
import fs from 'node:fs';
import path from 'node:path';
import { chromium } from '@playwright/test';

const out = path.resolve(import.meta.dirname, '..', 'resources', 'icons');
const vault = (stroke: string, fill: string, dot: string | null): string => `
  <svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 64">
    <rect x="6" y="10" width="52" height="44" rx="9" fill="${fill}" stroke="${stroke}" stroke-width="5"/>
    <circle cx="32" cy="32" r="10" fill="none" stroke="${stroke}" stroke-width="5"/>
    <path d="M32 22v-6M32 48v-6M22 32h-6M48 32h-6" stroke="${stroke}" stroke-width="5" stroke-linecap="round"/>
    ${dot ? `<circle cx="52" cy="14" r="11" fill="${dot}" stroke="white" stroke-width="3"/>` : ''}
  </svg>`;

const icons: ReadonlyArray<{ name: string; size: number; svg: string }> = [
  { name: 'app.png', size: 512, svg: vault('#ffffff', '#2456d6', null) },
  { name: 'tray-idle.png', size: 32, svg: vault('#000000', 'none', null) },
  { name: 'tray-running.png', size: 32, svg: vault('#2456d6', 'none', '#2456d6') },
  { name: 'tray-error.png', size: 32, svg: vault('#b3261e', 'none', '#b3261e') },
  { name: 'drag.png', size: 64, svg: vault('#2456d6', '#ffffff', null) },
];

async function main(): Promise<void> {
  fs.mkdirSync(out, { recursive: true });
  const browser = await chromium.launch({ executablePath: process.env.KLOSET_CHROMIUM ?? '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] });
  try {
    for (const icon of icons) {
      const page = await browser.newPage({ viewport: { width: icon.size, height: icon.size } });
      await page.setContent(`<html><body style="margin:0;background:transparent">${icon.svg.replace('<svg ', `<svg width="${icon.size}" height="${icon.size}" `)}</body></html>`);
      await page.screenshot({ path: path.join(out, icon.name), omitBackground: true });
      await page.close();
    }
  } finally {
    await browser.close();
  }
  process.stdout.write(`Icons written to ${out}\n`);
}

void main();
