/**
 * The actor map, drawn as a self-contained SVG at build time: actors as
 * labelled boxes, their relations as edges, a legend. Which actors and
 * relations are drawn is `actorGraph.ts`, where they go `actorLayout.ts`,
 * how edges run `edgeRouting.ts`; this module draws them. Fully
 * deterministic (no randomness, no clock): the same actors give the same
 * bytes. Colours come from themes/visuals.css through classes; stance and
 * relation type are also told apart without colour (glyph shapes, line
 * patterns, arrowheads, a ✕ on conflicts).
 */
import { RELATION_TYPES, type RelationType, STANCES, type Stance } from '../../format/briefing.js';
import { textWidth } from '../../format/textMetrics.js';
import type { Box } from './_geometry.js';
import { capitalize, escapeXml, idPrefix, num, svgOpen } from './_svg.js';
import {
  type ActorGraph,
  actorGraph,
  describeActorGraph,
  type Edge,
  type MapActor,
  relationWords,
} from './actorGraph.js';
import {
  GLYPH_SPACE,
  type Label,
  LINE_H,
  layOutActors,
  PAD_X,
  type PlacedActor,
  ROW_CAPTION_SIZE,
  ROW_CAPTION_TRACKING,
  SAFETY,
} from './actorLayout.js';
import { ARROW_LEN, type EdgePath, MARK_RADIUS, routeEdges } from './edgeRouting.js';

export { type ActorGraph, actorGraph, MAX_MAP_ACTORS, type MapActor } from './actorGraph.js';

export interface ActorMapOptions {
  /** Prefix of the ids inside the SVG; give each map on a page its own. Default `bd-am-`. */
  idPrefix?: string;
  /** The SVG's `<title>`. */
  title?: string;
  /** Draw the legend along the bottom of the SVG. Default true. */
  legend?: boolean;
  /** The viewBox, in the px the map is shown at (default ACTOR_MAP_SIZE). */
  width?: number;
  height?: number;
}

export interface ActorMap {
  svg: string;
  /** The map in words (the SVG's `<desc>`), for alt text. */
  description: string;
  /** Names of the actors drawn, in file order. */
  shown: string[];
  /** Names of the actors left out for space, in file order (the slide says so in words). */
  omitted: string[];
}

/** The default viewBox size of an actor map (a 16:9 slide region). */
export const ACTOR_MAP_SIZE = { width: 1100, height: 560 } as const;

/** The legend's height with one line, the step to a second line, its type size, the room between its entries, a line sample's length. */
export const LEGEND = { height: 40, line: 26, font: 16, spacing: 22, sample: 34 } as const;
const LEGEND_H = LEGEND.height;
const LEGEND_LINE = LEGEND.line;
const LEGEND_FONT = LEGEND.font;

/** The legend's words for each relation type. */
export const RELATION_LABELS: Record<RelationType, string> = {
  conflict: 'Conflict',
  alliance: 'Alliance',
  support: 'Support (arrow to the supported)',
  rivalry: 'Rivalry',
};

/** The map's description; see `describeActorGraph`. */
export function describeActorMap(actors: readonly MapActor[]): string {
  return describeActorGraph(actorGraph(actors));
}

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

/** The label of a line drawn for several relations: `Conflict + rivalry`. */
export function severalLabel(edge: Edge): string {
  return capitalize(edge.types.map((type) => (type === edge.type ? relationWords(edge) : type)).join(' + '));
}

/** The size of that label, and the room around its text on the pill behind it. */
export const SEVERAL_FONT = 16;
export const SEVERAL_PAD = 5;

/** A line for several relations between one pair: plain, with arrowheads for support, labelled with the types. */
function drawSeveral(path: Pick<EdgePath, 'edge' | 'd' | 'mark'>, p: string): string {
  const { edge, d, mark } = path;
  const markers =
    edge.type === 'support'
      ? ` marker-end="url(#${p}arrow-plain)"${edge.mutual ? ` marker-start="url(#${p}arrow-plain-back)"` : ''}`
      : '';
  let out = `<g class="bd-am-edge rel-several">`;
  out += `<path class="bd-am-line" d="${d}" fill="none" stroke-width="2.5"${markers}/>`;
  if (mark) {
    const text = severalLabel(edge);
    const w = textWidth(text, SEVERAL_FONT, 600) * SAFETY + 2 * SEVERAL_PAD;
    const h = SEVERAL_FONT * 1.5;
    out +=
      `<rect class="bd-am-several-pill" x="${num(mark.x - w / 2)}" y="${num(mark.y - h / 2)}" width="${num(w)}" height="${num(h)}" rx="${num(h / 2)}" stroke-width="1.5"/>` +
      `<text class="bd-am-several" x="${num(mark.x)}" y="${num(mark.y)}" dy="0.35em" text-anchor="middle" font-size="${SEVERAL_FONT}">${escapeXml(text)}</text>`;
  }
  return `${out}</g>`;
}

function drawEdge(path: Pick<EdgePath, 'edge' | 'd' | 'mark'>, p: string): string {
  const { edge, d, mark } = path;
  if (edge.types.length > 1) return drawSeveral(path, p);
  const markers =
    edge.type === 'support'
      ? ` marker-end="url(#${p}arrow)"${edge.mutual ? ` marker-start="url(#${p}arrow-back)"` : ''}`
      : '';
  let out = `<g class="bd-am-edge rel-${edge.type}${edge.mutual ? ' bd-am-mutual' : ''}">`;
  out += `<path class="bd-am-line" d="${d}" fill="none" ${EDGE_ATTRIBUTES[edge.type]}${markers}/>`;
  if (edge.type === 'alliance') out += `<path class="bd-am-inner" d="${d}" fill="none" stroke-width="2"/>`;
  if (mark) {
    const { x, y } = mark;
    const k = 4.5;
    out +=
      `<circle class="bd-am-halo" cx="${num(x)}" cy="${num(y)}" r="${MARK_RADIUS}"/>` +
      `<path class="bd-am-cross" d="M${num(x - k)} ${num(y - k)}L${num(x + k)} ${num(y + k)}M${num(x - k)} ${num(y + k)}L${num(x + k)} ${num(y - k)}" fill="none" stroke-width="2.5"/>`;
  }
  return `${out}</g>`;
}

function drawNode(name: string, stance: Stance, box: Box, label: Label, change?: MapActor['change']): string {
  const left = box.x - box.w / 2;
  const top = box.y - box.h / 2;
  const textX = left + PAD_X + GLYPH_SPACE + (box.w - 2 * PAD_X - GLYPH_SPACE) / 2;
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
    `<text class="bd-am-label" text-anchor="middle" font-size="${label.font}">${tspans}</text>` +
    (change ? changePill(change, left + box.w, top) : '') +
    '</g>'
  );
}

/**
 * The size of a node's NEW or UPDATED mark, on its top border at its right, raised by `rise` so that
 * it clears the label's first line; its type 16 units, the least anything read on a slide may have.
 */
export const CHANGE_PILL = { font: 16, height: 20, padX: 7, inset: 8, rise: 3 } as const;

/** Where a node's mark goes, for a label `textW` wide in its font, on a box whose top right is (right, top). */
export function changePillRect(textW: number, right: number, top: number) {
  const c = CHANGE_PILL;
  const w = textW + 2 * c.padX;
  return { x: right - c.inset - w, y: top - c.rise - c.height / 2, w, h: c.height };
}

/** A node's mark since the previous version: a small pill on the box's top border, right-aligned. */
function changePill(change: NonNullable<MapActor['change']>, right: number, top: number): string {
  const c = CHANGE_PILL;
  const { x, y, w, h } = changePillRect(textWidth(change.label, c.font, 700), right, top);
  return (
    `<g class="bd-am-change bd-am-change-${change.status}"><rect x="${num(x)}" y="${num(y)}" width="${num(w)}" height="${h}" rx="3"/>` +
    `<text x="${num(x + w / 2)}" y="${num(y + h / 2)}" dy="0.35em" text-anchor="middle" font-size="${c.font}" font-weight="700">${escapeXml(change.label)}</text></g>`
  );
}

interface LegendItem {
  width: number;
  draw: (x: number, y: number) => string;
}

/** What the legend shows: the relation types and the stances the map uses. */
export interface LegendUse {
  relations: RelationType[];
  stances: Stance[];
}

/** The relation types of the relations drawn and the stances of the actors drawn, in the format's order. */
export function legendUse(graph: ActorGraph): LegendUse {
  const types = new Set(graph.edges.map((edge) => edge.type));
  const stances = new Set(graph.shown.map((i) => graph.stances[i]));
  return {
    relations: RELATION_TYPES.filter((type) => types.has(type)),
    stances: STANCES.filter((stance) => stances.has(stance)),
  };
}

/** The legend's entries: the relation types used, then the stances. */
function legendItems(p: string, use: LegendUse): LegendItem[][] {
  const sample = LEGEND.sample;
  const text = (x: number, y: number, label: string) =>
    `<text class="bd-am-legend-text" x="${num(x)}" y="${num(y)}" dy="0.35em" font-size="${LEGEND_FONT}">${label}</text>`;
  const relationLabels = RELATION_LABELS;
  const relations = use.relations.map(
    (type): LegendItem => ({
      width: sample + 8 + textWidth(relationLabels[type], LEGEND_FONT) * SAFETY,
      draw: (x, y) => {
        const end = type === 'support' ? x + sample - ARROW_LEN : x + sample;
        const path = {
          edge: { type, from: 0, to: 0, mutual: false, types: [type] },
          d: `M${num(x)} ${num(y)}L${num(end)} ${num(y)}`,
          mark: type === 'conflict' ? { x: x + sample / 2, y } : undefined,
        };
        return drawEdge(path, p) + text(x + sample + 8, y, relationLabels[type]);
      },
    }),
  );
  const stances = use.stances.map(
    (stance): LegendItem => ({
      width: 14 + 6 + textWidth(capitalize(stance), LEGEND_FONT) * SAFETY,
      draw: (x, y) =>
        `<g class="stance-${stance}">${glyph(stance, x + 7, y)}</g>${text(x + 20, y, capitalize(stance))}`,
    }),
  );
  return [relations, stances];
}

const LEGEND_SPACING = LEGEND.spacing;
const rowWidth = (items: readonly LegendItem[]) =>
  items.reduce((sum, item) => sum + item.width, 0) + LEGEND_SPACING * (items.length - 1);

/** The legend's lines: one when relation types and stances fit side by side in `width`, else two. */
function legendLines(p: string, width: number, use: LegendUse): LegendItem[][] {
  const [relations, stances] = legendItems(p, use) as [LegendItem[], LegendItem[]];
  if (relations.length === 0) return [stances];
  // One line is the line as drawn: the relations, a gap of three spacings, the stances.
  const one = [...relations, { width: LEGEND_SPACING, draw: () => '' }, ...stances];
  return rowWidth(one) <= width ? [one] : [relations, stances];
}

/** How many lines the legend of `use` takes in `width`: one when relation types and stances fit side by side. */
export const legendLineCount = (width: number, use: LegendUse) => legendLines('', width, use).length;

const legendHeight = (lines: number) => LEGEND_H + (lines - 1) * LEGEND_LINE;

/** The legend, centred, its last line `LEGEND_H / 2` above `bottom`. */
function drawLegend(lines: LegendItem[][], width: number, bottom: number): string {
  let out = `<g class="bd-am-legend" aria-hidden="true">`;
  lines.forEach((items, n) => {
    const y = bottom - LEGEND_H / 2 - (lines.length - 1 - n) * LEGEND_LINE;
    let x = (width - rowWidth(items)) / 2;
    for (const item of items) {
      out += item.draw(x, y);
      x += item.width + LEGEND_SPACING;
    }
  });
  return `${out}</g>`;
}

function drawNodes(graph: ActorGraph, placed: readonly PlacedActor[]): string {
  return placed
    .map(({ actor, box, label }) =>
      drawNode(
        graph.names[actor] as string,
        graph.stances[actor] as Stance,
        box,
        label,
        graph.changes[actor],
      ),
    )
    .join('');
}

/**
 * The actor map of `graph` as an SVG string, with its description and the
 * names of the actors drawn and left out.
 */
export function drawActorMap(graph: ActorGraph, options: ActorMapOptions = {}): ActorMap {
  const p = idPrefix(options.idPrefix ?? 'bd-am-');
  const title = options.title ?? 'Actor map: relations between the actors';
  const withLegend = options.legend ?? true;
  const width = options.width ?? ACTOR_MAP_SIZE.width;
  const height = options.height ?? ACTOR_MAP_SIZE.height;
  const description = describeActorGraph(graph);
  const legend = withLegend ? legendLines(p, width, legendUse(graph)) : [];
  const layout = layOutActors(graph, width, height, withLegend ? legendHeight(legend.length) : 0);

  const out: string[] = [];
  out.push(svgOpen('bd-viz-actor-map', width, height, `${p}title ${p}desc`));
  out.push(`<title id="${p}title">${escapeXml(title)}</title>`);
  out.push(`<desc id="${p}desc">${escapeXml(description)}</desc>`);
  out.push(
    '<defs>' +
      `<marker id="${p}arrow" viewBox="0 0 12 10" refX="1" refY="5" markerWidth="12" markerHeight="10" markerUnits="userSpaceOnUse" orient="auto">` +
      '<path class="bd-am-arrow" d="M0 0L12 5L0 10Z"/></marker>' +
      `<marker id="${p}arrow-back" viewBox="0 0 12 10" refX="11" refY="5" markerWidth="12" markerHeight="10" markerUnits="userSpaceOnUse" orient="auto">` +
      '<path class="bd-am-arrow" d="M12 0L0 5L12 10Z"/></marker>' +
      (graph.drawn.some((edge) => edge.types.length > 1 && edge.type === 'support')
        ? `<marker id="${p}arrow-plain" viewBox="0 0 12 10" refX="1" refY="5" markerWidth="12" markerHeight="10" markerUnits="userSpaceOnUse" orient="auto">` +
          '<path class="bd-am-arrow-plain" d="M0 0L12 5L0 10Z"/></marker>' +
          `<marker id="${p}arrow-plain-back" viewBox="0 0 12 10" refX="11" refY="5" markerWidth="12" markerHeight="10" markerUnits="userSpaceOnUse" orient="auto">` +
          '<path class="bd-am-arrow-plain" d="M12 0L0 5L12 10Z"/></marker>'
        : '') +
      '</defs>',
  );
  const boxes = new Map(layout.graph.map(({ actor, box }) => [actor, box]));
  out.push('<g class="bd-am-edges">');
  for (const path of routeEdges(graph.drawn, boxes, width, layout.graphHeight)) out.push(drawEdge(path, p));
  out.push('</g>');
  out.push(`<g class="bd-am-nodes">${drawNodes(graph, layout.graph)}</g>`);
  if (layout.row) {
    const { caption, captionX, captionY, ruleY, actors } = layout.row;
    out.push(
      '<g class="bd-am-row">' +
        `<path class="bd-am-row-rule" d="M0 ${num(ruleY)}H${num(width)}" fill="none" stroke-width="1"/>` +
        `<text class="bd-am-row-caption" x="${num(captionX)}" y="${num(captionY)}" dy="0.35em" font-size="${ROW_CAPTION_SIZE}" ` +
        `letter-spacing="${num(ROW_CAPTION_TRACKING * ROW_CAPTION_SIZE)}">${escapeXml(caption.toUpperCase())}</text>` +
        `<g class="bd-am-nodes">${drawNodes(graph, actors)}</g></g>`,
    );
  }
  if (withLegend) out.push(drawLegend(legend, width, height));
  out.push('</svg>');
  return {
    svg: out.join(''),
    description,
    shown: graph.shown.map((i) => graph.names[i] as string),
    omitted: graph.omitted.map((i) => graph.names[i] as string),
  };
}

/** The actor map of `actors`: `drawActorMap` of their graph. */
export function renderActorMap(actors: readonly MapActor[], options: ActorMapOptions = {}): ActorMap {
  return drawActorMap(actorGraph(actors), options);
}
