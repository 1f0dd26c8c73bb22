import type { Locator, Page } from '@playwright/test';
import { LocationPicker } from './location-picker';

export type OverwriteChoice = 'Keep the existing file' | 'Replace it if the one from the snapshot is newer' | 'Always replace it';

/** Restore: what was chosen, where it goes, the policy for existing files, and the summary before it starts. */
export class RestorePage {
  readonly items: Locator;
  readonly summary: Locator;
  readonly emptyState: Locator;

  constructor(readonly page: Page) {
    this.items = page.getByRole('list', { name: 'Items to restore' }).getByRole('listitem');
    this.summary = page.getByTestId('restore-summary');
    this.emptyState = page.getByText(/Nothing to restore yet/);
  }

  async toOriginalPlace(): Promise<void> {
    await this.page.getByLabel('Back to where they came from').check();
  }

  /** "Restore here": straight into the folder unless `keepFullPaths`. */
  async toFolder(path: string, options: { keepFullPaths?: boolean } = {}): Promise<void> {
    await this.page.getByLabel('Into a folder on this computer').check();
    await this.page.getByLabel('Folder', { exact: true }).fill(path);
    await this.page.getByLabel('Re-create the folders above each item').setChecked(options.keepFullPaths ?? false);
  }

  /** Into Dropbox, OpenDrive or a saved destination: fill the returned picker. */
  async toCloud(): Promise<LocationPicker> {
    await this.page.getByLabel('Into Dropbox, OpenDrive or a saved destination').check();
    return new LocationPicker(this.page.getByRole('group', { name: 'Into Dropbox, OpenDrive or a saved destination' }));
  }

  async overwrite(choice: OverwriteChoice): Promise<void> {
    await this.page.getByLabel(choice).check();
  }

  async review(): Promise<void> {
    await this.page.getByRole('button', { name: 'Review…' }).click();
    await this.summary.waitFor();
  }

  /** A line of the summary: "What", "From the snapshot", "Where" or "Existing files". */
  summaryLine(term: 'What' | 'From the snapshot' | 'Where' | 'Existing files'): Locator {
    return this.summary.locator('dt', { hasText: term }).locator('xpath=following-sibling::dd[1]');
  }

  async start(): Promise<void> {
    await this.page.getByRole('button', { name: 'Start the restore' }).click();
  }
}
