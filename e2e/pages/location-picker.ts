import type { Locator } from '@playwright/test';

/** Where a store, a source or a destination is: a local folder, a cloud account's folder, or a saved entry. */
export class LocationPicker {
  constructor(readonly root: Locator) {}

  async chooseLocalFolder(path: string): Promise<void> {
    await this.root.getByLabel('This computer', { exact: true }).check();
    await this.root.getByLabel('Folder', { exact: true }).fill(path);
  }

  /** Picks `@account:folder` by opening folders level by level, as a user would; `folders` from the top. */
  async browseCloudFolder(provider: 'Dropbox' | 'OpenDrive', account: string, folders: readonly string[]): Promise<void> {
    await this.root.getByLabel(provider, { exact: true }).check();
    await this.root.getByLabel('Account', { exact: true }).selectOption(account);
    for (const folder of folders) await this.root.getByRole('button', { name: `Open ${folder}`, exact: true }).click();
    await this.root.getByRole('button', { name: 'Use this folder' }).click();
  }

  /** Types the folder inside the account (it may not exist yet, for a new store). */
  async typeCloudFolder(provider: 'Dropbox' | 'OpenDrive', account: string, folder: string): Promise<void> {
    await this.root.getByLabel(provider, { exact: true }).check();
    await this.root.getByLabel('Account', { exact: true }).selectOption(account);
    await this.root.getByLabel('Folder', { exact: true }).fill(folder);
  }

  async chooseSaved(name: string): Promise<void> {
    await this.root.getByLabel('Saved', { exact: true }).check();
    await this.root.getByLabel('Saved entry').selectOption(`@${name}`);
  }
}
