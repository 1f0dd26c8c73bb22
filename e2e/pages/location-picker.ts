import type { Locator } from '@playwright/test';

/** Where a store, a source or a destination is: a local folder, a cloud account's folder, or a saved entry. */
export class LocationPicker {
  constructor(readonly root: Locator) {}

  async chooseLocalFolder(path: string): Promise<void> {
    await this.root.getByLabel('This computer', { exact: true }).check();
    await this.root.getByLabel('Folder', { exact: true }).fill(path);
  }

  /** The folders the cloud folder browser shows, as their "Open <folder>" buttons. */
  get cloudFolders(): Locator {
    return this.root.getByRole('button', { name: /^Open / });
  }

  /** Switches to a provider and an account: its top-level folders are listed. */
  async showCloudAccount(provider: 'Dropbox' | 'OpenDrive', account: string): Promise<void> {
    await this.root.getByLabel(provider, { exact: true }).check();
    await this.root.getByLabel('Account', { exact: true }).selectOption(account);
  }

  /** Opens a folder of the one shown: its own folders are listed (loaded only now). */
  async openCloudFolder(folder: string): Promise<void> {
    await this.root.getByRole('button', { name: `Open ${folder}`, exact: true }).click();
  }

  async useShownCloudFolder(): Promise<void> {
    await this.root.getByRole('button', { name: 'Use this folder' }).click();
  }

  /** Picks `@account:folder` by opening folders level by level, as a user would; `folders` from the top. */
  async browseCloudFolder(provider: 'Dropbox' | 'OpenDrive', account: string, folders: readonly string[]): Promise<void> {
    await this.showCloudAccount(provider, account);
    for (const folder of folders) await this.openCloudFolder(folder);
    await this.useShownCloudFolder();
  }

  /** Types the folder inside the account (it may not exist yet, for a new store). */
  async typeCloudFolder(provider: 'Dropbox' | 'OpenDrive', account: string, folder: string): Promise<void> {
    await this.showCloudAccount(provider, account);
    await this.root.getByLabel('Folder', { exact: true }).fill(folder);
  }

  /** What the picker says is chosen ("Chosen: @dbx:Photos"). */
  get chosen(): Locator {
    return this.root.getByText(/^(Chosen: |No folder chosen yet)/);
  }

  async chooseSaved(name: string): Promise<void> {
    await this.root.getByLabel('Saved', { exact: true }).check();
    await this.root.getByLabel('Saved entry').selectOption(`@${name}`);
  }
}
