/**
 * Where the locator map looks: a Lambert azimuthal equal-area projection
 * centred on the area (true scale at the centre in every direction, north
 * up, no distortion to speak of at the scale of a locator map), fitted to
 * the places or the area with a margin and clipped to the frame. Shapes
 * come out as plain rings in SVG coordinates, which the drawing, the grid
 * of who owns which part of the frame, and the tests all read.
 */
import {
  type GeoPermissibleObjects,
  type GeoProjection,
  geoAzimuthalEqualArea,
  geoBounds,
  geoDistance,
  geoPath,
} from 'd3-geo';
import type { MultiLineString, Position } from 'geojson';
import type { Point } from './_geometry.js';
import { clipShape } from './_mapPlane.js';
import { type Country, linesNear, type World } from './_mapWorld.js';
import type { Box } from './_mapWorldFile.js';

/** Mean Earth radius (IUGG), km. */
export const EARTH_KM = 6371.0088;

/** A rectangle by its top-left corner and size, in SVG units. */
export interface Frame {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface MapView {
  /** Fitted and clipped to `frame`; `[lon, lat]` in, SVG coordinates out. */
  projection: GeoProjection;
  frame: Frame;
  /** Kilometres per SVG unit at the centre. */
  kmPerUnit: number;
  /** `[lon, lat]` of the projection's centre. */
  centre: [number, number];
}

export interface FitOptions {
  /** Margin around the extent, as a fraction of its larger side. */
  margin: number;
  /** The least margin, km. */
  minMarginKm: number;
  /** The least span of the frame's longer side, km: one place alone is not drawn at street level. */
  minSpanKm: number;
  /** Shows this much more around the extent (1: none); used to clear a corner for the inset. */
  zoomOut: number;
}

/** The centre of geographic bounds, across the antimeridian too. */
export function boundsCentre(bounds: [[number, number], [number, number]]): [number, number] {
  const [[west, south], [east, north]] = bounds;
  const span = (((east - west) % 360) + 360) % 360;
  const lon = ((((west + span / 2 + 180) % 360) + 360) % 360) - 180;
  return [lon, (south + north) / 2];
}

function centredProjection(centre: [number, number]): GeoProjection {
  return geoAzimuthalEqualArea().rotate([-centre[0], -centre[1]]).scale(1).translate([0, 0]).precision(0.2);
}

/**
 * A view of `extent` (GeoJSON: the places, the area's countries or bbox)
 * in `frame`: centred on it, its projected bounds plus the margin fitted
 * to the frame without distortion.
 */
export function fitView(extent: GeoPermissibleObjects, frame: Frame, options: FitOptions): MapView {
  const centre = boundsCentre(geoBounds(extent) as [[number, number], [number, number]]);
  const projection = centredProjection(centre);
  const [[x0, y0], [x1, y1]] = geoPath(projection).bounds(extent);
  const margin = Math.max(options.margin * Math.max(x1 - x0, y1 - y0), options.minMarginKm / EARTH_KM);
  const halfX = ((x1 - x0) / 2 + margin) * options.zoomOut;
  const halfY = ((y1 - y0) / 2 + margin) * options.zoomOut;
  const scale = Math.min(
    frame.width / (2 * halfX),
    frame.height / (2 * halfY),
    Math.max(frame.width, frame.height) / (options.minSpanKm / EARTH_KM) / options.zoomOut,
  );
  const midX = (x0 + x1) / 2;
  const midY = (y0 + y1) / 2;
  projection
    .scale(scale)
    .translate([frame.x + frame.width / 2 - scale * midX, frame.y + frame.height / 2 - scale * midY])
    .clipExtent([
      [frame.x, frame.y],
      [frame.x + frame.width, frame.y + frame.height],
    ]);
  return { projection, frame, kmPerUnit: EARTH_KM / scale, centre };
}

/** A view centred on `centre`, `spanKm` wide, in `frame` (the inset). */
export function centredView(centre: [number, number], spanKm: number, frame: Frame): MapView {
  const scale = frame.width / (spanKm / EARTH_KM);
  const projection = centredProjection(centre)
    .scale(scale)
    .translate([frame.x + frame.width / 2, frame.y + frame.height / 2])
    .clipExtent([
      [frame.x, frame.y],
      [frame.x + frame.width, frame.y + frame.height],
    ]);
  return { projection, frame, kmPerUnit: EARTH_KM / scale, centre };
}

/** Rings (polygons) or lines, in SVG coordinates. */
export type Lines = Point[][];

const drawing = new WeakMap<MapView, GeoProjection>();

/**
 * The view's projection for drawing shapes: the same, but cut first to a
 * small circle on the globe a little wider than the frame, so that d3
 * never resamples the parts of a large country far outside the view (a
 * straight border a thousand kilometres long, split into thousands of
 * points only to be clipped). The frame lies well inside the circle, so
 * what shows is unchanged. Views that take in a hemisphere keep no circle.
 */
function drawingProjection(view: MapView): GeoProjection {
  let projection = drawing.get(view);
  if (!projection) {
    const centre = view.centre;
    const reach =
      Math.max(...frameOutline(view, 8).map((point) => geoDistance(centre, point))) * (180 / Math.PI);
    const [k, [tx, ty]] = [view.projection.scale(), view.projection.translate()];
    projection = centredProjection(centre).scale(k).translate([tx, ty]);
    if (reach < 80) projection.clipAngle(reach * 1.1 + 1);
    const { x, y, width, height } = view.frame;
    projection.clipExtent([
      [x, y],
      [x + width, y + height],
    ]);
    drawing.set(view, projection);
  }
  return projection;
}

/** Collects what d3 draws into rings: moveTo starts one, closePath closes it. */
function collect(view: MapView, object: GeoPermissibleObjects): Lines {
  const projection = drawingProjection(view);
  const lines: Lines = [];
  let current: Point[] | undefined;
  const context = {
    beginPath() {},
    moveTo(x: number, y: number) {
      current = [{ x, y }];
      lines.push(current);
    },
    lineTo(x: number, y: number) {
      current?.push({ x, y });
    },
    closePath() {
      const first = current?.[0];
      if (current && first) current.push({ ...first });
    },
    arc() {},
  };
  geoPath(projection, context)(object);
  return lines.filter((line) => line.length > 1);
}

export interface ProjectedCountry {
  country: Country;
  rings: Lines;
  /** The rings' bounding box. */
  box: { x0: number; y0: number; x1: number; y1: number };
}

/**
 * The view's `[west, south, east, north]` with a margin, from its outline,
 * longitudes unwrapped around the centre (so west < east, either may lie
 * beyond ±180); undefined when the view takes in a pole.
 */
function roughViewBox(view: MapView): Box | undefined {
  const { x, y, width, height } = view.frame;
  const shows = (lat: number) => {
    const xy = view.projection([0, lat]);
    return xy !== null && xy[0] >= x && xy[0] <= x + width && xy[1] >= y && xy[1] <= y + height;
  };
  if (shows(90) || shows(-90)) return undefined;
  const outline = frameOutline(view, 16);
  const lons = outline.map(
    ([lon]) => view.centre[0] + ((((lon - view.centre[0] + 180) % 360) + 360) % 360) - 180,
  );
  const lats = outline.map(([, lat]) => lat);
  return [Math.min(...lons) - 1, Math.min(...lats) - 1, Math.max(...lons) + 1, Math.max(...lats) + 1];
}

function boxesMeet(
  country: [number, number, number, number],
  view: [number, number, number, number],
): boolean {
  if (country[1] > view[3] || country[3] < view[1]) return false;
  return [-360, 0, 360].some((shift) => country[0] + shift <= view[2] && country[2] + shift >= view[0]);
}

/**
 * The box the countries are cut to before they are projected (`_mapPlane.ts`): the view's, a degree
 * wider still; undefined when it takes in a pole or reaches across the antimeridian.
 */
function cutBox(viewBox: Box | undefined): Box | undefined {
  if (!viewBox) return undefined;
  const [west, south, east, north] = [viewBox[0] - 1, viewBox[1] - 1, viewBox[2] + 1, viewBox[3] + 1];
  return west < -180 || east > 180 || south < -89 || north > 89 ? undefined : [west, south, east, north];
}

/** The countries with any part in the view, as rings clipped to its frame. */
export function projectCountries(world: World, view: MapView): ProjectedCountry[] {
  const out: ProjectedCountry[] = [];
  const viewBox = roughViewBox(view);
  const cut = cutBox(viewBox);
  for (const country of world.countries) {
    if (viewBox && !boxesMeet(country.box, viewBox)) continue;
    const rings = collect(view, cut ? clipShape(country.shape, cut) : country.shape);
    if (rings.length === 0) continue;
    let x0 = Number.POSITIVE_INFINITY;
    let y0 = Number.POSITIVE_INFINITY;
    let x1 = Number.NEGATIVE_INFINITY;
    let y1 = Number.NEGATIVE_INFINITY;
    for (const ring of rings)
      for (const { x, y } of ring) {
        x0 = Math.min(x0, x);
        y0 = Math.min(y0, y);
        x1 = Math.max(x1, x);
        y1 = Math.max(y1, y);
      }
    if (x1 - x0 < 0.5 && y1 - y0 < 0.5) continue;
    out.push({ country, rings, box: { x0, y0, x1, y1 } });
  }
  return out;
}

/** Borders and coasts clipped to the view. */
export function projectLines(world: World, view: MapView): { borders: Lines; coasts: Lines } {
  const viewBox = roughViewBox(view);
  const near = viewBox && ((box: [number, number, number, number]) => boxesMeet(box, viewBox));
  const lines = (coordinates: Position[][]): MultiLineString => ({ type: 'MultiLineString', coordinates });
  return {
    borders: collect(view, lines(linesNear(world.borders, near))),
    coasts: collect(view, lines(linesNear(world.coasts, near))),
  };
}

/** The frame's outline in geographic coordinates, sampled along each side: the main map's extent shown in the inset. */
export function frameOutline(view: MapView, steps = 8): [number, number][] {
  const { x, y, width, height } = view.frame;
  const points: [number, number][] = [];
  const corners: [number, number][] = [
    [x, y],
    [x + width, y],
    [x + width, y + height],
    [x, y + height],
  ];
  corners.forEach((from, side) => {
    const to = corners[(side + 1) % 4] as [number, number];
    for (let step = 0; step < steps; step++) {
      const t = step / steps;
      const lonLat = view.projection.invert?.([
        from[0] + t * (to[0] - from[0]),
        from[1] + t * (to[1] - from[1]),
      ]);
      if (lonLat) points.push([lonLat[0], lonLat[1]]);
    }
  });
  return points;
}
