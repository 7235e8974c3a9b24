/**
 * The PDF's bookmarks, from the view model: one entry per slide group
 * (title, bottom line, situation, …), its continuation slides under it.
 */
import type { OutlineEntry } from '../browser/pdfOutline.js';
import { type HandoutModel, handoutSections } from '../outputs/handout.js';
import type { DeckModel } from './index.js';

export function deckOutline(model: DeckModel): OutlineEntry[] {
  const entries: OutlineEntry[] = [];
  let group: { kind: string; entry: OutlineEntry } | undefined;
  model.slides.forEach((slide, page) => {
    if (group?.kind === slide.kind) {
      group.entry.children?.push({ title: `${slide.heading} (${slide.part})`, page });
      return;
    }
    const entry: OutlineEntry = {
      title: slide.kind === 'title' ? model.title : slide.heading,
      page,
      children: [],
    };
    entries.push(entry);
    group = { kind: slide.kind, entry };
  });
  return entries;
}

/**
 * The handout's bookmarks: the title page, then each section at the page
 * Chromium put it on (`pages`: element id to page, from the PDF's named
 * destinations), the risks under their section.
 */
export function handoutOutline(model: HandoutModel, pages: ReadonlyMap<string, number>): OutlineEntry[] {
  const entries: OutlineEntry[] = [{ title: model.title, page: 0 }];
  for (const section of handoutSections(model)) {
    const page = pages.get(section.id);
    if (page === undefined) continue;
    const children =
      section.id === 'risks'
        ? model.risks.flatMap((risk) => {
            const at = pages.get(`risk-${risk.number}`);
            return at === undefined ? [] : [{ title: `${risk.number}. ${risk.title}`, page: at }];
          })
        : [];
    entries.push({ title: section.title, page, children });
  }
  return entries;
}
