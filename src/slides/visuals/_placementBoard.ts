/**
 * The board of the grid placement (gridPlacement.ts): the problem in typed
 * arrays, where each node is, and the selection, the one or two nodes a
 * move changes and their edges, whose part of the cost _placementCost.ts
 * counts.
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
 * The nodes, slots and edges as typed arrays, and the placement: the arrays
 * are read directly by the search and the cost, which run once per build in
 * a fresh process, mostly in V8's interpreter.
 */
export class PlacementBoard {
  /** The number of nodes. */
  readonly n: number;
  /** The number of edges. */
  readonly m: number;
  /** Slot centres. */
  readonly sx: Float64Array;
  readonly sy: Float64Array;
  /** Half sizes of each node's box, and grown by the margin (for hits). */
  readonly halfW: Float64Array;
  readonly halfH: Float64Array;
  private readonly hitW: Float64Array;
  private readonly hitH: Float64Array;
  /** The ends of each edge. */
  readonly ea: Int32Array;
  readonly eb: Int32Array;
  /** The edges of each node, and how many. */
  readonly incident: number[][];
  readonly degree: Int32Array;
  /** Slots by distance from the middle of the grid: the greedy starts' first slots, and its order. */
  readonly middle: number[];
  /** The slot of each node and the node in each slot (-1: none). */
  readonly slotOf: Int32Array;
  readonly nodeAt: Int32Array;
  /**
   * Where each node is: its centre, and its box grown by the margin. Kept
   * with `slotOf` (meaningless while a node is not placed), so the tests
   * read them instead of working them out for every pair.
   */
  readonly x: Float64Array;
  readonly y: Float64Array;
  readonly left: Float64Array;
  readonly right: Float64Array;
  readonly top: Float64Array;
  readonly bottom: Float64Array;
  /**
   * The selection, the nodes a move changes (one or two) and their edges,
   * each once, in the order of the nodes' incident lists, marked in `mark`.
   * Whether an edge is placed is checked where it is used, so the selection
   * holds before and after the move.
   */
  readonly moved: Int32Array;
  movedCount = 0;
  readonly edges: Int32Array;
  edgeCount = 0;
  readonly mark: Uint8Array;

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

  /** Slots by distance from the middle of the grid (first in order on a tie). */
  private middleSlots(): number[] {
    const mx = (Math.min(...this.sx) + Math.max(...this.sx)) / 2;
    const my = (Math.min(...this.sy) + Math.max(...this.sy)) / 2;
    const distance = (s: number) =>
      Math.abs((this.sx[s] as number) - mx) + Math.abs((this.sy[s] as number) - my);
    return [...this.sx.keys()].sort((a, b) => distance(a) - distance(b) || a - b);
  }

  slots(): number[] {
    return Array.from(this.slotOf);
  }

  /** Takes every node out of its slot. */
  clear(): void {
    this.slotOf.fill(-1);
    this.nodeAt.fill(-1);
  }

  /** Puts `node` in `slot` (-1: none). */
  put(node: number, slot: number): void {
    this.locate(node, slot);
    if (slot >= 0) this.nodeAt[slot] = node;
  }

  /** Sets the slot of `node` and where that puts its box (not `nodeAt`). */
  locate(node: number, slot: number): void {
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

  /** Puts `node` (now in `from`) into `to`, and `other` (now in `to`, or -1) into `from`. */
  swap(node: number, from: number, other: number, to: number): void {
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
  select(node: number, other: number): void {
    this.movedCount = 0;
    this.edgeCount = 0;
    this.selectNode(node);
    if (other >= 0) this.selectNode(other);
  }

  /** Selects every node, for the whole cost. */
  selectAll(): void {
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
  unselect(): void {
    for (let i = 0; i < this.edgeCount; i++) this.mark[this.edges[i] as number] = 0;
    this.edgeCount = 0;
    this.movedCount = 0;
  }
}
