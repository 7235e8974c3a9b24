/**
 * The briefing's logo as a picture in the package, when it is a PNG or a
 * JPEG (an SVG logo would need a PNG beside it for PowerPoint, which the
 * slide model does not carry: it is left out). Its size is read from the
 * image's own header, to keep its proportions.
 */
import type { DeckModel } from '../../slides/types.js';
import { REL_TYPES, type Rels } from './_package.js';
import { rasterise, svgSize } from './_raster.js';
import { pictureXml, type ShapeIds } from './_xml.js';

export interface Logo {
  /** What every client shows: the PNG or JPEG, or a PNG of the SVG. */
  bytes: Uint8Array;
  extension: 'png' | 'jpeg';
  contentType: string;
  /** Its size in px, for its proportions. */
  width: number;
  height: number;
  alt: string;
  /** An SVG logo as it is, for PowerPoint 2016+ (`asvg:svgBlip`). */
  svg?: Uint8Array;
}

function pngSize(bytes: Buffer): { width: number; height: number } | undefined {
  if (bytes.length < 24 || bytes.toString('latin1', 12, 16) !== 'IHDR') return undefined;
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

/** The size in a JPEG's first start-of-frame marker. */
function jpegSize(bytes: Buffer): { width: number; height: number } | undefined {
  let at = 2;
  while (at + 9 < bytes.length && bytes[at] === 0xff) {
    const marker = bytes[at + 1] as number;
    const length = bytes.readUInt16BE(at + 2);
    const frame = marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc;
    if (frame) return { height: bytes.readUInt16BE(at + 5), width: bytes.readUInt16BE(at + 7) };
    at += 2 + length;
  }
  return undefined;
}

/** The logo's largest size on a slide (the title slide's, 72 px high, 260 px wide at most), rasterised at twice it. */
const LOGO_RASTER = { height: 2 * 72, width: 2 * 260 };

/** An SVG logo: a PNG of it for every client, the SVG for PowerPoint 2016+. */
async function svgLogo(bytes: Uint8Array, alt: string): Promise<Logo | undefined> {
  const size = await svgSize(bytes);
  if (size.width <= 0 || size.height <= 0) return undefined;
  const scale = Math.min(LOGO_RASTER.height / size.height, LOGO_RASTER.width / size.width);
  const png = await rasterise(bytes, Math.round(size.width * scale), Math.round(size.height * scale));
  return { bytes: png, extension: 'png', contentType: 'image/png', ...size, alt, svg: bytes };
}

/** The deck's logo: a PNG or JPEG whose size can be read, or an SVG (with a PNG of it). */
export async function logoOf(model: DeckModel): Promise<Logo | undefined> {
  const match = /^data:image\/(png|jpeg|svg\+xml);base64,([A-Za-z0-9+/=]+)$/.exec(model.logo?.dataUri ?? '');
  if (!match || !model.logo) return undefined;
  const bytes = Buffer.from(match[2] as string, 'base64');
  if (match[1] === 'svg+xml') return svgLogo(new Uint8Array(bytes), model.logo.alt);
  const extension = match[1] as 'png' | 'jpeg';
  const size = extension === 'png' ? pngSize(bytes) : jpegSize(bytes);
  if (!size || size.width <= 0 || size.height <= 0) return undefined;
  return {
    bytes: new Uint8Array(bytes),
    extension,
    contentType: `image/${extension}`,
    ...size,
    alt: model.logo.alt,
  };
}

/** Puts the logo's files in the package (`media(path, extension, contentType, bytes)`). */
export function addLogoMedia(
  logo: Logo,
  media: (path: string, extension: string, contentType: string, bytes: Uint8Array) => void,
): void {
  media(`ppt/media/logo.${logo.extension}`, logo.extension, logo.contentType, logo.bytes);
  if (logo.svg) media('ppt/media/logo.svg', 'svg', 'image/svg+xml', logo.svg);
}

/** The relationships of a part (a slide, a layout, the master) to the logo's files. */
export function logoRels(logo: Logo, rels: Rels): LogoRels {
  return {
    relId: rels.add(REL_TYPES.image, `../media/logo.${logo.extension}`),
    ...(logo.svg ? { svgRelId: rels.add(REL_TYPES.image, '../media/logo.svg') } : {}),
  };
}

export interface LogoRels {
  relId: string;
  svgRelId?: string;
}

/** The logo as a picture `height` px high (at most `maxWidth` wide) with its top left at (x, y). */
export function logoPicture(
  ids: ShapeIds,
  logo: Logo,
  rels: LogoRels,
  at: { x: number; y: number; height: number; maxWidth: number },
): string {
  const scale = Math.min(at.height / logo.height, at.maxWidth / logo.width);
  const rect = { x: at.x, y: at.y, w: logo.width * scale, h: logo.height * scale };
  return pictureXml(ids, { name: 'Logo', descr: logo.alt, ...rels, rect });
}
