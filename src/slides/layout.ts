/**
 * The layout numbers: every size, gap, line height and column share that
 * both the capacity model (src/slides/paginate.ts and the slide builders) and the stylesheet
 * (themes/briefdeck.css) depend on, in one table, with the few choices the
 * model alone makes (how narrow a column of cards may be). The page gets
 * them as `--bd-*` custom properties on its `<body>` (`layoutStyle`, written
 * by templates/layout.hbs), so the model and the browser cannot disagree:
 * change a number here and both follow. The stylesheet keeps only what the
 * model never measures (colours, radii, rules, the banner's and footer's
 * type).
 *
 * Every entry becomes `--bd-<group>-<key>` in kebab case (`bluf.lineHeight`
 * is `--bd-bluf-line-height`). Units go by the key's ending: `…LineHeight`,
 * `…Zoom` and `…Columns` are plain numbers, `…Share` is a percentage of the
 * width, `…Tracking` is letter-spacing in em, everything else is CSS pixels. An entry that differs by aspect
 * gives both (`{ '16:9': 64, '4:3': 52 }`); `layoutFor` picks one.
 */
import type { Aspect } from '../format/briefing.js';

type PerAspect = { readonly [A in Aspect]: number };
type Entry = number | PerAspect;
type Table = { readonly [group: string]: { readonly [key: string]: Entry } };

export const LAYOUT = {
  slide: {
    width: { '16:9': 1280, '4:3': 1024 },
    height: { '16:9': 720, '4:3': 768 },
    /** Left and right margin of the heading, body and footer. */
    padX: { '16:9': 64, '4:3': 52 },
    bannerHeight: 26,
    headTop: 20,
    headingSize: 34,
    headingLineHeight: 1.15,
    /** Between the heading's text and its rule. */
    headingGap: 10,
    headingRule: 2,
    bodyTop: 16,
    bodyBottom: 12,
    footHeight: 34,
    /**
     * A dense slide sets its content this much smaller, to save a slide (see `layOutGroup`). 1: off,
     * since any less would set labels under the 16px and running text under the 20px the slides keep
     * to at their design size (issue 17; tests/sizes.test.ts measures them).
     */
    denseZoom: 1,
  },
  text: {
    size: 22,
    lineHeight: 1.36,
    /** Headings inside the body (card titles, the key facts' heading). */
    headingLineHeight: 1.25,
  },
  bluf: {
    size: 26,
    lineHeight: 1.32,
    numberSize: 40,
    numberColumn: 46,
    columnGap: 18,
    gap: 18,
  },
  situation: {
    summarySize: 22,
    summaryLineHeight: 1.38,
    paragraphGap: 14,
    /** Between the summary and the key facts, stacked. */
    gap: 16,
    /** The summary's share of the width when summary and key facts stand side by side. */
    summaryShare: 57,
    columnGap: 40,
    pointsRule: 4,
    pointsPadTop: 12,
    pointsPadX: 22,
    pointsPadBottom: 14,
    pointsHeadingSize: 16,
    pointsHeadingGap: 6,
    pointSize: 20,
    pointLineHeight: 1.32,
    pointIndent: 20,
    pointGap: 9,
  },
  timeline: {
    dateColumn: 204,
    dotColumn: 36,
    dateSize: 20,
    dateLineHeight: 1.4,
    eventSize: 21,
    eventLineHeight: 1.36,
    placeSize: 16,
    placeLineHeight: 1.25,
    gap: 10,
  },
  actors: {
    /** The narrowest a column of actor cards may be; as many columns as fit. */
    minColumn: 360,
    columnGap: 22,
    gap: 10,
    padTop: 8,
    padX: 16,
    padBottom: 10,
    border: 1,
    stanceBorder: 6,
    nameSize: 21,
    /** Between the name and the stance label. */
    nameGap: 14,
    stanceSize: 16,
    /** Letter-spacing of the stance label, in em. */
    stanceTracking: 0.08,
    stanceMark: 11,
    stanceMarkGap: 6,
    kindSize: 16,
    kindGap: 1,
    roleSize: 20,
    roleLineHeight: 1.3,
    roleGap: 5,
  },
  actorMap: {
    /** The line under the map naming the actors left off it. */
    omittedSize: 16,
    omittedLineHeight: 1.3,
    omittedGap: 6,
  },
  riskOverview: {
    /** The matrix's share of the width on wide slides, the key beside it; on 4:3 the key goes under it. */
    matrixShare: 54,
    columnGap: 36,
    /** On 4:3: between the matrix and the key under it, and the most the key may take. */
    rowGap: 10,
    keyMaxHeight: 210,
  },
  riskKey: {
    columns: { '16:9': 1, '4:3': 2 },
    gap: { '16:9': 12, '4:3': 6 },
    columnGap: 18,
    padTop: { '16:9': 6, '4:3': 0 },
    markerColumn: 36,
    markerGap: 12,
    titleSize: { '16:9': 19, '4:3': 17 },
    ratingSize: 16,
  },
  riskRegister: {
    /** The table that continues the key after the matrix slide: a row per risk. */
    size: 17,
    lineHeight: 1.3,
    headSize: 16,
    headPadBottom: 6,
    headRule: 2,
    cellPadY: 4,
    cellPadX: 10,
    rowRule: 1,
    /** The number, on a chip of the risk's severity colour. */
    numberColumn: { '16:9': 64, '4:3': 56 },
    chipWidth: 36,
    chipHeight: 22,
    chipSize: 16,
    likelihoodColumn: { '16:9': 210, '4:3': 172 },
    impactColumn: { '16:9': 126, '4:3': 106 },
    confidenceColumn: { '16:9': 136, '4:3': 118 },
  },
  risks: {
    /** The narrowest a column of risk cards may be; as many columns as fit (three on 4:3). */
    minColumn: { '16:9': 340, '4:3': 280 },
    columnGap: { '16:9': 22, '4:3': 16 },
    gap: { '16:9': 22, '4:3': 16 },
    padTop: { '16:9': 12, '4:3': 10 },
    padX: { '16:9': 18, '4:3': 14 },
    padBottom: { '16:9': 14, '4:3': 12 },
    border: 1,
    severityBorder: 6,
    titleSize: { '16:9': 22, '4:3': 19 },
    marker: { '16:9': 30, '4:3': 26 },
    markerGap: { '16:9': 12, '4:3': 10 },
    ratingsTop: { '16:9': 10, '4:3': 8 },
    ratingsBottom: 8,
    ratingsRowGap: { '16:9': 6, '4:3': 4 },
    ratingsColumnGap: { '16:9': 26, '4:3': 18 },
    ratingLabelSize: 16,
    /** Letter-spacing of the rating labels, in em. */
    ratingLabelTracking: 0.04,
    ratingSize: { '16:9': 18, '4:3': 16 },
    detailSize: 20,
    detailLineHeight: 1.3,
    detailParagraphGap: 6,
    indicatorsHeadingSize: 16,
    indicatorsHeadingTop: { '16:9': 12, '4:3': 10 },
    indicatorsHeadingBottom: 4,
    indicatorSize: { '16:9': 16.5, '4:3': 16 },
    indicatorLineHeight: { '16:9': 1.32, '4:3': 1.28 },
    indicatorIndent: { '16:9': 18, '4:3': 16 },
    indicatorGap: 3,
  },
  recommendations: {
    size: 19,
    lineHeight: 1.3,
    headSize: 16,
    headPadBottom: 6,
    headRule: 2,
    cellPadTop: 11,
    cellPadBottom: 12,
    cellPadX: 12,
    rowRule: 1,
    numberShare: 4,
    actionShare: 53,
    priorityShare: 11,
    ownerShare: 19,
    timeframeShare: 13,
    actionSize: 20.5,
    actionLineHeight: 1.3,
    rationaleSize: 16.5,
    rationaleLineHeight: 1.34,
    rationaleGap: 4,
  },
  combined: {
    /** Between the sections of a slide that shows two short groups. */
    gap: 30,
    headingSize: 16,
    headingGap: 8,
  },
  sources: {
    numberColumn: 52,
    columnGap: 8,
    size: 20,
    urlSize: 16,
    gap: 14,
  },
} as const satisfies Table;

/** A table shaped like LAYOUT, with any of its numbers changed. */
export type LayoutTable = {
  readonly [G in keyof typeof LAYOUT]: {
    readonly [K in keyof (typeof LAYOUT)[G]]: (typeof LAYOUT)[G][K] extends number ? number : PerAspect;
  };
};

/** The numbers for one aspect. */
export type Layout = {
  readonly [G in keyof typeof LAYOUT]: { readonly [K in keyof (typeof LAYOUT)[G]]: number };
};

/** The table's numbers for `aspect`. */
export function layoutFor(aspect: Aspect, table: LayoutTable = LAYOUT): Layout {
  const groups = Object.entries(table).map(([group, entries]) => [
    group,
    Object.fromEntries(
      Object.entries(entries as Record<string, Entry>).map(([key, entry]) => [
        key,
        typeof entry === 'number' ? entry : entry[aspect],
      ]),
    ),
  ]);
  return Object.fromEntries(groups) as Layout;
}

const kebab = (name: string) => name.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`);

/** A number with the unit its (kebab-case) key calls for. */
function cssValue(key: string, value: number): string {
  const n = String(Math.round(value * 1000) / 1000);
  if (/(line-height|zoom|columns)$/.test(key)) return n;
  if (key.endsWith('share')) return `${n}%`;
  if (key.endsWith('tracking')) return `${n}em`;
  return `${n}px`;
}

/** The layout as CSS declarations, `--bd-slide-width: 1280px; …`, for the page's `<body style>`. */
export function layoutStyle(layout: Layout): string {
  return Object.entries(layout)
    .flatMap(([group, entries]) =>
      Object.entries(entries as Record<string, number>).map(
        ([key, value]) => `--bd-${kebab(group)}-${kebab(key)}: ${cssValue(kebab(key), value)}`,
      ),
    )
    .join('; ');
}
