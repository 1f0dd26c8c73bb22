import { CronExpressionParser } from 'cron-parser';
import { z } from 'zod';

/**
 * The plan model of the API: a plan is a scheduled backup of one or more sources into one store.
 * Every time of day in a schedule is in the machine's local time zone.
 */

export const weekdays = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type Weekday = (typeof weekdays)[number];

const timeOfDaySchema = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'Write the time as HH:MM on a 24-hour clock, such as "09:30" or "22:00".');

/**
 * Why a cron expression cannot be used, in words for the user, or null when it is fine. Only the
 * five classic fields are accepted (minute, hour, day of month, month, day of week).
 */
export function cronExpressionProblem(expression: string): string | null {
  const fieldCount = expression.trim().split(/\s+/).filter(Boolean).length;
  if (fieldCount !== 5) {
    return `A cron expression has 5 fields (minute hour day-of-month month day-of-week), such as "0 */4 * * *"; "${expression}" has ${fieldCount}.`;
  }
  try {
    CronExpressionParser.parse(expression).next();
    return null;
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return `"${expression}" is not a valid cron expression (${reason}). Check each of its 5 fields: minute 0-59, hour 0-23, day of month 1-31, month 1-12, day of week 0-7.`;
  }
}

export const scheduleSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('interval'), everyHours: z.number().int().min(1).max(168) }).strict(),
  z.object({ kind: z.literal('daily'), at: timeOfDaySchema }).strict(),
  z
    .object({
      kind: z.literal('weekly'),
      days: z
        .array(z.enum(weekdays))
        .min(1, 'Choose at least one day of the week.')
        .refine((days) => new Set(days).size === days.length, 'Each day of the week may appear only once.'),
      at: timeOfDaySchema,
    })
    .strict(),
  z
    .object({
      kind: z.literal('cron'),
      expression: z.string().trim().superRefine((expression, context) => {
        const problem = cronExpressionProblem(expression);
        if (problem !== null) context.addIssue({ code: 'custom', message: problem });
      }),
    })
    .strict(),
]);
export type Schedule = z.infer<typeof scheduleSchema>;

const keepCountSchema = z.number().int().min(0).max(1_000_000).optional();

/**
 * Which snapshots a plan keeps, rule by rule (a snapshot is kept when any rule keeps it; a count of
 * 0 or an absent rule means the rule is off). A policy with no rule at all keeps every snapshot.
 */
export const retentionPolicySchema = z
  .object({
    keepLast: keepCountSchema,
    keepHourly: keepCountSchema,
    keepDaily: keepCountSchema,
    keepWeekly: keepCountSchema,
    keepMonthly: keepCountSchema,
    keepYearly: keepCountSchema,
    keepWithinDays: z.number().int().min(0).max(100_000).optional(),
    keepTags: z.array(z.string().trim().min(1).max(200)).max(100).optional(),
  })
  .strict();
export type RetentionPolicy = z.infer<typeof retentionPolicySchema>;

const localPathPattern = /^(\/|[A-Za-z]:[\\/]|\\\\[^\\])/;
const namedSourcePattern = /^@[A-Za-z0-9][A-Za-z0-9._-]{0,63}(:.+)?$/s;

/**
 * A source location: a full local path (`/home/me/Documents`, `C:\Users\me`, `\\nas\share`) or a
 * named cloud source (`@dropbox`, `@dropbox:Photos/2024`).
 */
export const sourceLocationSchema = z
  .string()
  .min(1, 'A source cannot be empty.')
  .max(4096)
  .refine((location) => !/[\0\r\n]/.test(location), 'A source cannot contain line breaks or NUL characters.')
  .refine(
    (location) => (location.startsWith('@') ? namedSourcePattern.test(location) : localPathPattern.test(location)),
    'Use a full local path (such as /home/me/Documents or C:\\Users\\me\\Documents) or a named cloud source (such as @dropbox or @dropbox:Photos).',
  );

const idSchema = z.string().min(1).max(200);

/** The fields of a plan that its owner chooses, checked one by one. */
const planFieldsSchema = z
  .object({
    name: z.string().trim().min(1, 'Give the plan a name.').max(200),
    sources: z.array(sourceLocationSchema).min(1, 'Choose at least one source.').max(100),
    storeId: idSchema,
    /** gitignore-style patterns, relative to each source. */
    excludes: z.array(z.string().trim().min(1).max(4096).regex(/^[^\0\r\n]*$/, 'An exclude pattern is one line.')).max(1000),
    schedule: scheduleSchema,
    retention: retentionPolicySchema,
    /** After each backup, check this share of the snapshot's data; null for no check. */
    checkAfterBackup: z.object({ samplePercent: z.number().int().min(1).max(100) }).strict().nullable(),
    /** A second store that receives each new snapshot after the backup; null for none. */
    syncToStoreId: idSchema.nullable(),
    isPaused: z.boolean(),
  })
  .strict();

const distinctStores = (plan: { storeId: string; syncToStoreId: string | null }): boolean => plan.syncToStoreId !== plan.storeId;
const distinctStoresIssue = { message: 'A plan cannot sync to the store it backs up into: choose another store or no sync.', path: ['syncToStoreId'] };

/** What `plans.create` takes: every field but the id and the timestamps, which main assigns. */
export const planCreateSchema = planFieldsSchema.refine(distinctStores, distinctStoresIssue);
export type PlanCreate = z.infer<typeof planCreateSchema>;

/**
 * What `plans.update` takes besides the id: any subset of the fields. The merged plan must still
 * pass {@link planCreateSchema}.
 */
export const planUpdateSchema = planFieldsSchema.partial().strict();
export type PlanUpdate = z.infer<typeof planUpdateSchema>;

/** A stored plan. Timestamps are ISO 8601 strings in UTC. */
export const planSchema = planFieldsSchema
  .extend({ id: idSchema, createdAt: z.iso.datetime(), updatedAt: z.iso.datetime() })
  .refine(distinctStores, distinctStoresIssue);
export type Plan = z.infer<typeof planSchema>;

export const planRunResults = ['succeeded', 'failed', 'canceled'] as const;
export type PlanRunResult = (typeof planRunResults)[number];

/** How the last run of a plan ended. */
export interface PlanLastRun {
  readonly startedAt: string;
  readonly endedAt: string;
  readonly result: PlanRunResult;
  /** What went wrong (or a short note); null when there is nothing to say. */
  readonly message: string | null;
  /** null when the run failed before its job could start. */
  readonly jobId: string | null;
}

/** Where a plan stands in the scheduler. */
export interface PlanStatus {
  /** When the next scheduled run is due; in the past while the plan is overdue (paused, waiting, running). */
  readonly nextRunAt: string | null;
  readonly isRunning: boolean;
  /** The job of the run in progress; null when not running or while its job is being started. */
  readonly runningJobId: string | null;
  /** Due, but one of its stores is being written by another plan's run. */
  readonly isWaitingForStore: boolean;
  readonly lastRun: PlanLastRun | null;
}

/** A plan with where it stands: what `plans.list` returns and `plans.changed` carries. */
export type PlanSummary = Plan & { readonly status: PlanStatus };

const dayNames: Record<Weekday, string> = {
  mon: 'Mondays',
  tue: 'Tuesdays',
  wed: 'Wednesdays',
  thu: 'Thursdays',
  fri: 'Fridays',
  sat: 'Saturdays',
  sun: 'Sundays',
};

function describeDays(days: readonly Weekday[]): string {
  const sorted = weekdays.filter((day) => days.includes(day));
  const key = sorted.join(',');
  if (sorted.length === 7) return 'Every day';
  if (key === 'mon,tue,wed,thu,fri') return 'Weekdays';
  if (key === 'sat,sun') return 'Weekends';
  const names = sorted.map((day) => dayNames[day]);
  return names.length === 1 ? names[0] : `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
}

/** One line for the UI: "Every day at 09:30", "Every 6 hours", "Mondays and Thursdays at 22:00", "Cron: 0 *\/4 * * *". */
export function describeSchedule(schedule: Schedule): string {
  switch (schedule.kind) {
    case 'interval':
      return schedule.everyHours === 1 ? 'Every hour' : `Every ${schedule.everyHours} hours`;
    case 'daily':
      return `Every day at ${schedule.at}`;
    case 'weekly':
      return `${describeDays(schedule.days)} at ${schedule.at}`;
    case 'cron':
      return `Cron: ${schedule.expression}`;
  }
}
