/**
 * The locator map's SVG, from its placement: land and sea, borders and
 * coasts, country names, area labels, markers and their labels, the inset,
 * and the footer (disclaimer, key, legend, scale bar).
 */
import { countryNameIn } from '../../format/countries.js';
import { textWidth } from '../../format/textMetrics.js';
import { placeCountryLabels } from './_mapCountryLabels.js';
import {
  areaLabel,
  COUNTRY_SIZE,
  COUNTRY_TRACKING,
  countryLabel,
  marker,
  markerRadius,
  path,
  pathData,
  placeLabel,
  symbolOf,
} from './_mapDraw.js';
import { drawFooter } from './_mapFooter.js';
import type { Rect } from './_mapLabels.js';
import type { MapLayout, Placement } from './_mapTypes.js';
import {
  centredView,
  type Frame,
  frameOutline,
  type MapView,
  type ProjectedCountry,
  projectCountries,
  projectLines,
} from './_mapView.js';
import type { Country, World } from './_mapWorld.js';
import { escapeXml, idPrefix, num, svgOpen } from './_svg.js';

/** Land (the focus countries apart), coasts and borders in `view`, as SVG paths. */
function landAndLines(
  world: World,
  view: MapView,
  countries: ProjectedCountry[],
  isFocus: (projected: ProjectedCountry) => boolean,
) {
  const { borders, coasts } = projectLines(world, view);
  const land = pathData(
    countries.filter((c) => !isFocus(c)).flatMap((c) => c.rings),
    true,
  );
  const focusLand = pathData(
    countries.filter(isFocus).flatMap((c) => c.rings),
    true,
  );
  return (
    path('bd-map-land', land) +
    path('bd-map-land bd-map-focus', focusLand) +
    path('bd-map-coast', pathData(coasts, false)) +
    path('bd-map-border', pathData(borders, false))
  );
}

/** Everything a country name must keep clear of. */
function takenRects(placement: Placement): Rect[] {
  const taken: Rect[] = [];
  for (const { at, label, key, place } of placement.places) {
    const r = markerRadius(key ? 'key' : symbolOf(place.kind)) + 2;
    taken.push({ x0: at.x - r, y0: at.y - r, x1: at.x + r, y1: at.y + r });
    if (label) taken.push(label.box);
    if (label?.leader) {
      const { from, to } = label.leader;
      taken.push({
        x0: Math.min(from.x, to.x),
        y0: Math.min(from.y, to.y),
        x1: Math.max(from.x, to.x),
        y1: Math.max(from.y, to.y),
      });
    }
  }
  for (const area of placement.areaLabels) taken.push(area.box);
  const inset = placement.inset;
  if (inset) taken.push({ x0: inset.x, y0: inset.y, x1: inset.x + inset.width, y1: inset.y + inset.height });
  return taken;
}

/** A country's name on the map, in the briefing's language (see `countryNameIn`). */
function shownName(country: Country, language: string): string {
  return country.code === undefined ? country.name : countryNameIn(language, country.code, country.name);
}

/** The country names that fit, focus countries first, then the others by the land they show. */
function countryNames(
  countries: ProjectedCountry[],
  placement: Placement,
  focus: readonly Country[],
  language: string,
) {
  const shown = (c: ProjectedCountry) => (c.box.x1 - c.box.x0) * (c.box.y1 - c.box.y0);
  const named = countries
    .filter((c) => c.country.code !== undefined)
    .sort(
      (a, b) =>
        Number(focus.includes(b.country)) - Number(focus.includes(a.country)) ||
        shown(b) - shown(a) ||
        a.country.name.localeCompare(b.country.name),
    );
  const requests = named.map((country) => {
    const name = shownName(country.country, language).toLocaleUpperCase(language);
    const width =
      textWidth(name, COUNTRY_SIZE, 600) * 1.05 + [...name].length * COUNTRY_TRACKING * COUNTRY_SIZE;
    return { country, width, height: COUNTRY_SIZE * 1.3 };
  });
  const boxes = placeCountryLabels(requests, countries, placement.view, takenRects(placement));
  return named.flatMap((country, i) => {
    const box = boxes[i];
    const name = shownName(country.country, language).toLocaleUpperCase(language);
    return box ? [{ country: country.country, name, box }] : [];
  });
}

function drawInset(
  world: World,
  main: MapView,
  frame: Frame,
  focus: readonly Country[],
  clipId: string,
): string {
  const spanKm = Math.min(7000, Math.max(2500, main.kmPerUnit * main.frame.width * 12));
  const view = centredView(main.centre, spanKm, frame);
  const countries = projectCountries(world, view);
  const focusCodes = new Set(focus.map((country) => country.code));
  const isFocus = (c: ProjectedCountry) => c.country.code !== undefined && focusCodes.has(c.country.code);
  const outline = frameOutline(main, 8).flatMap((lonLat) => {
    const xy = view.projection(lonLat);
    return xy ? [{ x: xy[0], y: xy[1] }] : [];
  });
  const xs = outline.map((p) => p.x);
  const ys = outline.map((p) => p.y);
  const cx = (Math.min(...xs) + Math.max(...xs)) / 2;
  const cy = (Math.min(...ys) + Math.max(...ys)) / 2;
  const small = Math.max(...xs) - Math.min(...xs) < 8 && Math.max(...ys) - Math.min(...ys) < 8;
  const extent = small
    ? `<rect class="bd-map-inset-extent" x="${num(cx - 4)}" y="${num(cy - 4)}" width="8" height="8"/>`
    : path('bd-map-inset-extent', pathData([outline], true));
  const { x, y, width, height } = frame;
  return (
    `<g class="bd-map-inset" clip-path="url(#${clipId})">` +
    `<rect class="bd-map-sea" x="${num(x)}" y="${num(y)}" width="${num(width)}" height="${num(height)}"/>` +
    landAndLines(world, view, countries, isFocus) +
    extent +
    '</g>' +
    `<rect class="bd-map-inset-frame" x="${num(x)}" y="${num(y)}" width="${num(width)}" height="${num(height)}"/>`
  );
}

/** The map's SVG and its description; `describe` gets the neighbouring countries named on the map. */
export function renderMapSvg(
  layout: MapLayout,
  placement: Placement,
  describe: (neighbours: string[]) => string,
): { svg: string; description: string } {
  const p = idPrefix(layout.idPrefix);
  const { view, inset } = placement;
  const countries = projectCountries(layout.world, view);
  const names = countryNames(countries, placement, layout.focus, layout.language);
  const neighbours = names
    .filter(({ country }) => !layout.focus.includes(country))
    .map(({ country }) => country.name);
  const description = describe(neighbours);
  const { x, y, width, height } = view.frame;
  const frameRect = `x="${num(x)}" y="${num(y)}" width="${num(width)}" height="${num(height)}"`;
  const out: string[] = [svgOpen('bd-viz-map', layout.width, layout.height, `${p}title ${p}desc`)];
  out.push(`<title id="${p}title">${escapeXml(layout.title)}</title>`);
  out.push(`<desc id="${p}desc">${escapeXml(description)}</desc>`);
  out.push(`<defs><clipPath id="${p}clip"><rect ${frameRect}/></clipPath>`);
  if (inset)
    out.push(
      `<clipPath id="${p}inset-clip"><rect x="${num(inset.x)}" y="${num(inset.y)}" width="${num(inset.width)}" height="${num(inset.height)}"/></clipPath>`,
    );
  out.push('</defs>');
  out.push(`<g class="bd-map-base" clip-path="url(#${p}clip)" aria-hidden="true">`);
  out.push(`<rect class="bd-map-sea" ${frameRect}/>`);
  out.push(landAndLines(layout.world, view, countries, (c) => layout.focus.includes(c.country)));
  out.push('</g>');
  out.push('<g class="bd-map-names" aria-hidden="true">');
  for (const { name, box } of names) out.push(countryLabel(box, name));
  for (const area of placement.areaLabels) out.push(areaLabel(area.box, area.name));
  out.push('</g><g class="bd-map-places" aria-hidden="true">');
  for (const { place, at, key } of placement.places)
    out.push(marker(symbolOf(place.kind), at, place.kind, key));
  for (const { place, label } of placement.places)
    if (label) out.push(placeLabel(label, place.name, place.numbers ?? []));
  out.push('</g>');
  if (inset && layout.insetWorld)
    out.push(
      `<g aria-hidden="true">${drawInset(layout.insetWorld, view, inset, layout.focus, `${p}inset-clip`)}</g>`,
    );
  out.push(`<rect class="bd-map-frame" ${frameRect}/>`);
  out.push(`<g aria-hidden="true">${drawFooter(placement, layout.width)}</g>`);
  out.push('</svg>');
  return { svg: out.join(''), description };
}
