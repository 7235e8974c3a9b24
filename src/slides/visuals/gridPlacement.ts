/**
 * Places the nodes of a small graph on grid slots so its straight edges
 * pass through as few other boxes as possible, cross as little as possible
 * and are short. A local search: from a greedy start, it moves one node to
 * another slot or swaps two while that lowers the cost, and it runs from a
 * few starts and keeps the best. Deterministic: no randomness, and ties go
 * to the first found.
 *
 * It runs once per build, in a fresh process, so mostly in V8's interpreter:
 * what counts is how many tests it makes, not how well they compile. Costs
 * are updated for the moved nodes' edges only, and a move is judged part by
 * part (hits, then crossings, then length), each counted only as far as it
 * decides: most moves tried are rejected on the first part. The cost of the
 * moves kept is worked out in full, in the same order as ever, so the
 * result does not depend on how far a rejected move was counted.
 */
import type { Point } from './_geometry.js';

export interface PlacementProblem {
  /** Slot centres, in whole pixels (so crossing tests are exact). */
  slots: readonly Point[];
  /** Each node's box size. */
  sizes: readonly { w: number; h: number }[];
  /** The edges, as distinct pairs of node indices. */
  pairs: readonly (readonly [number, number])[];
  /** An edge closer than this to a third box counts as passing through it. */
  margin: number;
}

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

export function cheaper(a: PlacementCost, b: PlacementCost): boolean {
  if (a.hits !== b.hits) return a.hits < b.hits;
  if (a.crossings !== b.crossings) return a.crossings < b.crossings;
  return a.length < b.length - LENGTH_TOLERANCE;
}

/** Lengths closer than this count as equal. */
const LENGTH_TOLERANCE = 1e-6;
/** How many starts the search runs from at least: the first node in each of the slots nearest the middle. */
const STARTS = 4;
const MAX_PASSES = 50;

/**
 * The slot of each node: improved from `start` when given, else the best of
 * a few greedy starts, each improved.
 */
export function placeNodes(
  problem: PlacementProblem,
  start?: readonly number[],
): { slotOf: number[]; cost: PlacementCost } {
  const search = new Search(problem);
  if (start) {
    search.place(start);
    search.improve();
    return { slotOf: search.slots(), cost: search.cost };
  }
  let best: { slotOf: number[]; cost: PlacementCost } | undefined;
  for (let n = 0; n < search.middle.length; n++) {
    // A few starts, or as many as it takes to run no edge through a box.
    if (best && n >= STARTS && best.cost.hits === 0) break;
    search.greedy(search.middle[n] as number);
    search.improve();
    if (!best || cheaper(search.cost, best.cost)) best = { slotOf: search.slots(), cost: search.cost };
  }
  return best as { slotOf: number[]; cost: PlacementCost };
}

class Search {
  private readonly n: number;
  /** The number of edges. */
  private readonly m: number;
  private readonly sx: Float64Array;
  private readonly sy: Float64Array;
  /** Half sizes of each node's box, and grown by the margin (for hits). */
  private readonly halfW: Float64Array;
  private readonly halfH: Float64Array;
  private readonly hitW: Float64Array;
  private readonly hitH: Float64Array;
  private readonly ea: Int32Array;
  private readonly eb: Int32Array;
  private readonly incident: number[][];
  private readonly degree: Int32Array;
  /** Slots by distance from the middle of the grid: the greedy starts' first slots, and its order. */
  readonly middle: number[];
  private readonly slotOf: Int32Array;
  private readonly nodeAt: Int32Array;
  /**
   * Where each node is: its centre, and its box grown by the margin. Kept
   * with `slotOf` (meaningless while a node is not placed), so the tests
   * read them instead of working them out for every pair.
   */
  private readonly x: Float64Array;
  private readonly y: Float64Array;
  private readonly left: Float64Array;
  private readonly right: Float64Array;
  private readonly top: Float64Array;
  private readonly bottom: Float64Array;
  /**
   * The selection, the nodes a move changes (one or two) and their edges,
   * each once, in the order of the nodes' incident lists, marked in `mark`.
   * Whether an edge is placed is checked where it is used, so the selection
   * holds before and after the move.
   */
  private readonly moved: Int32Array;
  private movedCount = 0;
  private readonly edges: Int32Array;
  private edgeCount = 0;
  private readonly mark: Uint8Array;
  cost: PlacementCost = { crossings: 0, hits: 0, length: 0 };

  constructor(problem: PlacementProblem) {
    const { slots, sizes, pairs, margin } = problem;
    const n = sizes.length;
    this.n = n;
    this.m = pairs.length;
    this.sx = Float64Array.from(slots, (p) => p.x);
    this.sy = Float64Array.from(slots, (p) => p.y);
    this.halfW = Float64Array.from(sizes, (s) => s.w / 2);
    this.halfH = Float64Array.from(sizes, (s) => s.h / 2);
    this.hitW = Float64Array.from(sizes, (s) => s.w / 2 + margin);
    this.hitH = Float64Array.from(sizes, (s) => s.h / 2 + margin);
    this.ea = Int32Array.from(pairs, (p) => p[0]);
    this.eb = Int32Array.from(pairs, (p) => p[1]);
    this.incident = Array.from({ length: n }, () => [] as number[]);
    for (let e = 0; e < pairs.length; e++) {
      this.incident[this.ea[e] as number]?.push(e);
      this.incident[this.eb[e] as number]?.push(e);
    }
    this.degree = Int32Array.from(this.incident, (edges) => edges.length);
    this.middle = this.middleSlots();
    this.slotOf = new Int32Array(n).fill(-1);
    this.nodeAt = new Int32Array(slots.length).fill(-1);
    this.x = new Float64Array(n);
    this.y = new Float64Array(n);
    this.left = new Float64Array(n);
    this.right = new Float64Array(n);
    this.top = new Float64Array(n);
    this.bottom = new Float64Array(n);
    this.moved = new Int32Array(n);
    this.edges = new Int32Array(pairs.length);
    this.mark = new Uint8Array(pairs.length);
  }

  slots(): number[] {
    return Array.from(this.slotOf);
  }

  /** Slots by distance from the middle of the grid (first in order on a tie). */
  private middleSlots(): number[] {
    const mx = (Math.min(...this.sx) + Math.max(...this.sx)) / 2;
    const my = (Math.min(...this.sy) + Math.max(...this.sy)) / 2;
    const distance = (s: number) =>
      Math.abs((this.sx[s] as number) - mx) + Math.abs((this.sy[s] as number) - my);
    return [...this.sx.keys()].sort((a, b) => distance(a) - distance(b) || a - b);
  }

  place(slotOf: readonly number[]): void {
    this.slotOf.fill(-1);
    this.nodeAt.fill(-1);
    slotOf.forEach((slot, node) => {
      this.put(node, slot);
    });
    this.selectAll();
    this.cost = this.selectionCost();
    this.unselect();
  }

  private put(node: number, slot: number): void {
    this.locate(node, slot);
    if (slot >= 0) this.nodeAt[slot] = node;
  }

  /** Sets the slot of `node` and where that puts its box (not `nodeAt`). */
  private locate(node: number, slot: number): void {
    this.slotOf[node] = slot;
    const x = this.sx[slot] as number;
    const y = this.sy[slot] as number;
    this.x[node] = x;
    this.y[node] = y;
    this.left[node] = x - (this.hitW[node] as number);
    this.right[node] = x + (this.hitW[node] as number);
    this.top[node] = y - (this.hitH[node] as number);
    this.bottom[node] = y + (this.hitH[node] as number);
  }

  /**
   * The greedy start: the most connected node in slot `first`, then, one by
   * one, the node with most links to those placed (more links in all, then
   * the lower index, on a tie) in the free slot that costs least (nearest
   * the middle on a tie).
   */
  greedy(first: number): void {
    const { slotOf, nodeAt, degree, ea, eb } = this;
    slotOf.fill(-1);
    nodeAt.fill(-1);
    this.cost = { crossings: 0, hits: 0, length: 0 };
    for (let step = 0; step < this.n; step++) {
      let next = -1;
      let links = -1;
      for (let node = 0; node < this.n; node++) {
        if ((slotOf[node] as number) >= 0) continue;
        let placed = 0;
        for (const e of this.incident[node] as number[]) {
          const other = ea[e] === node ? (eb[e] as number) : (ea[e] as number);
          if ((slotOf[other] as number) >= 0) placed++;
        }
        if (placed > links || (placed === links && (degree[node] as number) > (degree[next] as number))) {
          next = node;
          links = placed;
        }
      }
      this.select(next, -1);
      let bestSlot = -1;
      let bestCost: PlacementCost | undefined;
      for (const slot of step === 0 ? [first] : this.middle) {
        if (step > 0 && nodeAt[slot] !== -1) continue;
        this.put(next, slot);
        const cost = this.costIfCheaper(bestCost);
        slotOf[next] = -1;
        nodeAt[slot] = -1;
        if (cost) {
          bestSlot = slot;
          bestCost = cost;
        }
      }
      this.unselect();
      this.put(next, bestSlot);
      this.cost = bestCost as PlacementCost;
    }
  }

  /**
   * The cost with the selection (one node) placed where it is, if it is
   * cheaper than `best` (or there is no best yet), else undefined. Hits are
   * counted only until they exceed the best's, crossings only when hits tie
   * (and until they exceed), the length only when both tie or it is cheaper.
   */
  private costIfCheaper(best: PlacementCost | undefined): PlacementCost | undefined {
    if (!best) return add(this.cost, this.selectionCost());
    const { hits, crossings } = this.cost;
    const hitsAdded = this.selectionHits(best.hits - hits);
    if (hits + hitsAdded > best.hits) return undefined;
    const crossingsAdded = this.selectionCrossings(
      hits + hitsAdded < best.hits ? Number.POSITIVE_INFINITY : best.crossings - crossings,
    );
    if (hits + hitsAdded === best.hits && crossings + crossingsAdded > best.crossings) return undefined;
    const cost = add(this.cost, {
      crossings: crossingsAdded,
      hits: hitsAdded,
      length: this.selectionLength(),
    });
    return cheaper(cost, best) ? cost : undefined;
  }

  /**
   * Moves one node to another slot, or swaps two, while that lowers the
   * cost. A try depends only on the placement (and its cost), which changes
   * only when a move is kept: a try rejected since the last move kept would
   * be rejected again, so it is not made again. That spares most of the
   * last pass, which only confirms that no move is cheaper, and the second
   * try of a swap (the other node to this one's slot) when the first was
   * rejected on a count, which does not depend on which node moves first
   * (a length does, in its last bits: it sums the same edges in another
   * order).
   */
  improve(): void {
    const slots = this.sx.length;
    /** By node and slot: the number of moves kept when that try was last rejected. */
    const rejectedAt = new Int32Array(this.n * slots).fill(-1);
    let kept = 0;
    for (let pass = 0; pass < MAX_PASSES; pass++) {
      let improved = false;
      for (let node = 0; node < this.n; node++) {
        for (let slot = 0; slot < slots; slot++) {
          const from = this.slotOf[node] as number;
          if (slot === from || rejectedAt[node * slots + slot] === kept) continue;
          const other = this.nodeAt[slot] as number;
          this.select(node, other);
          const outcome = this.moveIfCheaper(node, slot);
          this.unselect();
          if (outcome === 'kept') {
            improved = true;
            kept++;
            continue;
          }
          rejectedAt[node * slots + slot] = kept;
          if (outcome === 'more' && other >= 0 && from >= 0) rejectedAt[other * slots + from] = kept;
        }
      }
      if (!improved) break;
    }
  }

  /**
   * Moves `node` to `slot`, swapping it with the node there (both selected),
   * if that lowers the cost; else leaves them as they were, and says what
   * decided it: more hits or crossings, or edges no shorter. The parts of
   * the cost compare in order, and each is counted before and after the
   * move only when the parts before it tie. One side's count stops as soon
   * as it exceeds the other's, which is enough to decide; a part before the
   * move is 0 without counting when the whole is 0 (the whole is kept exact,
   * and a part never exceeds it). A move kept gets its cost in full.
   */
  private moveIfCheaper(node: number, slot: number): 'kept' | 'more' | 'longer' {
    const from = this.slotOf[node] as number;
    const other = this.nodeAt[slot] as number;
    const { hits, crossings, length } = this.cost;

    const hitsBefore = hits === 0 ? 0 : this.selectionHits(Number.POSITIVE_INFINITY);
    this.swap(node, from, other, slot); // after the move
    const hitsAfter = this.selectionHits(hitsBefore);
    if (hitsAfter > hitsBefore) {
      this.swap(node, slot, other, from);
      return 'more';
    }
    if (hitsAfter === hitsBefore) {
      const crossingsAfter = this.selectionCrossings(crossings === 0 ? 0 : Number.POSITIVE_INFINITY);
      this.swap(node, slot, other, from); // before it
      const crossingsBefore = crossings === 0 ? 0 : this.selectionCrossings(crossingsAfter);
      if (crossingsBefore < crossingsAfter) return 'more';
      if (crossingsBefore === crossingsAfter) {
        const lengthBefore = this.selectionLength();
        this.swap(node, from, other, slot); // after
        const lengthAfter = length + this.selectionLength() - lengthBefore;
        if (lengthAfter < length - LENGTH_TOLERANCE) {
          this.cost = { crossings, hits, length: lengthAfter };
          return 'kept';
        }
        this.swap(node, slot, other, from);
        return 'longer';
      }
      this.swap(node, from, other, slot);
    }
    // Cheaper (now after the move): the new cost in full, from the parts after and before the move.
    const after = this.selectionCost();
    this.swap(node, slot, other, from);
    const before = this.selectionCost();
    this.swap(node, from, other, slot);
    this.cost = add(this.cost, after, before);
    return 'kept';
  }

  /** Puts `node` (now in `from`) into `to`, and `other` (now in `to`, or -1) into `from`. */
  private swap(node: number, from: number, other: number, to: number): void {
    this.locate(node, to);
    this.nodeAt[to] = node;
    if (other >= 0) {
      this.locate(other, from);
      this.nodeAt[from] = other;
    } else {
      this.nodeAt[from] = -1;
    }
  }

  /** Selects `node` and `other` (-1: none) and their edges. */
  private select(node: number, other: number): void {
    this.movedCount = 0;
    this.edgeCount = 0;
    this.selectNode(node);
    if (other >= 0) this.selectNode(other);
  }

  /** Selects every node, for the whole cost. */
  private selectAll(): void {
    this.movedCount = 0;
    this.edgeCount = 0;
    for (let node = 0; node < this.n; node++) this.selectNode(node);
  }

  /** Adds `node` and those of its edges not selected yet. */
  private selectNode(node: number): void {
    this.moved[this.movedCount++] = node;
    for (const e of this.incident[node] as number[]) {
      if (this.mark[e]) continue;
      this.mark[e] = 1;
      this.edges[this.edgeCount++] = e;
    }
  }

  /** Clears the selection and its marks. */
  private unselect(): void {
    for (let i = 0; i < this.edgeCount; i++) this.mark[this.edges[i] as number] = 0;
    this.edgeCount = 0;
    this.movedCount = 0;
  }

  /**
   * The part of the cost that moving the selection can change: crossings of
   * its edges with any edge, hits of its edges on any box and of any edge on
   * its boxes, and its edges' length. Edges with an end not placed yet do
   * not count.
   */
  private selectionCost(): PlacementCost {
    return {
      crossings: this.selectionCrossings(Number.POSITIVE_INFINITY),
      hits: this.selectionHits(Number.POSITIVE_INFINITY),
      length: this.selectionLength(),
    };
  }

  /**
   * Hits of the selection's edges on any box and of any other edge on its
   * boxes; stops once past `limit`. Most edges are nowhere near most boxes:
   * the bounding boxes are compared here, and only where they overlap is
   * the edge clipped to the box (a call per pair costs more than the test).
   */
  private selectionHits(limit: number): number {
    const { edges, moved, mark, slotOf, ea, eb, x, y, left, right, top, bottom } = this;
    let hits = 0;
    for (let i = 0; i < this.edgeCount; i++) {
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
      for (let w = 0; w < this.n; w++) {
        if (w === a || w === b || (slotOf[w] as number) < 0) continue;
        if (maxX < (left[w] as number) || minX > (right[w] as number)) continue;
        if (maxY < (top[w] as number) || minY > (bottom[w] as number)) continue;
        if (this.clips(ax, ay, bx, by, w) && ++hits > limit) return hits;
      }
    }
    for (let e = 0; e < this.m; e++) {
      if (mark[e]) continue;
      const a = ea[e] as number;
      const b = eb[e] as number;
      if ((slotOf[a] as number) < 0 || (slotOf[b] as number) < 0) continue;
      const ax = x[a] as number;
      const ay = y[a] as number;
      const bx = x[b] as number;
      const by = y[b] as number;
      for (let k = 0; k < this.movedCount; k++) {
        const w = moved[k] as number;
        if (w === a || w === b || (slotOf[w] as number) < 0) continue;
        if (Math.max(ax, bx) < (left[w] as number) || Math.min(ax, bx) > (right[w] as number)) continue;
        if (Math.max(ay, by) < (top[w] as number) || Math.min(ay, by) > (bottom[w] as number)) continue;
        if (this.clips(ax, ay, bx, by, w) && ++hits > limit) return hits;
      }
    }
    return hits;
  }

  /** Crossings of the selection's edges with any edge (each pair once); stops once past `limit`. */
  private selectionCrossings(limit: number): number {
    const { edges, mark, slotOf, ea, eb, x, y } = this;
    let crossings = 0;
    for (let i = 0; i < this.edgeCount; i++) {
      const e = edges[i] as number;
      const a = ea[e] as number;
      const b = eb[e] as number;
      if ((slotOf[a] as number) < 0 || (slotOf[b] as number) < 0) continue;
      for (let f = 0; f < this.m; f++) {
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
  private selectionLength(): number {
    const { edges, slotOf, ea, eb } = this;
    let length = 0;
    for (let i = 0; i < this.edgeCount; i++) {
      const e = edges[i] as number;
      if ((slotOf[ea[e] as number] as number) >= 0 && (slotOf[eb[e] as number] as number) >= 0)
        length += this.length(e);
    }
    return length;
  }

  /**
   * Whether the segment from (ax, ay) to (bx, by), whose bounding box
   * overlaps the box of node w grown by the margin, passes through it.
   */
  private clips(ax: number, ay: number, bx: number, by: number, w: number): boolean {
    const left = this.left[w] as number;
    const right = this.right[w] as number;
    const top = this.top[w] as number;
    const bottom = this.bottom[w] as number;
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
  private length(e: number): number {
    const a = this.ea[e] as number;
    const b = this.eb[e] as number;
    const dx = (this.x[b] as number) - (this.x[a] as number);
    const dy = (this.y[b] as number) - (this.y[a] as number);
    const d = Math.sqrt(dx * dx + dy * dy);
    if (d === 0) return 0;
    const ux = Math.abs(dx) / d;
    const uy = Math.abs(dy) / d;
    return Math.max(0, d - this.border(a, ux, uy) - this.border(b, ux, uy));
  }

  /** How far from the centre of node's box its border is, in direction (ux, uy). */
  private border(node: number, ux: number, uy: number): number {
    return Math.min(
      ux > 0 ? (this.halfW[node] as number) / ux : Number.POSITIVE_INFINITY,
      uy > 0 ? (this.halfH[node] as number) / uy : Number.POSITIVE_INFINITY,
    );
  }
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

/** `base` plus `plus` minus `minus`. */
function add(base: PlacementCost, plus: PlacementCost, minus?: PlacementCost): PlacementCost {
  return {
    crossings: base.crossings + plus.crossings - (minus?.crossings ?? 0),
    hits: base.hits + plus.hits - (minus?.hits ?? 0),
    length: base.length + plus.length - (minus?.length ?? 0),
  };
}
