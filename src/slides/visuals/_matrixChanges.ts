/**
 * What moved on the risk matrix since the previous version (`--since`): for
 * each risk whose likelihood or impact changed, a faint dashed marker with
 * its number in its old cell and an arrow from there towards its marker in
 * the new cell. Drawn under the risks' markers; colours in themes/changes.css.
 */
import type { Impact, Likelihood } from '../../format/briefing.js';
import { textWidth } from '../textMetrics.js';
import { escapeXml, num } from './_svg.js';
import { NUMBER_SIZE } from './riskMatrixLayout.js';

export interface MatrixCell {
  likelihood: Likelihood;
  impact: Impact;
}

interface MovedRisk extends MatrixCell {
  number: number;
  /** Its cell before, when it moved. */
  from?: MatrixCell;
}

/** Length and half-width of the arrowhead, in viewBox units. */
const HEAD = 9;
const HEAD_HALF = 5;

/** One risk's move, in viewBox units: its old marker (`was`, radius `r`), and the arrow from `start` to `tip`. */
export interface MatrixMove {
  number: number;
  was: { x: number; y: number; r: number };
  start: { x: number; y: number };
  tip: { x: number; y: number };
}

/**
 * Where each moved risk's old marker and arrow go; empty when no risk moved. `centre` is a cell's
 * centre, `r` a marker's radius, `cell` a cell's size: the arrow leaves the old marker's edge and stops
 * short of the new cell's centre by `r`. An old cell that holds risks now (their markers sit in its
 * middle) has the old marker, smaller, in its top corner, where they leave it visible. The deck's SVG
 * and the PowerPoint deck both draw these.
 */
export function matrixMoves(
  risks: readonly MovedRisk[],
  centre: (cell: MatrixCell) => { x: number; y: number },
  r: number,
  cell: { width: number; height: number },
): MatrixMove[] {
  const occupied = (at: MatrixCell) =>
    risks.some((risk) => risk.likelihood === at.likelihood && risk.impact === at.impact);
  return risks.flatMap((risk) => {
    if (!risk.from) return [];
    const old = risk.from;
    const middle = centre(old);
    const to = centre(risk);
    // The corner on the side the arrow leaves by, so that it does not cross the markers there now.
    const side = to.x < middle.x ? -1 : 1;
    // Its number at the markers' size (never under a slide's 16 px), in a disc just wide enough.
    const small = occupied(old)
      ? Math.max(r * 0.75, textWidth(String(risk.number), NUMBER_SIZE, 600) / 2 + 2.4)
      : r;
    const from = occupied(old)
      ? {
          x: middle.x + side * (cell.width / 2 - small - 3),
          y: middle.y + (to.y < middle.y ? -1 : 1) * (cell.height / 2 - small - 3),
        }
      : middle;
    const length = Math.hypot(to.x - from.x, to.y - from.y);
    const ux = (to.x - from.x) / length;
    const uy = (to.y - from.y) / length;
    return [
      {
        number: risk.number,
        was: { ...from, r: small },
        start: { x: from.x + ux * (small + 2), y: from.y + uy * (small + 2) },
        tip: { x: to.x - ux * (r + 2), y: to.y - uy * (r + 2) },
      },
    ];
  });
}

/** The old markers and arrows as SVG (see `matrixMoves`); empty when no risk moved. */
export function drawMatrixChanges(
  risks: readonly MovedRisk[],
  centre: (cell: MatrixCell) => { x: number; y: number },
  r: number,
  cell: { width: number; height: number },
): string {
  const moves = matrixMoves(risks, centre, r, cell);
  if (moves.length === 0) return '';
  const out = ['<g class="bd-rm-changes" aria-hidden="true">'];
  for (const { number, was, start, tip } of moves) {
    const length = Math.hypot(tip.x - start.x, tip.y - start.y);
    const ux = (tip.x - start.x) / length;
    const uy = (tip.y - start.y) / length;
    const base = { x: tip.x - ux * HEAD, y: tip.y - uy * HEAD };
    const label = escapeXml(String(number));
    out.push(
      `<g class="bd-rm-move" data-risk="${label}">`,
      `<circle class="bd-rm-was" cx="${num(was.x)}" cy="${num(was.y)}" r="${num(was.r)}"/>`,
      `<text class="bd-rm-was-number" x="${num(was.x)}" y="${num(was.y)}" dy="0.35em" text-anchor="middle" font-size="${NUMBER_SIZE}">${label}</text>`,
      `<line class="bd-rm-arrow" x1="${num(start.x)}" y1="${num(start.y)}" x2="${num(base.x)}" y2="${num(base.y)}"/>`,
      `<polygon class="bd-rm-arrow-head" points="${[
        tip,
        { x: base.x - uy * HEAD_HALF, y: base.y + ux * HEAD_HALF },
        { x: base.x + uy * HEAD_HALF, y: base.y - ux * HEAD_HALF },
      ]
        .map((point) => `${num(point.x)},${num(point.y)}`)
        .join(' ')}"/>`,
      '</g>',
    );
  }
  out.push('</g>');
  return out.join('');
}
