/**
 * The risk matrix as native shapes, grouped: a rectangle per cell in its
 * severity colour, the axis labels as text, a numbered circle per risk and
 * a "+N" pill for the risks a crowded cell has no room for, all where the
 * deck's SVG puts them (both draw riskMatrixLayout.ts's layout); the key
 * beside it (wide slides) or under it.
 */
import type { Impact, Likelihood } from '../../format/briefing.js';
import type { RiskMatrixSlide } from '../../slides/types.js';
import { matrixMoves } from '../../slides/visuals/_matrixChanges.js';
import { describeBadge, describeRisk } from '../../slides/visuals/riskMatrix.js';
import {
  layOutRiskMatrix,
  type MatrixLabel,
  type MatrixRisk,
  NUMBER_SIZE,
  type RiskMatrixLayout,
} from '../../slides/visuals/riskMatrixLayout.js';
import { withMarkRuns } from './_marks.js';
import { placeText, type SlidePart, textShape } from './_part.js';
import { drawRisks, marker } from './_riskCards.js';
import { type Paragraph, plainParagraph } from './_runs.js';
import type { TextStyle } from './_text.js';
import { mix, type Palette } from './_theme.js';
import { boundsOf, group, pathGeometry, preset, type Rect, ShapeList, shape } from './_xml.js';

/** Every risk on the matrix (the key on its slide may hold only the first; the risk register continues it). */
function allRisks(part: SlidePart): MatrixRisk[] {
  const matrix = part.deck.model.slides.find((slide) => slide.kind === 'risk-matrix');
  return (matrix?.kind === 'risk-matrix' ? matrix.plotted : []).map((item) => ({
    number: item.number,
    title: item.title,
    likelihood: item.likelihood as Likelihood,
    impact: item.impact as Impact,
    ...(item.change?.movedFrom ? { from: item.change.movedFrom } : {}),
  }));
}

/** The matrix being drawn: its layout, its scale, where its viewBox units land on the slide, the shapes so far. */
interface Canvas {
  part: SlidePart;
  layout: RiskMatrixLayout;
  s: number;
  at: (x: number, y: number, w?: number, h?: number) => Rect;
  list: ShapeList;
}

/** A one-line label in `rect` (viewBox units), vertically centred. */
function label(canvas: Canvas, rect: Rect, value: string, style: TextStyle): void {
  const placed = textShape(canvas.part, {
    name: value,
    ...canvas.at(rect.x, rect.y, rect.w, rect.h),
    paragraphs: [plainParagraph(value)],
    style: { ...style, size: style.size * canvas.s },
    body: { anchor: 'ctr', wrap: false },
  });
  canvas.list.add(placed.xml, placed.rect);
}

function drawCells({ part, layout, s, at, list }: Canvas): void {
  const { palette } = part.deck;
  for (const cell of layout.cells) {
    const rect = at(cell.x, cell.y, cell.w, cell.h);
    const fill = palette.sev[cell.severity - 1] as string;
    const line = { color: palette.bg, width: 2 * s };
    const name = `${cell.likelihood.charAt(0).toUpperCase()}${cell.likelihood.slice(1)} × ${cell.impact}`;
    list.add(shape(part.ids, { name, rect, geometry: 'rect', fill, line }), rect);
  }
}

/** A label's box: from the left edge to an end-anchored label, across a centred one, vertically on its text. */
function labelBox(item: MatrixLabel, width: number): Rect {
  const h = item.size * 1.4;
  const y = item.y - 0.3 * item.size - h / 2;
  if (item.anchor === 'end') return { x: 0, y, w: item.x, h };
  if (item.anchor === 'start') return { x: item.x, y, w: width - item.x, h };
  const half = Math.min(item.x, width - item.x);
  return { x: item.x - half, y, w: 2 * half, h };
}

/** The axes: the layout's labels; the terms smaller where the PowerPoint font would not fit the longest. */
function drawAxes(canvas: Canvas): void {
  const { palette, metrics } = canvas.part.deck;
  const fit = Math.min(
    1,
    ...canvas.layout.labels
      .filter((item) => item.kind === 'term' && item.anchor === 'end')
      .map((item) => (item.x - 4) / metrics.width(item.text, item.size, true)),
  );
  for (const item of canvas.layout.labels) {
    const align = item.anchor === 'end' ? 'r' : item.anchor === 'start' ? 'l' : 'ctr';
    const style: TextStyle =
      item.kind === 'axis'
        ? {
            size: item.size,
            lineHeight: 1.15,
            color: palette.muted,
            bold: true,
            caps: true,
            tracking: 0.1,
            align,
          }
        : item.kind === 'term'
          ? { size: item.size * fit, lineHeight: 1.15, color: palette.text, bold: true, align }
          : { size: item.size, lineHeight: 1.15, color: palette.muted, align };
    label(canvas, labelBox(item, canvas.layout.width), item.text, style);
  }
}

/** What moved since the previous version (`--since`): each old marker, dashed, and an arrow to the risk's marker. */
function drawMoves({ part, layout, s, at, list }: Canvas): void {
  const { palette } = part.deck;
  // The deck draws them in the text's colour, faded (themes/changes.css): here mixed with the background.
  const was = mix(palette.text, palette.bg, 0.5);
  const arrow = mix(palette.text, palette.bg, 0.65);
  for (const move of matrixMoves(layout)) {
    const rect = at(move.was.x - move.was.r, move.was.y - move.was.r, 2 * move.was.r, 2 * move.was.r);
    const old = textShape(part, {
      name: `Risk ${move.number} before`,
      ...rect,
      paragraphs: [plainParagraph(String(move.number))],
      style: { size: NUMBER_SIZE * s, lineHeight: 1, color: was, bold: true, align: 'ctr' },
      geometry: 'ellipse',
      line: { color: was, width: 1.5 * s, dash: [2, 1.33] },
      body: { anchor: 'ctr', wrap: false, insets: [0, 0, 0, 0] },
    });
    list.add(old.xml, rect);
    if (!move.arrow) continue;
    const [start, tip] = [at(move.arrow.start.x, move.arrow.start.y), at(move.arrow.tip.x, move.arrow.tip.y)];
    const box = boundsOf([start, tip]);
    const commands = [
      { op: 'M' as const, points: [start] },
      { op: 'L' as const, points: [tip] },
    ];
    const line = { color: arrow, width: 2 * s, tail: true };
    list.add(
      shape(part.ids, {
        name: `Risk ${move.number} moved`,
        rect: box,
        geometry: pathGeometry(commands, box),
        line,
      }),
      box,
    );
  }
}

function drawMarkers({ part, layout, s, at, list }: Canvas): void {
  const { palette } = part.deck;
  for (const { risk, x, y, r } of layout.markers) {
    const rect = at(x - r, y - r, 2 * r, 2 * r);
    const placed = textShape(part, {
      name: `Risk ${risk.number}`,
      ...rect,
      paragraphs: [plainParagraph(String(risk.number))],
      style: { size: NUMBER_SIZE * s, lineHeight: 1, color: palette.bg, bold: true, align: 'ctr' },
      geometry: 'ellipse',
      fill: palette.text,
      line: { color: palette.bg, width: 2 * s },
      body: { anchor: 'ctr', wrap: false, insets: [0, 0, 0, 0] },
      descr: describeRisk(risk),
    });
    list.add(placed.xml, rect);
  }
  for (const badge of layout.badges) {
    const rect = at(badge.x - badge.w / 2, badge.y - badge.h / 2, badge.w, badge.h);
    const placed = textShape(part, {
      name: `More risks ${badge.text}`,
      ...rect,
      paragraphs: [plainParagraph(badge.text)],
      style: { size: NUMBER_SIZE * s, lineHeight: 1, color: palette.text, bold: true, align: 'ctr' },
      geometry: preset('roundRect', { adj: 50000 }),
      fill: palette.bg,
      line: { color: palette.text, width: 2 * s },
      body: { anchor: 'ctr', wrap: false, insets: [0, 0, 0, 0] },
      descr: describeBadge(badge),
    });
    list.add(placed.xml, rect);
  }
}

/** The matrix, scaled to fit `area` as the deck's SVG is (centred across, at the top), grouped. */
function drawMatrix(part: SlidePart, area: Rect, description: string): void {
  const risks = allRisks(part);
  const layout = layOutRiskMatrix(risks);
  const s = Math.min(area.w / layout.width, area.h / layout.height);
  const ox = area.x + (area.w - layout.width * s) / 2;
  const at = (x: number, y: number, w = 0, h = 0): Rect => ({
    x: ox + x * s,
    y: area.y + y * s,
    w: w * s,
    h: h * s,
  });
  const canvas: Canvas = { part, layout, s, at, list: new ShapeList() };
  drawCells(canvas);
  drawAxes(canvas);
  drawMoves(canvas);
  drawMarkers(canvas);
  part.add(group(part.ids, 'Risk matrix', description, canvas.list), { visual: area });
}

interface KeyStyle {
  columnW: number;
  textX: number;
  title: TextStyle;
  rating: TextStyle;
}

function keyStyle(part: SlidePart, width: number): KeyStyle {
  const { layout, palette } = part.deck;
  const k = layout.riskKey;
  return {
    columnW: (width - (k.columns - 1) * part.z(k.columnGap)) / k.columns,
    textX: part.z(k.markerColumn + k.markerGap),
    title: part.style({
      size: k.titleSize,
      lineHeight: layout.text.headingLineHeight,
      color: palette.text,
      bold: true,
    }),
    rating: part.style({ size: k.ratingSize, lineHeight: layout.text.lineHeight, color: palette.muted }),
  };
}

const keyTitle = (item: RiskMatrixSlide['key'][number], palette: Palette): Paragraph[] => [
  { runs: withMarkRuns([{ text: item.title }], item.change, palette, 'after'), level: 0 },
];
const keyRating = (item: RiskMatrixSlide['key'][number]) => [
  plainParagraph(`${item.likelihood} · ${item.impact} impact`),
];

/** The key's rows (a grid filled row by row, as the deck's): each row's height. */
function keyRowHeights(slide: RiskMatrixSlide, part: SlidePart, style: KeyStyle): number[] {
  const k = part.deck.layout.riskKey;
  const heights: number[] = [];
  slide.key.forEach((item, index) => {
    const w = style.columnW - style.textX;
    const h = Math.max(
      part.z(30),
      part.measure(keyTitle(item, part.deck.palette), w, style.title) +
        part.measure(keyRating(item), w, style.rating),
    );
    const row = Math.floor(index / k.columns);
    heights[row] = Math.max(heights[row] ?? 0, h);
  });
  return heights;
}

function keyHeight(heights: readonly number[], part: SlidePart): number {
  const k = part.deck.layout.riskKey;
  return (
    part.z(k.padTop) +
    heights.reduce((sum, h) => sum + h, 0) +
    Math.max(0, heights.length - 1) * part.z(k.gap)
  );
}

/** The key: a marker and each risk's title and rating, in the layout's columns; returns its height. */
function drawKey(slide: RiskMatrixSlide, part: SlidePart, area: Rect): number {
  const { layout } = part.deck;
  const k = layout.riskKey;
  const style = keyStyle(part, area.w);
  const heights = keyRowHeights(slide, part, style);
  const rowY = heights.map(
    (_, row) =>
      area.y + part.z(k.padTop) + heights.slice(0, row).reduce((sum, h) => sum + h + part.z(k.gap), 0),
  );
  slide.key.forEach((item, index) => {
    const x = area.x + (index % k.columns) * (style.columnW + part.z(k.columnGap));
    const y = rowY[Math.floor(index / k.columns)] ?? area.y;
    part.add(marker(part, { x, y, w: part.z(30), h: part.z(30) }, item.number).xml);
    const w = style.columnW - style.textX;
    const th = placeText(part, {
      name: `Key ${item.number}`,
      x: x + style.textX,
      y,
      w,
      paragraphs: keyTitle(item, part.deck.palette),
      style: style.title,
    });
    placeText(part, {
      name: `Key ${item.number} rating`,
      x: x + style.textX,
      y: y + th,
      w,
      paragraphs: keyRating(item),
      style: style.rating,
    });
  });
  return keyHeight(heights, part);
}

/** The risk matrix slide: the matrix and its key, beside it on a wide slide, else under it. */
export function drawRiskMatrix(slide: RiskMatrixSlide, part: SlidePart, body: Rect): number {
  const { layout, frame } = part.deck;
  const o = layout.riskOverview;
  // A short list's cards stand in the key's place.
  const cards = { ...slide, kind: 'risks' as const, risks: slide.cards.flat(), columns: slide.cards };
  const beside = (area: Rect) =>
    slide.cards.length > 0 ? drawRisks(cards, part, area) : drawKey(slide, part, area);
  if (frame.wide) {
    const matrixW = (body.w * o.matrixShare) / 100;
    drawMatrix(part, { x: body.x, y: body.y, w: matrixW, h: body.h }, slide.description);
    const keyX = body.x + matrixW + part.z(o.columnGap);
    return beside({ x: keyX, y: body.y, w: body.x + body.w - keyX, h: body.h });
  }
  if (slide.cards.length > 0) {
    const matrixH = body.h - part.z(o.keyMaxHeight + o.rowGap);
    drawMatrix(part, { x: body.x, y: body.y, w: body.w, h: matrixH }, slide.description);
    const y = body.y + matrixH + part.z(o.rowGap);
    return y - body.y + beside({ x: body.x, y, w: body.w, h: body.h - matrixH });
  }
  const under = keyHeight(keyRowHeights(slide, part, keyStyle(part, body.w)), part);
  const matrixH = Math.max(body.h / 2, body.h - under - part.z(o.rowGap));
  drawMatrix(part, { x: body.x, y: body.y, w: body.w, h: matrixH }, slide.description);
  const y = body.y + matrixH + part.z(o.rowGap);
  return y - body.y + drawKey(slide, part, { x: body.x, y, w: body.w, h: body.h - matrixH });
}
