import type { Locator, Page } from '@playwright/test';

export type Section = 'Sources' | 'Stores' | 'Snapshots' | 'Restore' | 'Plans' | 'Activity' | 'Settings';

/**
 * The frame around every screen: navigation, connection status, notifications, and the dialog
 * that asks for a store's passphrase (it can open from any screen).
 */
export class AppShell {
  readonly nav: Locator;
  readonly heading: Locator;
  readonly connectionStatus: Locator;
  readonly notices: Locator;

  constructor(readonly page: Page) {
    this.nav = page.getByRole('navigation', { name: 'Main' });
    this.heading = page.getByRole('heading', { level: 1 });
    this.connectionStatus = page.getByTestId('connection-status');
    this.notices = page.getByRole('region', { name: 'Notifications' });
  }

  /** Opens the app at the address the server printed and waits for the connection. */
  async open(url: string): Promise<void> {
    await this.page.goto(url);
    await this.connectionStatus.filter({ hasText: 'Connected' }).waitFor();
  }

  async goTo(section: Section): Promise<void> {
    await this.nav.getByRole('link', { name: section, exact: true }).click();
    await this.heading.filter({ hasText: section }).waitFor();
  }

  /** The error shown on the current screen (what happened, what to do, and its action buttons). */
  get error(): Locator {
    return this.page.getByRole('main').getByRole('alert');
  }

  /** Answers the passphrase dialog of a locked store. */
  async unlock(storeName: string, passphrase: string, options: { remember?: boolean } = {}): Promise<void> {
    const dialog = this.page.getByRole('dialog', { name: `Open “${storeName}”` });
    await dialog.getByLabel('Passphrase', { exact: true }).fill(passphrase);
    if (options.remember) await dialog.getByLabel('Remember the passphrase on this computer').check();
    await dialog.getByRole('button', { name: 'Open the store' }).click();
    await dialog.waitFor({ state: 'detached' });
  }
}
