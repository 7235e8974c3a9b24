/**
 * The single-file deck: the deck exactly as `prepareDeck` renders it, with
 * every file it links put inside it, so that one HTML file works on its own
 * (a mail attachment, a file share), offline, presenter view included.
 *
 *   <link rel="stylesheet" href="briefdeck-assets/…">  → <style>: @imports and url()s inlined, the
 *                                                        fonts as data: URLs, only the subsets the text uses
 *   <link rel="stylesheet" href="NAME.theme.css">      → <style> with the user's theme
 *   <script src="briefdeck-assets/briefdeck.js">       → reveal.js, its notes plugin and briefdeck.js, inline
 *   Content-Security-Policy                            → scripts by hash only, fonts and images from data: only
 *
 * The slides are not rendered again: everything else in the page is the
 * deck's, byte for byte. Pure but for reading briefdeck's own asset files.
 */
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { RenderError } from '../errors.js';
import { ASSETS_DIR, assetFiles, speakerViewScriptHashes } from './assets.js';
import { contentSecurityPolicy } from './deck.js';

export interface SingleFileInput {
  /** The deck HTML exactly as `prepareDeck` renders it (PreparedDeck.html in src/build.ts). */
  html: string;
  /** The user's theme CSS bytes when the briefing names a CSS theme (the deck links it as `${encodeURIComponent(name)}.theme.css`), else undefined. */
  userThemeCss?: Uint8Array;
  /** The deck's base name (`briefing`). */
  name: string;
}

/** The deck's script, and what it loads at run time (in this order), inlined ahead of it. */
const DECK_SCRIPT = 'briefdeck.js';
const REVEAL_SCRIPTS = ['reveal/reveal.js', 'reveal/plugin/notes.js'];

/** The whole deck in one HTML file: works alone, offline, from a mail attachment or a file share. */
export async function renderSingleFile(input: SingleFileInput): Promise<string> {
  const assets = shippedAssets();
  const themeHref = `${encodeURIComponent(input.name)}.theme.css`;
  const userTheme = input.userThemeCss && new TextDecoder('utf-8').decode(input.userThemeCss);
  const page = withPolicy(input.html);

  // The page's elements are all found in the deck as rendered, in one pass, so that nothing inlined
  // (a theme's CSS, a script) is ever taken for markup.
  const tags = [...page.matchAll(/<link\b[^>]*>|<script\b[^>]*>\s*<\/script\s*>|<meta\b[^>]*>/gi)];
  const sheets = new Map<number, Stylesheet & { media?: string }>();
  const scripts = new Map<number, string[]>();
  const policies = new Map<number, string>();
  for (const [index, match] of tags.entries()) {
    const element = /^<([a-z]+)/i.exec(match[0])?.[1]?.toLowerCase();
    const attrs = attributes(match[0]);
    if (element === 'meta') {
      if (attrs.get('http-equiv')?.toLowerCase() === 'content-security-policy')
        policies.set(index, attrs.get('content') ?? '');
    } else if (element === 'link') {
      if (!(attrs.get('rel') ?? '').toLowerCase().split(/\s+/).includes('stylesheet')) continue;
      const href = attrs.get('href') ?? '';
      const to = assetPath(href);
      const media = attrs.get('media');
      if (to !== undefined && assets.has(to))
        sheets.set(index, { to, css: (await assets.read(to)).toString('utf8'), media });
      else if (href !== themeHref) throw cannotInline(href);
      else if (userTheme !== undefined) sheets.set(index, { css: userTheme, media });
      else throw new Error('singleFile: the deck links the theme CSS but none was given');
    } else {
      const src = attrs.get('src');
      if (src === undefined) continue;
      const to = assetPath(src);
      if (to === undefined || !assets.has(to)) throw cannotInline(src);
      scripts.set(index, to === DECK_SCRIPT ? [...REVEAL_SCRIPTS, to] : [to]);
    }
  }

  const fonts = deckText(page);
  for (const sheet of sheets.values()) await cssStrings(sheet, assets, fonts.codePoints, new Set());

  const replacements = new Map<number, string>();
  for (const [index, sheet] of sheets) {
    const css = await inlineCss(sheet, assets, fonts, new Set());
    const open = sheet.media ? `<style media="${escapeAttribute(sheet.media)}">` : '<style>';
    // Only `</style` ends a style element; in CSS it can only be in a string or url(), where `\/` is `/`.
    replacements.set(index, `${open}${css.replace(/<\/(style)/gi, '<\\/$1')}</style>`);
  }
  const hashes: string[] = [];
  for (const [index, names] of scripts) {
    const bodies = await Promise.all(
      names.map(async (to) => scriptBody(to, (await assets.read(to)).toString('utf8'))),
    );
    hashes.push(...bodies.map(scriptHash));
    replacements.set(index, bodies.map((body) => `<script>${body}</script>`).join('\n'));
  }
  for (const [index, policy] of policies)
    replacements.set(index, policyMeta(singleFilePolicy(policy, hashes)));

  let html = '';
  let last = 0;
  for (const [index, match] of tags.entries()) {
    const replacement = replacements.get(index);
    if (replacement === undefined) continue;
    html += page.slice(last, match.index) + replacement;
    last = match.index + match[0].length;
  }
  return html + page.slice(last);
}

interface Assets {
  /** Whether `to` (a path in the assets folder) is one of briefdeck's files. */
  has(to: string): boolean;
  /** Its bytes, read once. */
  read(to: string): Promise<Buffer>;
}

function shippedAssets(): Assets {
  const files = new Map(assetFiles().map((file) => [file.to, file.from]));
  const cache = new Map<string, Promise<Buffer>>();
  return {
    has: (to) => files.has(to),
    read: (to) => {
      const from = files.get(to);
      if (from === undefined)
        return Promise.reject(new Error(`singleFile: ${to} is not one of briefdeck's assets`));
      let bytes = cache.get(to);
      if (!bytes) {
        bytes = readFile(from);
        cache.set(to, bytes);
      }
      return bytes;
    },
  };
}

/**
 * The deck with a Content-Security-Policy: its own, or briefdeck's when a
 * layout of the user's (`--templates`) left it out, since the single file
 * promises to allow nothing from outside it.
 */
function withPolicy(html: string): string {
  for (const [tag] of html.matchAll(/<meta\b[^>]*>/gi))
    if (attributes(tag).get('http-equiv')?.toLowerCase() === 'content-security-policy') return html;
  const head = /<head\b[^>]*>/i.exec(html);
  if (!head)
    throw new Error('singleFile: the deck has no Content-Security-Policy and no <head> to put one in');
  const at = head.index + head[0].length;
  return `${html.slice(0, at)}\n${policyMeta(contentSecurityPolicy(speakerViewScriptHashes()))}${html.slice(at)}`;
}

function policyMeta(policy: string): string {
  return `<meta http-equiv="Content-Security-Policy" content="${escapeAttribute(policy)}">`;
}

function cannotInline(what: string): RenderError {
  return new RenderError(`The single-file deck cannot include ${what}: it is not one of briefdeck's files.`, {
    hint: 'Only briefdeck’s own stylesheets and script and the theme CSS can be inlined; check the layout of --templates.',
  });
}

/** `briefdeck-assets/x/y.css` → `x/y.css`; undefined for anything outside the assets folder. */
function assetPath(href: string): string | undefined {
  if (!href.startsWith(`${ASSETS_DIR}/`)) return undefined;
  return resolveUrl(href.slice(ASSETS_DIR.length + 1), '');
}

/** A URL relative to the file at `from` (a path in the assets folder), as a path in that folder. */
function resolveUrl(url: string, from: string): string | undefined {
  if (/^[a-z][a-z0-9+.-]*:/i.test(url) || url.startsWith('/')) return undefined;
  let file = url.replace(/[?#].*$/s, '');
  try {
    file = decodeURIComponent(file);
  } catch {
    return undefined;
  }
  const resolved = path.posix.normalize(path.posix.join(path.posix.dirname(from || '.'), file));
  return resolved.startsWith('../') || resolved === '..' ? undefined : resolved;
}

// ── the Content-Security-Policy ──────────────────────────────────────────

/**
 * The deck's policy for a file that needs nothing beside it. In a file://
 * page 'self' would allow any other local file, so it is gone from every
 * directive but `frame-src`.
 */
function singleFilePolicy(policy: string, scriptHashes: string[]): string {
  const directives = new Map<string, string[]>();
  for (const directive of policy.split(';')) {
    const [name, ...values] = directive.trim().split(/\s+/);
    if (name && !directives.has(name.toLowerCase())) directives.set(name.toLowerCase(), values);
  }
  // The speaker view's script (already allowed by hash) and every script inlined here, nothing else.
  const kept = (directives.get('script-src') ?? []).filter((value) => /^'sha(256|384|512)-/i.test(value));
  directives.set('default-src', ["'none'"]);
  directives.set('script-src', [...new Set([...kept, ...scriptHashes])]);
  // Inline styles only, as in the deck (they cannot run script; every fetch is governed below).
  directives.set('style-src', ["'unsafe-inline'"]);
  // The logo and reveal.js's icons are data: URLs; so are the fonts.
  directives.set('img-src', ['data:']);
  directives.set('font-src', ['data:']);
  // The presenter view (reveal.js's notes plugin) shows the current and next slide in iframes that load
  // this very file (`NAME.single.html?receiver`); without 'self' it stays blank. No other frame is made.
  directives.set('frame-src', ["'self'"]);
  directives.set('connect-src', ["'none'"]);
  return [...directives].map(([name, values]) => [name, ...values].join(' ')).join('; ');
}

function scriptHash(body: string): string {
  return `'sha256-${createHash('sha256').update(body, 'utf8').digest('base64')}'`;
}

/**
 * A script's text as it can stand inside `<script>…</script>`, checked: the
 * HTML parser must end the element at our end tag, not before it (a
 * `</script` in the code) nor after it (a `<!--` … `<script` that puts the
 * parser in the double-escaped state). Line ends are LF, as the parser makes
 * them, so the CSP hash is that of the text the browser sees.
 */
function scriptBody(to: string, code: string): string {
  const body = code.replace(/\r\n?/g, '\n').replace(/\n?\/\/# sourceMappingURL=\S*\s*$/, '\n');
  let state: 'data' | 'escaped' | 'double' = 'data';
  for (let i = body.indexOf('<'); i >= 0 && i < body.length; i++) {
    const c = body[i];
    if (c === '-' && state !== 'data' && body.startsWith('-->', i)) {
      state = 'data';
      i += 2;
    } else if (c === '<') {
      if (state === 'data' && body.startsWith('<!--', i)) {
        state = 'escaped';
        i += 1; // on to the dashes: `<!-->` and `<!--->` end at once
        continue;
      }
      const tag = /^<(\/?)script[\t\n\f\r />]/i.exec(body.slice(i, i + 9));
      if (!tag) continue;
      if (tag[1]) {
        if (state !== 'double') throw new Error(`singleFile: ${to} contains </script and cannot be inlined`);
        state = 'escaped';
      } else if (state === 'escaped') state = 'double';
    }
  }
  if (state === 'double') throw new Error(`singleFile: ${to} would leave the HTML parser inside the script`);
  return body;
}

// ── CSS ──────────────────────────────────────────────────────────────────

interface Stylesheet {
  /** Its path in the assets folder; undefined for the user's theme. */
  to?: string;
  css: string;
}

interface FontChoice {
  /** Every character of the deck's text and of its stylesheets' strings. */
  codePoints: Set<number>;
  /** The text has a character reference we cannot decode: keep every font subset. */
  keepAll: boolean;
}

/**
 * The stylesheet with its comments dropped, its `@import`s replaced by the
 * files they import, every `url()` of a shipped file made a data: URL, and
 * the `@font-face` rules of subsets no character of the deck needs left out.
 */
async function inlineCss(
  sheet: Stylesheet,
  assets: Assets,
  fonts: FontChoice,
  seen: Set<string>,
): Promise<string> {
  const { text, mask } = lexCss(sheet.css);
  let out = '';
  let last = 0;
  for (const match of mask.matchAll(/@import\b[^;{}]*;?|@font-face\s*\{[^}]*\}?|\burl\([^)]*\)?/gi)) {
    const start = match.index;
    const end = start + match[0].length;
    const source = text.slice(start, end);
    const lower = match[0].toLowerCase();
    let replacement: string;
    if (lower.startsWith('@import')) {
      const to = importPath(sheet, source);
      if (seen.has(to)) throw new Error(`singleFile: ${to} imports itself`);
      const css = (await assets.read(to)).toString('utf8');
      replacement = await inlineCss({ to, css }, assets, fonts, new Set([...seen, to]));
    } else if (lower.startsWith('@font-face')) {
      replacement = await fontFace(sheet, source, mask.slice(start, end), assets, fonts);
    } else {
      replacement = await inlineUrl(sheet, source, assets);
    }
    out += text.slice(last, start) + replacement;
    last = end;
  }
  return out + text.slice(last);
}

/** Adds the characters of every string in the stylesheet and those it imports (generated content). */
async function cssStrings(
  sheet: Stylesheet,
  assets: Assets,
  into: Set<number>,
  seen: Set<string>,
): Promise<void> {
  const { text, mask, strings } = lexCss(sheet.css);
  for (const string of strings) addCharacters(string.slice(1, -1), into);
  for (const match of mask.matchAll(/@import\b[^;{}]*;?/gi)) {
    const to = importPath(sheet, text.slice(match.index, match.index + match[0].length));
    if (seen.has(to)) continue;
    seen.add(to);
    await cssStrings({ to, css: (await assets.read(to)).toString('utf8') }, assets, into, seen);
  }
}

function importPath(sheet: Stylesheet, rule: string): string {
  const match = /^@import\s+(?:url\(\s*(["']?)([^"')]*)\1\s*\)|(["'])([^"']*)\3)\s*;?$/i.exec(rule.trim());
  const url = match?.[2] ?? match?.[4];
  if (url === undefined)
    throw new Error(`singleFile: ${sheet.to}: cannot inline "${rule}" (a conditional import?)`);
  const to = sheet.to === undefined ? undefined : resolveUrl(url, sheet.to);
  if (to === undefined)
    throw new Error(`singleFile: ${sheet.to ?? 'the theme'} imports ${url}, not a shipped file`);
  return to;
}

const MEDIA_TYPES: Record<string, string> = {
  woff2: 'font/woff2',
  woff: 'font/woff',
  ttf: 'font/ttf',
  otf: 'font/otf',
  svg: 'image/svg+xml',
  png: 'image/png',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  gif: 'image/gif',
  webp: 'image/webp',
};

/** What a `url(…)` names: a data: URL, or a path in the assets folder (undefined when outside it). */
function urlTarget(
  sheet: Stylesheet,
  token: string,
): { data: true } | { to: string | undefined; url: string } {
  const url = (/^url\(\s*(["']?)(.*?)\1\s*\)$/is.exec(token.trim())?.[2] ?? '').trim();
  if (/^data:/i.test(url)) return { data: true };
  return { to: sheet.to === undefined ? undefined : resolveUrl(url, sheet.to), url };
}

async function dataUrl(to: string, assets: Assets): Promise<string> {
  const type = MEDIA_TYPES[path.posix.extname(to).slice(1).toLowerCase()];
  if (!type) throw new Error(`singleFile: no media type for ${to}`);
  return `url(data:${type};base64,${(await assets.read(to)).toString('base64')})`;
}

async function inlineUrl(sheet: Stylesheet, token: string, assets: Assets): Promise<string> {
  const target = urlTarget(sheet, token);
  if ('data' in target) return token;
  // The theme is checked when the briefing is read: it has data: URLs only. A shipped file names only shipped files.
  if (target.to === undefined)
    throw new Error(`singleFile: ${sheet.to ?? 'the theme'} refers to ${target.url}`);
  return dataUrl(target.to, assets);
}

/**
 * One `@font-face` rule: left out when its `unicode-range` has no character
 * of the deck, else with its sources inlined. Sources that are not shipped
 * (Fontsource lists a .woff fallback for every .woff2; briefdeck ships the
 * .woff2 only, which every browser that runs reveal.js reads) are left out.
 */
async function fontFace(
  sheet: Stylesheet,
  rule: string,
  mask: string,
  assets: Assets,
  fonts: FontChoice,
): Promise<string> {
  const open = mask.indexOf('{');
  const close = mask.lastIndexOf('}');
  const body = rule.slice(open + 1, close < open ? undefined : close);
  const bodyMask = mask.slice(open + 1, close < open ? undefined : close);
  const declarations = split(body, bodyMask, ';').map(([declaration, declarationMask]) => {
    const colon = declarationMask.indexOf(':');
    return {
      name: colon < 0 ? '' : declaration.slice(0, colon).trim().toLowerCase(),
      value: colon < 0 ? declaration : declaration.slice(colon + 1),
      valueMask: colon < 0 ? declarationMask : declarationMask.slice(colon + 1),
      text: declaration.trim(),
    };
  });
  const range = declarations.find((declaration) => declaration.name === 'unicode-range');
  const ranges = range ? parseUnicodeRange(range.value) : undefined;
  if (
    !fonts.keepAll &&
    ranges &&
    !ranges.some(([first, end]) => hasCodePoint(fonts.codePoints, first, end))
  ) {
    return '';
  }
  const out: string[] = [];
  for (const declaration of declarations) {
    if (declaration.text === '') continue;
    if (declaration.name !== 'src') {
      out.push(declaration.text);
      continue;
    }
    const sources: string[] = [];
    for (const [source, sourceMask] of split(declaration.value, declaration.valueMask, ',')) {
      const url = /\burl\([^)]*\)?/i.exec(sourceMask);
      if (!url) {
        sources.push(source.trim()); // local(…)
        continue;
      }
      const token = source.slice(url.index, url.index + url[0].length);
      const target = urlTarget(sheet, token);
      if ('data' in target) sources.push(source.trim());
      else if (target.to !== undefined && assets.has(target.to))
        sources.push(
          (
            source.slice(0, url.index) +
            (await dataUrl(target.to, assets)) +
            source.slice(url.index + url[0].length)
          ).trim(),
        );
    }
    if (sources.length === 0) return '';
    out.push(`src: ${sources.join(', ')}`);
  }
  return `@font-face {\n  ${out.join(';\n  ')};\n}`;
}

/** Splits `text` at each `separator` outside strings and url() (found in `mask`), with the pieces of the mask. */
function split(text: string, mask: string, separator: string): [string, string][] {
  const pieces: [string, string][] = [];
  let depth = 0;
  let last = 0;
  for (let i = 0; i <= mask.length; i++) {
    const c = mask[i];
    if (c === '(') depth += 1;
    else if (c === ')') depth = Math.max(0, depth - 1);
    else if (i === mask.length || (c === separator && depth === 0)) {
      pieces.push([text.slice(last, i), mask.slice(last, i)]);
      last = i + 1;
    }
  }
  return pieces;
}

/**
 * Reads CSS once: `text` is the stylesheet without comments, `mask` the same
 * length with the insides of strings and of unquoted url() blanked out (so
 * that `;`, `,`, braces and `@import` found in it are the stylesheet's own),
 * and `strings` every string token.
 */
function lexCss(css: string): { text: string; mask: string; strings: string[] } {
  let text = '';
  let mask = '';
  const strings: string[] = [];
  let run = 0;
  let i = 0;
  // The last character of `text`, kept as it grows: reading it back from the string would copy the
  // whole string at every comment (a theme of many comments made the single file quadratic).
  let last = '';
  const flush = (): void => {
    text += css.slice(run, i);
    mask += css.slice(run, i);
    if (i > run) last = css[i - 1] as string;
  };
  while (i < css.length) {
    const c = css[i];
    if (c === '/' && css[i + 1] === '*') {
      flush();
      const end = css.indexOf('*/', i + 2);
      i = end < 0 ? css.length : end + 2;
      // A comment separates tokens: keep a space where dropping it would join two words.
      const space = /[\w-]/.test(last) && /[\w-]/.test(css[i] ?? '') ? ' ' : '';
      text += space;
      mask += space;
      last = space || last;
      run = i;
    } else if (c === '"' || c === "'") {
      flush();
      let j = i + 1;
      while (j < css.length && css[j] !== c && css[j] !== '\n') j += css[j] === '\\' ? 2 : 1;
      j = Math.min(j + 1, css.length);
      const string = css.slice(i, j);
      strings.push(string);
      text += string;
      last = string.at(-1) ?? last;
      mask += c + ' '.repeat(string.length - 1);
      i = j;
      run = i;
    } else if ((c === 'u' || c === 'U') && unquotedUrl(css, i)) {
      flush();
      const close = css.indexOf(')', i);
      const end = close < 0 ? css.length : close + 1;
      const url = css.slice(i, end);
      text += url;
      last = url.at(-1) ?? last;
      mask += url.slice(0, 4) + ' '.repeat(url.length - 4 - (close < 0 ? 0 : 1)) + (close < 0 ? '' : ')');
      i = end;
      run = i;
    } else i += 1;
  }
  flush();
  return { text, mask, strings };
}

/** Whether an unquoted `url(` starts at `i` (not the end of a longer name such as `myurl(`). */
function unquotedUrl(css: string, i: number): boolean {
  const sticky = /url\(\s*[^\s"')]/iy;
  sticky.lastIndex = i;
  return sticky.test(css) && !/[\w-]/.test(css[i - 1] ?? '');
}

/**
 * The ranges of a `unicode-range` descriptor (`U+0000-00FF, U+0131, U+4??`)
 * as [first, last] code points; undefined when it is invalid, which makes
 * the browser ignore it (the face then covers every character).
 */
export function parseUnicodeRange(value: string): [number, number][] | undefined {
  const ranges: [number, number][] = [];
  for (const part of value.split(',')) {
    const match = /^u\+([0-9a-f?]{1,6})(?:-([0-9a-f]{1,6}))?$/i.exec(part.trim());
    if (!match) return undefined;
    const [, start = '', end] = match;
    let first: number;
    let last: number;
    if (start.includes('?')) {
      // Wildcards only at the end, and not with a range: U+4?? is U+400-4FF.
      if (end !== undefined || !/^[0-9a-f]*\?+$/i.test(start)) return undefined;
      first = Number.parseInt(start.replace(/\?/g, '0'), 16);
      last = Number.parseInt(start.replace(/\?/g, 'f'), 16);
    } else {
      first = Number.parseInt(start, 16);
      last = end === undefined ? first : Number.parseInt(end, 16);
    }
    if (first > 0x10ffff || first > last) return undefined;
    ranges.push([first, Math.min(last, 0x10ffff)]);
  }
  return ranges;
}

function hasCodePoint(codePoints: Set<number>, first: number, last: number): boolean {
  if (last - first < codePoints.size) {
    for (let point = first; point <= last; point++) if (codePoints.has(point)) return true;
    return false;
  }
  for (const point of codePoints) if (point >= first && point <= last) return true;
  return false;
}

// ── the deck's text ──────────────────────────────────────────────────────

/**
 * Every character the deck may show in its fonts: the whole page with its
 * character references decoded (the markup adds only ASCII), in both cases
 * (for `text-transform`), and the ellipsis of `text-overflow`.
 */
function deckText(html: string): FontChoice {
  let keepAll = false;
  const codePoints = new Set<number>([0x2026]);
  addCharacters(
    decodeHtml(html, () => {
      keepAll = true;
    }),
    codePoints,
  );
  return { codePoints, keepAll };
}

function addCharacters(text: string, into: Set<number>): void {
  for (const character of new Set(text)) {
    for (const variant of [character, character.toUpperCase(), character.toLowerCase()])
      for (const point of variant) into.add(point.codePointAt(0) as number);
  }
}

/** The named references briefdeck's templates and Markdown produce, and common typographic ones. */
const NAMED_REFERENCES: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: '\u00a0',
  shy: '\u00ad',
  copy: '©',
  reg: '®',
  trade: '™',
  deg: '°',
  middot: '·',
  bull: '•',
  hellip: '…',
  ndash: '–',
  mdash: '—',
  lsquo: '‘',
  rsquo: '’',
  sbquo: '‚',
  ldquo: '“',
  rdquo: '”',
  bdquo: '„',
  laquo: '«',
  raquo: '»',
  times: '×',
  divide: '÷',
  plusmn: '±',
  minus: '−',
  sect: '§',
  para: '¶',
  euro: '€',
  pound: '£',
  yen: '¥',
  cent: '¢',
  larr: '←',
  rarr: '→',
  uarr: '↑',
  darr: '↓',
};

/** Code points 0x80–0x9F in a numeric reference mean the windows-1252 characters (HTML standard). */
const C1_REFERENCES = '€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008dŽ\u008f\u0090‘’“”•–—˜™š›œ\u009džŸ';

/** Decodes character references; `onUnknown` is told of a named one not in the table above. */
function decodeHtml(text: string, onUnknown: () => void = () => {}): string {
  return text.replace(/&(#[0-9]+|#x[0-9a-f]+|[a-z][a-z0-9]*);/gi, (reference, name: string) => {
    if (name.startsWith('#')) {
      const point = /^#x/i.test(name)
        ? Number.parseInt(name.slice(2), 16)
        : Number.parseInt(name.slice(1), 10);
      if (point >= 0x80 && point <= 0x9f) return C1_REFERENCES[point - 0x80] as string;
      if (point === 0 || point > 0x10ffff || (point >= 0xd800 && point <= 0xdfff)) return '\ufffd';
      return String.fromCodePoint(point);
    }
    const character = NAMED_REFERENCES[name];
    if (character === undefined) onUnknown();
    return character ?? reference;
  });
}

function escapeAttribute(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/"/g, '&quot;');
}

/** A start tag's attributes, names in lower case, values decoded. */
function attributes(tag: string): Map<string, string> {
  const attrs = new Map<string, string>();
  const inside = tag.replace(/^<[a-z]+/i, '').replace(/\/?>$/, '');
  for (const match of inside.matchAll(/([^\s"'=<>/]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?/g)) {
    const name = (match[1] as string).toLowerCase();
    if (!attrs.has(name)) attrs.set(name, decodeHtml(match[2] ?? match[3] ?? match[4] ?? ''));
  }
  return attrs;
}
