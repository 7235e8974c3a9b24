/**
 * Places the nodes of a small graph on grid slots so its straight edges
 * pass through as few other boxes as possible, cross as little as possible
 * and are short. A local search: from a greedy start, it moves one node to
 * another slot or swaps two while that lowers the cost, and it runs from a
 * few starts and keeps the best. Deterministic: no randomness, and ties go
 * to the first found. Costs are updated for the moved nodes' edges only:
 * a dozen actors with twenty relations take about 20 ms, most maps far less.
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
  return a.length < b.length - 1e-6;
}

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
  for (const [n, first] of search.middleSlots().entries()) {
    // A few starts, or as many as it takes to run no edge through a box.
    if (best && n >= STARTS && best.cost.hits === 0) break;
    search.greedy(first);
    search.improve();
    if (!best || cheaper(search.cost, best.cost)) best = { slotOf: search.slots(), cost: search.cost };
  }
  return best as { slotOf: number[]; cost: PlacementCost };
}

class Search {
  private readonly n: number;
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
  private readonly slotOf: Int32Array;
  private readonly nodeAt: Int32Array;
  private readonly mark: Uint8Array;
  cost: PlacementCost = { crossings: 0, hits: 0, length: 0 };

  constructor(problem: PlacementProblem) {
    const { slots, sizes, pairs, margin } = problem;
    this.n = sizes.length;
    this.sx = Float64Array.from(slots, (p) => p.x);
    this.sy = Float64Array.from(slots, (p) => p.y);
    this.halfW = Float64Array.from(sizes, (s) => s.w / 2);
    this.halfH = Float64Array.from(sizes, (s) => s.h / 2);
    this.hitW = Float64Array.from(sizes, (s) => s.w / 2 + margin);
    this.hitH = Float64Array.from(sizes, (s) => s.h / 2 + margin);
    this.ea = Int32Array.from(pairs, (p) => p[0]);
    this.eb = Int32Array.from(pairs, (p) => p[1]);
    this.incident = Array.from({ length: this.n }, () => [] as number[]);
    pairs.forEach(([a, b], e) => {
      this.incident[a]?.push(e);
      this.incident[b]?.push(e);
    });
    this.slotOf = new Int32Array(this.n).fill(-1);
    this.nodeAt = new Int32Array(slots.length).fill(-1);
    this.mark = new Uint8Array(pairs.length);
  }

  slots(): number[] {
    return [...this.slotOf];
  }

  /** Slots by distance from the middle of the grid (first in order on a tie). */
  middleSlots(): number[] {
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
    this.cost = this.total();
  }

  private put(node: number, slot: number): void {
    this.slotOf[node] = slot;
    if (slot >= 0) this.nodeAt[slot] = node;
  }

  /**
   * The greedy start: the most connected node in slot `first`, then, one by
   * one, the node with most links to those placed (more links in all, then
   * the lower index, on a tie) in the free slot that costs least (nearest
   * the middle on a tie).
   */
  greedy(first: number): void {
    this.slotOf.fill(-1);
    this.nodeAt.fill(-1);
    this.cost = { crossings: 0, hits: 0, length: 0 };
    const degree = this.incident.map((edges) => edges.length);
    const order = this.middleSlots();
    for (let step = 0; step < this.n; step++) {
      let next = -1;
      let links = -1;
      for (let node = 0; node < this.n; node++) {
        if ((this.slotOf[node] as number) >= 0) continue;
        const placed = (this.incident[node] as number[]).filter((e) => {
          const other = this.ea[e] === node ? (this.eb[e] as number) : (this.ea[e] as number);
          return (this.slotOf[other] as number) >= 0;
        }).length;
        if (placed > links || (placed === links && (degree[node] as number) > (degree[next] as number))) {
          next = node;
          links = placed;
        }
      }
      const candidates = step === 0 ? [first] : order.filter((slot) => this.nodeAt[slot] === -1);
      let bestSlot = -1;
      let bestCost: PlacementCost | undefined;
      for (const slot of candidates) {
        this.put(next, slot);
        const cost = add(this.cost, this.partial([next]));
        this.slotOf[next] = -1;
        this.nodeAt[slot] = -1;
        if (!bestCost || cheaper(cost, bestCost)) {
          bestSlot = slot;
          bestCost = cost;
        }
      }
      this.put(next, bestSlot);
      this.cost = bestCost as PlacementCost;
    }
  }

  /** Moves one node to another slot, or swaps two, while that lowers the cost. */
  improve(): void {
    for (let pass = 0; pass < MAX_PASSES; pass++) {
      let improved = false;
      for (let node = 0; node < this.n; node++) {
        for (let slot = 0; slot < this.sx.length; slot++) {
          const from = this.slotOf[node] as number;
          if (slot === from) continue;
          const other = this.nodeAt[slot] as number;
          const moved = other >= 0 ? [node, other] : [node];
          const before = this.partial(moved);
          this.swap(node, from, other, slot);
          const cost = add(this.cost, this.partial(moved), before);
          if (cheaper(cost, this.cost)) {
            this.cost = cost;
            improved = true;
          } else {
            this.swap(node, slot, other, from);
          }
        }
      }
      if (!improved) break;
    }
  }

  /** Puts `node` (now in `from`) into `to`, and `other` (now in `to`, or -1) into `from`. */
  private swap(node: number, from: number, other: number, to: number): void {
    this.slotOf[node] = to;
    this.nodeAt[to] = node;
    if (other >= 0) {
      this.slotOf[other] = from;
      this.nodeAt[from] = other;
    } else {
      this.nodeAt[from] = -1;
    }
  }

  /** The whole cost. */
  private total(): PlacementCost {
    return this.partial([...Array(this.n).keys()]);
  }

  /**
   * The part of the cost that moving `moved` can change: crossings of their
   * edges with any edge, hits of their edges on any box and of any edge on
   * their boxes, and their edges' length. Edges with an end not placed yet
   * do not count.
   */
  private partial(moved: readonly number[]): PlacementCost {
    const E = this.ea.length;
    const edges: number[] = [];
    for (const node of moved) {
      for (const e of this.incident[node] as number[]) {
        if (this.mark[e] || !this.placed(e)) continue;
        this.mark[e] = 1;
        edges.push(e);
      }
    }
    let crossings = 0;
    let hits = 0;
    let length = 0;
    for (const e of edges) {
      for (let f = 0; f < E; f++) {
        if (f === e || (this.mark[f] && f < e) || !this.placed(f)) continue;
        if (this.cross(e, f)) crossings++;
      }
      for (let w = 0; w < this.n; w++) if (this.hits(e, w)) hits++;
      length += this.length(e);
    }
    for (let e = 0; e < E; e++) {
      if (this.mark[e] || !this.placed(e)) continue;
      for (const w of moved) if (this.hits(e, w)) hits++;
    }
    for (const e of edges) this.mark[e] = 0;
    return { crossings, hits, length };
  }

  private placed(e: number): boolean {
    return (
      (this.slotOf[this.ea[e] as number] as number) >= 0 && (this.slotOf[this.eb[e] as number] as number) >= 0
    );
  }

  private x(node: number): number {
    return this.sx[this.slotOf[node] as number] as number;
  }

  private y(node: number): number {
    return this.sy[this.slotOf[node] as number] as number;
  }

  /** Whether edges e and f cross at a point inside both (not at a shared end, not along one line). */
  private cross(e: number, f: number): boolean {
    const a = this.ea[e] as number;
    const b = this.eb[e] as number;
    const c = this.ea[f] as number;
    const d = this.eb[f] as number;
    if (a === c || a === d || b === c || b === d) return false;
    const ax = this.x(a);
    const ay = this.y(a);
    const bx = this.x(b);
    const by = this.y(b);
    const cx = this.x(c);
    const cy = this.y(c);
    const dx = this.x(d);
    const dy = this.y(d);
    const d1 = (dx - cx) * (ay - cy) - (dy - cy) * (ax - cx);
    const d2 = (dx - cx) * (by - cy) - (dy - cy) * (bx - cx);
    const d3 = (bx - ax) * (cy - ay) - (by - ay) * (cx - ax);
    const d4 = (bx - ax) * (dy - ay) - (by - ay) * (dx - ax);
    return ((d1 > 0 && d2 < 0) || (d1 < 0 && d2 > 0)) && ((d3 > 0 && d4 < 0) || (d3 < 0 && d4 > 0));
  }

  /** Whether edge e passes through the box of node w (grown by the margin); never for its own ends or a node not placed. */
  private hits(e: number, w: number): boolean {
    const a = this.ea[e] as number;
    const b = this.eb[e] as number;
    if (w === a || w === b || (this.slotOf[w] as number) < 0) return false;
    const ax = this.x(a);
    const ay = this.y(a);
    const bx = this.x(b);
    const by = this.y(b);
    const left = this.x(w) - (this.hitW[w] as number);
    const right = this.x(w) + (this.hitW[w] as number);
    const top = this.y(w) - (this.hitH[w] as number);
    const bottom = this.y(w) + (this.hitH[w] as number);
    if (
      Math.max(ax, bx) < left ||
      Math.min(ax, bx) > right ||
      Math.max(ay, by) < top ||
      Math.min(ay, by) > bottom
    )
      return false;
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
    const dx = this.x(b) - this.x(a);
    const dy = this.y(b) - this.y(a);
    const d = Math.sqrt(dx * dx + dy * dy);
    if (d === 0) return 0;
    const ux = Math.abs(dx) / d;
    const uy = Math.abs(dy) / d;
    const border = (node: number) =>
      Math.min(
        ux > 0 ? (this.halfW[node] as number) / ux : Number.POSITIVE_INFINITY,
        uy > 0 ? (this.halfH[node] as number) / uy : Number.POSITIVE_INFINITY,
      );
    return Math.max(0, d - border(a) - border(b));
  }
}

/** `base` plus `plus` minus `minus`. */
function add(base: PlacementCost, plus: PlacementCost, minus?: PlacementCost): PlacementCost {
  return {
    crossings: base.crossings + plus.crossings - (minus?.crossings ?? 0),
    hits: base.hits + plus.hits - (minus?.hits ?? 0),
    length: base.length + plus.length - (minus?.length ?? 0),
  };
}
