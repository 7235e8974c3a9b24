/**
 * Plane geometry for the actor map: boxes, straight segments and quadratic
 * Bézier curves, and the tests the layout and edge routing make with them.
 */

export interface Point {
  x: number;
  y: number;
}

/** A rectangle by its centre and size. */
export interface Box {
  x: number;
  y: number;
  w: number;
  h: number;
}

/** Twice the signed area of the triangle a, b, c: > 0 when c lies left of a → b. */
function turn(a: Point, b: Point, c: Point): number {
  return (b.x - a.x) * (c.y - a.y) - (b.y - a.y) * (c.x - a.x);
}

/**
 * Whether segments ab and cd cross at a point inside both (not at an end,
 * not along a shared line). Exact for integer coordinates.
 */
export function segmentsCross(a: Point, b: Point, c: Point, d: Point): boolean {
  const d1 = turn(c, d, a);
  const d2 = turn(c, d, b);
  const d3 = turn(a, b, c);
  const d4 = turn(a, b, d);
  return ((d1 > 0 && d2 < 0) || (d1 < 0 && d2 > 0)) && ((d3 > 0 && d4 < 0) || (d3 < 0 && d4 > 0));
}

/** Whether segment ab passes through `box` grown by `margin` on every side (Liang–Barsky clipping). */
export function segmentHitsBox(a: Point, b: Point, box: Box, margin: number): boolean {
  const left = box.x - box.w / 2 - margin;
  const right = box.x + box.w / 2 + margin;
  const top = box.y - box.h / 2 - margin;
  const bottom = box.y + box.h / 2 + margin;
  const dx = b.x - a.x;
  const dy = b.y - a.y;
  let t0 = 0;
  let t1 = 1;
  for (const [p, q] of [
    [-dx, a.x - left],
    [dx, right - a.x],
    [-dy, a.y - top],
    [dy, bottom - a.y],
  ] as const) {
    if (p === 0) {
      if (q < 0) return false;
      continue;
    }
    const t = q / p;
    if (p < 0) t0 = Math.max(t0, t);
    else t1 = Math.min(t1, t);
    if (t0 > t1) return false;
  }
  return true;
}

export function boxesOverlap(p: Box, q: Box, gap: number): boolean {
  return Math.abs(p.x - q.x) < (p.w + q.w) / 2 + gap && Math.abs(p.y - q.y) < (p.h + q.h) / 2 + gap;
}

export function insideBox(point: Point, box: Box, margin: number): boolean {
  return Math.abs(point.x - box.x) <= box.w / 2 + margin && Math.abs(point.y - box.y) <= box.h / 2 + margin;
}

/** How far from a box's centre its border is, going in direction (dx, dy). */
export function borderDistance(box: Box, dx: number, dy: number): number {
  const length = Math.hypot(dx, dy) || 1;
  const ux = Math.abs(dx / length);
  const uy = Math.abs(dy / length);
  return Math.min(
    ux > 0 ? box.w / 2 / ux : Number.POSITIVE_INFINITY,
    uy > 0 ? box.h / 2 / uy : Number.POSITIVE_INFINITY,
  );
}

/** The point at `t` on the quadratic Bézier curve p0, c, p2. */
export function curveAt(p0: Point, c: Point, p2: Point, t: number): Point {
  const u = 1 - t;
  return {
    x: u * u * p0.x + 2 * u * t * c.x + t * t * p2.x,
    y: u * u * p0.y + 2 * u * t * c.y + t * t * p2.y,
  };
}

/** The control point of the part of the curve p0, c, p2 between t0 and t1. */
export function subControl(p0: Point, c: Point, p2: Point, t0: number, t1: number): Point {
  const w0 = (1 - t0) * (1 - t1);
  const w1 = (1 - t0) * t1 + t0 * (1 - t1);
  const w2 = t0 * t1;
  return { x: w0 * p0.x + w1 * c.x + w2 * p2.x, y: w0 * p0.y + w1 * c.y + w2 * p2.y };
}

/** Distance from `point` to segment ab. */
export function distanceToSegment(point: Point, a: Point, b: Point): number {
  const dx = b.x - a.x;
  const dy = b.y - a.y;
  const length2 = dx * dx + dy * dy;
  const t =
    length2 > 0 ? Math.max(0, Math.min(1, ((point.x - a.x) * dx + (point.y - a.y) * dy) / length2)) : 0;
  return Math.hypot(point.x - (a.x + t * dx), point.y - (a.y + t * dy));
}
