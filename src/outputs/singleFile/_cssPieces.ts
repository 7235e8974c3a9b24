/**
 * A stylesheet read for the single file with the theme check's tokenizer
 * (format/cssTokens.ts): its tokens one at a time, each with its text,
 * comments dropped, and the few questions the inlining asks of them.
 */
import { needsComment } from '../../format/cssSerialize.js';
import { type CssToken, CssTokenizer, preprocessCss } from '../../format/cssTokens.js';

/** A token of the stylesheet and its text as written out. */
export interface Piece {
  token: CssToken;
  text: string;
}

/**
 * What stands for dropped comments between two tokens: a space between two
 * words, an empty comment between other tokens that would read otherwise
 * without one (`url` and `(`, `1` and `%`).
 */
const SPACE: Piece = {
  token: { type: 'whitespace', value: ' ', start: 0, end: 0, escaped: false },
  text: ' ',
};
const EMPTY_COMMENT: Piece = {
  token: { type: 'comment', value: '', start: 0, end: 0, escaped: false },
  text: '/**/',
};
const WORD_CHARACTER = /[\w-]/;

/**
 * The pieces of a stylesheet in order, read as they are asked for (a 2 MB
 * theme's are never all kept): its tokens with their text, comments
 * dropped, and what stands for them where they kept two tokens apart.
 */
export class PieceReader {
  private readonly source: string;
  private readonly tokens: CssTokenizer;
  /** Pieces read ahead, next first. */
  private readonly ahead: Piece[] = [];
  /** The last token read, to see what a dropped comment kept apart. */
  private before: Piece | undefined;

  constructor(css: string) {
    this.source = preprocessCss(css);
    this.tokens = new CssTokenizer(this.source);
  }

  /** The next piece; undefined at the end. */
  next(): Piece | undefined {
    const waiting = this.ahead.pop();
    if (waiting) return waiting;
    let dropped = false;
    for (let token = this.tokens.next(); token; token = this.tokens.next()) {
      if (token.type === 'comment') {
        dropped = true;
        continue;
      }
      const piece = { token, text: this.source.slice(token.start, token.end) };
      const before = this.before;
      this.before = piece;
      const between = dropped && before ? this.standIn(before, piece) : undefined;
      if (!between) return piece;
      this.ahead.push(piece);
      return between;
    }
    return undefined;
  }

  /** Gives `piece` back: the next `next()` returns it. */
  unread(piece: Piece): void {
    this.ahead.push(piece);
  }

  /** What stands for the comments dropped between `a` and `b`, if anything must. */
  private standIn(a: Piece, b: Piece): Piece | undefined {
    if (WORD_CHARACTER.test(a.text.at(-1) ?? '') && WORD_CHARACTER.test(b.text[0] ?? '')) return SPACE;
    const after = this.source.slice(b.token.end, b.token.end + 3);
    return runTogether(a, b, after) ? EMPTY_COMMENT : undefined;
  }
}

/**
 * Whether two tokens, written with nothing between them (and `after` after
 * them), would not read as themselves. The table of CSS Syntax §9 says which
 * pairs may; the tokenizer says whether these do (`U` and `+0041` do not).
 */
function runTogether(a: Piece, b: Piece, after: string): boolean {
  if (!needsComment(a.token, b.token)) return false;
  const tokens = new CssTokenizer(a.text + b.text + after);
  const first = tokens.next();
  const second = tokens.next();
  return !(
    first?.end === a.text.length &&
    second?.end === a.text.length + b.text.length &&
    first.type === a.token.type &&
    second.type === b.token.type
  );
}

export const textOf = (pieces: readonly Piece[]): string => pieces.map((piece) => piece.text).join('');

/** Whitespace and what stands for comments are not significant. */
export const significant = (piece: Piece): boolean =>
  piece.token.type !== 'whitespace' && piece.token.type !== 'comment';

export const isAtRule = (token: CssToken, name: string): boolean =>
  token.type === 'at-keyword' && token.value.toLowerCase() === name;

/** A `url(…)`: a URL token, unquoted (a malformed one too), or the function with a quoted URL. */
export const isUrl = (token: CssToken): boolean =>
  token.type === 'url' ||
  token.type === 'bad-url' ||
  (token.type === 'function' && token.value.toLowerCase() === 'url');

/** Where the `url(…)` at `k` of `pieces` ends: past its URL token, or past the function's `)`. */
export function urlEnd(pieces: readonly Piece[], k: number): number {
  if (pieces[k]?.token.type !== 'function') return k + 1;
  const close = pieces.findIndex((piece, at) => at > k && piece.token.type === ')');
  return close < 0 ? pieces.length : close + 1;
}

/**
 * The URL that `pieces` are, whitespace aside: a quoted string, a URL
 * token, or `url(` with one quoted string and `)`; else undefined.
 */
export function urlOf(pieces: readonly Piece[]): string | undefined {
  const [first, ...rest] = pieces.filter(significant);
  if (!first) return undefined;
  const { type, value } = first.token;
  if ((type === 'string' || type === 'url') && rest.length === 0) return value.trim();
  const [string, close] = rest;
  const quoted = string?.token.type === 'string' && close?.token.type === ')' && rest.length === 2;
  return type === 'function' && quoted ? string.token.value.trim() : undefined;
}

/** Splits `pieces` at each piece of type `separator` outside brackets, as CSS lists and declarations are. */
export function splitAt(pieces: readonly Piece[], separator: ';' | ','): Piece[][] {
  const parts: Piece[][] = [];
  let depth = 0;
  let last = 0;
  for (const [k, { token }] of pieces.entries()) {
    if (token.type === 'function' || token.type === '(') depth += 1;
    else if (token.type === ')') depth = Math.max(0, depth - 1);
    else if (token.type === separator && depth === 0) {
      parts.push(pieces.slice(last, k));
      last = k + 1;
    }
  }
  parts.push(pieces.slice(last));
  return parts;
}
