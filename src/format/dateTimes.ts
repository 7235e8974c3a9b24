/**
 * Dates and times as the format reads them, in ISO 8601: `as_of`, a date and
 * time with its zone (`2015-06-30T16:00Z`, `2015-06-30T18:00+02:00`), and a
 * decision's `deadline`, which may also be a date alone (`2015-06-30`) or
 * free text (`Before the vote`); and the `date` of the briefing and of its
 * sources, free text that, written as an ISO date, must be one. The patterns
 * are shared with the schema; a date the calendar does not have
 * (`2015-02-29`) is caught here, past what the schema's pattern can say.
 * Pure: no clock is ever read.
 */
import type { Deadline, Decision, Instant } from './briefing.js';
import { type Message, type TextRule, truncate } from './specs.js';

const DATE = '(\\d{4})-(0[1-9]|1[0-2])-(0[1-9]|[12]\\d|3[01])';
const TIME = '([01]\\d|2[0-3]):([0-5]\\d)(?::([0-5]\\d)(?:[.,](\\d+))?)?';
/** `Z`, or an offset from UTC: `+02:00`, `+0200`, `+02`, `-05:30`. */
const ZONE = '([zZ]|[+-](?:[01]\\d|2[0-3])(?::?[0-5]\\d)?)';

const DATE_TIME = `${DATE}[tT]${TIME}${ZONE}`;

/**
 * What was meant as an ISO date or date and time, right or wrong: `2015-6-31`, `2015-06-30T16:00`
 * (no zone), `2015-13-01 09:00 +02`. A deadline written so must be a real date, or a date and time
 * with a zone; any other text is taken as written.
 */
const DATE_LIKE =
  '\\d{4}-\\d\\d?-\\d\\d?(?:[tT ]\\s*\\d\\d?:\\d\\d(?::\\d\\d(?:[.,]\\d+)?)?)?(?:\\s*(?:[zZ]|[+-]\\d\\d(?::?\\d\\d)?))?';

/** What was meant as an ISO date alone, right or wrong: `2015-06-30`, `2015-6-31`, `2015-13-01`, `2015-13`. */
const DAY_LIKE = '\\d{4}-\\d\\d?(?:-\\d\\d?)?';

const dateTimeRegex = new RegExp(`^${DATE_TIME}$`);
const dateRegex = new RegExp(`^${DATE}$`);
const dateLikeRegex = new RegExp(`^(?:${DATE_LIKE})$`);
const dayLikeRegex = /^(\d{4})-(\d\d?)(?:-(\d\d?))?$/;

/** `as_of`: a date and time with its zone, on the calendar. */
export const DATE_TIME_WITH_ZONE: TextRule = {
  pattern: DATE_TIME,
  also: (text) => instantOf(text) !== undefined,
  problem: (text) =>
    dateTimeProblem(
      text,
      'an ISO 8601 date and time with its zone',
      'write it as 2015-06-30T16:00Z (UTC) or 2015-06-30T18:00+02:00',
    ),
};

/** A deadline: a date, a date and time with its zone, or any text that is not meant as either. */
export const DEADLINE: TextRule = {
  pattern: `(?!\\s*(?:${DATE_LIKE})\\s*$)[\\s\\S]*\\S[\\s\\S]*|${DATE}|${DATE_TIME}`,
  numbers: 'any',
  also: (text) => !dateLikeRegex.test(text) || readDeadline(text).kind !== 'text',
  problem: (text) =>
    dateTimeProblem(
      text,
      'a date, or a date and time with its zone',
      'write 2015-06-30, or 2015-06-30T16:00Z (UTC)',
    ),
};

/**
 * The `date` of the briefing and of a source: text as written (`June 2015`, `Q3 2015`), shown in the
 * long form when it is an ISO date. Text written as a date (`2015-02-30`, `2015-13-01`) must be one,
 * else it would be shown raw as if it were.
 */
export const DATE_AS_WRITTEN: TextRule = {
  pattern: `(?!\\s*${DAY_LIKE}\\s*$)[\\s\\S]*\\S[\\s\\S]*|\\d{4}-(?:0?[1-9]|1[0-2])(?:-(?:0?[1-9]|[12]\\d|3[01]))?`,
  numbers: 'any',
  also: (text) => {
    const day = dayLikeRegex.exec(text.trim());
    return !day || isCalendarDate(Number(day[1]), Number(day[2]), Number(day[3] ?? 1));
  },
  problem: (text) =>
    dateTimeProblem(
      text,
      'a date',
      'write a day on the calendar (2015-06-30), or the date in words (June 2015)',
    ),
};

/** `February`, for a message. */
function monthName(month: number): string {
  return new Date(Date.UTC(2000, month - 1, 1)).toLocaleString('en-GB', { month: 'long', timeZone: 'UTC' });
}

/** What is wrong with a date or time that is not one the format reads. */
function dateTimeProblem(text: string, wanted: string, hint: string): Message {
  const shown = `"${truncate(text)}"`;
  const date = /^(\d{4})-(\d\d?)(?:-(\d\d?))?/.exec(text);
  if (date) {
    const [year, month, day] = [Number(date[1]), Number(date[2]), Number(date[3] ?? 1)];
    if (month < 1 || month > 12)
      return { message: `${shown} is not a date: there is no month ${month}`, hint };
    if (!isCalendarDate(year, month, day))
      return {
        message: `${shown} is not a date: ${monthName(month)} ${year} has ${daysIn(year, month)} days`,
        hint,
      };
  }
  if (dateLikeRegex.test(text) && /\d:\d\d(?::\d\d(?:[.,]\d+)?)?$/.test(text))
    return {
      message: `${shown} has no zone`,
      hint: 'add Z for UTC or the offset, as in 2015-06-30T18:00+02:00',
    };
  if (dateRegex.test(text)) return { message: `${shown} has no time`, hint };
  return { message: `${shown} is not ${wanted}`, hint };
}

/** Whether `day` of `month` (1–12) of `year` is on the calendar (proleptic Gregorian, as ISO 8601). */
function isCalendarDate(year: number, month: number, day: number): boolean {
  return month >= 1 && month <= 12 && day >= 1 && day <= daysIn(year, month);
}

function daysIn(year: number, month: number): number {
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  return [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1] ?? 0;
}

/** The moment a date and time with its zone names, or undefined when it is not one (or not on the calendar). */
export function instantOf(text: string): Instant | undefined {
  const match = dateTimeRegex.exec(text.trim());
  if (!match) return undefined;
  const [, year, month, day, hour, minute, second = '0', fraction = '', zone = 'Z'] = match;
  if (!isCalendarDate(Number(year), Number(month), Number(day))) return undefined;
  const offsetMinutes = zoneOffset(zone);
  const utc = new Date(0);
  utc.setUTCFullYear(Number(year), Number(month) - 1, Number(day));
  utc.setUTCHours(Number(hour), Number(minute), Number(second), Number(fraction.padEnd(3, '0').slice(0, 3)));
  return { text: text.trim(), epochMs: utc.getTime() - offsetMinutes * 60_000, offsetMinutes };
}

/** `+02:00`, `+0200`, `+02` and `-05:30` in minutes east of UTC; `Z` is 0. */
function zoneOffset(zone: string): number {
  if (zone === 'Z' || zone === 'z') return 0;
  const sign = zone.startsWith('-') ? -1 : 1;
  const digits = zone.slice(1).replace(':', '');
  return sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2) || '0'));
}

/** A deadline as written, with its meaning when it is a date or a date and time with its zone. */
export function readDeadline(text: string): Deadline {
  const written = text.trim();
  const at = instantOf(written);
  if (at) return { kind: 'time', text: written, at };
  const date = dateRegex.exec(written);
  if (date && isCalendarDate(Number(date[1]), Number(date[2]), Number(date[3])))
    return { kind: 'date', text: written, date: written };
  return { kind: 'text', text: written };
}

/**
 * Whether a decision's deadline had passed at the briefing's `as_of` time: a date and time when it
 * is earlier than `as_of`, a date alone when `as_of` falls on a later day in its own zone (a
 * deadline of 30 June has passed on 1 July, not at 30 June 00:00). A deadline in words, or a
 * briefing without `as_of`, never says it has passed.
 */
export function deadlinePassed(decision: Pick<Decision, 'deadline'>, asOf: Instant | undefined): boolean {
  const { deadline } = decision;
  if (!deadline || !asOf) return false;
  if (deadline.kind === 'time') return deadline.at.epochMs < asOf.epochMs;
  if (deadline.kind === 'date') return dayOf(asOf) > deadline.date;
  return false;
}

/** The calendar day of an instant where it was written, in its own zone: its text begins with it. */
function dayOf(instant: Instant): string {
  return instant.text.slice(0, 10);
}
