/**
 * The kept print page (watch mode, a batch): a deck whose page around the slides is unchanged has its
 * slides swapped in the page already loaded, with no reload, and prints the same PDF as a fresh page
 * does: the same pages, text, bookmarks, links, tags and metadata. A deck whose shell changed (the
 * theme, the aspect) is loaded again. Every PDF is packed (pdfCompact.ts) without losing anything.
 */
import { execFileSync } from 'node:child_process';
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compactPdf } from '../src/browser/pdfCompact.js';
import { setPdfInfo } from '../src/browser/pdfInfo.js';
import { addOutline } from '../src/browser/pdfOutline.js';
import { printPdf } from '../src/browser/print.js';
import { BrowserSession } from '../src/browser/session.js';
import { prepareDeck, writeDeck } from '../src/build.js';
import type { PreparedDeck } from '../src/outputs/deck.js';
import { deckParts } from '../src/outputs/deckShell.js';
import { printDeck } from '../src/outputs/pdf.js';
import { pdfInfo } from '../src/outputs/pdfMeta.js';
import { newSession, ROOT, readPdf, tempDir } from './_helpers.js';

const dir = tempDir('reuse-');
const file = path.join(dir, 'briefing.yaml');
const original = readFileSync(path.join(ROOT, 'briefing.yaml'), 'utf8');
cpSync(path.join(ROOT, 'brand'), path.join(dir, 'brand'), { recursive: true });
const outDir = path.join(dir, 'out');

let kept: BrowserSession;
beforeAll(() => {
  kept = new BrowserSession({ env: process.env, timeoutMs: 60_000, keepPage: true });
});
afterAll(() => kept.close());

async function deckOf(yaml: string): Promise<PreparedDeck> {
  writeFileSync(file, yaml);
  const deck = await prepareDeck({ file, cwd: dir, outDir });
  await writeDeck(deck);
  return deck;
}

async function print(deck: PreparedDeck, session: BrowserSession, name: string): Promise<string> {
  const printed = await printDeck(deck, deck.htmlFile, session, {
    file,
    pdf: true,
    strict: false,
    timeoutMs: 60_000,
  });
  const pdf = path.join(dir, `${name}.pdf`);
  writeFileSync(pdf, printed.pdf as Uint8Array);
  return pdf;
}

/** Marks the kept page's document, and later tells whether it is still the same document. */
const markPage = () =>
  kept.withPage((page) => page.evaluate(() => Object.assign(window, { briefdeckTestMark: true })));
const stillMarked = () => kept.withPage((page) => page.evaluate(() => 'briefdeckTestMark' in window));

/**
 * What a reader gets from a PDF. Aside: the dates (a second print is a second later), the format's
 * version (1.5 once packed), and the ids Chromium gives structure elements (its DOM's node numbers).
 */
async function readable(pdf: string) {
  const read = await readPdf(pdf);
  const { CreationDate: _c, ModDate: _m, PDFFormatVersion: _v, ...info } = read.info;
  const structure = execFileSync('pdfinfo', ['-struct-text', pdf], { stdio: ['ignore', 'pipe', 'ignore'] });
  return { ...read, info, structure: structure.toString().replace(/node\d+/g, 'node') };
}

describe('the kept print page', () => {
  it('swaps the slides of a deck with the same shell in place, and prints what a fresh page prints', async () => {
    await print(await deckOf(original), kept, 'first');
    await markPage();
    // Each slide's node, marked: only the one that changed is replaced.
    await kept.withPage((page) =>
      page.evaluate(() => {
        for (const slide of document.querySelectorAll('section.bd-slide'))
          Object.assign(slide, { testMark: true });
      }),
    );
    const edited = await deckOf(
      original.replace('in one day of fighting from 9 June', 'in one day of fighting (edited) from 9 June'),
    );
    const swapped = await print(edited, kept, 'swapped');
    expect(await stillMarked()).toBe(true);
    const replaced = await kept.withPage((page) =>
      page.evaluate(() =>
        [...document.querySelectorAll('section.bd-slide')].filter((s) => !('testMark' in s)).map((s) => s.id),
      ),
    );
    expect(replaced).toEqual(['bluf']);
    const fresh = newSession();
    try {
      const alone = await print(edited, fresh, 'fresh');
      const [a, b] = [await readable(swapped), await readable(alone)];
      expect(a.pages.join('\n')).toContain('(edited)');
      expect(a).toEqual(b);
      expect(a.tagged).toBe(true);
      expect(a.outline.length).toBeGreaterThan(5);
    } finally {
      await fresh.close();
    }
  }, 180_000);

  it('loads a deck again when the page around its slides changed (the theme)', async () => {
    const light = await deckOf(original);
    await print(light, kept, 'light');
    await markPage();
    const dark = await deckOf(original.replace(/^( {2}theme:) light$/m, '$1 dark'));
    expect(deckParts(dark).shell).not.toBe(deckParts(light).shell);
    const pdf = await print(dark, kept, 'dark');
    expect(await stillMarked()).toBe(false);
    expect((await readPdf(pdf)).pages).toHaveLength(dark.slideCount);
  }, 180_000);
});

describe('the print view', () => {
  it('gives no slide a perspective (Chromium then prints in time with the square of the slides), and keeps each its own stacking context', async () => {
    const deck = await deckOf(original);
    const styles = await kept.withPage(async (page) => {
      await page.goto(`${pathToFileURL(deck.htmlFile).href}?print-pdf`, { waitUntil: 'load' });
      await page.waitForFunction(() => document.documentElement.dataset.pdfReady === 'true');
      return page.evaluate(() =>
        [...document.querySelectorAll('section.bd-slide')].map((slide) => {
          const style = getComputedStyle(slide);
          return `${style.perspective} ${style.contain}`;
        }),
      );
    });
    expect(styles).toHaveLength(deck.slideCount);
    expect(new Set(styles)).toEqual(new Set(['none layout']));
  }, 60_000);
});

describe('the packed PDF', () => {
  it('keeps every page, text, bookmark, link, tag and the metadata, in fewer bytes', async () => {
    const deck = await deckOf(original);
    const printed = await printPdf(kept, { htmlFile: deck.htmlFile, root: outDir, timeoutMs: 60_000 });
    const plain = setPdfInfo(addOutline(printed.pdf as Uint8Array, deck.outline), pdfInfo(deck));
    const packed = compactPdf(plain);
    writeFileSync(path.join(dir, 'plain.pdf'), plain);
    writeFileSync(path.join(dir, 'packed.pdf'), packed);
    expect(packed.length).toBeLessThan(plain.length * 0.8);
    const [a, b] = [
      await readable(path.join(dir, 'packed.pdf')),
      await readable(path.join(dir, 'plain.pdf')),
    ];
    expect(a).toEqual(b);
    expect(a.structure.split('\n').length).toBeGreaterThan(100);
    const text = Buffer.from(packed).toString('latin1');
    // The catalog stays a plain object: its language, tags and bookmarks are found in the raw file.
    expect(text).toMatch(/\/Type \/Catalog[\s\S]*?\/Lang \(en\)[\s\S]*?endobj/);
    expect(text).toMatch(/\/StructTreeRoot \d+ 0 R/);
    expect(execFileSync('pdfinfo', [path.join(dir, 'packed.pdf')]).toString()).toMatch(/Tagged:\s+yes/);
  }, 180_000);
});
