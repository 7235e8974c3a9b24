/**
 * The capacity model that splits long lists over continuation slides
 * ("Actors (2/3)"). It estimates each item's height in lines of body text
 * from its length and the width of the column it sits in; a slide takes
 * items while they fit. It is deliberately a little pessimistic: the build
 * then measures every slide in Chromium and reports any that still overflow.
 */
import type { Aspect } from './briefing.js';
import { SLIDE_SIZES } from './themes.js';

/** Average advance of one character of body text, in CSS px, at the body size (22 px Source Sans 3). */
const CHAR_WIDTH = 10.6;
/** Height of one line of body text, in CSS px. */
export const LINE_HEIGHT = 30;
/** Vertical room for the slide body: the slide minus banners, heading and footer. */
const CHROME_HEIGHT = 236;
const SIDE_MARGINS = 128;

export interface Page {
  /** Room for content, in body lines. */
  lines: number;
  /** Characters of body text on one line across the full content width. */
  charsPerLine: number;
}

export function pageOf(aspect: Aspect): Page {
  const { width, height } = SLIDE_SIZES[aspect];
  return {
    lines: Math.floor((height - CHROME_HEIGHT) / LINE_HEIGHT),
    charsPerLine: Math.floor((width - SIDE_MARGINS) / CHAR_WIDTH),
  };
}

/** Lines a text takes in a column `fraction` of the content width, with text `scale` relative to body size. */
export function linesOf(text: string | undefined, page: Page, fraction = 1, scale = 1): number {
  if (!text) return 0;
  const perLine = Math.max(8, Math.floor((page.charsPerLine * fraction) / scale));
  let lines = 0;
  for (const paragraph of text.split(/\n\s*\n|\n(?=\s*[-*+] |\s*\d+\. )/)) {
    const words = paragraph.replace(/\s+/g, ' ').trim().split(' ');
    let line = 0;
    let count = paragraph.trim() ? 1 : 0;
    for (const word of words) {
      const length = word.length;
      if (line > 0 && line + 1 + length > perLine) {
        count += 1;
        line = length;
      } else line += (line > 0 ? 1 : 0) + length;
      while (line > perLine) {
        count += 1;
        line -= perLine;
      }
    }
    lines += count;
  }
  return lines * scale;
}

/**
 * Splits items over pages: each page holds items whose heights (in lines)
 * add up to at most `capacity`. An item taller than a page gets a page of
 * its own. Order is kept; no page is empty.
 */
export function paginate<T>(items: readonly T[], height: (item: T) => number, capacity: number): T[][] {
  const pages: T[][] = [];
  let current: T[] = [];
  let used = 0;
  for (const item of items) {
    const h = height(item);
    if (current.length > 0 && used + h > capacity) {
      pages.push(current);
      current = [];
      used = 0;
    }
    current.push(item);
    used += h;
  }
  if (current.length > 0) pages.push(current);
  return pages;
}

/** Like `paginate`, but lays items out in rows of `columns`; a row is as tall as its tallest item. */
export function paginateGrid<T>(items: readonly T[], height: (item: T) => number, capacity: number, columns: number): T[][] {
  const rows: T[][] = [];
  for (let i = 0; i < items.length; i += columns) rows.push(items.slice(i, i + columns));
  const rowHeight = (row: T[]) => Math.max(...row.map(height));
  return paginate(rows, rowHeight, capacity).map((page) => page.flat());
}
