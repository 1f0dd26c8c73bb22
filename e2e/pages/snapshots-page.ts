import type { Locator, Page } from '@playwright/test';

/** The folder browser of one snapshot: a virtualized listbox driven like a file manager. */
export class SnapshotBrowser {
  readonly listing: Locator;
  readonly rows: Locator;
  readonly breadcrumb: Locator;
  readonly selectionStatus: Locator;
  readonly preview: Locator;

  constructor(readonly page: Page) {
    this.listing = page.getByTestId('folder-listing');
    this.rows = this.listing.getByRole('option');
    this.breadcrumb = page.getByRole('navigation', { name: 'Folder' });
    this.selectionStatus = page.getByRole('toolbar', { name: 'Selection' }).locator('.toolbar-status');
    this.preview = page.getByRole('complementary');
  }

  row(name: string): Locator {
    return this.rows.filter({ has: this.page.locator('.entry-name', { hasText: new RegExp(`^${escape(name)}\\b`) }) });
  }

  get focusedRow(): Locator {
    return this.listing.locator('[role="option"].is-focused');
  }

  get selectedRows(): Locator {
    return this.listing.locator('[role="option"][aria-selected="true"]');
  }

  /** Sends keys to the list (it keeps the focus; rows are aria-activedescendant). */
  async press(...keys: string[]): Promise<void> {
    await this.listing.focus();
    for (const key of keys) await this.listing.press(key);
  }

  async openFolder(name: string): Promise<void> {
    await this.row(name).dblclick();
    await this.page.getByRole('listbox', { name: new RegExp(`${escape(name)}$`) }).waitFor();
  }

  async select(names: readonly string[]): Promise<void> {
    for (const [index, name] of names.entries()) await this.row(name).click({ modifiers: index === 0 ? [] : ['ControlOrMeta'] });
  }

  async restoreSelection(): Promise<void> {
    await this.page.getByRole('button', { name: 'Restore…' }).click();
  }

  /** Clicks Download (browser build) and resolves with the browser's download. */
  async download() {
    const download = this.page.waitForEvent('download');
    await this.page.getByRole('button', { name: 'Download' }).click();
    return download;
  }

  async versionsOfFocused(): Promise<Locator> {
    await this.page.getByRole('button', { name: 'Versions' }).click();
    return this.page.getByRole('dialog', { name: /^Versions of / });
  }

  async backToTimeline(): Promise<void> {
    await this.page.getByRole('button', { name: /All snapshots/ }).click();
  }
}

/** Snapshots: the store picker, the timeline, search and compare tabs, and the browser of one snapshot. */
export class SnapshotsPage {
  readonly browser: SnapshotBrowser;
  readonly searchResults: Locator;
  readonly changes: Locator;

  constructor(readonly page: Page) {
    this.browser = new SnapshotBrowser(page);
    this.searchResults = page.getByTestId('search-result');
    this.changes = page.getByRole('list', { name: 'Changes' }).getByRole('listitem');
  }

  async chooseStore(name: string): Promise<void> {
    await this.page.getByLabel('Store', { exact: true }).selectOption({ label: name });
  }

  async tab(name: 'Timeline' | 'Search' | 'Compare'): Promise<void> {
    await this.page.getByRole('tab', { name }).click();
  }

  /** The day sections of the timeline ("Today", "Yesterday", or a full date), newest first. */
  get days(): Locator {
    return this.page.locator('section.timeline-day');
  }

  snapshot(id: string): Locator {
    return this.page.getByTestId(`snapshot-${id}`);
  }

  async browse(snapshotId: string): Promise<SnapshotBrowser> {
    await this.snapshot(snapshotId).getByRole('button', { name: 'Browse' }).click();
    await this.browser.listing.or(this.page.getByText('This folder is empty.')).waitFor();
    return this.browser;
  }

  async setShowDeleted(isShown: boolean): Promise<void> {
    await this.page.getByLabel('Show deleted snapshots').setChecked(isShown);
  }

  async search(name: string, options: { allStores?: boolean } = {}): Promise<void> {
    await this.tab('Search');
    await this.page.getByLabel('Name', { exact: true }).fill(name);
    if (options.allStores) await this.page.getByLabel('Search in').selectOption({ label: 'Every open store' });
    await this.page.getByRole('button', { name: 'Search', exact: true }).click();
  }

  searchResult(path: string): Locator {
    const name = path.slice(path.lastIndexOf('/') + 1);
    return this.searchResults.filter({ has: this.page.getByText(name, { exact: true }) });
  }

  /** Compares two snapshots chosen by their option text (date and source); defaults are the last two. */
  async compare(options: { from?: string; to?: string } = {}): Promise<void> {
    await this.tab('Compare');
    if (options.from) await this.page.getByLabel('From', { exact: true }).selectOption({ label: options.from });
    if (options.to) await this.page.getByLabel('To', { exact: true }).selectOption({ label: options.to });
    await this.page.getByRole('button', { name: 'Compare', exact: true }).click();
  }

  async filterChanges(kinds: Readonly<Partial<Record<'Added' | 'Removed' | 'Modified' | 'Details only', boolean>>>, text?: string): Promise<void> {
    for (const [kind, isShown] of Object.entries(kinds)) await this.page.getByLabel(kind, { exact: true }).setChecked(isShown);
    if (text !== undefined) await this.page.getByLabel('Filter by name').fill(text);
  }
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
