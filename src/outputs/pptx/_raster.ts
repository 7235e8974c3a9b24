/**
 * SVGs made PNG for the clients that cannot draw SVG (LibreOffice, Keynote,
 * PowerPoint before 2016), by sharp (libvips and librsvg, offline), loaded
 * on the first one. Every SVG given here passed the deck's checks: no
 * script, no reference outside itself (format/_imagesSvg.ts), or is our own
 * drawing (the map).
 */
import { sharp } from '../../format/images.js';

/** The size an SVG declares, in px (its width and height, else its viewBox's). */
export async function svgSize(svg: Uint8Array): Promise<{ width: number; height: number }> {
  const { width = 0, height = 0 } = await sharp()(svg).metadata();
  return { width, height };
}

/** An SVG as a PNG of `width` × `height` px, its own proportions stretched to them as the slide shows it. */
export async function rasterise(svg: Uint8Array, width: number, height: number): Promise<Uint8Array> {
  const natural = await svgSize(svg);
  const density = Math.min(100_000, Math.max(1, (72 * width) / Math.max(1, natural.width || width)));
  const png = await sharp()(svg, { density, limitInputPixels: 20_000 * 20_000 })
    .resize(Math.max(1, width), Math.max(1, height), { fit: 'fill' })
    .png({ compressionLevel: 6 })
    .toBuffer();
  return new Uint8Array(png);
}
