/**
 * The briefing's `language`: a BCP 47 tag (`en`, `de-CH`, `ar`), checked by
 * shape with `Intl.getCanonicalLocales` and kept in its canonical case. It
 * sets the page's `lang` (hyphenation, quotes, dates, the PDF's `/Lang`) and,
 * for a right-to-left script, the direction of the whole briefing.
 */
import { type TextRule, truncate } from './specs.js';

/** The languages written right to left that a briefing may be in. */
const RIGHT_TO_LEFT = new Set(['ar', 'he', 'fa', 'ur']);

function canonicalTag(tag: string): string | undefined {
  try {
    return Intl.getCanonicalLocales(tag.trim())[0];
  } catch {
    return undefined;
  }
}

export const LANGUAGE_TAG: TextRule = {
  // The shape of a tag (language, then subtags of letters and digits); Intl checks the rest.
  pattern: '[A-Za-z]{2,8}(?:-[A-Za-z0-9]{1,8})*',
  also: (tag) => canonicalTag(tag) !== undefined,
  normalise: (tag) => canonicalTag(tag) ?? tag,
  problem: (tag) => ({
    message: `"${truncate(tag)}" is not a BCP 47 language tag`,
    hint: 'use a tag such as en, en-GB, de, fr, es, nl or ar',
  }),
};

/** `rtl` for a language written right to left (Arabic, Hebrew, Persian, Urdu), else `ltr`. */
export function directionOf(language: string): 'ltr' | 'rtl' {
  return RIGHT_TO_LEFT.has(language.split('-')[0]?.toLowerCase() ?? '') ? 'rtl' : 'ltr';
}
