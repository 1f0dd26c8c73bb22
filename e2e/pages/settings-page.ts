import type { Download, Locator, Page } from '@playwright/test';

/** Settings: theme, notifications, start-up, bandwidth, rclone, about, export and import. */
export class SettingsPage {
  readonly theme: Locator;
  readonly dataFolder: Locator;
  readonly version: Locator;

  constructor(readonly page: Page) {
    this.theme = page.getByLabel('Theme');
    this.dataFolder = page.getByText(/^Data folder: /);
    this.version = page.getByText(/^Version \d/);
  }

  async setTheme(theme: 'Same as the system' | 'Light' | 'Dark'): Promise<void> {
    await this.theme.selectOption({ label: theme });
  }

  async setNotification(label: 'When a backup or another job fails' | 'When a restore is done' | 'When an account must be signed in again', isOn: boolean): Promise<void> {
    await this.page.getByLabel(label).setChecked(isOn);
  }

  /** null removes the limit. */
  async setBandwidthLimit(kibPerSecond: number | null): Promise<void> {
    await this.page.getByLabel('Limit the speed of cloud transfers').setChecked(kibPerSecond !== null);
    if (kibPerSecond === null) return;
    const field = this.page.getByLabel('Limit (KiB/s)');
    await field.fill(String(kibPerSecond));
    await field.press('Enter');
  }

  /** null goes back to the bundled rclone. */
  async setRclonePath(path: string | null): Promise<void> {
    await this.page.getByLabel(/Use the rclone that comes with Kloset Desktop/).setChecked(path === null);
    if (path === null) return;
    const field = this.page.getByLabel('Path of the rclone program');
    await field.fill(path);
    await field.press('Enter');
  }

  async exportSettings(): Promise<Download> {
    const download = this.page.waitForEvent('download');
    await this.page.getByRole('button', { name: 'Export settings…' }).click();
    return download;
  }

  async importSettings(file: string): Promise<void> {
    await this.page.getByLabel('Settings file to import').setInputFiles(file);
    await this.page.getByRole('dialog', { name: 'Import these settings?' }).getByRole('button', { name: 'Import' }).click();
    await this.page.getByText(/^Imported: /).waitFor();
  }
}
