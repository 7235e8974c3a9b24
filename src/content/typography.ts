/**
 * Typography for the briefing's language, applied to the text nodes of the
 * rendered Markdown (never to code, URLs or attributes): typographic quotes
 * and apostrophes, soft hyphens in long words (hyphenation.ts), and URLs
 * shown so that they break only after `/ . _ ? & = -`.
 */

import { primaryLanguage } from '../format/language.js';
import { escapeHtml } from './_html.js';
import { isolateRuns, RTL_LETTERS, startsAgainstItsDirection } from './bidi.js';
import { createHyphenation } from './hyphenation.js';

/**
 * Opening and closing double quotes, then single quotes, and the space inside French guillemets;
 * `spaced`: the language keeps a space before `; : ! ?` and inside « » (French), which must not break.
 */
interface Quotes {
  double: [string, string];
  single: [string, string];
  inside?: string;
  spaced?: true;
}

const NARROW_NBSP = '\u202F';
const NBSP = '\u00A0';

const QUOTES: Readonly<Record<string, Quotes>> = {
  en: { double: ['“', '”'], single: ['‘', '’'] },
  de: { double: ['„', '“'], single: ['‚', '‘'] },
  fr: { double: ['«', '»'], single: ['‹', '›'], inside: NARROW_NBSP, spaced: true },
  es: { double: ['«', '»'], single: ['“', '”'] },
  nl: { double: ['“', '”'], single: ['‘', '’'] },
};

/** A run of right-to-left letters, with the spaces, digits and punctuation inside it (escaped HTML). */
const RTL_RUN = new RegExp(
  `[${RTL_LETTERS}](?:[${RTL_LETTERS}\\s\\d.,:;!?\u060C\u061B\u061F\u00AD-]*[${RTL_LETTERS}])?`,
  'g',
);
const HAS_RTL = new RegExp(`[${RTL_LETTERS}]`);

/** Whether text has a letter of a right-to-left script. */
export function hasRightToLeft(text: string): boolean {
  return HAS_RTL.test(text);
}

export interface Typography {
  /**
   * Plain text as HTML: typeset, escaped; in a left-to-right briefing, each run of right-to-left
   * letters in a `<bdi>` (so that brackets and stops around it land right).
   */
  html(text: string): string;
  /**
   * Rendered Markdown (`html` for its text) set for the briefing's direction. Left to right, a block's
   * paragraphs and list items with right-to-left letters take the direction of their first strong
   * letter (`dir="auto"`). Right to left, each paragraph is set as a whole, across its markup (bidi.ts):
   * the runs in the other direction isolated, an English paragraph left to right.
   */
  directed(html: string, block: boolean): string;
  /** The language's typography on plain text (a text node); the result is plain text too. */
  text(text: string): string;
  /**
   * The language's quotes and apostrophes alone, without soft hyphens: for a field shown whole and
   * read as a name (the title, the subtitle, the organisation, the handling line), which is not hyphenated.
   */
  quotes(text: string): string;
  /**
   * A plain field set as a line of its own, by its first letter (an owner, a timeframe, a place):
   * `text` (`quotes` when not `hyphenated`), and right to left, a right-to-left mark before a field
   * that starts with a Latin letter but is mostly in the briefing's script ("UNHCR و کلاستر سرپناه"),
   * which its first letter would set left to right, its words then read out of order.
   */
  field(text: string, hyphenated?: boolean): string;
  /** A URL as link text, escaped, with a `<wbr>` after each `/ . _ ? & = -`. */
  urlHtml(url: string): string;
  /** A long URL shortened to its host and the start of its path, with an ellipsis, as `urlHtml`. */
  shortUrlHtml(url: string, max?: number): string;
}

export function createTypography(language: string, dir: 'ltr' | 'rtl' = 'ltr'): Typography {
  const quotes = QUOTES[primaryLanguage(language)];
  const hyphenate = createHyphenation(language);
  return {
    text: (text) => hyphenate(quotes ? typeset(text, quotes) : text),
    quotes: (text) => (quotes ? typeset(text, quotes) : text),
    field(text, hyphenated = false) {
      const set = hyphenated ? this.text(text) : this.quotes(text);
      return dir === 'rtl' && startsAgainstItsDirection(set) ? `\u200F${set}` : set;
    },
    html(text) {
      const typeset = this.text(text);
      // Right to left, runs are isolated in `directed`, over a paragraph's text and markup together.
      if (dir === 'rtl' || !hasRightToLeft(typeset)) return escapeHtml(typeset);
      let html = '';
      let last = 0;
      for (const match of typeset.matchAll(RTL_RUN)) {
        html += `${escapeHtml(typeset.slice(last, match.index))}<bdi>${escapeHtml(match[0])}</bdi>`;
        last = match.index + match[0].length;
      }
      return html + escapeHtml(typeset.slice(last));
    },
    directed(html, block) {
      if (dir === 'rtl') return isolateRuns(html);
      return block && hasRightToLeft(html) ? html.replace(/<(p|li)>/g, '<$1 dir="auto">') : html;
    },
    urlHtml,
    shortUrlHtml: (url, max = 48) => urlHtml(shortUrl(url, max)),
  };
}

/** The language's quotes, and for French the spaces before `; : ! ?` and inside « » that do not break. */
function typeset(text: string, quotes: Quotes): string {
  const curled = curlQuotes(text, quotes);
  return quotes.spaced ? frenchSpaces(curled) : curled;
}

/**
 * The spaces a French writer types before `; ! ?` and inside « » made narrow no-break spaces, and the
 * one before `:` a no-break space (the Imprimerie nationale's rule), so that no line starts with the
 * mark. Only spaces already there are changed: `09:00` and a URL's `?` keep none.
 */
function frenchSpaces(text: string): string {
  if (!/[;:!?«»]/.test(text)) return text;
  return text
    .replace(/[ \t]+(?=[;!?»])/g, NARROW_NBSP)
    .replace(/[ \t]+(?=:)/g, NBSP)
    .replace(/«[ \t]+/g, `«${NARROW_NBSP}`);
}

/** Straight quotes to the language's: an opening one at the start or after a space or an opening bracket. */
function curlQuotes(text: string, quotes: Quotes): string {
  if (!/["']/.test(text)) return text;
  const inside = quotes.inside ?? '';
  return text.replace(/["']/g, (mark, offset: number) => {
    const before = text[offset - 1];
    const after = text[offset + 1];
    const opens = before === undefined || /[\s([{\u2014\u2013-]/.test(before);
    if (mark === "'") {
      // An apostrophe (don't, l'État, '90s) is always ’, whatever the language's quotes.
      if (before !== undefined && /\p{L}|\p{N}/u.test(before)) return '’';
      if (opens && after !== undefined && /\p{N}/u.test(after)) return '’';
      return opens ? quotes.single[0] : quotes.single[1];
    }
    return opens ? `${quotes.double[0]}${inside}` : `${inside}${quotes.double[1]}`;
  });
}

function urlHtml(url: string): string {
  const scheme = /^[a-z]+:\/\//i.exec(url)?.[0] ?? '';
  const rest = escapeHtml(url.slice(scheme.length)).replace(/([/._?=-]|&amp;)(?=.)/g, '$1<wbr>');
  return escapeHtml(scheme) + rest;
}

/** `https://www.example.org/reports/2015/a-long-name.pdf` → `example.org/reports/2015/a-long…`. */
export function shortUrl(url: string, max: number): string {
  let shown = url.replace(/^https?:\/\/(www\.)?/i, '').replace(/\/$/, '');
  if (shown.length <= max) return shown;
  const host = shown.split('/')[0] ?? shown;
  shown = shown.slice(0, Math.max(max - 1, host.length + 1)).replace(/[/._?&=-]+$/, '');
  return `${shown}…`;
}
