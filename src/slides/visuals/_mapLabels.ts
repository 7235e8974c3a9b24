/**
 * Label placement for the locator map. Each label has candidate positions
 * in order of preference (the cartographer's: right of the marker, left,
 * the four diagonals, above, below; then the same directions further out,
 * with a leader line back to the marker). A depth-first search with a step
 * budget finds positions where no label overlaps another label, any marker,
 * a fixed obstacle (the inset) or another label's leader, and every label
 * stays inside the frame. The most constrained labels go first. If the
 * budget runs out, labels are placed greedily and the ones left over are
 * returned as unplaced: the caller shows those by a key instead. Fully
 * deterministic.
 */
import { distanceToSegment, type Point } from './_geometry.js';

export interface Rect {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

export interface Circle {
  x: number;
  y: number;
  r: number;
}

export interface LabelRequest {
  /** The marker's centre, or the middle of an area label. */
  anchor: Point;
  /** The marker's radius; 0 for an area label. */
  radius: number;
  width: number;
  height: number;
  /** An area label: centred on its anchor, moved a little if it must be, never with a leader. */
  area?: boolean;
}

export interface PlacedLabel {
  box: Rect;
  /** From the marker's edge to the label, when the label stands off. */
  leader?: { from: Point; to: Point };
}

/** Space between a label and anything else. */
const PAD = 2;
/** Between a marker's edge and a label beside it. */
const GAP = 3;
/** How far out the rings of candidates with a leader lie, beyond the marker's edge. */
const RINGS = [16, 30, 48, 70];
/** Compass directions of the first ring, in order of preference: E, W, NE, SE, NW, SW, N, S. */
const NEAR: readonly [number, number][] = [
  [1, 0],
  [-1, 0],
  [1, -1],
  [1, 1],
  [-1, -1],
  [-1, 1],
  [0, -1],
  [0, 1],
];

export function overlaps(a: Rect, b: Rect, pad = PAD): boolean {
  return a.x0 < b.x1 + pad && b.x0 < a.x1 + pad && a.y0 < b.y1 + pad && b.y0 < a.y1 + pad;
}

function hitsCircle(box: Rect, circle: Circle, pad = PAD): boolean {
  const dx = Math.max(box.x0 - circle.x, 0, circle.x - box.x1);
  const dy = Math.max(box.y0 - circle.y, 0, circle.y - box.y1);
  return Math.hypot(dx, dy) < circle.r + pad;
}

/** Whether segment ab passes through `box` (grown by `pad`): Liang–Barsky clipping. */
function segmentHitsBox(a: Point, b: Point, box: Rect, pad = PAD): boolean {
  let t0 = 0;
  let t1 = 1;
  const dx = b.x - a.x;
  const dy = b.y - a.y;
  const edges: [number, number][] = [
    [-dx, a.x - (box.x0 - pad)],
    [dx, box.x1 + pad - a.x],
    [-dy, a.y - (box.y0 - pad)],
    [dy, box.y1 + pad - a.y],
  ];
  for (const [p, q] of edges) {
    if (p === 0) {
      if (q < 0) return false;
    } else {
      const t = q / p;
      if (p < 0) t0 = Math.max(t0, t);
      else t1 = Math.min(t1, t);
      if (t0 > t1) return false;
    }
  }
  return true;
}

function segmentsCross(a: Point, b: Point, c: Point, d: Point): boolean {
  const side = (p: Point, q: Point, r: Point) =>
    Math.sign((q.x - p.x) * (r.y - p.y) - (q.y - p.y) * (r.x - p.x));
  return side(a, b, c) * side(a, b, d) < 0 && side(c, d, a) * side(c, d, b) < 0;
}

/** A box of `w` × `h` whose side or corner facing direction (dx, dy) lies at `at`. */
function boxToward(at: Point, dx: number, dy: number, w: number, h: number): Rect {
  const x0 = dx > 0.3 ? at.x : dx < -0.3 ? at.x - w : at.x - w / 2;
  const y0 = dy > 0.3 ? at.y : dy < -0.3 ? at.y - h : at.y - h / 2;
  return { x0, y0, x1: x0 + w, y1: y0 + h };
}

/** Candidate positions of a label, best first. */
export function candidates(request: LabelRequest): PlacedLabel[] {
  const { anchor, width: w, height: h } = request;
  if (request.area) {
    const shifts: [number, number][] = [
      [0, 0],
      [0, -0.8],
      [0, 0.8],
      [-0.25, 0],
      [0.25, 0],
      [0, -1.6],
      [0, 1.6],
      [-0.25, -0.8],
      [0.25, 0.8],
    ];
    return shifts.map(([sx, sy]) => {
      const x0 = anchor.x - w / 2 + sx * w;
      const y0 = anchor.y - h / 2 + sy * h;
      return { box: { x0, y0, x1: x0 + w, y1: y0 + h } };
    });
  }
  const out: PlacedLabel[] = [];
  const near = request.radius + GAP;
  for (const [dx, dy] of NEAR) {
    const k = dx !== 0 && dy !== 0 ? Math.SQRT1_2 : 1;
    out.push({ box: boxToward({ x: anchor.x + dx * near * k, y: anchor.y + dy * near * k }, dx, dy, w, h) });
  }
  for (const ring of RINGS) {
    for (let step = 0; step < 16; step++) {
      const angle = (step * Math.PI) / 8;
      const dx = Math.round(Math.cos(angle) * 1e6) / 1e6;
      const dy = -Math.round(Math.sin(angle) * 1e6) / 1e6;
      const reach = request.radius + ring;
      const to = { x: anchor.x + dx * reach, y: anchor.y + dy * reach };
      const from = { x: anchor.x + dx * request.radius, y: anchor.y + dy * request.radius };
      out.push({ box: boxToward(to, dx, dy, w, h), leader: { from, to } });
    }
  }
  return out;
}

interface Scene {
  frame: Rect;
  obstacles: readonly Rect[];
  markers: readonly Circle[];
}

/** How near a label's end another marker level with it may be before the label reads as that marker's. */
const BESIDE = 16;

/**
 * Whether another marker stands level with a label and just beyond one of its ends, where the label
 * reads as that marker's name (a label placed diagonally off its own marker, beside another's): a
 * trial's handout map named the wrong town so.
 */
function besideAnother(box: Rect, own: number, markers: readonly Circle[]): boolean {
  return markers.some(
    (marker, index) =>
      index !== own &&
      marker.y >= box.y0 &&
      marker.y <= box.y1 &&
      (Math.abs(marker.x - box.x0) < marker.r + BESIDE || Math.abs(marker.x - box.x1) < marker.r + BESIDE),
  );
}

/** Whether a candidate is clear of the frame's edge, the obstacles and every marker (its own leader aside). */
function clearOfScene(label: PlacedLabel, own: number, scene: Scene): boolean {
  const { box, leader } = label;
  const { frame } = scene;
  if (
    box.x0 < frame.x0 + PAD ||
    box.y0 < frame.y0 + PAD ||
    box.x1 > frame.x1 - PAD ||
    box.y1 > frame.y1 - PAD
  )
    return false;
  if (scene.obstacles.some((obstacle) => overlaps(box, obstacle))) return false;
  if (scene.markers.some((marker) => hitsCircle(box, marker))) return false;
  if (!leader) return !besideAnother(box, own, scene.markers);
  if (scene.obstacles.some((obstacle) => segmentHitsBox(leader.from, leader.to, obstacle, 0))) return false;
  return scene.markers.every(
    (marker, index) => index === own || distanceToSegment(marker, leader.from, leader.to) > marker.r + 1,
  );
}

/** Whether two placed labels can stand together. */
function compatible(a: PlacedLabel, b: PlacedLabel): boolean {
  if (overlaps(a.box, b.box)) return false;
  if (a.leader && segmentHitsBox(a.leader.from, a.leader.to, b.box, 1)) return false;
  if (b.leader && segmentHitsBox(b.leader.from, b.leader.to, a.box, 1)) return false;
  if (a.leader && b.leader) return !segmentsCross(a.leader.from, a.leader.to, b.leader.from, b.leader.to);
  return true;
}

export interface PlacementResult {
  /** By request; undefined where no position was found. */
  placed: (PlacedLabel | undefined)[];
  /** Whether the search ran to the end (false: the best found within the budget). */
  exact: boolean;
}

/** What leaving a label out costs: more than any position. */
const UNPLACED = 1000;

interface Option {
  /** Index in the list of every label's options. */
  id: number;
  owner: number;
  label: PlacedLabel;
  cost: number;
}

/** Where an option reaches: its box and its leader's. */
function reach({ box, leader }: PlacedLabel): Rect {
  if (!leader) return box;
  return {
    x0: Math.min(box.x0, leader.from.x, leader.to.x),
    y0: Math.min(box.y0, leader.from.y, leader.to.y),
    x1: Math.max(box.x1, leader.from.x, leader.to.x),
    y1: Math.max(box.y1, leader.from.y, leader.to.y),
  };
}

/** Which options of different labels cannot stand together, as a matrix by option id. */
function conflicts(options: readonly Option[]): Uint8Array {
  const n = options.length;
  const matrix = new Uint8Array(n * n);
  const reaches = options.map((option) => reach(option.label));
  for (let a = 0; a < n; a++)
    for (let b = a + 1; b < n; b++) {
      const oa = options[a] as Option;
      const ob = options[b] as Option;
      if (oa.owner === ob.owner || !overlaps(reaches[a] as Rect, reaches[b] as Rect)) continue;
      if (!compatible(oa.label, ob.label)) {
        matrix[a * n + b] = 1;
        matrix[b * n + a] = 1;
      }
    }
  return matrix;
}

/**
 * Places the labels: the positions of least total cost found within
 * `budget` steps (a label left out costs more than any position), by
 * branch and bound over the labels, the one with the fewest positions left
 * first, the positions of the others narrowed to those that can stand with
 * each choice. `ownMarker[i]` is the index in `scene.markers` of request
 * i's marker.
 */
export function placeLabels(
  requests: readonly LabelRequest[],
  scene: Scene,
  ownMarker: readonly (number | undefined)[],
  budget = 3000,
): PlacementResult {
  const all: Option[] = [];
  const domains: Option[][] = requests.map((request, owner) => {
    const clear = candidates(request).flatMap((label, rank) =>
      clearOfScene(label, ownMarker[owner] ?? -1, scene)
        ? [{ label, cost: rankCost(rank, request.area) }]
        : [],
    );
    clear.sort((a, b) => a.cost - b.cost);
    return clear.map(({ label, cost }) => {
      const option = { id: all.length, owner, label, cost };
      all.push(option);
      return option;
    });
  });
  const clash = conflicts(all);
  const n = all.length;
  let best: { cost: number; chosen: (Option | undefined)[] } | undefined;
  let steps = 0;
  const chosen: (Option | undefined)[] = requests.map(() => undefined);
  const search = (open: number[], left: Option[][], cost: number): void => {
    if (open.length === 0) {
      if (!best || cost < best.cost) best = { cost, chosen: [...chosen] };
      return;
    }
    const bound = open.reduce((sum, i) => sum + ((left[i] as Option[])[0]?.cost ?? UNPLACED), cost);
    if (best && bound >= best.cost) return;
    // The label with the fewest positions left; the first in the data on a tie.
    const next = open.reduce((a, b) => ((left[b] as Option[]).length < (left[a] as Option[]).length ? b : a));
    const rest = open.filter((i) => i !== next);
    for (const option of [...(left[next] as Option[]), undefined]) {
      if (++steps > budget) return;
      chosen[next] = option;
      const row = option ? option.id * n : -1;
      const narrowed = option
        ? left.map((domain, i) => (i === next ? domain : domain.filter((o) => clash[row + o.id] === 0)))
        : left;
      search(rest, narrowed, cost + (option?.cost ?? UNPLACED));
      chosen[next] = undefined;
      if (best && best.cost <= bound) return;
    }
  };
  search(
    requests.map((_, i) => i),
    domains,
    0,
  );
  return { placed: (best?.chosen ?? []).map((option) => option?.label), exact: steps <= budget };
}

/** The cost of a label's rank-th candidate: beside the marker is cheapest, then further out, a leader costing more the longer it is. */
function rankCost(rank: number, area: boolean | undefined): number {
  if (area) return rank * 3;
  if (rank < NEAR.length) return [0, 1, 2, 2.5, 3, 3.5, 4, 4.5][rank] as number;
  const ring = Math.floor((rank - NEAR.length) / 16);
  const direction = (rank - NEAR.length) % 16;
  // 0 = east; prefer east and west, then the diagonals, then north and south.
  const off = Math.min(direction % 8, 8 - (direction % 8));
  return 8 + ring * 6 + off * 0.5;
}
