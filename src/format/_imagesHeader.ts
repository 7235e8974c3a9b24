/**
 * What an image file is, from its first bytes, and a raster's size from its
 * header, without decoding a pixel: a file that claims 50,000 × 50,000 px
 * is refused before anything allocates memory for it. Every read is
 * bounds-checked; a header that ends early says so.
 */

export type ImageMediaType = 'image/png' | 'image/jpeg' | 'image/webp' | 'image/svg+xml';

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

function startsWith(bytes: Uint8Array, prefix: readonly number[], at = 0): boolean {
  return prefix.every((byte, i) => bytes[at + i] === byte);
}

function ascii(bytes: Uint8Array, from: number, length: number): string {
  return String.fromCharCode(...bytes.subarray(from, from + length));
}

/**
 * Text that may begin an SVG file: a BOM, white space, then an XML
 * declaration or another processing instruction, a comment, a DOCTYPE or
 * the `<svg` tag itself. Whether it
 * really is an SVG file the SVG check decides (it must parse, with an `svg`
 * root in the SVG namespace).
 */
const SVG_START = /^\uFEFF?\s*(<\?[a-z]|<!--|<!DOCTYPE\s+svg[\s>[]|<svg[\s>/])/i;

/** The image type by the first bytes, never by the file's name: PNG, JPEG, WebP, or SVG text. */
export function sniffImage(bytes: Uint8Array): ImageMediaType | undefined {
  if (startsWith(bytes, PNG_SIGNATURE)) return 'image/png';
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return 'image/jpeg';
  if (ascii(bytes, 0, 4) === 'RIFF' && ascii(bytes, 8, 4) === 'WEBP') return 'image/webp';
  const head = new TextDecoder('utf-8', { fatal: false }).decode(bytes.subarray(0, 512));
  if (SVG_START.test(head) && /<svg[\s>/]/i.test(new TextDecoder().decode(bytes.subarray(0, 64 * 1024))))
    return 'image/svg+xml';
  return undefined;
}

/** What a file that is not an accepted image seems to be, for the message; undefined if nothing known. */
export function otherFileType(bytes: Uint8Array): string | undefined {
  const head = ascii(bytes, 0, 16);
  if (head.startsWith('GIF87a') || head.startsWith('GIF89a')) return 'a GIF image';
  if (head.startsWith('BM')) return 'a BMP image';
  if (head.startsWith('II*\0') || head.startsWith('MM\0*')) return 'a TIFF image';
  if (ascii(bytes, 4, 4) === 'ftyp') {
    const brand = ascii(bytes, 8, 4);
    if (brand.startsWith('avi')) return 'an AVIF image';
    if (brand.startsWith('hei') || brand.startsWith('mif')) return 'a HEIC image';
    return 'a video or an ISO media file';
  }
  if (head.startsWith('%PDF')) return 'a PDF document';
  if (head.startsWith('PK\x03\x04')) return 'a ZIP archive (or an Office document)';
  const text = new TextDecoder().decode(bytes.subarray(0, 512)).trimStart().toLowerCase();
  if (text.startsWith('<!doctype html') || text.startsWith('<html')) return 'an HTML page';
  if (startsWith(bytes, [0xfe, 0xff]) || startsWith(bytes, [0xff, 0xfe])) return 'UTF-16 text';
  return undefined;
}

export type HeaderSize = { width: number; height: number } | { problem: string };

const ENDS_EARLY: HeaderSize = { problem: 'is damaged: its header ends early' };

function pngSize(bytes: Uint8Array): HeaderSize {
  if (bytes.length < 24) return ENDS_EARLY;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (view.getUint32(8) !== 13 || ascii(bytes, 12, 4) !== 'IHDR')
    return { problem: 'is damaged: it does not start with an IHDR header' };
  return { width: view.getUint32(16), height: view.getUint32(20) };
}

/** Start-of-frame markers: baseline, extended, progressive, lossless, hierarchical, arithmetic. */
const SOF = new Set([0xc0, 0xc1, 0xc2, 0xc3, 0xc5, 0xc6, 0xc7, 0xc9, 0xca, 0xcb, 0xcd, 0xce, 0xcf]);

/** Walks the JPEG's marker segments to the first start of frame. */
function jpegSize(bytes: Uint8Array): HeaderSize {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let at = 2;
  for (let segments = 0; segments < 10_000; segments++) {
    while (at < bytes.length && bytes[at] === 0xff && bytes[at + 1] === 0xff) at++; // fill bytes
    if (at + 4 > bytes.length) return ENDS_EARLY;
    if (bytes[at] !== 0xff) return { problem: 'is damaged: its JPEG markers are broken' };
    const marker = bytes[at + 1] as number;
    if (marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) {
      at += 2; // markers without a length
      continue;
    }
    if (marker === 0xd9 || marker === 0xda) return { problem: 'is damaged: it has no frame header' };
    const length = view.getUint16(at + 2);
    if (length < 2) return { problem: 'is damaged: its JPEG markers are broken' };
    if (SOF.has(marker)) {
      if (at + 9 > bytes.length) return ENDS_EARLY;
      return { height: view.getUint16(at + 5), width: view.getUint16(at + 7) };
    }
    at += 2 + length;
  }
  return { problem: 'is damaged: its JPEG markers are broken' };
}

function webpSize(bytes: Uint8Array): HeaderSize {
  if (bytes.length < 30) return ENDS_EARLY;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const chunk = ascii(bytes, 12, 4);
  if (chunk === 'VP8 ') {
    if (!startsWith(bytes, [0x9d, 0x01, 0x2a], 23))
      return { problem: 'is damaged: its WebP frame header is broken' };
    return { width: view.getUint16(26, true) & 0x3fff, height: view.getUint16(28, true) & 0x3fff };
  }
  if (chunk === 'VP8L') {
    if (bytes[20] !== 0x2f) return { problem: 'is damaged: its WebP header is broken' };
    const bits = view.getUint32(21, true);
    return { width: (bits & 0x3fff) + 1, height: ((bits >>> 14) & 0x3fff) + 1 };
  }
  if (chunk === 'VP8X') {
    const uint24 = (at: number) =>
      (bytes[at] as number) | ((bytes[at + 1] as number) << 8) | ((bytes[at + 2] as number) << 16);
    return { width: uint24(24) + 1, height: uint24(27) + 1 };
  }
  return { problem: 'is damaged: its WebP header is broken' };
}

/** A raster's size as its header states it. */
export function rasterSize(
  bytes: Uint8Array,
  mediaType: Exclude<ImageMediaType, 'image/svg+xml'>,
): HeaderSize {
  const size =
    mediaType === 'image/png'
      ? pngSize(bytes)
      : mediaType === 'image/jpeg'
        ? jpegSize(bytes)
        : webpSize(bytes);
  if ('width' in size && (size.width === 0 || size.height === 0))
    return { problem: `is damaged: its header says it is ${size.width} × ${size.height} px` };
  return size;
}
