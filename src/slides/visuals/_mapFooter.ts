/**
 * The strip under the locator map: the key of places shown by letter (if
 * any), the legend of marker symbols (beside the disclaimer when it fits,
 * else on its own line), the boundary disclaimer with the data's credit,
 * and the scale bar. Planned before the map is placed, since its height
 * takes room from the map.
 */
import { textWidth } from '../../format/textMetrics.js';
import {
  KEY_LINE_H,
  KEY_SIZE,
  keyLines,
  MAP_TEXT,
  type MarkerSymbol,
  SCALE_BAR,
  scaleBar,
  symbolOf,
  symbolShape,
} from './_mapDraw.js';
import type { FooterPlan, Placement } from './_mapTypes.js';
import { escapeXml, num } from './_svg.js';

export const DISCLAIMER = 'Boundaries are not necessarily authoritative.';
const CREDIT = 'Outlines: Natural Earth.';
const FOOTER_SIZE = MAP_TEXT;
/** The footer's height with the disclaimer line alone, and from its bottom up to that line's baseline. */
const BASE_H = 34;
const BASELINE_UP = 10;
const LEGEND_NAMES: Record<MarkerSymbol, string> = {
  circle: 'place',
  square: 'site',
  diamond: 'incident',
  key: '',
};
const SYMBOL_ORDER: readonly MarkerSymbol[] = ['circle', 'square', 'diamond'];

/** The longest the scale bar may be, in SVG units. */
export function scaleBarRoom(width: number): number {
  return Math.min(230, width * 0.22);
}

function legendWidth(symbols: readonly MarkerSymbol[]): number {
  return symbols.reduce(
    (sum, symbol) => sum + 17 + textWidth(LEGEND_NAMES[symbol], FOOTER_SIZE) * 1.05 + 14,
    0,
  );
}

/**
 * The footer for markers of `kinds` (places with a label) and places keyed
 * by `keyed`, on a map `width` × `height`. The key takes at most a third of
 * the height (past that it ends in an ellipsis; the alt text names every place).
 */
export function planFooter(
  kinds: readonly (string | undefined)[],
  keyed: readonly string[],
  width: number,
  height: number,
): FooterPlan {
  const used = new Set(kinds.map(symbolOf));
  const symbols = used.size < 2 ? [] : SYMBOL_ORDER.filter((symbol) => used.has(symbol));
  const disclaimer = textWidth(`${DISCLAIMER} ${CREDIT}`, FOOTER_SIZE) * 1.05;
  const scale = scaleBarRoom(width) + textWidth(' km', MAP_TEXT) + 24;
  const legendOwnLine = symbols.length > 0 && 4 + disclaimer + 16 + legendWidth(symbols) + scale > width;
  const lines = keyLines(keyed, width, Math.max(2, Math.floor(height / 3 / KEY_LINE_H)));
  return {
    keyLines: lines,
    symbols,
    legendOwnLine,
    height: BASE_H + (lines.length + (legendOwnLine ? 1 : 0)) * KEY_LINE_H,
  };
}

/** The scale bar's length in km: 1, 2 or 5 × 10ⁿ, the nearest (on a log scale) to `target` units, at most `most`. */
export function scaleBarKm(kmPerUnit: number, target: number, most: number): number {
  const wanted = kmPerUnit * target;
  let best = 0.1;
  for (const power of [-1, 0, 1, 2, 3, 4])
    for (const step of [1, 2, 5]) {
      const km = Number((step * 10 ** power).toPrecision(1));
      if (km / kmPerUnit > most) continue;
      if (Math.abs(Math.log(km / wanted)) < Math.abs(Math.log(best / wanted))) best = km;
    }
  return best;
}

/** The legend, from `x` (or ending at `right` when `x` is undefined), on `baseline`. */
function drawLegend(symbols: readonly MarkerSymbol[], baseline: number, x: number): string {
  let left = x;
  let out = '<g class="bd-map-legend">';
  for (const symbol of symbols) {
    out += symbolShape(symbol, left + 6, baseline - 5.5, 5.5);
    out += `<text class="bd-map-legend-text" x="${num(left + 17)}" y="${num(baseline)}" font-size="${FOOTER_SIZE}">${LEGEND_NAMES[symbol]}</text>`;
    left += 17 + textWidth(LEGEND_NAMES[symbol], FOOTER_SIZE) * 1.05 + 14;
  }
  return `${out}</g>`;
}

export function drawFooter(placement: Placement, width: number): string {
  const { footer, view, plan } = placement;
  const out: string[] = ['<g class="bd-map-footer">'];
  plan.keyLines.forEach((line, i) => {
    out.push(
      `<text class="bd-map-key" x="4" y="${num(footer.y + 19 + i * KEY_LINE_H)}" font-size="${KEY_SIZE}">${escapeXml(line)}</text>`,
    );
  });
  const baseline = footer.y + footer.height - BASELINE_UP;
  out.push(
    `<text class="bd-map-disclaimer" x="4" y="${num(baseline)}" font-size="${FOOTER_SIZE}">${DISCLAIMER} ${CREDIT}</text>`,
  );
  const km = scaleBarKm(view.kmPerUnit, Math.min(140, width * 0.13), scaleBarRoom(width));
  const length = km / view.kmPerUnit;
  const scaleLeft = width - 14 - textWidth(' km', MAP_TEXT) - length;
  out.push(scaleBar(scaleLeft, baseline - SCALE_BAR.baseline, km, length));
  if (plan.symbols.length > 0) {
    const legend = legendWidth(plan.symbols);
    out.push(
      plan.legendOwnLine
        ? drawLegend(plan.symbols, baseline - KEY_LINE_H, 4)
        : drawLegend(plan.symbols, baseline, scaleLeft - 24 - legend),
    );
  }
  out.push('</g>');
  return out.join('');
}
