/**
 * The keys of the format for figures and the locator map (issue 18):
 * `figures`, `locations` and `map`, written as format.ts writes the rest,
 * and the rules their values are read with. format.ts puts them in the
 * briefing; validate.ts reads the figures' files (figureFiles.ts).
 */

import { VISUAL_GROUPS } from './briefing.js';
import { countryCodesNear, isCountryCode } from './countries.js';
import { SLUG } from './patterns.js';
import { choice, list, mapping, type TextRule, text, truncate } from './specs.js';
import { placeSameness } from './textRules.js';

/** The key whose values `[@fig:id]` must name. */
export const FIGURE_TARGET = 'figure id';

const DECIMAL = '[-+]?(?:\\d+(?:\\.\\d*)?|\\.\\d+)';

function degrees(what: string, limit: number): TextRule {
  return {
    pattern: DECIMAL,
    numbers: 'any',
    also: (value) => Math.abs(Number(value)) <= limit,
    problem: (value) => ({
      message: `"${truncate(value)}" is not a ${what} (a number of degrees from −${limit} to ${limit})`,
      hint: `write decimal degrees, ${what === 'latitude' ? 'north positive: 32.767' : 'east positive: 22.639'}`,
    }),
  };
}

export const LATITUDE = degrees('latitude', 90);
export const LONGITUDE = degrees('longitude', 180);

const BBOX_EDGE: TextRule = {
  pattern: DECIMAL,
  numbers: 'any',
  also: (value) => Math.abs(Number(value)) <= 180,
  problem: (value) => ({
    message: `"${truncate(value)}" is not a number of degrees`,
    hint: 'write [west, south, east, north] in decimal degrees: [21, 31.5, 24.5, 33.2]',
  }),
};

const COUNTRY_CODE: TextRule = {
  pattern: '[A-Za-z]{3}',
  also: (code) => isCountryCode(code.toUpperCase()),
  normalise: (code) => code.toUpperCase(),
  problem: (code) => ({
    message: `"${truncate(code)}" is not an ISO 3166-1 alpha-3 country code`,
    hint: codesHint(countryCodesNear(code.trim())),
  }),
};

/** `did you mean BFA?` for the codes close to a wrong one, else examples. */
function codesHint(near: readonly string[]): string {
  if (near.length === 0) return 'use three letters such as LBY, EGY or TUN';
  const last = near.at(-1);
  return `did you mean ${near.length > 1 ? `${near.slice(0, -1).join(', ')} or ${last}` : last}?`;
}

const AFTER = (what: string) =>
  choice(VISUAL_GROUPS, 'a slide group', `The slide group ${what} follows: ${VISUAL_GROUPS.join(', ')}.`, {
    default: 'situation',
  });

const FIGURE = mapping(
  {
    id: text('A slug, unique; refer to the figure in any Markdown text as `[@fig:id]` ("Figure 2").', {
      required: true,
      rule: SLUG,
      unique: FIGURE_TARGET,
    }),
    file: text(
      'A PNG, JPEG, WebP or SVG file next to the briefing (checked by its content; at most 10 MiB and 10,000 px a side; an SVG may run nothing and load nothing).',
      { required: true, examples: ['figures/chart.png'] },
    ),
    alt: text('The text equivalent: what a reader who cannot see the image must know.', { required: true }),
    caption: text('Shown under the image, after "Figure N." (inline Markdown).', { markdown: 'inline' }),
    credit: text('Who made it, and under which licence.', { examples: ['Chart: Libya desk, CC BY 4.0'] }),
    source: text('A source id: the figure cites that source.', {
      refersTo: {
        to: 'source id',
        notFound: 'is not a source id in this file',
        self: 'cannot refer to itself',
        listed: 'the source ids are',
      },
    }),
    after: AFTER('the figure'),
  },
  'A figure: `id`, `file` and `alt` (required), `caption`, `credit`, `source`, `after`.',
);

const LOCATION = mapping(
  {
    name: text('The place, as the timeline names it.', {
      required: true,
      unique: 'location name',
      uniqueBy: placeSameness,
    }),
    lat: text('Latitude in decimal degrees, −90 to 90 (north positive).', {
      required: true,
      rule: LATITUDE,
      examples: [32.767, -33.92],
    }),
    lon: text('Longitude in decimal degrees, −180 to 180 (east positive).', {
      required: true,
      rule: LONGITUDE,
      examples: [22.639, -70.65],
    }),
    kind: text(
      '`city`, `town`, `site`, `incident`…: sites are squares, incidents diamonds, others circles.',
      {
        examples: ['city', 'town', 'site', 'incident'],
      },
    ),
    note: text('A short note about the place.'),
  },
  'A place: `name`, `lat` and `lon` (required), `kind`, `note`.',
);

const AREA_LABEL = mapping(
  {
    name: text('The name written across the area.', { required: true }),
    lat: text('Latitude of its centre.', { required: true, rule: LATITUDE, examples: [32.5] }),
    lon: text('Longitude of its centre.', { required: true, rule: LONGITUDE, examples: [21.8] }),
  },
  'An area label: `name`, `lat`, `lon`.',
);

const MAP = mapping(
  {
    countries: list(
      text('An ISO 3166-1 alpha-3 code.', { rule: COUNTRY_CODE, examples: ['LBY', 'EGY'] }),
      'The area to show, as countries: `[LBY]`.',
    ),
    bbox: list(
      text('Degrees.', { rule: BBOX_EDGE, examples: [21, 31.5, 24.5, 33.2] }),
      'The area to show, as `[west, south, east, north]` in degrees.',
      { min: 4, max: 4 },
    ),
    title: text("Shown as the map slide's heading and in the figure caption.", {
      examples: ['Eastern Libya'],
    }),
    after: AFTER('the map'),
    labels: list(AREA_LABEL, 'Names written across an area (a mountain range), without a marker.', {
      default: [],
    }),
  },
  'The locator map: `countries` or `bbox` (without them, the map is cropped to the places), `title`, `after`, `labels`.',
);

/** The keys format.ts adds to the briefing. */
export const VISUAL_KEYS = {
  figures: list(FIGURE, 'Images, each on its own slide and in the handout, numbered with the map.', {
    default: [],
  }),
  locations: list(
    LOCATION,
    'Places for the locator map; a timeline event whose `place` names one is numbered on the map.',
    {
      default: [],
    },
  ),
  map: MAP,
};
