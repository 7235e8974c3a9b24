/**
 * The capacity model that splits long lists over continuation slides
 * ("Actors (2/3)"). It estimates each item's height in CSS pixels by
 * wrapping its text with the font's real advance widths in the column the
 * stylesheet gives it (the numbers here mirror themes/briefdeck.css); a
 * slide takes items while they fit. The build then measures every slide in
 * Chromium and reports any that still overflow, so a drift between this
 * model and the stylesheet shows up as a warning, not as lost content.
 */
import type { Aspect } from './briefing.js';
import { plainText } from './markdown.js';
import { countLines, type Weight } from './textMetrics.js';
import { SLIDE_SIZES } from './themes.js';

/** Estimates are inflated by this much, for bold runs and rounding in the browser. */
const SAFETY = 1.05;

export interface Page {
  /** Width of the slide body's content box, px. */
  width: number;
  /** Height of the slide body's content box, px. */
  height: number;
  /** Two columns fit side by side (16:9). */
  wide: boolean;
}

/** The slide body: the slide minus banners, heading, footer and paddings (see .bd-frame in briefdeck.css). */
export function pageOf(aspect: Aspect, classified: boolean): Page {
  const { width, height } = SLIDE_SIZES[aspect];
  const padX = aspect === '16:9' ? 64 : 52;
  const banners = classified ? 2 * 26 : 0;
  const head = 26 + Math.ceil(34 * 1.15) + 12 + 2;
  const bodyPadding = 20 + 12;
  const footer = 34;
  return {
    width: width - 2 * padX,
    height: height - banners - head - bodyPadding - footer,
    wide: aspect === '16:9',
  };
}

/** How much smaller a dense slide sets its content (CSS zoom on the body's children; see .bd-dense). */
export const DENSE_ZOOM = 0.88;

/** The same slide body, measured in the CSS pixels of content zoomed to DENSE_ZOOM. */
export function densePage(page: Page): Page {
  return { ...page, width: page.width / DENSE_ZOOM, height: page.height / DENSE_ZOOM };
}

export interface TextStyle {
  size: number;
  lineHeight: number;
  weight?: Weight;
}

/** Height in px of Markdown `text` set in `style` in a column `width` px wide. */
export function textHeight(text: string | undefined, width: number, style: TextStyle): number {
  if (!text) return 0;
  const paragraphs = text.split(/\n\s*\n/).map(plainText);
  const lines = countLines(paragraphs.join('\n\n'), width, style.size, style.weight);
  return lines * style.size * style.lineHeight * SAFETY;
}

/**
 * Splits items over pages: each page holds items whose heights, plus `gap`
 * between them, add up to at most `capacity`. An item taller than a page
 * gets a page of its own. Order is kept; no page is empty.
 */
export function paginate<T>(
  items: readonly T[],
  height: (item: T) => number,
  capacity: number,
  gap = 0,
): T[][] {
  const heights = new Map(items.map((item) => [item, height(item)]));
  const measure = (item: T) => heights.get(item) ?? 0;
  const pages = fill(items, measure, capacity, gap);
  if (pages.length < 2) return pages;
  // Balance: the smallest capacity that still needs no more pages, so seven like items become 4 + 3, not 6 + 1.
  let low = Math.max(...items.map(measure));
  let high = capacity;
  let best = pages;
  for (let i = 0; i < 20 && high - low > 1; i++) {
    const middle = (low + high) / 2;
    const attempt = fill(items, measure, middle, gap);
    if (attempt.length <= pages.length) {
      best = attempt;
      high = middle;
    } else low = middle;
  }
  return best;
}

/** Greedy fill: each page takes items while they fit. */
function fill<T>(items: readonly T[], height: (item: T) => number, capacity: number, gap: number): T[][] {
  const pages: T[][] = [];
  let current: T[] = [];
  let used = 0;
  for (const item of items) {
    const h = height(item);
    const needed = current.length > 0 ? used + gap + h : h;
    if (current.length > 0 && needed > capacity) {
      pages.push(current);
      current = [item];
      used = h;
    } else {
      current.push(item);
      used = needed;
    }
  }
  if (current.length > 0) pages.push(current);
  return pages;
}

/** Like `paginate`, but lays items out in rows of `columns`; a row is as tall as its tallest item. */
export function paginateGrid<T>(
  items: readonly T[],
  height: (item: T) => number,
  capacity: number,
  columns: number,
  gap = 0,
): T[][] {
  const rows: T[][] = [];
  for (let i = 0; i < items.length; i += columns) rows.push(items.slice(i, i + columns));
  const rowHeight = (row: T[]) => Math.max(...row.map(height));
  return paginate(rows, rowHeight, capacity, gap).map((page) => page.flat());
}

/**
 * Lays items out in rows of up to `columns` and splits the rows over pages.
 * An item too tall for a page in a column gets a full-width row of its own
 * (`wide`), where the same text takes fewer lines.
 */
export function paginateRows<T>(
  items: readonly T[],
  height: { column: (item: T) => number; full: (item: T) => number },
  capacity: number,
  columns: number,
  gap = 0,
): { item: T; wide: boolean }[][] {
  type Row = { cells: { item: T; wide: boolean }[]; height: number };
  const rows: Row[] = [];
  let pending: T[] = [];
  const flush = () => {
    if (pending.length === 0) return;
    rows.push({
      cells: pending.map((item) => ({ item, wide: false })),
      height: Math.max(...pending.map(height.column)),
    });
    pending = [];
  };
  for (const item of items) {
    if (columns > 1 && height.column(item) > capacity) {
      flush();
      rows.push({ cells: [{ item, wide: true }], height: height.full(item) });
      continue;
    }
    pending.push(item);
    if (pending.length === columns) flush();
  }
  flush();
  return paginate(rows, (row) => row.height, capacity, gap).map((page) => page.flatMap((row) => row.cells));
}
