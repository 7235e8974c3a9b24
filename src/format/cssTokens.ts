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
  const next = cssTokenizer(input);
  for (let token = next(); token; token = next()) tokens.push(token);
  return tokens;
}

/** The tokens of a stylesheet one at a time, then undefined: a list of them need not be kept. */
export function cssTokenizer(input: string): () => CssToken | undefined {
  const s = preprocessCss(input);
  let i = 0;
  let escaped = false;
  const at = (k = 0): number => (i + k < s.length ? s.charCodeAt(i + k) : EOF);
  /**
   * Every token is made here, in one shape, and placed by the function at the end:
   * a 2 MB theme has a million tokens, and copying each (a spread) cost seconds.
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

  /** §4.3.7, after the backslash. */
  const escapedCodePoint = (): string => {
    escaped = true;
    const c = at();
    if (c === EOF) return '\uFFFD';
    if (isHex(c)) {
      let hex = '';
      while (hex.length < 6 && isHex(at())) hex += s[i++];
      if (isWhitespace(at())) i++;
      const code = Number.parseInt(hex, 16);
      return code === 0 || (code >= 0xd800 && code <= 0xdfff) || code > 0x10ffff
        ? '\uFFFD'
        : String.fromCodePoint(code);
    }
    const char = String.fromCodePoint(s.codePointAt(i) as number);
    i += char.length;
    return char;
  };

  /** §4.3.11 */
  const identSequence = (): string => {
    let name = '';
    let run = i;
    for (;;) {
      const c = at();
      if (isIdentChar(c)) i++;
      else if (isValidEscape(c, at(1))) {
        name += s.slice(run, i);
        i++;
        name += escapedCodePoint();
        run = i;
      } else return name + s.slice(run, i);
    }
  };

  /** §4.3.12 */
  const number = (): string => {
    const start = i;
    if (at() === 0x2b || at() === 0x2d) i++;
    while (isDigit(at())) i++;
    if (at() === 0x2e && isDigit(at(1))) {
      i += 2;
      while (isDigit(at())) i++;
    }
    const e = at();
    if (
      (e === 0x45 || e === 0x65) &&
      (isDigit(at(1)) || ((at(1) === 0x2b || at(1) === 0x2d) && isDigit(at(2))))
    ) {
      i += isDigit(at(1)) ? 2 : 3;
      while (isDigit(at())) i++;
    }
    return s.slice(start, i);
  };

  /** §4.3.14 */
  const badUrlRemnants = (): void => {
    for (;;) {
      const c = at();
      if (c === EOF) return;
      if (c === 0x29) {
        i++;
        return;
      }
      if (isValidEscape(c, at(1))) {
        i++;
        escapedCodePoint();
      } else i++;
    }
  };

  /** §4.3.6, after `url(` and its whitespace. */
  const url = (): CssToken => {
    let value = '';
    while (isWhitespace(at())) i++;
    let run = i;
    for (;;) {
      const c = at();
      // Plain characters are taken as one slice, when something else ends them.
      if (!endsUrlRun(c)) {
        i++;
        continue;
      }
      value += s.slice(run, i);
      if (c === 0x29) {
        i++;
        return made('url', value);
      }
      if (c === EOF) return made('url', value);
      if (isWhitespace(c)) {
        while (isWhitespace(at())) i++;
        if (at() === 0x29) {
          i++;
          return made('url', value);
        }
        if (at() === EOF) return made('url', value);
        badUrlRemnants();
        return made('bad-url', value);
      }
      if (c === 0x22 || c === 0x27 || c === 0x28 || isNonPrintable(c)) {
        i++;
        badUrlRemnants();
        return made('bad-url', value);
      }
      // What is left is a backslash.
      i++;
      if (isValidEscape(c, at())) value += escapedCodePoint();
      else {
        badUrlRemnants();
        return made('bad-url', value);
      }
      run = i;
    }
  };

  /** §4.3.5, after the opening quote. */
  const string = (quote: number): CssToken => {
    let value = '';
    let run = i;
    for (;;) {
      const c = at();
      // Plain characters are taken as one slice, when something else ends them.
      if (c !== quote && c !== EOF && c !== LF && c !== 0x5c) {
        i++;
        continue;
      }
      value += s.slice(run, i);
      if (c === quote) {
        i++;
        return made('string', value);
      }
      if (c === EOF) return made('string', value);
      if (c === LF) return made('bad-string', value);
      escaped = true;
      i++;
      if (at() === LF) i++;
      else if (at() !== EOF) value += escapedCodePoint();
      run = i;
    }
  };

  /** §4.3.4 */
  const identLike = (): CssToken => {
    const name = identSequence();
    if (name.toLowerCase() === 'url' && at() === 0x28) {
      i++;
      while (isWhitespace(at()) && isWhitespace(at(1))) i++;
      const c = at();
      const quoted = c === 0x22 || c === 0x27 || (isWhitespace(c) && (at(1) === 0x22 || at(1) === 0x27));
      return quoted ? made('function', name) : url();
    }
    if (at() === 0x28) {
      i++;
      return made('function', name);
    }
    return made('ident', name);
  };

  /** §4.3.3 */
  const numeric = (): CssToken => {
    const repr = number();
    if (startsIdent(at(), at(1), at(2))) return made('dimension', identSequence(), repr);
    if (at() === 0x25) {
      i++;
      return made('percentage', '', repr);
    }
    return made('number', '', repr);
  };

  /** §4.3.1 */
  const token = (): CssToken => {
    const c = at();
    if (c === 0x2f && at(1) === 0x2a) {
      const close = s.indexOf('*/', i + 2);
      const value = s.slice(i + 2, close < 0 ? s.length : close);
      i = close < 0 ? s.length : close + 2;
      return made('comment', value);
    }
    if (isWhitespace(c)) {
      const start = i;
      while (isWhitespace(at())) i++;
      return made('whitespace', s.slice(start, i));
    }
    if (c === 0x22 || c === 0x27) {
      i++;
      return string(c);
    }
    if (c === 0x23 && (isIdentChar(at(1)) || isValidEscape(at(1), at(2)))) {
      i++;
      const id = startsIdent(at(), at(1), at(2));
      return made('hash', identSequence(), undefined, id);
    }
    if (startsNumber(c, at(1), at(2)) && (c === 0x2b || c === 0x2d || c === 0x2e || isDigit(c)))
      return numeric();
    if (c === 0x2d && at(1) === 0x2d && at(2) === 0x3e) {
      i += 3;
      return made('CDC', '');
    }
    if (c === 0x3c && at(1) === 0x21 && at(2) === 0x2d && at(3) === 0x2d) {
      i += 4;
      return made('CDO', '');
    }
    if (c === 0x40 && startsIdent(at(1), at(2), at(3))) {
      i++;
      return made('at-keyword', identSequence());
    }
    if (isIdentStart(c) || (c === 0x2d && startsIdent(c, at(1), at(2))) || isValidEscape(c, at(1)))
      return identLike();
    const char = String.fromCodePoint(s.codePointAt(i) as number);
    i += char.length;
    if ('():;,[]{}'.includes(char)) return made(char as CssTokenType, '');
    return made('delim', char);
  };

  return () => {
    if (i >= s.length) return undefined;
    const start = i;
    escaped = false;
    const next = token();
    next.start = start;
    next.end = i;
    next.escaped = escaped;
    return next;
  };
}
