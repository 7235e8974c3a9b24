/**
 * The actor map as native shapes, grouped: a rounded box per actor (stance
 * colour, tinted fill, the stance glyph), a line per relation in its style
 * (conflict with a ✕, alliance double, support with arrowheads, rivalry
 * dashed), the row of actors without relations, and the legend. Positions
 * come from the same pure layout and routing as the deck's SVG
 * (slides/visuals/), at the same size, so the shapes sit where the SVG
 * draws them. The slide model carries the map only as SVG, so the actors
 * are read from the actor cards and laid out again (see MAP_SIZE below).
 */
import type { RelationType, Stance } from '../../format/briefing.js';
import { textWidth as deckTextWidth } from '../../format/textMetrics.js';
import { REST_TABLE } from '../../slides/actorMapTable.js';
import { textHeight as deckTextHeight } from '../../slides/paginate.js';
import type { ActorMapSlide, ActorsSlide } from '../../slides/types.js';
import type { Box } from '../../slides/visuals/_geometry.js';
import { type ActorGraph, actorGraph, type Edge, type MapActor } from '../../slides/visuals/actorGraph.js';
import {
  type Label,
  layOutActors,
  PAD_X,
  type PlacedActor,
  SAFETY,
} from '../../slides/visuals/actorLayout.js';
import {
  CHANGE_PILL,
  changePillRect,
  legendLineCount,
  legendUse,
  SEVERAL_FONT,
  SEVERAL_PAD,
  severalLabel,
} from '../../slides/visuals/actorMap.js';
import { ARROW_LEN, type EdgePath, routeEdges } from '../../slides/visuals/edgeRouting.js';
import type { Deck } from './_frame.js';
import { conflictMark, drawLegend, LEGEND_H, LEGEND_LINE, relationLine, stanceGlyph } from './_legend.js';
import { pillColour } from './_marks.js';
import { placeText, type SlidePart, textShape } from './_part.js';
import { plainParagraph } from './_runs.js';
import { type Cell, placeTable, type Row } from './_table.js';
import type { TextStyle } from './_text.js';
import { mix } from './_theme.js';
import {
  boundsOf,
  group,
  type PathCommand,
  pathGeometry,
  preset,
  type Rect,
  ShapeList,
  shape,
} from './_xml.js';

/** Every actor of the deck, from its actor cards, in file order. */
export function mapActors(deck: Deck): MapActor[] {
  const cards = deck.model.slides.flatMap((slide) =>
    slide.kind === 'actors' ? (slide as ActorsSlide).actors : [],
  );
  const order = (path: string) => Number(/\[(\d+)\]/.exec(path)?.[1] ?? 0);
  return [...cards]
    .sort((a, b) => order(a.yamlPath) - order(b.yamlPath))
    .map((card) => ({
      name: card.name,
      stance: card.stance as Stance,
      relations: card.relations.map((relation) => ({
        with: relation.with,
        type: relation.type as RelationType,
      })),
      ...(card.change ? { change: { status: card.change.status, label: card.change.label } } : {}),
    }));
}

/** The map's size in the deck: the body, less the sentence saying what it leaves out (actors.ts's actorMapSlide). */
export function mapSize(deck: Deck, notDrawn: string): { width: number; height: number } {
  const { layout, frame } = deck;
  const m = layout.actorMap;
  const below = notDrawn
    ? m.omittedGap +
      deckTextHeight(notDrawn, frame.body.w, { size: m.omittedSize, lineHeight: m.omittedLineHeight })
    : 0;
  return { width: frame.body.w, height: Math.floor(frame.body.h - below) };
}

const at = (origin: Point, box: Box): Rect => ({
  x: origin.x + box.x - box.w / 2,
  y: origin.y + box.y - box.h / 2,
  w: box.w,
  h: box.h,
});

function drawNode(
  part: SlidePart,
  origin: Point,
  name: string,
  stance: Stance,
  box: Box,
  label: Label,
  change?: MapActor['change'],
): string {
  const { palette, metrics } = part.deck;
  const colour = palette.stance[stance];
  const rect = at(origin, box);
  const left = PAD_X + 19;
  const room = box.w - left - PAD_X;
  // The deck's lines, in the PowerPoint font: smaller when a line would not fit its box.
  const widest = Math.max(...label.lines.map((line) => metrics.width(line, label.font, true)), 1);
  const size = Math.min(label.font, (label.font * room * 0.98) / widest);
  const text = textShape(part, {
    name,
    ...rect,
    paragraphs: [plainParagraph(label.lines.join('\n'))],
    style: { size, lineHeight: 1.2, color: palette.text, bold: true, align: 'ctr' },
    geometry: preset('roundRect', { adj: (6 / Math.min(box.w, box.h)) * 100000 }),
    fill: mix(colour, palette.bg, 0.09),
    line: { color: colour, width: 2 },
    body: { anchor: 'ctr', insets: [left, 2, PAD_X, 2], wrap: false },
  });
  const list = new ShapeList();
  list.add(text.xml, rect);
  list.add(stanceGlyph(part, stance, rect.x + PAD_X + 5.5, origin.y + box.y, 5.5), rect);
  if (change) {
    // The deck's pill on the box's top border (actorMap.ts's changePill), in the mark's colour.
    const c = CHANGE_PILL;
    const pill = changePillRect(metrics.width(change.label, c.font, true), rect.x + rect.w, rect.y);
    const mark = textShape(part, {
      name: `${name}: ${change.label}`,
      ...pill,
      paragraphs: [plainParagraph(change.label)],
      style: { size: c.font, lineHeight: 1, color: '#ffffff', bold: true, align: 'ctr' },
      geometry: preset('roundRect', { adj: (3 / c.height) * 100000 }),
      fill: pillColour(change.status),
      body: { anchor: 'ctr', insets: [0, 0, 0, 0], wrap: false },
    });
    list.add(mark.xml, pill);
  }
  return group(part.ids, name, `${name} (${stance})`, list);
}

type Point = { x: number; y: number };

/**
 * The points of an edge's path as edgeRouting.ts writes it (`M x y L x y`
 * or `M x y Q cx cy x y`: our own output, numbers only), moved to `origin`.
 */
function pathPoints(d: string, origin: Point): Point[] {
  const numbers = (d.match(/-?\d+(?:\.\d+)?/g) ?? []).map(Number);
  const points: Point[] = [];
  for (let i = 0; i + 1 < numbers.length; i += 2) {
    points.push({ x: (numbers[i] as number) + origin.x, y: (numbers[i + 1] as number) + origin.y });
  }
  return points;
}

/** `end` moved on by `length`, away from `from`: the arrowhead's room, which the route leaves free for the SVG's marker. */
function extend(end: Point, from: Point, length: number): Point {
  const d = Math.hypot(end.x - from.x, end.y - from.y) || 1;
  return { x: end.x + ((end.x - from.x) / d) * length, y: end.y + ((end.y - from.y) / d) * length };
}

function drawEdge(part: SlidePart, origin: Point, path: EdgePath, names: string[]): string {
  const { edge } = path;
  const [start, ...rest] = pathPoints(path.d, origin);
  if (!start || rest.length === 0) return '';
  const points = [start, ...rest];
  // DrawingML's arrowheads end at the line's end, the SVG's markers beyond it.
  if (edge.type === 'support') {
    points[points.length - 1] = extend(
      points[points.length - 1] as Point,
      points[points.length - 2] as Point,
      ARROW_LEN,
    );
    if (edge.mutual) points[0] = extend(start, rest[0] as Point, ARROW_LEN);
  }
  const [p0, p1, p2] = points as [Point, Point, Point | undefined];
  const commands: PathCommand[] = p2
    ? [
        { op: 'M', points: [p0] },
        { op: 'Q', points: [p1, p2] },
      ]
    : [
        { op: 'M', points: [p0] },
        { op: 'L', points: [p1] },
      ];
  const rect = boundsOf(points);
  const several = edge.types.length > 1;
  const words = several ? severalLabel(edge) : `${edge.type}${edge.mutual ? ' (mutual)' : ''}`;
  const label = `${names[edge.from]} – ${names[edge.to]}: ${words}`;
  const line = several
    ? severalLine(part, label, edge, commands, rect)
    : relationLine(part, label, edge.type, commands, rect, edge.mutual);
  if (!path.mark) return line;
  const list = new ShapeList();
  list.add(line, rect);
  if (several) severalPill(part, list, words, path.mark.x + origin.x, path.mark.y + origin.y);
  else conflictMark(part, list, path.mark.x + origin.x, path.mark.y + origin.y);
  return group(part.ids, label, label, list);
}

/** The plain line of several relations between one pair, arrowed for support (actorMap.ts's drawSeveral). */
function severalLine(part: SlidePart, name: string, edge: Edge, commands: PathCommand[], rect: Rect): string {
  const support = edge.type === 'support';
  const line = { color: part.deck.palette.muted, width: 2.5, tail: support, head: support && edge.mutual };
  return shape(part.ids, { name, rect, geometry: pathGeometry(commands, rect), line });
}

/** The pill naming the relations of a line for several, centred on (x, y). */
function severalPill(part: SlidePart, list: ShapeList, words: string, x: number, y: number): void {
  const { palette, metrics } = part.deck;
  const w = Math.max(
    metrics.width(words, SEVERAL_FONT, true),
    deckTextWidth(words, SEVERAL_FONT, 600) * SAFETY,
  );
  const h = SEVERAL_FONT * 1.5;
  const rect = { x: x - w / 2 - SEVERAL_PAD, y: y - h / 2, w: w + 2 * SEVERAL_PAD, h };
  const placed = textShape(part, {
    name: words,
    ...rect,
    paragraphs: [plainParagraph(words)],
    style: { size: SEVERAL_FONT, lineHeight: 1.2, color: palette.text, bold: true, align: 'ctr' },
    geometry: preset('roundRect', { adj: 50000 }),
    fill: palette.bg,
    line: { color: palette.muted, width: 1.5 },
    body: { anchor: 'ctr', wrap: false },
  });
  list.add(placed.xml, rect);
}

function drawRow(
  part: SlidePart,
  origin: Point,
  width: number,
  row: NonNullable<ReturnType<typeof layOutActors>['row']>,
  names: string[],
  stances: Stance[],
  changes: ActorGraph['changes'],
): ShapeList {
  const { palette } = part.deck;
  const list = new ShapeList();
  const rule = { x: origin.x, y: origin.y + row.ruleY, w: width, h: 0 };
  list.add(
    shape(part.ids, {
      name: 'Row rule',
      rect: rule,
      geometry: 'line',
      line: { color: palette.line, width: 1 },
    }),
    rule,
  );
  const style = { size: 12.5, lineHeight: 1.2, color: palette.muted, bold: true, caps: true, tracking: 0.1 };
  const captionH = 12.5 * 1.2;
  const caption = textShape(part, {
    name: 'Row caption',
    x: origin.x + row.captionX,
    y: origin.y + row.captionY - captionH / 2,
    w: part.deck.metrics.width(row.caption.toUpperCase(), 12.5, true) + row.caption.length * 1.25 + 8,
    paragraphs: [plainParagraph(row.caption)],
    style,
  });
  list.add(caption.xml, caption.rect);
  for (const placed of row.actors) {
    const name = names[placed.actor] as string;
    list.add(
      drawNode(
        part,
        origin,
        name,
        stances[placed.actor] as Stance,
        placed.box,
        placed.label,
        changes[placed.actor],
      ),
      at(origin, placed.box),
    );
  }
  return list;
}

/** The relations the map does not draw: the slide's tables side by side, as the deck sets them. */
function drawRest(slide: ActorMapSlide, part: SlidePart, body: Rect): number {
  const { palette } = part.deck;
  const t = REST_TABLE;
  const z = (px: number) => part.z(px);
  const gap = z(t.columnGap);
  const tableW = (body.w - (slide.rest.length - 1) * gap) / Math.max(1, slide.rest.length);
  const relationW = tableW * t.relationShare;
  const widths = [(tableW - relationW) / 2, relationW, (tableW - relationW) / 2];
  const text = part.style({ size: t.size, lineHeight: t.lineHeight, color: palette.text });
  const head = part.style({
    size: t.headSize,
    lineHeight: t.headLineHeight,
    color: palette.muted,
    bold: true,
  });
  const cell = (value: string, style: TextStyle): Cell => ({
    blocks: [{ paragraphs: [plainParagraph(value)], style }],
  });
  let tallest = 0;
  slide.rest.forEach((rows, n) => {
    const table: Row[] = [
      {
        cells: ['Actor', 'Relation', 'With'].map((label) => cell(label, head)),
        top: z(t.padY),
        bottom: z(t.padY),
        rule: { width: z(t.headRule), color: palette.line },
      },
      ...rows.map((row) => ({
        cells: [
          cell(row.from, { ...text, bold: true }),
          cell(row.relation, { ...text, color: palette.muted }),
          cell(row.to, { ...text, bold: true }),
        ],
        top: z(t.padY),
        bottom: z(t.padY),
        rule: { width: z(t.rule), color: palette.line },
      })),
    ];
    const descr = `Relations not drawn on the actor map: ${rows.map((row) => `${row.from} ${row.relation} ${row.to}`).join('; ')}`;
    const area = { x: body.x + n * (tableW + gap), y: body.y, w: tableW, h: body.h };
    tallest = Math.max(
      tallest,
      placeTable(part, area, { name: 'Relations not drawn', descr }, widths, table, z(t.padX)),
    );
  });
  return tallest;
}

/** The actor map slide: the map, grouped, and the sentence saying what it leaves out; or, continued, the relations it does not draw. */
export function drawActorMap(slide: ActorMapSlide, part: SlidePart, body: Rect): number {
  if (!slide.svgHtml) return drawRest(slide, part, body);
  const { deck } = part;
  const graph = actorGraph(mapActors(deck));
  const { width, height } = mapSize(deck, slide.notDrawn);
  const use = legendUse(graph);
  const layout = layOutActors(
    graph,
    width,
    height,
    LEGEND_H + (legendLineCount(width, use) - 1) * LEGEND_LINE,
  );
  const boxes = new Map(layout.graph.map(({ actor, box }) => [actor, box]));
  const origin = { x: body.x, y: body.y };
  const map = new ShapeList();
  for (const path of routeEdges(graph.drawn, boxes, width, layout.graphHeight)) {
    map.add(drawEdge(part, origin, path, graph.names), boundsOf(pathPoints(path.d, origin)));
  }
  const nodes = (placed: readonly PlacedActor[]) => {
    for (const { actor, box, label } of placed) {
      const name = graph.names[actor] as string;
      const node = drawNode(
        part,
        origin,
        name,
        graph.stances[actor] as Stance,
        box,
        label,
        graph.changes[actor],
      );
      map.add(node, at(origin, box));
    }
  };
  nodes(layout.graph);
  if (layout.row) {
    const row = drawRow(part, origin, width, layout.row, graph.names, graph.stances, graph.changes);
    map.add(row.parts.join(''), row.bounds);
  }
  const legend = drawLegend(part, { x: origin.x, y: origin.y, w: width, h: height }, use);
  map.add(legend.parts.join(''), legend.bounds);
  part.add(group(part.ids, 'Actor map', slide.description, map), {
    visual: { ...origin, w: width, h: height },
  });
  if (!slide.notDrawn) return height;
  const m = deck.layout.actorMap;
  const style = part.style({
    size: m.omittedSize,
    lineHeight: m.omittedLineHeight,
    color: deck.palette.muted,
  });
  const y = body.y + height + m.omittedGap;
  return (
    height +
    m.omittedGap +
    placeText(part, {
      name: 'Not on the map',
      x: body.x,
      y,
      w: body.w,
      paragraphs: [plainParagraph(slide.notDrawn)],
      style,
    })
  );
}
