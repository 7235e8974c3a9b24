/**
 * CSS read the way a browser reads it: a tokenizer that follows CSS Syntax
 * Level 3 §3.3 and §4, and the serialisation of tokens back to CSS (§9) in
 * a form with no escape outside a string. The theme check (themeCss.ts) is
 * built on it.
 */

export type CssTokenType =
  | 'ident'
  | 'function'
  | 'at-keyword'
  | 'hash'
  | 'string'
  | 'bad-string'
  | 'url'
  | 'bad-url'
  | 'delim'
  | 'number'
  | 'percentage'
  | 'dimension'
  | 'whitespace'
  | 'CDO'
  | 'CDC'
  | ':'
  | ';'
  | ','
  | '['
  | ']'
  | '('
  | ')'
  | '{'
  | '}'
  | 'comment';

export interface CssToken {
  type: CssTokenType;
  /**
   * The name (ident, function, at-keyword, hash), the text (string, url, comment,
   * whitespace), the character (delim), the unit (dimension); empty otherwise.
   */
  value: string;
  /** Numbers, percentages and dimensions: the number as written (`+.5e3`). */
  repr?: string;
  /** Hash tokens: whether the name would also be an identifier (`#id`, not `#123`). */
  id?: boolean;
  /** Where the token starts and ends in the preprocessed text. */
  start: number;
  end: number;
  /** A backslash escape (or line continuation) was used in it. */
  escaped: boolean;
}

const EOF = -1;
const LF = 0x0a;

// ── §3.3 preprocessing and §4 tokenization ───────────────────────────────

/** CR LF, CR and FF become LF; NUL and lone surrogates become U+FFFD. */
export function preprocessCss(input: string): string {
  return input
    .replace(/\r\n?|\f/g, '\n')
    .replace(/\0|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD');
}

export const isDigit = (c: number) => c >= 0x30 && c <= 0x39;
const isHex = (c: number) => isDigit(c) || (c >= 0x41 && c <= 0x46) || (c >= 0x61 && c <= 0x66);
const isLetter = (c: number) => (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a);
const isIdentStart = (c: number) => isLetter(c) || c >= 0x80 || c === 0x5f;
export const isIdentChar = (c: number) => isIdentStart(c) || isDigit(c) || c === 0x2d;
export const isWhitespace = (c: number) => c === LF || c === 0x09 || c === 0x20;
export const isNonPrintable = (c: number) =>
  (c >= 0 && c <= 0x08) || c === 0x0b || (c >= 0x0e && c <= 0x1f) || c === 0x7f;
const isValidEscape = (a: number, b: number) => a === 0x5c && b !== LF;
const startsIdent = (a: number, b: number, c: number) =>
  a === 0x2d ? isIdentStart(b) || b === 0x2d || isValidEscape(b, c) : isIdentStart(a) || isValidEscape(a, b);
/** What a URL's plain characters stop at: `)`, the end, whitespace, a quote, `(`, a backslash, a control. */
const endsUrlRun = (c: number) =>
  c === 0x29 ||
  c === EOF ||
  isWhitespace(c) ||
  c === 0x22 ||
  c === 0x27 ||
  c === 0x28 ||
  c === 0x5c ||
  isNonPrintable(c);
const startsNumber = (a: number, b: number, c: number) =>
  a === 0x2b || a === 0x2d ? isDigit(b) || (b === 0x2e && isDigit(c)) : a === 0x2e ? isDigit(b) : isDigit(a);

/** The tokens of a stylesheet, comments included, as CSS Syntax Level 3 §4 reads it. */
export function tokenizeCss(input: string): CssToken[] {
  const tokens: CssToken[] = [];
  const tokenizer = new CssTokenizer(preprocessCss(input));
  for (let token = tokenizer.next(); token; token = tokenizer.next()) tokens.push(token);
  return tokens;
}

/** The tokens of a stylesheet one at a time, then undefined: a list of them need not be kept. */
export function cssTokenizer(input: string): () => CssToken | undefined {
  const tokenizer = new CssTokenizer(preprocessCss(input));
  return () => tokenizer.next();
}

/**
 * Every token is made here, in one shape, and placed by `next`: a 2 MB
 * theme has a million tokens, and copying each (a spread) cost seconds.
 */
const made = (type: CssTokenType, value: string, repr?: string, id?: boolean): CssToken => ({
  type,
  value,
  repr,
  id,
  start: 0,
  end: 0,
  escaped: false,
});

/**
 * The tokenizer of §4 over preprocessed text (§3.3): `next` gives the
 * tokens in order; each step below is the section of the standard it names,
 * reading from `i` on.
 */
export class CssTokenizer {
  private i = 0;
  /** Whether the token being read has used an escape. */
  private escaped = false;

  constructor(private readonly s: string) {}

  /** The next token, with its place and whether it used an escape; undefined at the end. */
  next(): CssToken | undefined {
    if (this.i >= this.s.length) return undefined;
    const start = this.i;
    this.escaped = false;
    const token = this.token();
    token.start = start;
    token.end = this.i;
    token.escaped = this.escaped;
    return token;
  }

  /** The code point `k` ahead of `i` (EOF past the end). */
  private at(k = 0): number {
    const { s, i } = this;
    return i + k < s.length ? s.charCodeAt(i + k) : EOF;
  }

  /** §4.3.1 */
  private token(): CssToken {
    const c = this.at();
    if (c === 0x2f && this.at(1) === 0x2a) return this.comment();
    if (isWhitespace(c)) {
      const start = this.i;
      while (isWhitespace(this.at())) this.i++;
      return made('whitespace', this.s.slice(start, this.i));
    }
    if (c === 0x22 || c === 0x27) {
      this.i++;
      return this.string(c);
    }
    if (c === 0x23 && (isIdentChar(this.at(1)) || isValidEscape(this.at(1), this.at(2)))) {
      this.i++;
      const id = startsIdent(this.at(), this.at(1), this.at(2));
      return made('hash', this.identSequence(), undefined, id);
    }
    if (startsNumber(c, this.at(1), this.at(2)) && (c === 0x2b || c === 0x2d || c === 0x2e || isDigit(c)))
      return this.numeric();
    if (c === 0x2d && this.at(1) === 0x2d && this.at(2) === 0x3e) {
      this.i += 3;
      return made('CDC', '');
    }
    if (c === 0x3c && this.at(1) === 0x21 && this.at(2) === 0x2d && this.at(3) === 0x2d) {
      this.i += 4;
      return made('CDO', '');
    }
    if (c === 0x40 && startsIdent(this.at(1), this.at(2), this.at(3))) {
      this.i++;
      return made('at-keyword', this.identSequence());
    }
    if (
      isIdentStart(c) ||
      (c === 0x2d && startsIdent(c, this.at(1), this.at(2))) ||
      isValidEscape(c, this.at(1))
    )
      return this.identLike();
    const char = this.codePoint();
    if ('():;,[]{}'.includes(char)) return made(char as CssTokenType, '');
    return made('delim', char);
  }

  /** §4.3.2, at the `/*`: up to its end, or the end of the text. */
  private comment(): CssToken {
    const close = this.s.indexOf('*/', this.i + 2);
    const value = this.s.slice(this.i + 2, close < 0 ? this.s.length : close);
    this.i = close < 0 ? this.s.length : close + 2;
    return made('comment', value);
  }

  /** The code point at `i`, taken. */
  private codePoint(): string {
    const char = String.fromCodePoint(this.s.codePointAt(this.i) as number);
    this.i += char.length;
    return char;
  }

  /** §4.3.3 */
  private numeric(): CssToken {
    const repr = this.number();
    if (startsIdent(this.at(), this.at(1), this.at(2))) return made('dimension', this.identSequence(), repr);
    if (this.at() === 0x25) {
      this.i++;
      return made('percentage', '', repr);
    }
    return made('number', '', repr);
  }

  /** §4.3.4 */
  private identLike(): CssToken {
    const name = this.identSequence();
    if (name.toLowerCase() === 'url' && this.at() === 0x28) {
      this.i++;
      while (isWhitespace(this.at()) && isWhitespace(this.at(1))) this.i++;
      const c = this.at();
      const next = this.at(1);
      const quoted = c === 0x22 || c === 0x27 || (isWhitespace(c) && (next === 0x22 || next === 0x27));
      return quoted ? made('function', name) : this.url();
    }
    if (this.at() === 0x28) {
      this.i++;
      return made('function', name);
    }
    return made('ident', name);
  }

  /** §4.3.5, after the opening quote. */
  private string(quote: number): CssToken {
    const { s } = this;
    let value = '';
    let run = this.i;
    for (;;) {
      const c = this.at();
      // Plain characters are taken as one slice, when something else ends them.
      if (c !== quote && c !== EOF && c !== LF && c !== 0x5c) {
        this.i++;
        continue;
      }
      value += s.slice(run, this.i);
      if (c === quote) {
        this.i++;
        return made('string', value);
      }
      if (c === EOF) return made('string', value);
      if (c === LF) return made('bad-string', value);
      this.escaped = true;
      this.i++;
      if (this.at() === LF) this.i++;
      else if (this.at() !== EOF) value += this.escapedCodePoint();
      run = this.i;
    }
  }

  /** §4.3.6, after `url(` and its whitespace. */
  private url(): CssToken {
    const { s } = this;
    let value = '';
    while (isWhitespace(this.at())) this.i++;
    let run = this.i;
    for (;;) {
      const c = this.at();
      // Plain characters are taken as one slice, when something else ends them.
      if (!endsUrlRun(c)) {
        this.i++;
        continue;
      }
      value += s.slice(run, this.i);
      if (c === 0x29) {
        this.i++;
        return made('url', value);
      }
      if (c === EOF) return made('url', value);
      if (isWhitespace(c)) return this.urlAfterSpace(value);
      if (c === 0x22 || c === 0x27 || c === 0x28 || isNonPrintable(c)) {
        this.i++;
        return this.badUrl(value);
      }
      // What is left is a backslash.
      this.i++;
      if (!isValidEscape(c, this.at())) return this.badUrl(value);
      value += this.escapedCodePoint();
      run = this.i;
    }
  }

  /** §4.3.6, at whitespace in a URL: only `)` or the end may follow it. */
  private urlAfterSpace(value: string): CssToken {
    while (isWhitespace(this.at())) this.i++;
    if (this.at() === 0x29) {
      this.i++;
      return made('url', value);
    }
    if (this.at() === EOF) return made('url', value);
    return this.badUrl(value);
  }

  /** §4.3.14: the rest of a malformed URL, up to its `)`, taken. */
  private badUrl(value: string): CssToken {
    for (;;) {
      const c = this.at();
      if (c === EOF) break;
      if (c === 0x29) {
        this.i++;
        break;
      }
      this.i++;
      if (isValidEscape(c, this.at())) this.escapedCodePoint();
    }
    return made('bad-url', value);
  }

  /** §4.3.7, after the backslash. */
  private escapedCodePoint(): string {
    this.escaped = true;
    const c = this.at();
    if (c === EOF) return '\uFFFD';
    if (!isHex(c)) return this.codePoint();
    let hex = '';
    while (hex.length < 6 && isHex(this.at())) hex += this.s[this.i++];
    if (isWhitespace(this.at())) this.i++;
    const code = Number.parseInt(hex, 16);
    return code === 0 || (code >= 0xd800 && code <= 0xdfff) || code > 0x10ffff
      ? '\uFFFD'
      : String.fromCodePoint(code);
  }

  /** §4.3.11 */
  private identSequence(): string {
    const { s } = this;
    let name = '';
    let run = this.i;
    for (;;) {
      const c = this.at();
      if (isIdentChar(c)) this.i++;
      else if (isValidEscape(c, this.at(1))) {
        name += s.slice(run, this.i);
        this.i++;
        name += this.escapedCodePoint();
        run = this.i;
      } else return name + s.slice(run, this.i);
    }
  }

  /** §4.3.12 */
  private number(): string {
    const start = this.i;
    if (this.at() === 0x2b || this.at() === 0x2d) this.i++;
    while (isDigit(this.at())) this.i++;
    if (this.at() === 0x2e && isDigit(this.at(1))) {
      this.i += 2;
      while (isDigit(this.at())) this.i++;
    }
    const e = this.at();
    const sign = this.at(1) === 0x2b || this.at(1) === 0x2d;
    if ((e === 0x45 || e === 0x65) && (isDigit(this.at(1)) || (sign && isDigit(this.at(2))))) {
      this.i += sign ? 3 : 2;
      while (isDigit(this.at())) this.i++;
    }
    return this.s.slice(start, this.i);
  }
}
