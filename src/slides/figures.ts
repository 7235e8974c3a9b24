/**
 * Figures and the locator map (issue 18), each on its own slide after the
 * group it follows. A figure's image is as large as the slide body allows
 * once its caption is set under it, without cropping and never past its
 * natural size (a vector image may grow); the map is drawn to fill the body
 * above its caption. The caption's sizes are those of themes/figures.css.
 * Each slide's speaker notes are its text equivalent, for the briefer to
 * describe it.
 */
import type { FigureItem, MapItem, VisualItem } from '../content/index.js';
import { escapeHtml } from '../content/markdown.js';
import { mapCaption } from '../content/visuals.js';
import { type Problem, problemAt } from '../errors.js';
import type { Briefing, VisualGroup } from '../format/briefing.js';
import type { SlideBuilder, SlideContext } from './_group.js';
import { textHeight } from './paginate.js';
import type { DeckModel, FigureSlide, LocatorMapSlide } from './types.js';

/** The caption's type and the gap above it, in CSS px (themes/figures.css: .bd-figure-caption, .bd-figure-credit). */
export const FIGURE_CAPTION = {
  size: 20,
  lineHeight: 1.3,
  creditSize: 16,
  creditLineHeight: 1.3,
  gap: 10,
} as const;

/** The caption under a figure or the map, as the slide sets it, in plain words (for measuring). */
function captionLines(caption: string, credit: string | undefined): { caption: string; credit: string } {
  return { caption, credit: credit ? `Credit: ${credit} [99]` : '' };
}

/** Height of the caption block set `width` px wide. */
function captionHeight(caption: string, credit: string | undefined, width: number): number {
  const lines = captionLines(caption, credit);
  const c = FIGURE_CAPTION;
  const text = textHeight(lines.caption, width, { size: c.size, lineHeight: c.lineHeight });
  const byline = textHeight(lines.credit, width, { size: c.creditSize, lineHeight: c.creditLineHeight });
  return c.gap + text + byline;
}

/** The size an image of `natural` size is shown at in a box: as large as fits, never past natural unless vector. */
export function fitImage(
  natural: { width: number; height: number },
  box: { width: number; height: number },
  vector: boolean,
): { width: number; height: number } {
  const fit = Math.min(box.width / natural.width, box.height / natural.height);
  const scale = vector ? fit : Math.min(1, fit);
  return {
    width: Math.max(1, Math.floor(natural.width * scale)),
    height: Math.max(1, Math.floor(natural.height * scale)),
  };
}

function figureSlide(build: SlideBuilder, figure: FigureItem, { page }: SlideContext): void {
  const caption = `Figure ${figure.number}. ${figure.caption}`;
  const box = { width: page.width, height: page.height - captionHeight(caption, figure.credit, page.width) };
  const size = fitImage({ width: figure.naturalWidth, height: figure.naturalHeight }, box, figure.vector);
  build.add<FigureSlide>(
    null,
    [
      {
        figureNumber: figure.number,
        src: figure.dataUri,
        alt: figure.alt,
        ...size,
        captionHtml: figure.captionHtml,
        ...(figure.credit ? { credit: figure.credit } : {}),
        citationHtml: figure.citationHtml,
      },
    ],
    {
      kind: 'figure',
      heading: `Figure ${figure.number}`,
      yamlPath: () => figure.yamlPath,
      itemNotes: () => [`<p>${escapeHtml(figure.alt)}</p>`],
    },
  );
}

/**
 * The map as large as the slide allows under its caption. The caption names the places outside the
 * map, known once it is drawn: where they need room, the map is drawn again shorter (a shorter map
 * can leave out more, so until the caption stands).
 */
function mapSlide(build: SlideBuilder, map: MapItem, { page }: SlideContext): void {
  const heightUnder = (hidden: readonly string[]) =>
    Math.floor(
      page.height - captionHeight(`Figure ${map.number}. ${mapCaption(map, hidden)}`, undefined, page.width),
    );
  let height = heightUnder([]);
  let drawn = map.draw(page.width, height);
  for (let tries = 0; tries < 3 && heightUnder(drawn.hidden) < height; tries++) {
    height = heightUnder(drawn.hidden);
    drawn = map.draw(page.width, height);
  }
  build.add<LocatorMapSlide>(
    null,
    [
      {
        figureNumber: map.number,
        caption: mapCaption(map, drawn.hidden),
        svgHtml: drawn.svg,
        description: drawn.description,
        numbered: map.numbered,
        hidden: drawn.hidden,
        outside: drawn.outside,
        unlabelled: drawn.unlabelled,
        labelsOutside: drawn.labelsOutside,
      },
    ],
    {
      kind: 'map',
      heading: map.title,
      yamlPath: () => map.yamlPath,
      itemNotes: () => [`<p>${escapeHtml(drawn.description)}</p>`],
    },
  );
}

/** The slides of the figures and the map that follow `after`, in their order. */
export function visualSlides(
  build: SlideBuilder,
  visuals: readonly VisualItem[],
  context: SlideContext,
  after: VisualGroup,
): void {
  for (const visual of visuals) {
    if (visual.after !== after) continue;
    if (visual.kind === 'figure') figureSlide(build, visual, context);
    else mapSlide(build, visual, context);
  }
}

/**
 * What the map's slide left off, a warning at each: the places outside it (named in its caption),
 * and the area labels it found no room for.
 */
export function mapWarnings(briefing: Briefing, model: DeckModel): Problem[] {
  const at = (path: string, message: string, hint: string) => problemAt(briefing, path, message, hint);
  return model.slides.flatMap((slide) =>
    slide.kind !== 'map'
      ? []
      : [
          ...slide.outside.map((index) =>
            at(
              `locations[${index}].lat`,
              `"${briefing.locations[index]?.name ?? ''}" lies outside the map and is left off it`,
              'the caption names it; check its coordinates, or widen map.countries or map.bbox',
            ),
          ),
          ...slide.labelsOutside.map((index) =>
            at(
              `map.labels[${index}]`,
              `"${briefing.map?.labels[index]?.name ?? ''}" lies outside the map and is left off it`,
              'check its coordinates, or widen map.countries or map.bbox',
            ),
          ),
          ...slide.unlabelled.map((index) =>
            at(
              `map.labels[${index}]`,
              `"${briefing.map?.labels[index]?.name ?? ''}" finds no room on the map's slide and is left off it`,
              'move it away from the places and their names, or shorten it',
            ),
          ),
        ],
  );
}
