/** The sources, numbered in the order listed; citations `[@id]` link here. */
import type { SourceItem } from '../content/index.js';
import type { SlideBuilder, SlideContext } from './_group.js';
import { paginate, textHeight } from './paginate.js';
import type { SourcesSlide } from './types.js';

export function sourceSlides(build: SlideBuilder, items: SourceItem[], { layout, page }: SlideContext): void {
  const s = layout.sources;
  const lineHeight = layout.text.lineHeight;
  const width = page.width - s.numberColumn - s.columnGap;
  // A URL breaks anywhere; counted as breaking after its punctuation, which is close enough.
  const height = (item: SourceItem) =>
    textHeight(`${item.title}. ${item.details}.`, width, { size: s.size, lineHeight }) +
    textHeight(item.url?.replace(/([/.?&=-])/g, '$1 '), width, { size: s.urlSize, lineHeight });
  const pages = paginate(items, height, page.height, s.gap);
  build.add<SourcesSlide>(
    'sources',
    pages.map((group) => ({ sources: group })),
    { kind: 'sources', heading: 'Sources', yamlPath: (index) => pages[index]?.[0]?.yamlPath ?? 'sources' },
  );
}
