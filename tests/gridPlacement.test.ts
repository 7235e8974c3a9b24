/**
 * placeNodes judges a move part by part and skips tries whose outcome it
 * already knows, to be cheap in a cold process. None of that may change a
 * result: it must give exactly what the plain search gives, which works out
 * the whole cost of every try. That plain search is written out here, as
 * the reference.
 */
import { describe, expect, it } from 'vitest';
import {
  cheaper,
  type PlacementCost,
  type PlacementProblem,
  placeNodes,
} from '../src/slides/visuals/gridPlacement.js';

/** The plain search: every try costs its moved nodes' part in full, before and after. */
function plainPlaceNodes(
  problem: PlacementProblem,
  start?: readonly number[],
): { slotOf: number[]; cost: PlacementCost } {
  const { slots, sizes, pairs, margin } = problem;
  const n = sizes.length;
  const incident = sizes.map((_, node) =>
    pairs.flatMap(([a, b], e) => (a === node || b === node ? [e] : [])),
  );
  const slotOf: number[] = new Array(n).fill(-1);
  const nodeAt: number[] = new Array(slots.length).fill(-1);
  let cost: PlacementCost = { crossings: 0, hits: 0, length: 0 };
  const at = (node: number) => slots[slotOf[node] as number] as { x: number; y: number };
  const placed = (e: number) => pairs[e]?.every((node) => (slotOf[node] as number) >= 0) ?? false;
  const add = (base: PlacementCost, plus: PlacementCost, minus?: PlacementCost): PlacementCost => ({
    crossings: base.crossings + plus.crossings - (minus?.crossings ?? 0),
    hits: base.hits + plus.hits - (minus?.hits ?? 0),
    length: base.length + plus.length - (minus?.length ?? 0),
  });

  const cross = (e: number, f: number): boolean => {
    const [a, b] = pairs[e] as [number, number];
    const [c, d] = pairs[f] as [number, number];
    if (a === c || a === d || b === c || b === d) return false;
    const [p, q, r, s] = [at(a), at(b), at(c), at(d)];
    const d1 = (s.x - r.x) * (p.y - r.y) - (s.y - r.y) * (p.x - r.x);
    const d2 = (s.x - r.x) * (q.y - r.y) - (s.y - r.y) * (q.x - r.x);
    const d3 = (q.x - p.x) * (r.y - p.y) - (q.y - p.y) * (r.x - p.x);
    const d4 = (q.x - p.x) * (s.y - p.y) - (q.y - p.y) * (s.x - p.x);
    return ((d1 > 0 && d2 < 0) || (d1 < 0 && d2 > 0)) && ((d3 > 0 && d4 < 0) || (d3 < 0 && d4 > 0));
  };
  const hits = (e: number, w: number): boolean => {
    const [a, b] = pairs[e] as [number, number];
    if (w === a || w === b || (slotOf[w] as number) < 0) return false;
    const [p, q, centre] = [at(a), at(b), at(w)];
    const size = sizes[w] as { w: number; h: number };
    const left = centre.x - (size.w / 2 + margin);
    const right = centre.x + (size.w / 2 + margin);
    const top = centre.y - (size.h / 2 + margin);
    const bottom = centre.y + (size.h / 2 + margin);
    if (Math.max(p.x, q.x) < left || Math.min(p.x, q.x) > right) return false;
    if (Math.max(p.y, q.y) < top || Math.min(p.y, q.y) > bottom) return false;
    let t0 = 0;
    let t1 = 1;
    const dx = q.x - p.x;
    const dy = q.y - p.y;
    if (dx !== 0) {
      t0 = Math.max(t0, Math.min((left - p.x) / dx, (right - p.x) / dx));
      t1 = Math.min(t1, Math.max((left - p.x) / dx, (right - p.x) / dx));
    }
    if (dy !== 0) {
      t0 = Math.max(t0, Math.min((top - p.y) / dy, (bottom - p.y) / dy));
      t1 = Math.min(t1, Math.max((top - p.y) / dy, (bottom - p.y) / dy));
    }
    return t0 <= t1;
  };
  const length = (e: number): number => {
    const [a, b] = pairs[e] as [number, number];
    const dx = at(b).x - at(a).x;
    const dy = at(b).y - at(a).y;
    const d = Math.sqrt(dx * dx + dy * dy);
    if (d === 0) return 0;
    const ux = Math.abs(dx) / d;
    const uy = Math.abs(dy) / d;
    const border = (node: number) =>
      Math.min(
        ux > 0 ? (sizes[node]?.w ?? 0) / 2 / ux : Number.POSITIVE_INFINITY,
        uy > 0 ? (sizes[node]?.h ?? 0) / 2 / uy : Number.POSITIVE_INFINITY,
      );
    return Math.max(0, d - border(a) - border(b));
  };
  const partial = (moved: number[]): PlacementCost => {
    const edges: number[] = [];
    for (const node of moved)
      for (const e of incident[node] ?? []) if (!edges.includes(e) && placed(e)) edges.push(e);
    let part: PlacementCost = { crossings: 0, hits: 0, length: 0 };
    for (const e of edges) {
      for (let f = 0; f < pairs.length; f++) {
        if (f !== e && !(edges.includes(f) && f < e) && placed(f) && cross(e, f)) part.crossings++;
      }
      for (let w = 0; w < n; w++) if (hits(e, w)) part.hits++;
      part = { ...part, length: part.length + length(e) };
    }
    for (let e = 0; e < pairs.length; e++) {
      if (edges.includes(e) || !placed(e)) continue;
      for (const w of moved) if (hits(e, w)) part.hits++;
    }
    return part;
  };
  const put = (node: number, slot: number) => {
    slotOf[node] = slot;
    if (slot >= 0) nodeAt[slot] = node;
  };
  const swap = (node: number, from: number, other: number, to: number) => {
    slotOf[node] = to;
    nodeAt[to] = node;
    if (other >= 0) {
      slotOf[other] = from;
      nodeAt[from] = other;
    } else nodeAt[from] = -1;
  };
  const mx = (Math.min(...slots.map((p) => p.x)) + Math.max(...slots.map((p) => p.x))) / 2;
  const my = (Math.min(...slots.map((p) => p.y)) + Math.max(...slots.map((p) => p.y))) / 2;
  const distance = (s: number) => Math.abs((slots[s]?.x ?? 0) - mx) + Math.abs((slots[s]?.y ?? 0) - my);
  const middle = slots.map((_, s) => s).sort((a, b) => distance(a) - distance(b) || a - b);

  const greedy = (first: number) => {
    slotOf.fill(-1);
    nodeAt.fill(-1);
    cost = { crossings: 0, hits: 0, length: 0 };
    for (let step = 0; step < n; step++) {
      let next = -1;
      let links = -1;
      for (let node = 0; node < n; node++) {
        if ((slotOf[node] as number) >= 0) continue;
        const linked = (incident[node] ?? []).filter((e) =>
          (pairs[e] ?? []).some((end) => end !== node && (slotOf[end] as number) >= 0),
        ).length;
        const degree = (node: number) => incident[node]?.length ?? -1;
        if (linked > links || (linked === links && degree(node) > degree(next))) {
          next = node;
          links = linked;
        }
      }
      let bestSlot = -1;
      let bestCost: PlacementCost | undefined;
      for (const slot of step === 0 ? [first] : middle.filter((s) => nodeAt[s] === -1)) {
        put(next, slot);
        const tried = add(cost, partial([next]));
        slotOf[next] = -1;
        nodeAt[slot] = -1;
        if (!bestCost || cheaper(tried, bestCost)) {
          bestSlot = slot;
          bestCost = tried;
        }
      }
      put(next, bestSlot);
      cost = bestCost as PlacementCost;
    }
  };
  const improve = () => {
    for (let pass = 0; pass < 50; pass++) {
      let improved = false;
      for (let node = 0; node < n; node++) {
        for (let slot = 0; slot < slots.length; slot++) {
          const from = slotOf[node] as number;
          if (slot === from) continue;
          const other = nodeAt[slot] as number;
          const moved = other >= 0 ? [node, other] : [node];
          const before = partial(moved);
          swap(node, from, other, slot);
          const tried = add(cost, partial(moved), before);
          if (cheaper(tried, cost)) {
            cost = tried;
            improved = true;
          } else swap(node, slot, other, from);
        }
      }
      if (!improved) break;
    }
  };

  if (start) {
    start.forEach((slot, node) => {
      put(node, slot);
    });
    cost = partial(sizes.map((_, node) => node));
    improve();
    return { slotOf: [...slotOf], cost };
  }
  let best: { slotOf: number[]; cost: PlacementCost } | undefined;
  for (const [k, first] of middle.entries()) {
    if (best && k >= 4 && best.cost.hits === 0) break;
    greedy(first);
    improve();
    if (!best || cheaper(cost, best.cost)) best = { slotOf: [...slotOf], cost };
  }
  return best as { slotOf: number[]; cost: PlacementCost };
}

/** A seeded generator (mulberry32), so the problems are the same on every run. */
function seeded(seed: number): (lo: number, hi: number) => number {
  let a = seed;
  return (lo, hi) => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return lo + Math.floor((((t ^ (t >>> 14)) >>> 0) / 4294967296) * (hi - lo + 1));
  };
}

/** Problems like the actor map's (a grid of whole-pixel slots with some to spare), and some odder ones. */
function problems(count: number, seed: number): { problem: PlacementProblem; start?: number[] }[] {
  const int = seeded(seed);
  return Array.from({ length: count }, (_, k) => {
    const n = int(1, 8);
    const slots: { x: number; y: number }[] = [];
    if (k % 4 === 3) {
      // Whole pixels anywhere, some slots on one spot or one line.
      for (let i = 0; i < n + int(0, 4); i++) slots.push({ x: int(0, 3) * 150, y: int(0, 2) * int(0, 200) });
    } else {
      const rows = int(1, 3);
      const columns = Math.ceil((n + int(0, Math.ceil(n / 2) + 1)) / rows);
      for (let r = 0; r < rows; r++)
        for (let c = 0; c < columns; c++)
          slots.push({
            x: Math.round((1100 / columns) * (c + 0.5)),
            y: Math.round((480 / rows) * (r + 0.5)),
          });
    }
    const sizes = Array.from({ length: n }, () => ({ w: int(60, 260), h: int(30, 110) }));
    const pairs: [number, number][] = [];
    for (let a = 0; a < n; a++) for (let b = a + 1; b < n; b++) if (int(0, 9) < 4) pairs.push([b, a]);
    const problem = { slots, sizes, pairs, margin: int(0, 12) };
    if (k % 3 !== 0) return { problem };
    // A start: the nodes in shuffled slots.
    const order = slots.map((_, s) => s);
    for (let i = order.length - 1; i > 0; i--) {
      const j = int(0, i);
      [order[i], order[j]] = [order[j] as number, order[i] as number];
    }
    return { problem, start: order.slice(0, n) };
  });
}

describe('placeNodes', () => {
  it('gives exactly what the plain search gives: the same slots and the same cost, to the last bit', () => {
    for (const { problem, start } of problems(120, 20240611)) {
      expect(placeNodes(problem, start)).toEqual(plainPlaceNodes(problem, start));
    }
  });
});
