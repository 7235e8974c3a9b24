/**
 * The capacity model that splits long lists over continuation slides
 * ("Actors (2/3)"). It estimates each item's height in CSS pixels by
 * wrapping its text with the font's real advance widths in the column the
 * layout gives it (every number comes from src/slides/layout.ts, which the page
 * uses too). A slide takes items while they fit; the last two slides of a
 * group are then evened out, as evenly as their items split. The build
 * measures every slide in Chromium and reports any that still overflow.
 */

import { plainText } from '../content/markdown.js';
import type { Aspect } from '../format/briefing.js';
import { countLines, type Weight } from '../format/textMetrics.js';
import type { Layout } from './layout.js';

/** Estimates are inflated by this much, for bold runs and rounding in the browser. */
const SAFETY = 1.05;

export interface Page {
  /** Width of the slide body's content box, px. */
  width: number;
  /** Height of the slide body's content box, px. */
  height: number;
  /** A wide slide (16:9): the risk key stands beside the matrix, summary and key facts side by side. */
  wide: boolean;
}

/** The slide body: the slide minus banners, heading, footer and paddings (the frame in briefdeck.css). */
export function pageOf(aspect: Aspect, layout: Layout, classified: boolean): Page {
  const s = layout.slide;
  const banners = classified ? 2 * s.bannerHeight : 0;
  const head = s.headTop + Math.ceil(s.headingSize * s.headingLineHeight) + s.headingGap + s.headingRule;
  return {
    width: s.width - 2 * s.padX,
    height: s.height - banners - head - s.bodyTop - s.bodyBottom - s.footHeight,
    wide: aspect === '16:9',
  };
}

/** The same slide body, measured in the CSS pixels of content zoomed to `zoom` (a dense slide). */
export function densePage(page: Page, zoom: number): Page {
  return { ...page, width: page.width / zoom, height: page.height / zoom };
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
  return linesHeight(countLines(paragraphs.join('\n\n'), width, style.size, style.weight), style);
}

/** Height in px of `lines` lines set in `style`. */
export function linesHeight(lines: number, style: TextStyle): number {
  return lines * style.size * style.lineHeight * SAFETY;
}

/** Height of items stacked with `gap` between them. */
export function stackHeight(heights: readonly number[], gap: number): number {
  return heights.reduce((sum, h) => sum + h, 0) + Math.max(0, heights.length - 1) * gap;
}

/** Items over pages, in order, each page taking items while they fit `capacity` (an item too tall gets a page of its own). */
function fill<T>(items: readonly T[], height: (run: readonly T[]) => number, capacity: number): T[][] {
  const pages: T[][] = [];
  let run: T[] = [];
  for (const item of items) {
    if (run.length > 0 && height([...run, item]) > capacity) {
      pages.push(run);
      run = [];
    }
    run.push(item);
  }
  if (run.length > 0) pages.push(run);
  return pages;
}

/**
 * Splits items over pages, in order. `height(run)` is how tall a run of
 * items is when set together on one page. Each page takes items while the
 * run fits `capacity` (an item too tall for any page gets one of its own);
 * then the last two pages are split afresh as evenly as they go: seven like
 * items on pages of six become 4 + 3, not 6 + 1; thirteen become 6 + 4 + 3;
 * a last page that would hold one short row takes its share of the page
 * before. No page is empty. `fewest(split)`
 * is how many items the earlier of the two must keep when `split` items
 * are shared between them (none by default).
 */
export function paginateRuns<T>(
  items: readonly T[],
  height: (run: readonly T[]) => number,
  capacity: number,
  fewest: (shared: number) => number = () => 0,
): T[][] {
  const pages = fill(items, height, capacity);
  if (pages.length < 2) return pages;

  const both = [...(pages[pages.length - 2] as T[]), ...(pages[pages.length - 1] as T[])];
  let best: { split: number; smaller: number } | undefined;
  for (let split = Math.max(1, fewest(both.length)); split < both.length; split++) {
    const first = height(both.slice(0, split));
    const second = height(both.slice(split));
    if (first > capacity || second > capacity) continue;
    // The most even split; on a tie, the earlier page takes more.
    if (!best || Math.min(first, second) >= best.smaller) best = { split, smaller: Math.min(first, second) };
  }
  if (best) pages.splice(-2, 2, both.slice(0, best.split), both.slice(best.split));
  return pages;
}

/** How many of `items`, from the first, fit `capacity` together (see `paginateRuns`): at least one, if any. */
export function fittingRun<T>(
  items: readonly T[],
  height: (run: readonly T[]) => number,
  capacity: number,
): number {
  let count = Math.min(1, items.length);
  while (count < items.length && height(items.slice(0, count + 1)) <= capacity) count += 1;
  return count;
}

/** Splits a list over pages: items one under another, `gap` apart (see `paginateRuns`). */
export function paginate<T>(
  items: readonly T[],
  height: (item: T) => number,
  capacity: number,
  gap = 0,
): T[][] {
  return paginateRuns(items, stackedRuns(items, height, gap), capacity);
}

/** The height of a run of `items` stacked `gap` apart, each item measured once. */
function stackedRuns<T>(items: readonly T[], height: (item: T) => number, gap: number) {
  const heights = new Map(items.map((item) => [item, height(item)]));
  return (run: readonly T[]) =>
    stackHeight(
      run.map((item) => heights.get(item) ?? 0),
      gap,
    );
}

/**
 * Splits a list over as few pages as `paginate` needs, as evenly as they go: every page
 * filled to the lowest height that still needs no more pages (the rows of a table:
 * 13 + 13 + 13 + 12, not 17 + 17 + 16 + 1).
 */
export function paginateEvenly<T>(
  items: readonly T[],
  height: (item: T) => number,
  capacity: number,
  gap = 0,
): T[][] {
  const runHeight = stackedRuns(items, height, gap);
  const count = fill(items, runHeight, capacity).length;
  let [low, high] = [0, capacity];
  while (high - low > 0.5) {
    const limit = (low + high) / 2;
    if (fill(items, runHeight, limit).length <= count) high = limit;
    else low = limit;
  }
  return fill(items, runHeight, high);
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

/** Cards in side-by-side columns, each a stack read top to bottom, the columns left to right. */
export interface Columns<T> {
  columns: T[][];
  /** The tallest column, px. */
  height: number;
}

/**
 * Sets cards in columns: 1 to `maxColumns` of them (never more than there
 * are cards), each card as tall as `height(card, columns)` says for that
 * many columns, cards in order down the first column, then the next. Of
 * every count of columns and every way to cut the cards into that many
 * stacks, the lowest wins (the same height: fewer, wider columns).
 */
export function arrangeColumns<T>(
  cards: readonly T[],
  maxColumns: number,
  height: (card: T, columns: number) => number,
  gap: number,
): Columns<T> {
  let best: Columns<T> | undefined;
  for (let count = 1; count <= Math.min(maxColumns, cards.length); count++) {
    const heights = cards.map((card) => height(card, count));
    const cuts = evenCuts(heights, count, gap);
    const columns = cuts.map(([from, to]) => cards.slice(from, to));
    const tallest = Math.max(...cuts.map(([from, to]) => stackHeight(heights.slice(from, to), gap)));
    if (!best || tallest < best.height - 0.5) best = { columns, height: tallest };
  }
  return best ?? { columns: [], height: 0 };
}

/** Cuts `heights` into `count` non-empty runs in order, so that the tallest run is as low as it can be. */
function evenCuts(heights: readonly number[], count: number, gap: number): [number, number][] {
  const n = heights.length;
  const run = (from: number, to: number) => stackHeight(heights.slice(from, to), gap);
  // tallest[k][i]: the lowest tallest run when the first i heights make k runs; from[k][i]: where the last run starts.
  const tallest: number[][] = [[0, ...new Array<number>(n).fill(Number.POSITIVE_INFINITY)]];
  const from: number[][] = [new Array<number>(n + 1).fill(0)];
  for (let k = 1; k <= count; k++) {
    tallest.push(new Array<number>(n + 1).fill(Number.POSITIVE_INFINITY));
    from.push(new Array<number>(n + 1).fill(0));
    for (let i = k; i <= n; i++) {
      for (let j = k - 1; j < i; j++) {
        const value = Math.max(tallest[k - 1]?.[j] ?? Number.POSITIVE_INFINITY, run(j, i));
        if (value < (tallest[k]?.[i] ?? Number.POSITIVE_INFINITY)) {
          (tallest[k] as number[])[i] = value;
          (from[k] as number[])[i] = j;
        }
      }
    }
  }
  const cuts: [number, number][] = [];
  let end = n;
  for (let k = count; k >= 1; k--) {
    const start = from[k]?.[end] ?? 0;
    cuts.unshift([start, end]);
    end = start;
  }
  return cuts;
}

/**
 * Splits cards over pages of columns (see `arrangeColumns`): each page
 * takes cards while some arrangement of them fits `capacity`, then the last
 * two are evened out as `paginateRuns` does, the earlier keeping at least
 * as many cards as the later. A page's height alone does not say how full
 * it is: fewer cards are set in fewer, wider columns, where each is lower,
 * so one large card spanning the slide passes for half full and would be
 * left alone on the earlier slide, its other cards moved on to the next.
 */
export function paginateColumns<T>(
  cards: readonly T[],
  maxColumns: number,
  height: (card: T, columns: number) => number,
  capacity: number,
  gap: number,
): Columns<T>[] {
  const heights = new Map<T, number[]>();
  const heightAt = (card: T, columns: number) => {
    const known = heights.get(card) ?? [];
    heights.set(card, known);
    const h = known[columns] ?? height(card, columns);
    known[columns] = h;
    return h;
  };
  const arranged = (run: readonly T[]) => arrangeColumns(run, maxColumns, heightAt, gap);
  const half = (shared: number) => Math.ceil(shared / 2);
  return paginateRuns(cards, (run) => arranged(run).height, capacity, half).map(arranged);
}
