import type { Locator, Page } from '@playwright/test';
import { LocationPicker } from './location-picker';
import { PlanEditor } from './plans-page';

/** The first run (#/welcome): a store, then a first plan or "Skip for now". */
export class FirstRunPage {
  readonly heading: Locator;
  readonly steps: Locator;
  readonly storeForm: Locator;
  readonly location: LocationPicker;
  readonly strengthMeter: Locator;
  readonly planEditor: PlanEditor;
  readonly done: Locator;

  constructor(readonly page: Page) {
    this.heading = page.getByRole('heading', { level: 1, name: 'Welcome to Kloset Desktop' });
    this.steps = page.getByRole('list', { name: 'Steps' });
    this.storeForm = page.getByRole('form', { name: 'Set up a store' });
    this.location = new LocationPicker(this.storeForm.getByRole('group', { name: 'Where the store lives' }));
    this.strengthMeter = page.getByTestId('strength-meter');
    this.planEditor = new PlanEditor(page);
    this.done = page.getByRole('heading', { name: 'All set' });
  }

  async createEncryptedStore(options: { name?: string; passphrase: string; remember?: boolean }): Promise<void> {
    await this.storeForm.getByLabel('Create a new store').check();
    if (options.name) await this.storeForm.getByLabel('Name', { exact: true }).fill(options.name);
    await this.storeForm.getByLabel('Passphrase', { exact: true }).fill(options.passphrase);
    await this.storeForm.getByLabel('Type the passphrase again').fill(options.passphrase);
    await this.storeForm.getByLabel(/I have written the passphrase down/).check();
    if (options.remember) await this.storeForm.getByLabel(/Remember the passphrase/).check();
    await this.storeForm.getByRole('button', { name: 'Create the store' }).click();
  }

  async createUnencryptedStore(name?: string): Promise<void> {
    await this.storeForm.getByLabel('Create a new store').check();
    if (name) await this.storeForm.getByLabel('Name', { exact: true }).fill(name);
    await this.storeForm.getByLabel('Do not encrypt this store (not recommended)').check();
    await this.storeForm.getByLabel('I understand that this store will not be encrypted.').check();
    await this.storeForm.getByRole('button', { name: 'Create the store' }).click();
  }

  async openExistingStore(options: { name?: string; passphrase?: string }): Promise<void> {
    await this.storeForm.getByLabel('Open an existing store').check();
    if (options.name) await this.storeForm.getByLabel('Name', { exact: true }).fill(options.name);
    if (options.passphrase) await this.storeForm.getByLabel('Passphrase', { exact: true }).fill(options.passphrase);
    await this.storeForm.getByRole('button', { name: 'Open the store' }).click();
  }

  async skipPlan(): Promise<void> {
    await this.page.getByRole('button', { name: 'Skip for now' }).click();
    await this.done.waitFor();
  }
}
