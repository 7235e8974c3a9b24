/**
 * Dates and times as a reader sees them, in the briefing's language:
 * `30 June 2015, 16:00 UTC` in the zone they were written in, and an ISO
 * date (`2015-06-30`, `2015-06`) in the language's one long form.
 */

import type { Instant } from '../format/briefing.js';
import { primaryLanguage } from '../format/language.js';

interface DateFormats {
  /** `30 June 2015` */
  day(date: Date): string;
  /** `June 2015` */
  month(date: Date): string;
  /** `16:00` */
  time(date: Date): string;
}

const formats = new Map<string, DateFormats>();

const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

const twoDigits = (n: number) => String(n).padStart(2, '0');
/** The year as Intl writes it without its era: year 0 of ISO 8601 is 1 BC, shown as 1. */
const yearOf = (date: Date) =>
  date.getUTCFullYear() < 1 ? 1 - date.getUTCFullYear() : date.getUTCFullYear();

/**
 * English as written in the United Kingdom, as briefdeck always has: the text Intl gives for `en-GB`
 * (typography.test.ts compares them over every day of two years), written here because loading ICU's
 * date data is 8 ms of a cold start, and a deck in `en` or `en-GB` needs nothing else from ICU.
 */
const ENGLISH: DateFormats = {
  day: (date) => `${date.getUTCDate()} ${MONTHS[date.getUTCMonth()]} ${yearOf(date)}`,
  month: (date) => `${MONTHS[date.getUTCMonth()]} ${yearOf(date)}`,
  time: (date) => `${twoDigits(date.getUTCHours())}:${twoDigits(date.getUTCMinutes())}`,
};

/** The formats of `language`: English by hand (above), any other from Intl, made on first use. */
function formatsFor(language: string): DateFormats {
  if (language === 'en' || language === 'en-GB') return ENGLISH;
  let found = formats.get(language);
  if (!found) {
    found = intlFormats(language);
    formats.set(language, found);
  }
  return found;
}

/**
 * Any other language's formats, from Intl, made on first use. In the Gregorian calendar, in which
 * an ISO date is written, whatever the language's own (Persian's Solar Hijri, Thai's Buddhist): a
 * month (`2025-05`) is no month of another calendar, and a reader must find the dates the sources give.
 */
function intlFormats(locale: string): DateFormats {
  const date = { timeZone: 'UTC', month: 'long', year: 'numeric', calendar: 'gregory' } as const;
  const day = new Intl.DateTimeFormat(locale, { ...date, day: 'numeric' });
  const month = once(() => new Intl.DateTimeFormat(locale, date));
  const time = once(
    () =>
      new Intl.DateTimeFormat(locale, {
        timeZone: 'UTC',
        hour: '2-digit',
        minute: '2-digit',
        hourCycle: 'h23',
      }),
  );
  return {
    // In French the first of the month is `1er` (`1er mars 2027`), which CLDR does not write.
    day: (value) =>
      value.getUTCDate() === 1 && primaryLanguage(locale) === 'fr'
        ? day
            .formatToParts(value)
            .map((part) => (part.type === 'day' ? `${part.value}er` : part.value))
            .join('')
        : day.format(value),
    month: (value) => month().format(value),
    time: (value) => time().format(value),
  };
}

/** `make()`, called the first time it is asked for. */
function once<T>(make: () => T): () => T {
  let value: T | undefined;
  return () => {
    if (value === undefined) value = make();
    return value;
  };
}

/** The instant on the clock of the zone it was written in, with that zone: `30 June 2015, 18:00 UTC+02:00`. */
export function formatInstant(instant: Instant, language = 'en'): string {
  const { day, time } = formatsFor(language);
  const local = new Date(instant.epochMs + instant.offsetMinutes * 60_000);
  return `${day(local)}, ${time(local)} ${zoneName(instant.offsetMinutes)}`;
}

const ISO_DATE = /^(\d{4})-(0?[1-9]|1[0-2])(?:-(0?[1-9]|[12]\d|3[01]))?$/;

/** An ISO date (`2015-06-30`, `2015-06`) in the language's long form; anything else (or a day off the calendar) as written. */
export function formatDate(text: string, language = 'en'): string {
  const match = ISO_DATE.exec(text.trim());
  if (!match) return text;
  const [year, month, day] = [match[1], match[2], match[3]].map((part) =>
    part ? Number(part) : undefined,
  ) as [number, number, number | undefined];
  // Not Date.UTC, which takes the years 0 to 99 for 1900 to 1999.
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day ?? 1);
  if (day !== undefined && date.getUTCDate() !== day) return text;
  const { day: long, month: monthly } = formatsFor(language);
  return day === undefined ? monthly(date) : long(date);
}

function zoneName(offsetMinutes: number): string {
  if (offsetMinutes === 0) return 'UTC';
  const sign = offsetMinutes < 0 ? '−' : '+';
  const minutes = Math.abs(offsetMinutes);
  return `UTC${sign}${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
}
