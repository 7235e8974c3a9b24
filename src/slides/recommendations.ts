/** The recommendations: a table in the order the analyst wrote them (the order is part of the advice). */
import type { RecommendationItem } from '../content/index.js';
import { itemNotes, type SlideBuilder, type SlideContext } from './_group.js';
import { withMark } from './_marks.js';
import { paginate, textHeight } from './paginate.js';
import type { RecommendationsSlide } from './types.js';

export function recommendationSlides(
  build: SlideBuilder,
  recommendations: RecommendationItem[],
  { layout, page }: SlideContext,
): void {
  const r = layout.recommendations;
  const cell = (share: number) => (page.width * share) / 100 - 2 * r.cellPadX;
  const actionStyle = { size: r.actionSize, lineHeight: r.actionLineHeight, weight: 600 } as const;
  const rationaleStyle = { size: r.rationaleSize, lineHeight: r.rationaleLineHeight };
  const plainStyle = { size: r.size, lineHeight: r.lineHeight };
  const rowHeight = (rec: RecommendationItem) =>
    r.cellPadTop +
    r.cellPadBottom +
    r.rowRule +
    Math.max(
      textHeight(withMark(rec.action, rec.change), cell(r.actionShare), actionStyle) +
        (rec.rationale ? r.rationaleGap + textHeight(rec.rationale, cell(r.actionShare), rationaleStyle) : 0),
      textHeight(rec.owner, cell(r.ownerShare), plainStyle),
      textHeight(rec.timeframe, cell(r.timeframeShare), plainStyle),
    );
  const rows = recommendations.map((rec) => ({ rec, height: rowHeight(rec) }));
  const header = r.headSize * layout.text.lineHeight + r.headPadBottom + r.headRule;
  const pages = paginate(rows, (row) => row.height, page.height - header);
  build.add<RecommendationsSlide>(
    'recommendations',
    pages.map((group) => ({ recommendations: group.map((row) => row.rec) })),
    {
      kind: 'recommendations',
      heading: 'Recommendations',
      yamlPath: (index) => pages[index]?.[0]?.rec.yamlPath ?? 'recommendations',
      itemNotes: (index) =>
        itemNotes(
          (pages[index] ?? []).map(({ rec }) => ({
            label: `Recommendation ${rec.number}`,
            notesHtml: rec.notesHtml,
          })),
        ),
    },
  );
}
