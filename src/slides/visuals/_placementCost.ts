/**
 * What a placement costs (gridPlacement.ts), counted for the selection of a
 * board (_placementBoard.ts) only: the part of the cost that moving the
 * selected nodes can change. Most edges are nowhere near most boxes, so
 * bounding boxes are compared first, inline; a count can stop once it is
 * past a limit, which is all a rejected move needs.
 */
import type { PlacementBoard } from './_placementBoard.js';

/**
 * A placement's cost, compared in order: edges through a third box (a
 * straight edge under a box misleads, and one bent around it runs long and
 * crosses others), then crossings, then the edges' length between box
 * borders.
 */
export interface PlacementCost {
  crossings: number;
  hits: number;
  length: number;
}

/** Lengths closer than this count as equal. */
export const LENGTH_TOLERANCE = 1e-6;

export function cheaper(a: PlacementCost, b: PlacementCost): boolean {
  if (a.hits !== b.hits) return a.hits < b.hits;
  if (a.crossings !== b.crossings) return a.crossings < b.crossings;
  return a.length < b.length - LENGTH_TOLERANCE;
}

/** `base` plus `plus` minus `minus`. */
export function add(base: PlacementCost, plus: PlacementCost, minus?: PlacementCost): PlacementCost {
  return {
    crossings: base.crossings + plus.crossings - (minus?.crossings ?? 0),
    hits: base.hits + plus.hits - (minus?.hits ?? 0),
    length: base.length + plus.length - (minus?.length ?? 0),
  };
}

/**
 * The part of the cost that moving the selection can change: crossings of
 * its edges with any edge, hits of its edges on any box and of any edge on
 * its boxes, and its edges' length. Edges with an end not placed yet do
 * not count.
 */
export function selectionCost(board: PlacementBoard): PlacementCost {
  return {
    crossings: selectionCrossings(board, Number.POSITIVE_INFINITY),
    hits: selectionHits(board, Number.POSITIVE_INFINITY),
    length: selectionLength(board),
  };
}

/**
 * Hits of the selection's edges on any box and of any other edge on its
 * boxes; stops once past `limit`. Only where the bounding boxes overlap is
 * the edge clipped to the box (a call per pair costs more than the test).
 * The two loops are alike on purpose: one helper called per edge made the
 * sample's placement take 7.8 ms of CPU instead of 5.1 in a cold build.
 */
export function selectionHits(board: PlacementBoard, limit: number): number {
  const { edges, moved, mark, slotOf, ea, eb, x, y, left, right, top, bottom } = board;
  let hits = 0;
  for (let i = 0; i < board.edgeCount; i++) {
    const e = edges[i] as number;
    const a = ea[e] as number;
    const b = eb[e] as number;
    if ((slotOf[a] as number) < 0 || (slotOf[b] as number) < 0) continue;
    const ax = x[a] as number;
    const ay = y[a] as number;
    const bx = x[b] as number;
    const by = y[b] as number;
    const minX = Math.min(ax, bx);
    const maxX = Math.max(ax, bx);
    const minY = Math.min(ay, by);
    const maxY = Math.max(ay, by);
    for (let w = 0; w < board.n; w++) {
      if (w === a || w === b || (slotOf[w] as number) < 0) continue;
      if (maxX < (left[w] as number) || minX > (right[w] as number)) continue;
      if (maxY < (top[w] as number) || minY > (bottom[w] as number)) continue;
      if (clips(board, ax, ay, bx, by, w) && ++hits > limit) return hits;
    }
  }
  for (let e = 0; e < board.m; e++) {
    if (mark[e]) continue;
    const a = ea[e] as number;
    const b = eb[e] as number;
    if ((slotOf[a] as number) < 0 || (slotOf[b] as number) < 0) continue;
    const ax = x[a] as number;
    const ay = y[a] as number;
    const bx = x[b] as number;
    const by = y[b] as number;
    for (let k = 0; k < board.movedCount; k++) {
      const w = moved[k] as number;
      if (w === a || w === b || (slotOf[w] as number) < 0) continue;
      if (Math.max(ax, bx) < (left[w] as number) || Math.min(ax, bx) > (right[w] as number)) continue;
      if (Math.max(ay, by) < (top[w] as number) || Math.min(ay, by) > (bottom[w] as number)) continue;
      if (clips(board, ax, ay, bx, by, w) && ++hits > limit) return hits;
    }
  }
  return hits;
}

/** Crossings of the selection's edges with any edge (each pair once); stops once past `limit`. */
export function selectionCrossings(board: PlacementBoard, limit: number): number {
  const { edges, mark, slotOf, ea, eb, x, y } = board;
  let crossings = 0;
  for (let i = 0; i < board.edgeCount; i++) {
    const e = edges[i] as number;
    const a = ea[e] as number;
    const b = eb[e] as number;
    if ((slotOf[a] as number) < 0 || (slotOf[b] as number) < 0) continue;
    for (let f = 0; f < board.m; f++) {
      if (f === e || (mark[f] && f < e)) continue;
      const c = ea[f] as number;
      const d = eb[f] as number;
      if ((slotOf[c] as number) < 0 || (slotOf[d] as number) < 0) continue;
      // Edges with a shared end never cross.
      if (a === c || a === d || b === c || b === d) continue;
      const crossing = segmentsCross(
        x[a] as number,
        y[a] as number,
        x[b] as number,
        y[b] as number,
        x[c] as number,
        y[c] as number,
        x[d] as number,
        y[d] as number,
      );
      if (crossing && ++crossings > limit) return crossings;
    }
  }
  return crossings;
}

/** The selection's edges' length, summed in selection order (the order decides the last bits). */
export function selectionLength(board: PlacementBoard): number {
  const { edges, slotOf, ea, eb } = board;
  let length = 0;
  for (let i = 0; i < board.edgeCount; i++) {
    const e = edges[i] as number;
    if ((slotOf[ea[e] as number] as number) >= 0 && (slotOf[eb[e] as number] as number) >= 0)
      length += edgeLength(board, e);
  }
  return length;
}

/**
 * Whether the segment from (ax, ay) to (bx, by), whose bounding box
 * overlaps the box of node w grown by the margin, passes through it.
 */
function clips(board: PlacementBoard, ax: number, ay: number, bx: number, by: number, w: number): boolean {
  const left = board.left[w] as number;
  const right = board.right[w] as number;
  const top = board.top[w] as number;
  const bottom = board.bottom[w] as number;
  // Liang–Barsky: the part of the segment inside the box, as t0..t1.
  let t0 = 0;
  let t1 = 1;
  const dx = bx - ax;
  const dy = by - ay;
  if (dx !== 0) {
    const ta = (left - ax) / dx;
    const tb = (right - ax) / dx;
    t0 = Math.max(t0, Math.min(ta, tb));
    t1 = Math.min(t1, Math.max(ta, tb));
  }
  if (dy !== 0) {
    const ta = (top - ay) / dy;
    const tb = (bottom - ay) / dy;
    t0 = Math.max(t0, Math.min(ta, tb));
    t1 = Math.min(t1, Math.max(ta, tb));
  }
  return t0 <= t1;
}

/** Length of edge e between the borders of its two boxes. */
function edgeLength(board: PlacementBoard, e: number): number {
  const a = board.ea[e] as number;
  const b = board.eb[e] as number;
  const dx = (board.x[b] as number) - (board.x[a] as number);
  const dy = (board.y[b] as number) - (board.y[a] as number);
  const d = Math.sqrt(dx * dx + dy * dy);
  if (d === 0) return 0;
  const ux = Math.abs(dx) / d;
  const uy = Math.abs(dy) / d;
  return Math.max(0, d - border(board, a, ux, uy) - border(board, b, ux, uy));
}

/** How far from the centre of node's box its border is, in direction (ux, uy). */
function border(board: PlacementBoard, node: number, ux: number, uy: number): number {
  return Math.min(
    ux > 0 ? (board.halfW[node] as number) / ux : Number.POSITIVE_INFINITY,
    uy > 0 ? (board.halfH[node] as number) / uy : Number.POSITIVE_INFINITY,
  );
}

/** Whether segments ab and cd cross at a point inside both (not at an end, not along one line). */
function segmentsCross(
  ax: number,
  ay: number,
  bx: number,
  by: number,
  cx: number,
  cy: number,
  dx: number,
  dy: number,
): boolean {
  const d1 = (dx - cx) * (ay - cy) - (dy - cy) * (ax - cx);
  const d2 = (dx - cx) * (by - cy) - (dy - cy) * (bx - cx);
  const d3 = (bx - ax) * (cy - ay) - (by - ay) * (cx - ax);
  const d4 = (bx - ax) * (dy - ay) - (by - ay) * (dx - ax);
  return ((d1 > 0 && d2 < 0) || (d1 < 0 && d2 > 0)) && ((d3 > 0 && d4 < 0) || (d3 < 0 && d4 > 0));
}
