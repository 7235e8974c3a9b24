/**
 * Plane geometry for the actor map: boxes, points and quadratic
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

export function insideBox(point: Point, box: Box, margin: number): boolean {
  return Math.abs(point.x - box.x) <= box.w / 2 + margin && Math.abs(point.y - box.y) <= box.h / 2 + margin;
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
