import type { Locator, Page } from '@playwright/test';
import { LocationPicker } from './location-picker';

/** Sources: cloud accounts (connect, check, reconnect, remove), named sources and destinations. */
export class SourcesPage {
  readonly accounts: Locator;
  readonly sources: Locator;
  readonly destinations: Locator;

  constructor(readonly page: Page) {
    this.accounts = page.getByRole('list', { name: 'Connected accounts' });
    this.sources = page.getByRole('list', { name: 'Named sources' });
    this.destinations = page.getByRole('list', { name: 'Named destinations' });
  }

  account(name: string): Locator {
    return this.page.getByTestId(`account-${name}`);
  }

  /** Opens "Connect Dropbox", names the account and switches to pasting a token; returns the dialog. */
  async startDropboxWithToken(name: string): Promise<Locator> {
    await this.page.getByRole('button', { name: 'Connect Dropbox' }).click();
    const dialog = this.page.getByRole('dialog', { name: 'Connect Dropbox' });
    await dialog.getByLabel('Name in Kloset Desktop').fill(name);
    await dialog.getByRole('button', { name: 'Paste a token instead' }).click();
    return dialog;
  }

  /** Opens "Connect Dropbox", names the account and signs in with the browser; returns the dialog and the popup the app opened. */
  async startDropboxInBrowser(name: string): Promise<{ dialog: Locator; popup: Page }> {
    await this.page.getByRole('button', { name: 'Connect Dropbox' }).click();
    const dialog = this.page.getByRole('dialog', { name: 'Connect Dropbox' });
    await dialog.getByLabel('Name in Kloset Desktop').fill(name);
    const popup = this.page.waitForEvent('popup');
    await dialog.getByRole('button', { name: 'Sign in with your browser' }).click();
    return { dialog, popup: await popup };
  }

  /** Pastes a token into the dialog and connects with it; a refused token leaves the dialog open with the reason. */
  async submitToken(dialog: Locator, token: string): Promise<void> {
    await dialog.getByLabel('Token').fill(token);
    await dialog.getByRole('button', { name: 'Connect with this token' }).click();
  }

  /** Waits for the dialog to say the account is connected, and closes it. */
  async finishConnecting(dialog: Locator, name: string): Promise<void> {
    await dialog.getByText(`“${name}” is connected.`).waitFor();
    await dialog.getByRole('button', { name: 'Done' }).click();
    await dialog.waitFor({ state: 'detached' });
  }

  /** "Reconnect" on an expired Dropbox account, answered with a pasted token. */
  async reconnectDropboxWithToken(name: string, token: string): Promise<void> {
    await this.account(name).getByRole('button', { name: 'Reconnect' }).click();
    const dialog = this.page.getByRole('dialog', { name: `Sign in to “${name}” again` });
    await dialog.getByRole('button', { name: 'Paste a token instead' }).click();
    await this.submitToken(dialog, token);
    await this.finishConnecting(dialog, name);
  }

  /** Fills "Connect OpenDrive" and presses Connect; returns the dialog, which closes once the account is connected. */
  async submitOpenDrive(name: string, username: string, password: string): Promise<Locator> {
    await this.page.getByRole('button', { name: 'Connect OpenDrive' }).click();
    const dialog = this.page.getByRole('dialog', { name: 'Connect OpenDrive' });
    await this.fillOpenDriveFields(dialog, { name, username, password });
    return dialog;
  }

  /** Types another password into an OpenDrive dialog that refused the last one, and connects. */
  async retryOpenDrivePassword(dialog: Locator, password: string): Promise<void> {
    await dialog.getByLabel('Password').fill(password);
    await dialog.getByRole('button', { name: 'Connect' }).click();
    await dialog.waitFor({ state: 'detached' });
  }

  /** "Reconnect" on an expired OpenDrive account, answered with the user name and password. */
  async reconnectOpenDrive(name: string, username: string, password: string): Promise<void> {
    await this.account(name).getByRole('button', { name: 'Reconnect' }).click();
    const dialog = this.page.getByRole('dialog', { name: `Sign in to “${name}” again` });
    await this.fillOpenDriveFields(dialog, { username, password });
    await dialog.waitFor({ state: 'detached' });
  }

  async checkAccount(name: string): Promise<void> {
    await this.account(name).getByRole('button', { name: 'Check' }).click();
  }

  async removeAccount(name: string): Promise<void> {
    await this.account(name).getByRole('button', { name: 'Remove' }).click();
    await this.page.getByRole('dialog', { name: `Remove the account “${name}”?` }).getByRole('button', { name: 'Remove' }).click();
  }

  /** Opens "Add a source" or "Add a destination"; fill the returned picker, then call `saveEntry`. */
  async addEntry(kind: 'source' | 'destination', name: string): Promise<LocationPicker> {
    await this.page.getByRole('button', { name: `Add a ${kind}` }).click();
    const dialog = this.page.getByRole('dialog', { name: `Add a ${kind}` });
    await dialog.getByLabel('Name', { exact: true }).fill(name);
    return new LocationPicker(dialog.getByRole('group', { name: 'Location' }));
  }

  async saveEntry(): Promise<void> {
    await this.page.getByRole('dialog').getByRole('button', { name: 'Add', exact: true }).click();
  }

  private async fillOpenDriveFields(dialog: Locator, fields: { name?: string; username: string; password: string }): Promise<void> {
    if (fields.name) await dialog.getByLabel('Name in Kloset Desktop').fill(fields.name);
    await dialog.getByLabel('Email or user name').fill(fields.username);
    await dialog.getByLabel('Password').fill(fields.password);
    await dialog.getByRole('button', { name: 'Connect' }).click();
  }
}
