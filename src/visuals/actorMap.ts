/**
 * The actor map: actors as labelled boxes on a ring, their relations as
 * edges, drawn as a self-contained SVG at build time. The layout is fully
 * deterministic (no randomness, no clock): the same actors give the same
 * bytes. Colours come from themes/visuals.css through classes; stance and
 * relation type are also told apart without colour (glyph shapes, line
 * patterns, arrowheads, a ✕ on conflicts).
 *
 * Layout, in short: at most MAX_MAP_ACTORS actors (the most connected);
 * a hub linked to most others goes in the middle; the rest sit on a
 * superellipse filling the 16:9 area, in an order that reduces crossings;
 * labels wrap to three lines and shrink until no two boxes come close;
 * edges are cut at the box borders and bend around boxes in their way.
 */
import type { RelationType, Stance } from '../briefing.js';
import { textWidth } from '../textMetrics.js';
import { capitalize, escapeXml, idPrefix, type Measure, num, svgOpen, wrapText } from './_svg.js';

export interface MapActor {
  name: string;
  stance: Stance;
  relations: { with: string; type: RelationType }[];
}

export interface ActorMapOptions {
  /** Prefix of the ids inside the SVG; give each map on a page its own. Default `bd-am-`. */
  idPrefix?: string;
  /** The SVG's `<title>`. */
  title?: string;
  /** Draw the legend along the bottom of the SVG. Default true. */
  legend?: boolean;
}

export interface ActorMap {
  svg: string;
  /** Names of the actors drawn, in file order. */
  shown: string[];
  /** Names of the actors left out for space, in file order (the slide says so in words). */
  omitted: string[];
}

/** At most this many actors are drawn; beyond it the most connected are kept. */
export const MAX_MAP_ACTORS = 12;

/** The viewBox size of every actor map (a 16:9 slide region). */
export const ACTOR_MAP_SIZE = { width: 1100, height: 560 } as const;

const SYMMETRIC: ReadonlySet<RelationType> = new Set(['conflict', 'alliance', 'rivalry']);

/* ── the graph ──────────────────────────────────────────────────────────── */

interface Edge {
  type: RelationType;
  /** Actor indices. For support: `from` supports `to`. */
  from: number;
  to: number;
  /** Support in both directions, drawn as one edge with two arrowheads. */
  mutual: boolean;
}

interface Graph {
  names: string[];
  stances: Stance[];
  edges: Edge[];
  /** Indices of the actors drawn, in file order. */
  shown: number[];
  omitted: number[];
}

/**
 * Relations become edges, in file order. Symmetric types (conflict,
 * alliance, rivalry) given from both sides are one edge; support is
 * directed, and support both ways is one edge marked mutual. Relations to
 * unknown names or to oneself, and repeats, are dropped. With more than
 * MAX_MAP_ACTORS actors, the most connected (distinct neighbours; ties by
 * file order) are shown, so actors without relations are the first left out.
 */
function buildGraph(actors: readonly MapActor[]): Graph {
  const index = new Map<string, number>();
  actors.forEach((actor, i) => {
    if (!index.has(actor.name)) index.set(actor.name, i);
  });
  const edges: Edge[] = [];
  const byKey = new Map<string, Edge>();
  actors.forEach((actor, from) => {
    if (index.get(actor.name) !== from) return;
    for (const relation of actor.relations) {
      const to = index.get(relation.with);
      if (to === undefined || to === from) continue;
      if (SYMMETRIC.has(relation.type)) {
        const key = `${relation.type}|${Math.min(from, to)}|${Math.max(from, to)}`;
        if (byKey.has(key)) continue;
        const edge: Edge = { type: relation.type, from, to, mutual: false };
        byKey.set(key, edge);
        edges.push(edge);
      } else {
        if (byKey.has(`${relation.type}|${from}|${to}`)) continue;
        const reverse = byKey.get(`${relation.type}|${to}|${from}`);
        if (reverse) {
          reverse.mutual = true;
          byKey.set(`${relation.type}|${from}|${to}`, reverse);
          continue;
        }
        const edge: Edge = { type: relation.type, from, to, mutual: false };
        byKey.set(`${relation.type}|${from}|${to}`, edge);
        edges.push(edge);
      }
    }
  });

  const neighbours = actors.map(() => new Set<number>());
  for (const edge of edges) {
    neighbours[edge.from]?.add(edge.to);
    neighbours[edge.to]?.add(edge.from);
  }
  const all = actors.map((_, i) => i).filter((i) => index.get(actors[i]?.name ?? '') === i);
  const kept = new Set(
    [...all]
      .sort((a, b) => (neighbours[b]?.size ?? 0) - (neighbours[a]?.size ?? 0) || a - b)
      .slice(0, MAX_MAP_ACTORS),
  );
  return {
    names: actors.map((actor) => actor.name),
    stances: actors.map((actor) => actor.stance),
    edges: edges.filter((edge) => kept.has(edge.from) && kept.has(edge.to)),
    shown: all.filter((i) => kept.has(i)),
    omitted: all.filter((i) => !kept.has(i)),
  };
}

function describeEdge(graph: Graph, edge: Edge): string {
  const from = graph.names[edge.from] ?? '';
  const to = graph.names[edge.to] ?? '';
  if (edge.type === 'support')
    return edge.mutual ? `${from} — mutual support — ${to}` : `${from} — support → ${to}`;
  return `${from} — ${edge.type} — ${to}`;
}

function describeGraph(graph: Graph): string {
  const parts: string[] = [];
  parts.push(
    graph.edges.length > 0
      ? `Relations: ${graph.edges.map((edge) => describeEdge(graph, edge)).join('; ')}.`
      : 'No relations between the actors shown.',
  );
  for (const stance of ['hostile', 'mixed', 'neutral', 'friendly'] as const) {
    const names = graph.shown.filter((i) => graph.stances[i] === stance).map((i) => graph.names[i]);
    if (names.length > 0) parts.push(`${capitalize(stance)}: ${names.join('; ')}.`);
  }
  if (graph.omitted.length > 0)
    parts.push(`Not shown: ${graph.omitted.map((i) => graph.names[i]).join('; ')}.`);
  return parts.join(' ');
}

/**
 * The map as text (the SVG's `<desc>` and the slide's alt text): the
 * relations drawn (`Islamic State (IS) — conflict — Derna Mujahideen Shura
 * Council (DMSC); A — support → B`), the actors shown by stance, and the
 * actors not shown.
 */
export function describeActorMap(actors: readonly MapActor[]): string {
  return describeGraph(buildGraph(actors));
}

/* ── geometry ───────────────────────────────────────────────────────────── */

interface Point {
  x: number;
  y: number;
}

interface Box {
  /** Centre. */
  x: number;
  y: number;
  w: number;
  h: number;
}

const W = ACTOR_MAP_SIZE.width;
const H = ACTOR_MAP_SIZE.height;
const LEGEND_H = 40;
const EDGE_MARGIN = 8;
const NODE_GAP = 30;
const PAD_X = 11;
const PAD_Y = 8;
const GLYPH_SPACE = 19;
const LINE_H = 1.2;
const MAX_LINES = 3;
const MIN_NODE_W = 96;
/**
 * Labels are measured with Source Sans 3's own advance widths (semibold,
 * from textMetrics.ts), widened by this factor so that a fallback font up
 * to that much wider still fits its box.
 */
const SAFETY = 1.06;
const labelMeasure =
  (font: number): Measure =>
  (text) =>
    textWidth(text, font, 600) * SAFETY;
/** Text width and font size to try, most generous first, until no two boxes come closer than NODE_GAP. */
const FITS = [
  { text: 210, font: 16 },
  { text: 186, font: 16 },
  { text: 168, font: 16 },
  { text: 150, font: 16 },
  { text: 150, font: 15 },
  { text: 132, font: 15 },
  { text: 118, font: 14 },
  { text: 104, font: 13 },
  { text: 92, font: 12 },
] as const;
/** Exponents of the superellipse the boxes sit on, tried in turn: 2 is an ellipse; larger is squarer, with more room along the top and bottom. */
const RING_POWERS = [3, 4.5] as const;
const ARROW_LEN = 12;
const EDGE_CLEARANCE = 4;

interface Label {
  lines: string[];
  font: number;
  w: number;
  h: number;
}

function labelOf(name: string, fit: (typeof FITS)[number]): Label {
  const measure = labelMeasure(fit.font);
  const lines = wrapText(name, fit.text, measure, MAX_LINES);
  const text = Math.max(...lines.map(measure), 0);
  return {
    lines,
    font: fit.font,
    w: Math.max(MIN_NODE_W, Math.ceil(text + 2 * PAD_X + GLYPH_SPACE)),
    h: Math.ceil(lines.length * fit.font * LINE_H + 2 * PAD_Y),
  };
}

/** Points along the ring, evenly spaced by arc length, the first at the top (or half a step past it for an even count). */
function ringSlots(count: number, a: number, b: number, centre: Point, power: number): Point[] {
  const samples = 1440;
  const points: Point[] = [];
  for (let k = 0; k <= samples; k++) {
    const phi = -Math.PI / 2 + (2 * Math.PI * k) / samples;
    const c = Math.cos(phi);
    const s = Math.sin(phi);
    points.push({
      x: centre.x + a * Math.sign(c) * Math.abs(c) ** (2 / power),
      y: centre.y + b * Math.sign(s) * Math.abs(s) ** (2 / power),
    });
  }
  const lengths = [0];
  for (let k = 1; k < points.length; k++) {
    const p = points[k] as Point;
    const q = points[k - 1] as Point;
    lengths.push((lengths[k - 1] as number) + Math.hypot(p.x - q.x, p.y - q.y));
  }
  const total = lengths[lengths.length - 1] as number;
  const offset = count % 2 === 0 ? total / (2 * count) : 0;
  const slots: Point[] = [];
  let k = 0;
  for (let slot = 0; slot < count; slot++) {
    const target = offset + (slot * total) / count;
    while (k < samples && (lengths[k + 1] as number) < target) k++;
    const p = points[k] as Point;
    const q = points[k + 1] ?? p;
    const span = (lengths[k + 1] ?? 0) - (lengths[k] as number);
    const t = span > 0 ? (target - (lengths[k] as number)) / span : 0;
    slots.push({ x: p.x + (q.x - p.x) * t, y: p.y + (q.y - p.y) * t });
  }
  return slots;
}

function boxesOverlap(p: Box, q: Box, gap: number): boolean {
  return Math.abs(p.x - q.x) < (p.w + q.w) / 2 + gap && Math.abs(p.y - q.y) < (p.h + q.h) / 2 + gap;
}

/**
 * Order of the actors around the ring, chosen to reduce edge crossings and
 * then total edge span: a greedy start (most connected first, then whoever
 * has most links to those placed), improved by pairwise swaps until no swap
 * helps (at most 40 passes). Pure integer arithmetic, so deterministic.
 */
function ringOrder(count: number, pairs: [number, number][], degree: number[]): number[] {
  const linked = (u: number, v: number) =>
    pairs.some(([a, b]) => (a === u && b === v) || (a === v && b === u));
  const order: number[] = [];
  const left = new Set(Array.from({ length: count }, (_, i) => i));
  while (left.size > 0) {
    let best = -1;
    let bestScore = [-1, -1];
    for (const node of left) {
      const links = order.filter((placed) => linked(placed, node)).length;
      const score = [links, degree[node] ?? 0];
      if (
        best < 0 ||
        (score[0] as number) > (bestScore[0] as number) ||
        (score[0] === bestScore[0] && (score[1] as number) > (bestScore[1] as number))
      ) {
        best = node;
        bestScore = score;
      }
    }
    order.push(best);
    left.delete(best);
  }

  const cost = (slotOf: number[]) => {
    let crossings = 0;
    let span = 0;
    for (let e = 0; e < pairs.length; e++) {
      const [a, b] = pairs[e] as [number, number];
      const pa = slotOf[a] as number;
      const pb = slotOf[b] as number;
      const d = Math.abs(pa - pb);
      span += Math.min(d, count - d);
      const lo = Math.min(pa, pb);
      const hi = Math.max(pa, pb);
      for (let f = e + 1; f < pairs.length; f++) {
        const [c, d2] = pairs[f] as [number, number];
        if (c === a || c === b || d2 === a || d2 === b) continue;
        const pc = slotOf[c] as number;
        const pd = slotOf[d2] as number;
        const cInside = pc > lo && pc < hi;
        const dInside = pd > lo && pd < hi;
        if (cInside !== dInside) crossings++;
      }
    }
    return crossings * 1000 + span;
  };
  const slotOf = new Array<number>(count);
  order.forEach((node, slot) => {
    slotOf[node] = slot;
  });
  let current = cost(slotOf);
  for (let pass = 0; pass < 40; pass++) {
    let improved = false;
    for (let i = 0; i < count; i++) {
      for (let j = i + 1; j < count; j++) {
        const u = order[i] as number;
        const v = order[j] as number;
        slotOf[u] = j;
        slotOf[v] = i;
        const next = cost(slotOf);
        if (next < current) {
          order[i] = v;
          order[j] = u;
          current = next;
          improved = true;
        } else {
          slotOf[u] = i;
          slotOf[v] = j;
        }
      }
    }
    if (!improved) break;
  }
  return order;
}

interface Layout {
  boxes: Box[];
  labels: Label[];
}

/**
 * A hub goes in the middle of the ring: with five or more actors, the most
 * connected one (first in file order on a tie) when it is linked to at least
 * 60 % of the others and to at least two more than any other actor is.
 * Returns its local index, or -1.
 */
function hubOf(degree: number[]): number {
  const count = degree.length;
  if (count < 5) return -1;
  const top = Math.max(...degree);
  const hub = degree.indexOf(top);
  const next = Math.max(...degree.filter((_, i) => i !== hub));
  return top >= 0.6 * (count - 1) && top >= next + 2 ? hub : -1;
}

/**
 * Places the shown actors (local indices): the hub, if any, in the middle,
 * the others in `order` on a superellipse filling the graph area. Tries each
 * label size in FITS, each ring shape and each rotation of the ring order
 * until no two boxes come within NODE_GAP; the ring's radii leave room for
 * the largest box, so every box lies inside the viewBox.
 */
function layout(names: string[], order: number[], hub: number, graphH: number): Layout {
  const count = names.length;
  const centre = { x: W / 2, y: graphH / 2 };
  if (count === 1) {
    const label = labelOf(names[0] as string, FITS[0]);
    return { boxes: [{ ...centre, w: label.w, h: label.h }], labels: [label] };
  }
  const ring = order.length;
  const shrink = hub >= 0 ? 1 : ring <= 2 ? 0.55 : ring === 3 ? 0.7 : ring === 4 ? 0.8 : ring <= 6 ? 0.9 : 1;
  let fallback: Layout | undefined;
  for (const fit of FITS) {
    const labels = names.map((name) => labelOf(name, fit));
    const maxW = Math.max(...labels.map((label) => label.w));
    const maxH = Math.max(...labels.map((label) => label.h));
    const a = (W / 2 - maxW / 2 - EDGE_MARGIN) * shrink;
    const b = (graphH / 2 - maxH / 2 - EDGE_MARGIN) * (ring <= 2 ? 1 : shrink);
    for (const power of RING_POWERS) {
      const slots = ringSlots(ring, a, b, centre, power);
      for (let rotation = 0; rotation < ring; rotation++) {
        const boxes = new Array<Box>(count);
        order.forEach((node, k) => {
          const slot = slots[(k + rotation) % ring] as Point;
          const label = labels[node] as Label;
          boxes[node] = { x: slot.x, y: slot.y, w: label.w, h: label.h };
        });
        if (hub >= 0) {
          const label = labels[hub] as Label;
          boxes[hub] = { ...centre, w: label.w, h: label.h };
        }
        let clear = true;
        for (let i = 0; i < count && clear; i++) {
          for (let j = i + 1; j < count && clear; j++) {
            if (boxesOverlap(boxes[i] as Box, boxes[j] as Box, NODE_GAP)) clear = false;
          }
        }
        if (clear) return { boxes, labels };
        fallback ??= { boxes, labels };
      }
    }
  }
  return fallback as Layout;
}

/* Quadratic Bézier helpers. */
function at(p0: Point, c: Point, p2: Point, t: number): Point {
  const u = 1 - t;
  return {
    x: u * u * p0.x + 2 * u * t * c.x + t * t * p2.x,
    y: u * u * p0.y + 2 * u * t * c.y + t * t * p2.y,
  };
}

/** Control point of the part of the curve between t0 and t1. */
function subControl(p0: Point, c: Point, p2: Point, t0: number, t1: number): Point {
  const w0 = (1 - t0) * (1 - t1);
  const w1 = (1 - t0) * t1 + t0 * (1 - t1);
  const w2 = t0 * t1;
  return { x: w0 * p0.x + w1 * c.x + w2 * p2.x, y: w0 * p0.y + w1 * c.y + w2 * p2.y };
}

function inside(point: Point, box: Box, margin: number): boolean {
  return Math.abs(point.x - box.x) <= box.w / 2 + margin && Math.abs(point.y - box.y) <= box.h / 2 + margin;
}

/** The t where the curve, walking from `from` (inside `box`) towards `to` (outside), leaves the box. */
function exit(p0: Point, c: Point, p2: Point, box: Box, fromStart: boolean): number {
  let inT = fromStart ? 0 : 1;
  let outT = fromStart ? 1 : 0;
  for (let step = 0; step < 40; step++) {
    const mid = (inT + outT) / 2;
    if (inside(at(p0, c, p2, mid), box, EDGE_CLEARANCE)) inT = mid;
    else outT = mid;
  }
  return outT;
}

/** The t, walking from t=`from` towards t=`towards`, at which the curve is `distance` away from its point at `from`. */
function back(p0: Point, c: Point, p2: Point, from: number, towards: number, distance: number): number {
  const origin = at(p0, c, p2, from);
  let near = from;
  let far = towards;
  for (let step = 0; step < 40; step++) {
    const mid = (near + far) / 2;
    const point = at(p0, c, p2, mid);
    if (Math.hypot(point.x - origin.x, point.y - origin.y) < distance) near = mid;
    else far = mid;
  }
  return far;
}

/** How many other boxes the curve passes through or near, plus one if it leaves the graph area. */
function hits(p0: Point, c: Point, p2: Point, boxes: Box[], skip: number[], graphH: number): number {
  let count = 0;
  boxes.forEach((box, i) => {
    if (skip.includes(i)) return;
    for (let k = 1; k < 64; k++) {
      if (inside(at(p0, c, p2, k / 64), box, 8)) {
        count++;
        return;
      }
    }
  });
  for (let k = 1; k < 64; k++) {
    const point = at(p0, c, p2, k / 64);
    if (point.x < 2 || point.x > W - 2 || point.y < 2 || point.y > graphH - 2) return count + 1;
  }
  return count;
}

/**
 * Control points to try for an edge whose straight middle is `mid`, in
 * order: straight, then pulled towards the ring's centre (for chords that
 * would graze a box on the ring), then pushed sideways (for chords through
 * the middle, where a hub may sit).
 */
function bends(mid: Point, normal: Point, centre: Point): Point[] {
  const pulls = [0, 0.3, 0.6, 1, 1.4].map((pull) => ({
    x: mid.x + (centre.x - mid.x) * pull,
    y: mid.y + (centre.y - mid.y) * pull,
  }));
  const pushes = [90, -90, 180, -180, 270, -270].map((push) => ({
    x: mid.x + normal.x * push,
    y: mid.y + normal.y * push,
  }));
  return [...pulls, ...pushes];
}

interface EdgePath {
  edge: Edge;
  d: string;
  /** Middle of the visible part, for the conflict mark. */
  middle: Point;
}

/**
 * Each edge is a quadratic curve between the two box centres, cut where it
 * leaves each box (plus a small clearance) so it is never drawn under a box.
 * Several edges between one pair fan out side by side. An edge that would
 * pass under a third box bends towards the ring's centre, in steps, until
 * it clears (or the least bad bend is kept). Arrowed ends are shortened by
 * the arrowhead's length so the tip touches the box.
 */
function edgePaths(edges: Edge[], local: Map<number, number>, boxes: Box[], graphH: number): EdgePath[] {
  const centre = { x: W / 2, y: graphH / 2 };
  const groups = new Map<string, Edge[]>();
  for (const edge of edges) {
    const a = local.get(edge.from) as number;
    const b = local.get(edge.to) as number;
    const key = `${Math.min(a, b)}|${Math.max(a, b)}`;
    groups.set(key, [...(groups.get(key) ?? []), edge]);
  }
  const paths: EdgePath[] = [];
  for (const edge of edges) {
    const a = local.get(edge.from) as number;
    const b = local.get(edge.to) as number;
    const group = groups.get(`${Math.min(a, b)}|${Math.max(a, b)}`) as Edge[];
    const p0 = boxes[a] as Box;
    const p2 = boxes[b] as Box;
    const lo = boxes[Math.min(a, b)] as Box;
    const hi = boxes[Math.max(a, b)] as Box;
    const length = Math.hypot(hi.x - lo.x, hi.y - lo.y) || 1;
    const normal = { x: -(hi.y - lo.y) / length, y: (hi.x - lo.x) / length };
    const fan = (group.indexOf(edge) - (group.length - 1) / 2) * 44;
    const mid = { x: (p0.x + p2.x) / 2 + normal.x * fan, y: (p0.y + p2.y) / 2 + normal.y * fan };
    let control = mid;
    let fewest = Number.POSITIVE_INFINITY;
    for (const candidate of bends(mid, normal, centre)) {
      const count = hits(p0, candidate, p2, boxes, [a, b], graphH);
      if (count < fewest) {
        fewest = count;
        control = candidate;
      }
      if (count === 0) break;
    }
    let t0 = exit(p0, control, p2, p0, true);
    let t1 = exit(p0, control, p2, p2, false);
    const middle = at(p0, control, p2, (t0 + t1) / 2);
    if (edge.type === 'support') {
      t1 = back(p0, control, p2, t1, t0, ARROW_LEN);
      if (edge.mutual) t0 = back(p0, control, p2, t0, t1, ARROW_LEN);
    }
    const start = at(p0, control, p2, t0);
    const end = at(p0, control, p2, t1);
    const straight = control === mid && fan === 0;
    const d = straight
      ? `M${num(start.x)} ${num(start.y)}L${num(end.x)} ${num(end.y)}`
      : (() => {
          const c = subControl(p0, control, p2, t0, t1);
          return `M${num(start.x)} ${num(start.y)}Q${num(c.x)} ${num(c.y)} ${num(end.x)} ${num(end.y)}`;
        })();
    paths.push({ edge, d, middle });
  }
  return paths;
}

/* ── drawing ────────────────────────────────────────────────────────────── */

/** The stance glyph centred on (x, y), the same shapes as the actor cards: diamond, half-filled circle, square, circle. */
function glyph(stance: Stance, x: number, y: number): string {
  const s = 5.5;
  switch (stance) {
    case 'hostile':
      return `<path class="bd-am-glyph" d="M${num(x)} ${num(y - s - 1)}L${num(x + s + 1)} ${num(y)}L${num(x)} ${num(y + s + 1)}L${num(x - s - 1)} ${num(y)}Z"/>`;
    case 'mixed':
      return (
        `<circle class="bd-am-glyph-ring" cx="${num(x)}" cy="${num(y)}" r="${num(s - 0.75)}" stroke-width="1.5"/>` +
        `<path class="bd-am-glyph" d="M${num(x)} ${num(y - s)}A${num(s)} ${num(s)} 0 0 0 ${num(x)} ${num(y + s)}Z"/>`
      );
    case 'neutral':
      return `<rect class="bd-am-glyph" x="${num(x - s + 0.5)}" y="${num(y - s + 0.5)}" width="${num(2 * s - 1)}" height="${num(2 * s - 1)}" rx="1"/>`;
    case 'friendly':
      return `<circle class="bd-am-glyph" cx="${num(x)}" cy="${num(y)}" r="${num(s)}"/>`;
  }
}

/** Dash patterns and widths are attributes, so the types stay apart even without the stylesheet. */
const EDGE_ATTRIBUTES: Record<RelationType, string> = {
  conflict: 'stroke-width="2.75"',
  alliance: 'stroke-width="6.5"',
  support: 'stroke-width="2.25"',
  rivalry: 'stroke-width="2.5" stroke-dasharray="9 6"',
};

function drawEdge(path: EdgePath, p: string): string {
  const { edge, d, middle } = path;
  const markers =
    edge.type === 'support'
      ? ` marker-end="url(#${p}arrow)"${edge.mutual ? ` marker-start="url(#${p}arrow-back)"` : ''}`
      : '';
  let out = `<g class="bd-am-edge rel-${edge.type}${edge.mutual ? ' bd-am-mutual' : ''}">`;
  out += `<path class="bd-am-line" d="${d}" fill="none" ${EDGE_ATTRIBUTES[edge.type]}${markers}/>`;
  if (edge.type === 'alliance') out += `<path class="bd-am-inner" d="${d}" fill="none" stroke-width="2"/>`;
  if (edge.type === 'conflict') {
    const { x, y } = middle;
    const k = 4.5;
    out +=
      `<circle class="bd-am-halo" cx="${num(x)}" cy="${num(y)}" r="8.5"/>` +
      `<path class="bd-am-cross" d="M${num(x - k)} ${num(y - k)}L${num(x + k)} ${num(y + k)}M${num(x - k)} ${num(y + k)}L${num(x + k)} ${num(y - k)}" fill="none" stroke-width="2.5"/>`;
  }
  return `${out}</g>`;
}

function drawNode(name: string, stance: Stance, box: Box, label: Label): string {
  const left = box.x - box.w / 2;
  const top = box.y - box.h / 2;
  const textLeft = left + PAD_X + GLYPH_SPACE;
  const textX = textLeft + (box.w - 2 * PAD_X - GLYPH_SPACE) / 2;
  const lineH = label.font * LINE_H;
  const firstY = box.y - ((label.lines.length - 1) * lineH) / 2;
  const tspans = label.lines
    .map(
      (line, i) =>
        `<tspan x="${num(textX)}" y="${num(firstY + i * lineH)}" dy="0.35em">${escapeXml(line)}</tspan>`,
    )
    .join('');
  return (
    `<g class="bd-am-node stance-${stance}"><title>${escapeXml(`${name} (${stance})`)}</title>` +
    `<rect class="bd-am-box" x="${num(left)}" y="${num(top)}" width="${num(box.w)}" height="${num(box.h)}" rx="6" stroke-width="2"/>` +
    glyph(stance, left + PAD_X + 5.5, box.y) +
    `<text class="bd-am-label" text-anchor="middle" font-size="${label.font}">${tspans}</text></g>`
  );
}

const LEGEND_FONT = 14;

/** One row along the bottom: the four relation types, then the four stances. */
function drawLegend(p: string, y: number): string {
  const sample = 34;
  const items: { width: number; draw: (x: number) => string }[] = [];
  const text = (x: number, label: string) =>
    `<text class="bd-am-legend-text" x="${num(x)}" y="${num(y)}" dy="0.35em" font-size="${LEGEND_FONT}">${label}</text>`;
  const relationLabels: Record<RelationType, string> = {
    conflict: 'Conflict',
    alliance: 'Alliance',
    support: 'Support (arrow to the supported)',
    rivalry: 'Rivalry',
  };
  for (const type of ['conflict', 'alliance', 'support', 'rivalry'] as const) {
    const label = relationLabels[type];
    items.push({
      width: sample + 8 + textWidth(label, LEGEND_FONT) * SAFETY,
      draw: (x) => {
        const end = type === 'support' ? x + sample - ARROW_LEN : x + sample;
        const path: EdgePath = {
          edge: { type, from: 0, to: 0, mutual: false },
          d: `M${num(x)} ${num(y)}L${num(end)} ${num(y)}`,
          middle: { x: x + sample / 2, y },
        };
        return drawEdge(path, p) + text(x + sample + 8, label);
      },
    });
  }
  const stanceGap = 14;
  for (const stance of ['hostile', 'mixed', 'neutral', 'friendly'] as const) {
    const label = capitalize(stance);
    items.push({
      width: 14 + 6 + textWidth(label, LEGEND_FONT) * SAFETY + (stance === 'hostile' ? stanceGap : 0),
      draw: (x) => {
        const gx = x + (stance === 'hostile' ? stanceGap : 0);
        return `<g class="stance-${stance}">${glyph(stance, gx + 7, y)}</g>${text(gx + 20, label)}`;
      },
    });
  }
  const spacing = 22;
  const total = items.reduce((sum, item) => sum + item.width, 0) + spacing * (items.length - 1);
  let x = (W - total) / 2;
  let out = `<g class="bd-am-legend" aria-hidden="true">`;
  for (const item of items) {
    out += item.draw(x);
    x += item.width + spacing;
  }
  return `${out}</g>`;
}

/**
 * The actor map as an SVG string, with the names of the actors drawn and
 * left out. See `buildGraph` for which relations and actors are drawn,
 * `layout` and `edgePaths` for the placement.
 */
export function renderActorMap(actors: readonly MapActor[], options: ActorMapOptions = {}): ActorMap {
  const p = idPrefix(options.idPrefix ?? 'bd-am-');
  const title = options.title ?? 'Actor map: relations between the actors';
  const withLegend = options.legend ?? true;
  const graph = buildGraph(actors);
  const graphH = withLegend ? H - LEGEND_H : H;

  const local = new Map<number, number>();
  graph.shown.forEach((actor, i) => {
    local.set(actor, i);
  });
  const names = graph.shown.map((i) => graph.names[i] as string);
  const pairKeys = new Set<string>();
  const pairs: [number, number][] = [];
  const degree = names.map(() => 0);
  for (const edge of graph.edges) {
    const a = local.get(edge.from) as number;
    const b = local.get(edge.to) as number;
    const key = `${Math.min(a, b)}|${Math.max(a, b)}`;
    if (pairKeys.has(key)) continue;
    pairKeys.add(key);
    pairs.push([a, b]);
    degree[a] = (degree[a] ?? 0) + 1;
    degree[b] = (degree[b] ?? 0) + 1;
  }

  const out: string[] = [];
  out.push(svgOpen('bd-viz-actor-map', W, H, `${p}title ${p}desc`));
  out.push(`<title id="${p}title">${escapeXml(title)}</title>`);
  out.push(`<desc id="${p}desc">${escapeXml(describeGraph(graph))}</desc>`);
  out.push(
    '<defs>' +
      `<marker id="${p}arrow" viewBox="0 0 12 10" refX="1" refY="5" markerWidth="12" markerHeight="10" markerUnits="userSpaceOnUse" orient="auto">` +
      '<path class="bd-am-arrow" d="M0 0L12 5L0 10Z"/></marker>' +
      `<marker id="${p}arrow-back" viewBox="0 0 12 10" refX="11" refY="5" markerWidth="12" markerHeight="10" markerUnits="userSpaceOnUse" orient="auto">` +
      '<path class="bd-am-arrow" d="M12 0L0 5L12 10Z"/></marker>' +
      '</defs>',
  );

  if (names.length > 0) {
    const hub = hubOf(degree);
    const onRing = names.map((_, i) => i).filter((i) => i !== hub);
    const ringIndex = new Map(onRing.map((node, k) => [node, k]));
    const ringPairs = pairs
      .filter(([a, b]) => a !== hub && b !== hub)
      .map(([a, b]) => [ringIndex.get(a), ringIndex.get(b)] as [number, number]);
    const ringDegree = onRing.map((node) => degree[node] ?? 0);
    const order = ringOrder(onRing.length, ringPairs, ringDegree).map((k) => onRing[k] as number);
    const { boxes, labels } = layout(names, order, hub, graphH);
    out.push('<g class="bd-am-edges">');
    for (const path of edgePaths(graph.edges, local, boxes, graphH)) out.push(drawEdge(path, p));
    out.push('</g><g class="bd-am-nodes">');
    graph.shown.forEach((actor, i) => {
      out.push(
        drawNode(
          graph.names[actor] as string,
          graph.stances[actor] as Stance,
          boxes[i] as Box,
          labels[i] as Label,
        ),
      );
    });
    out.push('</g>');
  }
  if (withLegend) out.push(drawLegend(p, H - LEGEND_H / 2));
  out.push('</svg>');
  return {
    svg: out.join(''),
    shown: graph.shown.map((i) => graph.names[i] as string),
    omitted: graph.omitted.map((i) => graph.names[i] as string),
  };
}
