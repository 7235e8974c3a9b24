/**
 * Paragraphs of runs (_runs.ts) as DrawingML text: real bullets and
 * numbering, bold, italic, links and superscript citations, with exact line
 * spacing so that a box's height is lines × line height in PowerPoint and
 * LibreOffice alike, and the height they take measured with the font's
 * metrics (_metrics.ts) before they are placed.
 */
import { paragraphDirection } from '../../content/bidi.js';
import { countLines, type FontMetrics, type Piece } from './_metrics.js';
import type { Link, Paragraph, Run } from './_runs.js';
import { emu, escapeXml, hex, hundredthsPt, solidFill } from './_xml.js';

/** How a block of paragraphs is set. Sizes in px. */
export interface TextStyle {
  size: number;
  lineHeight: number;
  color: string;
  bold?: boolean;
  italic?: boolean;
  align?: 'l' | 'ctr' | 'r';
  /** Upper case, and letter-spacing in em. */
  caps?: boolean;
  tracking?: number;
  /** Space between paragraphs. */
  gap?: number;
  /** The bullet's or number's colour (default the text's). */
  bulletColor?: string;
  /** The indent of a list item's text. */
  indent?: number;
  /** The bullet character (default •) and its size relative to the text. */
  bulletChar?: string;
  bulletScale?: number;
}

/** What writing a run needs from the slide: its font, colours, and where its links go. */
export interface TextContext {
  metrics: FontMetrics;
  font: string;
  monoFont: string;
  linkColor: string;
  /** The relationship id of a link, registered with the part being written. */
  linkId(link: Link): string | undefined;
  /** The briefing's language (`language`), for the runs' `lang`; English unless given. */
  lang?: string;
  /** The briefing is written right to left (`language: ar`…): paragraphs set right to left. */
  rtl?: boolean;
}

/** `lang` and `rtl` of a deck's text, from the slide model: see `TextContext`. */
export function textDirection(model: {
  language: string;
  dir: 'ltr' | 'rtl';
}): Pick<TextContext, 'lang' | 'rtl'> {
  return { lang: model.language, rtl: model.dir === 'rtl' };
}

/**
 * The runs' language tag, which PowerPoint proofreads by: the briefing's; plain `en` as British
 * English, as briefdeck writes it (its dates), and a region's English as that region's (`en-US`).
 */
export const runLanguage = (language: string | undefined) =>
  language === undefined || language === 'en' ? 'en-GB' : language;
const langOf = (context: TextContext) => runLanguage(context.lang);

const SUP_SCALE = 0.72;
const DEFAULT_INDENT = 1.1;

const indentOf = (style: TextStyle) => style.indent ?? style.size * DEFAULT_INDENT;

/** The left margin of a paragraph (list items and their continuations). */
function marginOf(paragraph: Paragraph, style: TextStyle): number {
  const listed = paragraph.list || paragraph.continued;
  return (listed ? paragraph.level + 1 : paragraph.level) * indentOf(style);
}

function runProps(run: Run, style: TextStyle, context: TextContext): string {
  // A superscript keeps its size: PowerPoint and LibreOffice set raised text smaller themselves.
  const size = style.size * (run.scale ?? 1);
  const bold = !run.regular && (run.bold || style.bold);
  const italic = run.italic || style.italic;
  const attrs = [
    `lang="${escapeXml(langOf(context))}"`,
    `sz="${hundredthsPt(size)}"`,
    bold ? 'b="1"' : 'b="0"',
    italic ? 'i="1"' : '',
    run.strike ? 'strike="sngStrike"' : '',
    run.sup ? 'baseline="30000"' : '',
    style.caps ? 'cap="all"' : '',
    style.tracking ? `spc="${Math.round(style.tracking * style.size * 75)}"` : '',
    'dirty="0"',
  ].filter(Boolean);
  const linkId = run.link ? context.linkId(run.link) : undefined;
  const color = linkId && run.link?.kind === 'url' ? context.linkColor : (run.color ?? style.color);
  const font = escapeXml(run.code ? context.monoFont : context.font);
  const link = linkId
    ? `<a:hlinkClick r:id="${linkId}"${run.link?.kind === 'sources' ? ' action="ppaction://hlinksldjump"' : ''}/>`
    : '';
  return (
    `<a:rPr ${attrs.join(' ')}${linkId && run.link?.kind === 'url' ? ' u="sng"' : ''}>${solidFill(color)}` +
    `<a:latin typeface="${font}"/><a:cs typeface="${font}"/>${link}</a:rPr>`
  );
}

function runXml(run: Run, style: TextStyle, context: TextContext): string {
  const props = runProps(run, style, context);
  return run.text
    .split('\n')
    .map((part) => (part === '' ? '' : `<a:r>${props}<a:t>${escapeXml(part)}</a:t></a:r>`))
    .join(`<a:br>${props}</a:br>`);
}

function bulletXml(paragraph: Paragraph, style: TextStyle): string {
  if (!paragraph.list) return '<a:buNone/>';
  const color = `<a:buClr><a:srgbClr val="${hex(style.bulletColor ?? style.color)}"/></a:buClr>`;
  if (paragraph.list.type === 'number') {
    return `${color}<a:buFont typeface="+mj-lt"/><a:buAutoNum type="arabicPeriod"${paragraph.list.start !== 1 ? ` startAt="${paragraph.list.start}"` : ''}/>`;
  }
  const size = style.bulletScale ? `<a:buSzPct val="${Math.round(style.bulletScale * 100000)}"/>` : '';
  const char = paragraph.level > 0 ? '–' : (style.bulletChar ?? '•');
  return `${color}${size}<a:buFont typeface="Arial"/><a:buChar char="${escapeXml(char)}"/>`;
}

function paragraphXml(paragraph: Paragraph, before: number, style: TextStyle, context: TextContext): string {
  const margin = marginOf(paragraph, style);
  const hanging = paragraph.list ? ` indent="${-emu(indentOf(style))}"` : '';
  const spacing =
    `<a:lnSpc><a:spcPts val="${hundredthsPt(style.size * style.lineHeight)}"/></a:lnSpc>` +
    `<a:spcBef><a:spcPts val="${hundredthsPt(before)}"/></a:spcBef><a:spcAft><a:spcPts val="0"/></a:spcAft>`;
  // In a right-to-left briefing, running text starts on the right (an alignment the drawing sets, such as
  // a matrix's labels against its grid, stays); a paragraph reads right to left unless it is English,
  // as the deck judges it (content/bidi.ts): its first letter Latin and most of its letters. A label
  // without letters such as "80–95 %" keeps its order. PowerPoint orders the runs inside by itself.
  const align = style.align ?? (context.rtl ? 'r' : 'l');
  const rtl = context.rtl && paragraphDirection(paragraph.runs.map((run) => run.text).join('')) === 'rtl';
  const direction = `${rtl ? ' rtl="1"' : ''} algn="${align}"`;
  const props = `<a:pPr marL="${emu(margin)}"${hanging}${direction}>${spacing}${bulletXml(paragraph, style)}</a:pPr>`;
  const end = `<a:endParaRPr lang="${escapeXml(langOf(context))}" sz="${hundredthsPt(style.size)}" dirty="0"/>`;
  return `<a:p>${props}${paragraph.runs.map((run) => runXml(run, style, context)).join('')}${end}</a:p>`;
}

/** The paragraphs as `<a:p>` elements; `leading` is the space before the first (the gap after text in another style). */
export function paragraphsXml(
  paragraphs: readonly Paragraph[],
  style: TextStyle,
  context: TextContext,
  leading = 0,
): string {
  if (paragraphs.length === 0)
    return `<a:p><a:endParaRPr lang="${escapeXml(langOf(context))}" sz="${hundredthsPt(style.size)}" dirty="0"/></a:p>`;
  return paragraphs
    .map((paragraph, index) =>
      paragraphXml(paragraph, index === 0 ? leading : (style.gap ?? 0), style, context),
    )
    .join('');
}

export interface BodyOptions {
  anchor?: 't' | 'ctr' | 'b';
  /** Insets: left, top, right, bottom, px. */
  insets?: [number, number, number, number];
  /** Grow the box with its text when a colleague edits it (text boxes), or keep it (shapes). */
  grow?: boolean;
  wrap?: boolean;
}

/** A `<p:txBody>` around paragraph XML. */
export function textBody(paragraphs: string, options: BodyOptions = {}): string {
  const [l, t, r, b] = options.insets ?? [0, 0, 0, 0];
  const fit = options.grow ? '<a:spAutoFit/>' : '<a:noAutofit/>';
  return (
    `<p:txBody><a:bodyPr wrap="${options.wrap === false ? 'none' : 'square'}" lIns="${emu(l)}" tIns="${emu(t)}" rIns="${emu(r)}" bIns="${emu(b)}" ` +
    `anchor="${options.anchor ?? 't'}" rtlCol="0">${fit}</a:bodyPr><a:lstStyle/>${paragraphs}</p:txBody>`
  );
}

function pieces(paragraph: Paragraph, style: TextStyle): Piece[] {
  const tracking = style.tracking ? style.tracking * style.size : 0;
  return paragraph.runs.map((run) => ({
    text: style.caps ? run.text.toUpperCase() : run.text,
    size: style.size * (run.sup ? SUP_SCALE : 1) * (run.scale ?? 1),
    bold: !run.regular && Boolean(run.bold || style.bold),
    tracking,
  }));
}

/** Lines each paragraph takes in a column `width` px wide. */
export function lineCounts(
  paragraphs: readonly Paragraph[],
  width: number,
  style: TextStyle,
  metrics: FontMetrics,
): number[] {
  return paragraphs.map((paragraph) =>
    countLines(pieces(paragraph, style), width - marginOf(paragraph, style), metrics),
  );
}

/** Height in px the paragraphs take in a column `width` px wide. */
export function textHeight(
  paragraphs: readonly Paragraph[],
  width: number,
  style: TextStyle,
  metrics: FontMetrics,
): number {
  if (paragraphs.length === 0) return 0;
  const lines = lineCounts(paragraphs, width, style, metrics).reduce((sum, n) => sum + n, 0);
  return lines * style.size * style.lineHeight + (paragraphs.length - 1) * (style.gap ?? 0);
}

/** The widest line of the paragraphs unwrapped, px (for boxes that fit their text). */
export function textWidth(paragraphs: readonly Paragraph[], style: TextStyle, metrics: FontMetrics): number {
  let widest = 0;
  for (const paragraph of paragraphs) {
    const width = pieces(paragraph, style).reduce(
      (sum, piece) =>
        sum +
        metrics.width(piece.text, piece.size, piece.bold) +
        [...piece.text].length * (piece.tracking ?? 0),
      0,
    );
    widest = Math.max(widest, width + marginOf(paragraph, style));
  }
  return widest;
}
