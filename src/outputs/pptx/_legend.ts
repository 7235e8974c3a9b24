/**
 * The actor map's stance glyphs (also on the actor cards) and its legend:
 * a sample of the line of each relation type the map uses and of the glyph
 * of each stance, with labels, centred along the bottom of the map in as
 * many lines as the deck's (its sizes and words are actorMap.ts's).
 */
import type { RelationType, Stance } from '../../format/briefing.js';
import { capitalize } from '../../slides/visuals/_svg.js';
import { LEGEND, type LegendUse, legendLineCount, RELATION_LABELS } from '../../slides/visuals/actorMap.js';
import { type SlidePart, textShape } from './_part.js';
import { plainParagraph } from './_runs.js';
import {
  group,
  type LineStyle,
  type PathCommand,
  pathGeometry,
  preset,
  type Rect,
  ShapeList,
  shape,
} from './_xml.js';

/** The stance glyph centred on (x, y), `s` its half-size: diamond, half-filled circle, square, circle. */
export function stanceGlyph(part: SlidePart, stance: Stance, x: number, y: number, s: number): string {
  const colour = part.deck.palette.stance[stance];
  const name = `${capitalize(stance)} glyph`;
  switch (stance) {
    case 'hostile': {
      const rect = { x: x - s - 1, y: y - s - 1, w: 2 * s + 2, h: 2 * s + 2 };
      return shape(part.ids, { name, rect, geometry: 'diamond', fill: colour });
    }
    case 'mixed': {
      const ring = { x: x - s + 0.75, y: y - s + 0.75, w: 2 * s - 1.5, h: 2 * s - 1.5 };
      const half = { x: x - s, y: y - s, w: 2 * s, h: 2 * s };
      return (
        shape(part.ids, { name, rect: ring, geometry: 'ellipse', line: { color: colour, width: 1.5 } }) +
        shape(part.ids, {
          name,
          rect: half,
          geometry: preset('pie', { adj1: 5400000, adj2: 16200000 }),
          fill: colour,
        })
      );
    }
    case 'neutral': {
      const rect = { x: x - s + 0.5, y: y - s + 0.5, w: 2 * s - 1, h: 2 * s - 1 };
      return shape(part.ids, { name, rect, geometry: 'rect', fill: colour });
    }
    case 'friendly':
      return shape(part.ids, {
        name,
        rect: { x: x - s, y: y - s, w: 2 * s, h: 2 * s },
        geometry: 'ellipse',
        fill: colour,
      });
  }
}

export const LEGEND_H = LEGEND.height;
export const LEGEND_LINE = LEGEND.line;
/** The halo behind a conflict's ✕ (edgeRouting.ts's MARK_RADIUS) and the ✕'s half-size. */
const MARK_RADIUS = 8.5;
const CROSS = 4.5;

/** A conflict's ✕ centred on (x, y), on a halo in the background colour. */
export function conflictMark(part: SlidePart, list: ShapeList, x: number, y: number): void {
  const { palette } = part.deck;
  const halo = { x: x - MARK_RADIUS, y: y - MARK_RADIUS, w: 2 * MARK_RADIUS, h: 2 * MARK_RADIUS };
  list.add(
    shape(part.ids, { name: 'Conflict mark', rect: halo, geometry: 'ellipse', fill: palette.bg }),
    halo,
  );
  const k = CROSS;
  const cross = { x: x - k, y: y - k, w: 2 * k, h: 2 * k };
  const strokes: PathCommand[] = [
    { op: 'M', points: [{ x: x - k, y: y - k }] },
    { op: 'L', points: [{ x: x + k, y: y + k }] },
    { op: 'M', points: [{ x: x - k, y: y + k }] },
    { op: 'L', points: [{ x: x + k, y: y - k }] },
  ];
  const line = { color: palette.rel.conflict, width: 2.5, cap: 'rnd' as const };
  list.add(shape(part.ids, { name: '✕', rect: cross, geometry: pathGeometry(strokes, cross), line }), cross);
}

const { font: FONT, spacing: SPACING, sample: SAMPLE } = LEGEND;
const LABELS = RELATION_LABELS;

/** Each relation's line, as the deck's SVG draws it (actorMap.ts's EDGE_ATTRIBUTES). */
const EDGE_STYLES: Record<RelationType, (colour: string) => LineStyle> = {
  conflict: (color) => ({ color, width: 2.75 }),
  alliance: (color) => ({ color, width: 6.5 }),
  support: (color) => ({ color, width: 2.25, tail: true }),
  rivalry: (color) => ({ color, width: 2.5, dash: [9 / 2.5, 6 / 2.5] }),
};

/**
 * A relation's line along `commands` (within `rect`). The alliance's double
 * line is a wide line with a narrow one in the background colour on it, as
 * in the SVG, grouped (LibreOffice draws DrawingML's own double line as one
 * wide line).
 */
export function relationLine(
  part: SlidePart,
  name: string,
  type: RelationType,
  commands: PathCommand[],
  rect: Rect,
  mutual = false,
): string {
  const { palette } = part.deck;
  const line = { ...EDGE_STYLES[type](palette.rel[type]), head: type === 'support' && mutual };
  const outer = shape(part.ids, { name, rect, geometry: pathGeometry(commands, rect), line });
  if (type !== 'alliance') return outer;
  const list = new ShapeList();
  list.add(outer, rect);
  list.add(
    shape(part.ids, {
      name: `${name} (inner line)`,
      rect,
      geometry: pathGeometry(commands, rect),
      line: { color: palette.bg, width: 2 },
    }),
    rect,
  );
  return group(part.ids, name, name, list);
}

interface Item {
  width: number;
  draw: (list: ShapeList, x: number, y: number) => void;
}

function items(part: SlidePart, size: number, use: LegendUse): [Item[], Item[]] {
  const { palette, metrics } = part.deck;
  // A label's box is its words and 8 px to spare, which its item's width counts too.
  const label = (list: ShapeList, x: number, y: number, text: string) => {
    const w = metrics.width(text, size) + 8;
    const placed = textShape(part, {
      name: text,
      x,
      y: y - (size * 1.2) / 2,
      w,
      paragraphs: [plainParagraph(text)],
      style: { size, lineHeight: 1.2, color: palette.muted },
    });
    list.add(placed.xml, placed.rect);
  };
  const relations = use.relations.map(
    (type): Item => ({
      width: SAMPLE + 8 + metrics.width(LABELS[type], size) + 8,
      draw: (list, x, y) => {
        const rect = { x, y: y - 0.5, w: SAMPLE, h: 1 };
        const commands: PathCommand[] = [
          { op: 'M', points: [{ x, y }] },
          { op: 'L', points: [{ x: x + SAMPLE, y }] },
        ];
        list.add(relationLine(part, `${LABELS[type]} sample`, type, commands, rect), rect);
        if (type === 'conflict') conflictMark(part, list, x + SAMPLE / 2, y);
        label(list, x + SAMPLE + 8, y, LABELS[type]);
      },
    }),
  );
  const stances = use.stances.map(
    (stance): Item => ({
      width: 14 + 6 + metrics.width(capitalize(stance), size) + 8,
      draw: (list, x, y) => {
        list.add(stanceGlyph(part, stance, x + 7, y, 5.5), { x, y: y - 7, w: 14, h: 14 });
        label(list, x + 20, y, capitalize(stance));
      },
    }),
  );
  return [relations, stances];
}

const rowWidth = (row: readonly Item[]) =>
  row.reduce((sum, item) => sum + item.width, 0) + SPACING * (row.length - 1);

/** The legend along the bottom of `area`, in the deck's number of lines, its last line `height / 2` above the bottom. */
export function drawLegend(part: SlidePart, area: Rect, use: LegendUse): ShapeList {
  const [height, lineGap] = [LEGEND_H, LEGEND_LINE];
  const lineCount = legendLineCount(area.w, use);
  let size: number = FONT;
  let [relations, stances] = items(part, size, use);
  // A line as drawn: on one line, the relations and the stances three spacings apart (a spacer between).
  const widest = () =>
    lineCount === 1
      ? rowWidth(relations) + 3 * SPACING + rowWidth(stances)
      : Math.max(rowWidth(relations), rowWidth(stances));
  // Set smaller until it fits: the samples and the gaps keep their size, so a step may not be enough.
  for (let step = 0; step < 5 && widest() > area.w && size > 9; step++) {
    size = Math.max(9, (size * area.w) / widest() - 0.1);
    [relations, stances] = items(part, size, use);
  }
  const lines =
    relations.length === 0
      ? [stances]
      : lineCount === 1
        ? [[...relations, { width: SPACING, draw: () => {} }, ...stances]]
        : [relations, stances];
  const list = new ShapeList();
  const bottom = area.y + area.h;
  lines.forEach((row, n) => {
    const y = bottom - height / 2 - (lines.length - 1 - n) * lineGap;
    let x = area.x + (area.w - rowWidth(row)) / 2;
    for (const item of row) {
      item.draw(list, x, y);
      x += item.width + SPACING;
    }
  });
  return list;
}
