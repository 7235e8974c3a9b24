/**
 * The briefing's logo as a picture in the package, when it is a PNG or a
 * JPEG (an SVG logo would need a PNG beside it for PowerPoint, which the
 * slide model does not carry: it is left out). Its size is read from the
 * image's own header, to keep its proportions.
 */
import type { DeckModel } from '../../slides/types.js';
import { pictureXml, type ShapeIds } from './_xml.js';

export interface Logo {
  bytes: Uint8Array;
  extension: 'png' | 'jpeg';
  contentType: string;
  width: number;
  height: number;
  alt: string;
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

/** The deck's logo, if it is a PNG or JPEG whose size can be read. */
export function logoOf(model: DeckModel): Logo | undefined {
  const match = /^data:image\/(png|jpeg);base64,([A-Za-z0-9+/=]+)$/.exec(model.logo?.dataUri ?? '');
  if (!match || !model.logo) return undefined;
  const extension = match[1] as 'png' | 'jpeg';
  const bytes = Buffer.from(match[2] as string, 'base64');
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

/** Where the logo goes in the package, from a slide, layout or master part. */
export const logoPath = (logo: Logo): string => `ppt/media/logo.${logo.extension}`;
export const logoTarget = (logo: Logo): string => `../media/logo.${logo.extension}`;

/** The logo as a picture `height` px high (at most `maxWidth` wide) with its top left at (x, y). */
export function logoPicture(
  ids: ShapeIds,
  logo: Logo,
  relId: string,
  at: { x: number; y: number; height: number; maxWidth: number },
): string {
  const scale = Math.min(at.height / logo.height, at.maxWidth / logo.width);
  const rect = { x: at.x, y: at.y, w: logo.width * scale, h: logo.height * scale };
  return pictureXml(ids, { name: 'Logo', descr: logo.alt, relId, rect });
}
