/**
 * The actor and risk cards, in the columns the slide model gives each slide:
 * each card a group (its panel, its coloured edge, its text boxes), the last
 * card of each column stretched so the columns end level, as in the deck.
 */
import type { Stance } from '../../format/briefing.js';
import type { ActorCard, ActorsSlide, RiskCard, RisksSlide } from '../../slides/types.js';
import { stanceGlyph } from './_legend.js';
import { type SlidePart, textShape } from './_part.js';
import { type Paragraph, plainParagraph, type Run, readHtml } from './_runs.js';
import type { TextStyle } from './_text.js';
import { group, type Rect, ShapeList, shape } from './_xml.js';

/** A card: its height in a column, and how to draw it at a place (with the height it is stretched to). */
interface Card {
  height: number;
  draw: (rect: Rect) => void;
}

/** Lays out columns of cards over the body; returns the height used. */
function drawColumns(part: SlidePart, body: Rect, columns: Card[][], columnGap: number, gap: number): number {
  const width = (body.w - (columns.length - 1) * part.z(columnGap)) / Math.max(1, columns.length);
  const heights = columns.map(
    (cards) =>
      cards.reduce((sum, card) => sum + card.height, 0) + Math.max(0, cards.length - 1) * part.z(gap),
  );
  const tallest = Math.max(0, ...heights);
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

function actorCard(part: SlidePart, card: ActorCard, width: number): Card {
  const { layout, palette, metrics } = part.deck;
  const a = layout.actors;
  const z = (v: number) => part.z(v);
  const inner = width - 2 * z(a.padX) - z(a.border) - z(a.stanceBorder);
  const stanceStyle = part.style({
    size: a.stanceSize,
    lineHeight: 1.3,
    color: palette.text,
    bold: true,
    caps: true,
    tracking: a.stanceTracking,
  });
  const stanceW =
    z(a.stanceMark + a.stanceMarkGap) +
    metrics.width(card.stanceLabel.toUpperCase(), stanceStyle.size, true) +
    card.stanceLabel.length * a.stanceTracking * stanceStyle.size +
    6;
  const nameStyle = part.style({
    size: a.nameSize,
    lineHeight: layout.text.headingLineHeight,
    color: palette.heading,
    bold: true,
  });
  const kindStyle = part.style({
    size: a.kindSize,
    lineHeight: layout.text.lineHeight,
    color: palette.muted,
  });
  const roleStyle = part.style({ size: a.roleSize, lineHeight: a.roleLineHeight, color: palette.text });
  const name = [plainParagraph(card.name)];
  const role = readHtml(card.roleHtml);
  const nameW = inner - z(a.nameGap) - stanceW;
  const nameH = part.measure(name, nameW, nameStyle);
  const kindH = card.kind ? z(a.kindGap) + part.measure([plainParagraph(card.kind)], inner, kindStyle) : 0;
  const roleH = z(a.roleGap) + part.measure(role, inner, roleStyle);
  const height = z(a.padTop + a.padBottom + 2 * a.border) + nameH + kindH + roleH;
  const draw = (rect: Rect) => {
    const colour = palette.stance[card.stance as Stance] ?? palette.line;
    const list = new ShapeList();
    const add = (placed: { xml: string; rect: Rect }) => list.add(placed.xml, placed.rect);
    list.add(
      shape(part.ids, {
        name: 'Card',
        rect,
        geometry: 'rect',
        fill: palette.surface,
        line: { color: palette.line, width: z(a.border) },
      }),
      rect,
    );
    const edge = { x: rect.x, y: rect.y, w: z(a.stanceBorder), h: rect.h };
    list.add(shape(part.ids, { name: 'Stance', rect: edge, geometry: 'rect', fill: colour }), edge);
    const x = rect.x + z(a.stanceBorder + a.padX);
    let y = rect.y + z(a.border + a.padTop);
    add(textShape(part, { name: 'Name', x, y, w: nameW, paragraphs: name, style: nameStyle }));
    const markX = rect.x + rect.w - z(a.padX + a.border) - stanceW;
    const labelY = y + (nameStyle.size * nameStyle.lineHeight - stanceStyle.size * 1.3) / 2;
    const mark = z(a.stanceMark) / 2;
    list.add(
      stanceGlyph(part, card.stance as Stance, markX + mark, labelY + (stanceStyle.size * 1.3) / 2, mark),
      { x: markX, y: labelY, w: 2 * mark, h: 2 * mark },
    );
    add(
      textShape(part, {
        name: 'Stance label',
        x: markX + z(a.stanceMark + a.stanceMarkGap),
        y: labelY,
        w: stanceW - z(a.stanceMark + a.stanceMarkGap),
        paragraphs: [plainParagraph(card.stanceLabel)],
        style: stanceStyle,
      }),
    );
    y += nameH;
    if (card.kind) {
      add(
        textShape(part, {
          name: 'Kind',
          x,
          y: y + z(a.kindGap),
          w: inner,
          paragraphs: [plainParagraph(card.kind)],
          style: kindStyle,
        }),
      );
      y += kindH;
    }
    add(
      textShape(part, { name: 'Role', x, y: y + z(a.roleGap), w: inner, paragraphs: role, style: roleStyle }),
    );
    part.add(group(part.ids, card.name, `${card.name}: ${card.stanceLabel}`, list));
  };
  return { height, draw };
}

export function drawActors(slide: ActorsSlide, part: SlidePart, body: Rect): number {
  const a = part.deck.layout.actors;
  const width =
    (body.w - (slide.columns.length - 1) * part.z(a.columnGap)) / Math.max(1, slide.columns.length);
  const columns = slide.columns.map((cards) => cards.map((card) => actorCard(part, card, width)));
  return drawColumns(part, body, columns, a.columnGap, a.gap);
}

interface Rating {
  label: string;
  value: Run[];
}

/** The ratings as label-over-value pairs in rows, wrapped to `width`: each pair's x offset and row. */
function ratingRows(part: SlidePart, ratings: Rating[], width: number, label: TextStyle, value: TextStyle) {
  const r = part.deck.layout.risks;
  const { metrics } = part.deck;
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
    x += w + part.z(r.ratingsColumnGap);
    return placed;
  });
}

function riskCard(part: SlidePart, card: RiskCard, width: number): Card {
  const { layout, palette } = part.deck;
  const r = layout.risks;
  const z = (v: number) => part.z(v);
  const inner = width - 2 * z(r.padX) - 2 * z(r.border);
  const titleStyle = part.style({
    size: r.titleSize,
    lineHeight: layout.text.headingLineHeight,
    color: palette.heading,
    bold: true,
  });
  const labelStyle = part.style({
    size: r.ratingLabelSize,
    lineHeight: 1.3,
    color: palette.muted,
    bold: true,
    caps: true,
    tracking: r.ratingLabelTracking,
  });
  const valueStyle = part.style({ size: r.ratingSize, lineHeight: 1.3, color: palette.text, bold: true });
  const detailStyle = part.style({
    size: r.detailSize,
    lineHeight: r.detailLineHeight,
    color: palette.text,
    gap: r.detailParagraphGap,
  });
  const headStyle = part.style({
    size: r.indicatorsHeadingSize,
    lineHeight: 1.3,
    color: palette.muted,
    bold: true,
    caps: true,
    tracking: 0.08,
  });
  const indicatorStyle = part.style({
    size: r.indicatorSize,
    lineHeight: r.indicatorLineHeight,
    color: palette.text,
    gap: r.indicatorGap,
    indent: r.indicatorIndent,
    bulletColor: palette.accent,
    bulletChar: '►',
    bulletScale: 0.6,
  });
  const title = [plainParagraph(card.title)];
  const titleW = inner - z(r.marker + r.markerGap);
  const titleH = Math.max(z(r.marker), part.measure(title, titleW, titleStyle));
  const ratings: Rating[] = [
    {
      label: 'Likelihood',
      value: [
        { text: `${card.likelihood} ` },
        { text: `(${card.likelihoodRange})`, regular: true, color: palette.muted },
      ],
    },
    { label: 'Impact', value: [{ text: card.impact }] },
    ...(card.confidence ? [{ label: 'Confidence', value: [{ text: card.confidence }] }] : []),
  ];
  const rows = ratingRows(part, ratings, inner, labelStyle, valueStyle);
  const rowH = labelStyle.size * labelStyle.lineHeight + valueStyle.size * valueStyle.lineHeight;
  const rowCount = Math.max(...rows.map((row) => row.row)) + 1;
  const ratingsH = z(r.ratingsTop + r.ratingsBottom) + rowCount * rowH + (rowCount - 1) * z(r.ratingsRowGap);
  const detail = readHtml(card.detailHtml);
  const indicators: Paragraph[] = card.indicators.map((item) => ({
    runs: readHtml(item.html).flatMap((p) => p.runs),
    list: { type: 'bullet', start: 1 },
    level: 0,
  }));
  const detailH = part.measure(detail, inner, detailStyle);
  const headText = [plainParagraph('Indicators to watch')];
  const headH =
    indicators.length > 0
      ? z(r.indicatorsHeadingTop + r.indicatorsHeadingBottom) + part.measure(headText, inner, headStyle)
      : 0;
  const indicatorsH = part.measure(indicators, inner, indicatorStyle);
  const height =
    z(r.padTop + r.padBottom + r.border + r.severityBorder) +
    titleH +
    ratingsH +
    detailH +
    headH +
    indicatorsH;
  const draw = (rect: Rect) => {
    const list = new ShapeList();
    const add = (placed: { xml: string; rect: Rect }) => list.add(placed.xml, placed.rect);
    const sev = palette.sev[card.severity - 1] ?? palette.line;
    list.add(
      shape(part.ids, {
        name: 'Card',
        rect,
        geometry: 'rect',
        fill: palette.surface,
        line: { color: palette.line, width: z(r.border) },
      }),
      rect,
    );
    const edge = { x: rect.x, y: rect.y, w: rect.w, h: z(r.severityBorder) };
    list.add(
      shape(part.ids, { name: `Severity ${card.severity}`, rect: edge, geometry: 'rect', fill: sev }),
      edge,
    );
    const x = rect.x + z(r.border + r.padX);
    let y = rect.y + z(r.severityBorder + r.padTop);
    const marker = { x, y: y + (titleH - z(r.marker)) / 2, w: z(r.marker), h: z(r.marker) };
    add(
      textShape(part, {
        name: 'Marker',
        ...marker,
        paragraphs: [plainParagraph(String(card.number))],
        style: { size: z(16), lineHeight: 1, color: palette.markerText, bold: true, align: 'ctr' },
        geometry: 'ellipse',
        fill: palette.markerBg,
        body: { anchor: 'ctr', wrap: false },
      }),
    );
    add(
      textShape(part, {
        name: 'Title',
        x: x + z(r.marker + r.markerGap),
        y,
        w: titleW,
        h: titleH,
        paragraphs: title,
        style: titleStyle,
        body: { anchor: 'ctr' },
      }),
    );
    y += titleH + z(r.ratingsTop);
    for (const row of rows) {
      const ry = y + row.row * (rowH + z(r.ratingsRowGap));
      add(
        textShape(part, {
          name: row.rating.label,
          x: x + row.x,
          y: ry,
          w: row.w,
          paragraphs: [plainParagraph(row.rating.label)],
          style: labelStyle,
        }),
      );
      add(
        textShape(part, {
          name: `${row.rating.label} value`,
          x: x + row.x,
          y: ry + labelStyle.size * labelStyle.lineHeight,
          w: row.w,
          paragraphs: [{ runs: row.rating.value, level: 0 }],
          style: valueStyle,
        }),
      );
    }
    y += ratingsH - z(r.ratingsTop);
    if (detail.length > 0)
      add(textShape(part, { name: 'Detail', x, y, w: inner, paragraphs: detail, style: detailStyle }));
    y += detailH;
    if (indicators.length > 0) {
      add(
        textShape(part, {
          name: 'Indicators heading',
          x,
          y: y + z(r.indicatorsHeadingTop),
          w: inner,
          paragraphs: headText,
          style: headStyle,
        }),
      );
      add(
        textShape(part, {
          name: 'Indicators',
          x,
          y: y + headH,
          w: inner,
          paragraphs: indicators,
          style: indicatorStyle,
        }),
      );
    }
    part.add(group(part.ids, `Risk ${card.number}`, `Risk ${card.number}: ${card.title}`, list));
  };
  return { height, draw };
}

export function drawRisks(slide: RisksSlide, part: SlidePart, body: Rect): number {
  const r = part.deck.layout.risks;
  const width =
    (body.w - (slide.columns.length - 1) * part.z(r.columnGap)) / Math.max(1, slide.columns.length);
  const columns = slide.columns.map((cards) => cards.map((card) => riskCard(part, card, width)));
  return drawColumns(part, body, columns, r.columnGap, r.gap);
}
