/**
 * The risk matrix: a likelihood × impact heat map with each risk as a
 * numbered marker in its cell, drawn as a self-contained SVG at build time
 * from the layout in riskMatrixLayout.ts (which the PowerPoint deck draws
 * too). Colours come from themes/visuals.css through classes; this file
 * only writes the shapes.
 */

import { type Severity, severityOf } from '../../content/ratings.js';
import { drawMatrixChanges } from './_matrixChanges.js';
import { escapeXml, idPrefix, num, svgOpen } from './_svg.js';
import {
  layOutRiskMatrix,
  type MatrixBadge,
  type MatrixLabel,
  type MatrixMarker,
  type MatrixRisk,
  type MatrixVariant,
  NUMBER_SIZE,
} from './riskMatrixLayout.js';

export { type MatrixRisk, type Severity, severityOf };

export interface RiskMatrixOptions {
  /** Prefix of the ids inside the SVG; give each matrix on a page its own. Default `bd-rm-`. */
  idPrefix?: string;
  /** The SVG's `<title>`. */
  title?: string;
  /** `slide` (the default) or `print`, a lower matrix for the handout (see riskMatrixLayout.ts). */
  variant?: MatrixVariant;
}

/** One risk as a sentence: `1. IS reprisal attacks: likely, high impact.` */
export function describeRisk(risk: MatrixRisk): string {
  const title = risk.title.trim().replace(/[.\s]+$/, '');
  return `${risk.number}. ${title}: ${risk.likelihood}, ${risk.impact} impact.`;
}

/** The matrix as text, one sentence per risk in the given order: the SVG's `<desc>` and the slide's alt text. */
export function describeRiskMatrix(risks: readonly MatrixRisk[]): string {
  if (risks.length === 0) return 'No risks assessed.';
  return risks.map(describeRisk).join(' ');
}

/** What a "+N" badge stands for: `Also in this cell: 5, 6, 7.` */
export function describeBadge(badge: MatrixBadge): string {
  return `Also in this cell (${badge.likelihood}, ${badge.impact} impact): risks ${badge.risks.map((risk) => risk.number).join(', ')}.`;
}

function marker({ risk, x, y, r }: MatrixMarker): string {
  const label = String(risk.number);
  return (
    `<g class="bd-rm-risk" data-risk="${escapeXml(label)}"><title>${escapeXml(describeRisk(risk))}</title>` +
    `<circle class="bd-rm-marker" cx="${num(x)}" cy="${num(y)}" r="${num(r)}"/>` +
    `<text class="bd-rm-number" x="${num(x)}" y="${num(y)}" dy="0.35em" text-anchor="middle" font-size="${NUMBER_SIZE}">${escapeXml(label)}</text></g>`
  );
}

function badge(item: MatrixBadge): string {
  const numbers = item.risks.map((risk) => risk.number).join(' ');
  return (
    `<g class="bd-rm-more" data-risks="${numbers}"><title>${escapeXml(describeBadge(item))}</title>` +
    `<rect class="bd-rm-badge" x="${num(item.x - item.w / 2)}" y="${num(item.y - item.h / 2)}" width="${num(item.w)}" height="${num(item.h)}" rx="${num(item.h / 2)}"/>` +
    `<text class="bd-rm-badge-text" x="${num(item.x)}" y="${num(item.y)}" dy="0.35em" text-anchor="middle" font-size="${NUMBER_SIZE}">${item.text}</text></g>`
  );
}

const CLASSES: Record<MatrixLabel['kind'], string> = {
  term: 'bd-rm-term',
  range: 'bd-rm-range',
  axis: 'bd-rm-axis-title',
};

function label(item: MatrixLabel): string {
  return `<text class="${CLASSES[item.kind]}" x="${num(item.x)}" y="${num(item.y)}" text-anchor="${item.anchor}" font-size="${item.size}">${escapeXml(item.text)}</text>`;
}

/**
 * The risk matrix as an SVG string. Each cell has class `sev-1`…`sev-5`
 * from `severityOf`. Risks in one cell sit side by side in number order; a
 * cell with more than fit shows the first and a "+N" badge for the rest.
 */
export function renderRiskMatrix(risks: readonly MatrixRisk[], options: RiskMatrixOptions = {}): string {
  const p = idPrefix(options.idPrefix ?? 'bd-rm-');
  const title = options.title ?? 'Risk matrix: likelihood against impact';
  const layout = layOutRiskMatrix(risks, options.variant);
  const out: string[] = [];
  // At the top of its box, level with the key beside it.
  out.push(svgOpen('bd-viz-risk-matrix', layout.width, layout.height, `${p}title ${p}desc`, 'xMidYMin'));
  out.push(`<title id="${p}title">${escapeXml(title)}</title>`);
  out.push(`<desc id="${p}desc">${escapeXml(describeRiskMatrix(risks))}</desc>`);
  out.push('<g class="bd-rm-cells">');
  for (const cell of layout.cells) {
    out.push(
      `<rect class="bd-rm-cell sev-${cell.severity}" data-likelihood="${cell.likelihood}" data-impact="${cell.impact}" ` +
        `x="${num(cell.x)}" y="${num(cell.y)}" width="${cell.w}" height="${cell.h}"/>`,
    );
  }
  out.push('</g>');
  out.push(`<g class="bd-rm-axis" aria-hidden="true">${layout.labels.map(label).join('')}</g>`);
  out.push(drawMatrixChanges(layout));
  out.push('<g class="bd-rm-risks">');
  out.push(...layout.markers.map(marker), ...layout.badges.map(badge));
  out.push('</g>');
  out.push('</svg>');
  return out.join('');
}
