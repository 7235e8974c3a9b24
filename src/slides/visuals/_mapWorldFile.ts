/**
 * The country outlines packed for a fast start: `npm run build` writes
 * lib/world-50m.bin and lib/world-110m.bin (scripts/world-data.mjs), and a
 * locator map reads one with a single file read, no JSON of 750 kB to
 * parse and no TopoJSON to convert. A country's rings become coordinates
 * only when a map asks for its shape, and borders and coasts are cut into
 * short runs with their bounds, so a map projects only the runs near it.
 *
 * Layout: six little-endian uint32 sizes, a short JSON (the transform and
 * the countries' codes and names), padding to 8 bytes, then typed arrays:
 * the bounds (float64), the countries' rings and the runs (int32), and
 * the points as int32 pairs, each as TopoJSON quantized it, which
 * `x * kx + dx` turns back into exactly the coordinates topojson-client
 * gives.
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
  points: PackedPoints;
}

/** Points per run of a border or coast. */
const RUN = 24;

/** `[west, south, east, north]` of the points, as plain numbers. */
export function boxOf(points: readonly Position[]): Box {
  const box: Box = [180, 90, -180, -90];
  for (const [lon = 0, lat = 0] of points) {
    box[0] = Math.min(box[0], lon);
    box[1] = Math.min(box[1], lat);
    box[2] = Math.max(box[2], lon);
    box[3] = Math.max(box[3], lat);
  }
  return box;
}

/** The file's sections: numbers in typed arrays, names in a short JSON. */
interface Sections {
  head: { transform: WorldIndex['transform']; names: [string | null, string][] };
  /** Per country: polygons, then per polygon: rings, then per ring: start, count. */
  rings: Int32Array;
  /** Per country, then per border run, then per coast run: west, south, east, north. */
  boxes: Float64Array;
  /** Per run: line, start, count; borders first, then coasts. */
  runs: Int32Array;
  borderRuns: number;
  points: Int32Array;
}

function quantizer([kx, ky, dx, dy]: WorldIndex['transform']) {
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
  return { ints, add };
}

/** Packs `world`; every coordinate must be one that `transform` gives exactly. */
export function encodeWorld(world: PlainWorld, transform: WorldIndex['transform']): Buffer {
  const { ints, add } = quantizer(transform);
  const rings: number[] = [];
  const boxes: number[] = [];
  for (const { polygons } of world.countries) {
    boxes.push(...boxOf(polygons.flatMap((polygon) => polygon[0] ?? [])));
    rings.push(polygons.length);
    for (const polygon of polygons) {
      rings.push(polygon.length);
      for (const ring of polygon) rings.push(add(ring), ring.length);
    }
  }
  const runs: number[] = [];
  const cut = (lines: Position[][]) =>
    lines.forEach((line, index) => {
      const start = add(line);
      for (let from = 0; from < line.length - 1; from += RUN) {
        const to = Math.min(from + RUN, line.length - 1);
        runs.push(index, start + from, to - from + 1);
        boxes.push(...boxOf(line.slice(from, to + 1)));
      }
    });
  cut(world.borders);
  const borderRuns = runs.length / 3;
  cut(world.coasts);
  const names = world.countries.map(({ code, name }) => [code ?? null, name]);
  const head = Buffer.from(JSON.stringify({ transform, names }));
  const parts = [
    Float64Array.from(boxes),
    Int32Array.from(rings),
    Int32Array.from(runs),
    Int32Array.from(ints),
  ];
  const sizes = Buffer.alloc(24);
  [head.length, borderRuns, ...parts.map((part) => part.length)].forEach((n, i) => {
    sizes.writeUInt32LE(n, 4 * i);
  });
  const pad = Buffer.alloc((8 - ((sizes.length + head.length) % 8)) % 8);
  return Buffer.concat([sizes, head, pad, ...parts.map((part) => Buffer.from(part.buffer))]);
}

function sections(bytes: Buffer): Sections {
  const [headLength, borderRuns, nBoxes, nRings, nRuns, nPoints] = [0, 1, 2, 3, 4, 5].map((i) =>
    bytes.readUInt32LE(4 * i),
  ) as [number, number, number, number, number, number];
  const head = JSON.parse(bytes.toString('utf8', 24, 24 + headLength)) as Sections['head'];
  // Typed arrays need aligned memory: one copy of the rest, 8-aligned.
  const at = 24 + headLength + ((8 - ((24 + headLength) % 8)) % 8);
  const rest = new Uint8Array(bytes.length - at);
  rest.set(bytes.subarray(at));
  const boxes = new Float64Array(rest.buffer, 0, nBoxes);
  const rings = new Int32Array(rest.buffer, 8 * nBoxes, nRings);
  const runs = new Int32Array(rest.buffer, 8 * nBoxes + 4 * nRings, nRuns);
  const points = new Int32Array(rest.buffer, 8 * nBoxes + 4 * (nRings + nRuns), nPoints);
  return { head, rings, boxes, runs, borderRuns, points };
}

const boxAt = (boxes: Float64Array, i: number): Box => [
  boxes[4 * i] as number,
  boxes[4 * i + 1] as number,
  boxes[4 * i + 2] as number,
  boxes[4 * i + 3] as number,
];

/** Unpacks a file `encodeWorld` wrote. Coordinates stay packed until `positions` reads them. */
export function decodeWorld(bytes: Buffer): WorldFile {
  const { head, rings, boxes, runs, borderRuns, points } = sections(bytes);
  let r = 0;
  const countries: CountryEntry[] = head.names.map(([code, name], i) => {
    const polygons: [number, number][][] = [];
    for (let p = rings[r++] as number; p > 0; p--) {
      const polygon: [number, number][] = [];
      for (let n = rings[r++] as number; n > 0; n--)
        polygon.push([rings[r++] as number, rings[r++] as number]);
      polygons.push(polygon);
    }
    return { code: code ?? undefined, name, box: boxAt(boxes, i), polygons };
  });
  const lineRuns = (from: number, to: number): LineRun[] => {
    const out: LineRun[] = [];
    for (let i = from; i < to; i++)
      out.push({
        line: runs[3 * i] as number,
        start: runs[3 * i + 1] as number,
        count: runs[3 * i + 2] as number,
        box: boxAt(boxes, countries.length + i),
      });
    return out;
  };
  const index = {
    transform: head.transform,
    countries,
    borders: lineRuns(0, borderRuns),
    coasts: lineRuns(borderRuns, runs.length / 3),
  };
  return { index, points: { ints: points, transform: head.transform } };
}

/** Packed coordinates and the transform that unpacks them. */
export interface PackedPoints {
  ints: Int32Array;
  transform: WorldIndex['transform'];
}

/** `count` points from `start`, as GeoJSON positions. */
export function positions({ ints, transform }: PackedPoints, start: number, count: number): Position[] {
  const [kx, ky, dx, dy] = transform;
  const out: Position[] = new Array(count);
  for (let i = 0; i < count; i++)
    out[i] = [(ints[2 * (start + i)] as number) * kx + dx, (ints[2 * (start + i) + 1] as number) * ky + dy];
  return out;
}
