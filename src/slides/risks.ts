/**
 * The risks: the risk matrix, shown once, with as much of its key as fits
 * beside it (16:9) or under it (4:3); the key continues as a risk register,
 * a table of a row per risk, over as many slides as it needs. Then a card
 * per risk. When every card fits in the key's place, the cards stand beside
 * the matrix instead of the key and there is no slide of cards.
 */
import type { RiskItem } from '../content/index.js';
import type { Weight } from '../format/textMetrics.js';
import type { SlideBuilder, SlideContext } from './_group.js';
import { withMark } from './_marks.js';
import {
  arrangeColumns,
  type Columns,
  fittingRun,
  paginateEvenly,
  stackHeight,
  textHeight,
} from './paginate.js';
import { cardMeasure, riskCardSlides, riskNotes, setCards } from './riskCards.js';
import type { RiskKeyEntry, RiskMatrixSlide, RiskRegisterSlide } from './types.js';
import { describeRiskMatrix, type MatrixRisk, renderRiskMatrix } from './visuals/riskMatrix.js';

const HEADING = 'Risk assessment';

export function riskSlides(build: SlideBuilder, risks: RiskItem[], context: SlideContext): void {
  if (risks.length === 0) return;
  const beside = cardsBesideMatrix(risks, context);
  if (beside) {
    matrixSlide(build, risks, { key: [], cards: beside.columns, parts: 1, notes: riskNotes(risks) });
    return;
  }
  const inKey = fittingKey(risks, context);
  const register = registerPages(risks.slice(inKey), context);
  matrixSlide(build, risks, { key: risks.slice(0, inKey), cards: [], parts: 1 + register.length, notes: [] });
  build.add<RiskRegisterSlide>(
    null,
    register.map((rows) => ({
      rows: rows.map((risk) => ({
        number: risk.number,
        title: risk.title,
        likelihood: risk.likelihood,
        impact: risk.impact,
        confidence: risk.confidence ?? '',
        severity: risk.severity,
        severityLabel: `severity ${risk.severity} of 5`,
        yamlPath: risk.yamlPath,
        ...(risk.change ? { change: risk.change } : {}),
      })),
    })),
    {
      kind: 'risk-register',
      heading: HEADING,
      yamlPath: (index) => register[index]?.[0]?.yamlPath ?? 'risks',
      parts: { first: 2, total: 1 + register.length },
    },
  );
  riskCardSlides(build, risks, context);
}

/** The matrix slide: the matrix, and beside or under it the first part of the key, or every card. */
function matrixSlide(
  build: SlideBuilder,
  risks: RiskItem[],
  shown: { key: RiskItem[]; cards: RiskItem[][]; parts: number; notes: string[] },
): void {
  const matrixRisks = risks.map(matrixRisk);
  build.add<RiskMatrixSlide>(
    'risks',
    [
      {
        svgHtml: renderRiskMatrix(matrixRisks, { idPrefix: 'bd-rm-' }),
        description: describeRiskMatrix(matrixRisks),
        plotted: risks.map(keyEntry),
        key: shown.key.map(keyEntry),
        cards: setCards(shown.cards),
      },
    ],
    {
      kind: 'risk-matrix',
      heading: HEADING,
      yamlPath: () => shown.key[0]?.yamlPath ?? 'risks[0]',
      itemNotes: () => shown.notes,
      parts: { first: 1, total: shown.parts },
    },
  );
}

/** A risk as the matrix plots it, with where it was when it moved (`--since`): the slide's and the handout's. */
export const matrixRisk = ({ number, title, likelihood, impact, change }: RiskItem): MatrixRisk => ({
  number,
  title,
  likelihood,
  impact,
  ...(change?.movedFrom ? { from: change.movedFrom } : {}),
});

const keyEntry = ({ number, title, likelihood, impact, severity, change }: RiskItem): RiskKeyEntry => ({
  number,
  title,
  likelihood,
  impact,
  severity,
  ...(change ? { change } : {}),
});

/** The key's place on the matrix slide: beside the matrix on a wide slide, else under it. */
function keyArea({ layout, page }: SlideContext): { width: number; height: number } {
  const o = layout.riskOverview;
  return page.wide
    ? { width: page.width - o.columnGap - (page.width * o.matrixShare) / 100, height: page.height }
    : { width: page.width, height: o.keyMaxHeight };
}

/** The cards set in the key's place, if every one fits there. */
function cardsBesideMatrix(risks: RiskItem[], context: SlideContext): Columns<RiskItem> | undefined {
  const area = keyArea(context);
  const { maxColumns, height } = cardMeasure(area.width, context.layout);
  const set = arrangeColumns(risks, maxColumns, height, context.layout.risks.gap);
  return set.height <= area.height ? set : undefined;
}

/** How many risks, from the first, the key on the matrix slide has room for. */
function fittingKey(risks: RiskItem[], context: SlideContext): number {
  const { layout } = context;
  const k = layout.riskKey;
  const area = keyArea(context);
  const columnWidth = (area.width - (k.columns - 1) * k.columnGap) / k.columns;
  const textWidthOfKey = columnWidth - k.markerColumn - k.markerGap;
  const entryHeight = (risk: RiskItem) =>
    textHeight(withMark(risk.title, risk.change, 'after'), textWidthOfKey, {
      size: k.titleSize,
      lineHeight: layout.text.headingLineHeight,
      weight: 600,
    }) +
    textHeight(`${risk.likelihood} · ${risk.impact} impact`, textWidthOfKey, {
      size: k.ratingSize,
      lineHeight: layout.text.lineHeight,
    });
  const rows: RiskItem[][] = [];
  for (let i = 0; i < risks.length; i += k.columns) rows.push(risks.slice(i, i + k.columns));
  const rowsHeight = (run: readonly RiskItem[][]) =>
    stackHeight(
      run.map((row) => Math.max(...row.map(entryHeight))),
      k.gap,
    );
  return fittingRun(rows, rowsHeight, area.height - k.padTop) * k.columns;
}

/** The risks after the key's first part, split over register slides, a table row per risk. */
function registerPages(risks: RiskItem[], { layout, page }: SlideContext): RiskItem[][] {
  if (risks.length === 0) return [];
  const g = layout.riskRegister;
  const cell = (width: number, text: string, weight: Weight = 400) =>
    textHeight(text, width - 2 * g.cellPadX, { size: g.size, lineHeight: g.lineHeight, weight });
  const riskColumn = page.width - g.numberColumn - g.likelihoodColumn - g.impactColumn - g.confidenceColumn;
  const rowHeight = (risk: RiskItem) =>
    2 * g.cellPadY +
    g.rowRule +
    Math.max(
      g.chipHeight,
      cell(riskColumn, withMark(risk.title, risk.change, 'after'), 600),
      cell(g.likelihoodColumn, risk.likelihood),
      cell(g.impactColumn, risk.impact),
      cell(g.confidenceColumn, risk.confidence ?? '—'),
    );
  const head = g.headSize * g.lineHeight + g.headPadBottom + g.headRule;
  return paginateEvenly(risks, rowHeight, page.height - head);
}
