/**
 * Decisions required: what the audience is asked to decide, who decides and
 * by when, right after the bottom line. A deadline already past at `as_of`
 * says so.
 */
import { isolateRuns } from '../content/bidi.js';
import type { DecisionItem } from '../content/index.js';
import { escapeHtml } from '../content/markdown.js';
import type { SlideBuilder, SlideContext } from './_group.js';
import { withMark } from './_marks.js';
import { paginate, textHeight } from './paginate.js';
import type { DecisionLine, DecisionsSlide } from './types.js';

/** The line under a decision: who, by when, on which recommendations. */
export function decisionMeta(item: DecisionItem): string {
  return [
    item.by ? `To be decided by ${item.by}` : '',
    item.deadline ? `Deadline: ${item.deadline}${item.passed ? ' (passed)' : ''}` : '',
    item.recommendations.length > 0
      ? `On recommendation${item.recommendations.length > 1 ? 's' : ''} ${item.recommendations.join(', ')}`
      : '',
  ]
    .filter(Boolean)
    .join(' · ');
}

/**
 * The line under a decision as a page shows it: `meta`, and in a right-to-left briefing `metaHtml`,
 * set as a paragraph of Markdown is (content/bidi.ts). The line is English with a date in the
 * briefing's language ("Deadline: 16 مارس 2025"): left to right, the date's Arabic isolated in it.
 */
export function decisionLine(item: DecisionItem, dir: 'ltr' | 'rtl'): DecisionLine {
  const meta = decisionMeta(item);
  return dir === 'rtl' && meta ? { meta, metaHtml: isolateRuns(escapeHtml(meta)) } : { meta };
}

export function decisionSlides(
  build: SlideBuilder,
  items: DecisionItem[],
  { layout, page }: SlideContext,
  dir: 'ltr' | 'rtl',
): void {
  const b = layout.bluf;
  const width = page.width - b.numberColumn - b.columnGap;
  const metaSize = Math.round(b.size * 0.72);
  const height = (item: DecisionItem) =>
    Math.max(
      b.numberSize,
      textHeight(withMark(item.decision, item.change), width, {
        size: b.size,
        lineHeight: b.lineHeight,
        weight: 600,
      }) +
        6 +
        textHeight(decisionMeta(item), width, { size: metaSize, lineHeight: 1.35 }),
    );
  const pages = paginate(items, height, page.height, b.gap);
  build.add<DecisionsSlide>(
    'decisions',
    pages.map((group) => ({ decisions: group.map((item) => ({ ...item, ...decisionLine(item, dir) })) })),
    {
      kind: 'decisions',
      heading: 'Decisions required',
      yamlPath: (index) => pages[index]?.[0]?.yamlPath ?? 'decisions',
    },
  );
}
