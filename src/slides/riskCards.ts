/**
 * The risk cards: how tall a card is in a column of a given width, cards
 * set in columns, and the "Risks in detail" slides, continued over slides.
 */
import type { RiskItem } from '../content/index.js';
import { textWidth } from '../format/textMetrics.js';
import { itemNotes, type SlideBuilder, type SlideContext } from './_group.js';
import { movedHeight, withMark } from './_marks.js';
import type { Layout } from './layout.js';
import { type Columns, paginateColumns, stackHeight, textHeight } from './paginate.js';
import type { RiskCard, RisksSlide } from './types.js';

/** Rows the ratings take when they wrap in `width` (a flex row of label-over-value pairs). */
function ratingRows(card: RiskItem, width: number, r: Layout['risks']): number {
  const ratings: [string, string][] = [
    ['Likelihood', `${card.likelihood} (${card.likelihoodRange})`],
    ['Impact', card.impact],
    ...(card.confidence ? [['Confidence', card.confidence] as [string, string]] : []),
  ];
  let rows = 1;
  let used = 0;
  for (const [label, value] of ratings) {
    const w = Math.max(
      textWidth(label.toUpperCase(), r.ratingLabelSize, 700) +
        label.length * r.ratingLabelTracking * r.ratingLabelSize,
      textWidth(value, r.ratingSize, 600),
    );
    if (used > 0 && used + r.ratingsColumnGap + w > width) {
      rows += 1;
      used = 0;
    }
    used += (used > 0 ? r.ratingsColumnGap : 0) + w;
  }
  return rows;
}

/** Height in px of `risk`'s card in a column `width` px wide, borders included. */
export function riskCardHeight(risk: RiskItem, width: number, layout: Layout): number {
  const r = layout.risks;
  const lineHeight = layout.text.lineHeight;
  const inner = width - 2 * r.padX - 2 * r.border;
  const rows = ratingRows(risk, inner, r);
  const paragraphs = risk.detail ? risk.detail.split(/\n\s*\n/).filter((p) => p.trim()).length : 0;
  const indicators = risk.indicators.map(({ markdown }) =>
    textHeight(markdown, inner - r.indicatorIndent, {
      size: r.indicatorSize,
      lineHeight: r.indicatorLineHeight,
    }),
  );
  const title = textHeight(withMark(risk.title, risk.change, 'after'), inner - r.marker - r.markerGap, {
    size: r.titleSize,
    lineHeight: layout.text.headingLineHeight,
    weight: 600,
  });
  return (
    r.padTop +
    r.padBottom +
    r.severityBorder +
    r.border +
    Math.max(r.marker, title) +
    r.ratingsTop +
    rows * (r.ratingLabelSize + r.ratingSize) * lineHeight +
    (rows - 1) * r.ratingsRowGap +
    r.ratingsBottom +
    movedHeight(risk.change, inner, { size: r.detailSize, lineHeight: r.detailLineHeight }) +
    textHeight(risk.detail, inner, { size: r.detailSize, lineHeight: r.detailLineHeight }) +
    Math.max(0, paragraphs - 1) * r.detailParagraphGap +
    (indicators.length > 0
      ? r.indicatorsHeadingTop +
        r.indicatorsHeadingSize * lineHeight +
        r.indicatorsHeadingBottom +
        stackHeight(indicators, r.indicatorGap)
      : 0)
  );
}

/** How many columns of risk cards fit in `width` px, and how tall a card is in one of `columns` of them. */
export function cardMeasure(width: number, layout: Layout) {
  const r = layout.risks;
  return {
    maxColumns: Math.max(1, Math.floor((width + r.columnGap) / (r.minColumn + r.columnGap))),
    height: (risk: RiskItem, columns: number) =>
      riskCardHeight(risk, (width - (columns - 1) * r.columnGap) / columns, layout),
  };
}

/** The cards as their slide sets them: a card in a slide's only column spans its width. */
export function setCards(columns: RiskItem[][]): RiskCard[][] {
  return columns.map((column) => column.map((card): RiskCard => ({ ...card, wide: columns.length === 1 })));
}

/** Notes of the risks whose cards a slide shows, each headed by the risk's number and title. */
export function riskNotes(cards: readonly RiskItem[]): string[] {
  return itemNotes(
    cards.map((card) => ({ label: `${card.number}. ${card.title}`, notesHtml: card.notesHtml })),
  );
}

/** A card per risk, in as many columns as the width allows, continued over slides. */
export function riskCardSlides(build: SlideBuilder, cards: RiskItem[], { layout, page }: SlideContext): void {
  const { maxColumns, height } = cardMeasure(page.width, layout);
  const pages: Columns<RiskItem>[] = paginateColumns(
    cards,
    maxColumns,
    height,
    page.height,
    layout.risks.gap,
  );
  build.add<RisksSlide>(
    null,
    pages.map(({ columns }) => {
      const set = setCards(columns);
      return { risks: set.flat(), columns: set };
    }),
    {
      kind: 'risks',
      heading: 'Risks in detail',
      yamlPath: (index) => pages[index]?.columns[0]?.[0]?.yamlPath ?? 'risks',
      itemNotes: (index) => riskNotes(pages[index]?.columns.flat() ?? []),
    },
  );
}
