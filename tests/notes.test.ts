/**
 * The briefer's script, printed by a real Chromium and read back with
 * pdf.js: every slide's number, heading and notes on one page with its
 * picture, the marking at top and bottom of every page, what the copy is
 * on the first page, metadata, bookmarks and the running order's links,
 * the paper, and the pictures' resolution and the file's size.
 */
import { copyFileSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserSession } from '../src/browser/session.js';
import { prepareDeck, writeDeck } from '../src/build.js';
import { formatWarning } from '../src/errors.js';
import type { PreparedDeck } from '../src/outputs/deck.js';
import type { Paper } from '../src/outputs/handout/index.js';
import {
  buildNotesModel,
  buildNotesPage,
  PICTURE_DPI,
  PICTURE_HEIGHT_MM,
  pictureWidthMm,
  printNotes,
  renderNotes,
} from '../src/outputs/notes.js';
import type { Built } from '../src/watch/outcome.js';
import { DeckRebuilder, type RebuildListener } from '../src/watch/rebuild.js';
import { newSession, type ReadPdf, ROOT, readPdf, tempDir } from './_helpers.js';

let session: BrowserSession;
beforeAll(() => {
  session = newSession();
});
afterAll(() => session.close());

interface Printed {
  deck: PreparedDeck;
  file: string;
  pdf: ReadPdf;
  pageCount: number;
  bytes: number;
  ms: number;
  warnings: string[];
}

async function notesOf(file: string, paper: Paper = 'a4'): Promise<Printed> {
  const deck = await prepareDeck({ file, cwd: ROOT, outDir: tempDir('notes-') });
  await writeDeck(deck);
  const warnings: string[] = [];
  const started = performance.now();
  const printed = await printNotes(deck, deck.htmlFile, session, {
    paper,
    timeoutMs: 60_000,
    onWarning: (warning) => warnings.push(formatWarning(warning)),
  });
  const ms = performance.now() - started;
  const out = path.join(deck.outDir, `${deck.name}-notes.pdf`);
  writeFileSync(out, printed.pdf);
  return {
    deck,
    file: out,
    pdf: await readPdf(out),
    pageCount: printed.pageCount,
    bytes: printed.pdf.length,
    ms,
    warnings,
  };
}

/** Text as pdf.js gives it, compared without line breaks, hyphenation or typographic quotes. */
const squash = (text: string) =>
  text
    // A word hyphenated at the end of a line (issue 17) is one word; soft hyphens are not text.
    .replace(/(\p{Ll})[-\u00AD]\s*(\p{Ll})/gu, '$1$2')
    .replace(/\u00AD/g, '')
    .replace(/[‘’]/g, "'")
    .replace(/[“”]/g, '"')
    .replace(/\s+/g, ' ')
    .replace(/ ([.,;:])/g, '$1')
    .trim();

/** The text of sanitised notes HTML. */
const textOf = (html: string) =>
  squash(
    html
      .replace(/<a class="cite"[^>]*>[^<]*<\/a>/g, '')
      .replace(/<[^>]+>/g, ' ')
      .replace(/&quot;/g, '"')
      .replace(/&#39;/g, "'")
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&amp;/g, '&'),
  );

/** The 1-based page that shows slide `number`'s row (its "Slide N of M" line). */
const pageOfSlide = (pdf: ReadPdf, number: number, total: number) =>
  pdf.pages.findIndex((text) => squash(text).toUpperCase().includes(`SLIDE ${number} OF ${total}`)) + 1;

/** Each image drawn on each page, with its size in pixels (pdf.js operator list). */
async function picturesOf(file: string): Promise<{ width: number; height: number }[][]> {
  const { getDocument, OPS } = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const doc = await getDocument({ data: new Uint8Array(readFileSync(file)), verbosity: 0 }).promise;
  const pages: { width: number; height: number }[][] = [];
  for (let n = 1; n <= doc.numPages; n++) {
    const list = await (await doc.getPage(n)).getOperatorList();
    const images: { width: number; height: number }[] = [];
    list.fnArray.forEach((fn, i) => {
      if (fn !== OPS.paintImageXObject) return;
      const [, width, height] = list.argsArray[i] as [string, number, number];
      images.push({ width, height });
    });
    pages.push(images);
  }
  await doc.destroy();
  return pages;
}

describe('the briefer’s script of the sample', () => {
  let sample: Printed;
  beforeAll(async () => {
    sample = await notesOf('briefing.yaml');
    console.log(
      `notes of the sample: ${sample.pageCount} pages, ${Math.round(sample.bytes / 1024)} KB, ${Math.round(sample.ms)} ms`,
    );
  }, 120_000);

  it('is A4, its pages counted, the draft removed, nothing reported', () => {
    expect(sample.pageCount).toBe(sample.pdf.pages.length);
    expect(sample.pageCount).toBeGreaterThanOrEqual(2);
    for (const size of sample.pdf.pageSizes) {
      expect(size.width).toBeCloseTo(595.3, 0);
      expect(size.height).toBeCloseTo(841.9, 0);
    }
    expect(readdirSync(sample.deck.outDir).filter((name) => name.startsWith('.'))).toEqual([]);
    expect(sample.warnings).toEqual([]);
  });

  it('gives every slide its number, heading and notes, on the page of its picture', () => {
    const slides = sample.deck.model.slides;
    let previous = 0;
    for (const slide of slides) {
      const page = pageOfSlide(sample.pdf, slide.number, slide.total);
      expect(page, `slide ${slide.number}`).toBeGreaterThanOrEqual(Math.max(previous, 1));
      previous = page;
      const text = squash(sample.pdf.pages[page - 1] ?? '');
      if (slide.kind !== 'title') expect(text).toContain(squash(slide.heading));
      expect(slide.notesHtml, `slide ${slide.number} has notes in the sample`).not.toBe('');
      // Every paragraph of the notes, in full, on the row's page (a row is never split).
      for (const paragraph of slide.notesHtml.split(/<\/p>|<\/li>/)) {
        const expected = textOf(paragraph);
        if (expected) expect(text, `slide ${slide.number}`).toContain(expected);
      }
    }
  });

  it('has each slide’s picture, at its resolution', async () => {
    const pictures = (await picturesOf(sample.file)).flat();
    const pixels = (mm: number) => Math.round((mm / 25.4) * PICTURE_DPI);
    // The logo on the first page is drawn as vector (SVG); every image is a slide.
    expect(pictures).toHaveLength(sample.deck.slideCount);
    for (const picture of pictures) {
      expect(Math.abs(picture.width - pixels(pictureWidthMm(sample.deck.model)))).toBeLessThanOrEqual(1);
      expect(Math.abs(picture.height - pixels(PICTURE_HEIGHT_MM))).toBeLessThanOrEqual(1);
    }
    // Ten slides' pictures keep the file small enough to mail.
    expect(sample.bytes).toBeLessThan(400 * 1024);
  });

  it('carries the marking at the top and bottom of every page', () => {
    for (const [index, text] of sample.pdf.pages.entries()) {
      const found = text.replace(/\s+/g, '').match(/UNCLASSIFIED/g)?.length ?? 0;
      expect(found, `page ${index + 1}`).toBeGreaterThanOrEqual(2);
      expect(squash(text), `page ${index + 1}`).toMatch(/Briefer's script · not for distribution/i);
      expect(text).toContain(`Page ${index + 1} of ${sample.pageCount}`);
    }
  });

  it('says on its first page what it is', () => {
    const first = squash(sample.pdf.pages[0] ?? '');
    expect(first).toMatch(/BRIEFER'S SCRIPT · NOT FOR DISTRIBUTION/i);
    expect(first).toContain('for the presenter alone');
    expect(first).toContain(squash(sample.deck.title));
    expect(first).toContain(`${sample.deck.slideCount}, all with notes`);
  });

  it('has the deck’s title, author and classification as metadata', () => {
    expect(sample.pdf.info.Title).toBe(`${sample.deck.title} — briefer’s script`);
    expect(sample.pdf.info.Author).toBe('Libya desk');
    expect(sample.pdf.info.Keywords).toBe('UNCLASSIFIED');
    expect(sample.pdf.tagged).toBe(true);
  });

  it('has a bookmark per slide group and a running order, each at the page of its slide', () => {
    const { slides } = sample.deck.model;
    const groups = sample.deck.outline;
    expect(sample.pdf.outline.filter((entry) => entry.depth === 0).map((entry) => entry.title)).toEqual(
      groups.map((entry) => entry.title),
    );
    for (const [index, entry] of groups.entries()) {
      const slide = slides[entry.page];
      if (!slide) throw new Error('a bookmark without its slide');
      const bookmark = sample.pdf.outline.filter((e) => e.depth === 0)[index];
      expect(bookmark?.page, entry.title).toBe(pageOfSlide(sample.pdf, slide.number, slide.total));
    }
    // The running order on the first page links every slide to its row.
    expect(sample.pdf.links[0]).toEqual(
      slides.map((slide) => `page ${pageOfSlide(sample.pdf, slide.number, slide.total)}`),
    );
  });
});

describe('the briefer’s script of other briefings', () => {
  it('says so where a slide has no notes, on US Letter', async () => {
    const minimal = await notesOf('tests/fixtures/minimal.yaml', 'letter');
    for (const size of minimal.pdf.pageSizes) {
      expect(size.width).toBeCloseTo(612, 0);
      expect(size.height).toBeCloseTo(792, 0);
    }
    const all = squash(minimal.pdf.pages.join(' '));
    expect(all.match(/No notes for this slide\./g)).toHaveLength(minimal.deck.slideCount);
    expect(all).toContain(`${minimal.deck.slideCount}, none with notes`);
    // No classification: none on the page, and the footer still says what the copy is.
    expect(all).not.toMatch(/UNCLASSIFIED/);
    for (const text of minimal.pdf.pages)
      expect(squash(text)).toMatch(/Briefer's script · not for distribution/i);
  }, 120_000);

  it('keeps a hostile briefing’s text as text, its marking on every page', async () => {
    const hostile = await notesOf('tests/fixtures/hostile.yaml');
    expect(hostile.warnings).toEqual([]);
    const marking = hostile.deck.model.classification ?? '';
    expect(marking).not.toBe('');
    for (const text of hostile.pdf.pages)
      expect(
        text.replace(/\s+/g, '').split(marking.toUpperCase().replace(/\s+/g, '')).length - 1,
      ).toBeGreaterThanOrEqual(2);
    expect(hostile.pdf.info.Title).toBe(`${hostile.deck.title} — briefer’s script`);
  }, 120_000);
});

describe('watch --notes', () => {
  it('prints the script on each save, as build does', async () => {
    const dir = tempDir('notes-watch-');
    copyFileSync(path.join(ROOT, 'tests/fixtures/minimal.yaml'), path.join(dir, 'briefing.yaml'));
    const built: Built[] = [];
    const listener: RebuildListener = {
      deck: () => {},
      rebuilt: (times) => built.push(times),
      unchanged: () => {},
      failed: (failure) => {
        throw new Error(`rebuild failed: ${failure.kind}`);
      },
      warning: () => {},
      inputs: () => {},
    };
    const options = { file: 'briefing.yaml', outDir: 'out', cwd: dir, pdf: false, strict: false };
    const rebuild = new DeckRebuilder(
      { ...options, timeoutMs: 60_000, notes: 'letter' },
      session,
      listener,
      () => false,
    );
    await rebuild.run(new AbortController().signal);
    const file = path.join(dir, 'out', 'briefing-notes.pdf');
    const pdf = await readPdf(file);
    expect(built).toEqual([expect.objectContaining({ notesMs: expect.any(Number) })]);
    expect(pdf.pageSizes[0]?.width).toBeCloseTo(612, 0);
    expect(squash(pdf.pages.join(' '))).toMatch(/Briefer's script · not for distribution/i);
    const briefing = path.join(dir, 'briefing.yaml');
    writeFileSync(briefing, readFileSync(briefing, 'utf8').replace(/^title: .*$/m, 'title: Saved again'));
    await rebuild.run(new AbortController().signal);
    expect(squash((await readPdf(file)).pages.join(' '))).toContain('Saved again');
  }, 120_000);
});

describe('the script’s page (pure)', () => {
  it('refuses pictures that do not match the slides', async () => {
    const deck = await prepareDeck({ file: 'tests/fixtures/minimal.yaml', cwd: ROOT, outDir: tempDir() });
    expect(() => buildNotesModel(deck.model, [])).toThrow(/slides but 0 were captured/);
  });

  it('escapes the briefing’s text and links citations to the slide’s row', async () => {
    const deck = await prepareDeck({ file: 'tests/fixtures/hostile.yaml', cwd: ROOT, outDir: tempDir() });
    const pictures = deck.model.slides.map(() => 'data:image/png;base64,AA==');
    const page = buildNotesPage(buildNotesModel(deck.model, pictures), {
      paper: 'a4',
      version: '0',
      pictureWidthMm: pictureWidthMm(deck.model),
    });
    const html = renderNotes(page);
    expect(html).not.toMatch(/<(script|iframe|object|marquee)\b/i);
    expect(html.match(/<style\b/g)).toHaveLength(1);
    expect(html).not.toMatch(/ (href|src)="(?!#|https?:|mailto:|data:image\/|briefdeck-assets\/)/);
    // Every row's id is its slide's reveal.js hash, where the deck's links in the notes go.
    for (const slide of deck.model.slides) expect(html).toContain(`id="/${slide.id}"`);
  });
});
