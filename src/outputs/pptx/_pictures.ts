/**
 * Figures and the locator map as pictures. A raster figure (PNG or JPEG) is
 * put in as the deck has it: decoded and encoded again without metadata
 * when the briefing was read (format/images.ts). A vector, the map or an
 * SVG figure, goes in twice, as Office 2016 and later write an SVG: a PNG
 * in `a:blip`, which every client shows (LibreOffice, Keynote, older
 * PowerPoint), and the SVG itself in the `asvg:svgBlip` extension, which
 * PowerPoint 2016+ and 365 draw instead, sharp at any size. The PNG is
 * rasterised by sharp (libvips and librsvg, offline) at RASTER_SCALE times
 * the size the picture is shown at, fit for print. The SVG figure is the
 * one the deck shows, which validation refused outright if it had a script,
 * an event, a foreignObject or any reference outside itself
 * (format/_imagesSvg.ts); the map is our own drawing, made standalone by
 * _mapPicture.ts.
 */
import type { DeckModel, FigureSlide, LocatorMapSlide, SlideModel } from '../../slides/types.js';
import type { Deck, PictureMedia } from './_frame.js';
import { standaloneMapSvg } from './_mapPicture.js';
import { REL_TYPES } from './_package.js';
import type { SlidePart } from './_part.js';
import { rasterise } from './_raster.js';
import type { Palette } from './_theme.js';
import { pictureXml, type Rect } from './_xml.js';

/**
 * Pixels of the PNG per CSS pixel of the slide: 2, about 190 dpi on a 16:9
 * slide printed 13.3 in wide, 230 dpi on A4 landscape; three times would
 * cost half as much again in time and file size, for the clients that do
 * not draw the SVG.
 */
export const RASTER_SCALE = 2;

function decodeDataUri(uri: string): { type: string; bytes: Uint8Array } | undefined {
  const match = /^data:(image\/(?:png|jpeg|svg\+xml));base64,([A-Za-z0-9+/=]+)$/.exec(uri);
  if (!match) return undefined;
  return { type: match[1] as string, bytes: new Uint8Array(Buffer.from(match[2] as string, 'base64')) };
}

/** The size a map is shown at: the body's width, its viewBox's proportions. */
export function mapSize(svgHtml: string, width: number): { width: number; height: number } {
  const box = /viewBox="\s*[\d.-]+[\s,]+[\d.-]+[\s,]+([\d.]+)[\s,]+([\d.]+)\s*"/.exec(svgHtml);
  const ratio = box ? Number(box[2]) / Number(box[1]) : 0.5;
  return { width, height: width * (Number.isFinite(ratio) && ratio > 0 ? ratio : 0.5) };
}

async function figureMedia(slide: FigureSlide): Promise<PictureMedia | undefined> {
  const image = decodeDataUri(slide.src);
  if (!image) return undefined;
  if (image.type === 'image/png' || image.type === 'image/jpeg')
    return { raster: { bytes: image.bytes, extension: image.type === 'image/png' ? 'png' : 'jpeg' } };
  const w = Math.round(slide.width * RASTER_SCALE);
  const h = Math.round(slide.height * RASTER_SCALE);
  return { raster: { bytes: await rasterise(image.bytes, w, h), extension: 'png' }, svg: image.bytes };
}

async function mapMedia(
  slide: LocatorMapSlide,
  bodyWidth: number,
  palette: Palette,
  font: string,
): Promise<PictureMedia> {
  const svg = new TextEncoder().encode(standaloneMapSvg(slide.svgHtml, palette, font));
  const size = mapSize(slide.svgHtml, bodyWidth);
  const png = await rasterise(
    svg,
    Math.round(size.width * RASTER_SCALE),
    Math.round(size.height * RASTER_SCALE),
  );
  return { raster: { bytes: png, extension: 'png' }, svg };
}

/** The pictures of a deck's figure and map slides, by figure number. */
export async function preparePictures(
  model: DeckModel,
  deck: Pick<Deck, 'palette' | 'font' | 'frame'>,
): Promise<Map<number, PictureMedia>> {
  const pictures = new Map<number, PictureMedia>();
  const visuals = model.slides.filter(
    (slide: SlideModel): slide is FigureSlide | LocatorMapSlide =>
      slide.kind === 'figure' || slide.kind === 'map',
  );
  for (const slide of visuals) {
    if (pictures.has(slide.figureNumber)) continue;
    const media =
      slide.kind === 'figure'
        ? await figureMedia(slide)
        : await mapMedia(slide, deck.frame.body.w, deck.palette, deck.font);
    if (media) pictures.set(slide.figureNumber, media);
  }
  return pictures;
}

/** Where a picture's files go in the package. */
export function mediaPaths(number: number, media: PictureMedia): { raster: string; svg?: string } {
  return {
    raster: `media/figure${number}.${media.raster.extension}`,
    ...(media.svg ? { svg: `media/figure${number}.svg` } : {}),
  };
}

/** A picture on the slide at `rect`, with its alt text; nothing when the slide's picture could not be read. */
export function placePicture(
  part: SlidePart,
  spec: { number: number; name: string; descr: string; rect: Rect },
): boolean {
  const media = part.deck.pictures.get(spec.number);
  if (!media) return false;
  const paths = mediaPaths(spec.number, media);
  const raster = part.rels.add(REL_TYPES.image, `../${paths.raster}`);
  const svgRelId = paths.svg ? part.rels.add(REL_TYPES.image, `../${paths.svg}`) : undefined;
  part.add(
    pictureXml(part.ids, {
      name: spec.name,
      descr: spec.descr,
      relId: raster,
      svgRelId,
      rect: spec.rect,
    }),
    { visual: spec.rect },
  );
  return true;
}
