/**
 * Decisions required: what the audience is asked to decide, who decides and
 * by when, right after the bottom line. A deadline already past at `as_of`
 * says so.
 */
import type { DecisionItem } from '../content/index.js';
import { escapeHtml } from '../content/markdown.js';
import type { SlideBuilder, SlideContext } from './_group.js';
import { withMark } from './_marks.js';
import { paginate, textHeight } from './paginate.js';
import type { DecisionLine, DecisionsSlide } from './types.js';

/** The parts of the line under a decision: an English label, and the briefing's value it introduces. */
function metaParts(item: DecisionItem): { label: string; value?: string; after?: string }[] {
  const count = item.recommendations.length;
  return [
    ...(item.by ? [{ label: 'To be decided by', value: item.by }] : []),
    ...(item.deadline
      ? [{ label: 'Deadline:', value: item.deadline, ...(item.passed ? { after: ' (passed)' } : {}) }]
      : []),
    ...(count > 0
      ? [{ label: `On recommendation${count > 1 ? 's' : ''} ${item.recommendations.join(', ')}` }]
      : []),
  ];
}

/**
 * The line under a decision: who, by when, on which recommendations. As plain text in a right-to-left
 * briefing (the mail), isolated as `metaHtml` is, with Unicode's isolates.
 */
export function decisionMeta(item: DecisionItem, dir: 'ltr' | 'rtl' = 'ltr'): string {
  const value = (text: string) => (dir === 'rtl' ? `\u2068${text}\u2069` : text);
  const line = metaParts(item)
    .map((part) => `${part.value ? `${part.label} ${value(part.value)}` : part.label}${part.after ?? ''}`)
    .join(' · ');
  return dir === 'rtl' && line ? `\u2066${line}\u2069` : line;
}

/**
 * The line under a decision as a page shows it: `meta`, and in a right-to-left briefing `metaHtml`.
 * The line is English ("Deadline:", "To be decided by"): left to right, in the page's right-to-left
 * alignment, each value from the briefing (a name, a date) isolated in it, so that it reads in its own
 * direction: "۱۶ می ۲۰۲۵" and "16 مارس 2025" keep their day, month and year in their order read from
 * the right, as they do in a paragraph of their language (a trial: the year came first).
 */
export function decisionLine(item: DecisionItem, dir: 'ltr' | 'rtl'): DecisionLine {
  const meta = decisionMeta(item);
  if (dir !== 'rtl' || !meta) return { meta };
  const parts = metaParts(item).map(
    ({ label, value, after = '' }) =>
      `${escapeHtml(label)}${value ? ` <bdi>${escapeHtml(value)}</bdi>` : ''}${escapeHtml(after)}`,
  );
  return { meta, metaHtml: `<bdi dir="ltr">${parts.join(' · ')}</bdi>` };
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
