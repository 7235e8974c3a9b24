/**
 * The slides that are text: the title slide, the bottom line (a numbered
 * list) and the situation (summary and key facts); the sources are in
 * _sources.ts. Sizes are the deck's (slides/layout.ts, themes/briefdeck.css).
 */

import type { ChangeMark } from '../../content/index.js';
import type { BlufSlide, DecisionsSlide, SituationSlide, TitleSlide } from '../../slides/types.js';
import { logoPicture, logoRels } from './_logo.js';
import { withMarkRuns } from './_marks.js';
import { type Block, placeStack, placeText, type SlidePart, stackHeight, titlePlaceholder } from './_part.js';
import { type Paragraph, plainParagraph, type Run, readHtml } from './_runs.js';
import { type TextStyle, textWidth } from './_text.js';
import type { Rect } from './_xml.js';
import { ShapeList, shape } from './_xml.js';

/** The meta items' labels, as the deck's `.bd-meta dt`. */
const LABEL = { size: 16, lineHeight: 1.36, bold: true, caps: true, tracking: 0.06 } as const;

interface MetaItem {
  label: string;
  paragraphs: Paragraph[];
}

function titleStyles(part: SlidePart) {
  const { palette } = part.deck;
  return {
    org: part.style({
      size: 18,
      lineHeight: 1.2,
      color: palette.muted,
      bold: true,
      caps: true,
      tracking: 0.14,
    }),
    title: part.style({ size: 54, lineHeight: 1.08, color: palette.heading, bold: true }),
    subtitle: part.style({ size: 27, lineHeight: 1.3, color: palette.muted }),
    label: part.style({ ...LABEL, color: palette.muted }),
    value: part.style({ size: 18, lineHeight: 1.36, color: palette.text }),
    handling: part.style({ size: 17, lineHeight: 1.36, color: palette.muted, bold: true }),
  };
}

function metaItems(slide: TitleSlide): MetaItem[] {
  return [
    ...(slide.date ? [{ label: 'Date', paragraphs: [plainParagraph(slide.date)] }] : []),
    ...(slide.asOf ? [{ label: 'As of', paragraphs: [plainParagraph(slide.asOf)] }] : []),
    ...(slide.version ? [{ label: 'Version', paragraphs: [plainParagraph(slide.version)] }] : []),
    ...(slide.author ? [{ label: 'Prepared by', paragraphs: [plainParagraph(slide.author)] }] : []),
    ...(slide.contact ? [{ label: 'Contact', paragraphs: [plainParagraph(slide.contact)] }] : []),
    ...(slide.sourceHtml ? [{ label: 'Summary of', paragraphs: readHtml(slide.sourceHtml) }] : []),
  ];
}

/** The logo over the title block, as tall as it may be (72 px, 260 px wide at most); returns the room it takes. */
function titleLogo(part: SlidePart, at: { x: number; y: number } | null): number {
  const logo = part.deck.logo;
  if (!logo) return 0;
  const height = Math.min(part.z(72), (part.z(260) * logo.height) / logo.width);
  if (at) {
    part.add(
      logoPicture(part.ids, logo, logoRels(logo, part.rels), { ...at, height, maxWidth: part.z(260) }),
    );
  }
  return height + part.z(22);
}

/** The title slide: the title block (an accent bar at its left), vertically centred between the banner and the footer. */
export function drawTitle(slide: TitleSlide, part: SlidePart): number {
  const { frame, palette, layout } = part.deck;
  const top = frame.banner;
  const room = frame.foot.y - frame.banner - layout.slide.bodyBottom;
  const x = frame.padX + part.z(8 + 36);
  const w = frame.body.w - part.z(8 + 36);
  const styles = titleStyles(part);
  const meta = metaItems(slide);
  const title = [plainParagraph(slide.title)];
  const titleH = part.measure(title, w, styles.title);
  const before: Block[] = [
    {
      name: 'Organisation',
      paragraphs: slide.organization ? [plainParagraph(slide.organization)] : [],
      style: styles.org,
    },
  ];
  const after: Block[] = [
    {
      name: 'Subtitle',
      paragraphs: slide.subtitle ? [plainParagraph(slide.subtitle)] : [],
      style: styles.subtitle,
      gap: part.z(16),
    },
  ];
  const orgH = slide.organization ? stackHeight(part, before, w) + part.z(14) : 0;
  const metaH = meta.length > 0 ? part.z(40) + metaHeight(part, meta, w, styles.label, styles.value) : 0;
  // The handling line under the meta, as the deck's `.bd-handling`.
  const handling: Block[] = [
    {
      name: 'Handling',
      paragraphs: slide.handling ? [plainParagraph(slide.handling)] : [],
      style: styles.handling,
      gap: part.z(22),
    },
  ];
  const textH = titleH + metaH + stackHeight(part, [...after, ...handling], w);
  const block = part.z(16) + titleLogo(part, null) + orgH + textH;
  let y = top + Math.max(0, (room - block) / 2);
  const bar = { x: frame.padX, y, w: part.z(8), h: block };
  part.add(shape(part.ids, { name: 'Title accent', rect: bar, geometry: 'rect', fill: palette.accent }));
  y += part.z(8);
  y += titleLogo(part, { x, y });
  const list = new ShapeList();
  placeStack(part, list, { x, y, w }, before);
  y += orgH;
  list.add(titlePlaceholder(part, 'ctrTitle', title, styles.title, { x, y, w, h: titleH }), {
    x,
    y,
    w,
    h: titleH,
  });
  y += titleH;
  y += placeStack(part, list, { x, y, w }, after);
  for (const xml of list.parts) part.add(xml);
  if (meta.length > 0) drawMeta(part, meta, { x, y: y + part.z(40), w, h: 0 }, styles.label, styles.value);
  const rest = new ShapeList();
  placeStack(part, rest, { x, y: y + metaH, w }, handling);
  for (const xml of rest.parts) part.add(xml);
  return block;
}

/** The deck's gaps between the meta items: 10 px between rows, 48 px between items in a row. */
const META_GAP = { row: 10, column: 48 };

/** A meta item placed in its row, and the width it takes there. */
interface PlacedMeta {
  item: MetaItem;
  width: number;
}

/**
 * The meta items in rows, as the deck's wrapping flex row (`.bd-meta`) sets them: each as wide as its
 * words, on the row while it fits, else at the start of the next; one wider than the row takes a row of
 * its own, its words wrapped at its width (never between letters unless a word is wider than the row);
 * the source always a row of its own (`.bd-meta-source`).
 */
function metaRows(
  part: SlidePart,
  meta: MetaItem[],
  w: number,
  label: TextStyle,
  value: TextStyle,
): PlacedMeta[][] {
  const gap = part.z(META_GAP.column);
  const rows: PlacedMeta[][] = [];
  let row: PlacedMeta[] = [];
  let used = 0;
  for (const item of meta) {
    const own =
      Math.max(
        textWidth([plainParagraph(item.label)], label, part.deck.metrics),
        textWidth(item.paragraphs, value, part.deck.metrics),
      ) + 2;
    const width = item.label === 'Summary of' ? w : Math.min(own, w);
    if (row.length > 0 && (item.label === 'Summary of' || used + gap + width > w)) {
      rows.push(row);
      row = [];
      used = 0;
    }
    row.push({ item, width });
    used += (row.length > 1 ? gap : 0) + width;
  }
  if (row.length > 0) rows.push(row);
  return rows;
}

function metaHeight(
  part: SlidePart,
  meta: MetaItem[],
  w: number,
  label: TextStyle,
  value: TextStyle,
): number {
  const rows = metaRows(part, meta, w, label, value);
  const heights = rows.map((row) =>
    Math.max(
      ...row.map(
        ({ item, width }) => label.size * label.lineHeight + part.measure(item.paragraphs, width, value),
      ),
    ),
  );
  return heights.reduce((sum, h) => sum + h, 0) + (rows.length - 1) * part.z(META_GAP.row);
}

function drawMeta(part: SlidePart, meta: MetaItem[], at: Rect, label: TextStyle, value: TextStyle): void {
  let y = at.y;
  for (const row of metaRows(part, meta, at.w, label, value)) {
    let x = at.x;
    let rowHeight = 0;
    for (const { item, width } of row) {
      const lh = placeText(part, {
        name: `${item.label} label`,
        x,
        y,
        w: width,
        paragraphs: [plainParagraph(item.label)],
        style: label,
      });
      const vh = placeText(part, {
        name: item.label,
        x,
        y: y + lh,
        w: width,
        paragraphs: item.paragraphs,
        style: value,
      });
      rowHeight = Math.max(rowHeight, lh + vh);
      x += width + part.z(META_GAP.column);
    }
    y += rowHeight + part.z(META_GAP.row);
  }
}

/** An item of a numbered list: its number, its runs and its change mark. */
interface NumberedItem {
  number: number;
  runs: Run[];
  change?: ChangeMark;
}

/** Items as one text box, a numbered list (real numbering: an item added by hand is numbered too). */
function drawNumbered(name: string, items: NumberedItem[], part: SlidePart, body: Rect): number {
  const { layout, palette } = part.deck;
  const b = layout.bluf;
  const style = part.style({
    size: b.size,
    lineHeight: b.lineHeight,
    color: palette.text,
    gap: b.gap,
    indent: b.numberColumn + b.columnGap,
    bulletColor: palette.accent,
  });
  // PowerPoint and LibreOffice set a number in the weight of its paragraph's first character: a zero-width
  // space in bold first makes every number bold, as the deck's are, whether the item starts in bold or not.
  const paragraphs: Paragraph[] = items.map((item) => ({
    runs: [{ text: '\u200b', bold: true }, ...withMarkRuns(item.runs, item.change, palette)],
    list: { type: 'number', start: item.number },
    level: 0,
  }));
  return placeText(part, { name, x: body.x, y: body.y, w: body.w, paragraphs, style });
}

/** HTML's paragraphs as the runs of one list item, a line break between them. */
const itemRuns = (html: string): Run[] =>
  readHtml(html).flatMap((paragraph, i) => (i === 0 ? paragraph.runs : [{ text: '\n' }, ...paragraph.runs]));

/** The bottom line: a numbered list. */
export function drawBluf(slide: BlufSlide, part: SlidePart, body: Rect): number {
  return drawNumbered(
    'Bottom line',
    slide.items.map((item) => ({ number: item.number, runs: itemRuns(item.html), change: item.change })),
    part,
    body,
  );
}

/**
 * The decisions required, set as the bottom line is: each decision numbered, in bold, with its line of
 * who and by when under it; that line in the severity scale's red and bold once the deadline has passed,
 * as the deck's `.bd-passed` sets it.
 */
export function drawDecisions(slide: DecisionsSlide, part: SlidePart, body: Rect): number {
  const { palette } = part.deck;
  const items = slide.decisions.map((item) => ({
    number: item.number,
    runs: [
      ...itemRuns(`<strong>${item.decisionHtml}</strong>`),
      ...(item.meta
        ? [
            { text: '\n' },
            {
              // Plain, without Unicode's isolates, which LibreOffice 7.4 lays out worse than none.
              text: item.meta,
              ...(item.passed ? { color: palette.sev[4], bold: true } : {}),
            },
          ]
        : []),
    ],
    change: item.change,
  }));
  return drawNumbered('Decisions required', items, part, body);
}

/** The key facts in their panel (surface, accent rule on top) at `panel`; returns the panel's height. */
function drawKeyFacts(
  slide: SituationSlide,
  part: SlidePart,
  panel: { x: number; y: number; w: number },
): number {
  const { layout, palette } = part.deck;
  const s = layout.situation;
  const { heading, point } = keyFactStyles(part);
  const blocks: Block[] = [
    {
      name: 'Key facts heading',
      paragraphs: [plainParagraph(`Key facts${slide.pointsContinued ? ' (continued)' : ''}`)],
      style: heading,
    },
    {
      name: 'Key facts',
      paragraphs: slide.points.map((item) => ({
        runs: withMarkRuns(
          readHtml(item.html).flatMap((p) => p.runs),
          item.change,
          palette,
        ),
        list: { type: 'bullet', start: 1 },
        level: 0,
      })),
      style: point,
      gap: part.z(s.pointsHeadingGap),
    },
  ];
  const inner = {
    x: panel.x + part.z(s.pointsPadX),
    y: panel.y + part.z(s.pointsRule + s.pointsPadTop),
    w: panel.w - 2 * part.z(s.pointsPadX),
  };
  const height =
    part.z(s.pointsRule + s.pointsPadTop + s.pointsPadBottom) + stackHeight(part, blocks, inner.w);
  part.add(
    shape(part.ids, {
      name: 'Key facts panel',
      rect: { ...panel, h: height },
      geometry: 'rect',
      fill: palette.surface,
    }),
  );
  part.add(
    shape(part.ids, {
      name: 'Key facts rule',
      rect: { ...panel, h: part.z(s.pointsRule) },
      geometry: 'rect',
      fill: palette.accent,
    }),
  );
  const list = new ShapeList();
  placeStack(part, list, inner, blocks);
  for (const xml of list.parts) part.add(xml);
  return height;
}

/** The key facts' styles: their small capitals heading, and their bullets (the changes slide's too). */
export function keyFactStyles(part: SlidePart): { heading: TextStyle; point: TextStyle } {
  const { layout, palette } = part.deck;
  const s = layout.situation;
  const heading = part.style({
    size: s.pointsHeadingSize,
    lineHeight: 1.3,
    color: palette.muted,
    bold: true,
    caps: true,
    tracking: 0.1,
  });
  const point = part.style({
    size: s.pointSize,
    lineHeight: s.pointLineHeight,
    color: palette.text,
    gap: s.pointGap,
    indent: s.pointIndent,
    bulletColor: palette.accent,
    bulletChar: '■',
    bulletScale: 0.55,
  });
  return { heading, point };
}

/** The situation: the summary, and the key facts in a panel beside it (wide) or under it. */
export function drawSituation(slide: SituationSlide, part: SlidePart, body: Rect): number {
  const { layout, palette } = part.deck;
  const s = layout.situation;
  const summary = readHtml(slide.summaryHtml);
  const style = part.style({
    size: s.summarySize,
    lineHeight: s.summaryLineHeight,
    color: palette.text,
    gap: s.paragraphGap,
  });
  const width = slide.twoColumns ? (body.w * s.summaryShare) / 100 : body.w;
  const summaryH =
    summary.length > 0
      ? placeText(part, { name: 'Summary', x: body.x, y: body.y, w: width, paragraphs: summary, style })
      : 0;
  if (slide.points.length === 0) return summaryH;
  const gap = part.z(slide.twoColumns ? s.columnGap : s.gap);
  const panel = slide.twoColumns
    ? { x: body.x + width + gap, y: body.y, w: body.w - width - gap }
    : { x: body.x, y: body.y + (summaryH > 0 ? summaryH + gap : 0), w: body.w };
  return Math.max(summaryH, panel.y - body.y + drawKeyFacts(slide, part, panel));
}
