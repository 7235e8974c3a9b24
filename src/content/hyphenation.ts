/**
 * Hyphenation at build time, so that it works offline and in every browser:
 * soft hyphens (U+00AD) put into the long words of running text at the
 * breaks Liang's patterns allow (TeX's, from the `hyphen` package), for the
 * briefing's language. A language's patterns are loaded the first time one
 * of its words is hyphenated, and each word is hyphenated once per build.
 */
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

/** The pattern file of `hyphen` for each language hyphenated (by its primary subtag). */
const PATTERNS: Readonly<Record<string, string>> = {
  en: 'en-us',
  de: 'de-1996',
  fr: 'fr',
  es: 'es',
  nl: 'nl',
};

/** Words shorter than this are never hyphenated; a break leaves at least EDGE letters either side. */
const MIN_WORD = 7;
const EDGE = 3;
const SOFT_HYPHEN = '\u00AD';

type WordHyphenator = (word: string) => string;

const hyphenators = new Map<string, WordHyphenator | null>();

/** The hyphenator of a language's patterns, loaded once; `null` for a language without patterns. */
function hyphenatorFor(language: string): WordHyphenator | null {
  const primary = language.split('-')[0]?.toLowerCase() ?? '';
  let hyphenator = hyphenators.get(primary);
  if (hyphenator === undefined) {
    const file = PATTERNS[primary];
    if (file) {
      const create = require('hyphen/hyphen.js') as (
        patterns: unknown,
        options: { hyphenChar: string; minWordLength: number },
      ) => WordHyphenator;
      hyphenator = create(require(`hyphen/patterns/${file}.js`), { hyphenChar: SOFT_HYPHEN, minWordLength: MIN_WORD });
    } else hyphenator = null;
    hyphenators.set(primary, hyphenator);
  }
  return hyphenator;
}

/** A letter run that may be hyphenated: lower case after its first letter (not an acronym or a brand in CamelCase). */
const WORD = /\p{L}{7,}/gu;
const CANDIDATE = /^\p{L}\p{Ll}+$/u;

/**
 * Hyphenates the words of plain text (a text node: no markup, no URL) in
 * `language`; text in a language without patterns is given back as it is.
 */
export function createHyphenation(language: string): (text: string) => string {
  const words = new Map<string, string>();
  let hyphenate: WordHyphenator | null | undefined;
  const word = (letters: string): string => {
    let done = words.get(letters);
    if (done === undefined) {
      done = CANDIDATE.test(letters) && hyphenate ? keepEdges(hyphenate(letters)) : letters;
      words.set(letters, done);
    }
    return done;
  };
  return (text) => {
    if (text.length < MIN_WORD) return text;
    hyphenate ??= hyphenatorFor(language);
    if (hyphenate === null) return text;
    // A run with a "/", "@" or a dot between letters (a path, an address, a domain) is left alone.
    return text.replace(/\S+/g, (run) => (/[/@]|\p{L}\.\p{L}/u.test(run) ? run : run.replace(WORD, word)));
  };
}

/** Drops the breaks that leave fewer than EDGE letters at either end of the word. */
function keepEdges(hyphenated: string): string {
  const parts = hyphenated.split(SOFT_HYPHEN);
  if (parts.length === 1) return hyphenated;
  const length = parts.reduce((sum, part) => sum + part.length, 0);
  let out = '';
  let before = 0;
  for (const part of parts) {
    if (before >= EDGE && length - before >= EDGE) out += SOFT_HYPHEN;
    out += part;
    before += part.length;
  }
  return out;
}
