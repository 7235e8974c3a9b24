/**
 * Where everything on the risk matrix goes, computed once: its cells, the
 * axis labels, each risk's numbered marker and, in a cell with more risks
 * than fit at a readable size, a "+N" badge for the rest. The deck's SVG
 * (riskMatrix.ts) and the PowerPoint deck (outputs/pptx/_riskMatrix.ts)
 * both draw this layout. All in viewBox units.
 */
import { type Severity, severityOf } from '../../content/ratings.js';
import { IMPACTS, type Impact, LIKELIHOODS, type Likelihood } from '../../format/briefing.js';
import { textWidth } from '../textMetrics.js';
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
const CELL_W = 95;
const CELL_H = 48;
const TERM_SIZE = LABEL_SIZE;
const RANGE_SIZE = LABEL_SIZE;
const IMPACT_SIZE = LABEL_SIZE;
const AXIS_SIZE = LABEL_SIZE;
const LABEL_GAP = 12;
const TOP = 26;
const MARGIN = 8;
/** Room for the longest likelihood term (semibold Source Sans 3, plus 10 % for a wider fallback font). */
const GRID_LEFT = Math.ceil(
  MARGIN +
    Math.max(...LIKELIHOODS.map(({ term }) => textWidth(capitalize(term), TERM_SIZE, 600) * 1.1)) +
    LABEL_GAP,
);
const GRID_W = CELL_W * IMPACTS.length;
const GRID_H = CELL_H * LIKELIHOODS.length;
/** Under the grid: the impact terms' line, then the axis title's. */
const IMPACT_BASELINE = 22;
const AXIS_BASELINE = 48;

/** The viewBox size of every risk matrix. */
export const RISK_MATRIX_SIZE = {
  width: GRID_LEFT + GRID_W + MARGIN,
  height: TOP + GRID_H + AXIS_BASELINE + 4,
} as const;

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

const rowTop = (l: number) => TOP + (LIKELIHOODS.length - 1 - l) * CELL_H;
const colLeft = (i: number) => GRID_LEFT + i * CELL_W;

/** The largest disc `rows` × `cols` markers may have in a cell, at most `cap`. */
const radius = (rows: number, cols: number, cap: number) =>
  Math.min(
    cap,
    (CELL_W - 2 * PAD - (cols - 1) * GAP) / (2 * cols),
    (CELL_H - 2 * PAD - (rows - 1) * GAP) / (2 * rows),
  );

/** The smallest disc that holds each of `risks`' numbers at NUMBER_SIZE. */
function smallestDisc(risks: readonly MatrixRisk[]): number {
  const widest = Math.max(...risks.map((risk) => textWidth(String(risk.number), NUMBER_SIZE, 700)));
  return Math.max(NUMBER_SIZE * R_MIN_SHARE, widest / 2 + 2.4);
}

/** The grid of a cell: the largest discs for `count` markers (fewer rows win a tie), or undefined if under `least`. */
function gridFor(count: number, least: number): { r: number; rows: number; cols: number } | undefined {
  let best: { r: number; rows: number; cols: number } | undefined;
  for (let rows = 1; rows <= count; rows++) {
    const cols = Math.ceil(count / rows);
    if (Math.ceil(count / cols) !== rows) continue;
    // A number wider than the largest disc allows takes a larger one.
    const r = radius(rows, cols, Math.max(R_MAX, least));
    if (r >= least && r > (best?.r ?? 0)) best = { r, rows, cols };
  }
  return best;
}

/** The grid with the most slots at discs of at least `least` (rows and columns as near square as the cell). */
function fullestGrid(least: number): { r: number; rows: number; cols: number } {
  const cols = Math.max(1, Math.floor((CELL_W - 2 * PAD + GAP) / (2 * least + GAP)));
  const rows = Math.max(1, Math.floor((CELL_H - 2 * PAD + GAP) / (2 * least + GAP)));
  return { r: radius(rows, cols, Math.max(R_MAX, least)), rows, cols };
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
  here: MatrixRisk[],
  cx: number,
  cy: number,
): { markers: MatrixMarker[]; badge?: MatrixBadge } {
  const least = smallestDisc(here);
  const fits = gridFor(here.length, least);
  if (fits) {
    const at = centres(here.length, fits, cx, cy);
    return { markers: here.map((risk, k) => ({ risk, ...(at[k] as { x: number; y: number }), r: fits.r })) };
  }
  const grid = fullestGrid(least);
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

function axisLabels(): MatrixLabel[] {
  const labelX = GRID_LEFT - LABEL_GAP;
  const gridBottom = TOP + GRID_H;
  const labels: MatrixLabel[] = [
    { kind: 'axis', text: 'Likelihood', x: labelX, y: TOP - 8, anchor: 'end', size: AXIS_SIZE },
  ];
  LIKELIHOODS.forEach((entry, l) => {
    const middle = rowTop(l) + CELL_H / 2;
    labels.push(
      {
        kind: 'term',
        text: capitalize(entry.term),
        x: labelX,
        y: middle - 3,
        anchor: 'end',
        size: TERM_SIZE,
      },
      {
        kind: 'range',
        text: `${entry.min}–${entry.max} %`,
        x: labelX,
        y: middle + 16,
        anchor: 'end',
        size: RANGE_SIZE,
      },
    );
  });
  IMPACTS.forEach((impact, i) => {
    const x = colLeft(i) + CELL_W / 2;
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
    x: GRID_LEFT + GRID_W / 2,
    y: gridBottom + AXIS_BASELINE,
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
export function layOutRiskMatrix(risks: readonly MatrixRisk[]): RiskMatrixLayout {
  const layout: RiskMatrixLayout = {
    ...RISK_MATRIX_SIZE,
    cells: [],
    labels: axisLabels(),
    markers: [],
    badges: [],
  };
  LIKELIHOODS.forEach(({ term: likelihood }, l) => {
    IMPACTS.forEach((impact, i) => {
      const [x, y] = [colLeft(i), rowTop(l)];
      layout.cells.push({
        likelihood,
        impact,
        severity: severityOf(likelihood, impact),
        x,
        y,
        w: CELL_W,
        h: CELL_H,
      });
      const here = risks
        .map((risk, order) => ({ risk, order }))
        .filter(({ risk }) => risk.likelihood === likelihood && risk.impact === impact)
        .sort((a, b) => a.risk.number - b.risk.number || a.order - b.order)
        .map(({ risk }) => risk);
      if (here.length === 0) return;
      const placed = placeCell(here, x + CELL_W / 2, y + CELL_H / 2);
      layout.markers.push(...placed.markers);
      if (placed.badge) layout.badges.push(placed.badge);
    });
  });
  return layout;
}
