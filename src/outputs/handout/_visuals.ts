/**
 * Figures and the locator map in the handout (issue 18): at the same place
 * as in the deck, at the text width, "Figure N" with the caption, the map
 * drawn for the page and numbered with the figures.
 */
import type { Content, RiskItem, VisualItem } from '../../content/index.js';
import { escapeHtml } from '../../content/markdown.js';
import { mapCaption } from '../../content/visuals.js';
import type { VisualGroup } from '../../format/briefing.js';
import { matrixRisk } from '../../slides/risks.js';
import { renderRiskMatrix } from '../../slides/visuals/riskMatrix.js';

/** The handout's text width and the map's height on the page, in CSS px (A4 and letter less 2 × 20 mm). */
export const HANDOUT_MAP_SIZE = { width: 640, height: 420 } as const;
/**
 * The SVG maps (locator and actor map) set their type at 16 units, for slides; the handout draws them
 * this much larger than it shows them, which prints that type at 16 × 640 / 940 px, 8.2 pt: never under
 * the 8 pt that anything in the handout must have, and no larger than it needs to be.
 */
export const HANDOUT_DRAWING_SCALE = 940 / 640;
/** The tallest a figure is shown, in CSS px (about 120 mm), so that it and its caption fit a page. */
const MAX_FIGURE_HEIGHT = 450;

export interface HandoutVisual {
  anchor: string;
  number: number;
  image?: { src: string; alt: string; width: number; height: number };
  svgHtml?: string;
  /** Inline HTML after "Figure N." */
  captionHtml: string;
  credit?: string;
  citationHtml: string;
  /** In a measuring print, the id of an empty element before the map (see `withMapHeight`). */
  probeBefore?: string;
}

/** `visual` as the handout shows it; a map drawn `mapHeight` CSS px high at the text width. */
function handoutVisual(visual: VisualItem, mapHeight: number = HANDOUT_MAP_SIZE.height): HandoutVisual {
  if (visual.kind === 'map') {
    const map = visual.draw(
      Math.round(HANDOUT_MAP_SIZE.width * HANDOUT_DRAWING_SCALE),
      Math.round(mapHeight * HANDOUT_DRAWING_SCALE),
      'ho-map-',
    );
    return {
      anchor: visual.anchor,
      number: visual.number,
      svgHtml: map.svg,
      captionHtml: escapeHtml(mapCaption(visual, map.hidden)),
      citationHtml: '',
    };
  }
  const scale = Math.min(
    1,
    HANDOUT_MAP_SIZE.width / visual.naturalWidth,
    MAX_FIGURE_HEIGHT / visual.naturalHeight,
  );
  const grow = visual.vector
    ? Math.min(HANDOUT_MAP_SIZE.width / visual.naturalWidth, MAX_FIGURE_HEIGHT / visual.naturalHeight)
    : scale;
  return {
    anchor: visual.anchor,
    number: visual.number,
    image: {
      src: visual.dataUri,
      alt: visual.alt,
      width: Math.max(1, Math.floor(visual.naturalWidth * grow)),
      height: Math.max(1, Math.floor(visual.naturalHeight * grow)),
    },
    captionHtml: visual.captionHtml,
    ...(visual.credit ? { credit: visual.credit } : {}),
    citationHtml: visual.citationHtml,
  };
}

/** A figure or the map in the handout's body; the map can be drawn again at another height (`drawMap`). */
export interface VisualUnit {
  id: string;
  kind: 'visual';
  visual: HandoutVisual;
  drawMap?: (height: number) => HandoutVisual;
}

/** The units of the figures and the map that follow `after`. */
export function visualUnits(content: Content, after: VisualGroup): VisualUnit[] {
  return content.visuals
    .filter((visual) => visual.after === after)
    .map((visual) => ({
      id: visual.anchor,
      kind: 'visual',
      visual: handoutVisual(visual),
      ...(visual.kind === 'map' ? { drawMap: (height: number) => handoutVisual(visual, height) } : {}),
    }));
}

/**
 * The risk matrix of the first page: the slides' risks and moves, in the print variant (each
 * likelihood's range beside its term, lower cells), which the page shows at a width that prints its
 * type at 8 pt or more (themes/handout.css).
 */
export function printMatrix(risks: readonly RiskItem[]): string {
  return renderRiskMatrix(risks.map(matrixRisk), { idPrefix: 'ho-rm-', variant: 'print' });
}
