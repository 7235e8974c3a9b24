/** The bottom line up front: the key judgments, numbered. */

import type { BlufItem } from '../content/index.js';
import type { SlideBuilder, SlideContext } from './_group.js';
import { withMark } from './_marks.js';
import { paginate, textHeight } from './paginate.js';
import type { BlufSlide } from './types.js';

export function blufSlides(build: SlideBuilder, items: BlufItem[], { layout, page }: SlideContext): void {
  const b = layout.bluf;
  const width = page.width - b.numberColumn - b.columnGap;
  const height = (item: BlufItem) =>
    Math.max(
      b.numberSize,
      textHeight(withMark(item.markdown, item.change), width, { size: b.size, lineHeight: b.lineHeight }),
    );
  const pages = paginate(items, height, page.height, b.gap);
  build.add<BlufSlide>(
    'bluf',
    pages.map((group) => ({
      items: group.map(({ number, html, change }) => ({ number, html, ...(change ? { change } : {}) })),
    })),
    { kind: 'bluf', heading: 'Bottom line up front', yamlPath: () => 'bluf' },
  );
}
