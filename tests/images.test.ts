import { readFileSync, truncateSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import {
  checkImage,
  imageDataUri,
  MAX_IMAGE_BYTES,
  type PreparedImage,
  prepareImage,
  sniffImage,
} from '../src/format/images.js';
import { readSmallFile } from '../src/format/load.js';
import { FIXTURES, tempDir } from './_helpers.js';

const IMAGES = path.join(FIXTURES, 'images');
const fixture = (name: string) => readFileSync(path.join(IMAGES, name));
const SHOWN = { shownWidth: 800, shownHeight: 450 };

/* ── making images ───────────────────────────────────────────────────── */

function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(zlib.crc32(body));
  return Buffer.concat([length, body, crc]);
}

const SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** A greyscale PNG whose header says `width` × `height`, with `idat` as its data. */
function pngWithHeader(width: number, height: number, idat: Buffer): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 0; // greyscale
  return Buffer.concat([SIGNATURE, chunk('IHDR', ihdr), chunk('IDAT', idat), chunk('IEND', Buffer.alloc(0))]);
}

/** A photo-like test image: a gradient with noise, so that JPEG has something to compress. */
async function photo(width: number, height: number, format: 'png' | 'jpeg' | 'webp', alpha = false) {
  const channels = alpha ? 4 : 3;
  const raw = Buffer.alloc(width * height * channels);
  for (let y = 0; y < height; y++)
    for (let x = 0; x < width; x++) {
      const i = (y * width + x) * channels;
      raw[i] = (x * 255) / width;
      raw[i + 1] = (y * 255) / height;
      raw[i + 2] = (x * y) % 251;
      if (alpha) raw[i + 3] = x < width / 2 ? 255 : 96;
    }
  const image = sharp(raw, { raw: { width, height, channels } });
  return (
    format === 'png' ? image.png() : format === 'jpeg' ? image.jpeg({ quality: 90 }) : image.webp()
  ).toBuffer();
}

function prepared(result: Awaited<ReturnType<typeof prepareImage>>): PreparedImage {
  if ('problems' in result) throw new Error(result.problems.map((p) => p.message).join('\n'));
  return result.image;
}

function problemsOf(
  result: ReturnType<typeof checkImage> | Awaited<ReturnType<typeof prepareImage>>,
): string[] {
  return 'problems' in result ? result.problems.map((p) => p.message) : [];
}

/* ── tests ───────────────────────────────────────────────────────────── */

describe('each image type', () => {
  it('reads PNG, JPEG and WebP sizes from their headers, and SVG sizes from the root', async () => {
    for (const [format, type] of [
      ['png', 'image/png'],
      ['jpeg', 'image/jpeg'],
      ['webp', 'image/webp'],
    ] as const) {
      const bytes = await photo(300, 200, format);
      expect(checkImage(bytes, { name: `a.${format}` })).toEqual({
        image: { mediaType: type, width: 300, height: 200 },
        warnings: [],
      });
    }
    const lossless = await sharp(await photo(31, 17, 'png'))
      .webp({ lossless: true })
      .toBuffer();
    expect(checkImage(lossless)).toMatchObject({ image: { mediaType: 'image/webp', width: 31, height: 17 } });
    const withAlpha = await photo(40, 30, 'webp', true); // VP8X
    expect(checkImage(withAlpha)).toMatchObject({
      image: { mediaType: 'image/webp', width: 40, height: 30 },
    });
    expect(checkImage(fixture('safe.svg'), { name: 'safe.svg' })).toEqual({
      image: { mediaType: 'image/svg+xml', width: 320, height: 180 },
      warnings: [],
    });
    const viewBoxOnly = Buffer.from(
      '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 400 100" width="10cm"/>',
    );
    expect(checkImage(viewBoxOnly)).toMatchObject({ image: { width: 377.95, height: 94.49 } });
  });

  it('scales a large raster down to twice its shown size, never up, and keeps JPEG as JPEG and PNG as PNG', async () => {
    const big = prepared(await prepareImage(await photo(3000, 2000, 'jpeg'), SHOWN));
    expect(big).toMatchObject({ mediaType: 'image/jpeg', width: 1350, height: 900 });
    expect(sniffImage(big.bytes)).toBe('image/jpeg');
    const small = prepared(await prepareImage(await photo(300, 200, 'png'), SHOWN));
    expect(small).toMatchObject({ mediaType: 'image/png', width: 300, height: 200 });
    expect(imageDataUri(small)).toMatch(/^data:image\/png;base64,iVBORw0KGgo/);
  });

  it('turns WebP into JPEG, or PNG when it is transparent', async () => {
    expect(prepared(await prepareImage(await photo(200, 100, 'webp'), SHOWN)).mediaType).toBe('image/jpeg');
    expect(prepared(await prepareImage(await photo(200, 100, 'webp', true), SHOWN)).mediaType).toBe(
      'image/png',
    );
  });

  it('turns a photo upright by its EXIF orientation and drops every metadata tag', async () => {
    const tagged = await sharp(await photo(400, 200, 'jpeg'))
      .withExif({ IFD0: { Copyright: 'SECRET-OWNER', ImageDescription: 'GPS 32.767N 22.639E' } })
      .withMetadata({ orientation: 6 })
      .jpeg()
      .toBuffer();
    expect(tagged.includes('SECRET-OWNER')).toBe(true);
    expect((await sharp(tagged).metadata()).orientation).toBe(6);
    const image = prepared(await prepareImage(tagged, SHOWN));
    expect([image.width, image.height]).toEqual([200, 400]);
    const out = Buffer.from(image.bytes);
    expect(out.includes('SECRET-OWNER')).toBe(false);
    expect(out.includes('GPS')).toBe(false);
    expect(out.includes('Exif')).toBe(false);
  });

  it('passes an SVG through byte for byte', async () => {
    const bytes = fixture('safe.svg');
    const image = prepared(await prepareImage(bytes, { ...SHOWN, name: 'safe.svg' }));
    expect(Buffer.from(image.bytes).equals(bytes)).toBe(true);
  });
});

describe('hostile files', () => {
  it('strips a polyglot: a valid PNG carrying HTML and script in a text chunk and after its end', async () => {
    const clean = await photo(64, 64, 'png');
    const iend = clean.length - 12;
    const payload = '<html><script>alert("polyglot")</script><svg onload=alert(1)>';
    const polyglot = Buffer.concat([
      clean.subarray(0, iend),
      chunk('tEXt', Buffer.from(`Comment\0${payload}`, 'latin1')),
      clean.subarray(iend),
      Buffer.from(payload),
      Buffer.from('PK\x03\x04 a zip archive could start here'),
    ]);
    expect(checkImage(polyglot, { name: 'chart.png' })).toMatchObject({ image: { mediaType: 'image/png' } });
    const image = prepared(await prepareImage(polyglot, { ...SHOWN, name: 'chart.png' }));
    const out = Buffer.from(image.bytes).toString('latin1');
    for (const trace of ['script', 'alert', 'onload', 'html', 'PK\x03\x04', 'zip'])
      expect(out).not.toContain(trace);
    expect(imageDataUri(image)).not.toMatch(/script/i);
  });

  it('strips a JPEG whose comment is an SVG with a script, and refuses a JPEG header on SVG text', async () => {
    const jpeg = await photo(64, 64, 'jpeg');
    const comment = Buffer.from(
      '<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><script>alert(2)</script></svg>',
    );
    const length = Buffer.alloc(2);
    length.writeUInt16BE(comment.length + 2);
    const polyglot = Buffer.concat([
      jpeg.subarray(0, 2),
      Buffer.from([0xff, 0xfe]),
      length,
      comment,
      jpeg.subarray(2),
    ]);
    const out = Buffer.from(prepared(await prepareImage(polyglot, SHOWN)).bytes).toString('latin1');
    expect(out).not.toMatch(/script|onload|alert|svg/);
    const fake = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff]), comment]);
    expect(problemsOf(await prepareImage(fake, { ...SHOWN, name: 'x.jpg' }))[0]).toMatch(
      /^"x\.jpg" is damaged|cannot be decoded/,
    );
  });

  it('goes by the content, not the name: a PNG named .svg is a PNG, an SVG named .png is checked as SVG', async () => {
    const png = await photo(20, 10, 'png');
    const named = checkImage(png, { name: 'logo.svg' });
    expect(named).toEqual({
      image: { mediaType: 'image/png', width: 20, height: 10 },
      warnings: ['"logo.svg" is a PNG image, not SVG as its name says; it is used as PNG'],
    });
    expect(prepared(await prepareImage(png, { ...SHOWN, name: 'logo.svg' })).mediaType).toBe('image/png');
    expect(problemsOf(checkImage(fixture('script.svg'), { name: 'innocent.png' }))).toEqual([
      '"innocent.png" has a script: <script> (line 3)',
    ]);
    expect(sniffImage(png)).toBe('image/png');
  });

  it('refuses an SVG with a script, in any namespace, with an event attribute or a foreignObject', () => {
    expect(problemsOf(checkImage(fixture('script.svg'), { name: 'script.svg' }))).toEqual([
      '"script.svg" has a script: <script> (line 3)',
    ]);
    expect(problemsOf(checkImage(fixture('script-xhtml.svg')))).toEqual([
      'the image has a script: <h:script> (line 2)',
    ]);
    expect(problemsOf(checkImage(fixture('event.svg')))).toEqual([
      'the image has an event attribute onload (line 1), and 2 more like it',
    ]);
    expect(problemsOf(checkImage(fixture('foreign-object.svg')))).toEqual([
      'the image has a <foreignObject> (line 2)',
      'the image has an HTML element <div> (line 2)',
      'the image embeds another document: <iframe> (line 2)',
      'the image refers outside the file: src="https://example.com/" (line 2)',
    ]);
    expect(problemsOf(checkImage(fixture('animate-href.svg')))).toContain('the image animates href (line 2)');
  });

  it('refuses an SVG that refers outside itself: <use href="file:…">, remote images, CSS, style sheets', () => {
    expect(problemsOf(checkImage(fixture('use-file.svg'), { name: 'use-file.svg' }))).toEqual([
      '"use-file.svg" refers outside the file: href="file:///etc/passwd#x" (line 2), and 1 more like it',
    ]);
    // The second reference is `&#106;avascript:`: the parser decodes it, so it is seen for what it is.
    expect(problemsOf(checkImage(fixture('external-image.svg')))).toEqual([
      'the image refers outside the file: href="https://tracker.example/pixel.png" (line 2), and 1 more like it',
    ]);
    expect(problemsOf(checkImage(fixture('css-reference.svg')))).toEqual([
      'the image has a style sheet that loads from outside the file (line 2), and 1 more like it',
    ]);
    expect(problemsOf(checkImage(fixture('xml-stylesheet.svg')))).toEqual([
      'the image loads a style sheet (<?xml-stylesheet?>, line 1)',
    ]);
  });

  it('refuses an entity bomb and an external entity at once, without expanding anything', () => {
    const start = performance.now();
    const result = checkImage(fixture('entity-bomb.svg'), { name: 'bomb.svg' });
    expect(performance.now() - start).toBeLessThan(500);
    expect(result).toEqual({
      problems: [
        {
          message: '"bomb.svg" declares entities in its DOCTYPE (line 9)',
          hint: 'remove the DOCTYPE: an SVG file needs none',
        },
      ],
    });
    expect(problemsOf(checkImage(fixture('external-entity.svg')))).toEqual([
      'the image declares entities in its DOCTYPE (line 2)',
    ]);
  });

  it('refuses a decompression bomb by its header, before decoding', async () => {
    const bomb = pngWithHeader(50_000, 50_000, zlib.deflateSync(Buffer.alloc(50_001)));
    expect(bomb.length).toBeLessThan(200);
    const start = performance.now();
    expect(problemsOf(await prepareImage(bomb, { ...SHOWN, name: 'bomb.png' }))).toEqual([
      '"bomb.png" is 50000 × 50000 px; an image may be at most 10000 px on a side',
    ]);
    expect(performance.now() - start).toBeLessThan(200);
  });

  it('decodes a 10,000 × 10,000 px deflate bomb within the limits without holding it in memory', async () => {
    const side = 10_000;
    const deflate = zlib.createDeflate({ level: 9 });
    const parts: Buffer[] = [];
    deflate.on('data', (part: Buffer) => parts.push(part));
    const row = Buffer.alloc(side + 1);
    for (let y = 0; y < side; y++) deflate.write(row);
    await new Promise<void>((resolve) => deflate.end(resolve));
    const bomb = pngWithHeader(side, side, Buffer.concat(parts));
    expect(bomb.length).toBeLessThan(150_000);
    const before = process.memoryUsage().rss;
    const image = prepared(await prepareImage(bomb, SHOWN));
    expect([image.width, image.height]).toEqual([900, 900]);
    expect(process.memoryUsage().rss - before).toBeLessThan(250 * 1024 * 1024);
  });

  it('refuses a header that lies about the data, and a truncated file', async () => {
    const liar = pngWithHeader(4000, 4000, zlib.deflateSync(Buffer.alloc(10)));
    expect(problemsOf(await prepareImage(liar, { ...SHOWN, name: 'liar.png' }))[0]).toMatch(
      /^"liar\.png" cannot be decoded \(/,
    );
    expect(problemsOf(checkImage(SIGNATURE, { name: 'cut.png' }))).toEqual([
      '"cut.png" is damaged: its header ends early',
    ]);
    expect(problemsOf(checkImage(Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 16])))).toEqual([
      'the image is damaged: its header ends early',
    ]);
  });

  it('refuses a 50 MB file before reading it, and a 50 MB buffer before looking into it', () => {
    // A sparse file: 50 MB long, nothing written past the signature.
    const file = path.join(tempDir(), 'huge.png');
    writeFileSync(file, SIGNATURE);
    truncateSync(file, 50 * 1024 * 1024);
    expect(readSmallFile(file, MAX_IMAGE_BYTES)).toEqual({ refused: 'too large', size: 50 * 1024 * 1024 });
    const huge = Buffer.alloc(50 * 1024 * 1024);
    SIGNATURE.copy(huge);
    expect(checkImage(huge, { name: 'huge.png' })).toEqual({
      problems: [
        {
          message: '"huge.png" is 50 MiB; an image may be at most 10 MiB',
          hint: 'scale it down or save it with more compression',
        },
      ],
    });
  });

  it('names what a file is when it is not an image briefdeck takes', () => {
    const gif = Buffer.from('GIF89a\x01\x00\x01\x00\x00\x00\x00;', 'latin1');
    expect(checkImage(gif, { name: 'a.gif' })).toEqual({
      problems: [
        {
          message: '"a.gif" is not a PNG, JPEG, WebP or SVG image (it is a GIF image)',
          hint: 'convert it to PNG, JPEG, WebP or SVG',
        },
      ],
    });
    expect(problemsOf(checkImage(Buffer.from('<!DOCTYPE html><script>alert(1)</script>')))).toEqual([
      'the image is not a PNG, JPEG, WebP or SVG image (it is an HTML page)',
    ]);
    expect(problemsOf(checkImage(fixture('no-namespace.svg')))).toEqual([
      'the image is not an SVG drawing: its root element is <svg> without the SVG namespace',
    ]);
    expect(problemsOf(checkImage(fixture('broken.svg')))).toEqual([
      'the image is not well-formed XML (line 1, column 95: unexpected close tag)',
    ]);
    expect(problemsOf(checkImage(fixture('no-size.svg')))).toEqual(['the image has no size']);
    expect(problemsOf(checkImage(Buffer.from([0x3c, 0x73, 0x76, 0x67, 0x20, 0xff, 0x3e])))).toEqual([
      'the image is not valid UTF-8 text',
    ]);
    expect(problemsOf(checkImage(fixture('safe.svg'), { accept: ['image/png', 'image/jpeg'] }))).toEqual([
      'the image is not a PNG or JPEG image (it is an SVG image)',
    ]);
  });
});
