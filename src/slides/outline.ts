/**
 * The PDF's bookmarks, from the view model: one entry per slide group
 * (title, bottom line, situation, …), its continuation slides under it.
 */
import type { OutlineEntry } from '../browser/pdfOutline.js';
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
