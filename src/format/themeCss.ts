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
const startsNumber = (a: number, b: number, c: number) =>
  a === 0x2b || a === 0x2d ? isDigit(b) || (b === 0x2e && isDigit(c)) : a === 0x2e ? isDigit(b) : isDigit(a);

/** The tokens of a stylesheet, comments included, as CSS Syntax Level 3 §4 reads it. */
export function tokenizeCss(input: string): CssToken[] {
  const s = preprocessCss(input);
  const tokens: CssToken[] = [];
  let i = 0;
  let escaped = false;
  const at = (k = 0): number => (i + k < s.length ? s.charCodeAt(i + k) : EOF);

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
    for (;;) {
      const c = at();
      if (isIdentChar(c)) name += s[i++];
      else if (isValidEscape(c, at(1))) {
        i++;
        name += escapedCodePoint();
      } else return name;
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
  const url = (): Pick<CssToken, 'type' | 'value'> => {
    let value = '';
    while (isWhitespace(at())) i++;
    for (;;) {
      const c = at();
      if (c === 0x29) {
        i++;
        return { type: 'url', value };
      }
      if (c === EOF) return { type: 'url', value };
      if (isWhitespace(c)) {
        while (isWhitespace(at())) i++;
        if (at() === 0x29) {
          i++;
          return { type: 'url', value };
        }
        if (at() === EOF) return { type: 'url', value };
        badUrlRemnants();
        return { type: 'bad-url', value };
      }
      if (c === 0x22 || c === 0x27 || c === 0x28 || isNonPrintable(c)) {
        i++;
        badUrlRemnants();
        return { type: 'bad-url', value };
      }
      if (c === 0x5c) {
        i++;
        if (isValidEscape(c, at())) value += escapedCodePoint();
        else {
          badUrlRemnants();
          return { type: 'bad-url', value };
        }
      } else value += s[i++];
    }
  };

  /** §4.3.5, after the opening quote. */
  const string = (quote: number): Pick<CssToken, 'type' | 'value'> => {
    let value = '';
    for (;;) {
      const c = at();
      if (c === quote) {
        i++;
        return { type: 'string', value };
      }
      if (c === EOF) return { type: 'string', value };
      if (c === LF) return { type: 'bad-string', value };
      if (c === 0x5c) {
        escaped = true;
        i++;
        if (at() === LF) i++;
        else if (at() !== EOF) value += escapedCodePoint();
      } else value += s[i++];
    }
  };

  /** §4.3.4 */
  const identLike = (): Pick<CssToken, 'type' | 'value'> => {
    const name = identSequence();
    if (name.toLowerCase() === 'url' && at() === 0x28) {
      i++;
      while (isWhitespace(at()) && isWhitespace(at(1))) i++;
      const c = at();
      const quoted = c === 0x22 || c === 0x27 || (isWhitespace(c) && (at(1) === 0x22 || at(1) === 0x27));
      return quoted ? { type: 'function', value: name } : url();
    }
    if (at() === 0x28) {
      i++;
      return { type: 'function', value: name };
    }
    return { type: 'ident', value: name };
  };

  /** §4.3.3 */
  const numeric = (): Omit<CssToken, 'start' | 'end' | 'escaped'> => {
    const repr = number();
    if (startsIdent(at(), at(1), at(2))) return { type: 'dimension', repr, value: identSequence() };
    if (at() === 0x25) {
      i++;
      return { type: 'percentage', repr, value: '' };
    }
    return { type: 'number', repr, value: '' };
  };

  /** §4.3.1 */
  const token = (): Omit<CssToken, 'start' | 'end' | 'escaped'> => {
    const c = at();
    if (c === 0x2f && at(1) === 0x2a) {
      const close = s.indexOf('*/', i + 2);
      const value = s.slice(i + 2, close < 0 ? s.length : close);
      i = close < 0 ? s.length : close + 2;
      return { type: 'comment', value };
    }
    if (isWhitespace(c)) {
      const start = i;
      while (isWhitespace(at())) i++;
      return { type: 'whitespace', value: s.slice(start, i) };
    }
    if (c === 0x22 || c === 0x27) {
      i++;
      return string(c);
    }
    if (c === 0x23 && (isIdentChar(at(1)) || isValidEscape(at(1), at(2)))) {
      i++;
      const id = startsIdent(at(), at(1), at(2));
      return { type: 'hash', id, value: identSequence() };
    }
    if (startsNumber(c, at(1), at(2)) && (c === 0x2b || c === 0x2d || c === 0x2e || isDigit(c)))
      return numeric();
    if (c === 0x2d && at(1) === 0x2d && at(2) === 0x3e) {
      i += 3;
      return { type: 'CDC', value: '' };
    }
    if (c === 0x3c && at(1) === 0x21 && at(2) === 0x2d && at(3) === 0x2d) {
      i += 4;
      return { type: 'CDO', value: '' };
    }
    if (c === 0x40 && startsIdent(at(1), at(2), at(3))) {
      i++;
      return { type: 'at-keyword', value: identSequence() };
    }
    if (isIdentStart(c) || (c === 0x2d && startsIdent(c, at(1), at(2))) || isValidEscape(c, at(1)))
      return identLike();
    const char = String.fromCodePoint(s.codePointAt(i) as number);
    i += char.length;
    if ('():;,[]{}'.includes(char)) return { type: char as CssTokenType, value: '' };
    return { type: 'delim', value: char };
  };

  while (i < s.length) {
    const start = i;
    escaped = false;
    const next = token();
    tokens.push({ ...next, start, end: i, escaped });
  }
  return tokens;
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

/** The pairs that would run together if written side by side (the table of §9). */
function needsComment(a: CssToken, b: CssToken): boolean {
  const kind = (t: CssToken) => (t.type === 'delim' ? t.value : t.type);
  const first = kind(a);
  const second = kind(b);
  const word = ['ident', 'function', 'url', 'bad-url', '-', 'number', 'percentage', 'dimension', 'CDC'];
  switch (first) {
    case 'ident':
      return word.includes(second) || second === '(';
    case 'at-keyword':
    case 'hash':
    case 'dimension':
    case '#':
    case '-':
      return word.includes(second);
    case 'number':
      return word.includes(second) && second !== '-' ? true : second === '%';
    case '@':
      return ['ident', 'function', 'url', 'bad-url', '-', 'CDC'].includes(second);
    case '.':
    case '+':
      return ['number', 'percentage', 'dimension'].includes(second);
    case '/':
      return second === '*';
    default:
      return false;
  }
}

/** Writes tokens back as CSS, with an empty comment wherever two would run together. */
export function serializeCss(tokens: readonly CssToken[]): string {
  let out = '';
  tokens.forEach((token, index) => {
    const before = tokens[index - 1];
    if (before && needsComment(before, token)) out += '/**/';
    out += serializeToken(token);
  });
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
  const significant = (list: CssToken[]) =>
    list
      .filter((t) => t.type !== 'comment')
      .map((t) => `${t.type}\u0000${t.value}\u0000${t.repr ?? ''}\u0000${t.id ?? ''}`);
  const again = significant(tokenizeCss(written));
  const checked = significant(tokens);
  if (again.length !== checked.length || again.some((t, k) => t !== checked[k])) {
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

function findProblems(all: CssToken[], source: string): CssProblem[] {
  const problems: CssProblem[] = [];
  const place = (offset: number) => {
    const before = source.slice(0, offset).split('\n');
    return { line: before.length, col: (before.at(-1)?.length ?? 0) + 1 };
  };
  const refuse = (token: CssToken, message: string, hint: string) =>
    problems.push({ ...place(token.start), message, hint });
  const shown = (token: CssToken) => truncate(source.slice(token.start, token.end));

  const tokens = all.filter((t) => t.type !== 'comment');
  /** Open blocks and functions, innermost last, each with the token that closes it; a function collects its arguments. */
  const open: Block[] = [];
  const closeFunction = (entry: Block, end: number) => {
    if (!entry.fn || !entry.token) return;
    const whole = truncate(source.slice(entry.token.start, end));
    const args = entry.args.filter((t) => t.type !== 'whitespace');
    if (URL_FUNCTIONS.has(entry.fn)) {
      const [only, ...rest] = args;
      if (only?.type === 'string' && only.escaped)
        refuse(only, `has a CSS escape in a URL: ${shown(only)}`, 'write URLs plainly');
      else if (only?.type !== 'string' || rest.length > 0 || !isDataUrl(only.value))
        refuse(entry.token, `loads ${whole}`, DATA_ONLY);
    } else if (entry.fn === 'attr') {
      const [name, comma, fallback, ...rest] = args;
      const plain =
        name?.type === 'ident' &&
        rest.length === 0 &&
        (comma === undefined || (comma.type === ',' && fallback?.type === 'string'));
      if (!plain)
        refuse(entry.token, `uses ${whole}`, 'a theme may read an attribute only as text: attr(name)');
    }
  };

  for (const [index, token] of tokens.entries()) {
    open.at(-1)?.args.push(token);
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
          const value = tokens.slice(index + 1).find((t) => t.type !== 'whitespace');
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
        open.push({ fn: name, token, closer: ')', args: [] });
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
        open.push({ closer: CLOSERS[token.type], args: [] });
        continue;
      case ')':
      case ']':
      case '}': {
        // Only the closer of the innermost block ends it (CSS Syntax §5.4.8); any other is a plain token.
        const entry = open.at(-1);
        if (entry?.closer !== token.type) continue;
        open.pop();
        entry.args.pop();
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

interface Block {
  closer: ')' | ']' | '}';
  /** A function's name, lowercase, and its token. */
  fn?: string;
  token?: CssToken;
  args: CssToken[];
}

const CLOSERS = { '(': ')', '[': ']', '{': '}' } as const;

const DATA_ONLY = 'a theme may only use data: URLs, as url(data:…)';
const NAMES_PLAIN = 'write names and URLs plainly (escapes are allowed only inside quoted text)';
