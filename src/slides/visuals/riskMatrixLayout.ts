/**
 * Where everything on the risk matrix goes, computed once: its cells, the
 * axis labels, each risk's numbered marker and, in a cell with more risks
 * than fit at a readable size, a "+N" badge for the rest. The deck's SVG
 * (riskMatrix.ts) and the PowerPoint deck (outputs/pptx/_riskMatrix.ts)
 * both draw this layout. All in viewBox units.
 */
import { likelihoodRange, type Severity, severityOf } from '../../content/ratings.js';
import { IMPACTS, type Impact, LIKELIHOODS, type Likelihood } from '../../format/briefing.js';
import { textWidth } from '../../format/textMetrics.js';
import { capitalize } from './_svg.js';

export interface MatrixRisk {
  number: number;
  title: string;
  likelihood: Likelihood;
  impact: Impact;
  /** Its cell in the previous version, when it moved (`--since`): drawn by _matrixChanges.ts. */
  from?: { likelihood: Likelihood; impact: Impact };
}

/*
 * Every text on the matrix (terms, ranges, axis titles, numbers) is LABEL_SIZE units. The deck shows the
 * matrix 622 px wide on a 16:9 slide (54 % of its body, width-bound) and as little as 383 px high on a
 * 4:3 one (its key under it, height-bound): a matrix wider than tall, about 0.92 px per unit either way,
 * which makes LABEL_SIZE 16 px or more there, the least that anything read on a slide may have
 * (tests/sizes.test.ts and tests/crowded.test.ts measure it).
 */
const LABEL_SIZE = 17.5;
const TERM_SIZE = LABEL_SIZE;
const RANGE_SIZE = LABEL_SIZE;
const IMPACT_SIZE = LABEL_SIZE;
const AXIS_SIZE = LABEL_SIZE;
const LABEL_GAP = 12;
const MARGIN = 8;
/** Under the grid: the impact terms' line, then the axis title's. */
const IMPACT_BASELINE = 22;
const AXIS_BASELINE: Record<MatrixVariant, number> = { slide: 48, print: 45 };

/**
 * `slide`: a likelihood's range under its term, in cells tall enough for two rows of markers. `print`
 * (the handout's first page): the range beside the term, cells a marker tall and a little narrower
 * (room for three markers and the impact terms), a matrix two thirds as high, whose type still prints
 * at 8 pt at the width the handout gives it.
 */
export type MatrixVariant = 'slide' | 'print';

/** Room for the longest of `texts` (at `weight`, plus 10 % for a wider fallback font). */
const widest = (texts: readonly string[], weight: 400 | 600) =>
  Math.max(...texts.map((text) => textWidth(text, LABEL_SIZE, weight) * 1.1));
const TERMS_W = widest(
  LIKELIHOODS.map(({ term }) => capitalize(term)),
  600,
);
const RANGES_W = widest(LIKELIHOODS.map(likelihoodRange), 400);
/** Between a term and its range beside it. */
const RANGE_GAP = 10;

interface Geometry {
  variant: MatrixVariant;
  cellW: number;
  cellH: number;
  /** Where the grid begins: the likelihood labels take the room to its left. */
  left: number;
  /** Above the grid: room for the likelihood axis's title, or a margin when it goes in the corner under the terms. */
  top: number;
}

const GEOMETRY: Record<MatrixVariant, Geometry> = {
  slide: { variant: 'slide', cellW: 95, cellH: 48, left: Math.ceil(MARGIN + TERMS_W + LABEL_GAP), top: 26 },
  print: {
    variant: 'print',
    cellW: 80,
    cellH: 28,
    left: Math.ceil(MARGIN + TERMS_W + RANGE_GAP + RANGES_W + LABEL_GAP),
    top: 6,
  },
};

/** The viewBox size of a risk matrix. */
export function riskMatrixSize(variant: MatrixVariant = 'slide'): { width: number; height: number } {
  const g = GEOMETRY[variant];
  return {
    width: g.left + g.cellW * IMPACTS.length + MARGIN,
    height: g.top + g.cellH * LIKELIHOODS.length + AXIS_BASELINE[variant] + 4,
  };
}

/** The size of a marker's number and of a badge's "+N": the same as the labels'. */
export const NUMBER_SIZE = LABEL_SIZE;
/* Markers in a cell: the room around and between them, the largest disc. */
const PAD = 2;
const GAP = 1.5;
const R_MAX = 15;
/** A marker's radius in a cell that is not crowded. */
export const MARKER_RADIUS = R_MAX;
/** The smallest disc, as a share of the number size (a wider number takes a wider disc). */
const R_MIN_SHARE = 0.6;
const BADGE_PAD_X = 5;

export interface MatrixCell {
  likelihood: Likelihood;
  impact: Impact;
  severity: Severity;
  x: number;
  y: number;
  w: number;
  h: number;
}

export interface MatrixLabel {
  /** `term` (the likelihood and impact terms), `range` (a likelihood's percentages), `axis` (an axis title). */
  kind: 'term' | 'range' | 'axis';
  text: string;
  /** The anchor point: `x` at the `anchor` end of the text, `y` its baseline. */
  x: number;
  y: number;
  anchor: 'start' | 'middle' | 'end';
  size: number;
}

export interface MatrixMarker {
  risk: MatrixRisk;
  x: number;
  y: number;
  r: number;
}

/** The risks of a cell that did not fit it, as a "+N" pill centred on (x, y). */
export interface MatrixBadge {
  likelihood: Likelihood;
  impact: Impact;
  risks: MatrixRisk[];
  text: string;
  x: number;
  y: number;
  w: number;
  h: number;
}

export interface RiskMatrixLayout {
  width: number;
  height: number;
  cells: MatrixCell[];
  labels: MatrixLabel[];
  markers: MatrixMarker[];
  badges: MatrixBadge[];
}

const rowTop = (g: Geometry, l: number) => g.top + (LIKELIHOODS.length - 1 - l) * g.cellH;
const colLeft = (g: Geometry, i: number) => g.left + i * g.cellW;

/** The largest disc `rows` × `cols` markers may have in a cell, at most `cap`. */
const radius = (g: Geometry, rows: number, cols: number, cap: number) =>
  Math.min(
    cap,
    (g.cellW - 2 * PAD - (cols - 1) * GAP) / (2 * cols),
    (g.cellH - 2 * PAD - (rows - 1) * GAP) / (2 * rows),
  );

/** The smallest disc that holds each of `risks`' numbers at NUMBER_SIZE. */
function smallestDisc(risks: readonly MatrixRisk[]): number {
  const widest = Math.max(...risks.map((risk) => textWidth(String(risk.number), NUMBER_SIZE, 700)));
  return Math.max(NUMBER_SIZE * R_MIN_SHARE, widest / 2 + 2.4);
}

/** The grid of a cell: the largest discs for `count` markers (fewer rows win a tie), or undefined if under `least`. */
function gridFor(
  g: Geometry,
  count: number,
  least: number,
): { r: number; rows: number; cols: number } | undefined {
  let best: { r: number; rows: number; cols: number } | undefined;
  for (let rows = 1; rows <= count; rows++) {
    const cols = Math.ceil(count / rows);
    if (Math.ceil(count / cols) !== rows) continue;
    // A number wider than the largest disc allows takes a larger one.
    const r = radius(g, rows, cols, Math.max(R_MAX, least));
    if (r >= least && r > (best?.r ?? 0)) best = { r, rows, cols };
  }
  return best;
}

/** The grid with the most slots at discs of at least `least` (rows and columns as near square as the cell). */
function fullestGrid(g: Geometry, least: number): { r: number; rows: number; cols: number } {
  const cols = Math.max(1, Math.floor((g.cellW - 2 * PAD + GAP) / (2 * least + GAP)));
  const rows = Math.max(1, Math.floor((g.cellH - 2 * PAD + GAP) / (2 * least + GAP)));
  return { r: radius(g, rows, cols, Math.max(R_MAX, least)), rows, cols };
}

/** Centres of `count` slots of a rows × cols grid centred on (cx, cy), row by row, the last row centred. */
function centres(count: number, grid: { r: number; rows: number; cols: number }, cx: number, cy: number) {
  const step = 2 * grid.r + GAP;
  const top = cy - ((grid.rows - 1) * step) / 2;
  return Array.from({ length: count }, (_, index) => {
    const row = Math.floor(index / grid.cols);
    const inRow = Math.min(grid.cols, count - row * grid.cols);
    const left = cx - ((inRow - 1) * step) / 2;
    return { x: left + (index % grid.cols) * step, y: top + row * step };
  });
}

/**
 * The markers of one cell's risks (in number order) centred on (cx, cy):
 * side by side as large as they fit (at most R_MAX); when they would be
 * smaller than their numbers allow, as many as fit and a "+N" badge in the
 * last slots for the rest.
 */
function placeCell(
  g: Geometry,
  here: MatrixRisk[],
  cx: number,
  cy: number,
): { markers: MatrixMarker[]; badge?: MatrixBadge } {
  const least = smallestDisc(here);
  const fits = gridFor(g, here.length, least);
  if (fits) {
    const at = centres(here.length, fits, cx, cy);
    return { markers: here.map((risk, k) => ({ risk, ...(at[k] as { x: number; y: number }), r: fits.r })) };
  }
  const grid = fullestGrid(g, least);
  const step = 2 * grid.r + GAP;
  const slots = grid.rows * grid.cols;
  const badgeWidth = (hidden: number) => textWidth(`+${hidden}`, NUMBER_SIZE, 700) + 2 * BADGE_PAD_X;
  // The badge takes the last slots of the last row, as many as its "+N" needs.
  const lastRow = (grid.rows - 1) * grid.cols;
  let shown = slots - 1;
  while (shown > lastRow && badgeWidth(here.length - shown) > (slots - shown) * step - GAP) shown--;
  const at = centres(slots, grid, cx, cy);
  const first = at[shown] as { x: number; y: number };
  const last = at[slots - 1] as { x: number; y: number };
  const hidden = here.slice(shown);
  const [likelihood, impact] = [here[0]?.likelihood as Likelihood, here[0]?.impact as Impact];
  return {
    markers: here
      .slice(0, shown)
      .map((risk, k) => ({ risk, ...(at[k] as { x: number; y: number }), r: grid.r })),
    badge: {
      likelihood,
      impact,
      risks: hidden,
      text: `+${hidden.length}`,
      x: (first.x + last.x) / 2,
      y: first.y,
      w: Math.max(2 * grid.r, badgeWidth(hidden.length)),
      h: 2 * grid.r,
    },
  };
}

function axisLabels(g: Geometry): MatrixLabel[] {
  const labelX = g.left - LABEL_GAP;
  const gridBottom = g.top + g.cellH * LIKELIHOODS.length;
  const beside = g.variant === 'print';
  const labels: MatrixLabel[] = [
    {
      kind: 'axis',
      text: 'Likelihood',
      x: labelX,
      // Print: in the corner under the terms, on the impact terms' line.
      y: beside ? gridBottom + IMPACT_BASELINE : g.top - 8,
      anchor: 'end',
      size: AXIS_SIZE,
    },
  ];
  LIKELIHOODS.forEach((entry, l) => {
    const middle = rowTop(g, l) + g.cellH / 2;
    // Beside: the term ends where the column of ranges begins, both on the row's middle line.
    labels.push(
      {
        kind: 'term',
        text: capitalize(entry.term),
        x: beside ? labelX - RANGES_W - RANGE_GAP : labelX,
        y: beside ? middle + 6 : middle - 3,
        anchor: 'end',
        size: TERM_SIZE,
      },
      {
        kind: 'range',
        text: likelihoodRange(entry),
        x: labelX,
        y: beside ? middle + 6 : middle + 16,
        anchor: 'end',
        size: RANGE_SIZE,
      },
    );
  });
  IMPACTS.forEach((impact, i) => {
    const x = colLeft(g, i) + g.cellW / 2;
    labels.push({
      kind: 'term',
      text: capitalize(impact),
      x,
      y: gridBottom + IMPACT_BASELINE,
      anchor: 'middle',
      size: IMPACT_SIZE,
    });
  });
  labels.push({
    kind: 'axis',
    text: 'Impact',
    x: g.left + (g.cellW * IMPACTS.length) / 2,
    y: gridBottom + AXIS_BASELINE[g.variant],
    anchor: 'middle',
    size: AXIS_SIZE,
  });
  return labels;
}

/**
 * The matrix of `risks`. Likelihood runs up the left (the seven ICD 203
 * terms with their ranges, lowest at the bottom), impact along the bottom
 * (very low → very high); each cell has its severity from `severityOf`.
 */
export function layOutRiskMatrix(
  risks: readonly MatrixRisk[],
  variant: MatrixVariant = 'slide',
): RiskMatrixLayout {
  const g = GEOMETRY[variant];
  const layout: RiskMatrixLayout = {
    ...riskMatrixSize(variant),
    cells: [],
    labels: axisLabels(g),
    markers: [],
    badges: [],
  };
  LIKELIHOODS.forEach(({ term: likelihood }, l) => {
    IMPACTS.forEach((impact, i) => {
      const [x, y] = [colLeft(g, i), rowTop(g, l)];
      layout.cells.push({
        likelihood,
        impact,
        severity: severityOf(likelihood, impact),
        x,
        y,
        w: g.cellW,
        h: g.cellH,
      });
      const here = risks
        .map((risk, order) => ({ risk, order }))
        .filter(({ risk }) => risk.likelihood === likelihood && risk.impact === impact)
        .sort((a, b) => a.risk.number - b.risk.number || a.order - b.order)
        .map(({ risk }) => risk);
      if (here.length === 0) return;
      const placed = placeCell(g, here, x + g.cellW / 2, y + g.cellH / 2);
      layout.markers.push(...placed.markers);
      if (placed.badge) layout.badges.push(placed.badge);
    });
  });
  return layout;
}
