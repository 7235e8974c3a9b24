/** The bottom line up front: the key judgments, numbered. */

import type { SlideBuilder, SlideContext } from './_group.js';
import { paginate, textHeight } from './paginate.js';
import type { BlufSlide } from './types.js';

export function blufSlides(build: SlideBuilder, bluf: string[], { md, layout, page }: SlideContext): void {
  const b = layout.bluf;
  const items = bluf.map((text, index) => ({ number: index + 1, html: md.inline(text), text }));
  const width = page.width - b.numberColumn - b.columnGap;
  const height = (item: (typeof items)[number]) =>
    Math.max(b.numberSize, textHeight(item.text, width, { size: b.size, lineHeight: b.lineHeight }));
  const pages = paginate(items, height, page.height, b.gap);
  build.add<BlufSlide>(
    'bluf',
    pages.map((group) => ({ items: group.map(({ number, html }) => ({ number, html })) })),
    { kind: 'bluf', heading: 'Bottom line up front', yamlPath: () => 'bluf' },
  );
}
