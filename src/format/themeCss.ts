/**
 * A user's theme CSS, checked and re-written. The deck opened from disk
 * counts every `file:` URL as its own origin, so its Content-Security-Policy
 * cannot keep a theme from showing any local image: the theme itself must
 * load nothing but `data:` URLs.
 *
 * Two layers. First, the file is read the way a browser reads it, with a
 * tokenizer that follows CSS Syntax Level 3 §3.3 and §4 (not patterns, which
 * `u\rl(…)` and friends slip past), and refused when any token could load
 * something: a `url()` or `src()` that is not `data:`, `@import`,
 * `image-set()`, `image()`, an escape in a name or URL, a malformed URL or
 * string. Second, what is written for the deck is not the user's bytes but
 * the checked tokens serialised again (§9), in a form with no escape outside
 * a string, then tokenized once more and compared: what the browser reads is
 * exactly what was checked, whatever quirk of the tokenizer a file relies on.
 */
import { truncate } from './format.js';

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

/** One reason to refuse a theme, at its line and column in the CSS file. */
export interface CssProblem {
  line: number;
  col: number;
  message: string;
  hint: string;
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

const isDigit = (c: number) => c >= 0x30 && c <= 0x39;
const isHex = (c: number) => isDigit(c) || (c >= 0x41 && c <= 0x46) || (c >= 0x61 && c <= 0x66);
const isLetter = (c: number) => (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a);
const isIdentStart = (c: number) => isLetter(c) || c >= 0x80 || c === 0x5f;
const isIdentChar = (c: number) => isIdentStart(c) || isDigit(c) || c === 0x2d;
const isWhitespace = (c: number) => c === LF || c === 0x09 || c === 0x20;
const isNonPrintable = (c: number) =>
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
function cssTokenizer(input: string): () => CssToken | undefined {
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

// ── §9 serialisation ──────────────────────────────────────────────────────

const hexEscape = (code: number) => `\\${code.toString(16)} `;

/** CSSOM "serialize an identifier". */
function serializeIdent(name: string): string {
  let out = '';
  [...name].forEach((char, index) => {
    const c = char.codePointAt(0) as number;
    if (c === 0) out += '\uFFFD';
    else if ((c >= 0x01 && c <= 0x1f) || c === 0x7f) out += hexEscape(c);
    else if ((index === 0 && isDigit(c)) || (index === 1 && isDigit(c) && name.startsWith('-')))
      out += hexEscape(c);
    else if (index === 0 && c === 0x2d && name.length === 1) out += '\\-';
    else if (c >= 0x80 || isIdentChar(c)) out += char;
    else out += `\\${char}`;
  });
  return out;
}

/** A name that may start with a digit (an unrestricted hash, a unit after its number). */
function serializeName(name: string): string {
  return [...name]
    .map((char) => {
      const c = char.codePointAt(0) as number;
      if (c === 0) return '\uFFFD';
      if ((c >= 0x01 && c <= 0x1f) || c === 0x7f) return hexEscape(c);
      return c >= 0x80 || isIdentChar(c) ? char : `\\${char}`;
    })
    .join('');
}

function serializeString(text: string): string {
  let out = '"';
  for (const char of text) {
    const c = char.codePointAt(0) as number;
    if (c === 0) out += '\uFFFD';
    else if ((c >= 0x01 && c <= 0x1f) || c === 0x7f) out += hexEscape(c);
    else if (char === '"' || char === '\\') out += `\\${char}`;
    else out += char;
  }
  return `${out}"`;
}

function serializeUrl(url: string): string {
  let out = '';
  for (const char of url) {
    const c = char.codePointAt(0) as number;
    out += isWhitespace(c) || isNonPrintable(c) || '"\'()\\'.includes(char) ? hexEscape(c) : char;
  }
  return `url(${out})`;
}

function serializeToken(token: CssToken): string {
  switch (token.type) {
    case 'ident':
      return serializeIdent(token.value);
    case 'function':
      return `${serializeIdent(token.value)}(`;
    case 'at-keyword':
      return `@${serializeIdent(token.value)}`;
    case 'hash':
      return `#${token.id ? serializeIdent(token.value) : serializeName(token.value)}`;
    case 'string':
      return serializeString(token.value);
    case 'url':
      return serializeUrl(token.value);
    case 'delim':
      return token.value === '\\' ? '\\\n' : token.value;
    case 'number':
      return token.repr ?? '';
    case 'percentage':
      return `${token.repr}%`;
    case 'dimension': {
      const unit = serializeName(token.value);
      // A unit such as `e3` would read as the number's exponent.
      return `${token.repr}${/^[eE][+-]?\d/.test(unit) || /^-?\d/.test(unit) ? `\\${unit.codePointAt(0)?.toString(16)} ${unit.slice(1)}` : unit}`;
    }
    case 'whitespace':
      return token.value;
    case 'comment':
      return `/*${token.value}*/`;
    case 'CDO':
      return '<!--';
    case 'CDC':
      return '-->';
    case 'bad-string':
    case 'bad-url':
      throw new Error(`a ${token.type} token cannot be written back`);
    default:
      return token.type;
  }
}

/** What a token counts as in the table of §9: its type, or a delim's character. */
const kind = (t: CssToken) => (t.type === 'delim' ? t.value : t.type);
const WORDS = new Set([
  'ident',
  'function',
  'url',
  'bad-url',
  '-',
  'number',
  'percentage',
  'dimension',
  'CDC',
]);
const AFTER_AT = new Set(['ident', 'function', 'url', 'bad-url', '-', 'CDC']);
const NUMERIC = new Set(['number', 'percentage', 'dimension']);

/** The pairs that would run together if written side by side (the table of §9). */
function needsComment(a: CssToken, b: CssToken): boolean {
  const second = kind(b);
  switch (kind(a)) {
    case 'ident':
      return WORDS.has(second) || second === '(';
    case 'at-keyword':
    case 'hash':
    case 'dimension':
    case '#':
    case '-':
      return WORDS.has(second);
    case 'number':
      return WORDS.has(second) && second !== '-' ? true : second === '%';
    case '@':
      return AFTER_AT.has(second);
    case '.':
    case '+':
      return NUMERIC.has(second);
    case '/':
      return second === '*';
    default:
      return false;
  }
}

/** Writes tokens back as CSS, with an empty comment wherever two would run together. */
export function serializeCss(tokens: readonly CssToken[]): string {
  let out = '';
  let before: CssToken | undefined;
  for (const token of tokens) {
    if (before && needsComment(before, token)) out += '/**/';
    out += serializeToken(token);
    before = token;
  }
  return out;
}

// ── the check ─────────────────────────────────────────────────────────────

/** Functions whose arguments are URLs, or images given by URL: never in a theme. */
const LOADING_FUNCTIONS = new Set(['image-set', '-webkit-image-set', 'image', '-webkit-image']);
/** Functions whose argument must be one `data:` string. */
const URL_FUNCTIONS = new Set(['url', 'src']);

const isDataUrl = (url: string) => /^data:/i.test(url.replace(/^[\0-\x20]+/, ''));

/**
 * Checks a theme and writes it again from its tokens. Returns the CSS to
 * write for the deck, or every reason to refuse the file.
 */
export function checkThemeCss(css: string): { css: string; problems: [] } | { problems: CssProblem[] } {
  const source = preprocessCss(css.startsWith('\uFEFF') ? css.slice(1) : css);
  const tokens = tokenizeCss(source);
  const problems = findProblems(tokens, source);
  if (problems.length > 0) return { problems };
  const written = serializeCss(tokens);
  // The written text must read back as the very tokens checked; anything else is refused, not guessed at.
  if (!sameTokens(cssTokenizer(written), tokens)) {
    return {
      problems: [
        {
          line: 1,
          col: 1,
          message: 'cannot be written back exactly as it was checked',
          hint: 'simplify the stylesheet (no escapes, no unusual tokens)',
        },
      ],
    };
  }
  return { css: written, problems: [] };
}

/**
 * Whether the tokens `next` gives are those listed, but for their comments and
 * places (read one at a time: the second list of a 2 MB theme is never kept).
 */
function sameTokens(next: () => CssToken | undefined, listed: readonly CssToken[]): boolean {
  let m = 0;
  for (;;) {
    let t = next();
    while (t?.type === 'comment') t = next();
    while (listed[m]?.type === 'comment') m++;
    const u = listed[m++];
    if (!t || !u) return t === u;
    const same =
      t.type === u.type &&
      t.value === u.value &&
      (t.repr ?? '') === (u.repr ?? '') &&
      (t.id ?? '') === (u.id ?? '');
    if (!same) return false;
  }
}

function findProblems(tokens: CssToken[], source: string): CssProblem[] {
  const problems: CssProblem[] = [];
  const place = lineFinder(source);
  const refuse = (token: CssToken, message: string, hint: string) => {
    const { line, col } = place(token.start);
    problems.push({ line, col, message, hint });
  };
  const shown = (token: CssToken) => excerpt(source, token.start, token.end);

  /**
   * Open blocks and functions, innermost last, each with the token that closes
   * it; a function whose arguments are checked collects them.
   */
  const open: Block[] = [];
  const closeFunction = (entry: Block, end: number) => {
    if (!entry.fn || !entry.token || !entry.args) return;
    // Nested functions overlap: each is quoted only when refused, and only as far as shown.
    const whole = () => excerpt(source, (entry.token as CssToken).start, end);
    const args = entry.args.filter((t) => t.type !== 'whitespace');
    if (URL_FUNCTIONS.has(entry.fn)) {
      const [only, ...rest] = args;
      if (only?.type === 'string' && only.escaped)
        refuse(only, `has a CSS escape in a URL: ${shown(only)}`, 'write URLs plainly');
      else if (only?.type !== 'string' || rest.length > 0 || !isDataUrl(only.value))
        refuse(entry.token, `loads ${whole()}`, DATA_ONLY);
    } else if (entry.fn === 'attr') {
      const [name, comma, fallback, ...rest] = args;
      const plain =
        name?.type === 'ident' &&
        rest.length === 0 &&
        (comma === undefined || (comma.type === ',' && fallback?.type === 'string'));
      if (!plain)
        refuse(entry.token, `uses ${whole()}`, 'a theme may read an attribute only as text: attr(name)');
    }
  };

  for (const [index, token] of tokens.entries()) {
    if (token.type === 'comment') continue;
    open.at(-1)?.args?.push(token);
    switch (token.type) {
      case 'bad-string':
        refuse(token, 'has a string with no closing quote', 'close it on the same line');
        continue;
      case 'bad-url':
        refuse(token, `has a malformed ${shown(token)}`, DATA_ONLY);
        continue;
      case 'delim':
        if (token.value === '\\')
          refuse(token, 'has a stray backslash', 'escapes are allowed only inside quoted text');
        continue;
      case 'url':
        if (token.escaped) refuse(token, `has a CSS escape outside a string: ${shown(token)}`, NAMES_PLAIN);
        else if (!isDataUrl(token.value)) refuse(token, `loads ${shown(token)}`, DATA_ONLY);
        continue;
      case 'at-keyword': {
        if (token.escaped) refuse(token, `has a CSS escape outside a string: ${shown(token)}`, NAMES_PLAIN);
        const name = token.value.toLowerCase();
        if (name === 'import') refuse(token, 'uses @import', 'a theme must be one self-contained file');
        else if (name === 'charset') {
          const value = nextNonWhitespace(tokens, index + 1);
          if (value?.type !== 'string' || value.value.toLowerCase() !== 'utf-8')
            refuse(
              token,
              `declares ${shown(token)} ${value ? shown(value) : ''}`.trim(),
              'save the theme as UTF-8',
            );
        }
        continue;
      }
      case 'function': {
        if (token.escaped) refuse(token, `has a CSS escape outside a string: ${shown(token)}`, NAMES_PLAIN);
        const name = token.value.toLowerCase();
        if (LOADING_FUNCTIONS.has(name)) refuse(token, `uses ${name}()`, DATA_ONLY);
        open.push(
          URL_FUNCTIONS.has(name) || name === 'attr'
            ? { fn: name, token, closer: ')', args: [] }
            : BLOCKS['('],
        );
        continue;
      }
      case 'ident':
      case 'hash':
      case 'dimension':
        if (token.escaped) refuse(token, `has a CSS escape outside a string: ${shown(token)}`, NAMES_PLAIN);
        continue;
      case '(':
      case '[':
      case '{':
        open.push(BLOCKS[token.type]);
        continue;
      case ')':
      case ']':
      case '}': {
        // Only the closer of the innermost block ends it (CSS Syntax §5.4.8); any other is a plain token.
        const entry = open.at(-1);
        if (entry?.closer !== token.type) continue;
        open.pop();
        entry.args?.pop();
        closeFunction(entry, token.end);
        continue;
      }
      default:
        continue;
    }
  }
  // A browser closes what the file leaves open at its end: those functions are checked too.
  for (const entry of open.reverse()) closeFunction(entry, source.length);
  return problems.sort((a, b) => a.line - b.line || a.col - b.col);
}

/** The first token from `from` on that is neither whitespace nor a comment. */
function nextNonWhitespace(tokens: readonly CssToken[], from: number): CssToken | undefined {
  for (let k = from; k < tokens.length; k++) {
    const type = tokens[k]?.type;
    if (type !== 'whitespace' && type !== 'comment') return tokens[k];
  }
  return undefined;
}

/**
 * The line and column of an offset, found in the start of each line, listed
 * once: a theme with a problem on every line must not be split once per problem.
 */
function lineFinder(source: string): (offset: number) => { line: number; col: number } {
  const starts = [0];
  for (let k = source.indexOf('\n'); k >= 0; k = source.indexOf('\n', k + 1)) starts.push(k + 1);
  return (offset) => {
    let low = 0;
    let high = starts.length - 1;
    while (low < high) {
      const middle = (low + high + 1) >> 1;
      if ((starts[middle] as number) <= offset) low = middle;
      else high = middle - 1;
    }
    return { line: low + 1, col: offset - (starts[low] as number) + 1 };
  };
}

/**
 * `truncate(source.slice(start, end))`, reading little more of the source than
 * it shows: once a prefix, its whitespace collapsed, is longer than what
 * `truncate` keeps, the rest cannot change the result.
 */
function excerpt(source: string, start: number, end: number): string {
  for (let length = 256; ; length *= 4) {
    const prefix = source.slice(start, Math.min(end, start + length));
    if (start + length >= end || prefix.replace(/\s+/g, ' ').length > EXCERPT_LENGTH) return truncate(prefix);
  }
}

/** What `truncate` keeps by default. */
const EXCERPT_LENGTH = 40;

interface Block {
  closer: ')' | ']' | '}';
  /** A function whose arguments are checked: its name, lowercase, its token and its arguments. */
  fn?: string;
  token?: CssToken;
  args?: CssToken[];
}

/** Any other block, shared: a theme of two million `(` makes no object for them. */
const BLOCKS: Readonly<Record<'(' | '[' | '{', Readonly<Block>>> = {
  '(': { closer: ')' },
  '[': { closer: ']' },
  '{': { closer: '}' },
};

const DATA_ONLY = 'a theme may only use data: URLs, as url(data:…)';
const NAMES_PLAIN = 'write names and URLs plainly (escapes are allowed only inside quoted text)';
