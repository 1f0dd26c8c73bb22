import { KlosetError } from '../errors';

/**
 * Retention: which snapshots a policy keeps, with the same rules as restic's `forget`. Pure: it
 * decides, the caller removes. Each source (`sourceKey`) is judged on its own with the whole
 * policy, newest snapshot first.
 *
 * Decisions taken here:
 * - `keepWithinDays` counts back from the newest snapshot of the source, as restic does, not from
 *   now: when backups of a source stop, a pure keep-within policy must not end up forgetting every
 *   snapshot of it. `now` is used only to cap that anchor, so that one snapshot dated in the future
 *   (a machine with a wrong clock) cannot push the window past all real snapshots. Days are 24-hour
 *   days and the window is inclusive.
 * - A snapshot on legal hold is always kept, and it still counts for the other rules like any
 *   snapshot: putting a hold on one snapshot never changes what happens to the others.
 * - Calendar buckets (hour, day, ISO week, month, year) are taken in the given IANA time zone. On a
 *   fall-back night the two wall-clock hours that share a label (02:00 CEST and 02:00 CET) are one
 *   hourly bucket, as in restic.
 */

/** The keep rules. A count of 0, an absent rule and an empty tag list are off. */
export interface RetentionPolicy {
  readonly keepLast?: number;
  readonly keepHourly?: number;
  readonly keepDaily?: number;
  readonly keepWeekly?: number;
  readonly keepMonthly?: number;
  readonly keepYearly?: number;
  readonly keepWithinDays?: number;
  readonly keepTags?: readonly string[];
}

export interface RetentionSnapshot {
  readonly id: string;
  readonly time: Date;
  /** Snapshots with the same key form one history (one source of one plan, say). */
  readonly sourceKey: string;
  readonly tags: readonly string[];
  readonly isOnLegalHold: boolean;
}

export const retentionReasons = ['legal-hold', 'tag', 'within', 'last', 'hourly', 'daily', 'weekly', 'monthly', 'yearly'] as const;
export type RetentionReason = (typeof retentionReasons)[number];

export interface RetentionDecision<S extends RetentionSnapshot> {
  readonly snapshot: S;
  readonly isKept: boolean;
  /** The rules that keep it, in the order of `retentionReasons`; empty when it is forgotten. */
  readonly reasons: readonly RetentionReason[];
}

export interface RetentionGroup<S extends RetentionSnapshot> {
  readonly sourceKey: string;
  /** Newest first (ties broken by id). */
  readonly decisions: readonly RetentionDecision<S>[];
}

export interface RetentionInput<S extends RetentionSnapshot> {
  readonly snapshots: readonly S[];
  readonly policy: RetentionPolicy;
  readonly now: Date;
  /** IANA name, such as "Europe/Paris". */
  readonly timeZone: string;
}

const countRules = ['keepLast', 'keepHourly', 'keepDaily', 'keepWeekly', 'keepMonthly', 'keepYearly', 'keepWithinDays'] as const;
type BucketReason = 'last' | 'hourly' | 'daily' | 'weekly' | 'monthly' | 'yearly';
const bucketRules: readonly (readonly [BucketReason, (typeof countRules)[number]])[] = [
  ['last', 'keepLast'],
  ['hourly', 'keepHourly'],
  ['daily', 'keepDaily'],
  ['weekly', 'keepWeekly'],
  ['monthly', 'keepMonthly'],
  ['yearly', 'keepYearly'],
];
const dayMs = 86_400_000;

/** True when at least one rule of the policy is on; a policy without any rule must not be applied. */
export function hasRetentionRule(policy: RetentionPolicy): boolean {
  return countRules.some((rule) => (policy[rule] ?? 0) > 0) || (policy.keepTags ?? []).length > 0;
}

/**
 * Decides, for every snapshot, whether the policy keeps it and why, grouped by source (groups in
 * order of first appearance). Throws BAD_INPUT for a policy with no rule at all (it would mean
 * "keep everything", and a caller that meant to forget something has made a mistake), for a
 * negative or fractional count, for an unknown time zone and for an invalid snapshot time.
 */
export function applyRetention<S extends RetentionSnapshot>(input: RetentionInput<S>): RetentionGroup<S>[] {
  validatePolicy(input.policy);
  const calendar = createCalendar(input.timeZone);
  const groups = new Map<string, S[]>();
  for (const snapshot of input.snapshots) {
    if (Number.isNaN(snapshot.time.getTime())) throw new KlosetError('BAD_INPUT', `Snapshot ${snapshot.id} has no valid time, so retention cannot place it.`);
    const group = groups.get(snapshot.sourceKey) ?? [];
    group.push(snapshot);
    groups.set(snapshot.sourceKey, group);
  }
  return [...groups].map(([sourceKey, snapshots]) => ({ sourceKey, decisions: decideGroup(snapshots, input, calendar) }));
}

function validatePolicy(policy: RetentionPolicy): void {
  for (const rule of countRules) {
    const value = policy[rule];
    if (value !== undefined && !(Number.isSafeInteger(value) && value >= 0)) {
      throw new KlosetError('BAD_INPUT', `The retention rule ${rule} must be a whole number of 0 or more, not ${value}.`);
    }
  }
  if (!hasRetentionRule(policy)) {
    throw new KlosetError(
      'BAD_INPUT',
      'This retention policy has no rule, so it cannot decide what to forget. Set at least one keep rule (such as keepDaily) or do not apply retention: snapshots are then all kept.',
    );
  }
}

function decideGroup<S extends RetentionSnapshot>(snapshots: readonly S[], input: RetentionInput<S>, calendar: Calendar): RetentionDecision<S>[] {
  const { policy } = input;
  const newestFirst = [...snapshots].sort((a, b) => b.time.getTime() - a.time.getTime() || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const withinDays = policy.keepWithinDays ?? 0;
  const anchorMs = Math.min(newestFirst[0].time.getTime(), input.now.getTime());
  const withinFromMs = anchorMs - withinDays * dayMs;
  const keepTags = new Set(policy.keepTags ?? []);
  const remaining = new Map(bucketRules.map(([reason, rule]) => [reason, policy[rule] ?? 0]));
  const lastBucket = new Map<BucketReason, string>();

  return newestFirst.map((snapshot, position) => {
    const reasons: RetentionReason[] = [];
    if (snapshot.isOnLegalHold) reasons.push('legal-hold');
    if (snapshot.tags.some((tag) => keepTags.has(tag))) reasons.push('tag');
    if (withinDays > 0 && snapshot.time.getTime() >= withinFromMs) reasons.push('within');
    const buckets = calendar.buckets(snapshot.time, position);
    for (const [reason] of bucketRules) {
      const left = remaining.get(reason) ?? 0;
      if (left === 0 || lastBucket.get(reason) === buckets[reason]) continue;
      lastBucket.set(reason, buckets[reason]);
      remaining.set(reason, left - 1);
      reasons.push(reason);
    }
    return { snapshot, isKept: reasons.length > 0, reasons };
  });
}

interface Calendar {
  /** The bucket labels of one instant; `last` is the position, so every snapshot has its own. */
  buckets(time: Date, position: number): Record<BucketReason, string>;
}

function createCalendar(timeZone: string): Calendar {
  let format: Intl.DateTimeFormat;
  try {
    format = new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric' });
  } catch (error) {
    throw new KlosetError('BAD_INPUT', `"${timeZone}" is not a time zone this system knows; use an IANA name such as "Europe/Paris".`, { cause: error });
  }
  return {
    buckets(time, position) {
      const parts: Partial<Record<Intl.DateTimeFormatPartTypes, number>> = {};
      for (const part of format.formatToParts(time)) parts[part.type] = Number(part.value);
      const year = parts.year ?? 0;
      const month = parts.month ?? 0;
      const day = parts.day ?? 0;
      return {
        last: String(position),
        hourly: `${year}-${month}-${day}T${parts.hour ?? 0}`,
        daily: `${year}-${month}-${day}`,
        weekly: isoWeek(year, month, day),
        monthly: `${year}-${month}`,
        yearly: String(year),
      };
    },
  };
}

/** The ISO 8601 week ("2026-W01") of a calendar date: weeks start on Monday; week 1 holds the year's first Thursday. */
export function isoWeek(year: number, month: number, day: number): string {
  const date = new Date(Date.UTC(year, month - 1, day));
  const mondayBased = (date.getUTCDay() + 6) % 7;
  const thursday = new Date(date.getTime() + (3 - mondayBased) * dayMs);
  const weekYear = thursday.getUTCFullYear();
  const dayOfYear = Math.floor((thursday.getTime() - Date.UTC(weekYear, 0, 1)) / dayMs) + 1;
  return `${weekYear}-W${String(Math.ceil(dayOfYear / 7)).padStart(2, '0')}`;
}
