/**
 * The patterns and rules that values of the format are read with, shared by
 * the validator and the JSON Schema so that the two cannot disagree on a
 * value: words in any case, percentages, CSS colours, http(s) URLs, slugs,
 * e-mail addresses, recommendation numbers. Every pattern is ECMA-262, with
 * the `u` flag, matched against the whole trimmed text (`wholePattern`).
 */

import { LIKELIHOODS, type Likelihood } from './briefing.js';
import { type FileSpec, type TextRule, truncate } from './specs.js';

const loosePatterns = new Map<string, string>();

/**
 * A pattern matching `word` in any case, with any run of spaces, hyphens or underscores between
 * words. Made once per word: the validator asks for each allowed word of every choice it reads.
 */
export function loosePattern(word: string): string {
  let pattern = loosePatterns.get(word);
  if (pattern === undefined) {
    pattern = makeLoosePattern(word);
    loosePatterns.set(word, pattern);
  }
  return pattern;
}

function makeLoosePattern(word: string): string {
  return word
    .split(/[-_\s]+/)
    .map((part) =>
      [...part]
        .map((c) =>
          c.toLowerCase() !== c.toUpperCase() ? `[${c.toLowerCase()}${c.toUpperCase()}]` : escapeRegExp(c),
        )
        .join(''),
    )
    .join('[-_\\s]+');
}

/** `pattern` for the whole of a value that may have spaces around it (text is trimmed). */
export function wholePattern(pattern: string): string {
  return `^\\s*(?:${pattern})\\s*$`;
}

const compiled = new Map<string, RegExp>();

/** Whether the whole of `text` (spaces around it aside) matches `pattern`, as a JSON Schema validator reads it. */
export function matches(pattern: string, text: string): boolean {
  let regex = compiled.get(pattern);
  if (!regex) {
    regex = new RegExp(wholePattern(pattern), 'u');
    compiled.set(pattern, regex);
  }
  return regex.test(text);
}

/** The patterns a file key's value is read with: a built-in name, or a file name with the right ending. */
export function filePatterns(spec: FileSpec): { builtIn?: string; extension?: string } {
  return {
    ...(spec.builtIn ? { builtIn: spec.builtIn.map(escapeRegExp).join('|') } : {}),
    ...(spec.extension ? { extension: `[\\s\\S]*${loosePattern(spec.extension)}` } : {}),
  };
}

function escapeRegExp(text: string): string {
  return text.replace(/[\\^$.*+?()[\]{}|/]/g, '\\$&');
}

/** Maps a percentage to its ICD 203 term; a value on a boundary takes the higher term. */
export function likelihoodOfPercent(value: number): Likelihood {
  let term: Likelihood = LIKELIHOODS[0].term;
  for (const entry of LIKELIHOODS) if (value >= entry.min) term = entry.term;
  return term;
}

/** 0 to 100 with up to three digits before the point, as the format has always read it; `55 %` too. */
export const PERCENT = '(?:(?:\\d{1,2}|0\\d\\d)(?:\\.\\d+)?|100(?:\\.0+)?)\\s*%';

const NAMED_COLOURS = (
  'black silver gray grey white maroon red purple fuchsia green lime olive yellow navy blue teal aqua orange ' +
  'aliceblue antiquewhite aquamarine azure beige bisque blanchedalmond blueviolet brown burlywood cadetblue ' +
  'chartreuse chocolate coral cornflowerblue cornsilk crimson cyan darkblue darkcyan darkgoldenrod darkgray darkgrey ' +
  'darkgreen darkkhaki darkmagenta darkolivegreen darkorange darkorchid darkred darksalmon darkseagreen ' +
  'darkslateblue darkslategray darkslategrey darkturquoise darkviolet deeppink deepskyblue dimgray dimgrey ' +
  'dodgerblue firebrick floralwhite forestgreen gainsboro ghostwhite gold goldenrod greenyellow honeydew hotpink ' +
  'indianred indigo ivory khaki lavender lavenderblush lawngreen lemonchiffon lightblue lightcoral lightcyan ' +
  'lightgoldenrodyellow lightgray lightgreen lightgrey lightpink lightsalmon lightseagreen lightskyblue ' +
  'lightslategray lightslategrey lightsteelblue lightyellow limegreen linen magenta mediumaquamarine mediumblue ' +
  'mediumorchid mediumpurple mediumseagreen mediumslateblue mediumspringgreen mediumturquoise mediumvioletred ' +
  'midnightblue mintcream mistyrose moccasin navajowhite oldlace olivedrab orangered orchid palegoldenrod ' +
  'palegreen paleturquoise palevioletred papayawhip peachpuff peru pink plum powderblue rebeccapurple rosybrown ' +
  'royalblue saddlebrown salmon sandybrown seagreen seashell sienna skyblue slateblue slategray slategrey snow ' +
  'springgreen steelblue tan thistle tomato turquoise violet wheat whitesmoke yellowgreen'
).split(' ');

let colourPattern: string | undefined;

export const CSS_COLOUR: TextRule = {
  // Made on first use, not when the module loads: most briefings set no colour.
  get pattern() {
    colourPattern ??= `#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{6})|${NAMED_COLOURS.map(loosePattern).join('|')}`;
    return colourPattern;
  },
  normalise: (colour) => colour.toLowerCase(),
  problem: (colour) => ({
    message: `"${truncate(colour)}" is not a CSS colour`,
    hint: 'use #rgb, #rrggbb or a colour name such as navy',
  }),
};

export const HEX_COLOUR: TextRule = {
  pattern: '#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{6})',
  normalise: (colour) =>
    colour.length === 4
      ? `#${[...colour.slice(1)].map((c) => c + c).join('')}`.toLowerCase()
      : colour.toLowerCase(),
  problem: (colour) => ({
    message: `"${truncate(colour)}" is not a #rgb or #rrggbb colour`,
    hint: 'quote it: "#1f4e79"',
  }),
};

export const HTTP_URL: TextRule = {
  pattern: '[hH][tT][tT][pP][sS]?://\\S+',
  also: (url) => {
    try {
      const { protocol } = new URL(url);
      return protocol === 'http:' || protocol === 'https:';
    } catch {
      return false;
    }
  },
  problem: (url) => ({ message: `"${truncate(url)}" is not an http(s) URL` }),
};

export const SLUG: TextRule = {
  pattern: '[a-z0-9-]+',
  numbers: 'integer',
  problem: (id) => ({
    message: `"${truncate(id)}" is not a slug`,
    hint: 'use lowercase letters, digits and hyphens',
  }),
};

/** What an e-mail address is checked for, lightly: no spaces, one `@`, nothing that ends a link or a list, a dot in the domain. */
const ADDRESS_PART = '[^\\s@<>()[\\]",;:\\\\]';
const LAST_LABEL = '[^\\s@<>()[\\]",;:\\\\.]';

/** An e-mail address, checked lightly: `name@example.org`. */
export const EMAIL: TextRule = {
  pattern: `${ADDRESS_PART}+@${ADDRESS_PART}+\\.${LAST_LABEL}+`,
  problem: (address) => ({
    message: `"${truncate(address)}" is not an e-mail address`,
    hint: 'write it as name@example.org',
  }),
};

/** The most recommendations a decision may name by number: far more than any briefing has. */
const MAX_RECOMMENDATION = 999;

/** A recommendation's number as shown, counting from 1 (whether it exists is checked once all are read). */
export const RECOMMENDATION_NUMBER: TextRule = {
  pattern: '[1-9]\\d{0,2}',
  numbers: { minimum: 1, maximum: MAX_RECOMMENDATION },
  problem: (number) => ({
    message: `"${truncate(number)}" is not a recommendation's number`,
    hint: 'use the numbers shown, counting from 1 (recommendations: [1, 3])',
  }),
};
