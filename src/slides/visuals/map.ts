/**
 * The locator map: places drawn on Natural Earth's country outlines as a
 * self-contained SVG at build time, offline. It is cropped to the places
 * (or to the area the briefing names) with a margin, and shows the places
 * as markers with labels that never overlap each other or any marker, the
 * timeline's event numbers beside the places they happened at, area labels
 * (a mountain range), the countries' names, an inset of the wider region,
 * a scale bar and a one-line boundary disclaimer. Its alt text comes from
 * the same data. Deterministic: the same data give the same bytes.
 *
 * The outlines (world-atlas, 1:50m; 1:110m for the inset) are read on the
 * first map a process draws, never by a build without one. Colours come
 * from themes/map.css through classes.
 */
import type { MultiPoint } from 'geojson';
import { isCountryCode, numericCountryCode } from '../../format/countries.js';
import { countryAt } from './_mapDescribe.js';
import { drawLocatorMap, type MapLayout } from './_mapLayout.js';
import { type Country, loadWorld, mainBounds, type World } from './_mapWorld.js';
import { recentResults } from './_recent.js';

export type { World } from './_mapWorld.js';
export { isCountryCode };

import type { LocatorMap, LocatorMapData, LocatorMapOptions } from './_mapTypes.js';

export type {
  LocatorMap,
  LocatorMapData,
  LocatorMapOptions,
  MapArea,
  MapAreaLabel,
  MapPlace,
} from './_mapTypes.js';

/** The default viewBox size of a locator map (a 16:9 slide region). */
export const LOCATOR_MAP_SIZE = { width: 1100, height: 560 } as const;

/** The countries of an area that the world has outlines for (some small territories have none at 1:50m). */
function areaCountries(world: World, codes: readonly string[]): Country[] {
  const numeric = new Set(codes.map((code) => numericCountryCode(code)).filter((code) => code !== undefined));
  return world.countries.filter((country) => country.code !== undefined && numeric.has(country.code));
}

/** Points along the edges of geographic bounds, so that the view takes in the whole box. */
function boundsPoints(west: number, south: number, east: number, north: number): [number, number][] {
  const span = (((east - west) % 360) + 360) % 360 || (east === west ? 0 : 360);
  const points: [number, number][] = [];
  for (let step = 0; step <= 8; step++) {
    const lon = west + (span * step) / 8;
    const lat = south + ((north - south) * step) / 8;
    points.push([lon, south], [lon, north], [west, lat], [west + span, lat]);
  }
  return points;
}

/** What the view must take in: the area if there is one, else the places and area labels. */
function extentOf(data: LocatorMapData, world: World): MultiPoint {
  const area = data.area;
  if (area && 'bbox' in area) return { type: 'MultiPoint', coordinates: boundsPoints(...area.bbox) };
  if (area && 'countries' in area) {
    const countries = areaCountries(world, area.countries);
    if (countries.length > 0) {
      const coordinates = countries.flatMap((country) => {
        const [[west, south], [east, north]] = mainBounds(country);
        return boundsPoints(west, south, east, north);
      });
      return { type: 'MultiPoint', coordinates };
    }
  }
  const points = [...data.places, ...(data.areaLabels ?? [])].map((p) => [p.lon, p.lat]);
  return { type: 'MultiPoint', coordinates: points.length > 0 ? points : [[0, 0]] };
}

/** The countries the map is about: the area's, else those that hold the places, in order of first mention. */
function focusCountries(data: LocatorMapData, world: World): Country[] {
  const area = data.area;
  if (area && 'countries' in area) return areaCountries(world, area.countries);
  const found: Country[] = [];
  for (const place of data.places) {
    const country = countryAt(world.countries, place.lon, place.lat);
    if (country && !found.includes(country)) found.push(country);
  }
  return found;
}

/** Maps drawn lately on the default outlines (see _recent.ts); a slide, the handout and the PowerPoint deck draw one at its own size. */
const recentMaps = recentResults<LocatorMap>(6);

/** The locator map of `data` as an SVG string, with its alt text and what could not be shown as asked. */
export function renderLocatorMap(
  data: LocatorMapData,
  options: LocatorMapOptions = {},
): Readonly<LocatorMap> {
  if (options.world === undefined && options.insetWorld === undefined)
    return recentMaps(JSON.stringify([data, options]), () => drawMap(data, options));
  return drawMap(data, options);
}

function drawMap(data: LocatorMapData, options: LocatorMapOptions): LocatorMap {
  const world = options.world ?? loadWorld('50m');
  const layout: MapLayout = {
    data,
    world,
    insetWorld: options.inset === false ? undefined : (options.insetWorld ?? loadWorld('110m')),
    extent: extentOf(data, world),
    focus: focusCountries(data, world),
    width: options.width ?? LOCATOR_MAP_SIZE.width,
    height: options.height ?? LOCATOR_MAP_SIZE.height,
    idPrefix: options.idPrefix ?? 'bd-map-',
    title: options.title ?? 'Locator map',
    language: options.language ?? 'en',
    ...(options.areaName ? { areaName: options.areaName } : {}),
  };
  return drawLocatorMap(layout);
}
