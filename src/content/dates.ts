/**
 * Dates and times as a reader sees them, in the briefing's language:
 * `30 June 2015, 16:00 UTC` in the zone they were written in, and an ISO
 * date (`2015-06-30`, `2015-06`) in the language's one long form.
 */

import type { Instant } from '../format/briefing.js';
import { primaryLanguage } from '../format/language.js';

interface DateFormats {
  day: Intl.DateTimeFormat;
  month: Intl.DateTimeFormat;
  time: Intl.DateTimeFormat;
}

const formats = new Map<string, DateFormats>();

/** English is written as in the United Kingdom (`30 June 2015`), as briefdeck always has; others as their own. */
function formatsFor(language: string): DateFormats {
  let found = formats.get(language);
  if (!found) {
    const locale = language === 'en' ? 'en-GB' : language;
    const date = { timeZone: 'UTC', month: 'long', year: 'numeric' } as const;
    found = {
      day: new Intl.DateTimeFormat(locale, { ...date, day: 'numeric' }),
      month: new Intl.DateTimeFormat(locale, date),
      time: new Intl.DateTimeFormat(locale, {
        timeZone: 'UTC',
        hour: '2-digit',
        minute: '2-digit',
        hourCycle: 'h23',
      }),
    };
    formats.set(language, found);
  }
  return found;
}

/** The instant on the clock of the zone it was written in, with that zone: `30 June 2015, 18:00 UTC+02:00`. */
export function formatInstant(instant: Instant, language = 'en'): string {
  const { day, time } = formatsFor(language);
  const local = new Date(instant.epochMs + instant.offsetMinutes * 60_000);
  return `${dayOf(day, local, language)}, ${time.format(local)} ${zoneName(instant.offsetMinutes)}`;
}

const ISO_DATE = /^(\d{4})-(0?[1-9]|1[0-2])(?:-(0?[1-9]|[12]\d|3[01]))?$/;

/** An ISO date (`2015-06-30`, `2015-06`) in the language's long form; anything else (or a day off the calendar) as written. */
export function formatDate(text: string, language = 'en'): string {
  const match = ISO_DATE.exec(text.trim());
  if (!match) return text;
  const [year, month, day] = [match[1], match[2], match[3]].map((part) =>
    part ? Number(part) : undefined,
  ) as [number, number, number | undefined];
  const date = new Date(Date.UTC(year, month - 1, day ?? 1));
  if (day !== undefined && date.getUTCDate() !== day) return text;
  const { day: long, month: monthly } = formatsFor(language);
  return day === undefined ? monthly.format(date) : dayOf(long, date, language);
}

/** A day in the long form; in French the first of the month is `1er` (`1er mars 2027`), as CLDR does not write it. */
function dayOf(format: Intl.DateTimeFormat, date: Date, language: string): string {
  if (date.getUTCDate() !== 1 || primaryLanguage(language) !== 'fr') return format.format(date);
  return format
    .formatToParts(date)
    .map((part) => (part.type === 'day' ? `${part.value}er` : part.value))
    .join('');
}

function zoneName(offsetMinutes: number): string {
  if (offsetMinutes === 0) return 'UTC';
  const sign = offsetMinutes < 0 ? '−' : '+';
  const minutes = Math.abs(offsetMinutes);
  return `UTC${sign}${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
}
