/**
 * The country outlines the locator map draws: Natural Earth's admin-0
 * countries as world-atlas ships them (TopoJSON, 1:50m for the map, 1:110m
 * for the inset), read from the installed package on first use and kept for
 * the process. A build without a map never reads them.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { geoBounds } from 'd3-geo';
import type { Feature, MultiLineString, MultiPolygon, Polygon, Position } from 'geojson';
import { feature, mesh } from 'topojson-client';
import type { GeometryCollection, Topology } from 'topojson-specification';
import { countryName } from './_mapCountries.js';

export type Resolution = '50m' | '110m';

export interface Country {
  /** ISO 3166-1 numeric code (`434`); undefined for the few areas without one (Kosovo, Somaliland, N. Cyprus). */
  code: string | undefined;
  name: string;
  /** All the parts with this code, as one feature. */
  shape: Feature<MultiPolygon>;
}

export interface World {
  resolution: Resolution;
  countries: readonly Country[];
  /** Land borders between countries. */
  borders: MultiLineString;
  /** Coastlines: the edges no other country shares. */
  coasts: MultiLineString;
}

const cache = new Map<Resolution, World>();
const require = createRequire(import.meta.url);

/** The world at `resolution`, read and converted once per process (about 45 ms for 1:50m, 10 ms for 1:110m). */
export function loadWorld(resolution: Resolution): World {
  let world = cache.get(resolution);
  if (!world) {
    const file = require.resolve(`world-atlas/countries-${resolution}.json`);
    world = worldFromTopology(JSON.parse(readFileSync(file, 'utf8')) as Topology, resolution);
    cache.set(resolution, world);
  }
  return world;
}

type CountryProperties = { name?: string };

/** Converts world-atlas's TopoJSON into countries, borders and coasts. */
export function worldFromTopology(topology: Topology, resolution: Resolution): World {
  const object = topology.objects.countries as GeometryCollection<CountryProperties>;
  const parts = new Map<string, { code: string | undefined; name: string; polygons: Position[][][] }>();
  for (const geometry of object.geometries) {
    const code = geometry.id === undefined ? undefined : String(geometry.id);
    const atlasName = (geometry.properties as CountryProperties | undefined)?.name ?? '';
    const key = code ?? `name:${atlasName}`;
    const shape = feature(topology, geometry) as Feature<Polygon | MultiPolygon | null>;
    if (!shape.geometry) continue;
    const polygons =
      shape.geometry.type === 'Polygon' ? [shape.geometry.coordinates] : shape.geometry.coordinates;
    const entry = parts.get(key);
    if (entry) entry.polygons.push(...polygons);
    else
      parts.set(key, {
        code,
        name: code ? countryName(code, atlasName) : atlasName,
        polygons: [...polygons],
      });
  }
  const countries: Country[] = [];
  for (const { code, name, polygons } of parts.values()) {
    const shape: Feature<MultiPolygon> = {
      type: 'Feature',
      properties: {},
      geometry: { type: 'MultiPolygon', coordinates: polygons },
    };
    countries.push({ code, name, shape });
  }
  return {
    resolution,
    countries,
    borders: mesh(topology, object, (a, b) => a !== b),
    coasts: withoutAntimeridian(mesh(topology, object, (a, b) => a === b)),
  };
}

/**
 * The lines without their runs along the antimeridian, where Natural Earth
 * cuts the land of Fiji and Russia in two: an edge of the data, not a coast.
 */
function withoutAntimeridian(lines: MultiLineString): MultiLineString {
  const onCut = (point: Position | undefined) => Math.abs(point?.[0] ?? 0) >= 180 - 1e-9;
  const out: Position[][] = [];
  for (const line of lines.coordinates) {
    let current: Position[] = [];
    line.forEach((point, i) => {
      if (i > 0 && onCut(point) && onCut(line[i - 1])) {
        if (current.length > 1) out.push(current);
        current = [];
      }
      current.push(point);
    });
    if (current.length > 1) out.push(current);
  }
  return { type: 'MultiLineString', coordinates: out };
}

/** Rough size of a polygon in square degrees, scaled by latitude: enough to find the largest part. */
function roughArea(polygon: Position[][]): number {
  const ring = polygon[0] ?? [];
  let sum = 0;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const a = ring[i] as Position;
    const b = ring[j] as Position;
    sum += ((b[0] as number) - (a[0] as number)) * ((b[1] as number) + (a[1] as number));
  }
  const lat = ((ring[0]?.[1] ?? 0) * Math.PI) / 180;
  return Math.abs(sum / 2) * Math.cos(lat);
}

/** Geographic bounds `[[west, south], [east, north]]`, west > east across the antimeridian (as d3's geoBounds). */
export type Bounds = [[number, number], [number, number]];

function polygonBounds(polygon: Position[][]): Bounds {
  return geoBounds({ type: 'Polygon', coordinates: polygon }) as Bounds;
}

/** Angular distance in degrees between the centres of two bounds, roughly. */
function boundsGap(a: Bounds, b: Bounds): number {
  const centre = (bounds: Bounds) => {
    const span = (((bounds[1][0] - bounds[0][0]) % 360) + 360) % 360;
    return [bounds[0][0] + span / 2, (bounds[0][1] + bounds[1][1]) / 2] as const;
  };
  const [ax, ay] = centre(a);
  const [bx, by] = centre(b);
  const dx = ((((bx - ax) % 360) + 540) % 360) - 180;
  return Math.hypot(dx * Math.cos((((ay + by) / 2) * Math.PI) / 180), by - ay);
}

const mainBoundsCache = new WeakMap<Country, Bounds>();

/**
 * Bounds of a country's largest part and of the parts within reach of it
 * (a span of the largest part, at least 10°): France without French Guiana,
 * the United States without Alaska and Hawaii, Greece with its islands.
 */
export function mainBounds(country: Country): Bounds {
  let bounds = mainBoundsCache.get(country);
  if (!bounds) {
    bounds = partsNearLargest(country.shape.geometry.coordinates);
    mainBoundsCache.set(country, bounds);
  }
  return bounds;
}

function partsNearLargest(polygons: Position[][][]): Bounds {
  const sorted = polygons.map((polygon) => ({ polygon, area: roughArea(polygon) }));
  sorted.sort((a, b) => b.area - a.area);
  const largest = polygonBounds((sorted[0] as { polygon: Position[][] }).polygon);
  const reach = Math.max(
    10,
    Math.hypot((((largest[1][0] - largest[0][0]) % 360) + 360) % 360, largest[1][1] - largest[0][1]),
  );
  const kept = sorted
    .map(({ polygon }) => polygon)
    .filter((polygon) => boundsGap(polygonBounds(polygon), largest) <= reach);
  return geoBounds({ type: 'MultiPolygon', coordinates: kept }) as Bounds;
}

const boxCache = new WeakMap<Country, [number, number, number, number]>();

/**
 * `[west, south, east, north]` of a country's coordinates as numbers, no
 * spherical geometry: cheap, and wider than the truth (the whole circle of
 * longitude) for a country that crosses the antimeridian. For quick tests
 * before exact ones.
 */
export function roughBox(country: Country): [number, number, number, number] {
  let box = boxCache.get(country);
  if (!box) {
    box = [180, 90, -180, -90];
    for (const polygon of country.shape.geometry.coordinates)
      for (const [lon = 0, lat = 0] of polygon[0] ?? []) {
        box[0] = Math.min(box[0], lon);
        box[1] = Math.min(box[1], lat);
        box[2] = Math.max(box[2], lon);
        box[3] = Math.max(box[3], lat);
      }
    boxCache.set(country, box);
  }
  return box;
}
