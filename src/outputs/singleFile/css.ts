/**
 * The stylesheets of the single file: comments dropped, `@import`s replaced
 * by the files they import, every `url()` of a shipped file made a data:
 * URL, and the `@font-face` subsets no character of the deck needs left out.
 * It reads only briefdeck's own CSS and a theme already rewritten from the
 * theme check's tokens (format/themeCss.ts), with the same tokenizer
 * (read as pieces by _cssPieces.ts).
 */
import path from 'node:path';
import { type Assets, resolveUrl } from './_assets.js';
import {
  isAtRule,
  isUrl,
  type Piece,
  PieceReader,
  significant,
  splitAt,
  textOf,
  urlEnd,
  urlOf,
} from './_cssPieces.js';
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
  const reader = new PieceReader(sheet.css);
  let out = '';
  for (let piece = reader.next(); piece; piece = reader.next()) {
    const { token } = piece;
    if (isAtRule(token, 'import')) {
      const to = importPath(sheet, readImport(reader, piece));
      if (seen.has(to)) throw new Error(`singleFile: ${to} imports itself`);
      const css = (await assets.read(to)).toString('utf8');
      out += await inlineCss({ to, css }, assets, fonts, new Set([...seen, to]));
    } else if (isAtRule(token, 'font-face')) {
      const { rule, block } = readFontFace(reader, piece);
      out += block ? await fontFace(sheet, rule, assets, fonts) : textOf(rule);
    } else if (isUrl(token)) {
      out += await inlineUrl(sheet, readUrl(reader, piece), assets);
    } else {
      out += piece.text;
    }
  }
  return out;
}

/** Adds the characters of every string in the stylesheet and those it imports (generated content). */
export async function cssStrings(
  sheet: Stylesheet,
  assets: Assets,
  into: Set<number>,
  seen: Set<string>,
): Promise<void> {
  const reader = new PieceReader(sheet.css);
  const imports: Piece[][] = [];
  for (let piece = reader.next(); piece; piece = reader.next()) {
    if (piece.token.type === 'string') addCharacters(piece.token.value, into);
    else if (isAtRule(piece.token, 'import')) {
      const rule = readImport(reader, piece);
      imports.push(rule);
      for (const { token } of rule) if (token.type === 'string') addCharacters(token.value, into);
    }
  }
  for (const rule of imports) {
    const to = importPath(sheet, rule);
    if (seen.has(to)) continue;
    seen.add(to);
    await cssStrings({ to, css: (await assets.read(to)).toString('utf8') }, assets, into, seen);
  }
}

// ── the rules rewritten ──────────────────────────────────────────────────

/** The `@import` rule that starts with `first`: up to its `;`, or to the block or the end that cuts it short. */
function readImport(reader: PieceReader, first: Piece): Piece[] {
  const rule = [first];
  for (let piece = reader.next(); piece; piece = reader.next()) {
    if (piece.token.type === '{' || piece.token.type === '}') {
      reader.unread(piece);
      break;
    }
    rule.push(piece);
    if (piece.token.type === ';') break;
  }
  return rule;
}

/**
 * The `@font-face` rule that starts with `first`, up to its `}`; when no
 * block follows the name (no rule then), the name and the whitespace after it.
 */
function readFontFace(reader: PieceReader, first: Piece): { rule: Piece[]; block: boolean } {
  const rule = [first];
  let piece = reader.next();
  while (piece?.token.type === 'whitespace') {
    rule.push(piece);
    piece = reader.next();
  }
  if (piece?.token.type !== '{') {
    if (piece) reader.unread(piece);
    return { rule, block: false };
  }
  for (; piece; piece = reader.next()) {
    rule.push(piece);
    if (piece.token.type === '}') break;
  }
  return { rule, block: true };
}

/** The `url(…)` that starts with `first`: a URL token, or the function up to its `)`. */
function readUrl(reader: PieceReader, first: Piece): Piece[] {
  const url = [first];
  if (first.token.type !== 'function') return url;
  for (let piece = reader.next(); piece; piece = reader.next()) {
    url.push(piece);
    if (piece.token.type === ')') break;
  }
  return url;
}

// ── imports and URLs ─────────────────────────────────────────────────────

/** The file an `@import` rule imports, as a path in the assets folder; a conditional import cannot be inlined. */
function importPath(sheet: Stylesheet, rule: readonly Piece[]): string {
  const [, ...prelude] = rule.filter(significant);
  if (prelude.at(-1)?.token.type === ';') prelude.pop();
  const url = urlOf(prelude);
  if (url === undefined)
    throw new Error(`singleFile: ${sheet.to}: cannot inline "${textOf(rule)}" (a conditional import?)`);
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
  pieces: readonly Piece[],
): { data: true } | { to: string | undefined; url: string } {
  const url = urlOf(pieces) ?? ''; // a malformed one names no file
  if (/^data:/i.test(url)) return { data: true };
  return { to: sheet.to === undefined ? undefined : resolveUrl(url, sheet.to), url };
}

async function dataUrl(to: string, assets: Assets): Promise<string> {
  const type = MEDIA_TYPES[path.posix.extname(to).slice(1).toLowerCase()];
  if (!type) throw new Error(`singleFile: no media type for ${to}`);
  return `url(data:${type};base64,${(await assets.read(to)).toString('base64')})`;
}

async function inlineUrl(sheet: Stylesheet, pieces: readonly Piece[], assets: Assets): Promise<string> {
  const target = urlTarget(sheet, pieces);
  if ('data' in target) return textOf(pieces);
  // The theme is checked when the briefing is read: it has data: URLs only. A shipped file names only shipped files.
  if (target.to === undefined)
    throw new Error(`singleFile: ${sheet.to ?? 'the theme'} refers to ${target.url}`);
  return dataUrl(target.to, assets);
}

// ── @font-face ───────────────────────────────────────────────────────────

/**
 * One `@font-face` rule: left out when its `unicode-range` has no character
 * of the deck, else with its sources inlined. Sources that are not shipped
 * (Fontsource lists a .woff fallback for every .woff2; briefdeck ships the
 * .woff2 only, which every browser that runs reveal.js reads) are left out.
 */
async function fontFace(
  sheet: Stylesheet,
  rule: readonly Piece[],
  assets: Assets,
  fonts: FontChoice,
): Promise<string> {
  const open = rule.findIndex((piece) => piece.token.type === '{');
  const body = rule.slice(open + 1, rule.at(-1)?.token.type === '}' ? -1 : undefined);
  const declarations = splitAt(body, ';').map((declaration) => {
    const colon = declaration.findIndex((piece) => piece.token.type === ':');
    return {
      name: colon < 0 ? '' : textOf(declaration.slice(0, colon)).trim().toLowerCase(),
      value: colon < 0 ? declaration : declaration.slice(colon + 1),
      text: textOf(declaration).trim(),
    };
  });
  const range = declarations.find((declaration) => declaration.name === 'unicode-range');
  const ranges = range ? parseUnicodeRange(textOf(range.value)) : undefined;
  if (!fonts.keepAll && ranges && !ranges.some(([first, end]) => hasCodePoint(fonts.codePoints, first, end)))
    return '';
  const out: string[] = [];
  for (const declaration of declarations) {
    if (declaration.text === '') continue;
    if (declaration.name !== 'src') {
      out.push(declaration.text);
      continue;
    }
    const sources = await fontSources(sheet, declaration.value, assets);
    if (sources.length === 0) return '';
    out.push(`src: ${sources.join(', ')}`);
  }
  return `@font-face {\n  ${out.join(';\n  ')};\n}`;
}

/** The sources of a `src` descriptor that the single file keeps: local fonts, data: URLs and shipped files, inlined. */
async function fontSources(sheet: Stylesheet, value: readonly Piece[], assets: Assets): Promise<string[]> {
  const sources: string[] = [];
  for (const source of splitAt(value, ',')) {
    const start = source.findIndex((piece) => isUrl(piece.token));
    if (start < 0) {
      sources.push(textOf(source).trim()); // local(…)
      continue;
    }
    const end = urlEnd(source, start);
    const target = urlTarget(sheet, source.slice(start, end));
    if ('data' in target) sources.push(textOf(source).trim());
    else if (target.to !== undefined && assets.has(target.to)) {
      const url = await dataUrl(target.to, assets);
      sources.push((textOf(source.slice(0, start)) + url + textOf(source.slice(end))).trim());
    }
  }
  return sources;
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
