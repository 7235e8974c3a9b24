/**
 * The briefing format, defined once: every key of docs/briefing-format.md
 * with its type, whether it is required, its allowed values and limits, what
 * it means, and what a mistake in it says. Everything else is derived from
 * this table: the validator (validate.ts walks it over the YAML), the JSON
 * Schema (schema.ts), the starter briefing (init.ts); the tests check the
 * docs against it.
 *
 * Why a plain table and not a schema library (zod, valibot, TypeBox): what
 * users value in the validator is its messages and places, every problem at
 * once at the YAML node's line and column, numbers taken as written,
 * did-you-mean hints, the ICD 203 terms listed, quoting hints for what YAML
 * read as a boolean or a mapping. A library checks the JavaScript value after
 * YAML is gone (no positions, no aliases, no text as written), so each of its
 * errors would have to be mapped back to a node and re-worded, and its JSON
 * Schema output would still need our case-insensitive words and percentages
 * patched in. A table of some sixty keys reads in a few screens, needs no
 * dependency, and its shape is checked against `Briefing` by the compiler
 * (`Value<typeof BRIEFING>`, used in validate.ts). Every pattern below is an
 * ECMA-262 regular expression that the validator and the schema both use, so
 * the two cannot disagree on a value.
 */

import { BUILT_IN_THEMES } from '../outputs/themes.js';
import {
  ASPECTS,
  type Asset,
  CONFIDENCES,
  IMPACTS,
  LIKELIHOODS,
  type Likelihood,
  NOTE_GROUPS,
  PRIORITIES,
  RELATION_TYPES,
  STANCES,
} from './briefing.js';

// ── the kinds of value ────────────────────────────────────────────────────

/** What the user reads about a mistake: what is wrong, and what to do. */
export interface Message {
  message: string;
  hint?: string;
}

interface About {
  /** What the key holds, for the docs and an editor's hover; Markdown. */
  description: string;
  /** Values an editor may offer. */
  examples?: readonly (string | number)[];
  /** The key must be present and not empty. */
  required?: boolean;
  /** What an absent (or empty) key means. */
  default?: unknown;
}

/** Text. A number is taken as written (`title: 1984`); a boolean or a mapping is a mistake with a quoting hint. */
export interface TextSpec extends About {
  type: 'text';
  /** Markdown keeps its spacing and may cite sources (`[@id]`); plain text is trimmed. */
  markdown?: 'inline' | 'block';
  /** A further rule on the trimmed text. */
  rule?: TextRule;
  /** No two values of this key in the file may be the same; names what the value is (`actor name`). */
  unique?: string;
  /** The value must be one of the values of the key marked `unique: reference.to`. */
  refersTo?: Reference;
}

export interface TextRule {
  /** The whole trimmed text must match this (ECMA-262, no flags). */
  pattern: string;
  /** A number as written may match too (an id `2015`); otherwise a number never does. */
  integers?: boolean;
  /** A check no pattern can make (that `new URL` parses it); the schema has only the pattern. */
  also?: (text: string) => boolean;
  /** The value kept, once valid. */
  normalise?: (text: string) => string;
  problem: (text: string) => Message;
}

export interface Reference {
  /** The `unique` name of the key whose values this one must name. */
  to: string;
  /** Said of a value that names none: `is not an actor in this file`. */
  notFound: string;
  /** Said of a value that names the item it is written in. */
  self: string;
  /** Introduces the values it may name, in the hint: `the actors are`. */
  listed: string;
}

/** One of a few words, in any case, with spaces, hyphens or underscores between words. */
export interface ChoiceSpec<T extends string = string> extends About {
  type: 'choice';
  values: readonly T[];
  /** One of them, in a message: `a stance`. */
  what: string;
  /** A percentage is also accepted, and mapped to a value. */
  percent?: { pattern: string; toValue: (percent: number) => T };
}

export interface ListSpec<I extends Spec = Spec> extends About {
  type: 'list';
  items: I;
  min?: number;
  max?: number;
}

export interface MappingSpec<K extends Record<string, Spec> = Record<string, Spec>> extends About {
  type: 'mapping';
  keys: K;
}

/** A file next to the briefing (relative to it), or one of a few built-in names. */
export interface FileSpec extends About {
  type: 'file';
  /** One of them, in a message: `theme`. */
  what: string;
  accept: readonly Asset['mediaType'][];
  builtIn?: readonly string[];
  /** The file name must end so (`.css`). */
  extension?: string;
}

export type Spec = TextSpec | ChoiceSpec | ListSpec | MappingSpec | FileSpec;

/** The value a spec gives once valid: what validate.ts returns before the files are read. */
export type Value<S> =
  S extends ChoiceSpec<infer T>
    ? T
    : S extends TextSpec | FileSpec
      ? string
      : S extends ListSpec<infer I>
        ? Value<I>[]
        : S extends MappingSpec<infer K>
          ? Shape<K>
          : never;

type Given<S> = S extends { required: true } ? true : S extends { default: unknown } ? true : false;
type Shape<K> = Flat<
  { [P in keyof K as Given<K[P]> extends true ? P : never]: Value<K[P]> } & {
    [P in keyof K as Given<K[P]> extends true ? never : P]?: Value<K[P]>;
  }
>;
type Flat<T> = { [P in keyof T]: T[P] };

// ── builders: they only fill in `type`, so the table below reads as a table ──

type Options<S> = Omit<S, 'type' | 'description'>;

function text<const O extends Options<TextSpec>>(description: string, options?: O): TextSpec & O {
  return { type: 'text', description, ...(options as O) };
}

function choice<T extends string, const O extends Omit<Options<ChoiceSpec<T>>, 'values' | 'what'>>(
  values: readonly T[],
  what: string,
  description: string,
  options?: O,
): ChoiceSpec<T> & O {
  return { type: 'choice', values, what, description, examples: values, ...(options as O) };
}

function list<I extends Spec, const O extends Omit<Options<ListSpec<I>>, 'items'>>(
  items: I,
  description: string,
  options?: O,
): ListSpec<I> & O {
  return { type: 'list', items, description, ...(options as O) };
}

function mapping<K extends Record<string, Spec>, const O extends Omit<Options<MappingSpec<K>>, 'keys'>>(
  keys: K,
  description: string,
  options?: O,
): MappingSpec<K> & O {
  return { type: 'mapping', keys, description, ...(options as O) };
}

// ── patterns shared by the validator and the schema ───────────────────────

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
const PERCENT = '(?:(?:\\d{1,2}|0\\d\\d)(?:\\.\\d+)?|100(?:\\.0+)?)\\s*%';

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

const CSS_COLOUR: TextRule = {
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

const HTTP_URL: TextRule = {
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

const SLUG: TextRule = {
  pattern: '[a-z0-9-]+',
  integers: true,
  problem: (id) => ({
    message: `"${truncate(id)}" is not a slug`,
    hint: 'use lowercase letters, digits and hyphens',
  }),
};

/** Cuts text for a message. */
export function truncate(text: string, max = 40): string {
  const one = text.replace(/\s+/g, ' ');
  return one.length > max ? `${one.slice(0, max - 1)}…` : one;
}

// ── the format ────────────────────────────────────────────────────────────

/** The key whose values Markdown citations (`[@id]`) must name. */
export const CITATION_TARGET = 'source id';

const ACTOR: Reference = {
  to: 'actor name',
  notFound: 'is not an actor in this file',
  self: 'an actor cannot have a relation with itself',
  listed: 'the actors are',
};

const SOURCE_REPORT = mapping(
  {
    title: text("The report's title.", { required: true }),
    publisher: text('Who published it.'),
    author: text('Who wrote it.'),
    date: text('When it was published, as written.', { examples: ['2015-06-30', 'June 2015'] }),
    url: text('Where to read it: an `http` or `https` address.', { rule: HTTP_URL }),
  },
  'The report being summarised: `title` (required), `publisher`, `author`, `date`, `url`. Credited on the title slide.',
);

const SITUATION = mapping(
  {
    summary: text('One or two short paragraphs (Markdown).', { required: true, markdown: 'block' }),
    points: list(
      text('A key fact (inline Markdown).', { markdown: 'inline' }),
      'Key facts, shown as bullets.',
      {
        default: [],
      },
    ),
  },
  'What is happening: `summary` (required, Markdown) and `points`.',
  { required: true },
);

const TIMELINE_EVENT = mapping(
  {
    date: text('When, free form and shown as written: `2015-02`, `9 June 2015`, `Days later`.', {
      required: true,
      examples: ['2015-06-09', '9 June 2015', 'Days later'],
    }),
    event: text('What happened (inline Markdown).', { required: true, markdown: 'inline' }),
    place: text('Where.'),
  },
  'An event: `date` and `event` (required), `place`.',
);

const RELATION = mapping(
  {
    with: text('The name of another actor in this file.', { required: true, refersTo: ACTOR }),
    type: choice(RELATION_TYPES, 'a relation type', 'How they relate; drawn on the actor map.', {
      required: true,
    }),
  },
  'A relation to another actor: `with` (its name) and `type`.',
);

const ACTOR_ITEM = mapping(
  {
    name: text('Unique within the file.', { required: true, unique: 'actor name' }),
    kind: text('Free: `armed group`, `government`, `militia`, `civilians`, `international`…', {
      examples: ['armed group', 'government', 'militia', 'civilians', 'international'],
    }),
    stance: choice(
      STANCES,
      'a stance',
      'Stance toward the interest the briefing serves: `hostile`, `mixed`, `neutral` (the default) or `friendly`.',
      { default: 'neutral' },
    ),
    role: text('Who they are and what they are doing, in a line or two (inline Markdown).', {
      required: true,
      markdown: 'inline',
    }),
    relations: list(RELATION, 'Relations to other actors, drawn as the actor map.', { default: [] }),
    notes: text('Speaker notes for this actor (Markdown).', { markdown: 'block' }),
  },
  'An actor: `name` and `role` (required), `kind`, `stance`, `relations`, `notes`.',
);

const RISK = mapping(
  {
    title: text('The risk in a few words.', { required: true }),
    likelihood: choice(
      LIKELIHOODS.map((entry) => entry.term),
      'a likelihood term',
      `One of the seven ICD 203 terms: ${LIKELIHOODS.map((e) => `\`${e.term}\` (${e.min}–${e.max}%)`).join(', ')}; or a percentage such as \`70%\`, shown as its term (a boundary takes the higher term).`,
      {
        required: true,
        percent: { pattern: PERCENT, toValue: likelihoodOfPercent },
        examples: [...LIKELIHOODS.map((entry) => entry.term), '70%'],
      },
    ),
    impact: choice(IMPACTS, 'an impact level', 'How bad it would be.', { required: true }),
    confidence: choice(
      CONFIDENCES,
      'a confidence level',
      'Analytic confidence in the judgment, shown apart from the likelihood.',
    ),
    detail: text('Why (Markdown).', { markdown: 'block' }),
    indicators: list(
      text('A signpost (inline Markdown).', { markdown: 'inline' }),
      'Signposts that the risk is materialising.',
      { default: [] },
    ),
    notes: text('Speaker notes (Markdown).', { markdown: 'block' }),
  },
  'A risk: `title`, `likelihood` and `impact` (required), `confidence`, `detail`, `indicators`, `notes`.',
);

const RECOMMENDATION = mapping(
  {
    action: text('What should be done (inline Markdown).', { required: true, markdown: 'inline' }),
    owner: text('Who should do it.'),
    priority: choice(PRIORITIES, 'a priority', 'How urgent it is.'),
    timeframe: text('When, as written: `immediate`, `3 months`…', { examples: ['Immediate', '3 months'] }),
    rationale: text('Why (Markdown).', { markdown: 'block' }),
    notes: text('Speaker notes (Markdown).', { markdown: 'block' }),
  },
  'A recommendation: `action` (required), `owner`, `priority`, `timeframe`, `rationale`, `notes`.',
);

const SOURCE = mapping(
  {
    id: text(
      'A slug (lowercase letters, digits, hyphens), unique; cite it in any Markdown text as `[@id]`.',
      {
        required: true,
        rule: SLUG,
        unique: CITATION_TARGET,
      },
    ),
    title: text('Its title.', { required: true }),
    publisher: text('Who published it.'),
    author: text('Who wrote it.'),
    date: text('When, as written.'),
    url: text('Where to read it: an `http` or `https` address.', { rule: HTTP_URL }),
  },
  'A source: `id` and `title` (required), `publisher`, `author`, `date`, `url`.',
);

const NOTES = mapping(
  Object.fromEntries(
    NOTE_GROUPS.map((group) => [
      group,
      text(`Speaker notes for the ${group} slides (Markdown).`, { markdown: 'block' }),
    ]),
  ) as Record<(typeof NOTE_GROUPS)[number], TextSpec & { markdown: 'block' }>,
  'Speaker notes (Markdown) per slide group.',
  { default: {} },
);

const DECK = mapping(
  {
    theme: {
      type: 'file',
      what: 'theme',
      accept: ['text/css'],
      builtIn: BUILT_IN_THEMES,
      extension: '.css',
      default: 'light',
      examples: BUILT_IN_THEMES,
      description:
        'A built-in theme (`light` for print and email, `dark` for projection) or a CSS file next to the briefing. A theme file may only load `data:` URLs.',
    } satisfies FileSpec,
    aspect: choice(ASPECTS, 'an aspect', 'Slide shape.', { default: '16:9' }),
    accent: text('Accent colour: `#rgb`, `#rrggbb` or a colour name; quote a `#` colour (`"#1f4e79"`).', {
      rule: CSS_COLOUR,
      examples: ['#1f4e79', 'navy', 'teal', 'firebrick'],
    }),
    logo: {
      type: 'file',
      what: 'logo',
      accept: ['image/png', 'image/jpeg', 'image/svg+xml'],
      description:
        'A PNG, JPEG or SVG file next to the briefing: on the title slide, and small on every slide.',
    } satisfies FileSpec,
  },
  'Presentation settings: `theme`, `aspect`, `accent`, `logo`.',
);

/** The whole briefing file. */
export const BRIEFING = mapping(
  {
    title: text("The briefing's title: title slide, page title, PDF title.", { required: true }),
    subtitle: text('One line under the title.'),
    date: text('Shown on the title slide as written; never defaulted to today.', {
      examples: ['2015-06-30'],
    }),
    author: text('Who prepared it; also the PDF author.'),
    organization: text('Who it is from.'),
    classification: text(
      'Handling marking, shown as a banner at the top and bottom of every slide and page; `UNCLASSIFIED`, `CONFIDENTIAL`, `SECRET`, `TOP SECRET`, `CUI` and `TLP:` markings get their conventional colours.',
      { examples: ['UNCLASSIFIED', 'OFFICIAL', 'TLP:CLEAR', 'CONFIDENTIAL', 'SECRET'] },
    ),
    source: SOURCE_REPORT,
    bluf: list(
      text('A key judgment (inline Markdown).', { markdown: 'inline' }),
      'Bottom line up front: 1 to 6 key judgments, the slide after the title.',
      { min: 1, max: 6, default: [] },
    ),
    situation: SITUATION,
    timeline: list(TIMELINE_EVENT, 'Dated events, in the order given.', { default: [] }),
    actors: list(ACTOR_ITEM, 'Who is involved (at least one).', { required: true, min: 1 }),
    risks: list(RISK, 'What could go wrong (at least one): the risk matrix and a card per risk.', {
      required: true,
      min: 1,
    }),
    recommendations: list(RECOMMENDATION, 'What to do (at least one), in the order given.', {
      required: true,
      min: 1,
    }),
    sources: list(SOURCE, 'Numbered in the order listed; cite them in any Markdown text as `[@id]`.', {
      default: [],
    }),
    notes: NOTES,
    deck: DECK,
  },
  'A briefdeck briefing: a short YAML summary of a report, made into a slide deck and a PDF.',
);

/** The keys a mapping requires, in the order defined. */
export function requiredKeys(spec: MappingSpec): string[] {
  return Object.entries(spec.keys)
    .filter(([, key]) => key.required)
    .map(([name]) => name);
}
