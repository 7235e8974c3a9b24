/**
 * Hyphenation at build time, so that it works offline and in every browser:
 * soft hyphens (U+00AD) put into the long words of running text at the
 * breaks Liang's patterns allow (TeX's, from the `hyphen` package), for the
 * briefing's language. A language's patterns are loaded the first time one
 * of its words is hyphenated, and each word is hyphenated once per build.
 */

import { createRequire } from 'node:module';
import { primaryLanguage } from '../format/language.js';

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

/**
 * `text` without the soft hyphens hyphenation put in it: for an output that sets its own lines (a
 * mail, the PowerPoint deck) or measures whole words (the handout's owner column).
 */
export function withoutSoftHyphens(text: string): string {
  return text.replaceAll(SOFT_HYPHEN, '');
}

/** Liang's patterns as `hyphen` ships them: the table of levels, and a trie of letters to an index into it. */
type Trie = { [letter: string]: Trie | number | [Trie, number] };
type Patterns = [levels: number[][], trie: Trie, ...rest: unknown[]];

type WordHyphenator = (word: string) => string;

const hyphenators = new Map<string, WordHyphenator | null>();

/** The hyphenator of a language's patterns, loaded once; `null` for a language without patterns. */
function hyphenatorFor(language: string): WordHyphenator | null {
  const primary = primaryLanguage(language);
  let hyphenator = hyphenators.get(primary);
  if (hyphenator === undefined) {
    const file = PATTERNS[primary];
    hyphenator = file ? liang(require(`hyphen/patterns/${file}.js`) as Patterns) : null;
    hyphenators.set(primary, hyphenator);
  }
  return hyphenator;
}

/**
 * Liang's algorithm over `hyphen`'s trie (as its own `hyphenateWord` does, without its text
 * reader): every pattern that matches at every place of `.word.` raises the levels between its
 * letters; an odd level is a break, kept only EDGE letters or more from either end.
 */
function liang([table, trie]: Patterns): WordHyphenator {
  return (word) => {
    const letters = `.${word.toLowerCase()}.`;
    if (letters.length !== word.length + 2) return word; // a letter whose lower case is longer
    const levels = new Array<number>(letters.length + 1).fill(0);
    for (let start = 0; start < letters.length; start++) {
      let node: Trie | undefined = trie;
      for (let i = start; i < letters.length && node; i++) {
        const next: Trie[string] | undefined = node[letters[i] as string];
        if (next === undefined) break;
        let index: number | undefined;
        if (typeof next === 'number') [node, index] = [undefined, next];
        else if (Array.isArray(next)) [node, index] = next;
        else node = next;
        if (index === undefined) continue;
        const pattern = table[index] as number[];
        for (let k = 0; k < pattern.length; k++) {
          const at = start + k;
          if ((pattern[k] as number) > (levels[at] as number)) levels[at] = pattern[k] as number;
        }
      }
    }
    let out = '';
    for (let i = 0; i < word.length; i++) {
      // levels[i + 1] is the level between letters[i] and letters[i + 1], that is before word[i].
      if (i >= EDGE && word.length - i >= EDGE && (levels[i + 1] as number) % 2 === 1) out += SOFT_HYPHEN;
      out += word[i];
    }
    return out;
  };
}

/** A letter run that may be hyphenated: lower case after its first letter (not an acronym or a brand in CamelCase). */
const WORD = /\p{L}{7,}/gu;

/** Each word is hyphenated once per process and language (a watch session builds again and again). */
const wordCaches = new Map<string, Map<string, string>>();
const MAX_CACHED = 50_000;
const CANDIDATE = /^\p{L}\p{Ll}+$/u;

/**
 * Hyphenates the words of plain text (a text node: no markup, no URL) in
 * `language`; text in a language without patterns is given back as it is.
 */
export function createHyphenation(language: string): (text: string) => string {
  let hyphenate: WordHyphenator | null | undefined;
  let words = wordCaches.get(language);
  if (!words || words.size > MAX_CACHED) {
    words = new Map();
    wordCaches.set(language, words);
  }
  const cache = words;
  const word = (letters: string): string => {
    let done = cache.get(letters);
    if (done === undefined) {
      done = CANDIDATE.test(letters) && hyphenate ? hyphenate(letters) : letters;
      cache.set(letters, done);
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
