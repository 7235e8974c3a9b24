/**
 * Where the handout's pages begin, found by printing it once to measure:
 * Chromium writes a named destination (page and height) for every element a
 * link points to, so the measuring print links to every unit and reads
 * their pages back. The final print then forces its page breaks at the
 * same places, heading each continued section, in the height the measuring
 * print held back for that heading on every page.
 */
import { PdfFile } from '../../browser/pdfFile.js';
import type { BodySection } from './_sections.js';

/**
 * Where a named element was printed: its page (0-based) and its top, in points from the top of the
 * page's text area, not of the page (as Chromium writes a destination's height: the first page's
 * overview reads as far down as in the page laid out on screen).
 */
export interface Placed {
  page: number;
  top: number;
}

/** The id of the empty element that ends the body, whose place measures the last page's fill. */
export const END_ID = 'handout-end';

/** Every link target of the PDF, with its page and height. */
export function placedDestinations(pdf: Uint8Array): Map<string, Placed> {
  const file = new PdfFile(pdf);
  const heights = file.pages().map((number) => {
    const box = /\/MediaBox\s*\[\s*[-\d.]+\s+[-\d.]+\s+[-\d.]+\s+([-\d.]+)\s*\]/.exec(file.object(number));
    return Number(box?.[1] ?? 0);
  });
  const found = new Map<string, Placed>();
  for (const [name, { page, y }] of file.destinations())
    if (y !== undefined) found.set(name, { page, top: (heights[page] ?? 0) - y });
  return found;
}

export interface Plan {
  /** Units and sections that begin a page (after the first). */
  pageStarts: Set<string>;
  /** The page of every linked element (sections, units), 1-based: the contents' page numbers. */
  pages: Map<string, number>;
  /** The pages the body ends on. */
  pageCount: number;
  /** How full the last page is, 0 to 1. */
  lastPageFill: number;
}

/**
 * The plan from a measuring print: the first unit on every page after the
 * first (the section itself when the page begins with its heading).
 * `area.height` is the height of a later page's text area, in points.
 */
export function planFrom(
  placed: ReadonlyMap<string, Placed>,
  sections: readonly BodySection[],
  area: { height: number },
): Plan {
  const pageStarts = new Set<string>();
  const pages = new Map([...placed].map(([id, at]) => [id, at.page + 1]));
  let page = placed.get('handout-body')?.page ?? 0;
  if (page > 0) pageStarts.add('handout-body');
  for (const section of sections) {
    const start = placed.get(section.id);
    if (start === undefined) continue;
    if (start.page > page) pageStarts.add(section.id);
    page = start.page;
    for (const unit of section.units) {
      const at = placed.get(unit.id);
      if (at === undefined || at.page <= page) continue;
      pageStarts.add(unit.id);
      page = at.page;
    }
  }
  const end = placed.get(END_ID);
  const pageCount = (end?.page ?? page) + 1;
  const lastPageFill = end ? Math.max(0, Math.min(1, end.top / area.height)) : 1;
  return { pageStarts, pages, pageCount, lastPageFill };
}
