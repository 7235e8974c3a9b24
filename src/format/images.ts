/**
 * Image files a briefing names (figures; the logo could share it), treated
 * as untrusted. `checkImage` is what validation needs, synchronous and
 * cheap: the type by the first bytes (never by the name), at most 10 MiB,
 * a raster's size read from its header before anything is decoded (at most
 * 10,000 px a side), an SVG parsed and refused if it could run code or
 * reach outside itself (_imagesSvg.ts). `prepareImage` then gives what goes
 * into the deck and the PDFs as a data: URI: a raster decoded and encoded
 * again by sharp (libvips) with no metadata, so nothing but pixels
 * survives (a polyglot's payload, EXIF and GPS tags included), scaled down
 * to at most twice the size it is shown at; an SVG byte for byte.
 *
 * Problems are returned as messages, never thrown, all at once: the caller
 * reports them as `FILE:LINE:COL: figures[i].file: message`.
 */
import { createRequire } from 'node:module';
import type Sharp from 'sharp';
import {
  type HeaderSize,
  type ImageMediaType,
  otherFileType,
  rasterSize,
  sniffImage,
} from './_imagesHeader.js';
import { checkSvgText } from './_imagesSvg.js';
import { type Message, truncate } from './format.js';
import { firstInvalidUtf8 } from './load.js';

export { type ImageMediaType, sniffImage };

export const MAX_IMAGE_BYTES = 10 * 1024 * 1024;
export const MAX_IMAGE_SIDE = 10_000;

export const IMAGE_TYPES: readonly ImageMediaType[] = [
  'image/png',
  'image/jpeg',
  'image/webp',
  'image/svg+xml',
];

const TYPE_NAMES: Record<ImageMediaType, string> = {
  'image/png': 'PNG',
  'image/jpeg': 'JPEG',
  'image/webp': 'WebP',
  'image/svg+xml': 'SVG',
};

/** An image that passed the checks: its type, and its size in px (an SVG's as its root declares it). */
export interface CheckedImage {
  mediaType: ImageMediaType;
  width: number;
  height: number;
}

/** An image ready for a data: URI. */
export interface PreparedImage extends CheckedImage {
  bytes: Uint8Array;
}

export interface ImageCheckOptions {
  /** The name as the briefing writes it, for messages (`"map.png" is …`) and the name-against-content warning. */
  name?: string;
  /** The types allowed here (default all four). */
  accept?: readonly ImageMediaType[];
}

export type ImageCheck = { image: CheckedImage; warnings: string[] } | { problems: Message[] };

/** "a PNG", "an SVG". */
function aType(type: ImageMediaType): string {
  return `${type === 'image/svg+xml' ? 'an' : 'a'} ${TYPE_NAMES[type]}`;
}

function list(names: readonly string[]): string {
  return names.length <= 1 ? names.join('') : `${names.slice(0, -1).join(', ')} or ${names.at(-1)}`;
}

function mebibytes(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(bytes < 10 * 1024 * 1024 ? 1 : 0)} MiB`;
}

/** A warning when the name's extension says another type than the content (the content wins). */
function nameWarning(name: string | undefined, mediaType: ImageMediaType): string[] {
  const extension = /\.([a-z0-9]+)$/i.exec(name ?? '')?.[1]?.toLowerCase();
  const byName: Record<string, ImageMediaType> = {
    png: 'image/png',
    jpg: 'image/jpeg',
    jpeg: 'image/jpeg',
    webp: 'image/webp',
    svg: 'image/svg+xml',
  };
  const expected = extension ? byName[extension] : undefined;
  if (!expected || expected === mediaType) return [];
  return [
    `"${truncate(name ?? '')}" is ${aType(mediaType)} image, not ${TYPE_NAMES[expected]} as its name says; it is used as ${TYPE_NAMES[mediaType]}`,
  ];
}

function checkSvg(
  bytes: Uint8Array,
  quoted: string,
): { width: number; height: number } | { problems: Message[] } {
  if (firstInvalidUtf8(bytes) !== undefined)
    return { problems: [{ message: `${quoted} is not valid UTF-8 text`, hint: 'save the SVG as UTF-8' }] };
  const text = new TextDecoder().decode(bytes).replace(/^\uFEFF/, '');
  const checked = checkSvgText(text);
  if ('problems' in checked)
    return {
      problems: checked.problems.map((problem) => ({
        message: `${quoted} ${problem.message}`,
        ...(problem.hint ? { hint: problem.hint } : {}),
      })),
    };
  return checked;
}

/**
 * Checks image bytes without decoding them: type, size in bytes, size in
 * px, and an SVG's content. Every problem found is returned at once.
 */
export function checkImage(bytes: Uint8Array, options: ImageCheckOptions = {}): ImageCheck {
  const quoted = options.name === undefined ? 'the image' : `"${truncate(options.name)}"`;
  const accept = options.accept ?? IMAGE_TYPES;
  if (bytes.length > MAX_IMAGE_BYTES)
    return {
      problems: [
        {
          message: `${quoted} is ${mebibytes(bytes.length)}; an image may be at most ${mebibytes(MAX_IMAGE_BYTES)}`,
          hint: 'scale it down or save it with more compression',
        },
      ],
    };
  const mediaType = sniffImage(bytes);
  if (!mediaType || !accept.includes(mediaType)) {
    const seems = mediaType ? `${aType(mediaType)} image` : otherFileType(bytes);
    return {
      problems: [
        {
          message: `${quoted} is not a ${list(accept.map((type) => TYPE_NAMES[type]))} image${seems ? ` (it is ${seems})` : ''}`,
          hint: `convert it to ${list(accept.map((type) => TYPE_NAMES[type]))}`,
        },
      ],
    };
  }
  const size: HeaderSize | { problems: Message[] } =
    mediaType === 'image/svg+xml' ? checkSvg(bytes, quoted) : rasterSize(bytes, mediaType);
  if ('problems' in size) return size;
  if ('problem' in size) return { problems: [{ message: `${quoted} ${size.problem}` }] };
  if (mediaType !== 'image/svg+xml' && (size.width > MAX_IMAGE_SIDE || size.height > MAX_IMAGE_SIDE))
    return {
      problems: [
        {
          message: `${quoted} is ${size.width} × ${size.height} px; an image may be at most ${MAX_IMAGE_SIDE} px on a side`,
          hint: 'scale it down',
        },
      ],
    };
  return {
    image: { mediaType, width: size.width, height: size.height },
    warnings: nameWarning(options.name, mediaType),
  };
}

const require = createRequire(import.meta.url);
let sharpModule: typeof Sharp | undefined;

/** sharp, loaded on the first image to prepare (its native library costs a build without images nothing). */
export function sharp(): typeof Sharp {
  if (!sharpModule) {
    sharpModule = require('sharp') as typeof Sharp;
    // One image at a time, each read once: no cache of decoded images kept between them.
    sharpModule.cache(false);
  }
  return sharpModule;
}

export interface PrepareOptions extends ImageCheckOptions {
  /** The largest size the image is shown at, in CSS px; rasters are scaled down to at most twice that. */
  shownWidth: number;
  shownHeight: number;
}

/**
 * Checks the image, then makes what goes into the outputs: a raster
 * decoded (at most MAX_IMAGE_SIDE² px, a truncated or corrupt file
 * refused), turned upright by its EXIF orientation, scaled down to fit
 * twice the shown size (never up), and encoded again without metadata:
 * JPEG stays JPEG (quality 85), PNG stays PNG (lossless), WebP becomes
 * JPEG, or PNG if it has transparency (Chromium would store WebP in a PDF
 * uncompressed). An SVG is returned as it is.
 */
export async function prepareImage(
  bytes: Uint8Array,
  options: PrepareOptions,
): Promise<{ image: PreparedImage; warnings: string[] } | { problems: Message[] }> {
  const checked = checkImage(bytes, options);
  if ('problems' in checked) return checked;
  const { image, warnings } = checked;
  if (image.mediaType === 'image/svg+xml') return { image: { ...image, bytes }, warnings };
  const quoted = options.name === undefined ? 'the image' : `"${truncate(options.name)}"`;
  try {
    const input = sharp()(bytes, {
      limitInputPixels: MAX_IMAGE_SIDE * MAX_IMAGE_SIDE,
      sequentialRead: true,
      failOn: 'error',
    });
    const { hasAlpha } = await input.metadata();
    const pipeline = input.rotate().resize({
      width: Math.max(1, Math.round(2 * options.shownWidth)),
      height: Math.max(1, Math.round(2 * options.shownHeight)),
      fit: 'inside',
      withoutEnlargement: true,
    });
    const asPng = image.mediaType === 'image/png' || (image.mediaType === 'image/webp' && hasAlpha);
    const { data, info } = await (asPng
      ? pipeline.png({ compressionLevel: 9 })
      : pipeline.jpeg({ quality: 85, chromaSubsampling: '4:2:0' })
    ).toBuffer({ resolveWithObject: true });
    return {
      image: {
        mediaType: asPng ? 'image/png' : 'image/jpeg',
        bytes: new Uint8Array(data),
        width: info.width,
        height: info.height,
      },
      warnings,
    };
  } catch (error) {
    const reason = error instanceof Error ? error.message.split('\n')[0] : String(error);
    return {
      problems: [
        {
          message: `${quoted} cannot be decoded (${truncate(reason ?? '', 80)})`,
          hint: 'open and save it again in an image editor',
        },
      ],
    };
  }
}

/** The image as a `data:` URI. */
export function imageDataUri(image: PreparedImage): string {
  return `data:${image.mediaType};base64,${Buffer.from(image.bytes).toString('base64')}`;
}
