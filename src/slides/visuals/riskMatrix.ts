/**
 * The risk matrix: a likelihood × impact heat map with each risk as a
 * numbered marker in its cell, drawn as a self-contained SVG at build time.
 * Colours come from themes/visuals.css through classes; this file only
 * places things.
 */

import { type Severity, severityOf } from '../../content/ratings.js';
import { IMPACTS, type Impact, LIKELIHOODS, type Likelihood } from '../../format/briefing.js';
import { textWidth } from '../textMetrics.js';
import { drawMatrixChanges, type MatrixCell } from './_matrixChanges.js';
import { capitalize, escapeXml, idPrefix, num, svgOpen } from './_svg.js';

export interface MatrixRisk {
  number: number;
  title: string;
  likelihood: Likelihood;
  impact: Impact;
  /** Its cell in the previous version, when it moved (`--since`): drawn by _matrixChanges.ts. */
  from?: MatrixCell;
}

export { type Severity, severityOf };

const LIKELIHOOD_TERMS: readonly Likelihood[] = LIKELIHOODS.map((entry) => entry.term);

export interface RiskMatrixOptions {
  /** Prefix of the ids inside the SVG; give each matrix on a page its own. Default `bd-rm-`. */
  idPrefix?: string;
  /** The SVG's `<title>`. */
  title?: string;
}

/** One risk as a sentence: `1. IS reprisal attacks: likely, high impact.` */
function describeRisk(risk: MatrixRisk): string {
  const title = risk.title.trim().replace(/[.\s]+$/, '');
  return `${risk.number}. ${title}: ${risk.likelihood}, ${risk.impact} impact.`;
}

/** The matrix as text, one sentence per risk in the given order: the SVG's `<desc>` and the slide's alt text. */
export function describeRiskMatrix(risks: readonly MatrixRisk[]): string {
  if (risks.length === 0) return 'No risks assessed.';
  return risks.map(describeRisk).join(' ');
}

/* Geometry, in viewBox units. Drawn ~600–900 px wide on a slide, so 1 unit ≈ 0.9–1.35 px. */
const CELL_W = 92;
const CELL_H = 62;
const TERM_SIZE = 17;
const RANGE_SIZE = 13.5;
const IMPACT_SIZE = 17;
const AXIS_SIZE = 13.5;
const LABEL_GAP = 12;
const TOP = 30;
const MARGIN = 8;
/** Room for the longest likelihood term (semibold Source Sans 3, plus 10 % for a wider fallback font). */
const GRID_LEFT = Math.ceil(
  MARGIN +
    Math.max(...LIKELIHOOD_TERMS.map((term) => textWidth(capitalize(term), TERM_SIZE, 600) * 1.1)) +
    LABEL_GAP,
);
const GRID_W = CELL_W * IMPACTS.length;
const GRID_H = CELL_H * LIKELIHOOD_TERMS.length;
const WIDTH = GRID_LEFT + GRID_W + MARGIN;
const HEIGHT = TOP + GRID_H + 64;

/** The viewBox size of every risk matrix. */
export const RISK_MATRIX_SIZE = { width: WIDTH, height: HEIGHT } as const;

/* Markers in a cell. */
const PAD = 5;
const GAP = 3;
const R_MAX = 14;
const R_MIN = 6;

interface Slots {
  r: number;
  centres: { x: number; y: number }[];
}

/**
 * Places `count` markers in a cell centred on (cx, cy): a grid of rows ×
 * columns chosen to give the largest radius (at most R_MAX; fewer rows win a
 * tie), filled row by row in order, the last row centred. One cell holds up
 * to 27 markers at the minimum radius; beyond that further rows spill below
 * the cell (markers still never overlap each other).
 */
function slots(count: number, cx: number, cy: number): Slots {
  let best = { r: 0, rows: 1, cols: count };
  for (let rows = 1; rows <= count; rows++) {
    const cols = Math.ceil(count / rows);
    if (Math.ceil(count / cols) !== rows) continue;
    const r = Math.min(
      R_MAX,
      (CELL_W - 2 * PAD - (cols - 1) * GAP) / (2 * cols),
      (CELL_H - 2 * PAD - (rows - 1) * GAP) / (2 * rows),
    );
    if (r > best.r) best = { r, rows, cols };
  }
  if (best.r < R_MIN) {
    const cols = Math.max(1, Math.floor((CELL_W - 2 * PAD + GAP) / (2 * R_MIN + GAP)));
    best = { r: R_MIN, rows: Math.ceil(count / cols), cols };
  }
  const { r, rows, cols } = best;
  const step = 2 * r + GAP;
  const top = cy - ((rows - 1) * step) / 2;
  const centres: { x: number; y: number }[] = [];
  for (let index = 0; index < count; index++) {
    const row = Math.floor(index / cols);
    const inRow = Math.min(cols, count - row * cols);
    const left = cx - ((inRow - 1) * step) / 2;
    centres.push({ x: left + (index % cols) * step, y: top + row * step });
  }
  return { r, centres };
}

function marker(risk: MatrixRisk, x: number, y: number, r: number): string {
  const label = String(risk.number);
  const size = r * (label.length === 1 ? 1.05 : label.length === 2 ? 0.88 : 0.7);
  return (
    `<g class="bd-rm-risk" data-risk="${escapeXml(label)}"><title>${escapeXml(describeRisk(risk))}</title>` +
    `<circle class="bd-rm-marker" cx="${num(x)}" cy="${num(y)}" r="${num(r)}"/>` +
    `<text class="bd-rm-number" x="${num(x)}" y="${num(y)}" dy="0.35em" text-anchor="middle" font-size="${num(size)}">${escapeXml(label)}</text></g>`
  );
}

/**
 * The risk matrix as an SVG string. Likelihood runs up the left (the seven
 * ICD 203 terms with their ranges, lowest at the bottom), impact along the
 * bottom (very low → very high). Each cell has class `sev-1`…`sev-5` from
 * `severityOf`. Risks in one cell sit side by side in number order.
 */
export function renderRiskMatrix(risks: readonly MatrixRisk[], options: RiskMatrixOptions = {}): string {
  const p = idPrefix(options.idPrefix ?? 'bd-rm-');
  const title = options.title ?? 'Risk matrix: likelihood against impact';
  const out: string[] = [];
  out.push(svgOpen('bd-viz-risk-matrix', WIDTH, HEIGHT, `${p}title ${p}desc`));
  out.push(`<title id="${p}title">${escapeXml(title)}</title>`);
  out.push(`<desc id="${p}desc">${escapeXml(describeRiskMatrix(risks))}</desc>`);

  const rowTop = (l: number) => TOP + (LIKELIHOOD_TERMS.length - 1 - l) * CELL_H;
  const colLeft = (i: number) => GRID_LEFT + i * CELL_W;

  out.push('<g class="bd-rm-cells">');
  LIKELIHOOD_TERMS.forEach((likelihood, l) => {
    IMPACTS.forEach((impact, i) => {
      out.push(
        `<rect class="bd-rm-cell sev-${severityOf(likelihood, impact)}" data-likelihood="${likelihood}" data-impact="${impact}" ` +
          `x="${num(colLeft(i))}" y="${num(rowTop(l))}" width="${CELL_W}" height="${CELL_H}"/>`,
      );
    });
  });
  out.push('</g>');

  out.push('<g class="bd-rm-axis" aria-hidden="true">');
  const labelX = GRID_LEFT - LABEL_GAP;
  out.push(
    `<text class="bd-rm-axis-title" x="${num(labelX)}" y="${num(TOP - 12)}" text-anchor="end" font-size="${AXIS_SIZE}">Likelihood</text>`,
  );
  LIKELIHOODS.forEach((entry, l) => {
    const middle = rowTop(l) + CELL_H / 2;
    out.push(
      `<text class="bd-rm-term" x="${num(labelX)}" y="${num(middle - 2)}" text-anchor="end" font-size="${TERM_SIZE}">${capitalize(entry.term)}</text>`,
      `<text class="bd-rm-range" x="${num(labelX)}" y="${num(middle + 14)}" text-anchor="end" font-size="${RANGE_SIZE}">${entry.min}–${entry.max} %</text>`,
    );
  });
  const gridBottom = TOP + GRID_H;
  IMPACTS.forEach((impact, i) => {
    out.push(
      `<text class="bd-rm-term" x="${num(colLeft(i) + CELL_W / 2)}" y="${num(gridBottom + 22)}" text-anchor="middle" font-size="${IMPACT_SIZE}">${capitalize(impact)}</text>`,
    );
  });
  out.push(
    `<text class="bd-rm-axis-title" x="${num(GRID_LEFT + GRID_W / 2)}" y="${num(gridBottom + 52)}" text-anchor="middle" font-size="${AXIS_SIZE}">Impact</text>`,
  );
  out.push('</g>');

  const centre = (cell: MatrixCell) => ({
    x: colLeft(IMPACTS.indexOf(cell.impact)) + CELL_W / 2,
    y: rowTop(LIKELIHOOD_TERMS.indexOf(cell.likelihood)) + CELL_H / 2,
  });
  out.push(drawMatrixChanges(risks, centre, R_MAX, { width: CELL_W, height: CELL_H }));
  out.push('<g class="bd-rm-risks">');
  LIKELIHOOD_TERMS.forEach((likelihood, l) => {
    IMPACTS.forEach((impact, i) => {
      const here = risks
        .map((risk, order) => ({ risk, order }))
        .filter(({ risk }) => risk.likelihood === likelihood && risk.impact === impact)
        .sort((a, b) => a.risk.number - b.risk.number || a.order - b.order)
        .map(({ risk }) => risk);
      if (here.length === 0) return;
      const { r, centres } = slots(here.length, colLeft(i) + CELL_W / 2, rowTop(l) + CELL_H / 2);
      here.forEach((risk, index) => {
        const centre = centres[index] as { x: number; y: number };
        out.push(marker(risk, centre.x, centre.y, r));
      });
    });
  });
  out.push('</g>');
  out.push('</svg>');
  return out.join('');
}
