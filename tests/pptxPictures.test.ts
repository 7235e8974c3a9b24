/**
 * Figures and the locator map in the PowerPoint deck: pictures, a PNG in
 * `a:blip` and, for a vector, the SVG in `asvg:svgBlip`, placed as the deck
 * places them, with the PDF's alt text; the SVGs carry no script and no
 * reference outside themselves. Then the files opened in LibreOffice
 * (converted to PDF and read back with pdfimages and pdf.js).
 */
import { execFileSync } from 'node:child_process';
import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import { beforeAll, describe, expect, it } from 'vitest';
import { readBriefing } from '../src/build.js';
import { RASTER_SCALE } from '../src/outputs/pptx/_pictures.js';
import { renderPptx } from '../src/outputs/pptx/index.js';
import { layoutFor } from '../src/slides/layout.js';
import type { DeckModel, FigureSlide, LocatorMapSlide } from '../src/slides/types.js';
import { deckModelOf, FIXTURES, ROOT, readPdf, tempDir } from './_helpers.js';
import { convertDecks, soffice } from './_libreoffice.js';

type Zip = Record<string, Uint8Array>;
const text = (zip: Zip, name: string) => strFromU8(zip[name] ?? new Uint8Array());
const EMU = 9525;
/** An attribute's value as written, entities decoded. */
const decoded = (value: string | undefined) =>
  (value ?? '')
    .replace(/&#39;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');

async function modelOf(file: string, cwd = ROOT): Promise<DeckModel> {
  return deckModelOf(await readBriefing(file, cwd));
}

/** The figure-demo example with its chart as an SVG, and a second figure: the fixture drawing with a symbol, a style sheet and an embedded PNG. */
function svgFigureDemo(): string {
  const dir = tempDir('svg-figure-');
  for (const name of ['briefing.yaml', 'river-levels.svg'])
    copyFileSync(path.join(ROOT, 'examples', 'figure-demo', name), path.join(dir, name));
  copyFileSync(path.join(FIXTURES, 'images', 'safe.svg'), path.join(dir, 'safe.svg'));
  const yaml = readFileSync(path.join(dir, 'briefing.yaml'), 'utf8')
    .replace('file: river-levels.png', 'file: river-levels.svg')
    .replace(
      '\nactors:',
      '  - id: safe\n    file: safe.svg\n    alt: "A bar, two dots and a tiny picture."\n    caption: A drawing that uses its own parts.\n    after: situation\n\nactors:',
    );
  writeFileSync(path.join(dir, 'briefing.yaml'), yaml);
  return path.join(dir, 'briefing.yaml');
}

const pngSize = (bytes: Uint8Array) => {
  const view = Buffer.from(bytes);
  return { width: view.readUInt32BE(16), height: view.readUInt32BE(20) };
};

/** Each picture on a slide: its alt text, its frame in px and the targets of its blip and svgBlip. */
function pictures(zip: Zip, slide: number) {
  const xml = text(zip, `ppt/slides/slide${slide}.xml`);
  const rels = text(zip, `ppt/slides/_rels/slide${slide}.xml.rels`);
  const target = (id: string | undefined) =>
    id && new RegExp(`Id="${id}"[^>]*Target="([^"]+)"`).exec(rels)?.[1];
  return [...xml.matchAll(/<p:pic>.*?<\/p:pic>/g)].map(([pic]) => {
    const frame = /<a:off x="(\d+)" y="(\d+)"\/><a:ext cx="(\d+)" cy="(\d+)"\/>/.exec(pic) ?? [];
    return {
      descr: decoded(/descr="([^"]*)"/.exec(pic)?.[1]),
      rect: frame.slice(1).map((v) => Number(v) / EMU),
      png: target(/<a:blip r:embed="(rId\d+)"/.exec(pic)?.[1]),
      svg: target(/<asvg:svgBlip [^>]*r:embed="(rId\d+)"/.exec(pic)?.[1]),
    };
  });
}

const slideIndex = (model: DeckModel, kind: 'figure' | 'map') =>
  model.slides.findIndex((slide) => slide.kind === kind) + 1;

describe('renderPptx: figures and the map as pictures', () => {
  const zips = {} as Record<'sample' | 'png' | 'svg', Zip>;
  const models = {} as Record<'sample' | 'png' | 'svg', DeckModel>;
  beforeAll(async () => {
    const svgFile = svgFigureDemo();
    models.sample = await modelOf('briefing.yaml');
    models.png = await modelOf('examples/figure-demo/briefing.yaml');
    models.svg = await modelOf(svgFile, path.dirname(svgFile));
    for (const name of ['sample', 'png', 'svg'] as const)
      zips[name] = unzipSync(await renderPptx(models[name]));
  });

  it('draws the map as a PNG at twice its size with the SVG beside it, as wide as the body, its alt text the PDF’s', () => {
    const index = slideIndex(models.sample, 'map');
    const slide = models.sample.slides[index - 1] as LocatorMapSlide;
    const [map, ...others] = pictures(zips.sample, index);
    expect(others).toEqual([]);
    expect(map?.descr).toBe(slide.description);
    expect(map?.png).toBe(`../media/figure${slide.figureNumber}.png`);
    expect(map?.svg).toBe(`../media/figure${slide.figureNumber}.svg`);
    const body = layoutFor('16:9').slide;
    const [x, y, w, h] = map?.rect ?? [];
    expect(x).toBeCloseTo(body.padX, 1);
    expect(w).toBeCloseTo(body.width - 2 * body.padX, 1);
    const png = pngSize(zips.sample[`ppt/media/figure${slide.figureNumber}.png`] as Uint8Array);
    expect(png.width).toBe(Math.round((w as number) * RASTER_SCALE));
    expect(png.height / png.width).toBeCloseTo((h as number) / (w as number), 2);
    expect(y).toBeGreaterThan(0);
    const types = text(zips.sample, '[Content_Types].xml');
    expect(types).toContain('<Default Extension="png" ContentType="image/png"/>');
    expect(types).toContain('<Default Extension="svg" ContentType="image/svg+xml"/>');
  });

  it('makes the map’s SVG stand alone: the theme’s colours written on it, no class, no style sheet, nothing outside it', () => {
    const svg = text(zips.sample, 'ppt/media/figure1.svg');
    expect(svg).toMatch(
      /^<\?xml[^>]*\?>\n<svg xmlns="http:\/\/www.w3.org\/2000\/svg" viewBox="0 0 \d+ \d+" width="\d+" height="\d+"/,
    );
    expect(svg).not.toMatch(/class=|var\(|<style|<script|\son\w+=|href=/i);
    // Every url() points into the file itself.
    for (const [, ref] of svg.matchAll(/url\(([^)]*)\)/g)) expect(ref).toMatch(/^#/);
    expect(svg).toContain('fill="#1f4e79"'); // the timeline numbers' discs, in the accent
    expect(svg).toContain('font-family="Arial,');
    // Its names and the disclaimer are text (PowerPoint draws the SVG's text).
    expect(svg).toContain('>Derna</text>');
    expect(svg).toContain('Boundaries are not necessarily authoritative');
  });

  it('puts a PNG figure in as the deck has it, centred at the size the slide model gives it', () => {
    const index = slideIndex(models.png, 'figure');
    const slide = models.png.slides[index - 1] as FigureSlide;
    const [picture] = pictures(zips.png, index);
    expect(picture?.descr).toBe(slide.alt);
    expect(picture?.svg).toBeUndefined();
    const bytes = zips.png[`ppt/media/figure${slide.figureNumber}.png`] as Uint8Array;
    expect(Buffer.from(bytes).toString('base64')).toBe(slide.src.replace(/^data:image\/png;base64,/, ''));
    const [x, , w, h] = picture?.rect ?? [];
    expect(w).toBeCloseTo(slide.width, 1);
    expect(h).toBeCloseTo(slide.height, 1);
    const s = layoutFor('16:9').slide;
    expect((x as number) + (w as number) / 2).toBeCloseTo(s.width / 2, 1);
    expect(text(zips.png, `ppt/slides/slide${index}.xml`)).toContain('<a:t>Figure 1.</a:t>');
  });

  it('puts an SVG figure in as the deck shows it, with a PNG of it for clients without SVG', () => {
    for (const slide of models.svg.slides.filter((s): s is FigureSlide => s.kind === 'figure')) {
      const [picture] = pictures(zips.svg, slide.number);
      expect(picture?.descr).toBe(slide.alt);
      const svg = zips.svg[`ppt/media/figure${slide.figureNumber}.svg`] as Uint8Array;
      expect(Buffer.from(svg).toString('base64')).toBe(
        slide.src.replace(/^data:image\/svg\+xml;base64,/, ''),
      );
      const png = pngSize(zips.svg[`ppt/media/figure${slide.figureNumber}.png`] as Uint8Array);
      expect(png).toEqual({
        width: Math.round(slide.width * RASTER_SCALE),
        height: Math.round(slide.height * RASTER_SCALE),
      });
    }
  });

  it('has no external relationship but links, and every picture’s parts in the package', () => {
    for (const zip of Object.values(zips)) {
      for (const [name, bytes] of Object.entries(zip)) {
        if (!name.endsWith('.rels')) continue;
        for (const [rel] of strFromU8(bytes).matchAll(/<Relationship [^>]*\/>/g)) {
          if (rel.includes('TargetMode="External"')) expect(rel, name).toMatch(/\/hyperlink"/);
          const target = /Target="\.\.\/(media\/[^"]+)"/.exec(rel)?.[1];
          if (target) expect(Object.keys(zip), name).toContain(`ppt/${target}`);
        }
      }
    }
  });

  it('keeps a hostile place name as text in the map’s SVG and its alt text', async () => {
    const dir = tempDir('hostile-map-');
    const yaml = readFileSync(path.join(ROOT, 'briefing.yaml'), 'utf8').replace(
      '  - name: Qubba',
      '  - name: "Qubba</text><script>alert(1)</script><a href=\\"https://example.com\\">x</a>"',
    );
    writeFileSync(path.join(dir, 'b.yaml'), yaml.replace(/logo: .*\n/, ''));
    const model = await modelOf(path.join(dir, 'b.yaml'), dir);
    const zip = unzipSync(await renderPptx(model));
    const svg = text(zip, 'ppt/media/figure1.svg');
    // No element but the drawing's, no reference: the name is text.
    expect(svg).not.toMatch(/<(script|a)[\s>]|<[^>]*\shref=/i);
    expect(svg).toContain('&lt;script&gt;');
    expect(text(zip, `ppt/slides/slide${slideIndex(model, 'map')}.xml`)).not.toContain('<script');
  });
});

/** `pdfimages -list`: the images on each page, with their size in px. */
function imagesByPage(pdf: string): Map<number, { width: number; height: number }[]> {
  const pages = new Map<number, { width: number; height: number }[]>();
  for (const line of execFileSync('pdfimages', ['-list', pdf], { encoding: 'utf8' }).split('\n').slice(2)) {
    const [page, , type, width, height] = line.trim().split(/\s+/);
    if (type !== 'image') continue;
    const list = pages.get(Number(page)) ?? [];
    list.push({ width: Number(width), height: Number(height) });
    pages.set(Number(page), list);
  }
  return pages;
}

describe.skipIf(!soffice)('renderPptx: pictures opened in LibreOffice', () => {
  const decks = ['sample', 'png', 'svg'] as const;
  const models = {} as Record<(typeof decks)[number], DeckModel>;
  const dir = tempDir('pptx-pictures-');
  beforeAll(async () => {
    const svgFile = svgFigureDemo();
    models.sample = await modelOf('briefing.yaml');
    models.png = await modelOf('examples/figure-demo/briefing.yaml');
    models.svg = await modelOf(svgFile, path.dirname(svgFile));
    for (const name of decks) writeFileSync(path.join(dir, `${name}.pptx`), await renderPptx(models[name]));
    await convertDecks(dir, decks);
  }, 120_000);

  it('shows each figure and the map as a picture on its own page, at full resolution, with its caption', async () => {
    for (const name of decks) {
      const pdf = path.join(dir, `${name}.pdf`);
      const read = await readPdf(pdf);
      expect(read.pages, name).toHaveLength(models[name].slides.length);
      const images = imagesByPage(pdf);
      models[name].slides.forEach((slide) => {
        const shown = images.get(slide.number) ?? [];
        if (slide.kind !== 'figure' && slide.kind !== 'map') {
          // Nothing but the logo (the sample's, an SVG, as a PNG at most 520 px wide).
          for (const image of shown)
            expect(image.width, `${name} slide ${slide.number}`).toBeLessThanOrEqual(520);
          return;
        }
        // A vector rasterised at twice the size it is shown at (LibreOffice keeps every pixel); a raster as it is.
        const minimum =
          slide.kind === 'map'
            ? 2 * layoutFor('16:9').slide.width * 0.9
            : slide.src.startsWith('data:image/svg')
              ? 2 * slide.width
              : slide.width;
        expect(
          shown.filter((image) => image.width >= minimum),
          `${name} slide ${slide.number}`,
        ).toHaveLength(1);
        expect((read.pages[slide.number - 1] as string).replace(/\s+/g, ' ')).toContain(
          `Figure ${slide.figureNumber}.`,
        );
      });
    }
  });
});
