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

/**
 * The old markers and arrows; empty when no risk moved. `centre` is a cell's centre, `r` a marker's
 * radius, `cell` a cell's size: the arrow leaves the old marker's edge and stops short of the new
 * cell's centre by `r`. An old cell that holds risks now (their markers sit in its middle) has the
 * old marker, smaller, in its top corner, where they leave it visible.
 */
export function drawMatrixChanges(
  risks: readonly MovedRisk[],
  centre: (cell: MatrixCell) => { x: number; y: number },
  r: number,
  cell: { width: number; height: number },
): string {
  const moved = risks.filter((risk) => risk.from !== undefined);
  if (moved.length === 0) return '';
  const occupied = (at: MatrixCell) =>
    risks.some((risk) => risk.likelihood === at.likelihood && risk.impact === at.impact);
  const out = ['<g class="bd-rm-changes" aria-hidden="true">'];
  for (const risk of moved) {
    const old = risk.from as MatrixCell;
    const middle = centre(old);
    const to = centre(risk);
    // The corner on the side the arrow leaves by, so that it does not cross the markers there now.
    const side = to.x < middle.x ? -1 : 1;
    const label = escapeXml(String(risk.number));
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
    const dx = to.x - from.x;
    const dy = to.y - from.y;
    const length = Math.hypot(dx, dy);
    const ux = dx / length;
    const uy = dy / length;
    const start = { x: from.x + ux * (small + 2), y: from.y + uy * (small + 2) };
    const tip = { x: to.x - ux * (r + 2), y: to.y - uy * (r + 2) };
    const base = { x: tip.x - ux * HEAD, y: tip.y - uy * HEAD };
    out.push(
      `<g class="bd-rm-move" data-risk="${label}">`,
      `<circle class="bd-rm-was" cx="${num(from.x)}" cy="${num(from.y)}" r="${num(small)}"/>`,
      `<text class="bd-rm-was-number" x="${num(from.x)}" y="${num(from.y)}" dy="0.35em" text-anchor="middle" font-size="${NUMBER_SIZE}">${label}</text>`,
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
