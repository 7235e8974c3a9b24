/**
 * The frame every slide shares, in the deck's pixels: banners, heading,
 * body and footer, from the same layout numbers as the deck's stylesheet
 * (slides/layout.ts), so the body has the size the slide model was
 * paginated for.
 */
import type { Layout } from '../../slides/layout.js';
import { layoutFor } from '../../slides/layout.js';
import { pageOf } from '../../slides/paginate.js';
import type { DeckModel } from '../../slides/types.js';
import type { Logo } from './_logo.js';
import type { FontMetrics } from './_metrics.js';
import { type TextContext, textDirection } from './_text.js';
import type { Palette } from './_theme.js';
import type { Rect } from './_xml.js';

export interface Frame {
  width: number;
  height: number;
  padX: number;
  /** The banners' height, 0 when the briefing has no classification. */
  banner: number;
  /** The heading's box (the title placeholder) and the rule under it. */
  heading: Rect;
  headingSize: number;
  ruleY: number;
  ruleHeight: number;
  /** The slide body, where each slide's content goes. */
  body: Rect;
  foot: Rect;
  wide: boolean;
}

export function frameOf(model: DeckModel, layout: Layout): Frame {
  const s = layout.slide;
  const banner = model.classification ? s.bannerHeight : 0;
  const headingHeight = Math.ceil(s.headingSize * s.headingLineHeight);
  const page = pageOf(model.aspect, layout, model.classification !== undefined);
  const headTop = banner + s.headTop;
  const ruleY = headTop + headingHeight + s.headingGap;
  const bodyY = ruleY + s.headingRule + s.bodyTop;
  return {
    width: s.width,
    height: s.height,
    padX: s.padX,
    banner,
    heading: { x: s.padX, y: headTop, w: s.width - 2 * s.padX, h: headingHeight },
    headingSize: s.headingSize,
    ruleY,
    ruleHeight: s.headingRule,
    body: { x: s.padX, y: bodyY, w: page.width, h: page.height },
    foot: { x: s.padX, y: s.height - banner - s.footHeight, w: s.width - 2 * s.padX, h: s.footHeight },
    wide: page.wide,
  };
}

/** A figure's or the map's picture in the package (_pictures.ts). */
export interface PictureMedia {
  /** What every client shows. */
  raster: { bytes: Uint8Array; extension: 'png' | 'jpeg' };
  /** The vector original, for PowerPoint 2016+ (`asvg:svgBlip`). */
  svg?: Uint8Array;
}

/** What every slide is drawn with. */
export interface Deck {
  model: DeckModel;
  layout: Layout;
  frame: Frame;
  palette: Palette;
  metrics: FontMetrics;
  font: string;
  monoFont: string;
  /** The logo, when it is a picture PowerPoint can show (PNG, JPEG). */
  logo?: Logo;
  /** The figures' and the map's pictures, by figure number (_pictures.ts). */
  pictures: ReadonlyMap<number, PictureMedia>;
  /** The part name of the first sources slide (`slide10.xml`), where citations jump to. */
  sourcesSlide?: string;
}

/**
 * What writing the deck's text needs: its metrics, fonts and direction, and its links, in `linkColor`,
 * to where `linkId` sends them (nowhere unless given: the master and the notes have no links).
 */
export function textContextOf(
  deck: Deck,
  linkColor = deck.palette.link,
  linkId: TextContext['linkId'] = () => undefined,
): TextContext {
  const { metrics, font, monoFont, model } = deck;
  return { metrics, font, monoFont, linkColor, linkId, ...textDirection(model) };
}

export function layoutOf(model: DeckModel): Layout {
  return layoutFor(model.aspect);
}
