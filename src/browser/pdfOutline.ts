import type { OutlineEntry } from '../slides/outline.js';
import { PdfFile, pdfString } from './pdfFile.js';

/**
 * Adds a document outline (bookmarks) to a PDF Chromium wrote, by appending
 * an incremental update as PDF editors do: Chromium's bytes stay as they
 * are, so the tagged structure, the fonts and the links are untouched.
 *
 * Chromium can write an outline itself, from the headings, but it nests
 * every heading it finds (a card's name, "Key facts") under the title
 * slide's h1; a briefing's reader wants one entry per slide group with the
 * continuation slides under it, which only the view model knows.
 */

export type { OutlineEntry };

/**
 * The pages (0-based) of the named destinations Chromium wrote: one for
 * each element that a link in the document points at, named by its id.
 */
export function namedDestinations(pdf: Uint8Array): Map<string, number> {
  return new Map([...new PdfFile(pdf).destinations()].map(([name, { page }]) => [name, page]));
}

export function addOutline(pdf: Uint8Array, entries: readonly OutlineEntry[]): Uint8Array {
  if (entries.length === 0) return pdf;
  const file = new PdfFile(pdf);
  const pages = file.pages();
  const size = file.size;

  // Object numbers: the outline root, then one per entry, depth first.
  const objects: string[] = [];
  const first = size;
  let next = first + 1;
  const flat: { entry: OutlineEntry; number: number; parent: number; children: number[] }[] = [];
  const place = (list: readonly OutlineEntry[], parent: number): number[] =>
    list.map((entry) => {
      const number = next++;
      const item = { entry, number, parent, children: [] as number[] };
      flat.push(item);
      item.children = place(entry.children ?? [], number);
      return number;
    });
  const top = place(entries, first);
  const count = flat.length;
  objects.push(`<< /Type /Outlines /First ${top[0]} 0 R /Last ${top.at(-1)} 0 R /Count ${count} >>`);
  const siblingsOf = new Map<number, number[]>([[first, top]]);
  for (const item of flat) siblingsOf.set(item.number, item.children);
  for (const item of flat) {
    const siblings = siblingsOf.get(item.parent) ?? [];
    const at = siblings.indexOf(item.number);
    const page = pages[Math.min(Math.max(item.entry.page, 0), pages.length - 1)];
    if (page === undefined) throw new Error('the PDF has no pages');
    const parts = [
      `/Title ${pdfString(item.entry.title)}`,
      `/Parent ${item.parent} 0 R`,
      at > 0 ? `/Prev ${siblings[at - 1]} 0 R` : '',
      at < siblings.length - 1 ? `/Next ${siblings[at + 1]} 0 R` : '',
      item.children.length
        ? `/First ${item.children[0]} 0 R /Last ${item.children.at(-1)} 0 R /Count ${-item.children.length}`
        : '',
      `/Dest [${page} 0 R /Fit]`,
    ];
    objects.push(`<< ${parts.filter(Boolean).join(' ')} >>`);
  }
  // The catalog again, now pointing at the outline and opening with the bookmarks shown.
  const newCatalog = `${file
    .catalog()
    .replace(/\/Outlines\s+\d+\s+\d+\s+R/, '')
    .replace(/\/PageMode\s*\/\w+/, '')
    .replace(/>>\s*$/, '')
    .trimEnd()} /Outlines ${first} 0 R /PageMode /UseOutlines >>`;

  const written = new Map<number, string>([[file.root.number, newCatalog]]);
  objects.forEach((dictionary, index) => {
    written.set(first + index, dictionary);
  });
  return file.update(written);
}
