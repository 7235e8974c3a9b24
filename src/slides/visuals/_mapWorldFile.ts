/**
 * The country outlines packed for a fast start: `npm run build` writes
 * lib/world-50m.bin and lib/world-110m.bin (scripts/world-data.mjs), and a
 * locator map reads one with a single file read, no JSON of 750 kB to
 * parse and no TopoJSON to convert. A country's rings become coordinates
 * only when a map asks for its shape, and borders and coasts are cut into
 * short runs with their bounds, so a map projects only the runs near it.
 *
 * Layout: a little-endian uint32 N, N bytes of JSON (the index below),
 * padding to 4 bytes, then int32 pairs: each point as TopoJSON quantized
 * it, which `x * kx + dx` turns back into exactly the coordinates
 * topojson-client gives.
 */
import type { Position } from 'geojson';
import type { PlainWorld } from './_mapTopology.js';

/** `[west, south, east, north]`. */
export type Box = [number, number, number, number];

/** A run of one line: `count` points from `start`, sharing its first point with the previous run of that line. */
export interface LineRun {
  line: number;
  start: number;
  count: number;
  box: Box;
}

export interface CountryEntry {
  code: string | undefined;
  name: string;
  /** Of the outer rings only, as numbers (no spherical geometry): for quick tests before exact ones. */
  box: Box;
  /** Per polygon, per ring: `[start, count]`. */
  polygons: [number, number][][];
}

export interface WorldIndex {
  /** TopoJSON's transform: `[kx, ky, dx, dy]`. */
  transform: [number, number, number, number];
  countries: CountryEntry[];
  borders: LineRun[];
  coasts: LineRun[];
}

export interface WorldFile {
  index: WorldIndex;
  /** `[lon, lat]` pairs. */
  points: Float64Array;
}

/** Points per run of a border or coast. */
const RUN = 24;

function boxOf(points: readonly Position[]): Box {
  const box: Box = [180, 90, -180, -90];
  for (const [lon = 0, lat = 0] of points) {
    box[0] = Math.min(box[0], lon);
    box[1] = Math.min(box[1], lat);
    box[2] = Math.max(box[2], lon);
    box[3] = Math.max(box[3], lat);
  }
  return box;
}

/** Packs `world`; every coordinate must be one that `transform` gives exactly. */
export function encodeWorld(world: PlainWorld, transform: WorldIndex['transform']): Buffer {
  const [kx, ky, dx, dy] = transform;
  const ints: number[] = [];
  const add = (points: readonly Position[]) => {
    const start = ints.length / 2;
    for (const [lon = 0, lat = 0] of points) {
      const qx = Math.round((lon - dx) / kx);
      const qy = Math.round((lat - dy) / ky);
      if (qx * kx + dx !== lon || qy * ky + dy !== lat) throw new Error(`not on the grid: ${lon}, ${lat}`);
      ints.push(qx, qy);
    }
    return start;
  };
  const countries = world.countries.map(({ code, name, polygons }) => ({
    code,
    name,
    box: boxOf(polygons.flatMap((polygon) => polygon[0] ?? [])),
    polygons: polygons.map((polygon) => polygon.map((ring): [number, number] => [add(ring), ring.length])),
  }));
  const runs = (lines: Position[][]) =>
    lines.flatMap((line, index) => {
      const start = add(line);
      const out: LineRun[] = [];
      for (let from = 0; from < line.length - 1; from += RUN) {
        const to = Math.min(from + RUN, line.length - 1);
        out.push({
          line: index,
          start: start + from,
          count: to - from + 1,
          box: boxOf(line.slice(from, to + 1)),
        });
      }
      return out;
    });
  const index: WorldIndex = {
    transform,
    countries,
    borders: runs(world.borders),
    coasts: runs(world.coasts),
  };
  const json = Buffer.from(JSON.stringify(index));
  const head = Buffer.alloc(4);
  head.writeUInt32LE(json.length);
  const pad = Buffer.alloc((4 - ((4 + json.length) % 4)) % 4);
  return Buffer.concat([head, json, pad, Buffer.from(Int32Array.from(ints).buffer)]);
}

/** Unpacks a file `encodeWorld` wrote. */
export function decodeWorld(bytes: Buffer): WorldFile {
  const length = bytes.readUInt32LE(0);
  const index = JSON.parse(bytes.toString('utf8', 4, 4 + length)) as WorldIndex;
  const offset = 4 + length + ((4 - ((4 + length) % 4)) % 4);
  const ints = new Int32Array(bytes.buffer.slice(bytes.byteOffset + offset, bytes.byteOffset + bytes.length));
  const [kx, ky, dx, dy] = index.transform;
  const points = new Float64Array(ints.length);
  for (let i = 0; i < ints.length; i += 2) {
    points[i] = (ints[i] as number) * kx + dx;
    points[i + 1] = (ints[i + 1] as number) * ky + dy;
  }
  return { index, points };
}

/** `count` points from `start`, as GeoJSON positions. */
export function positions(points: Float64Array, start: number, count: number): Position[] {
  const out: Position[] = new Array(count);
  for (let i = 0; i < count; i++)
    out[i] = [points[2 * (start + i)] as number, points[2 * (start + i) + 1] as number];
  return out;
}
