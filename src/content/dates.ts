/** Dates and times as a reader sees them: `30 June 2015, 16:00 UTC`, in the zone they were written in. */
import type { Instant } from '../format/briefing.js';

const DAY = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'UTC',
  day: 'numeric',
  month: 'long',
  year: 'numeric',
});
const TIME = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'UTC',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

/** The instant on the clock of the zone it was written in, with that zone: `30 June 2015, 18:00 UTC+02:00`. */
export function formatInstant(instant: Instant): string {
  const local = new Date(instant.epochMs + instant.offsetMinutes * 60_000);
  return `${DAY.format(local)}, ${TIME.format(local)} ${zoneName(instant.offsetMinutes)}`;
}

function zoneName(offsetMinutes: number): string {
  if (offsetMinutes === 0) return 'UTC';
  const sign = offsetMinutes < 0 ? '−' : '+';
  const minutes = Math.abs(offsetMinutes);
  return `UTC${sign}${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
}

/** A calendar day written `2015-06-30`, in the long form: `30 June 2015`. */
export function formatDate(day: string): string {
  const [year, month, date] = day.split('-').map(Number);
  return DAY.format(new Date(Date.UTC(year as number, (month as number) - 1, date as number)));
}
