/**
 * Where everything on the locator map goes: the view (zoomed out a little
 * if that frees a corner for the inset), the markers, the places' labels
 * (a letter and a key below the map for any that find no room), the area
 * labels and the country names; then the SVG, drawn from that.
 */
import { geoBounds } from 'd3-geo';
import { textWidth } from '../../format/textMetrics.js';
import type { Point } from './_geometry.js';
import { areaInWords, describeMap } from './_mapDescribe.js';
import {
  AREA_SIZE,
  AREA_TRACKING,
  BADGE_R,
  badgesWidth,
  keyLetter,
  LABEL_HEIGHT,
  LABEL_SIZE,
  markerRadius,
  symbolOf,
} from './_mapDraw.js';
import { planFooter } from './_mapFooter.js';
import { type Circle, type LabelRequest, placeLabels } from './_mapLabels.js';
import { renderMapSvg } from './_mapSvg.js';
import type { DrawnPlace, LocatorMap, MapLayout, MapPlace, Placement } from './_mapTypes.js';
import { type Frame, fitView, frameOutline, type MapView } from './_mapView.js';

export type { DrawnPlace, MapLayout, Placement } from './_mapTypes.js';

const ZOOM_STEPS = [1, 1.1, 1.22, 1.36, 1.52, 1.7];
const INSET_GAP = 10;

/** The inset's frame in each corner, in order of preference: top right, top left, bottom right, bottom left. */
function insetCorners(frame: Frame): Frame[] {
  const w = Math.round(Math.min(frame.width * 0.24, 280));
  const h = Math.round(Math.min(w * 0.72, frame.height * 0.4));
  const left = frame.x + INSET_GAP;
  const right = frame.x + frame.width - INSET_GAP - w;
  const top = frame.y + INSET_GAP;
  const bottom = frame.y + frame.height - INSET_GAP - h;
  return [
    { x: right, y: top, width: w, height: h },
    { x: left, y: top, width: w, height: h },
    { x: right, y: bottom, width: w, height: h },
    { x: left, y: bottom, width: w, height: h },
  ];
}

function project(view: MapView, lon: number, lat: number): Point | undefined {
  const xy = view.projection([lon, lat]);
  if (!xy) return undefined;
  const { x, y, width, height } = view.frame;
  const [px, py] = xy;
  return px >= x && px <= x + width && py >= y && py <= y + height ? { x: px, y: py } : undefined;
}

/** The view, and the inset's frame if a corner is free of places (zooming out a little to free one). */
function chooseView(layout: MapLayout, frame: Frame): { view: MapView; inset: Frame | undefined } {
  const viewAt = (zoomOut: number) =>
    fitView(layout.extent, frame, { margin: 0.12, minMarginKm: 6, minSpanKm: 60, zoomOut });
  if (!layout.insetWorld) return { view: viewAt(1), inset: undefined };
  const anchors = [...layout.data.places, ...(layout.data.areaLabels ?? [])];
  for (const zoomOut of ZOOM_STEPS) {
    const view = viewAt(zoomOut);
    if (view.kmPerUnit * frame.width > 2500) return { view, inset: undefined };
    const points = anchors.flatMap((a) => project(view, a.lon, a.lat) ?? []);
    const free = insetCorners(frame).find((corner) =>
      points.every(
        (p) =>
          p.x < corner.x - 16 ||
          p.x > corner.x + corner.width + 16 ||
          p.y < corner.y - 16 ||
          p.y > corner.y + corner.height + 16,
      ),
    );
    if (free) return { view, inset: free };
  }
  return { view: viewAt(1), inset: undefined };
}

function placeRequest(place: MapPlace, at: Point): LabelRequest {
  const numbers = place.numbers ?? [];
  const width = badgesWidth(numbers) + textWidth(place.name, LABEL_SIZE, 600) * 1.06 + 2;
  const height = numbers.length > 0 ? Math.max(LABEL_HEIGHT, 2 * BADGE_R + 1) : LABEL_HEIGHT;
  return { anchor: at, radius: markerRadius(symbolOf(place.kind)), width, height };
}

function areaRequest(name: string, at: Point): LabelRequest {
  const width = textWidth(name, AREA_SIZE, 400) * 1.08 + [...name].length * AREA_TRACKING * AREA_SIZE;
  return { anchor: at, radius: 0, width, height: AREA_SIZE * 1.3, area: true };
}

/**
 * Labels for the visible places and the area labels, with `keyed` (by
 * place index) shown by a letter instead. Returns the indexes of places
 * whose label found no room, to be keyed on the next try.
 */
function placeAllLabels(
  layout: MapLayout,
  view: MapView,
  inset: Frame | undefined,
  keyed: ReadonlySet<number>,
) {
  const visible = layout.data.places.flatMap((place, index) => {
    const at = project(view, place.lon, place.lat);
    return at ? [{ place, index, at }] : [];
  });
  const areas = (layout.data.areaLabels ?? []).flatMap((area, index) => {
    const at = project(view, area.lon, area.lat);
    return at ? [{ name: area.name, at, index }] : [];
  });
  const markers: Circle[] = visible.map(({ place, index, at }) => ({
    ...at,
    r: markerRadius(keyed.has(index) ? 'key' : symbolOf(place.kind)),
  }));
  const labelled = visible.filter(({ index }) => !keyed.has(index));
  const requests = [
    ...labelled.map(({ place, at }) => placeRequest(place, at)),
    ...areas.map(({ name, at }) => areaRequest(name, at)),
  ];
  const own = [...labelled.map((entry) => visible.indexOf(entry)), ...areas.map(() => undefined)];
  const { frame } = view;
  const scene = {
    frame: { x0: frame.x, y0: frame.y, x1: frame.x + frame.width, y1: frame.y + frame.height },
    obstacles: inset
      ? [{ x0: inset.x, y0: inset.y, x1: inset.x + inset.width, y1: inset.y + inset.height }]
      : [],
    markers,
  };
  const { placed } = placeLabels(requests, scene, own);
  const unplaced = labelled.flatMap(({ index }, i) => (placed[i] ? [] : [index]));
  let letters = 0;
  const places: DrawnPlace[] = visible.map(({ place, index, at }) => {
    if (keyed.has(index)) return { place, at, key: keyLetter(letters++) };
    const label = placed[labelled.findIndex((entry) => entry.index === index)];
    return label ? { place, at, label } : { place, at };
  });
  const areaLabels = areas.flatMap(({ name }, i) => {
    const label = placed[labelled.length + i];
    return label ? [{ name, box: label.box }] : [];
  });
  const hidden = layout.data.places.filter((_, index) => !visible.some((entry) => entry.index === index));
  // The area labels in the frame that found no room.
  const unlabelled = areas.filter((_, i) => !placed[labelled.length + i]).map((area) => area.index);
  return { places, areaLabels, hidden, unlabelled, unplaced };
}

/** The whole placement: keys places whose label finds no room, and tries again with the key's room below the map. */
export function placeEverything(layout: MapLayout): Placement {
  const keyed = new Set<number>();
  for (;;) {
    const plan = planFooter(
      layout.data.places.filter((_, index) => !keyed.has(index)).map((place) => place.kind),
      layout.data.places.filter((_, index) => keyed.has(index)).map((place) => place.name),
      layout.width,
      layout.height,
    );
    const footerH = plan.height;
    const frame = { x: 0, y: 0, width: layout.width, height: layout.height - footerH };
    const { view, inset } = chooseView(layout, frame);
    const result = placeAllLabels(layout, view, inset, keyed);
    if (result.unplaced.length === 0) {
      const footer = { x: 0, y: frame.height, width: layout.width, height: footerH };
      const { places, areaLabels, hidden, unlabelled } = result;
      return { view, inset, places, areaLabels, hidden, unlabelled, footer, plan };
    }
    for (const index of result.unplaced) keyed.add(index);
  }
}

/** The locator map: placement, then the SVG and its description. */
export function drawLocatorMap(layout: MapLayout): LocatorMap {
  const placement = placeEverything(layout);
  const { view } = placement;
  const [[west, south], [east, north]] = geoBounds({
    type: 'MultiPoint',
    coordinates: frameOutline(view, 4),
  });
  const bounds: [number, number, number, number] = [west, south, east, north];
  const svg = renderMapSvg(layout, placement, (neighbours) =>
    describeMap({
      area: areaInWords(
        layout.focus,
        placement.places.map((drawn) => drawn.place),
        (((east - west) % 360) + 360) % 360,
        layout.areaName,
      ),
      places: placement.places.map((drawn) => drawn.place),
      areaLabels: placement.areaLabels.map((area) => area.name),
      neighbours,
      hidden: placement.hidden.map((place) => place.name),
      widthKm: view.kmPerUnit * view.frame.width,
    }),
  );
  return {
    svg: svg.svg,
    description: svg.description,
    hidden: placement.hidden.map((place) => place.name),
    outside: placement.hidden.map((place) => layout.data.places.indexOf(place)),
    unlabelled: placement.unlabelled,
    labelsOutside: (layout.data.areaLabels ?? []).flatMap((label, index) =>
      project(view, label.lon, label.lat) ? [] : [index],
    ),
    keyed: placement.places.filter((drawn) => drawn.key).map((drawn) => drawn.place.name),
    bounds,
  };
}
