/**
 * The locator map in words, from the same data it is drawn from: the
 * SVG's `<desc>` and the alt text of the slide and the handout's figure.
 * "Map of north-eastern Libya showing Derna, Tobruk and Qubba; area
 * labelled: Green Mountains; other country named: Egypt. …"
 */
import { countryInProse, countryTakesThe } from '../../format/countries.js';
import { shapeContains } from './_mapPlane.js';
import { type Bounds, type Country, mainBounds } from './_mapWorld.js';

export interface DescribedPlace {
  name: string;
  lon: number;
  lat: number;
  kind?: string;
  note?: string;
  numbers?: readonly number[];
}

/** "a", "a and b", "a, b and c". */
export function listInWords(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`;
}

/** The country that holds the point, or one within about 10 km of it (coasts are coarse at 1:50m). */
export function countryAt(countries: readonly Country[], lon: number, lat: number): Country | undefined {
  const offsets: [number, number][] = [
    [0, 0],
    [0.1, 0],
    [-0.1, 0],
    [0, 0.1],
    [0, -0.1],
    [0.07, 0.07],
    [-0.07, 0.07],
    [0.07, -0.07],
    [-0.07, -0.07],
  ];
  const near = countries.filter((country) => {
    const [west, south, east, north] = country.box;
    return lon >= west - 0.2 && lon <= east + 0.2 && lat >= south - 0.2 && lat <= north + 0.2;
  });
  for (const [dx, dy] of offsets) {
    const found = near.find((country) => shapeContains(country.shape, lon + dx, lat + dy));
    if (found) return found;
  }
  return undefined;
}

/** Which part of the country a point lies in: "eastern", "north-western", "central"… by thirds of its main extent. */
function partOf(bounds: Bounds, lon: number, lat: number): string {
  const [[west, south], [east, north]] = bounds;
  const width = (((east - west) % 360) + 360) % 360 || 1;
  const fx = ((((lon - west) % 360) + 360) % 360) / width;
  const fy = (lat - south) / (north - south || 1);
  const vertical = fy > 2 / 3 ? 'north' : fy < 1 / 3 ? 'south' : '';
  const horizontal = fx > 2 / 3 ? 'east' : fx < 1 / 3 ? 'west' : '';
  if (vertical && horizontal) return `${vertical}-${horizontal}ern`;
  if (vertical || horizontal) return `${vertical || horizontal}ern`;
  return 'central';
}

/**
 * What the map shows, in words: the focus countries (with the part of one
 * country when the view covers only part of it), or `areaName` if given.
 * A country whose name takes "the" has it: "the Netherlands", "the
 * north-eastern Netherlands".
 */
export function areaInWords(
  focus: readonly Country[],
  places: readonly DescribedPlace[],
  viewSpanDeg: number,
  areaName?: string,
): string {
  if (areaName) return areaName;
  const [only] = focus;
  if (focus.length !== 1 || !only)
    return focus.length > 0 ? listInWords(focus.map((c) => countryInProse(c.name))) : 'the area';
  const bounds = mainBounds(only);
  const span = Math.max((((bounds[1][0] - bounds[0][0]) % 360) + 360) % 360, bounds[1][1] - bounds[0][1]);
  if (places.length === 0 || viewSpanDeg > span * 0.6) return countryInProse(only.name);
  const lon = places.reduce((sum, place) => sum + place.lon, 0) / places.length;
  const lat = places.reduce((sum, place) => sum + place.lat, 0) / places.length;
  return `${countryTakesThe(only.name) ? 'the ' : ''}${partOf(bounds, lon, lat)} ${only.name}`;
}

function placeInWords(place: DescribedPlace, withKind: boolean): string {
  const kind = place.kind?.trim();
  return withKind && kind ? `${place.name} (${kind})` : place.name;
}

export interface MapDescription {
  area: string;
  places: readonly DescribedPlace[];
  areaLabels: readonly string[];
  neighbours: readonly string[];
  /** Places in the data that lie outside the map. */
  hidden: readonly string[];
  widthKm: number;
}

/** Rounds a distance for reading: two significant digits. */
function aboutKm(km: number): string {
  return String(Number(km.toPrecision(km < 100 ? 1 : 2)));
}

/** The alt text. */
export function describeMap(map: MapDescription): string {
  const kinds = new Set(map.places.map((place) => place.kind?.trim().toLowerCase() ?? ''));
  const withKind = kinds.size > 1;
  const names = map.places.map((place) => placeInWords(place, withKind));
  const parts = [`Map of ${map.area}${names.length > 0 ? ` showing ${listInWords(names)}` : ''}`];
  if (map.areaLabels.length > 0)
    parts.push(`${map.areaLabels.length === 1 ? 'area' : 'areas'} labelled: ${listInWords(map.areaLabels)}`);
  if (map.neighbours.length > 0)
    parts.push(
      // Named on the map, not said to border the area: a wide view names countries further off too.
      `${map.neighbours.length === 1 ? 'other country named' : 'other countries named'}: ${listInWords(map.neighbours.map(countryInProse))}`,
    );
  const sentences = [`${parts.join('; ')}.`];
  const events = map.places
    .flatMap((place) => (place.numbers ?? []).map((number) => ({ number, name: place.name })))
    .sort((a, b) => a.number - b.number);
  if (events.length > 0)
    sentences.push(
      `Timeline events: ${events.map((event) => `${event.number} at ${event.name}`).join(', ')}.`,
    );
  for (const place of map.places) {
    const note = place.note?.trim();
    if (note) sentences.push(`${place.name}: ${/[.!?]$/.test(note) ? note : `${note}.`}`);
  }
  sentences.push(`The map is about ${aboutKm(map.widthKm)} km across.`);
  if (map.hidden.length > 0) sentences.push(`Outside the map: ${listInWords([...map.hidden])}.`);
  return sentences.join(' ');
}
