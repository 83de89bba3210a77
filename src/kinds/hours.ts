// Global Support Hours (default Sunday 15:00 to Friday 17:00 US Pacific, 24x5): STARs are taken only
// inside them. Computed in the configured time zone, so daylight saving time needs no special case.
import type { FilingSettings } from './settings';

type Hours = FilingSettings['supportHours'];

const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];

/** Building an Intl.DateTimeFormat costs far more than using one, so there is one per time zone. */
const formats = new Map<string, Intl.DateTimeFormat>();

function weekFormat(timezone: string): Intl.DateTimeFormat {
  let format = formats.get(timezone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone: timezone,
      weekday: 'short',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    });
    formats.set(timezone, format);
  }
  return format;
}

function minuteOfWeek(date: Date, timezone: string): number {
  const parts = weekFormat(timezone).formatToParts(date);
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return WEEKDAYS.indexOf(get('weekday')) * 1440 + Number(get('hour')) * 60 + Number(get('minute'));
}

function toMinute(point: { day: number; time: string }): number {
  const [h, m] = point.time.split(':').map(Number);
  return point.day * 1440 + (h ?? 0) * 60 + (m ?? 0);
}

export function isWithinSupportHours(date: Date, hours: Hours): boolean {
  const now = minuteOfWeek(date, hours.timezone);
  const start = toMinute(hours.start);
  const end = toMinute(hours.end);
  // The window may wrap around the end of the week (e.g. Friday to Monday).
  return start <= end ? now >= start && now < end : now >= start || now < end;
}

/** "Sunday 15:00 to Friday 17:00 (America/Los_Angeles)", for messages. */
export function describeSupportHours(hours: Hours): string {
  const name = (d: number) =>
    ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'][d % 7];
  return `${name(hours.start.day)} ${hours.start.time} to ${name(hours.end.day)} ${hours.end.time} (${hours.timezone})`;
}
