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

import { serializeCss } from './cssSerialize.js';
import { type CssToken, cssTokenizer, preprocessCss, tokenizeCss } from './cssTokens.js';
import { truncate } from './format.js';

export { tokenizeCss } from './cssTokens.js';

/** One reason to refuse a theme, at its line and column in the CSS file. */
export interface CssProblem {
  line: number;
  col: number;
  message: string;
  hint: string;
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
  const check = new ThemeCheck(tokens, source);
  for (const [index, token] of tokens.entries()) check.token(token, index);
  return check.end();
}

/** The check of one theme's tokens, in order: the problems found, and the blocks and functions open. */
class ThemeCheck {
  private readonly problems: CssProblem[] = [];
  private readonly place: (offset: number) => { line: number; col: number };
  /**
   * Open blocks and functions, innermost last, each with the token that closes
   * it; a function whose arguments are checked collects them.
   */
  private readonly open: Block[] = [];

  constructor(
    private readonly tokens: readonly CssToken[],
    private readonly source: string,
  ) {
    this.place = lineFinder(source);
  }

  /** Checks the token at `index`. */
  token(token: CssToken, index: number): void {
    if (token.type === 'comment') return;
    this.open.at(-1)?.args?.push(token);
    switch (token.type) {
      case 'bad-string':
        this.refuse(token, 'has a string with no closing quote', 'close it on the same line');
        break;
      case 'bad-url':
        this.refuse(token, `has a malformed ${this.shown(token)}`, DATA_ONLY);
        break;
      case 'delim':
        if (token.value === '\\')
          this.refuse(token, 'has a stray backslash', 'escapes are allowed only inside quoted text');
        break;
      case 'url':
        if (token.escaped) this.refuseEscape(token);
        else if (!isDataUrl(token.value)) this.refuse(token, `loads ${this.shown(token)}`, DATA_ONLY);
        break;
      case 'at-keyword':
        this.atKeyword(token, index);
        break;
      case 'function':
        this.function(token);
        break;
      case 'ident':
      case 'hash':
      case 'dimension':
        if (token.escaped) this.refuseEscape(token);
        break;
      case '(':
      case '[':
      case '{':
        this.open.push(BLOCKS[token.type]);
        break;
      case ')':
      case ']':
      case '}':
        this.close(token);
        break;
    }
  }

  /** The problems, in the order of the file, once every token is checked. */
  end(): CssProblem[] {
    // A browser closes what the file leaves open at its end: those functions are checked too.
    for (const entry of this.open.reverse()) this.closeFunction(entry, this.source.length);
    return this.problems.sort((a, b) => a.line - b.line || a.col - b.col);
  }

  private refuse(token: CssToken, message: string, hint: string): void {
    const { line, col } = this.place(token.start);
    this.problems.push({ line, col, message, hint });
  }

  private refuseEscape(token: CssToken): void {
    this.refuse(token, `has a CSS escape outside a string: ${this.shown(token)}`, NAMES_PLAIN);
  }

  private shown(token: CssToken): string {
    return excerpt(this.source, token.start, token.end);
  }

  private atKeyword(token: CssToken, index: number): void {
    if (token.escaped) this.refuseEscape(token);
    const name = token.value.toLowerCase();
    if (name === 'import') this.refuse(token, 'uses @import', 'a theme must be one self-contained file');
    else if (name === 'charset') {
      const value = nextNonWhitespace(this.tokens, index + 1);
      if (value?.type !== 'string' || value.value.toLowerCase() !== 'utf-8')
        this.refuse(
          token,
          `declares ${this.shown(token)} ${value ? this.shown(value) : ''}`.trim(),
          'save the theme as UTF-8',
        );
    }
  }

  private function(token: CssToken): void {
    if (token.escaped) this.refuseEscape(token);
    const name = token.value.toLowerCase();
    if (LOADING_FUNCTIONS.has(name)) this.refuse(token, `uses ${name}()`, DATA_ONLY);
    this.open.push(
      URL_FUNCTIONS.has(name) || name === 'attr' ? { fn: name, token, closer: ')', args: [] } : BLOCKS['('],
    );
  }

  /** A closing bracket: only the closer of the innermost block ends it (CSS Syntax §5.4.8); any other is a plain token. */
  private close(token: CssToken): void {
    const entry = this.open.at(-1);
    if (entry?.closer !== token.type) return;
    this.open.pop();
    entry.args?.pop();
    this.closeFunction(entry, token.end);
  }

  /** Checks the arguments of a function that has closed at `end`, when they are checked. */
  private closeFunction(entry: Block, end: number): void {
    if (!entry.fn || !entry.token || !entry.args) return;
    // Nested functions overlap: each is quoted only when refused, and only as far as shown.
    const whole = () => excerpt(this.source, (entry.token as CssToken).start, end);
    const args = entry.args.filter((t) => t.type !== 'whitespace');
    if (URL_FUNCTIONS.has(entry.fn)) {
      const [only, ...rest] = args;
      if (only?.type === 'string' && only.escaped)
        this.refuse(only, `has a CSS escape in a URL: ${this.shown(only)}`, 'write URLs plainly');
      else if (only?.type !== 'string' || rest.length > 0 || !isDataUrl(only.value))
        this.refuse(entry.token, `loads ${whole()}`, DATA_ONLY);
    } else if (entry.fn === 'attr') {
      const [name, comma, fallback, ...rest] = args;
      const plain =
        name?.type === 'ident' &&
        rest.length === 0 &&
        (comma === undefined || (comma.type === ',' && fallback?.type === 'string'));
      if (!plain)
        this.refuse(entry.token, `uses ${whole()}`, 'a theme may read an attribute only as text: attr(name)');
    }
  }
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
