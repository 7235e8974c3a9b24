/**
 * The risk cards: a numbered marker and the title, the ratings as
 * label-over-value pairs (wrapping as the deck's flex row does), the
 * detail, and the indicators to watch; the top edge in the severity's colour.
 */

import { MOVED_BOTTOM } from '../../slides/_marks.js';
import type { RiskCard, RisksSlide } from '../../slides/types.js';
import { type Card, cardFrame, drawColumns } from './_cards.js';
import { movedParagraphs, withMarkRuns } from './_marks.js';
import { type Block, placeStack, type SlidePart, stackHeight, textShape } from './_part.js';
import { type Paragraph, plainParagraph, type Run, readHtml } from './_runs.js';
import type { TextStyle } from './_text.js';
import { group, type Rect, ShapeList } from './_xml.js';

function riskStyles(part: SlidePart) {
  const { layout, palette } = part.deck;
  const r = layout.risks;
  const caps = { bold: true, caps: true, color: palette.muted, lineHeight: 1.3 };
  return {
    title: part.style({
      size: r.titleSize,
      lineHeight: layout.text.headingLineHeight,
      color: palette.heading,
      bold: true,
    }),
    label: part.style({ ...caps, size: r.ratingLabelSize, tracking: r.ratingLabelTracking }),
    value: part.style({ size: r.ratingSize, lineHeight: 1.3, color: palette.text, bold: true }),
    detail: part.style({
      size: r.detailSize,
      lineHeight: r.detailLineHeight,
      color: palette.text,
      gap: r.detailParagraphGap,
    }),
    head: part.style({ ...caps, size: r.indicatorsHeadingSize, tracking: 0.08 }),
    indicator: part.style({
      size: r.indicatorSize,
      lineHeight: r.indicatorLineHeight,
      color: palette.text,
      gap: r.indicatorGap,
      indent: r.indicatorIndent,
      bulletColor: palette.accent,
      bulletChar: '►',
      bulletScale: 0.6,
    }),
  };
}

interface Rating {
  label: string;
  value: Run[];
}

interface PlacedRating {
  rating: Rating;
  x: number;
  row: number;
  w: number;
}

/** The ratings as label-over-value pairs in rows wrapped to `width`: each pair's x offset, row and width. */
function ratingRows(
  part: SlidePart,
  ratings: Rating[],
  width: number,
  label: TextStyle,
  value: TextStyle,
): PlacedRating[] {
  const { metrics, layout } = part.deck;
  let x = 0;
  let row = 0;
  return ratings.map((rating) => {
    const labelW =
      metrics.width(rating.label.toUpperCase(), label.size, true) +
      rating.label.length * (label.tracking ?? 0) * label.size;
    const valueW = rating.value.reduce(
      (sum, run) => sum + metrics.width(run.text, value.size, !run.regular),
      0,
    );
    const w = Math.max(labelW, valueW) + 8;
    if (x > 0 && x + w > width) {
      x = 0;
      row += 1;
    }
    const placed = { rating, x, row, w };
    x += w + part.z(layout.risks.ratingsColumnGap);
    return placed;
  });
}

function ratingsOf(part: SlidePart, card: RiskCard): Rating[] {
  const range: Run = { text: `(${card.likelihoodRange})`, regular: true, color: part.deck.palette.muted };
  return [
    { label: 'Likelihood', value: [{ text: `${card.likelihood} ` }, range] },
    { label: 'Impact', value: [{ text: card.impact }] },
    ...(card.confidence ? [{ label: 'Confidence', value: [{ text: card.confidence }] }] : []),
  ];
}

function drawRatings(
  part: SlidePart,
  list: ShapeList,
  rows: PlacedRating[],
  at: { x: number; y: number },
  styles: ReturnType<typeof riskStyles>,
): void {
  const rowH = styles.label.size * styles.label.lineHeight + styles.value.size * styles.value.lineHeight;
  for (const { rating, x, row, w } of rows) {
    const y = at.y + row * (rowH + part.z(part.deck.layout.risks.ratingsRowGap));
    const label = textShape(part, {
      name: rating.label,
      x: at.x + x,
      y,
      w,
      paragraphs: [plainParagraph(rating.label)],
      style: styles.label,
    });
    const valueY = y + styles.label.size * styles.label.lineHeight;
    const paragraphs: Paragraph[] = [{ runs: rating.value, level: 0 }];
    const value = textShape(part, {
      name: `${rating.label}: value`,
      x: at.x + x,
      y: valueY,
      w,
      paragraphs,
      style: styles.value,
    });
    list.add(label.xml, label.rect);
    list.add(value.xml, value.rect);
  }
}

/** The marker: a disc with the risk's number (also the matrix key's). */
export function marker(part: SlidePart, rect: Rect, number: number): { xml: string; rect: Rect } {
  const { palette } = part.deck;
  return textShape(part, {
    name: `Marker ${number}`,
    ...rect,
    paragraphs: [plainParagraph(String(number))],
    style: { size: part.z(16), lineHeight: 1, color: palette.markerText, bold: true, align: 'ctr' },
    geometry: 'ellipse',
    fill: palette.markerBg,
    body: { anchor: 'ctr', wrap: false },
  });
}

function riskCard(part: SlidePart, card: RiskCard, width: number): Card {
  const { layout, palette } = part.deck;
  const r = layout.risks;
  const z = (v: number) => part.z(v);
  const styles = riskStyles(part);
  const inner = width - z(2 * r.padX + 2 * r.border);
  const title: Paragraph[] = [
    { runs: withMarkRuns([{ text: card.title }], card.change, palette, 'after'), level: 0 },
  ];
  const titleW = inner - z(r.marker + r.markerGap);
  const titleH = Math.max(z(r.marker), part.measure(title, titleW, styles.title));
  const rows = ratingRows(part, ratingsOf(part, card), inner, styles.label, styles.value);
  const rowCount = Math.max(...rows.map((row) => row.row)) + 1;
  const rowH = styles.label.size * styles.label.lineHeight + styles.value.size * styles.value.lineHeight;
  const ratingsH = z(r.ratingsTop + r.ratingsBottom) + rowCount * rowH + (rowCount - 1) * z(r.ratingsRowGap);
  const indicators: Paragraph[] = card.indicators.map((item) => ({
    runs: readHtml(item.html).flatMap((p) => p.runs),
    list: { type: 'bullet', start: 1 },
    level: 0,
  }));
  const moved = movedParagraphs(card.change, palette);
  const blocks: Block[] = [
    { name: 'Moved judgments', paragraphs: moved, style: styles.detail },
    {
      name: 'Detail',
      paragraphs: readHtml(card.detailHtml),
      style: styles.detail,
      ...(moved.length > 0 ? { gap: z(MOVED_BOTTOM) } : {}),
    },
    {
      name: 'Indicators heading',
      paragraphs: indicators.length > 0 ? [plainParagraph('Indicators to watch')] : [],
      style: styles.head,
      gap: z(r.indicatorsHeadingTop),
    },
    {
      name: 'Indicators',
      paragraphs: indicators,
      style: styles.indicator,
      gap: z(r.indicatorsHeadingBottom),
    },
  ];
  const top = z(r.severityBorder + r.padTop);
  const height = top + z(r.padBottom + r.border) + titleH + ratingsH + stackHeight(part, blocks, inner);
  const draw = (rect: Rect) => {
    const list = new ShapeList();
    const edge = { x: rect.x, y: rect.y, w: rect.w, h: z(r.severityBorder) };
    cardFrame(part, list, rect, edge, palette.sev[card.severity - 1] ?? palette.line, z(r.border));
    const x = rect.x + z(r.border + r.padX);
    const y = rect.y + top;
    const disc = marker(
      part,
      { x, y: y + (titleH - z(r.marker)) / 2, w: z(r.marker), h: z(r.marker) },
      card.number,
    );
    const heading = textShape(part, {
      name: 'Title',
      ...{ x: x + z(r.marker + r.markerGap), y, w: titleW, h: titleH },
      paragraphs: title,
      style: styles.title,
      body: { anchor: 'ctr' },
    });
    list.add(disc.xml, disc.rect);
    list.add(heading.xml, heading.rect);
    drawRatings(part, list, rows, { x, y: y + titleH + z(r.ratingsTop) }, styles);
    placeStack(part, list, { x, y: y + titleH + ratingsH, w: inner }, blocks);
    part.add(group(part.ids, `Risk ${card.number}`, `Risk ${card.number}: ${card.title}`, list));
  };
  return { height, draw };
}

export function drawRisks(slide: RisksSlide, part: SlidePart, body: Rect): number {
  return drawColumns(part, body, slide.columns, part.deck.layout.risks, riskCard);
}
