/**
 * Build time only (scripts/world-data.mjs): Natural Earth's admin-0
 * countries as world-atlas ships them (TopoJSON) turned into plain
 * countries, borders and coasts, which `_mapWorldFile.ts` then packs for
 * the locator map to read at run time without topojson-client.
 */
import type { MultiLineString, MultiPolygon, Polygon, Position } from 'geojson';
import { feature, mesh } from 'topojson-client';
import type { GeometryCollection, Topology } from 'topojson-specification';
import { countryName } from '../../format/countries.js';

export interface PlainCountry {
  /** ISO 3166-1 numeric code (`434`); undefined for the few areas without one (Kosovo, Somaliland, N. Cyprus). */
  code: string | undefined;
  name: string;
  /** All the parts with this code. */
  polygons: Position[][][];
}

export interface PlainWorld {
  countries: PlainCountry[];
  /** Land borders between countries. */
  borders: Position[][];
  /** Coastlines: the edges no other country shares. */
  coasts: Position[][];
}

type CountryProperties = { name?: string };

/** Converts world-atlas's TopoJSON into countries, borders and coasts. */
export function worldFromTopology(topology: Topology): PlainWorld {
  const object = topology.objects.countries as GeometryCollection<CountryProperties>;
  const parts = new Map<string, PlainCountry>();
  for (const geometry of object.geometries) {
    const code = geometry.id === undefined ? undefined : String(geometry.id);
    const atlasName = (geometry.properties as CountryProperties | undefined)?.name ?? '';
    const key = code ?? `name:${atlasName}`;
    const shape = feature(topology, geometry) as { geometry: Polygon | MultiPolygon | null };
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
  return {
    countries: [...parts.values()],
    borders: mesh(topology, object, (a, b) => a !== b).coordinates,
    coasts: withoutAntimeridian(mesh(topology, object, (a, b) => a === b)),
  };
}

/**
 * The lines without their runs along the antimeridian, where Natural Earth
 * cuts the land of Fiji and Russia in two: an edge of the data, not a coast.
 */
function withoutAntimeridian(lines: MultiLineString): Position[][] {
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
  return out;
}
