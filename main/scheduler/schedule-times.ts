import { CronExpressionParser } from 'cron-parser';
import type { Schedule, Weekday } from '../../shared/types/plans';

/**
 * When a schedule is next due. Daily and weekly schedules become cron expressions so that one
 * mechanism, cron-parser in the given IANA time zone, handles every daylight saving change. It
 * follows RFC 5545: a wall time that does not exist (02:30 on a spring-forward night) is read
 * with the offset from before the gap (02:30 CET = 03:30 CEST), and a wall time that occurs twice
 * (02:30 on a fall-back night) means its first occurrence. So a daily 02:30 runs once on both
 * nights.
 */

const hourMs = 3_600_000;
const dayMs = 24 * hourMs;
const cronDayNumber: Record<Weekday, number> = { sun: 0, mon: 1, tue: 2, wed: 3, thu: 4, fri: 5, sat: 6 };

type CalendarSchedule = Exclude<Schedule, { kind: 'interval' }>;

/** The cron expression of a daily, weekly or cron schedule. */
export function cronExpressionOf(schedule: CalendarSchedule): string {
  switch (schedule.kind) {
    case 'cron':
      return schedule.expression;
    case 'daily':
    case 'weekly': {
      const [hour, minute] = schedule.at.split(':').map(Number);
      const days = schedule.kind === 'daily' ? '*' : schedule.days.map((day) => cronDayNumber[day]).join(',');
      return `${minute} ${hour} * * ${days}`;
    }
  }
}

export interface NextDueInput {
  readonly schedule: Schedule;
  readonly now: Date;
  /** The slot the last scheduled run served (a cron occurrence), if any. */
  readonly lastSlotAt: Date | null;
  /** Where an interval counts from: the last run's slot, or null when the plan never ran. */
  readonly intervalFrom: Date | null;
  readonly timeZone: string;
}

/**
 * The next due time of a schedule.
 * - Interval: `intervalFrom` + N hours, or `now` for a plan that never ran (its first backup is
 *   not put off). The result may be in the past: the plan is then due at once, and runs once.
 * - Cron kinds: the first occurrence strictly after `now`. When a slot was served less than a day
 *   ago the occurrences are walked from that slot, not from `now`: asked from inside the repeated
 *   hour of a fall-back night, cron-parser would otherwise return the second 02:30 of a night
 *   whose first 02:30 already ran.
 */
export function nextDueTime(input: NextDueInput): Date {
  const { schedule } = input;
  if (schedule.kind === 'interval') {
    return input.intervalFrom === null ? input.now : new Date(input.intervalFrom.getTime() + schedule.everyHours * hourMs);
  }
  const nowMs = input.now.getTime();
  const slotMs = input.lastSlotAt?.getTime();
  const fromMs = slotMs !== undefined && slotMs <= nowMs && nowMs - slotMs < dayMs ? slotMs : nowMs;
  const occurrences = CronExpressionParser.parse(cronExpressionOf(schedule), { tz: input.timeZone, currentDate: new Date(fromMs) });
  for (;;) {
    const next = occurrences.next().toDate();
    if (next.getTime() > nowMs) return next;
  }
}

/** The machine's IANA time zone, such as "Europe/Paris". */
export function localTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone;
}
