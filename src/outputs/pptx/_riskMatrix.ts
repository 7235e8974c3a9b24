/**
 * The risk matrix as native shapes, grouped: a rectangle per cell in its
 * severity colour, the axis labels as text, and a numbered circle per risk
 * placed as the deck's SVG places it; the key beside it (wide slides) or
 * under it. The geometry is riskMatrix.ts's (its viewBox, cells and marker
 * slots, repeated here: that module exports only the SVG; a test holds the
 * two to the same positions).
 */
import { IMPACTS, type Impact, LIKELIHOODS, type Likelihood } from '../../format/briefing.js';
import type { RiskMatrixSlide } from '../../slides/types.js';
import { capitalize } from '../../slides/visuals/_svg.js';
import { RISK_MATRIX_SIZE, severityOf } from '../../slides/visuals/riskMatrix.js';
import { placeText, type SlidePart, textShape } from './_part.js';
import { drawRisks, marker } from './_riskCards.js';
import { plainParagraph } from './_runs.js';
import type { TextStyle } from './_text.js';
import { group, type Rect, ShapeList, shape } from './_xml.js';

const CELL_W = 92;
const CELL_H = 62;
const TOP = 30;
const MARGIN = 8;
const LABEL_GAP = 12;
const TERM_SIZE = 17;
const RANGE_SIZE = 13.5;
const AXIS_SIZE = 13.5;
const GRID_W = CELL_W * IMPACTS.length;
const GRID_H = CELL_H * LIKELIHOODS.length;
const GRID_LEFT = RISK_MATRIX_SIZE.width - MARGIN - GRID_W;
const PAD = 5;
const GAP = 3;
const R_MAX = 14;
const R_MIN = 6;

export interface MatrixMarker {
  number: number;
  title: string;
  likelihood: Likelihood;
  impact: Impact;
  x: number;
  y: number;
  r: number;
}

const rowTop = (l: number) => TOP + (LIKELIHOODS.length - 1 - l) * CELL_H;
const colLeft = (i: number) => GRID_LEFT + i * CELL_W;

/** Where `count` markers go in a cell centred on (cx, cy): riskMatrix.ts's `slots`. */
function slots(count: number, cx: number, cy: number): { r: number; centres: { x: number; y: number }[] } {
  let best = { r: 0, rows: 1, cols: count };
  for (let rows = 1; rows <= count; rows++) {
    const cols = Math.ceil(count / rows);
    if (Math.ceil(count / cols) !== rows) continue;
    const r = Math.min(
      R_MAX,
      (CELL_W - 2 * PAD - (cols - 1) * GAP) / (2 * cols),
      (CELL_H - 2 * PAD - (rows - 1) * GAP) / (2 * rows),
    );
    if (r > best.r) best = { r, rows, cols };
  }
  if (best.r < R_MIN) {
    const cols = Math.max(1, Math.floor((CELL_W - 2 * PAD + GAP) / (2 * R_MIN + GAP)));
    best = { r: R_MIN, rows: Math.ceil(count / cols), cols };
  }
  const { r, rows, cols } = best;
  const step = 2 * r + GAP;
  const top = cy - ((rows - 1) * step) / 2;
  return {
    r,
    centres: Array.from({ length: count }, (_, index) => {
      const row = Math.floor(index / cols);
      const inRow = Math.min(cols, count - row * cols);
      const left = cx - ((inRow - 1) * step) / 2;
      return { x: left + (index % cols) * step, y: top + row * step };
    }),
  };
}

/** The markers of `risks`, in the matrix's viewBox units. */
export function matrixMarkers(risks: readonly Omit<MatrixMarker, 'x' | 'y' | 'r'>[]): MatrixMarker[] {
  const out: MatrixMarker[] = [];
  LIKELIHOODS.forEach(({ term }, l) => {
    IMPACTS.forEach((impact, i) => {
      const here = risks
        .map((risk, order) => ({ risk, order }))
        .filter(({ risk }) => risk.likelihood === term && risk.impact === impact)
        .sort((a, b) => a.risk.number - b.risk.number || a.order - b.order)
        .map(({ risk }) => risk);
      if (here.length === 0) return;
      const { r, centres } = slots(here.length, colLeft(i) + CELL_W / 2, rowTop(l) + CELL_H / 2);
      here.forEach((risk, k) => {
        out.push({ ...risk, ...(centres[k] as { x: number; y: number }), r });
      });
    });
  });
  return out;
}

/** Every risk on the matrix (the key on its slide may hold only the first; the risk register continues it). */
function allRisks(part: SlidePart) {
  const matrix = part.deck.model.slides.find((slide) => slide.kind === 'risk-matrix');
  return (matrix?.kind === 'risk-matrix' ? matrix.plotted : []).map((item) => ({
    number: item.number,
    title: item.title,
    likelihood: item.likelihood as Likelihood,
    impact: item.impact as Impact,
  }));
}

/** The matrix being drawn: its scale, where its viewBox units land on the slide, the shapes so far. */
interface Canvas {
  part: SlidePart;
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

function drawCells({ part, s, at, list }: Canvas): void {
  const { palette } = part.deck;
  LIKELIHOODS.forEach(({ term }, l) => {
    IMPACTS.forEach((impact, i) => {
      const rect = at(colLeft(i), rowTop(l), CELL_W, CELL_H);
      const fill = palette.sev[severityOf(term, impact) - 1] as string;
      const line = { color: palette.bg, width: 2 * s };
      list.add(
        shape(part.ids, { name: `${capitalize(term)} × ${impact}`, rect, geometry: 'rect', fill, line }),
        rect,
      );
    });
  });
}

/** The axes: likelihood terms and ranges right-aligned at the grid's left, impacts under it, the two titles. */
function drawAxes(canvas: Canvas): void {
  const { palette, metrics } = canvas.part.deck;
  const right = GRID_LEFT - LABEL_GAP;
  // In the PowerPoint font, smaller where the longest term would not fit.
  const longest = Math.max(
    ...LIKELIHOODS.map(({ term }) => metrics.width(capitalize(term), TERM_SIZE, true)),
  );
  const termSize = Math.min(TERM_SIZE, (TERM_SIZE * (right - MARGIN / 2)) / longest);
  const title = { size: AXIS_SIZE, color: palette.muted, bold: true, caps: true, tracking: 0.1 };
  label(canvas, { x: 0, y: TOP - 24, w: right, h: 16 }, 'Likelihood', {
    ...title,
    lineHeight: 1.15,
    align: 'r',
  });
  LIKELIHOODS.forEach((entry, l) => {
    const middle = rowTop(l) + CELL_H / 2;
    const term = { size: termSize, lineHeight: 1.15, color: palette.text, bold: true, align: 'r' as const };
    label(canvas, { x: 0, y: middle - 22, w: right, h: 22 }, capitalize(entry.term), term);
    const range = { size: RANGE_SIZE, lineHeight: 1.15, color: palette.muted, align: 'r' as const };
    label(canvas, { x: 0, y: middle + 1, w: right, h: 18 }, `${entry.min}–${entry.max} %`, range);
  });
  IMPACTS.forEach((impact, i) => {
    const style = {
      size: termSize * 0.95,
      lineHeight: 1.15,
      color: palette.text,
      bold: true,
      align: 'ctr' as const,
    };
    label(
      canvas,
      { x: colLeft(i) - 10, y: TOP + GRID_H + 8, w: CELL_W + 20, h: 24 },
      capitalize(impact),
      style,
    );
  });
  label(canvas, { x: GRID_LEFT, y: TOP + GRID_H + 40, w: GRID_W, h: 20 }, 'Impact', {
    ...title,
    lineHeight: 1.15,
    align: 'ctr',
  });
}

function drawMarkers({ part, s, at, list }: Canvas): void {
  const { palette } = part.deck;
  for (const marker of matrixMarkers(allRisks(part))) {
    const rect = at(marker.x - marker.r, marker.y - marker.r, 2 * marker.r, 2 * marker.r);
    const digits = String(marker.number).length;
    const size = marker.r * (digits === 1 ? 1.05 : digits === 2 ? 0.88 : 0.7) * s;
    const placed = textShape(part, {
      name: `Risk ${marker.number}`,
      ...rect,
      paragraphs: [plainParagraph(String(marker.number))],
      style: { size, lineHeight: 1, color: palette.bg, bold: true, align: 'ctr' },
      geometry: 'ellipse',
      fill: palette.text,
      line: { color: palette.bg, width: 2 * s },
      body: { anchor: 'ctr', wrap: false },
      descr: `${marker.number}. ${marker.title}: ${marker.likelihood}, ${marker.impact} impact.`,
    });
    list.add(placed.xml, rect);
  }
}

/** The matrix, scaled to fit `area` as the deck's SVG is (centred across, at the top), grouped. */
function drawMatrix(part: SlidePart, area: Rect, description: string): void {
  const s = Math.min(area.w / RISK_MATRIX_SIZE.width, area.h / RISK_MATRIX_SIZE.height);
  const ox = area.x + (area.w - RISK_MATRIX_SIZE.width * s) / 2;
  const at = (x: number, y: number, w = 0, h = 0): Rect => ({
    x: ox + x * s,
    y: area.y + y * s,
    w: w * s,
    h: h * s,
  });
  const canvas: Canvas = { part, s, at, list: new ShapeList() };
  drawCells(canvas);
  drawAxes(canvas);
  drawMarkers(canvas);
  part.add(group(part.ids, 'Risk matrix', description, canvas.list));
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

const keyTitle = (item: RiskMatrixSlide['key'][number]) => [plainParagraph(item.title)];
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
      part.measure(keyTitle(item), w, style.title) + part.measure(keyRating(item), w, style.rating),
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
      paragraphs: keyTitle(item),
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
