/**
 * The stylesheets of the single file: comments dropped, `@import`s replaced
 * by the files they import, every `url()` of a shipped file made a data:
 * URL, and the `@font-face` subsets no character of the deck needs left out.
 * It reads only briefdeck's own CSS and a theme already rewritten from the
 * theme check's tokens (format/themeCss.ts).
 */
import path from 'node:path';
import { type Assets, resolveUrl } from './_assets.js';
import { addCharacters, type FontChoice } from './text.js';

export interface Stylesheet {
  /** Its path in the assets folder; undefined for the user's theme. */
  to?: string;
  css: string;
}

/**
 * The stylesheet with its comments dropped, its `@import`s replaced by the
 * files they import, every `url()` of a shipped file made a data: URL, and
 * the `@font-face` rules of subsets no character of the deck needs left out.
 */
export async function inlineCss(
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
export async function cssStrings(
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
