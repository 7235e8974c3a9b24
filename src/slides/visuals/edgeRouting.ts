/**
 * How the actor map's edges run between the boxes the layout placed. Each
 * edge is a straight line between two box centres, cut where it leaves each
 * box, so it is never drawn under one; one that would pass through a third
 * box bows around it (a quadratic curve, bowing further in steps until it
 * clears). Several edges between one pair bow apart side by side. Arrowed
 * ends stop short by the arrowhead. The ✕ of a conflict sits at the middle
 * of its edge, or moves along it to a spot clear of other edges and boxes.
 */

import { type Box, curveAt, distanceToSegment, insideBox, type Point, subControl } from './_geometry.js';
import { num } from './_svg.js';
import type { Edge } from './actorGraph.js';

export interface EdgePath {
  edge: Edge;
  /** SVG path data of the visible part. */
  d: string;
  /** Points along the visible part, for checks of what lies near it. */
  points: Point[];
  /** Where the conflict mark goes (conflict edges), or the label of a line for several relations. */
  mark?: Point;
}

/** Length of a support arrowhead, which the line stops short by. */
export const ARROW_LEN = 12;
/** Radius of the halo behind a conflict's ✕. */
export const MARK_RADIUS = 8.5;
/** Room wanted around a conflict's ✕. */
const MARK_CLEARANCE = 3;
/** Where along its edge a conflict's ✕ may go, as a share of the visible part: the middle first, then out from it. */
const SPOTS = Array.from({ length: 21 }, (_, k) => 0.1 + 0.04 * k).sort(
  (a, b) => Math.abs(a - 0.5) - Math.abs(b - 0.5) || a - b,
);
/** Room left between an edge's end and the box border. */
const EDGE_CLEARANCE = 4;
/** An edge closer than this to a box it does not join counts as passing through it. */
const BOX_CLEARANCE = 8;
/** How far edges between one pair bow apart. */
const FAN = 22;
/** How far an edge bows to clear a box, tried in turn (apex distance from the straight line). */
const BOWS = [36, 60, 90, 125, 165, 210] as const;
const SAMPLES = 48;

interface Curve {
  p0: Point;
  c: Point;
  p2: Point;
}

/** The t at which the curve, from its end inside `box`, leaves it (bisection). */
function exit(curve: Curve, box: Box, fromStart: boolean): number {
  let inT = fromStart ? 0 : 1;
  let outT = fromStart ? 1 : 0;
  for (let step = 0; step < 40; step++) {
    const mid = (inT + outT) / 2;
    if (insideBox(curveAt(curve.p0, curve.c, curve.p2, mid), box, EDGE_CLEARANCE)) inT = mid;
    else outT = mid;
  }
  return outT;
}

/** The t, walking from t=`from` towards t=`towards`, at which the curve is `distance` away from its point at `from`. */
function back(curve: Curve, from: number, towards: number, distance: number): number {
  const origin = curveAt(curve.p0, curve.c, curve.p2, from);
  let near = from;
  let far = towards;
  for (let step = 0; step < 40; step++) {
    const mid = (near + far) / 2;
    const point = curveAt(curve.p0, curve.c, curve.p2, mid);
    if (Math.hypot(point.x - origin.x, point.y - origin.y) < distance) near = mid;
    else far = mid;
  }
  return far;
}

/**
 * How far beyond a bounding box a point sampled on the curve may be computed
 * (rounding): far more than it, far less than anything drawn.
 */
const SLACK = 0.01;

/**
 * Whether every point of the curve is more than `margin` (plus SLACK) away
 * from `box`: a quadratic curve lies inside the triangle of its three
 * points, so it is when that triangle's bounding box is.
 */
function clearOf(curve: Curve, box: Box, margin: number): boolean {
  const { p0, c, p2 } = curve;
  const reachX = box.w / 2 + margin + SLACK;
  const reachY = box.h / 2 + margin + SLACK;
  return (
    Math.max(p0.x, c.x, p2.x) < box.x - reachX ||
    Math.min(p0.x, c.x, p2.x) > box.x + reachX ||
    Math.max(p0.y, c.y, p2.y) < box.y - reachY ||
    Math.min(p0.y, c.y, p2.y) > box.y + reachY
  );
}

/** Whether every point of the curve is inside `box` grown by `margin` (less SLACK), as clearOf. */
function within(curve: Curve, box: Box, margin: number): boolean {
  const { p0, c, p2 } = curve;
  const reachX = box.w / 2 + margin - SLACK;
  const reachY = box.h / 2 + margin - SLACK;
  return (
    Math.min(p0.x, c.x, p2.x) >= box.x - reachX &&
    Math.max(p0.x, c.x, p2.x) <= box.x + reachX &&
    Math.min(p0.y, c.y, p2.y) >= box.y - reachY &&
    Math.max(p0.y, c.y, p2.y) <= box.y + reachY
  );
}

/**
 * How many boxes other than its own the curve passes through or near, plus
 * one if it leaves the area. Sampled; the boxes it cannot come near, and an
 * area it cannot leave, are not sampled (most of them, for most curves).
 */
function obstacles(curve: Curve, boxes: readonly Box[], own: readonly Box[], area: Box): number {
  let count = 0;
  for (const box of boxes) {
    if (own.includes(box) || clearOf(curve, box, BOX_CLEARANCE)) continue;
    for (let k = 1; k < SAMPLES; k++) {
      if (insideBox(curveAt(curve.p0, curve.c, curve.p2, k / SAMPLES), box, BOX_CLEARANCE)) {
        count++;
        break;
      }
    }
  }
  if (within(curve, area, -2)) return count;
  for (let k = 1; k < SAMPLES; k++) {
    if (!insideBox(curveAt(curve.p0, curve.c, curve.p2, k / SAMPLES), area, -2)) return count + 1;
  }
  return count;
}

/** How far `point` is from `box` (0 inside it). */
function outside(point: Point, box: Box): number {
  return Math.hypot(
    Math.max(box.x - box.w / 2 - point.x, 0, point.x - box.x - box.w / 2),
    Math.max(box.y - box.h / 2 - point.y, 0, point.y - box.y - box.h / 2),
  );
}

/** The curve between two box centres whose apex is `bow` px to the side of the straight line. */
function bowed(p0: Point, p2: Point, normal: Point, bow: number): Curve {
  // A quadratic curve's midpoint lies halfway between the chord's middle and the control point.
  return {
    p0,
    p2,
    c: { x: (p0.x + p2.x) / 2 + normal.x * 2 * bow, y: (p0.y + p2.y) / 2 + normal.y * 2 * bow },
  };
}

/**
 * The edges' paths, in the order given. `boxes` has each actor's box by
 * file index; `width` × `height` is the graph area they must stay in.
 */
export function routeEdges(
  edges: readonly Edge[],
  boxes: ReadonlyMap<number, Box>,
  width: number,
  height: number,
): EdgePath[] {
  const all = [...boxes.values()];
  const area: Box = { x: width / 2, y: height / 2, w: width, h: height };
  const pairKey = (edge: Edge) => `${Math.min(edge.from, edge.to)}|${Math.max(edge.from, edge.to)}`;
  const groups = new Map<string, Edge[]>();
  for (const edge of edges) groups.set(pairKey(edge), [...(groups.get(pairKey(edge)) ?? []), edge]);
  const routed = edges.map((edge) => routeEdge(edge, boxes, groups.get(pairKey(edge)) as Edge[], all, area));

  // Conflict marks: at the middle of the edge, else the spot nearest it that is clear of other edges, boxes and
  // marks; where none is, the spot with most room.
  const marks: Point[] = [];
  return routed.map(({ edge, d, points, curve, visible }, index): EdgePath => {
    // A conflict's ✕, or the label of a line drawn for several relations.
    if (edge.type !== 'conflict' && edge.types.length < 2) return { edge, d, points };
    const mark = markSpot(curve, visible, (p) => room(p, routed, index, all, marks));
    marks.push(mark);
    return { edge, d, points, mark };
  });
}

/** An edge routed: its path, the points it passes through, its curve and the part of it outside the boxes. */
interface RoutedEdge {
  edge: Edge;
  d: string;
  points: Point[];
  curve: Curve;
  visible: readonly [number, number];
}

/**
 * One edge: fanned out from the others of its pair (`group`), bowed to the
 * side where it crosses fewest boxes, cut where it leaves its two boxes
 * (and shortened for an arrowhead).
 */
function routeEdge(
  edge: Edge,
  boxes: ReadonlyMap<number, Box>,
  group: readonly Edge[],
  all: readonly Box[],
  area: Box,
): RoutedEdge {
  const from = boxes.get(edge.from) as Box;
  const to = boxes.get(edge.to) as Box;
  // The normal is taken from the lower index to the higher, so a pair's edges fan out the same way whichever way they run.
  const lo = edge.from < edge.to ? from : to;
  const hi = edge.from < edge.to ? to : from;
  const length = Math.hypot(hi.x - lo.x, hi.y - lo.y) || 1;
  const normal = { x: -(hi.y - lo.y) / length, y: (hi.x - lo.x) / length };
  const fan = (group.indexOf(edge) - (group.length - 1) / 2) * FAN;
  const candidates = [fan, ...BOWS.flatMap((bow) => [fan + bow, fan - bow])];
  let curve = bowed(from, to, normal, fan);
  let fewest = Number.POSITIVE_INFINITY;
  for (const bow of candidates) {
    const candidate = bowed(from, to, normal, bow);
    const count = obstacles(candidate, all, [from, to], area);
    if (count < fewest) {
      fewest = count;
      curve = candidate;
    }
    if (count === 0) break;
  }
  let t0 = exit(curve, from, true);
  let t1 = exit(curve, to, false);
  const visible = [t0, t1] as const;
  if (edge.type === 'support') {
    t1 = back(curve, t1, t0, ARROW_LEN);
    if (edge.mutual) t0 = back(curve, t0, t1, ARROW_LEN);
  }
  const start = curveAt(curve.p0, curve.c, curve.p2, t0);
  const end = curveAt(curve.p0, curve.c, curve.p2, t1);
  const straight = curve.c.x === (from.x + to.x) / 2 && curve.c.y === (from.y + to.y) / 2;
  const control = subControl(curve.p0, curve.c, curve.p2, t0, t1);
  const d = straight
    ? `M${num(start.x)} ${num(start.y)}L${num(end.x)} ${num(end.y)}`
    : `M${num(start.x)} ${num(start.y)}Q${num(control.x)} ${num(control.y)} ${num(end.x)} ${num(end.y)}`;
  const points = Array.from({ length: 33 }, (_, k) =>
    curveAt(curve.p0, curve.c, curve.p2, visible[0] + ((visible[1] - visible[0]) * k) / 32),
  );
  return { edge, d, points, curve, visible };
}

/**
 * The least room around `p`: from the other edges (all but `index`), the
 * boxes and the marks placed. A loop rather than one Math.min over spread
 * arrays, which cost more than the distances (the same minimum: Math.min
 * neither depends on the order nor lets a NaN through unseen).
 */
function room(
  p: Point,
  routed: readonly RoutedEdge[],
  index: number,
  all: readonly Box[],
  marks: readonly Point[],
): number {
  let least = Number.POSITIVE_INFINITY;
  for (let j = 0; j < routed.length; j++) {
    const line = routed[j]?.points;
    if (j === index || !line) continue;
    for (let k = 1; k < line.length; k++)
      least = Math.min(least, distanceToSegment(p, line[k - 1] as Point, line[k] as Point) - MARK_RADIUS);
  }
  for (const box of all) least = Math.min(least, outside(p, box) - MARK_RADIUS);
  for (const m of marks) least = Math.min(least, Math.hypot(m.x - p.x, m.y - p.y) - 2 * MARK_RADIUS);
  return least;
}

/**
 * Where a conflict mark goes on the visible part of `curve`: the first of
 * the SPOTS with room enough, else the first with most room (each spot's
 * room worked out once).
 */
function markSpot(curve: Curve, visible: readonly [number, number], roomAt: (p: Point) => number): Point {
  const spots = SPOTS.map((f) =>
    curveAt(curve.p0, curve.c, curve.p2, visible[0] + (visible[1] - visible[0]) * f),
  );
  const rooms: number[] = [];
  for (const p of spots) {
    const r = roomAt(p);
    rooms.push(r);
    if (r > MARK_CLEARANCE) return p;
  }
  let best = 0;
  for (let k = 0; k < spots.length; k++) if ((rooms[k] as number) > (rooms[best] as number)) best = k;
  return spots[best] as Point;
}
