/**
 * Markdown from the briefing file, rendered by `marked` into HTML that is
 * safe to emit unescaped. This is the deck's sanitiser: raw HTML is shown as
 * text, only http(s) and mailto links are kept, images become their alt text,
 * and `[@id]` citations become numbered references to the sources slide.
 */
import { Lexer, Marked, type MarkedExtension, type Token, type Tokens } from 'marked';
import { CITATION, FIGURE_REFERENCE } from '../format/references.js';
import { escapeHtml } from './_html.js';
import type { Typography } from './typography.js';

export { escapeHtml } from './_html.js';

/** How `[@fig:id]` is written: the figure's number ("Figure 2"), and where it links to (`null`: nowhere). */
export interface FigureReferences {
  number: (id: string) => number | undefined;
  href: ((id: string) => string) | null;
}

/** A citation with the spaces before it: "90 % [@src]." reads "90 %." once it is gone. */
const CITED = new RegExp(`[ \\t]*${CITATION.source}`, 'g');

/**
 * Markdown without its citations and figure references (a figure reference becomes the word "Figure"):
 * text from another version of the briefing, whose sources and figures may not be this one's.
 */
export function withoutReferences(markdown: string): string {
  return markdown.replace(FIGURE_REFERENCE, 'Figure').replace(CITED, '').trim();
}

/** A sentence without its closing full stop, for what follows it (not an abbreviation's: `U.S.`). */
export function withoutFullStop(text: string): string {
  return text.replace(/(?<!\.\p{L})\.$/u, '');
}

/** Strips Markdown to plain text (for PDF outlines, alt text and titles). */
export function plainText(markdown: string): string {
  return markdown
    .replace(FIGURE_REFERENCE, 'Figure')
    .replace(CITED, '')
    .replace(/!\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/[*_`~]+/g, '')
    .replace(/\s+/g, ' ')
    .trim();
}

const SAFE_LINK = /^(https?:|mailto:)/i;

/** The spaces before a citation, which become one no-break space so that `[n]` never starts a line. */
const BEFORE_CITATION = /(?<=\S)[ \t]*\n?[ \t]*(?=\[@[a-z0-9-]+\])/g;

/** A citation's number: its source's place in the briefing's list of sources, counted from 1. */
export function citationNumbering(sources: readonly { id: string }[]): (id: string) => number | undefined {
  const numbers = new Map(sources.map((source, index) => [source.id, index + 1]));
  return (id) => numbers.get(id);
}

export interface MarkdownRenderer {
  /** Block Markdown (paragraphs, lists, …) to HTML. */
  block(markdown: string): string;
  /** Inline Markdown (emphasis, links, code) to HTML, without a wrapping paragraph. */
  inline(markdown: string): string;
  /** Inline Markdown as plain text: its words, citations as `[n]`. */
  text(markdown: string): string;
}

/**
 * Makes a renderer whose citations are numbered by `citationNumber` (the
 * position of the source on the sources slide). `citationHref` is where a
 * citation links to (the sources slide in the deck, the source's own entry
 * in the handout); `null` writes it as a plain `[n]` (a mail, where it has
 * nowhere to go).
 */
export function createMarkdown(
  citationNumber: (id: string) => number | undefined,
  citationHref: ((n: number) => string) | null = () => '#/sources',
  {
    shortcuts = true,
    figures,
    typography,
  }: {
    /** Off only to test that the shortcuts below change nothing. */
    shortcuts?: boolean;
    /** How `[@fig:id]` is written; without it, as written. */
    figures?: FigureReferences;
    /** The language's quotes, hyphens and URL breaks, for the text of the HTML (never code or URLs). */
    typography?: Typography;
  } = {},
): MarkdownRenderer {
  const figureText = figureLabel(figures);
  const html = typography ? (text: string) => typography.html(text) : escapeHtml;
  const settle = typography ? typography.quotes : (text: string) => text;
  // The direction of the paragraphs and of the runs inside them (typography.ts, bidi.ts).
  const directed = (html: string, block: boolean) => (typography ? typography.directed(html, block) : html);
  const nbsp = (markdown: string) =>
    typography && markdown.includes('[@') ? markdown.replace(BEFORE_CITATION, '\u00A0') : markdown;
  const options: MarkedExtension = {
    gfm: true,
    breaks: false,
    async: false,
    extensions: referenceExtensions({ citationNumber, citationHref, figureText, figureHref: figures?.href }),
    renderer: safeRenderer(html, typography),
  };
  const marked = new Marked(options);
  // marked tries every block rule at the start of every block. Four of them are costly to compile and
  // to run, and need what most texts lack: raw HTML needs "<", a quote ">", a table "|" or a
  // one-column delimiter row, and a setext heading an underline (see UNDERLINE). For a text without
  // these, the same marked with those rules switched off (a tokenizer that returns undefined is not
  // run again by marked) gives the same HTML in less time.
  const lean = new Marked(options, {
    tokenizer: {
      table: () => undefined,
      html: () => undefined,
      lheading: () => undefined,
      blockquote: () => undefined,
    },
  });
  const full = (markdown: string) => !shortcuts || /[|<>]/.test(markdown) || UNDERLINE.test(markdown);
  // The view model may lay a group out twice (normal and dense); each text is converted once.
  const blocks = new Map<string, string>();
  const inlines = new Map<string, string>();
  const cached = (cache: Map<string, string>, convert: (text: string) => string) => (text: string) => {
    let html = cache.get(text);
    if (html === undefined) {
      html = convert(text);
      cache.set(text, html);
    }
    return html;
  };
  return {
    block: cached(blocks, (markdown) =>
      directed(
        shortcuts && isPlainBlock(markdown)
          ? `<p>${html(markdown.trimEnd())}</p>`
          : ((full(markdown) ? marked : lean).parse(nbsp(markdown), { async: false }) as string).trim(),
        true,
      ),
    ),
    inline: cached(inlines, (markdown) =>
      directed(
        shortcuts && isPlainInline(markdown)
          ? html(markdown).trim()
          : (marked.parseInline(nbsp(markdown), { async: false }) as string).trim(),
        false,
      ),
    ),
    // The same quotes and spaces as the HTML, without its soft hyphens.
    text: (markdown) =>
      plainWords(Lexer.lexInline(markdown, marked.defaults), citationNumber, figureText, settle),
  };
}

/** How a `[@fig:id]` reads: "Figure N", or undefined for a figure not known. */
function figureLabel(figures: FigureReferences | undefined) {
  return (token: { raw: string; id?: unknown }) => {
    const n = figures?.number(String(token.id));
    return n === undefined ? undefined : `Figure ${n}`;
  };
}

/*
 * Text in which Markdown has nothing to read: marked would give it back
 * escaped, in a paragraph for a block. About half the texts of a briefing
 * are like this, and a cold build spends most of its Markdown time in
 * marked's first runs, so these skip it. The test is strict: ASCII letters,
 * digits, spaces and `,.;:?'"()%/$-`, and any other character but ASCII and
 * whitespace (to marked, a letter like any other when no `*` or `_` is near);
 * no `://` or `www.` that GFM would link. A property test checks the result
 * against marked's. (Unicode property classes would read better, but they
 * cost a cold build more to compile than this saves.)
 */
// biome-ignore lint/suspicious/noControlCharactersInRegex: the range is all of ASCII, to exclude it.
const PLAIN_TEXT = /^(?:[A-Za-z0-9 ,.;:?'"()%/$-]|[^\x00-\x7F\s])*$/;
const AUTOLINK = /:\/\/|www\./i;

/**
 * A line that ends in a run of "=" or "-" (a setext underline) or of "-" with a colon at either end
 * (the delimiter row of a one-column table, which needs no "|"), after nothing, a space or ">".
 */
const UNDERLINE = /(?:^|[\s>])(?:=+|:?-+:?)[ \t]*$/m;

export function isPlainInline(text: string): boolean {
  return PLAIN_TEXT.test(text) && !AUTOLINK.test(text);
}

/**
 * Plain text (above) on one line, which opens no block: it does not start
 * with a space, a tab, "-" or a number and "." or ")" (a list).
 */
export function isPlainBlock(text: string): boolean {
  const line = text.trimEnd();
  return (
    line !== '' &&
    isPlainInline(line) &&
    !/^[\s-]/.test(line) &&
    !/^[0-9]+[.)]/.test(line) &&
    (text === line || text === `${line}\n`)
  );
}

type FigureText = (token: { raw: string; id?: unknown }) => string | undefined;

/** `[@id]` citations and `[@fig:id]` figure references, read by marked as tokens of their own. */
function referenceExtensions({
  citationNumber,
  citationHref,
  figureText,
  figureHref,
}: {
  citationNumber: (id: string) => number | undefined;
  citationHref: ((n: number) => string) | null;
  figureText: FigureText;
  figureHref: ((id: string) => string) | null | undefined;
}): NonNullable<MarkedExtension['extensions']> {
  const figures = { href: figureHref };
  return [
    {
      name: 'figureReference',
      level: 'inline',
      start: (src: string) => src.indexOf('[@fig:'),
      tokenizer(src: string) {
        const match = /^\[@fig:([a-z0-9-]+)\]/.exec(src);
        if (!match) return undefined;
        return { type: 'figureReference', raw: match[0], id: match[1] };
      },
      renderer(token) {
        const words = figureText(token);
        if (words === undefined) return escapeHtml(token.raw);
        const href = figures?.href?.(String(token.id));
        return href ? `<a class="fig-ref" href="${escapeHtml(href)}">${words}</a>` : words;
      },
    },
    {
      name: 'citation',
      level: 'inline',
      start: (src: string) => src.indexOf('[@'),
      tokenizer(src: string) {
        const match = /^\[@([a-z0-9-]+)\]/.exec(src);
        if (!match) return undefined;
        return { type: 'citation', raw: match[0], id: match[1] };
      },
      renderer(token) {
        const id = String(token.id);
        const n = citationNumber(id);
        if (n === undefined) return escapeHtml(token.raw);
        if (citationHref === null) return `[${n}]`;
        return `<a class="cite" href="${citationHref(n)}" title="Source ${n}">[${n}]</a>`;
      },
    },
  ];
}

/** What marked writes, made safe: raw HTML and images as their text, links only of safe schemes, headings as bold lines. */
function safeRenderer(
  html: (text: string) => string,
  typography: Typography | undefined,
): MarkedExtension['renderer'] {
  return {
    html({ text }: Tokens.HTML | Tokens.Tag) {
      return escapeHtml(text);
    },
    text(
      this: { parser: { parseInline(tokens: Tokens.Generic[]): string } },
      token: Tokens.Text | Tokens.Escape,
    ) {
      if ('tokens' in token && token.tokens) return this.parser.parseInline(token.tokens);
      // An escaped character (`\"`) is kept as written.
      if (token.type === 'escape') return escapeHtml(token.text);
      return html(token.text);
    },
    link(this: { parser: { parseInline(tokens: Tokens.Generic[]): string } }, token: Tokens.Link) {
      const href = token.href.trim();
      // A URL shown as itself breaks only after its punctuation; other link text is text.
      const shownAsUrl =
        typography && (token.text === token.href || /^(https?:\/\/|www\.)/i.test(token.text));
      const text = shownAsUrl ? typography.urlHtml(token.text) : this.parser.parseInline(token.tokens);
      if (!SAFE_LINK.test(href)) return text;
      const title = token.title ? ` title="${escapeHtml(token.title)}"` : '';
      return `<a href="${escapeHtml(href)}"${title} rel="noopener noreferrer">${text}</a>`;
    },
    image({ text }: Tokens.Image) {
      return escapeHtml(text);
    },
    heading(this: { parser: { parseInline(tokens: Tokens.Generic[]): string } }, token: Tokens.Heading) {
      return `<p class="md-heading"><strong>${this.parser.parseInline(token.tokens)}</strong></p>\n`;
    },
  };
}

/** The words of marked's own reading of the text, not its HTML taken apart again: citations as `[n]`. */
function plainWords(
  tokens: readonly Token[],
  citationNumber: (id: string) => number | undefined,
  figureText: FigureText,
  settle: (text: string) => string,
): string {
  const words = (list: readonly Token[]): string =>
    list
      .map((token) => {
        if (token.type === 'citation') {
          const n = citationNumber(String(token.id));
          return n === undefined ? token.raw : `[${n}]`;
        }
        if (token.type === 'figureReference') return figureText(token) ?? token.raw;
        if (token.type === 'br') return ' ';
        // A URL shown as itself, like code, as written (the HTML sets neither).
        if (token.type === 'link' && (token.text === token.href || /^(https?:\/\/|www\.)/i.test(token.text)))
          return token.text;
        if ('tokens' in token && token.tokens) return words(token.tokens);
        if (token.type === 'text') return settle(token.text);
        return 'text' in token ? String(token.text) : token.raw;
      })
      .join('');
  // Runs of spaces and line ends as one space; the no-break spaces of the language's typography kept.
  return words(tokens)
    .replace(/(?:(?![\u00A0\u202F])\s)+/g, ' ')
    .trim();
}
