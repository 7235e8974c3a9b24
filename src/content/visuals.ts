/**
 * Figures and the locator map in the content model: numbered together in
 * the order they are shown (by the group they follow, the map first in its
 * group), each image as a data: URI, the map drawn once per size asked
 * for, and the timeline events whose place names a location numbered as
 * the map numbers them. Pure: the images were read and prepared when the
 * briefing was validated.
 */

import type { Briefing, VisualGroup } from '../format/briefing.js';
import { VISUAL_GROUPS } from '../format/briefing.js';
import { placeSameness } from '../format/textRules.js';
import { type LocatorMap, type MapPlace, renderLocatorMap } from '../slides/visuals/map.js';
import type { MarkdownRenderer } from './markdown.js';
import { escapeHtml } from './markdown.js';
import type { FigureItem, MapItem, VisualItem } from './types.js';

/** Where `[@fig:id]` links to, given the figure's slide id and handout anchor; `null` writes plain text. */
export type FigureHref = ((visual: { slideId: string; anchor: string }) => string) | null;

/** The deck's figure references go to the figure's slide. */
export const FIGURE_SLIDE: FigureHref = (visual) => `#/${visual.slideId}`;
/** The handout's go to the figure in the handout. */
export const HANDOUT_FIGURE: FigureHref = (visual) => `#${visual.anchor}`;

const MAP_ID = 'locator-map';

interface Placed {
  key: string;
  after: VisualGroup;
  /** The map comes first in its group, then the figures as written. */
  order: number;
}

/** The figures and the map in the order shown: their numbers, slide ids and handout anchors, by figure id (the map's `locator-map`). */
export function visualOrder(
  briefing: Briefing,
): Map<string, { number: number; slideId: string; anchor: string }> {
  const placed: Placed[] = briefing.figures.map((figure, index) => ({
    key: figure.id,
    after: figure.after,
    order: index + 1,
  }));
  if (hasMap(briefing)) placed.push({ key: MAP_ID, after: briefing.map?.after ?? 'situation', order: 0 });
  placed.sort((a, b) => VISUAL_GROUPS.indexOf(a.after) - VISUAL_GROUPS.indexOf(b.after) || a.order - b.order);
  let figures = 0;
  return new Map(
    placed.map((visual, index) => {
      const isMap = visual.order === 0;
      if (!isMap) figures += 1;
      const slideId = isMap ? 'map' : figures === 1 ? 'figure' : `figure-${figures}`;
      const anchor = isMap ? MAP_ID : `figure-${visual.key}`;
      return [visual.key, { number: index + 1, slideId, anchor }];
    }),
  );
}

function hasMap(briefing: Briefing): boolean {
  return briefing.locations.length > 0 || (briefing.map?.labels.length ?? 0) > 0;
}

/**
 * The locations a timeline place names: each of its parts between semicolons (`;`, `؛`) that is a location's name
 * (`Harrisburg, PA`), else each of that part's pieces between commas (`,`, `،`) that is one (`Qubba, near Derna`).
 */
function locationsNamed(place: string | undefined, names: ReadonlyMap<string, string>): string[] {
  if (!place) return [];
  return place.split(/[;؛]/).flatMap((part) => {
    const whole = names.get(placeSameness(part));
    if (whole !== undefined) return [whole];
    return part.split(/[,،]/).flatMap((piece) => names.get(placeSameness(piece)) ?? []);
  });
}

/** The locations each timeline event names (none in a briefing without a map), in timeline order. */
function eventLocations(briefing: Briefing): string[][] {
  if (!hasMap(briefing)) return briefing.timeline.map(() => []);
  const names = new Map(briefing.locations.map((location) => [placeSameness(location.name), location.name]));
  return briefing.timeline.map((event) => locationsNamed(event.place, names));
}

/** Each event's number on the map: the events that name a location, counted in timeline order. */
function mapNumbersOf(located: readonly string[][]): (number | undefined)[] {
  let n = 0;
  return located.map((names) => (names.length > 0 ? ++n : undefined));
}

/** The map's number of each timeline event (counting the events at a location, in timeline order), or undefined. */
export function timelineMapNumbers(briefing: Briefing): (number | undefined)[] {
  return mapNumbersOf(eventLocations(briefing));
}

/** The figures and the map, numbered, in the order shown. */
export function visualItems(
  briefing: Briefing,
  md: MarkdownRenderer,
  quotes: (text: string) => string = (text) => text,
): VisualItem[] {
  const order = visualOrder(briefing);
  const items: VisualItem[] = briefing.figures.map((figure, index): FigureItem => {
    const at = order.get(figure.id) ?? { number: 0, slideId: 'figure', anchor: `figure-${figure.id}` };
    const { image } = figure;
    return {
      kind: 'figure',
      ...at,
      id: figure.id,
      after: figure.after,
      alt: figure.alt,
      dataUri: `data:${image.mediaType};base64,${Buffer.from(image.bytes).toString('base64')}`,
      naturalWidth: image.naturalWidth,
      naturalHeight: image.naturalHeight,
      vector: image.mediaType === 'image/svg+xml',
      captionHtml: figure.caption ? md.inline(figure.caption) : '',
      caption: figure.caption ? md.text(figure.caption) : '',
      credit: figure.credit && quotes(figure.credit),
      citationHtml: figure.source ? md.inline(`[@${figure.source}]`) : '',
      yamlPath: `figures[${index}]`,
    };
  });
  const map = mapItem(briefing, order.get(MAP_ID), quotes);
  if (map) items.push(map);
  return items.sort((a, b) => a.number - b.number);
}

function mapItem(
  briefing: Briefing,
  at: { number: number; slideId: string; anchor: string } | undefined,
  quotes: (text: string) => string,
): MapItem | undefined {
  if (!at) return undefined;
  const located = eventLocations(briefing);
  const numbers = mapNumbersOf(located);
  const places: MapPlace[] = briefing.locations.map((location) => {
    const events = located.flatMap((names, index) =>
      names.includes(location.name) ? [numbers[index] as number] : [],
    );
    return { ...location, name: quotes(location.name), ...(events.length > 0 ? { numbers: events } : {}) };
  });
  const settings = briefing.map;
  const data = {
    places,
    ...(settings?.area ? { area: settings.area } : {}),
    areaLabels: (settings?.labels ?? []).map((label) => ({ ...label, name: quotes(label.name) })),
  };
  const title = settings?.title ? quotes(settings.title) : 'Locator map';
  // Drawn at each size asked for; renderLocatorMap keeps the maps it drew lately, so asking again is free.
  const draw = (width: number, height: number, idPrefix = 'bd-map-'): Readonly<LocatorMap> =>
    renderLocatorMap(data, {
      width: Math.round(width),
      height: Math.round(height),
      title,
      idPrefix,
      language: briefing.language,
    });
  return {
    kind: 'map',
    ...at,
    after: settings?.after ?? 'situation',
    title,
    titleHtml: escapeHtml(title),
    numbered: numbers.some((n) => n !== undefined),
    draw,
    yamlPath: briefing.map ? 'map' : 'locations',
  };
}

/**
 * The map's caption after "Figure N.": its title, what its numbers are, and the places outside the
 * map as drawn (`hidden`), the same sentence on the slide, in the handout and in the PowerPoint deck.
 */
export function mapCaption(map: Pick<MapItem, 'title' | 'numbered'>, hidden: readonly string[]): string {
  const numbered = map.numbered ? ' Numbers beside the places are the timeline’s events.' : '';
  const outside = hidden.length > 0 ? ` Outside the map: ${hidden.join(', ')}.` : '';
  return `${map.title}.${numbered}${outside}`;
}
