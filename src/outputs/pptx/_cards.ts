/**
 * Cards in the columns the slide model gives each slide (actors here, risks
 * in _riskCards.ts): each card a group (its panel, its coloured edge, its
 * text boxes), the last card of each column stretched so the columns end
 * level, as in the deck.
 */
import type { Stance } from '../../format/briefing.js';
import type { ActorCard, ActorsSlide } from '../../slides/types.js';
import { stanceGlyph } from './_legend.js';
import { withMarkRuns } from './_marks.js';
import { type Block, placeStack, type SlidePart, stackHeight, textShape } from './_part.js';
import { type Paragraph, plainParagraph, readHtml } from './_runs.js';
import { group, type Rect, ShapeList, shape } from './_xml.js';

/** A card: its height in a column, and how to draw it at a place (with the height it is stretched to). */
export interface Card {
  height: number;
  draw: (rect: Rect) => void;
}

/**
 * Lays out columns of items as cards over the body, each card made as wide
 * as its column by `card`; returns the height used.
 */
export function drawColumns<T>(
  part: SlidePart,
  body: Rect,
  items: readonly (readonly T[])[],
  spacing: { columnGap: number; gap: number },
  card: (part: SlidePart, item: T, width: number) => Card,
): number {
  const { columnGap, gap } = spacing;
  const width = columnWidth(part, body, items.length, columnGap);
  const columns = items.map((column) => column.map((item) => card(part, item, width)));
  const stacked = (cards: Card[]) =>
    cards.reduce((sum, card) => sum + card.height, 0) + Math.max(0, cards.length - 1) * part.z(gap);
  const tallest = Math.max(0, ...columns.map(stacked));
  columns.forEach((cards, c) => {
    const x = body.x + c * (width + part.z(columnGap));
    let y = body.y;
    cards.forEach((card, i) => {
      const h = i === cards.length - 1 ? body.y + tallest - y : card.height;
      card.draw({ x, y, w: width, h });
      y += card.height + part.z(gap);
    });
  });
  return tallest;
}

const columnWidth = (part: SlidePart, body: Rect, columns: number, gap: number): number =>
  (body.w - (columns - 1) * part.z(gap)) / Math.max(1, columns);

/** A card's panel (surface, thin border) and its coloured edge, into `list`. */
export function cardFrame(
  part: SlidePart,
  list: ShapeList,
  rect: Rect,
  edge: Rect,
  colour: string,
  border: number,
): void {
  const { palette } = part.deck;
  const line = { color: palette.line, width: border };
  list.add(shape(part.ids, { name: 'Card', rect, geometry: 'rect', fill: palette.surface, line }), rect);
  list.add(shape(part.ids, { name: 'Edge', rect: edge, geometry: 'rect', fill: colour }), edge);
}

function actorStyles(part: SlidePart) {
  const { layout, palette } = part.deck;
  const a = layout.actors;
  return {
    name: part.style({
      size: a.nameSize,
      lineHeight: layout.text.headingLineHeight,
      color: palette.heading,
      bold: true,
    }),
    stance: part.style({
      size: a.stanceSize,
      lineHeight: 1.3,
      color: palette.text,
      bold: true,
      caps: true,
      tracking: a.stanceTracking,
    }),
    kind: part.style({ size: a.kindSize, lineHeight: layout.text.lineHeight, color: palette.muted }),
    role: part.style({ size: a.roleSize, lineHeight: a.roleLineHeight, color: palette.text }),
  };
}

function actorCard(part: SlidePart, card: ActorCard, width: number): Card {
  const { layout, palette, metrics } = part.deck;
  const a = layout.actors;
  const z = (v: number) => part.z(v);
  const styles = actorStyles(part);
  const inner = width - z(2 * a.padX + a.border + a.stanceBorder);
  const markW = z(a.stanceMark + a.stanceMarkGap);
  const labelW =
    metrics.width(card.stanceLabel.toUpperCase(), styles.stance.size, true) +
    card.stanceLabel.length * a.stanceTracking * styles.stance.size +
    6;
  const nameW = inner - z(a.nameGap) - markW - labelW;
  const name: Paragraph[] = [
    { runs: withMarkRuns([{ text: card.name }], card.change, palette, 'after'), level: 0 },
  ];
  const nameH = part.measure(name, nameW, styles.name);
  const blocks: Block[] = [
    {
      name: 'Kind',
      paragraphs: card.kind ? [plainParagraph(card.kind)] : [],
      style: styles.kind,
      gap: z(a.kindGap),
    },
    { name: 'Role', paragraphs: readHtml(card.roleHtml), style: styles.role, gap: z(a.roleGap) },
  ];
  const height = z(a.padTop + a.padBottom + 2 * a.border) + nameH + stackHeight(part, blocks, inner);
  const draw = (rect: Rect) => {
    const list = new ShapeList();
    const stance = card.stance as Stance;
    const edge = { x: rect.x, y: rect.y, w: z(a.stanceBorder), h: rect.h };
    cardFrame(part, list, rect, edge, palette.stance[stance] ?? palette.line, z(a.border));
    const x = rect.x + z(a.stanceBorder + a.padX);
    const y = rect.y + z(a.border + a.padTop);
    const placed = textShape(part, { name: 'Name', x, y, w: nameW, paragraphs: name, style: styles.name });
    list.add(placed.xml, placed.rect);
    // The stance, right-aligned on the name's first line: its glyph, then its label.
    const labelH = styles.stance.size * styles.stance.lineHeight;
    const labelY = y + (styles.name.size * styles.name.lineHeight - labelH) / 2;
    const markX = rect.x + rect.w - z(a.padX + a.border) - labelW - markW;
    const mark = z(a.stanceMark) / 2;
    list.add(stanceGlyph(part, stance, markX + mark, labelY + labelH / 2, mark), {
      x: markX,
      y: labelY,
      w: 2 * mark,
      h: 2 * mark,
    });
    const label = [plainParagraph(card.stanceLabel)];
    const labelBox = textShape(part, {
      name: 'Stance',
      x: markX + markW,
      y: labelY,
      w: labelW,
      paragraphs: label,
      style: styles.stance,
    });
    list.add(labelBox.xml, labelBox.rect);
    placeStack(part, list, { x, y: y + nameH, w: inner }, blocks);
    part.add(group(part.ids, card.name, `${card.name}: ${card.stanceLabel}`, list));
  };
  return { height, draw };
}

export function drawActors(slide: ActorsSlide, part: SlidePart, body: Rect): number {
  return drawColumns(part, body, slide.columns, part.deck.layout.actors, actorCard);
}
