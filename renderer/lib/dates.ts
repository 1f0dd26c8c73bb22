/**
 * Dates and times for people, in their own locale (Intl supplies the words, so they follow the
 * system language without entries in strings.ts).
 */

const dateTime = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });
const timeOnly = new Intl.DateTimeFormat(undefined, { timeStyle: 'short' });
const longDay = new Intl.DateTimeFormat(undefined, { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' });
const shortDay = new Intl.DateTimeFormat(undefined, { day: 'numeric', month: 'short', year: 'numeric' });
const relative = new Intl.RelativeTimeFormat(undefined, { numeric: 'auto' });

export function formatDateTime(iso: string): string {
  return dateTime.format(new Date(iso));
}

export function formatTime(iso: string): string {
  return timeOnly.format(new Date(iso));
}

export function formatShortDay(iso: string | number): string {
  return shortDay.format(new Date(iso));
}

/** The local calendar day of a moment, as YYYY-MM-DD: the key that groups a timeline by day. */
export function localDayKey(iso: string): string {
  const date = new Date(iso);
  const pad = (n: number): string => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

/** "Today", "Yesterday" (Intl's words), or the full date of that day. */
export function formatDayHeading(iso: string, nowMs: number): string {
  const days = Math.round((startOfDay(Date.parse(iso)) - startOfDay(nowMs)) / 86_400_000);
  if (days === 0 || days === -1) return capitalize(relative.format(days, 'day'));
  return longDay.format(new Date(iso));
}

/** "3 minutes ago", "in 2 hours", "yesterday"; anything within 45 seconds is "now" (clocks and ticks are never exact). */
export function formatRelative(iso: string, nowMs: number): string {
  const seconds = (Date.parse(iso) - nowMs) / 1000;
  if (Math.abs(seconds) < 45) return relative.format(0, 'second');
  const steps: ReadonlyArray<readonly [Intl.RelativeTimeFormatUnit, number]> = [
    ['second', 60],
    ['minute', 60],
    ['hour', 24],
    ['day', 30],
    ['month', 12],
  ];
  let value = seconds;
  for (const [unit, size] of steps) {
    if (Math.abs(value) < size) return relative.format(Math.round(value), unit);
    value /= size;
  }
  return relative.format(Math.round(value), 'year');
}

function startOfDay(ms: number): number {
  const date = new Date(ms);
  date.setHours(0, 0, 0, 0);
  return date.getTime();
}

function capitalize(text: string): string {
  return text.charAt(0).toLocaleUpperCase() + text.slice(1);
}
