/**
 * Country outlines as plane figures in longitude and latitude, for what
 * needs no projection: cutting a country to a box before it is projected,
 * and finding the country a place lies in.
 *
 * The cut, before a country is projected: projecting is the locator map's dearest step (every point is
 * rotated, tested against the drawing circle and resampled), and most of
 * the points of a large country lie far outside a locator map's frame. The
 * box is wider than the frame (see `projectCountries`), so what shows is
 * unchanged: the cut edges lie outside the frame, and the frame's own clip
 * removes them.
 *
 * The cut is Sutherland–Hodgman on each ring, one side of the box at a
 * time. d3 draws an edge as a great circle, which bows towards the pole
 * from a parallel: cut edges along a parallel get a point every degree, so
 * they stay near the parallel and outside the frame.
 */
import { geoContains } from 'd3-geo';
import type { Feature, MultiPolygon, Position } from 'geojson';
import { type Box, boxOf } from './_mapWorldFile.js';

/** The most degrees of longitude between the points of a cut edge along a parallel. */
const STEP_DEGREES = 1;

/** `shape` cut to `box` (`[west, south, east, north]`, within ±180): its polygons, parts outside gone. */
export function clipShape(shape: Feature<MultiPolygon>, box: Box): Feature<MultiPolygon> {
  const polygons: Position[][][] = [];
  for (const polygon of shape.geometry.coordinates) {
    // A ring that crosses the antimeridian (Russia's, through Chukotka) is not a plane figure in these
    // coordinates: it is kept whole, for d3 to draw on the sphere.
    if (acrossAntimeridian(polygon)) {
      polygons.push(polygon);
      continue;
    }
    const [outer, ...holes] = polygon.map((ring) => clipRing(ring, box));
    if (!outer || outer.length < 4) continue;
    polygons.push([outer, ...holes.filter((ring) => ring.length >= 4)]);
  }
  return { ...shape, geometry: { type: 'MultiPolygon', coordinates: polygons } };
}

function crossesAntimeridian(ring: Position[]): boolean {
  for (let index = 1; index < ring.length; index++)
    if (Math.abs((ring[index]?.[0] as number) - (ring[index - 1]?.[0] as number)) > 180) return true;
  return false;
}

const acrossPolygons = new WeakMap<Position[][], boolean>();

/** Whether any ring of the polygon crosses the antimeridian, kept for the polygon (asked of every place). */
function acrossAntimeridian(polygon: Position[][]): boolean {
  let across = acrossPolygons.get(polygon);
  if (across === undefined) {
    across = polygon.some(crossesAntimeridian);
    acrossPolygons.set(polygon, across);
  }
  return across;
}

type Side = { axis: 0 | 1; limit: number; keepAbove: boolean };

/** A closed ring (first point repeated last) cut to `box`; closed, or empty when nothing is inside. */
function clipRing(ring: Position[], [west, south, east, north]: Box): Position[] {
  const sides: Side[] = [
    { axis: 0, limit: west, keepAbove: true },
    { axis: 0, limit: east, keepAbove: false },
    { axis: 1, limit: south, keepAbove: true },
    { axis: 1, limit: north, keepAbove: false },
  ];
  let points = ring.slice(0, -1);
  for (const side of sides) {
    if (points.length === 0) return [];
    points = clipSide(points, side);
  }
  // Nothing left but edges along the box (a part that only passed by): no area, and d3 could read such a
  // ring as the whole globe outside it.
  if (points.length < 3 || Math.abs(planarArea(points)) < 1e-9) return [];
  const dense = densifyParallels(points, south, north);
  dense.push(dense[0] as Position);
  return dense;
}

/** One pass of Sutherland–Hodgman: the open ring `points` cut to one side of a line. */
function clipSide(points: Position[], { axis, limit, keepAbove }: Side): Position[] {
  const inside = (point: Position) =>
    keepAbove ? (point[axis] as number) >= limit : (point[axis] as number) <= limit;
  const out: Position[] = [];
  let previous = points[points.length - 1] as Position;
  let previousIn = inside(previous);
  for (const point of points) {
    const pointIn = inside(point);
    if (pointIn !== previousIn) out.push(crossing(previous, point, axis, limit));
    if (pointIn) out.push(point);
    previous = point;
    previousIn = pointIn;
  }
  return out;
}

/** Where the segment `a`–`b` crosses the line `axis = limit`; exactly on it. */
function crossing(a: Position, b: Position, axis: 0 | 1, limit: number): Position {
  const other = axis === 0 ? 1 : 0;
  const t = (limit - (a[axis] as number)) / ((b[axis] as number) - (a[axis] as number));
  const point: Position = [0, 0];
  point[axis] = limit;
  point[other] = (a[other] as number) + t * ((b[other] as number) - (a[other] as number));
  return point;
}

/** Points every `STEP_DEGREES` along each edge that runs on the box's south or north side. */
function densifyParallels(points: Position[], south: number, north: number): Position[] {
  const out: Position[] = [];
  points.forEach((point, index) => {
    out.push(point);
    const next = points[(index + 1) % points.length] as Position;
    const lat = point[1] as number;
    if (lat !== next[1] || (lat !== south && lat !== north)) return;
    const span = (next[0] as number) - (point[0] as number);
    const steps = Math.ceil(Math.abs(span) / STEP_DEGREES);
    for (let step = 1; step < steps; step++) out.push([(point[0] as number) + (span * step) / steps, lat]);
  });
  return out;
}

/** Twice the signed area of an open ring, in square degrees. */
function planarArea(points: Position[]): number {
  let sum = 0;
  let previous = points[points.length - 1] as Position;
  for (const point of points) {
    sum +=
      ((previous[0] as number) - (point[0] as number)) * ((previous[1] as number) + (point[1] as number));
    previous = point;
  }
  return sum;
}

const ringBoxes = new WeakMap<Position[], Box>();

/** `[west, south, east, north]` of a ring, kept for the ring. */
function ringBox(ring: Position[]): Box {
  let box = ringBoxes.get(ring);
  if (!box) {
    box = boxOf(ring);
    ringBoxes.set(ring, box);
  }
  return box;
}

/** Whether the ring holds the point, by the even-odd rule on the plane. */
function ringHolds(ring: Position[], lon: number, lat: number): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i] as [number, number];
    const [xj, yj] = ring[j] as [number, number];
    if (yi > lat !== yj > lat && lon < ((xj - xi) * (lat - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

/**
 * Whether `shape` holds the point `[lon, lat]`: on the plane, where the outline's points lie a few
 * kilometres apart at most (1:50m), the same answer as on the sphere but for points on a border;
 * a polygon across the antimeridian is asked of d3 on the sphere.
 */
export function shapeContains(shape: Feature<MultiPolygon>, lon: number, lat: number): boolean {
  return shape.geometry.coordinates.some((polygon) => {
    if (acrossAntimeridian(polygon))
      return geoContains({ type: 'Polygon', coordinates: polygon }, [lon, lat]);
    const [outer, ...holes] = polygon;
    if (!outer) return false;
    const [west, south, east, north] = ringBox(outer);
    if (lon < west || lon > east || lat < south || lat > north) return false;
    return ringHolds(outer, lon, lat) && !holes.some((hole) => ringHolds(hole, lon, lat));
  });
}
