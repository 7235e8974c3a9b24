/**
 * SVG pieces of the locator map: outlines, markers, labels, the scale bar
 * and the footer. Only markup; where things go is decided elsewhere.
 * Classes carry the colours (themes/map.css).
 */

import { textWidth } from '../../format/textMetrics.js';
import type { Point } from './_geometry.js';
import type { PlacedLabel, Rect } from './_mapLabels.js';
import type { Lines } from './_mapView.js';
import { escapeXml, num, wrapText } from './_svg.js';

/** One decimal: a tenth of a px is finer than any screen or print shows. */
function coord(value: number): string {
  const rounded = Math.round(value * 10) / 10;
  return Object.is(rounded, -0) ? '0' : String(rounded);
}

/** Path data of rings (`closed`) or lines, points that round to the same one dropped. */
export function pathData(lines: Lines, closed: boolean): string {
  let out = '';
  for (const line of lines) {
    let last = '';
    let count = 0;
    let part = '';
    for (const { x, y } of line) {
      const here = `${coord(x)} ${coord(y)}`;
      if (here === last) continue;
      part += `${count === 0 ? 'M' : 'L'}${here}`;
      last = here;
      count++;
    }
    if (count > 1) out += closed ? `${part}Z` : part;
  }
  return out;
}

export function path(className: string, d: string): string {
  return d === '' ? '' : `<path class="${className}" d="${d}"/>`;
}

/** Marker shapes: a kind's symbol. */
export type MarkerSymbol = 'circle' | 'square' | 'diamond' | 'key';

const SYMBOLS: Readonly<Record<string, MarkerSymbol>> = {
  site: 'square',
  facility: 'square',
  base: 'square',
  port: 'square',
  incident: 'diamond',
  attack: 'diamond',
  event: 'diamond',
};

/** The symbol of a place's kind: squares for sites, diamonds for incidents, circles for the rest. */
export function symbolOf(kind: string | undefined): MarkerSymbol {
  return SYMBOLS[(kind ?? '').trim().toLowerCase()] ?? 'circle';
}

/**
 * The size of every text on the map: 16 units, the least anything read on a slide may have at the
 * slide's design size, where the map is drawn a unit to the px (the handout draws it larger and shows
 * it smaller: src/outputs/handout/_visuals.ts).
 */
export const MAP_TEXT = 16;

/** A marker's radius: how far it reaches from its centre (a keyed one holds its letter). */
export function markerRadius(symbol: MarkerSymbol): number {
  return symbol === 'key' ? 11.5 : symbol === 'diamond' ? 6.5 : 5.5;
}

/** A CSS class fragment for a free-text kind: lower case letters, digits and dashes. */
export function kindClass(kind: string | undefined): string {
  const slug = (kind ?? '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
  return slug === '' ? '' : ` kind-${slug.slice(0, 32)}`;
}

/** A marker's shape centred on (x, y), reaching `r` from it. */
export function symbolShape(symbol: MarkerSymbol, x: number, y: number, r: number): string {
  switch (symbol) {
    case 'square': {
      const s = r * 0.86;
      return `<rect class="bd-map-marker" x="${num(x - s)}" y="${num(y - s)}" width="${num(2 * s)}" height="${num(2 * s)}"/>`;
    }
    case 'diamond':
      return `<path class="bd-map-marker" d="M${num(x)} ${num(y - r)}L${num(x + r)} ${num(y)}L${num(x)} ${num(y + r)}L${num(x - r)} ${num(y)}Z"/>`;
    default:
      return `<circle class="bd-map-marker" cx="${num(x)}" cy="${num(y)}" r="${num(r)}"/>`;
  }
}

/** A place's marker; a keyed one is a disc with its key letter in it. */
export function marker(symbol: MarkerSymbol, at: Point, kind: string | undefined, key?: string): string {
  const r = markerRadius(key ? 'key' : symbol);
  const mark = key
    ? `<circle class="bd-map-marker bd-map-keyed" cx="${num(at.x)}" cy="${num(at.y)}" r="${r}"/>` +
      `<text class="bd-map-key-letter" x="${num(at.x)}" y="${num(at.y)}" dy="0.35em" text-anchor="middle" font-size="${MAP_TEXT}">${escapeXml(key)}</text>`
    : symbolShape(symbol, at.x, at.y, r);
  return `<g class="bd-map-place${kindClass(kind)}">${mark}</g>`;
}

export const LABEL_SIZE = MAP_TEXT;
export const LABEL_HEIGHT = 21;
export const BADGE_R = 10.5;
const BADGE_GAP = 3;

/** The width of a number badge (a disc, or a pill for two digits and more). */
export function badgeWidth(number: number): number {
  const digits = String(number).length;
  return 2 * BADGE_R + Math.max(0, digits - 1) * 9;
}

/** The width the numbers before a place's name take, gap included. */
export function badgesWidth(numbers: readonly number[]): number {
  return numbers.reduce((sum, number) => sum + badgeWidth(number) + BADGE_GAP, 0);
}

function badges(numbers: readonly number[], x: number, y: number): string {
  let out = '';
  let left = x;
  for (const number of numbers) {
    const w = badgeWidth(number);
    out +=
      `<rect class="bd-map-badge" x="${num(left)}" y="${num(y - BADGE_R)}" width="${num(w)}" height="${2 * BADGE_R}" rx="${BADGE_R}"/>` +
      `<text class="bd-map-badge-number" x="${num(left + w / 2)}" y="${num(y)}" dy="0.35em" text-anchor="middle" font-size="${MAP_TEXT}">${number}</text>`;
    left += w + BADGE_GAP;
  }
  return out;
}

/** A place's label: its timeline numbers, its name, and the leader back to the marker if it stands off. */
export function placeLabel(label: PlacedLabel, name: string, numbers: readonly number[]): string {
  const { box, leader } = label;
  const middle = (box.y0 + box.y1) / 2;
  const line = leader
    ? `<path class="bd-map-leader" d="M${num(leader.from.x)} ${num(leader.from.y)}L${num(leader.to.x)} ${num(leader.to.y)}"/>`
    : '';
  const textX = box.x0 + badgesWidth(numbers) + 1;
  return (
    `<g class="bd-map-label-group">${line}${badges(numbers, box.x0, middle)}` +
    `<text class="bd-map-label" x="${num(textX)}" y="${num(middle)}" dy="0.35em" font-size="${LABEL_SIZE}">${escapeXml(name)}</text></g>`
  );
}

export const AREA_SIZE = MAP_TEXT;
export const AREA_TRACKING = 0.08;

/** An area's name (a mountain range, a region), centred in its box. */
export function areaLabel(box: Rect, name: string): string {
  return (
    `<text class="bd-map-area-label" x="${num((box.x0 + box.x1) / 2)}" y="${num((box.y0 + box.y1) / 2)}" dy="0.35em" ` +
    `text-anchor="middle" font-size="${AREA_SIZE}" letter-spacing="${num(AREA_TRACKING * AREA_SIZE)}">${escapeXml(name)}</text>`
  );
}

export const COUNTRY_SIZE = MAP_TEXT;
export const COUNTRY_TRACKING = 0.14;

/** A country's name on the map, as given (in capitals, in its language's way: `LİBYA` in Turkish). */
export function countryLabel(box: Rect, name: string): string {
  return (
    `<text class="bd-map-country-label" x="${num((box.x0 + box.x1) / 2)}" y="${num((box.y0 + box.y1) / 2)}" dy="0.35em" ` +
    `text-anchor="middle" font-size="${COUNTRY_SIZE}" letter-spacing="${num(COUNTRY_TRACKING * COUNTRY_SIZE)}">${escapeXml(name)}</text>`
  );
}

/** The scale bar's height, and from its top to its labels' baseline. */
export const SCALE_BAR = { height: 5, baseline: 18 } as const;

/** A scale bar of `km` kilometres, `length` units long, its left end at (x, y): two alternating halves, ticks labelled below. */
export function scaleBar(x: number, y: number, km: number, length: number): string {
  const half = length / 2;
  const label = (value: number) =>
    value >= 1 || value === 0 ? String(value) : value.toFixed(2).replace(/0$/, '');
  return (
    '<g class="bd-map-scale">' +
    `<rect class="bd-map-scale-dark" x="${num(x)}" y="${num(y)}" width="${num(half)}" height="${SCALE_BAR.height}"/>` +
    `<rect class="bd-map-scale-light" x="${num(x + half)}" y="${num(y)}" width="${num(half)}" height="${SCALE_BAR.height}"/>` +
    `<rect class="bd-map-scale-frame" x="${num(x)}" y="${num(y)}" width="${num(length)}" height="${SCALE_BAR.height}"/>` +
    [0, km / 2, km]
      .map(
        (value, index) =>
          `<text class="bd-map-scale-text" x="${num(x + index * half)}" y="${num(y + SCALE_BAR.baseline)}" text-anchor="middle" font-size="${MAP_TEXT}">${label(value)}${index === 2 ? ' km' : ''}</text>`,
      )
      .join('') +
    '</g>'
  );
}

export const KEY_SIZE = MAP_TEXT;
export const KEY_LINE_H = 21;

/** Letters for places shown by a key: A…Z, then AA, AB… */
export function keyLetter(index: number): string {
  const letter = String.fromCharCode(65 + (index % 26));
  return index < 26 ? letter : keyLetter(Math.floor(index / 26) - 1) + letter;
}

/** The key of the places shown by letter, in order, wrapped to the map's width, in at most `maxLines`. */
export function keyLines(names: readonly string[], width: number, maxLines: number): string[] {
  if (names.length === 0) return [];
  const entries = names.map((name, index) => `${keyLetter(index)}\u00a0${name}`);
  return wrapText(entries.join(' · '), width - 8, (text) => textWidth(text, KEY_SIZE, 400) * 1.05, maxLines);
}
