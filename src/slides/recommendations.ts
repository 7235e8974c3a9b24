/** The recommendations: a table in the order the analyst wrote them (the order is part of the advice). */
import type { RecommendationItem } from '../content/index.js';
import { countLines } from '../format/textMetrics.js';
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
  const columns = ownerColumn(recommendations, (share) => cell(share), r);
  const actionStyle = { size: r.actionSize, lineHeight: r.actionLineHeight, weight: 600 } as const;
  const rationaleStyle = { size: r.rationaleSize, lineHeight: r.rationaleLineHeight };
  const plainStyle = { size: r.size, lineHeight: r.lineHeight };
  const rowHeight = (rec: RecommendationItem) =>
    r.cellPadTop +
    r.cellPadBottom +
    r.rowRule +
    Math.max(
      textHeight(withMark(rec.action, rec.change), cell(columns.action), actionStyle) +
        (rec.rationale
          ? r.rationaleGap + textHeight(rec.rationale, cell(columns.action), rationaleStyle)
          : 0),
      textHeight(rec.owner, cell(columns.owner), plainStyle),
      textHeight(rec.timeframe, cell(r.timeframeShare), plainStyle),
    );
  const rows = recommendations.map((rec) => ({ rec, height: rowHeight(rec) }));
  const header = r.headSize * layout.text.lineHeight + r.headPadBottom + r.headRule;
  const pages = paginate(rows, (row) => row.height, page.height - header);
  build.add<RecommendationsSlide>(
    'recommendations',
    pages.map((group) => ({
      recommendations: group.map((row) => row.rec),
      ...(columns.owner !== r.ownerShare ? { columns } : {}),
    })),
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

/** The most the owner's column grows to, in percent of the table, and the lines an owner may take before it does. */
const OWNER = { most: 30, lines: 3 };

/**
 * The owner's column share in percent: `least`, grown a point at a time up to 30% while an owner takes
 * more than three lines at that share (`lines`). The deck's, the PowerPoint's and the handout's table.
 */
export function ownerShare(least: number, lines: (share: number) => number): number {
  let owner = least;
  while (owner < OWNER.most && lines(owner) > OWNER.lines) owner += 1;
  return owner;
}

/**
 * The shares of the action's and the owner's columns: the owner's as the layout has it, grown a
 * point at a time (taken from the action's) until every owner takes at most three lines, up to 30%.
 * Long owners ("Permanent Secretary, Ministry of …, with …") otherwise make tall rows beside an
 * action column with room to spare, and spread the table over more slides (as the handout does).
 */
function ownerColumn(
  recommendations: readonly RecommendationItem[],
  cell: (share: number) => number,
  r: { size: number; ownerShare: number; actionShare: number },
): { action: number; owner: number } {
  const lines = (share: number) =>
    Math.max(
      0,
      ...recommendations.map((rec) => (rec.owner ? countLines(rec.owner, cell(share), r.size) : 0)),
    );
  const owner = ownerShare(r.ownerShare, lines);
  return { action: r.actionShare - (owner - r.ownerShare), owner };
}
