/**
 * What the "Changes since …" heading says, from the previous file: its
 * `version` and `as_of` when it has them, else its `date`, else "the
 * previous version". The moment is shown as the title slide shows `as_of`
 * and `date`, in the briefing's language.
 */
import { formatDate, formatInstant } from '../content/dates.js';
import type { Briefing } from '../format/briefing.js';
import type { Since } from './types.js';

export function sinceOf(previous: Briefing): Since {
  const { version, asOf, date, language } = previous;
  const moment = asOf
    ? formatInstant(asOf, language)
    : date === undefined
      ? undefined
      : formatDate(date, language);
  // `1.0` reads as "version 1.0"; `Draft 3` or `v2` already say what they are.
  const named = version === undefined ? undefined : /^\d/.test(version) ? `version ${version}` : version;
  const label =
    named !== undefined && moment !== undefined
      ? `${named} (${moment})`
      : (named ?? moment ?? 'the previous version');
  return {
    heading: `Changes since ${label}`,
    label,
    ...(version !== undefined ? { version } : {}),
    ...(asOf ? { asOf: asOf.text } : {}),
    ...(date !== undefined ? { date } : {}),
  };
}
