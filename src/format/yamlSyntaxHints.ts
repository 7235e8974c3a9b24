/**
 * Plain words for the YAML parser's syntax errors (load.ts reports them):
 * what the usual mistakes of someone writing text in YAML look like to the
 * parser, and what to do. The parser says "Unexpected scalar at node end";
 * the hint says that a ": " inside text not in quotes starts a key, that a
 * quoted text ends at the quote inside it, that a "*" at the start of a text
 * is an alias and not Markdown. The file's tokens (the parser's own lexer)
 * tell one case from another, and only the line of the error is looked at.
 */
import { CST, Lexer, type YAMLError } from 'yaml';
import { truncate } from './specs.js';

/** Errors the parser reports where a line is indented too much or too little for where it stands. */
const INDENTATION = new Set(['BAD_INDENT', 'BLOCK_AS_IMPLICIT_KEY', 'MULTILINE_IMPLICIT_KEY']);

/** What to do about the YAML syntax error `error`, when it is a mistake we can name. */
export function syntaxHint(error: YAMLError, tab: boolean, source: string): string | undefined {
  if (tab) return 'indent with spaces, not tabs';
  const colon = error.code === 'BLOCK_AS_IMPLICIT_KEY' ? secondColonHint(source, error.pos[0]) : undefined;
  if (colon) return colon;
  if (INDENTATION.has(error.code) || /without - indicator/.test(error.message))
    return 'check the indentation of this line and the next: the keys of one item start in the same column, under its first';
  if (error.code === 'UNEXPECTED_TOKEN' || error.code === 'BAD_SCALAR_START')
    return textHint(lineTokens(source, error.pos[0]), error.pos[0], source);
  return undefined;
}

/**
 * The hint for a second ": " on one line of text not in quotes (`- We ask: isolation: of X`, `role:
 * Leader: of X`): YAML reads what follows the first as a value that is itself a key, which it refuses
 * as a nested mapping, and says so where that key starts. A mistake of indentation puts the nested key
 * on the next line instead: then the rest of this line has no ": " and there is no hint here.
 */
function secondColonHint(source: string, offset: number): string | undefined {
  const start = source.lastIndexOf('\n', offset - 1) + 1;
  const end = source.indexOf('\n', offset);
  const before = source.slice(start, offset);
  const after = source.slice(offset, end === -1 ? undefined : end).replace(/\s#.*$/, '');
  const first = /^\s*(-\s+)?(\S.*?):\s+$/.exec(before);
  const second = /^(.*?):(?:\s|$)/.exec(after);
  if (!first || !second) return undefined;
  const [, dash, written = ''] = first;
  const key = truncate(second[1]?.trim() ?? '');
  // A list item whose first ": " is in words (`- We ask: …`) is all text; after a key, the value is.
  return dash && !isKeyWord(written)
    ? `a second ": " in this item, after "${key}", makes YAML read a key inside a key; if the item is text, put all of it in quotes`
    : `a second ": " on this line, after "${key}", makes YAML read a key inside the value of "${truncate(written)}"; put the value in quotes`;
}

/** A word as the format's keys are written (`role`, `as_of`), not words of text. */
function isKeyWord(text: string): boolean {
  return /^[a-z][a-z0-9_]*$/.test(text);
}

/** A token of the YAML lexer, with where it starts in the file. */
interface Token {
  /** The lexer's type (`map-value-ind`, `double-quoted-scalar`, `alias`…), or `plain` for a plain scalar. */
  type: string;
  offset: number;
  text: string;
}

/** Tokens that are no characters of the file: the lexer's marks of a document, a scalar, a flow's end. */
const MARKS = new Set<string>([CST.DOCUMENT, CST.SCALAR, CST.FLOW_END]);

/**
 * The tokens of the line holding `offset`, from its start to the token at `offset`, without spaces
 * and comments. The file is lexed from its start (what a line means depends on the lines before),
 * and no further than `offset`.
 */
function lineTokens(source: string, offset: number): Token[] {
  let line: Token[] = [];
  let at = 0;
  let plain = false;
  for (const text of new Lexer().lex(source)) {
    if (MARKS.has(text)) {
      // A plain scalar's text follows the lexer's mark for it.
      plain = text === CST.SCALAR;
      continue;
    }
    // Offsets are counted from the tokens' lengths: should the tokens ever not be the file's text, give up.
    if (!source.startsWith(text, at)) return [];
    const type = plain ? 'plain' : (CST.tokenType(text) ?? 'unknown');
    plain = false;
    if (type === 'newline') line = [];
    else if (type !== 'space' && type !== 'comment') line.push({ type, offset: at, text });
    at += text.length;
    if (at > offset) break;
  }
  return line;
}

/**
 * The hint for text that YAML reads as something else: a ": " in text not in quotes, a quoted text
 * ended by a quote inside it, a "*" or "[" at the start of a text. `tokens` end with the one at
 * `offset`, where the parser found text it did not expect (or a character a text may not start with).
 */
function textHint(tokens: readonly Token[], offset: number, source: string): string | undefined {
  const before = tokens.filter((token) => token.offset < offset);
  const value = valueStart(before);
  const key = before[value - 2];
  // `- Stocks du PAM : 8 jours`: a key that is words, or a word followed by a space (French spacing).
  if (
    before[value - 1]?.type === 'map-value-ind' &&
    key?.type === 'plain' &&
    value - 2 <= firstAfterDash(before)
  ) {
    const spaced = source[key.offset + key.text.length] !== ':';
    if (spaced || !isKeyWord(key.text))
      return `": " inside a text that is not in quotes starts a key: YAML read "${truncate(key.text)}" as a key; put the whole text in quotes`;
  }
  const first = before[value];
  if (first === undefined) return startHint(source[offset]);
  // A text in quotes right before the error: it ended where it was not meant to.
  const quoted = first.type === 'double-quoted-scalar' || first.type === 'single-quoted-scalar';
  if (quoted && before.length === value + 1) return quoteHint(first);
  const start = STARTS[first.type];
  return start ? `${start}; put the whole text in quotes` : startHint(source[offset]);
}

/** What YAML makes of a text that starts with the token of this type. */
const STARTS: Readonly<Record<string, string>> = {
  alias: 'a "*" at the start of a text makes YAML read an alias, not Markdown emphasis',
  'flow-seq-start': 'a "[" at the start of a text makes YAML read a list',
  'flow-map-start': 'a "{" at the start of a text makes YAML read a mapping',
};

/** For a character a text not in quotes may not start with (`@`, a backtick, `%`). */
function startHint(char: string | undefined): string | undefined {
  return char && /^[@`%]$/.test(char)
    ? `a text that is not in quotes may not start with "${char}"; put the whole text in quotes`
    : undefined;
}

/**
 * The hint for a text in quotes followed by more text on its line: it ended at a quote meant to be
 * inside it (`"… les camps, "hors de contrôle" selon l'OMS."`, `'l'OMS'`).
 */
function quoteHint(quoted: Token): string {
  const mark = quoted.text[0] as '"' | "'";
  // The end of the text read, where it stopped: `…dans les camps,`.
  const inside = quoted.text.slice(1, -1).replace(/\s+/g, ' ').trim();
  const words = inside.length > 30 ? `…${inside.slice(-29).trimStart()}` : inside;
  // An escaped quote inside it (`''`, `\\"`) did not end it: the one that did is not its second.
  const which = inside.includes(mark === '"' ? '\\"' : "''") ? 'closing' : 'second';
  const ends = `a text in ${mark === '"' ? 'double' : 'single'} quotes ends at its ${which} ${mark}, here after "${words}"`;
  return mark === '"'
    ? `${ends}; for quotes inside a text, put it all in single quotes, use « », or write each inner " as \\"`
    : `${ends}; for an apostrophe or quotes inside a text, put it all in double quotes, use ’ or « », or write each inner ' as ''`;
}

/**
 * Where the value the error is in starts: the index of its first token, after the last "- ", ": " or
 * "," at the depth of brackets the error is at (`{ title: "Le "grand" jeu" }` starts at `"Le "`), or
 * at the bracket when the error is at its start (`- [@s1] says so` starts at its "[").
 */
function valueStart(tokens: readonly Token[]): number {
  const starts = [0];
  tokens.forEach((token, index) => {
    if (token.type === 'flow-seq-start' || token.type === 'flow-map-start') starts.push(index + 1);
    else if (token.type === 'flow-seq-end' || token.type === 'flow-map-end') {
      if (starts.length > 1) starts.pop();
    } else if (token.type === 'seq-item-ind' || token.type === 'map-value-ind' || token.type === 'comma')
      starts[starts.length - 1] = index + 1;
  });
  // At the very start of a bracket (`- [@s1] …`): the bracket itself is what YAML read otherwise.
  const inner = starts.pop() as number;
  return inner === tokens.length && starts.length > 0 ? (starts.pop() as number) : inner;
}

/** The index of the line's first token after its "- " (`- - x` has two). */
function firstAfterDash(tokens: readonly Token[]): number {
  let index = 0;
  while (tokens[index]?.type === 'seq-item-ind') index += 1;
  return index;
}
