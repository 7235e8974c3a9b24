/**
 * The recommendations as a native table: number, action (with its
 * rationale under it), priority, owner and when, in the deck's column
 * shares, a rule under the head and under each row.
 */
import type { RecommendationRow, RecommendationsSlide, RiskRegisterSlide } from '../../slides/types.js';
import { markFirst, withMarkRuns } from './_marks.js';
import type { SlidePart } from './_part.js';
import { type Paragraph, plainParagraph, readHtml } from './_runs.js';
import { paragraphsXml, type TextStyle } from './_text.js';
import { emu, escapeXml, hex, type Rect, xfrm } from './_xml.js';

export interface Cell {
  /** Each block of paragraphs in its own style, `gap` px after the one before. */
  blocks: { paragraphs: Paragraph[]; style: TextStyle; gap?: number }[];
  /** The cell's background; none when absent. */
  fill?: string;
}

export interface Row {
  cells: Cell[];
  top: number;
  bottom: number;
  rule: { width: number; color: string };
}

function border(tag: string, width: number, color: string | null): string {
  if (!color || width <= 0) return `<a:${tag} w="0"><a:noFill/></a:${tag}>`;
  return `<a:${tag} w="${emu(width)}" cap="flat" cmpd="sng" algn="ctr"><a:solidFill><a:srgbClr val="${hex(color)}"/></a:solidFill><a:prstDash val="solid"/></a:${tag}>`;
}

function cellXml(
  part: SlidePart,
  cell: Cell,
  pad: [number, number, number, number],
  rule: { width: number; color: string },
): string {
  const body = cell.blocks
    .map((block) => paragraphsXml(block.paragraphs, block.style, part.text, block.gap ?? 0))
    .join('');
  const [l, t, r, b] = pad;
  return (
    `<a:tc><a:txBody><a:bodyPr/><a:lstStyle/>${body}</a:txBody>` +
    `<a:tcPr marL="${emu(l)}" marR="${emu(r)}" marT="${emu(t)}" marB="${emu(b)}" anchor="t">` +
    `${border('lnL', 0, null)}${border('lnR', 0, null)}${border('lnT', 0, null)}${border('lnB', rule.width, rule.color)}` +
    `${cell.fill ? `<a:solidFill><a:srgbClr val="${hex(cell.fill)}"/></a:solidFill>` : '<a:noFill/>'}</a:tcPr></a:tc>`
  );
}

function cellHeight(part: SlidePart, cell: Cell, width: number): number {
  return cell.blocks.reduce(
    (sum, block) => sum + (block.gap ?? 0) + part.measure(block.paragraphs, width, block.style),
    0,
  );
}

const SHARES = ['numberShare', 'actionShare', 'priorityShare', 'ownerShare', 'timeframeShare'] as const;

function rowCells(part: SlidePart, row: RecommendationRow): Cell[] {
  const { layout, palette } = part.deck;
  const c = layout.recommendations;
  const text = part.style({ size: c.size, lineHeight: c.lineHeight, color: palette.text });
  const none = { ...text, color: palette.muted };
  const optional = (value: string | undefined): Cell => ({
    blocks: [{ paragraphs: [plainParagraph(value ?? '—')], style: value ? text : none }],
  });
  const action = part.style({
    size: c.actionSize,
    lineHeight: c.actionLineHeight,
    color: palette.text,
    bold: true,
  });
  const rationale = part.style({
    size: c.rationaleSize,
    lineHeight: c.rationaleLineHeight,
    color: palette.muted,
  });
  const actionParagraphs = markFirst(readHtml(row.actionHtml), row.change, palette);
  const priority = row.priority
    ? {
        paragraphs: [plainParagraph(row.priority)],
        style: part.style({
          size: 12.5,
          lineHeight: c.lineHeight * (c.size / 12.5),
          // As the deck's chips: high in the accent, medium in the headings' colour, low muted.
          color:
            row.priority === 'high'
              ? palette.accentText
              : row.priority === 'medium'
                ? palette.heading
                : palette.muted,
          bold: true,
          caps: true,
          tracking: 0.1,
        }),
      }
    : { paragraphs: [plainParagraph('—')], style: none };
  return [
    {
      blocks: [
        {
          paragraphs: [plainParagraph(String(row.number))],
          style: { ...text, bold: true, color: palette.heading },
        },
      ],
    },
    {
      blocks: [
        { paragraphs: actionParagraphs.length > 0 ? actionParagraphs : [plainParagraph('')], style: action },
        ...(row.rationaleHtml
          ? [{ paragraphs: readHtml(row.rationaleHtml), style: rationale, gap: part.z(c.rationaleGap) }]
          : []),
      ],
    },
    { blocks: [priority] },
    optional(row.owner),
    optional(row.timeframe),
  ];
}

/** The recommendations table; returns its height. */
export function drawRecommendations(slide: RecommendationsSlide, part: SlidePart, body: Rect): number {
  const { layout, palette } = part.deck;
  const c = layout.recommendations;
  const shares = {
    ...c,
    ...(slide.columns ? { actionShare: slide.columns.action, ownerShare: slide.columns.owner } : {}),
  };
  const widths = SHARES.map((share) => (body.w * shares[share]) / 100);
  const padX = part.z(c.cellPadX);
  const head = part.style({
    size: c.headSize,
    lineHeight: 1.3,
    color: palette.muted,
    bold: true,
    caps: true,
    tracking: 0.1,
  });
  const labels = ['#', 'Action', 'Priority', 'Owner', 'When'];
  const fitted = fittingHead(part, head, labels, widths, padX);
  const headCells: Cell[] = labels.map((label) => ({
    blocks: [{ paragraphs: [plainParagraph(label)], style: fitted }],
  }));
  const headRule = { width: part.z(c.headRule), color: palette.line };
  const rowRule = { width: part.z(c.rowRule), color: palette.line };
  const rows: Row[] = [
    { cells: headCells, top: 0, bottom: part.z(c.headPadBottom), rule: headRule },
    ...slide.recommendations.map((row) => ({
      cells: rowCells(part, row),
      top: part.z(c.cellPadTop),
      bottom: part.z(c.cellPadBottom),
      rule: rowRule,
    })),
  ];
  const descr = `Recommendations: ${slide.recommendations
    .map(
      (row) =>
        `${row.number}. ${readHtml(row.actionHtml)
          .map((p) => p.runs.map((run) => run.text).join(''))
          .join(' ')}`,
    )
    .join(' ')}`;
  return placeTable(part, body, { name: 'Recommendations', descr }, widths, rows, padX);
}

/**
 * The header row's style, set smaller where a label would not fit its column on one line (a narrow
 * column of a 4:3 slide: "PRIORITY" would break inside the word, which PowerPoint does without a hyphen).
 */
function fittingHead(
  part: SlidePart,
  head: TextStyle,
  labels: readonly string[],
  widths: readonly number[],
  padX: number,
): TextStyle {
  const { metrics } = part.deck;
  const scale = Math.min(
    1,
    ...labels.map((label, column) => {
      const room = (widths[column] ?? 0) - (column === 0 ? padX : 2 * padX);
      const text = head.caps ? label.toUpperCase() : label;
      const wide =
        metrics.width(text, head.size, head.bold === true) + text.length * (head.tracking ?? 0) * head.size;
      // A little to spare: other programs set the font a shade wider than its metrics.
      return (0.95 * room) / wide;
    }),
  );
  return scale < 1 ? { ...head, size: head.size * scale } : head;
}

/**
 * A native table at the top of `body`: columns `widths` wide, the first flush left, a rule
 * under each row; returns its height.
 */
export function placeTable(
  part: SlidePart,
  body: Rect,
  label: { name: string; descr: string },
  widths: readonly number[],
  rows: readonly Row[],
  padX: number,
): number {
  const pads = (column: number, top: number, bottom: number): [number, number, number, number] => [
    column === 0 ? 0 : padX,
    top,
    padX,
    bottom,
  ];
  const heights = rows.map((row) =>
    Math.max(
      ...row.cells.map((cell, i) => {
        const [l, t, r, b] = pads(i, row.top, row.bottom);
        return cellHeight(part, cell, (widths[i] as number) - l - r) + t + b;
      }),
    ),
  );
  const total = heights.reduce((sum, h) => sum + h, 0);
  const grid = widths.map((w) => `<a:gridCol w="${emu(w)}"/>`).join('');
  const trs = rows
    .map(
      (row, r) =>
        `<a:tr h="${emu(heights[r] as number)}">${row.cells.map((cell, i) => cellXml(part, cell, pads(i, row.top, row.bottom), row.rule)).join('')}</a:tr>`,
    )
    .join('');
  part.add(
    `<p:graphicFrame><p:nvGraphicFramePr><p:cNvPr id="${part.ids.next()}" name="${escapeXml(label.name)}" descr="${escapeXml(label.descr)}"/>` +
      '<p:cNvGraphicFramePr><a:graphicFrameLocks noGrp="1"/></p:cNvGraphicFramePr><p:nvPr/></p:nvGraphicFramePr>' +
      `${xfrm({ ...body, h: total }, 'p:xfrm')}<a:graphic><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/table">` +
      `<a:tbl><a:tblPr firstRow="1"${part.deck.model.dir === 'rtl' ? ' rtl="1"' : ''}/><a:tblGrid>${grid}</a:tblGrid>${trs}</a:tbl></a:graphicData></a:graphic></p:graphicFrame>`,
  );
  return total;
}

const HEADINGS = ['#', 'Risk', 'Likelihood', 'Impact', 'Confidence'];

/** The risk register (the matrix's key continued): number on its severity's colour, risk, likelihood, impact, confidence. */
export function drawRiskRegister(slide: RiskRegisterSlide, part: SlidePart, body: Rect): number {
  const { layout, palette } = part.deck;
  const g = layout.riskRegister;
  const z = (px: number) => part.z(px);
  const widths = [
    z(g.numberColumn),
    body.w - z(g.numberColumn + g.likelihoodColumn + g.impactColumn + g.confidenceColumn),
    z(g.likelihoodColumn),
    z(g.impactColumn),
    z(g.confidenceColumn),
  ];
  const text = part.style({ size: g.size, lineHeight: g.lineHeight, color: palette.text });
  const head = part.style({
    size: g.headSize,
    lineHeight: g.lineHeight,
    color: palette.muted,
    bold: true,
    caps: true,
    tracking: 0.1,
  });
  const cell = (value: string, style: TextStyle = text): Cell => ({
    blocks: [
      {
        paragraphs: [plainParagraph(value || '—')],
        style: value ? style : { ...text, color: palette.muted },
      },
    ],
  });
  const rule = { width: z(g.rowRule), color: palette.line };
  const headStyle = fittingHead(part, head, HEADINGS, widths, z(g.cellPadX));
  const rows: Row[] = [
    {
      cells: HEADINGS.map((label) => cell(label, headStyle)),
      top: 0,
      bottom: z(g.headPadBottom),
      rule: { width: z(g.headRule), color: palette.line },
    },
    ...slide.rows.map((row) => ({
      cells: [
        {
          ...cell(String(row.number), { ...text, color: palette.sevText, bold: true, align: 'ctr' as const }),
          fill: palette.sev[row.severity - 1],
        },
        {
          blocks: [
            {
              paragraphs: [
                { runs: withMarkRuns([{ text: row.title }], row.change, palette, 'after'), level: 0 },
              ],
              style: { ...text, color: palette.heading, bold: true },
            },
          ],
        },
        cell(row.likelihood),
        cell(row.impact),
        cell(row.confidence),
      ],
      top: z(g.cellPadY),
      bottom: z(g.cellPadY),
      rule,
    })),
  ];
  const descr = `Risk register: ${slide.rows.map((row) => `${row.number}. ${row.title}, ${row.likelihood}, ${row.impact} impact`).join('; ')}`;
  return placeTable(part, body, { name: 'Risk register', descr }, widths, rows, z(g.cellPadX));
}
