/**
 * CSS tokens written back as CSS (CSS Syntax Level 3 §9), in a form with no
 * escape outside a string, with a comment between two tokens only where
 * they would otherwise run together.
 */
import { type CssToken, isDigit, isIdentChar, isNonPrintable, isWhitespace } from './cssTokens.js';

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
export function needsComment(a: CssToken, b: CssToken): boolean {
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
