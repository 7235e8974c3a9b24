/**
 * The risks: the risk matrix with its key (the key continued over slides,
 * each with the matrix), then a card per risk, in as many columns as the
 * width allows, continued over slides.
 */
import type { RiskItem } from '../content/index.js';
import { itemNotes, type SlideBuilder, type SlideContext } from './_group.js';
import { paginateColumns, paginateGrid, stackHeight, textHeight } from './paginate.js';
import { textWidth } from './textMetrics.js';
import type { RiskCard, RiskMatrixSlide, RisksSlide } from './types.js';
import { describeRiskMatrix, renderRiskMatrix } from './visuals/riskMatrix.js';

export function riskSlides(build: SlideBuilder, risks: RiskItem[], context: SlideContext): void {
  riskMatrixSlides(build, risks, context);
  riskCardSlides(build, risks, context);
}

function riskMatrixSlides(build: SlideBuilder, cards: RiskItem[], { layout, page }: SlideContext): void {
  const k = layout.riskKey;
  const o = layout.riskOverview;
  const matrixRisks = cards.map(({ number, title, likelihood, impact }) => ({
    number,
    title,
    likelihood,
    impact,
  }));
  const description = describeRiskMatrix(matrixRisks);
  // On a wide slide the key stands beside the matrix; else it goes under it, in columns.
  const keyWidth = page.wide ? page.width - o.columnGap - (page.width * o.matrixShare) / 100 : page.width;
  const columnWidth = (keyWidth - (k.columns - 1) * k.columnGap) / k.columns;
  const textWidthOfKey = columnWidth - k.markerColumn - k.markerGap;
  const keyHeight = (card: RiskItem) =>
    textHeight(card.title, textWidthOfKey, {
      size: k.titleSize,
      lineHeight: layout.text.headingLineHeight,
      weight: 600,
    }) +
    textHeight(`${card.likelihood} · ${card.impact} impact`, textWidthOfKey, {
      size: k.ratingSize,
      lineHeight: layout.text.lineHeight,
    });
  const capacity = page.wide ? page.height - k.padTop : o.keyMaxHeight;
  const keyPages = paginateGrid(cards, keyHeight, capacity, k.columns, k.gap);
  build.add<RiskMatrixSlide>(
    'risks',
    keyPages.map((group, index) => ({
      // Each slide gets its own copy, with ids of its own (the title and description the SVG points to).
      svgHtml: renderRiskMatrix(matrixRisks, { idPrefix: index === 0 ? 'bd-rm-' : `bd-rm${index + 1}-` }),
      description,
      key: group.map((card) => ({
        number: card.number,
        title: card.title,
        likelihood: card.likelihood,
        impact: card.impact,
        severity: card.severity,
      })),
    })),
    {
      kind: 'risk-matrix',
      heading: 'Risk assessment',
      yamlPath: (index) => keyPages[index]?.[0]?.yamlPath ?? 'risks[0]',
    },
  );
}

function riskCardSlides(build: SlideBuilder, cards: RiskItem[], { layout, page }: SlideContext): void {
  const r = layout.risks;
  const lineHeight = layout.text.lineHeight;
  /** Rows the ratings take when they wrap in `width` (a flex row of label-over-value pairs). */
  const ratingRows = (card: RiskItem, width: number) => {
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
  };
  const height = (risk: RiskItem, columns: number) => {
    const inner = (page.width - (columns - 1) * r.columnGap) / columns - 2 * r.padX - 2 * r.border;
    const card = risk;
    const rows = ratingRows(card, inner);
    const paragraphs = risk.detail ? risk.detail.split(/\n\s*\n/).filter((p) => p.trim()).length : 0;
    const indicators = risk.indicators.map(({ markdown }) =>
      textHeight(markdown, inner - r.indicatorIndent, {
        size: r.indicatorSize,
        lineHeight: r.indicatorLineHeight,
      }),
    );
    return (
      r.padTop +
      r.padBottom +
      r.severityBorder +
      r.border +
      Math.max(
        r.marker,
        textHeight(risk.title, inner - r.marker - r.markerGap, {
          size: r.titleSize,
          lineHeight: layout.text.headingLineHeight,
          weight: 600,
        }),
      ) +
      r.ratingsTop +
      rows * (r.ratingLabelSize + r.ratingSize) * lineHeight +
      (rows - 1) * r.ratingsRowGap +
      r.ratingsBottom +
      textHeight(risk.detail, inner, { size: r.detailSize, lineHeight: r.detailLineHeight }) +
      Math.max(0, paragraphs - 1) * r.detailParagraphGap +
      (indicators.length > 0
        ? r.indicatorsHeadingTop +
          r.indicatorsHeadingSize * lineHeight +
          r.indicatorsHeadingBottom +
          stackHeight(indicators, r.indicatorGap)
        : 0)
    );
  };
  const maxColumns = Math.max(1, Math.floor((page.width + r.columnGap) / (r.minColumn + r.columnGap)));
  const pages = paginateColumns(cards, maxColumns, height, page.height, r.gap);
  build.add<RisksSlide>(
    null,
    pages.map(({ columns }) => {
      const set = columns.map((column) =>
        column.map((card): RiskCard => ({ ...card, wide: columns.length === 1 })),
      );
      return { risks: set.flat(), columns: set };
    }),
    {
      kind: 'risks',
      heading: 'Risks in detail',
      yamlPath: (index) => pages[index]?.columns[0]?.[0]?.yamlPath ?? 'risks',
      itemNotes: (index) =>
        itemNotes(
          (pages[index]?.columns.flat() ?? []).map((card) => ({
            label: `${card.number}. ${card.title}`,
            notesHtml: card.notesHtml,
          })),
        ),
    },
  );
}
