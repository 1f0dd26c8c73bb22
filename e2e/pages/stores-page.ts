import type { Locator, Page } from '@playwright/test';

/** Stores: the list, the chosen store's details and growth, and what can be done with it. */
export class StoresPage {
  readonly list: Locator;
  readonly detail: Locator;
  readonly growthCharts: Locator;
  readonly growthTable: Locator;

  constructor(readonly page: Page) {
    this.list = page.getByRole('list', { name: 'Stores' });
    this.detail = page.locator('section.store-detail');
    this.growthCharts = this.detail.getByRole('img');
    this.growthTable = this.detail.getByRole('table');
  }

  store(name: string): Locator {
    return this.list.getByRole('listitem').filter({ has: this.page.getByText(name, { exact: true }) });
  }

  async showDetails(name: string): Promise<void> {
    await this.store(name).getByRole('button', { name: `Details: ${name}` }).click();
    await this.page.getByRole('heading', { name: `About ${name}` }).waitFor();
  }

  /** A value of the details list, by its term ("Stored", "Snapshots", "Deduplication", "Last check"…). */
  fact(term: string): Locator {
    return this.detail.locator('dt', { hasText: term }).locator('xpath=following-sibling::dd[1]');
  }

  /** Opens the "Add a store" dialog; the form inside is the first run's (see FirstRunPage). */
  async add(): Promise<Locator> {
    await this.page.getByRole('button', { name: 'Add a store' }).first().click();
    return this.page.getByRole('dialog', { name: 'Add a store' });
  }

  async open(name: string): Promise<void> {
    await this.store(name).getByRole('button', { name: 'Open', exact: true }).click();
  }

  async lock(): Promise<void> {
    await this.detail.getByRole('button', { name: 'Lock' }).click();
  }

  async check(level: 'Quick check' | 'Full check'): Promise<void> {
    await this.detail.getByRole('button', { name: level }).click();
    await this.detail.getByText('The check has started.').waitFor();
  }

  async changePassphrase(name: string, current: string, next: string): Promise<void> {
    await this.detail.getByRole('button', { name: 'Change passphrase…' }).click();
    const dialog = this.page.getByRole('dialog', { name: `Change the passphrase of “${name}”` });
    await dialog.getByLabel('Current passphrase').fill(current);
    await dialog.getByLabel('New passphrase').fill(next);
    await dialog.getByLabel('Type the passphrase again').fill(next);
    await dialog.getByLabel(/I have written the passphrase down/).check();
    await dialog.getByRole('button', { name: 'Change passphrase' }).click();
    await dialog.getByText(/The passphrase is changed/).waitFor();
    await dialog.getByRole('button', { name: 'Done' }).click();
  }

  async remove(name: string): Promise<void> {
    await this.detail.getByRole('button', { name: 'Remove from the app…' }).click();
    await this.page.getByRole('dialog', { name: `Remove “${name}” from Kloset Desktop?` }).getByRole('button', { name: 'Remove' }).click();
  }
}
