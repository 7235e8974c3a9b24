/**
 * Where the actor map puts each actor. Actors with a relation on the map go
 * on a grid of slots filling the graph area; actors without one go in a
 * labelled row of their own under it. Which actor takes which slot is
 * gridPlacement.ts: fewest crossings and edges through boxes, then shortest
 * edges. No randomness: the same graph gives the same layout.
 */
import { textWidth } from '../../format/textMetrics.js';
import type { Box, Point } from './_geometry.js';
import { type Measure, wrapText } from './_svg.js';
import type { ActorGraph } from './actorGraph.js';
import { placeNodes } from './gridPlacement.js';

export interface Label {
  lines: string[];
  font: number;
  w: number;
  h: number;
}

export interface PlacedActor {
  /** Index of the actor in the file. */
  actor: number;
  box: Box;
  label: Label;
}

export interface ActorLayout {
  /** Actors with a relation on the map, in the graph area. */
  graph: PlacedActor[];
  /** The graph area: from the top of the drawing down to this height. */
  graphHeight: number;
  /** Actors without a relation on the map, in a row under the graph area, with its caption. */
  row?: { caption: string; captionX: number; captionY: number; ruleY: number; actors: PlacedActor[] };
}

/** Room for the boxes' contents. */
export const PAD_X = 11;
const PAD_Y = 8;
/** Space for the stance glyph at the left of a box. */
export const GLYPH_SPACE = 19;
export const LINE_H = 1.2;
/** Lines a label takes before more are tried (up to two more, only when that saves shortening a name). */
const MAX_LINES = 3;
const MIN_NODE_W = 96;
/** The least space between two boxes. */
const NODE_GAP = 30;
/** An edge closer than this to a third box counts as passing through it. */
export const HIT_MARGIN = 6;
/**
 * Type sizes to try for the labels, largest first, until they fit their cells: 16, the least anything
 * read on a slide may have (the map is drawn a unit to the px of the slide's design size). Larger type
 * makes taller boxes, which crowd the layout of a large map more than they help reading.
 */
const FONTS = [16] as const;
/** The widest a label's text may run, however roomy the cell. */
const WIDEST_TEXT = 210;
/** Wide cells suit the boxes, which are wider than tall. */
const CELL_SHAPE = 2.2;
/** Row of actors without relations: the caption and its type. */
export const ROW_CAPTION_SIZE = 16;
export const ROW_CAPTION_TRACKING = 0.1;
const ROW_FONT = 16;
const ROW_TEXT = 200;
/** Between the boxes in the row, and between its lines. */
const ROW_GAP = 18;
const ROW_LINE_GAP = 10;
/** Between the graph area and the row, the rule halfway. */
const ROW_SPACE = 14;

/**
 * Labels are measured with Source Sans 3's own advance widths (semibold,
 * from textMetrics.ts), widened by this factor so that a fallback font up
 * to that much wider still fits its box.
 */
export const SAFETY = 1.06;
const labelMeasure =
  (font: number): Measure =>
  (text) =>
    textWidth(text, font, 600) * SAFETY;

/** Whether the label had to cut the name short (its last line ends in an ellipsis the name does not have). */
const shortened = (label: Label, name: string) =>
  (label.lines[label.lines.length - 1] ?? '').endsWith('…') && !name.trim().endsWith('…');

function labelOf(name: string, font: number, text: number, maxLines: number): Label {
  const measure = labelMeasure(font);
  const lines = wrapText(name, text, measure, maxLines);
  const width = Math.max(...lines.map(measure), 0);
  return {
    lines,
    font,
    w: Math.max(
      Math.min(MIN_NODE_W, text + 2 * PAD_X + GLYPH_SPACE),
      Math.ceil(width + 2 * PAD_X + GLYPH_SPACE),
    ),
    h: Math.ceil(lines.length * font * LINE_H + 2 * PAD_Y),
  };
}

/** The row caption's width. */
export function captionWidth(caption: string): number {
  return (
    textWidth(caption.toUpperCase(), ROW_CAPTION_SIZE, 700) * SAFETY +
    caption.length * ROW_CAPTION_TRACKING * ROW_CAPTION_SIZE
  );
}

/**
 * Lays out the actors shown in a drawing `width` × `height` whose bottom
 * `reserved` px are kept free (for the legend).
 */
export function layOutActors(
  graph: ActorGraph,
  width: number,
  height: number,
  reserved: number,
): ActorLayout {
  const linked = new Set(graph.edges.flatMap((edge) => [edge.from, edge.to]));
  const onGraph = graph.shown.filter((i) => linked.has(i));
  const alone = graph.shown.filter((i) => !linked.has(i));
  const row = alone.length > 0 ? layOutRow(graph, alone, width) : undefined;
  const rowHeight = row ? ROW_SPACE + row.height : 0;
  const graphHeight = Math.max(0, height - reserved - rowHeight);
  const placed = layOutGraph(graph, onGraph, width, graphHeight);
  if (!row) return { graph: placed, graphHeight };
  const ruleY = graphHeight + ROW_SPACE / 2;
  const top = ruleY + ROW_SPACE / 2;
  return {
    graph: placed,
    graphHeight,
    row: {
      caption: row.caption,
      captionX: row.captionX,
      captionY: top + (row.actors[0]?.box.h ?? 0) / 2,
      ruleY,
      actors: row.actors.map((a) => ({ ...a, box: { ...a.box, y: a.box.y + top } })),
    },
  };
}

/**
 * The row of actors without relations on the map: the caption, then their
 * boxes left to right, wrapping onto further lines; centred when it takes
 * one line. Box positions are relative to the row's top.
 */
function layOutRow(
  graph: ActorGraph,
  actors: number[],
  width: number,
): { caption: string; captionX: number; actors: PlacedActor[]; height: number } {
  const caption = actors.every((i) => !graph.related[i])
    ? 'No stated relations'
    : 'No relations to the actors above';
  const labels = actors.map((i) => labelOf(graph.names[i] as string, ROW_FONT, ROW_TEXT, 2));
  const lineH = Math.max(...labels.map((label) => label.h));
  const start = captionWidth(caption) + ROW_GAP;
  const lines: { actor: number; label: Label; x: number }[][] = [[]];
  let x = start;
  actors.forEach((actor, k) => {
    const label = labels[k] as Label;
    if (x > start && x + label.w > width) {
      lines.push([]);
      x = start;
    }
    lines[lines.length - 1]?.push({ actor, label, x });
    x += label.w + ROW_GAP;
  });
  const first = lines[0] ?? [];
  const used =
    first.length > 0 ? (first[first.length - 1]?.x ?? 0) + (first[first.length - 1]?.label.w ?? 0) : 0;
  const shift = lines.length === 1 ? Math.floor((width - used) / 2) : 0;
  return {
    caption,
    captionX: shift,
    actors: lines.flatMap((line, n) =>
      line.map(({ actor, label, x: left }) => ({
        actor,
        label,
        box: {
          x: shift + left + label.w / 2,
          y: n * (lineH + ROW_LINE_GAP) + lineH / 2,
          w: label.w,
          h: label.h,
        },
      })),
    ),
    height: lines.length * lineH + (lines.length - 1) * ROW_LINE_GAP,
  };
}

interface Grid {
  rows: number;
  columns: number;
  /** Slot centres, row by row, in whole pixels. */
  slots: Point[];
  labels: Label[];
}

/** A grid of `rows` × `columns` slots over the area, and the labels sized to fit its cells. */
function gridOf(names: string[], rows: number, columns: number, width: number, height: number): Grid {
  const cellW = width / columns;
  const cellH = height / rows;
  const slots: Point[] = [];
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < columns; c++) {
      slots.push({ x: Math.round(cellW * (c + 0.5)), y: Math.round(cellH * (r + 0.5)) });
    }
  }
  // The largest type at which every label fits its cell whole (in up to MAX_LINES lines, more lines only when
  // that saves shortening a name); failing that, the one that fits with the fewest names shortened.
  const room = Math.max(40, Math.min(WIDEST_TEXT, cellW - NODE_GAP - 2 * PAD_X - GLYPH_SPACE));
  let fitting: { labels: Label[]; cut: number } | undefined;
  for (const font of FONTS) {
    for (const lines of [MAX_LINES, MAX_LINES + 1, MAX_LINES + 2]) {
      const labels = names.map((name) => labelOf(name, font, room, lines));
      if (labels.some((label) => label.h > cellH - NODE_GAP / 2)) continue;
      const cut = labels.filter((label, i) => shortened(label, names[i] as string)).length;
      if (cut === 0) return { rows, columns, slots, labels };
      if (cut < (fitting?.cut ?? Number.POSITIVE_INFINITY)) fitting = { labels, cut };
    }
  }
  const labels =
    fitting?.labels ?? names.map((name) => labelOf(name, FONTS[FONTS.length - 1] as number, room, MAX_LINES));
  return { rows, columns, slots, labels };
}

/** The least spare slots a grid keeps for `count` actors, so the search has room to move them. */
const spare = (count: number) => (count <= 2 ? 0 : Math.ceil(count / 2));

/** The grid shape for `count` actors: slots to spare, cells closest to CELL_SHAPE. */
function gridShape(count: number, width: number, height: number): { rows: number; columns: number } {
  let best = { rows: 1, columns: count, score: Number.POSITIVE_INFINITY };
  for (let rows = 1; rows <= Math.min(4, count); rows++) {
    for (let columns = 1; columns <= count; columns++) {
      const slots = rows * columns;
      if (slots < count + spare(count) || slots > count + spare(count) + Math.max(rows, columns)) continue;
      const score = Math.abs(Math.log(width / columns / (height / rows) / CELL_SHAPE)) + slots / 1000;
      if (score < best.score) best = { rows, columns, score };
    }
  }
  return best;
}

/**
 * Places the actors with relations (file indices `actors`) on a grid over
 * `width` × `height` (see gridPlacement.ts). After the search, an empty
 * outer row or column is dropped and the search run again on the grid of
 * fewer, roomier cells, while slots to spare remain.
 */
function layOutGraph(graph: ActorGraph, actors: number[], width: number, height: number): PlacedActor[] {
  if (actors.length === 0) return [];
  const local = new Map(actors.map((actor, i) => [actor, i]));
  const names = actors.map((i) => graph.names[i] as string);
  const keys = new Set<string>();
  const pairs: [number, number][] = [];
  for (const edge of graph.edges) {
    const a = local.get(edge.from) as number;
    const b = local.get(edge.to) as number;
    const key = `${Math.min(a, b)}|${Math.max(a, b)}`;
    if (keys.has(key)) continue;
    keys.add(key);
    pairs.push([a, b]);
  }
  const problem = (grid: Grid) => ({ slots: grid.slots, sizes: grid.labels, pairs, margin: HIT_MARGIN });

  let { rows, columns } = gridShape(actors.length, width, height);
  let grid = gridOf(names, rows, columns, width, height);
  let placed = placeNodes(problem(grid));
  const keep = actors.length + Math.floor(spare(actors.length) / 2);
  for (;;) {
    const used = placed.slotOf.map((slot) => ({ row: Math.floor(slot / columns), column: slot % columns }));
    const emptyRow = [0, rows - 1].find((r) => rows > 1 && used.every((u) => u.row !== r));
    const emptyColumn = [0, columns - 1].find((c) => columns > 1 && used.every((u) => u.column !== c));
    let next: { rows: number; columns: number; slotOf: number[] };
    if (emptyColumn !== undefined && rows * (columns - 1) >= keep) {
      const shift = emptyColumn === 0 ? 1 : 0;
      next = {
        rows,
        columns: columns - 1,
        slotOf: used.map((u) => u.row * (columns - 1) + u.column - shift),
      };
    } else if (emptyRow !== undefined && (rows - 1) * columns >= keep) {
      const shift = emptyRow === 0 ? 1 : 0;
      next = { rows: rows - 1, columns, slotOf: used.map((u) => (u.row - shift) * columns + u.column) };
    } else break;
    const roomier = gridOf(names, next.rows, next.columns, width, height);
    const again = placeNodes(problem(roomier), next.slotOf);
    // Roomier cells take wider labels: keep the new grid only if it runs no more edges through boxes.
    if (again.cost.hits > placed.cost.hits) break;
    ({ rows, columns } = next);
    grid = roomier;
    placed = again;
  }
  const slotOf = placed.slotOf;
  // Centre what is used: an empty outer row or column that had to stay would leave the drawing off-centre.
  const centres = slotOf.map((slot) => grid.slots[slot] as Point);
  const dx = Math.round(
    (width - Math.min(...centres.map((p) => p.x)) - Math.max(...centres.map((p) => p.x))) / 2,
  );
  const dy = Math.round(
    (height - Math.min(...centres.map((p) => p.y)) - Math.max(...centres.map((p) => p.y))) / 2,
  );
  return actors.map((actor, i) => {
    const label = grid.labels[i] as Label;
    const centre = centres[i] as Point;
    return { actor, label, box: { x: centre.x + dx, y: centre.y + dy, w: label.w, h: label.h } };
  });
}
