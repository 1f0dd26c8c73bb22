import { expect, type Locator, type Page } from '@playwright/test';
import { LocationPicker } from './location-picker';

export type ExcludePreset = 'Dependency and build caches' | 'Temporary files and Office lock files' | 'System clutter';
export type ScheduleChoice =
  | { readonly kind: 'interval'; readonly everyHours: number }
  | { readonly kind: 'daily'; readonly at: string }
  | { readonly kind: 'weekly'; readonly days: readonly string[]; readonly at: string }
  | { readonly kind: 'cron'; readonly expression: string };

/** Every day at a time about twelve hours away, so that a plan runs only when asked to. */
export function dailyFarFromNow(): ScheduleChoice {
  const hour = (new Date().getHours() + 12) % 24;
  return { kind: 'daily', at: `${String(hour).padStart(2, '0')}:00` };
}

const repeatLabels: Readonly<Record<ScheduleChoice['kind'], string>> = {
  interval: 'Every few hours',
  daily: 'Every day',
  weekly: 'On some days of the week',
  cron: 'Custom (cron expression)',
};

/** The plan editor, in Plans ("New plan", "Edit") and in the first run's second step. */
export class PlanEditor {
  readonly form: Locator;
  readonly errorSummary: Locator;
  readonly newSource: LocationPicker;
  readonly scheduleSummary: Locator;
  readonly retentionSummary: Locator;

  constructor(readonly page: Page) {
    this.form = page.locator('form.plan-editor');
    this.errorSummary = this.form.getByRole('alert').filter({ hasText: 'Some fields need attention' });
    this.newSource = new LocationPicker(this.form.getByRole('group', { name: 'Folder to add' }));
    this.scheduleSummary = this.form.getByRole('group', { name: 'When' }).locator('[aria-live]');
    this.retentionSummary = this.form.getByRole('group', { name: 'Which snapshots to keep' }).locator('[aria-live]');
  }

  async setName(name: string): Promise<void> {
    await this.form.getByLabel('Name', { exact: true }).fill(name);
  }

  async addLocalSource(path: string): Promise<void> {
    await this.newSource.chooseLocalFolder(path);
    await this.addChosenSource();
  }

  /** "Add this folder": adds what the new source's picker has chosen. */
  async addChosenSource(): Promise<void> {
    await this.form.getByRole('button', { name: 'Add this folder' }).click();
  }

  get sources(): Locator {
    return this.form.getByRole('list', { name: 'Chosen folders' }).getByRole('listitem');
  }

  async chooseStore(name: string): Promise<void> {
    await this.form.getByLabel('Store', { exact: true }).selectOption({ label: name });
  }

  async setPreset(preset: ExcludePreset, isOn: boolean): Promise<void> {
    await this.form.getByLabel(preset).setChecked(isOn);
  }

  async setCustomExcludes(lines: readonly string[]): Promise<void> {
    await this.form.getByLabel('Other patterns to skip, one per line').fill(lines.join('\n'));
  }

  async setSchedule(schedule: ScheduleChoice): Promise<void> {
    await this.form.getByLabel('Repeat').selectOption({ label: repeatLabels[schedule.kind] });
    if (schedule.kind === 'interval') await this.form.getByLabel('Every (hours)').fill(String(schedule.everyHours));
    if (schedule.kind === 'weekly') {
      for (const day of ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday']) {
        await this.form.getByRole('group', { name: 'Days' }).getByLabel(day).setChecked(schedule.days.includes(day));
      }
    }
    if (schedule.kind === 'daily' || schedule.kind === 'weekly') await this.form.getByLabel('At', { exact: true }).fill(schedule.at);
    if (schedule.kind === 'cron') await this.form.getByLabel('Cron expression').fill(schedule.expression);
  }

  /** Retention counts by their labels: "The last", "Hourly", "Daily", "Weekly", "Monthly", "Yearly", "All from the last (days)". */
  async setKeep(counts: Readonly<Record<string, number | null>>): Promise<void> {
    for (const [label, count] of Object.entries(counts)) await this.form.getByLabel(label, { exact: true }).fill(count === null ? '' : String(count));
  }

  async save(): Promise<void> {
    await this.form.getByRole('button', { name: /^(Create the plan|Save the plan)$/ }).click();
  }

  /** Saves the plan into `store`, on a daily schedule that does not come round during the run. */
  async saveDailyInto(store: string): Promise<void> {
    await this.chooseStore(store);
    await this.setSchedule(dailyFarFromNow());
    await this.save();
  }
}

/** The Plans page: the list with Run now, Pause, Edit and Delete, and Pause all. */
export class PlansPage {
  readonly list: Locator;
  readonly emptyState: Locator;
  readonly pausedAllNotice: Locator;
  readonly editor: PlanEditor;

  constructor(readonly page: Page) {
    this.list = page.getByRole('list', { name: 'Plans' });
    this.emptyState = page.getByText(/No plan yet|A plan backs up into a store/);
    this.pausedAllNotice = page.getByText(/All plans are paused/);
    this.editor = new PlanEditor(page);
  }

  plan(name: string): Locator {
    return this.list.getByRole('listitem').filter({ has: this.page.getByText(name, { exact: true }) });
  }

  async newPlan(): Promise<PlanEditor> {
    await this.page.getByRole('button', { name: 'New plan' }).click();
    return this.editor;
  }

  async edit(name: string): Promise<PlanEditor> {
    await this.plan(name).getByRole('button', { name: 'Edit' }).click();
    return this.editor;
  }

  async runNow(name: string): Promise<void> {
    await this.plan(name).getByRole('button', { name: 'Run now' }).click();
  }

  /** Run now, then waits until the plan says its last run succeeded. */
  async runNowToSuccess(name: string): Promise<void> {
    await this.runNow(name);
    await expect(this.plan(name)).toContainText(/Last run .+: succeeded/, { timeout: 30_000 });
  }

  async setPaused(name: string, isPaused: boolean): Promise<void> {
    await this.plan(name).getByRole('button', { name: isPaused ? 'Pause' : 'Resume' }).click();
  }

  async setPausedAll(isPaused: boolean): Promise<void> {
    await this.page.getByRole('button', { name: isPaused ? 'Pause all' : 'Resume all' }).click();
  }

  async remove(name: string): Promise<void> {
    await this.plan(name).getByRole('button', { name: 'Delete' }).click();
    await this.page.getByRole('dialog', { name: `Delete the plan “${name}”?` }).getByRole('button', { name: 'Delete' }).click();
  }
}
