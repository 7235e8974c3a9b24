/**
 * The briefing format, defined once: every key of docs/briefing-format.md
 * with its type, whether it is required, its allowed values and limits, what
 * it means, and what a mistake in it says. Everything else is derived from
 * this table: the validator (validate.ts walks it over the YAML), the JSON
 * Schema (schema.ts), the starter briefing (init.ts); the tests check the
 * docs against it. The kinds of value it is written in are in specs.ts; the
 * rules values are read with, in patterns.ts and dateTimes.ts.
 *
 * Why a plain table and not a schema library (zod, valibot, TypeBox): what
 * users value in the validator is its messages and places, every problem at
 * once at the YAML node's line and column, numbers taken as written,
 * did-you-mean hints, the ICD 203 terms listed, quoting hints for what YAML
 * read as a boolean or a mapping. A library checks the JavaScript value after
 * YAML is gone (no positions, no aliases, no text as written), so each of its
 * errors would have to be mapped back to a node and re-worded, and its JSON
 * Schema output would still need our case-insensitive words and percentages
 * patched in. A table of some eighty keys reads in a few screens, needs no
 * dependency, and its shape is checked against `Briefing` by the compiler
 * (`Value<typeof BRIEFING>`, used in validate.ts). Every pattern a rule has is
 * an ECMA-262 regular expression that the validator and the schema both use,
 * so the two cannot disagree on a value.
 */

import {
  ASPECTS,
  CONFIDENCES,
  IMPACTS,
  LIKELIHOODS,
  NOTE_GROUPS,
  PRIORITIES,
  RELATION_TYPES,
  STANCES,
  TLP_LABELS,
} from './briefing.js';
import { DATE_AS_WRITTEN, DATE_TIME_WITH_ZONE, DEADLINE } from './dateTimes.js';
import { VISUAL_KEYS } from './formatVisuals.js';
import { LANGUAGE_TAG } from './language.js';
import {
  CSS_COLOUR,
  EMAIL,
  HEX_COLOUR,
  HTTP_URL,
  likelihoodOfPercent,
  PERCENT,
  RECOMMENDATION_NUMBER,
  SLUG,
} from './patterns.js';
import { choice, type FileSpec, list, mapping, type Reference, type TextSpec, text } from './specs.js';
import { BUILT_IN_THEMES } from './themes.js';

// What the format is written in, for the modules that read the format with one import.
export { likelihoodOfPercent } from './patterns.js';
export type { MappingSpec, Message, Spec, TextSpec, Value } from './specs.js';
export { requiredKeys, truncate } from './specs.js';

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
    date: text(
      'When it was published, as written; one written as an ISO date (`2015-06-30`) must be on the calendar.',
      {
        rule: DATE_AS_WRITTEN,
        examples: ['2015-06-30', 'June 2015'],
      },
    ),
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
    change_note: text(
      'Why the likelihood, impact or confidence moved since the previous version (inline Markdown); a judgment that moved without one is a warning.',
      { markdown: 'inline' },
    ),
    detail: text('Why (Markdown).', { markdown: 'block' }),
    indicators: list(
      text('A signpost (inline Markdown).', { markdown: 'inline' }),
      'Signposts that the risk is materialising.',
      { default: [] },
    ),
    notes: text('Speaker notes (Markdown).', { markdown: 'block' }),
    id: text('A slug (lowercase letters, digits, hyphens), unique: names the risk across versions.', {
      rule: SLUG,
      unique: 'risk id',
      examples: ['is-reprisals', 'dmsc-rule'],
    }),
  },
  'A risk: `title`, `likelihood` and `impact` (required), `confidence`, `change_note`, `detail`, `indicators`, `notes`, `id`.',
);

const RECOMMENDATION = mapping(
  {
    action: text('What should be done (inline Markdown).', { required: true, markdown: 'inline' }),
    owner: text('Who should do it.'),
    priority: choice(PRIORITIES, 'a priority', 'How urgent it is.'),
    timeframe: text('When, as written: `immediate`, `3 months`…', { examples: ['Immediate', '3 months'] }),
    rationale: text('Why (Markdown).', { markdown: 'block' }),
    notes: text('Speaker notes (Markdown).', { markdown: 'block' }),
    id: text(
      'A slug (lowercase letters, digits, hyphens), unique: names the recommendation across versions.',
      {
        rule: SLUG,
        unique: 'recommendation id',
        examples: ['protective-force', 'local-administration'],
      },
    ),
  },
  'A recommendation: `action` (required), `owner`, `priority`, `timeframe`, `rationale`, `notes`, `id`.',
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
    date: text(
      'When: an ISO date (`2015-06-30`, `2015-06`) is shown in the long form of the language, anything else as written; one written as an ISO date must be on the calendar.',
      { rule: DATE_AS_WRITTEN },
    ),
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
    banner: mapping(
      {
        background: text('The banners\' background: `#rgb` or `#rrggbb`, quoted (`"#000000"`).', {
          required: true,
          rule: HEX_COLOUR,
          examples: ['#000000', '#2b3440'],
        }),
        text: text(
          "The marking's colour on it: `#rgb` or `#rrggbb`, quoted; at least 4.5:1 against the background.",
          {
            required: true,
            rule: HEX_COLOUR,
            examples: ['#ffffff', '#ffc000'],
          },
        ),
      },
      "The classification banners' colours, over the marking's standard colours (TLP 2.0, US classification) and the theme's neutral band: `background` and `text`, at least 4.5:1 apart (WCAG AA), else an error.",
    ),
    logo: {
      type: 'file',
      what: 'logo',
      accept: ['image/png', 'image/jpeg', 'image/svg+xml'],
      description:
        'A PNG, JPEG or SVG file next to the briefing: on the title slide, and small on every slide.',
    } satisfies FileSpec,
  },
  'Presentation settings: `theme`, `aspect`, `accent`, `banner`, `logo`.',
);

const CONTACT = mapping(
  {
    name: text('Their name.'),
    role: text('Their role or desk.'),
    email: text('An e-mail address: `name@example.org`.', {
      rule: EMAIL,
      examples: ['libya.desk@example.org'],
    }),
    phone: text('A telephone number, as written.'),
  },
  'Who to ask about the briefing: `name`, `role`, `email`, `phone`; a name or an e-mail address at least.',
  { atLeastOneOf: ['name', 'email'] },
);

const DECISION = mapping(
  {
    decision: text('What must be decided, as a question or an instruction (inline Markdown).', {
      required: true,
      markdown: 'inline',
    }),
    by: text('Who decides.'),
    deadline: text(
      'By when: a date (`2015-06-30`, the whole day), a date and time with its zone (`2015-06-30T16:00Z`), or text as written (`Before the vote`).',
      { rule: DEADLINE, examples: ['2015-06-30', '2015-06-30T16:00Z', 'Before the vote'] },
    ),
    recommendations: list(
      text("A recommendation's number as shown, counting from 1.", {
        rule: RECOMMENDATION_NUMBER,
        numberOf: { list: 'recommendations', what: 'recommendation' },
      }),
      'The recommendations it decides on, by their numbers as shown (counting from 1): `[1, 3]`.',
      { default: [] },
    ),
    id: text('A slug (lowercase letters, digits, hyphens), unique: names the decision across versions.', {
      rule: SLUG,
      unique: 'decision id',
    }),
  },
  'A decision required: `decision` (required), `by`, `deadline`, `recommendations`, `id`.',
);

const HANDLING_DEFAULT = `Without it, a classification that is a TLP 2.0 label (${TLP_LABELS.map((label) => `\`${label}\``).join(', ')}) gives that label's sharing rule, in the words of FIRST's standard.`;

/** The whole briefing file. */
export const BRIEFING = mapping(
  {
    title: text("The briefing's title: title slide, page title, PDF title.", { required: true }),
    subtitle: text('One line under the title.'),
    date: text(
      'Shown on the title slide; an ISO date (`2015-06-30`, `2015-06`) in the long form of the language (`30 June 2015`), anything else as written (`June 2015`, `Q3 2015`). One written as an ISO date must be on the calendar (`2015-02-30` is an error). Never defaulted to today.',
      { rule: DATE_AS_WRITTEN, examples: ['2015-06-30', 'June 2015'] },
    ),
    language: text(
      "The language the briefing is written in, as a BCP 47 tag that starts with a language's code (`en`, `en-GB`, `de`, `fr`, `ar`; not its name, `french`): sets hyphenation, quotes, dates and the PDF language; a language written right to left (`ar`, `fa`, `fa-AF`, `ps`, `ur`, `he`…) lays the briefing out right to left.",
      { rule: LANGUAGE_TAG, default: 'en', examples: ['en', 'en-GB', 'de', 'fr', 'es', 'nl', 'ar'] },
    ),
    as_of: text(
      'When the briefing was true: an ISO 8601 date and time with its zone (`2015-06-30T16:00Z`, `2015-06-30T18:00+02:00`). A decision whose deadline is earlier has passed.',
      { rule: DATE_TIME_WITH_ZONE, examples: ['2015-06-30T16:00Z', '2015-06-30T18:00+02:00'] },
    ),
    version: text('The version of the briefing, as written: a number is kept as written (`1.10`).', {
      examples: ['1.0', '2', 'Draft 3'],
    }),
    author: text('Who prepared it; also the PDF author.'),
    organization: text('Who it is from.'),
    contact: CONTACT,
    classification: text(
      'Handling marking, shown as a banner at the top and bottom of every slide and page; TLP 2.0 labels (`TLP:RED`, `TLP:AMBER`, `TLP:AMBER+STRICT`, `TLP:GREEN`, `TLP:CLEAR`) and US markings (`UNCLASSIFIED`, `CUI`, `CONFIDENTIAL`, `SECRET`, `TOP SECRET`, `TOP SECRET//SCI`) get their standard colours, any other a neutral band; `deck.banner` sets others. It must fit on one line of a slide’s banner (about 100 capitals at 16:9, 80 at 4:3).',
      { examples: ['UNCLASSIFIED', 'OFFICIAL', 'TLP:CLEAR', 'CONFIDENTIAL', 'SECRET'] },
    ),
    handling: text(`A distribution or caveat line (\`Not for onward distribution\`). ${HANDLING_DEFAULT}`, {
      examples: ['Not for onward distribution'],
    }),
    source: SOURCE_REPORT,
    bluf: list(
      text('A key judgment (inline Markdown).', { markdown: 'inline' }),
      'Bottom line up front: 1 to 6 key judgments, the slide after the title.',
      { min: 1, max: 6, default: [] },
    ),
    decisions: list(DECISION, 'Decisions required of the audience, in the order given.', { default: [] }),
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
    ...VISUAL_KEYS,
  },
  'A briefdeck briefing: a short YAML summary of a report, made into a slide deck and a PDF.',
);
