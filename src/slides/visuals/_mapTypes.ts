/** The locator map's shared shapes: its data, its options and result, and its layout. */
import type { MultiPoint } from 'geojson';
import type { Point } from './_geometry.js';
import type { MarkerSymbol } from './_mapDraw.js';
import type { PlacedLabel, Rect } from './_mapLabels.js';
import type { Frame, MapView } from './_mapView.js';
import type { Country, World } from './_mapWorld.js';

export interface MapPlace {
  name: string;
  /** Degrees north, −90…90. */
  lat: number;
  /** Degrees east, −180…180. */
  lon: number;
  /** `city`, `town`, `site`, `incident`…: sites are drawn as squares, incidents as diamonds, the rest as circles. */
  kind?: string;
  note?: string;
  /** The numbers of the timeline events at this place, shown beside its name. */
  numbers?: readonly number[];
}

/** A name written across an area (a mountain range, a region), without a marker. */
export interface MapAreaLabel {
  name: string;
  lat: number;
  lon: number;
}

/** The area the map must show: ISO 3166-1 alpha-3 codes, or `[west, south, east, north]` in degrees. */
export type MapArea = { countries: readonly string[] } | { bbox: readonly [number, number, number, number] };

export interface LocatorMapData {
  places: readonly MapPlace[];
  /** Without it, the map is cropped to the places and area labels. */
  area?: MapArea;
  areaLabels?: readonly MapAreaLabel[];
}

export interface LocatorMapOptions {
  /** Prefix of the ids inside the SVG; give each map on a page its own. Default `bd-map-`. */
  idPrefix?: string;
  /** The SVG's `<title>`. Default "Locator map". */
  title?: string;
  /** The viewBox, in the px the map is shown at (default LOCATOR_MAP_SIZE). */
  width?: number;
  height?: number;
  /** The briefing's language (BCP 47): the countries are named in it on the map, where CLDR has a Latin name. Default `en`. */
  language?: string;
  /** The area in words for the alt text ("eastern Libya"); by default worked out from the countries. */
  areaName?: string;
  /** Draw the inset of the wider region. Default true. */
  inset?: boolean;
  /** The outlines to draw on; default the 1:50m world, loaded once. */
  world?: World;
  /** The outlines of the inset; default the 1:110m world, loaded once. */
  insetWorld?: World;
}

export interface LocatorMap {
  svg: string;
  /** The map in words (the SVG's `<desc>`): the alt text. */
  description: string;
  /** Names of the places outside the map (not drawn), in data order. */
  hidden: string[];
  /** The indexes of those places in `data.places`. */
  outside: number[];
  /** The indexes of the area labels (`data.areaLabels`) in the map's frame that found no room, and are left off. */
  unlabelled: number[];
  /** The indexes of the area labels outside the map's frame. */
  labelsOutside: number[];
  /** Names of the places shown by a letter and a key below the map, for want of room beside the marker. */
  keyed: string[];
  /** `[west, south, east, north]` of the map's frame, degrees (west > east across the antimeridian). */
  bounds: [number, number, number, number];
}

export interface MapLayout {
  data: LocatorMapData;
  world: World;
  insetWorld: World | undefined;
  extent: MultiPoint;
  focus: Country[];
  width: number;
  height: number;
  idPrefix: string;
  title: string;
  /** The language the countries are named in on the map (their names in the alt text stay English, as its sentences). */
  language: string;
  areaName?: string;
}

/** A place as drawn: where, with which symbol, its label or its key letter. */
export interface DrawnPlace {
  place: MapPlace;
  at: Point;
  label?: PlacedLabel;
  key?: string;
}

export interface Placement {
  view: MapView;
  inset: Frame | undefined;
  places: DrawnPlace[];
  areaLabels: { name: string; box: Rect }[];
  /** Places outside the frame. */
  hidden: MapPlace[];
  /** The indexes of the area labels in the frame left off for want of room. */
  unlabelled: number[];
  footer: Frame;
  plan: FooterPlan;
}

export interface FooterPlan {
  keyLines: string[];
  /** The legend's symbols; empty when all markers look alike. */
  symbols: MarkerSymbol[];
  /** The legend goes on a line of its own, above the disclaimer. */
  legendOwnLine: boolean;
  height: number;
}
