/**
 * What moved on the risk matrix since the previous version (`--since`): for
 * each risk whose likelihood or impact changed, a faint dashed marker with
 * its number in its old cell and an arrow from there towards its marker in
 * the new cell. Drawn under the risks' markers; colours in themes/changes.css.
 */
import type { Impact, Likelihood } from '../../format/briefing.js';
import { textWidth } from '../../format/textMetrics.js';
import { escapeXml, num } from './_svg.js';
import { MARKER_RADIUS, type MatrixRisk, NUMBER_SIZE, type RiskMatrixLayout } from './riskMatrixLayout.js';

interface MatrixCell {
  likelihood: Likelihood;
  impact: Impact;
}

/** Length and half-width of the arrowhead, in viewBox units. */
const HEAD = 9;
const HEAD_HALF = 5;

/**
 * One risk's move, in viewBox units: its old marker (`was`, radius `r`), and the arrow from `start` to
 * `tip`; no arrow where the two markers nearly touch (small cells, as the handout prints them), as it
 * would be shorter than its head.
 */
export interface MatrixMove {
  number: number;
  was: { x: number; y: number; r: number };
  arrow?: { start: Point; tip: Point };
}

type Point = { x: number; y: number };
const sameCell = (a: MatrixCell, b: MatrixCell) => a.likelihood === b.likelihood && a.impact === b.impact;

/**
 * Where each moved risk's old marker and arrow go, from the matrix's layout; empty when no risk moved.
 * The arrow leaves the old marker's edge and
 * stops short of the risk's marker now (the cell's "+N" badge when it is not drawn). Risks that left
 * one cell have their old markers side by side. An old cell that holds risks now (their markers sit in
 * its middle) has the old markers, smaller, along its edge in the corner the arrows leave by, where they
 * leave the markers visible. The deck's SVG and the PowerPoint deck both draw these.
 */
export function matrixMoves(layout: RiskMatrixLayout): MatrixMove[] {
  // A marker's radius in a cell that is not crowded (smaller in the print variant's lower cells).
  const r = Math.min(MARKER_RADIUS, (layout.cells[0]?.h ?? 0) / 2 - 2);
  const drawn = new Map(layout.markers.map((marker) => [marker.risk.number, marker]));
  const risks = [
    ...layout.markers.map((marker) => marker.risk),
    ...layout.badges.flatMap((badge) => badge.risks),
  ];
  const moved = risks.filter((risk) => risk.from !== undefined).sort((a, b) => a.number - b.number);
  const cellOf = (at: MatrixCell) => layout.cells.find((cell) => sameCell(cell, at));
  const occupied = (at: MatrixCell) => risks.some((risk) => sameCell(risk, at));
  /** Where the risk is now: its marker, else its cell's badge, else its cell's middle. */
  const now = (risk: MatrixRisk): Point & { r: number } => {
    const marker = drawn.get(risk.number);
    if (marker) return marker;
    const badge = layout.badges.find((b) => sameCell(b, risk));
    if (badge) return { x: badge.x, y: badge.y, r: badge.h / 2 };
    const cell = cellOf(risk);
    return { x: (cell?.x ?? 0) + (cell?.w ?? 0) / 2, y: (cell?.y ?? 0) + (cell?.h ?? 0) / 2, r };
  };
  const targets = new Map(moved.map((risk) => [risk.number, now(risk)]));
  const target = (risk: MatrixRisk) => targets.get(risk.number) as Point & { r: number };
  return moved.map((risk) => {
    const old = risk.from as MatrixCell;
    const cell = cellOf(old) ?? { x: 0, y: 0, w: 0, h: 0 };
    const middle = { x: cell.x + cell.w / 2, y: cell.y + cell.h / 2 };
    const to = target(risk);
    // Side by side in the order of where they went, left to right, so that their arrows do not cross.
    const group = moved
      .filter((other) => other.from && sameCell(other.from, old))
      .sort((a, b) => target(a).x - target(b).x || target(a).y - target(b).y);
    const index = group.indexOf(risk);
    const crowded = occupied(old);
    // Its number at the markers' size (never under a slide's 16 px), in a disc just wide enough.
    const disc = (number: number) =>
      Math.max(r * 0.75, textWidth(String(number), NUMBER_SIZE, 600) / 2 + 2.4);
    const small = crowded ? Math.max(...group.map((other) => disc(other.number))) : r;
    const pitch = Math.min(
      2 * small + 3,
      group.length > 1 ? (cell.w - 2 * small - 6) / (group.length - 1) : 0,
    );
    let from: Point;
    if (crowded) {
      // The corner on the side the arrows leave by, so that they do not cross the markers there now.
      const side = to.x < middle.x ? -1 : 1;
      from = {
        x: middle.x + side * (cell.w / 2 - small - 3 - index * pitch),
        y: middle.y + (to.y < middle.y ? -1 : 1) * (cell.h / 2 - small - 3),
      };
    } else from = { x: middle.x + (index - (group.length - 1) / 2) * pitch, y: middle.y };
    const length = Math.hypot(to.x - from.x, to.y - from.y);
    const was = { ...from, r: small };
    if (length - (small + 2) - (to.r + 2) <= HEAD) return { number: risk.number, was };
    const ux = (to.x - from.x) / length;
    const uy = (to.y - from.y) / length;
    const start = { x: from.x + ux * (small + 2), y: from.y + uy * (small + 2) };
    const tip = { x: to.x - ux * (to.r + 2), y: to.y - uy * (to.r + 2) };
    return { number: risk.number, was, arrow: { start, tip } };
  });
}

function arrowSvg({ start, tip }: { start: Point; tip: Point }): string {
  const length = Math.hypot(tip.x - start.x, tip.y - start.y);
  const ux = (tip.x - start.x) / length;
  const uy = (tip.y - start.y) / length;
  const base = { x: tip.x - ux * HEAD, y: tip.y - uy * HEAD };
  const head = [
    tip,
    { x: base.x - uy * HEAD_HALF, y: base.y + ux * HEAD_HALF },
    { x: base.x + uy * HEAD_HALF, y: base.y - ux * HEAD_HALF },
  ];
  return (
    `<line class="bd-rm-arrow" x1="${num(start.x)}" y1="${num(start.y)}" x2="${num(base.x)}" y2="${num(base.y)}"/>` +
    `<polygon class="bd-rm-arrow-head" points="${head.map((point) => `${num(point.x)},${num(point.y)}`).join(' ')}"/>`
  );
}

/** The old markers and arrows as SVG (see `matrixMoves`); empty when no risk moved. */
export function drawMatrixChanges(layout: RiskMatrixLayout): string {
  const moves = matrixMoves(layout);
  if (moves.length === 0) return '';
  const out = ['<g class="bd-rm-changes" aria-hidden="true">'];
  for (const { number, was, arrow } of moves) {
    const label = escapeXml(String(number));
    out.push(
      `<g class="bd-rm-move" data-risk="${label}">`,
      `<circle class="bd-rm-was" cx="${num(was.x)}" cy="${num(was.y)}" r="${num(was.r)}"/>`,
      `<text class="bd-rm-was-number" x="${num(was.x)}" y="${num(was.y)}" dy="0.35em" text-anchor="middle" font-size="${NUMBER_SIZE}">${label}</text>`,
      arrow ? arrowSvg(arrow) : '',
      '</g>',
    );
  }
  out.push('</g>');
  return out.join('');
}
