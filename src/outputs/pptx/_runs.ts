/**
 * The slide model's sanitised HTML (marked's output through the deck's
 * renderer: p, strong, em, del, code, a, br, lists, blockquote, pre, GFM
 * tables) read back into paragraphs of formatted runs, the shape DrawingML
 * text takes. Read with htmlparser2's tokenizer, so entities and attribute
 * quoting are decoded by a real HTML parser, not by regular expressions.
 * Only http, https and mailto links are kept; a citation (`a.cite`) becomes
 * a superscript number that jumps to the sources slide. Anything else is
 * kept as its text, never as markup.
 */
import { Parser } from 'htmlparser2';
import { withoutSoftHyphens } from '../../content/hyphenation.js';

export type Link = { kind: 'url'; url: string } | { kind: 'sources' };

/** How a run of text is marked up in the HTML it is read from. */
interface Marks {
  bold?: boolean;
  italic?: boolean;
  strike?: boolean;
  code?: boolean;
  /** Raised and smaller (a citation). */
  sup?: boolean;
  link?: Link;
}

export interface Run extends Marks {
  /** The text; `\n` is a line break inside the paragraph. */
  text: string;
  /** Set by the slide, never read from HTML: a size relative to the paragraph's, a colour, a weight. */
  scale?: number;
  color?: string;
  regular?: boolean;
}

export interface Paragraph {
  runs: Run[];
  /** A list item's bullet or number (numbered from `start`). */
  list?: { type: 'bullet' | 'number'; start: number };
  /** List nesting, 0 for a top-level item or a plain paragraph; a continuation paragraph of an item keeps its indent. */
  level: number;
  /** A paragraph inside a list item after its first: indented, without a bullet. */
  continued?: boolean;
}

// The deck's soft hyphens are left out (withoutSoftHyphens): PowerPoint does not break lines at them, and
// LibreOffice breaks there without showing the hyphen; either way the text is measured and set whole-word.

const SAFE_SCHEME = /^(https?:|mailto:)/i;

/**
 * A link target that is safe to write: http, https or mailto, as the URL
 * parser normalises it (quotes, spaces and angle brackets percent-encoded);
 * `undefined` for anything else.
 */
export function safeUrl(href: string | undefined): string | undefined {
  const trimmed = (href ?? '').trim();
  if (!SAFE_SCHEME.test(trimmed)) return undefined;
  try {
    const url = new URL(trimmed);
    return SAFE_SCHEME.test(url.protocol) ? url.href : undefined;
  } catch {
    return undefined;
  }
}

interface Format extends Marks {
  tag: string;
}

const INLINE: Record<string, Omit<Format, 'tag'>> = {
  strong: { bold: true },
  b: { bold: true },
  em: { italic: true },
  i: { italic: true },
  cite: { italic: true },
  del: { strike: true },
  s: { strike: true },
  code: { code: true },
  th: { bold: true },
};
const BLOCKS = new Set(['p', 'div', 'blockquote', 'pre', 'tr', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'hr']);

/** Reads HTML into paragraphs; see the module comment. */
class Reader {
  readonly paragraphs: Paragraph[] = [];
  private current: Paragraph | null = null;
  private formats: Format[] = [];
  private lists: { type: 'bullet' | 'number'; next: number }[] = [];
  /** Paragraphs opened in the current list item so far. */
  private itemParagraphs = 0;
  private pre = 0;

  open(tag: string, attrs: Record<string, string>): void {
    if (tag === 'ul' || tag === 'ol') {
      this.close();
      const start = Number.parseInt(attrs.start ?? '1', 10);
      this.lists.push({ type: tag === 'ol' ? 'number' : 'bullet', next: Number.isFinite(start) ? start : 1 });
    } else if (tag === 'li') {
      this.close();
      this.itemParagraphs = 0;
      this.startItem();
    } else if (tag === 'br') {
      this.text('\n', true);
    } else if (tag === 'td' || tag === 'th') {
      if (this.current && this.current.runs.length > 0) this.text('\t', true);
      if (tag === 'th') this.formats.push({ tag, bold: true });
    } else if (BLOCKS.has(tag)) {
      if (tag === 'pre') this.pre += 1;
      if (this.lists.length > 0 && this.itemParagraphs === 1 && this.current?.runs.length === 0) return;
      this.close();
    } else if (tag === 'a') {
      this.formats.push({ tag, link: linkOf(attrs) });
    } else if (tag === 'sup') {
      this.formats.push({ tag, sup: true });
    } else {
      this.formats.push({ tag, ...(INLINE[tag] ?? {}) });
    }
  }

  closeTag(tag: string): void {
    if (tag === 'ul' || tag === 'ol') {
      this.close();
      this.lists.pop();
    } else if (tag === 'li') {
      this.close();
    } else if (BLOCKS.has(tag)) {
      if (tag === 'pre') this.pre = Math.max(0, this.pre - 1);
      this.close();
    } else if (tag !== 'br' && tag !== 'td') {
      const at = this.formats.map((format) => format.tag).lastIndexOf(tag);
      if (at >= 0) this.formats.splice(at, 1);
    }
  }

  text(raw: string, verbatim = false): void {
    let text = withoutSoftHyphens(
      // HTML's white space (not its no-break spaces) collapses to one space.
      verbatim || this.pre > 0 ? raw.replace(/\r/g, '') : raw.replace(/[ \t\n\r\f]+/g, ' '),
    );
    const paragraph = this.paragraph();
    const previous = paragraph.runs[paragraph.runs.length - 1]?.text ?? '';
    // White space collapses across the parser's pieces of text too.
    if (!verbatim && this.pre === 0 && (previous === '' || previous.endsWith(' ')))
      text = text.replace(/^ /, '');
    if (text === '') return;
    const run: Run = { text };
    for (const format of this.formats) {
      if (format.bold) run.bold = true;
      if (format.italic) run.italic = true;
      if (format.strike) run.strike = true;
      if (format.code) run.code = true;
      if (format.sup) run.sup = true;
      if (format.link) run.link = format.link;
    }
    if (this.formats.some((format) => format.link?.kind === 'sources')) run.sup = true;
    paragraph.runs.push(run);
  }

  private startItem(): void {
    const list = this.lists[this.lists.length - 1];
    const paragraph = this.paragraph();
    if (list) {
      paragraph.list = { type: list.type, start: list.next };
      list.next += 1;
    }
  }

  private paragraph(): Paragraph {
    if (!this.current) {
      const continued = this.lists.length > 0 && this.itemParagraphs > 0;
      this.current = { runs: [], level: Math.max(0, this.lists.length - 1) };
      if (continued) this.current.continued = true;
      this.itemParagraphs += 1;
    }
    return this.current;
  }

  /** Ends the open paragraph: whitespace at its ends trimmed, dropped when empty. */
  close(): void {
    const paragraph = this.current;
    this.current = null;
    if (!paragraph) return;
    paragraph.runs = mergeRuns(paragraph.runs);
    trimRuns(paragraph.runs);
    if (paragraph.runs.length > 0) this.paragraphs.push(paragraph);
  }
}

function linkOf(attrs: Record<string, string>): Link | undefined {
  if (/(^|\s)cite(\s|$)/.test(attrs.class ?? '')) return { kind: 'sources' };
  const url = safeUrl(attrs.href);
  return url ? { kind: 'url', url } : undefined;
}

const sameFormat = (a: Run, b: Run) =>
  a.bold === b.bold &&
  a.italic === b.italic &&
  a.strike === b.strike &&
  a.code === b.code &&
  a.sup === b.sup &&
  a.link?.kind === b.link?.kind &&
  (a.link?.kind === 'url' ? a.link.url : '') === (b.link?.kind === 'url' ? b.link.url : '');

/** Runs of the same format one after the other made one (the parser gives text in pieces). */
function mergeRuns(runs: Run[]): Run[] {
  const merged: Run[] = [];
  for (const run of runs) {
    const last = merged[merged.length - 1];
    if (last && sameFormat(last, run) && last.text !== '\n' && run.text !== '\n') last.text += run.text;
    else merged.push({ ...run });
  }
  return merged;
}

function trimRuns(runs: Run[]): void {
  while (runs[0] && runs[0].text.trimStart() === '' && runs[0].text !== '\n') runs.shift();
  const first = runs[0];
  if (first && first.text !== '\n') first.text = first.text.trimStart();
  while (runs.length > 0 && (runs[runs.length - 1] as Run).text.trimEnd() === '') runs.pop();
  const last = runs[runs.length - 1];
  if (last) last.text = last.text.trimEnd();
}

/** The paragraphs of sanitised HTML (block or inline). */
export function readHtml(html: string): Paragraph[] {
  const reader = new Reader();
  const parser = new Parser(
    {
      onopentag: (name, attrs) => reader.open(name.toLowerCase(), attrs),
      onclosetag: (name) => reader.closeTag(name.toLowerCase()),
      ontext: (text) => reader.text(text),
    },
    { decodeEntities: true, lowerCaseTags: true, recognizeSelfClosing: true },
  );
  parser.write(html);
  parser.end();
  reader.close();
  return reader.paragraphs;
}

/** A paragraph of one plain run. */
export const plainParagraph = (text: string, format: Omit<Run, 'text'> = {}): Paragraph => ({
  runs: [{ text: withoutSoftHyphens(text), ...format }],
  level: 0,
});

/** A paragraph's words, as plain text. */
export const paragraphText = (paragraph: Paragraph): string => paragraph.runs.map((run) => run.text).join('');
