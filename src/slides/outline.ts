/**
 * The PDF's bookmarks, from the view model: one entry per slide group
 * (title, bottom line, situation, …), its continuation slides under it.
 */
import type { DeckModel } from './index.js';

/** A bookmark: its title, its page (0-based) and the bookmarks under it. */
export interface OutlineEntry {
  title: string;
  /** 0-based page index. */
  page: number;
  children?: OutlineEntry[];
}

export function deckOutline(model: DeckModel): OutlineEntry[] {
  const entries: OutlineEntry[] = [];
  let group: OutlineEntry | undefined;
  model.slides.forEach((slide, page) => {
    // A continuation slide ("2/3"; the risk register continues the matrix slide's parts) goes under its group.
    if (group && slide.part && !slide.part.startsWith('1/')) {
      group.children?.push({ title: `${slide.heading} (${slide.part})`, page });
      return;
    }
    group = {
      title: slide.kind === 'title' ? model.title : slide.heading,
      page,
      children: [],
    };
    entries.push(group);
  });
  return entries;
}
