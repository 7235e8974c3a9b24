/**
 * The banner check's last resort, for a theme whose styles do not say how
 * its banners look (see bannerCheck.ts): the print view captured twice, with
 * the banners' text and without it, and each letter's pixels compared. The
 * captures are Chromium's PNGs, decoded here (8-bit, not interlaced: what
 * Chromium writes) with Node's zlib.
 */
import { inflateSync } from 'node:zlib';
import type { Page } from 'puppeteer-core';

/** One letter of a banner, where the page drew it. */
export interface Letter {
  slide: number;
  banner: 'top' | 'bottom';
  char: string;
  /** Its box in document pixels. */
  x: number;
  y: number;
  width: number;
  height: number;
}

/**
 * Captures the page with the banners' text and without it (made transparent by an inline
 * `!important`, which no style sheet overrides), and measures, letter by letter, the contrast
 * between the two where they differ: the letter against what is actually behind it.
 */
export async function letterContrast(page: Page, letters: Letter[], minContrast: number): Promise<string[]> {
  // The whole print view at once: one capture costs less than one per banner.
  const capture = async () =>
    decodePng(await page.screenshot({ fullPage: true, type: 'png', optimizeForSpeed: true }));
  const shown = await capture();
  await page.evaluate(() => {
    for (const banner of document.querySelectorAll<HTMLElement>('.bd-banner')) {
      banner.dataset.bdStyle = banner.getAttribute('style') ?? '';
      for (const property of [
        'color',
        '-webkit-text-fill-color',
        '-webkit-text-stroke-color',
        'text-decoration-color',
      ])
        banner.style.setProperty(property, 'transparent', 'important');
      banner.style.setProperty('text-shadow', 'none', 'important');
    }
  });
  let hidden: Png;
  try {
    hidden = await capture();
  } finally {
    await page.evaluate(() => {
      for (const banner of document.querySelectorAll<HTMLElement>('.bd-banner')) {
        const style = banner.dataset.bdStyle;
        if (style) banner.setAttribute('style', style);
        else banner.removeAttribute('style');
        delete banner.dataset.bdStyle;
      }
    });
  }
  const faint = new Map<string, string>();
  for (const letter of letters) {
    if (letterContrastOf(shown, hidden, letter) >= minContrast) continue;
    const where = `slide ${letter.slide}: the ${letter.banner} banner`;
    faint.set(where, (faint.get(where) ?? '') + letter.char);
  }
  return [...faint].map(
    ([where, chars]) =>
      `${where} has letters that do not stand out from what is behind them (${chars}: contrast below ${minContrast}:1)`,
  );
}

/** The highest contrast, over the letter's pixels that differ between the two captures. */
function letterContrastOf(shown: Png, hidden: Png, letter: Letter): number {
  // Not the single best pixel: a stray one left beside a cover, a stroke or a line through the text
  // would pass. The strongest fifth of the pixels the letter changes must reach it: a letter's edges
  // are soft, its strokes are not.
  const left = Math.max(0, Math.floor(letter.x));
  const top = Math.max(0, Math.floor(letter.y));
  const right = Math.min(shown.width, hidden.width, Math.ceil(letter.x + letter.width));
  const bottom = Math.min(shown.height, hidden.height, Math.ceil(letter.y + letter.height));
  const ratios: number[] = [];
  for (let y = top; y < bottom; y++) {
    for (let x = left; x < right; x++) {
      const a = (y * shown.width + x) * 4;
      const b = (y * hidden.width + x) * 4;
      const front = shown.data;
      const back = hidden.data;
      if (front[a] === back[b] && front[a + 1] === back[b + 1] && front[a + 2] === back[b + 2]) continue;
      const ratio = contrast(
        luminance(front[a] as number, front[a + 1] as number, front[a + 2] as number),
        luminance(back[b] as number, back[b + 1] as number, back[b + 2] as number),
      );
      ratios.push(ratio);
    }
  }
  ratios.sort((a, b) => b - a);
  return ratios[Math.floor(ratios.length / 5)] ?? 1;
}

/** WCAG relative luminance of an sRGB colour. */
export function luminance(r: number, g: number, b: number): number {
  const linear = (c: number) => {
    const v = c / 255;
    return v <= 0.04045 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * linear(r) + 0.7152 * linear(g) + 0.0722 * linear(b);
}

/** WCAG contrast ratio of two luminances. */
export function contrast(a: number, b: number): number {
  return (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
}

interface Png {
  width: number;
  height: number;
  /** RGBA, 8 bits a channel, row by row. */
  data: Uint8Array;
}

/** Decodes the PNG Chromium captures: 8-bit RGB or RGBA, not interlaced. */
export function decodePng(png: Uint8Array): Png {
  const bytes = Buffer.from(png.buffer, png.byteOffset, png.byteLength);
  let width = 0;
  let height = 0;
  let channels = 4;
  const idat: Buffer[] = [];
  for (let at = 8; at + 8 <= bytes.length; ) {
    const length = bytes.readUInt32BE(at);
    const type = bytes.toString('latin1', at + 4, at + 8);
    const body = bytes.subarray(at + 8, at + 8 + length);
    if (type === 'IHDR') {
      width = body.readUInt32BE(0);
      height = body.readUInt32BE(4);
      const [depth, colour, , , interlace] = [body[8], body[9], body[10], body[11], body[12]];
      if (depth !== 8 || (colour !== 2 && colour !== 6) || interlace !== 0)
        throw new Error(`unexpected PNG format from the browser (depth ${depth}, colour ${colour})`);
      channels = colour === 6 ? 4 : 3;
    } else if (type === 'IDAT') idat.push(body);
    else if (type === 'IEND') break;
    at += 12 + length;
  }
  const raw = inflateSync(Buffer.concat(idat));
  const stride = width * channels;
  const rows = new Uint8Array(stride * height);
  const zero = new Uint8Array(stride);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)];
    const line = raw.subarray(y * (stride + 1) + 1, (y + 1) * (stride + 1));
    const out = rows.subarray(y * stride, (y + 1) * stride);
    const up = y > 0 ? rows.subarray((y - 1) * stride, y * stride) : zero;
    unfilter(filter ?? 0, line, out, up, channels);
  }
  if (channels === 4) return { width, height, data: rows };
  const data = new Uint8Array(width * height * 4);
  for (let p = 0, q = 0; p < rows.length; p += 3, q += 4) {
    data[q] = rows[p] as number;
    data[q + 1] = rows[p + 1] as number;
    data[q + 2] = rows[p + 2] as number;
    data[q + 3] = 255;
  }
  return { width, height, data };
}

/** Undoes one row's PNG filter (RFC 2083 §6) into `out`, given the row above. */
function unfilter(filter: number, line: Uint8Array, out: Uint8Array, up: Uint8Array, bpp: number): void {
  const n = line.length;
  switch (filter) {
    case 0:
      out.set(line);
      return;
    case 1:
      for (let i = 0; i < n; i++)
        out[i] = ((line[i] as number) + (i >= bpp ? (out[i - bpp] as number) : 0)) & 0xff;
      return;
    case 2:
      for (let i = 0; i < n; i++) out[i] = ((line[i] as number) + (up[i] as number)) & 0xff;
      return;
    case 3:
      for (let i = 0; i < n; i++)
        out[i] =
          ((line[i] as number) + (((i >= bpp ? (out[i - bpp] as number) : 0) + (up[i] as number)) >> 1)) &
          0xff;
      return;
    default:
      for (let i = 0; i < n; i++) {
        const a = i >= bpp ? (out[i - bpp] as number) : 0;
        const b = up[i] as number;
        const c = i >= bpp ? (up[i - bpp] as number) : 0;
        const p = a + b - c;
        const pa = Math.abs(p - a);
        const pb = Math.abs(p - b);
        const pc = Math.abs(p - c);
        out[i] = ((line[i] as number) + (pa <= pb && pa <= pc ? a : pb <= pc ? b : c)) & 0xff;
      }
  }
}
