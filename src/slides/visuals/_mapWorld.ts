/**
 * The country outlines the locator map draws: Natural Earth's admin-0
 * countries (world-atlas; 1:50m for the map, 1:110m for the inset), packed
 * by `npm run build` (`_mapWorldFile.ts`), read on first use and kept for
 * the process. A build without a map never reads them.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { geoBounds } from 'd3-geo';
import type { Feature, MultiPolygon, Position } from 'geojson';
import { PACKAGE_ROOT } from '../../packageRoot.js';
import {
  type Box,
  type CountryEntry,
  decodeWorld,
  type LineRun,
  type PackedPoints,
  positions,
} from './_mapWorldFile.js';

export type Resolution = '50m' | '110m';

export interface Country {
  /** ISO 3166-1 numeric code (`434`); undefined for the few areas without one (Kosovo, Somaliland, N. Cyprus). */
  code: string | undefined;
  name: string;
  /**
   * `[west, south, east, north]` of its outer rings as numbers, no spherical geometry: cheap, and
   * wider than the truth (the whole circle of longitude) for a country that crosses the
   * antimeridian. For quick tests before exact ones.
   */
  box: Box;
  /** All the parts with this code, as one feature. */
  shape: Feature<MultiPolygon>;
}

/** Borders or coasts, as short runs with their bounds. */
export interface LineRuns {
  runs: readonly LineRun[];
  points: PackedPoints;
}

export interface World {
  resolution: Resolution;
  countries: readonly Country[];
  /** Land borders between countries. */
  borders: LineRuns;
  /** Coastlines: the edges no other country shares. */
  coasts: LineRuns;
}

const cache = new Map<Resolution, World>();

/** The file `npm run build` packs the outlines at `resolution` into. */
function worldFile(resolution: Resolution): string {
  return path.join(PACKAGE_ROOT, 'lib', `world-${resolution}.bin`);
}

/** The world at `resolution`, read once per process (a few milliseconds). */
export function loadWorld(resolution: Resolution): World {
  let world = cache.get(resolution);
  if (!world) {
    const { index, points } = decodeWorld(readFileSync(worldFile(resolution)));
    world = {
      resolution,
      countries: index.countries.map((entry) => lazyCountry(entry, points)),
      borders: { runs: index.borders, points },
      coasts: { runs: index.coasts, points },
    };
    cache.set(resolution, world);
  }
  return world;
}

/** A country whose rings become coordinates the first time its shape is asked for. */
function lazyCountry({ code, name, box, polygons }: CountryEntry, points: PackedPoints): Country {
  let shape: Feature<MultiPolygon> | undefined;
  return {
    code,
    name,
    box,
    get shape() {
      shape ??= {
        type: 'Feature',
        properties: {},
        geometry: {
          type: 'MultiPolygon',
          coordinates: polygons.map((rings) =>
            rings.map(([start, count]) => positions(points, start, count)),
          ),
        },
      };
      return shape;
    },
  };
}

/**
 * The lines whose runs meet `near` (`undefined`: all of them), consecutive
 * runs of one line joined again.
 */
export function linesNear(lines: LineRuns, near: ((box: Box) => boolean) | undefined): Position[][] {
  const out: Position[][] = [];
  let current: Position[] | undefined;
  let previous: LineRun | undefined;
  for (const run of lines.runs) {
    if (near && !near(run.box)) {
      current = undefined;
      continue;
    }
    const points = positions(lines.points, run.start, run.count);
    const joins = current && previous?.line === run.line && previous.start + previous.count - 1 === run.start;
    if (current && joins) current.push(...points.slice(1));
    else {
      current = points;
      out.push(current);
    }
    previous = run;
  }
  return out;
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
 * The main extent of the countries for which the rule below gives what a map of them does not show,
 * by ISO 3166-1 numeric code: the United States' 48 contiguous states (Alaska and Hawaii are within
 * reach of them, and the Aleutians cross the antimeridian), mainland Norway (not Svalbard and Jan
 * Mayen), mainland Chile (not Easter Island), and all of Indonesia (New Guinea's west is beyond reach
 * of Borneo).
 */
const MAIN_BOUNDS: Readonly<Record<string, Bounds>> = {
  '840': [
    [-124.8, 24.4],
    [-66.9, 49.4],
  ],
  '578': [
    [4.5, 57.9],
    [31.2, 71.2],
  ],
  '152': [
    [-75.7, -56],
    [-66.4, -17.5],
  ],
  '360': [
    [95, -11],
    [141.1, 6.1],
  ],
};

/**
 * Bounds of a country's largest part and of the parts within reach of it
 * (a span of the largest part, at least 10°): France without French Guiana,
 * Greece with its islands; `MAIN_BOUNDS` where that is not what a map shows.
 */
export function mainBounds(country: Country): Bounds {
  let bounds = mainBoundsCache.get(country);
  if (!bounds) {
    bounds =
      (country.code && MAIN_BOUNDS[country.code]) || partsNearLargest(country.shape.geometry.coordinates);
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
