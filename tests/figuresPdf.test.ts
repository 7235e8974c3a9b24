/**
 * Figures and the map in the printed outputs (issue 18): in both PDFs of
 * the sample and of examples/figure-demo, every figure, the map and the
 * timeline graphic are tagged Figures with /Alt (read back from the
 * structure tree with pdf.js); the single file, opened alone from file://,
 * shows the figure without a single request.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import type { BrowserSession } from '../src/browser/session.js';
import { build, newSession, tempDir } from './_helpers.js';

/** The /Alt of every Figure in the structure tree, by page. */
async function figureAlts(file: string): Promise<{ page: number; alt: string | undefined }[]> {
  const { getDocument } = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const doc = await getDocument({ data: new Uint8Array(readFileSync(file)), verbosity: 0 }).promise;
  const found: { page: number; alt: string | undefined }[] = [];
  type Node = { role?: string; alt?: string; children?: Node[] };
  for (let page = 1; page <= doc.numPages; page++) {
    const walk = (node: Node | null | undefined): void => {
      if (!node) return;
      if (node.role === 'Figure') found.push({ page, alt: node.alt });
      for (const child of node.children ?? []) walk(child);
    };
    walk((await (await doc.getPage(page)).getStructTree()) as Node);
  }
  await doc.destroy();
  return found;
}

const session: BrowserSession = newSession();
afterAll(() => session.close());

describe('figures and the map in the PDFs', () => {
  it('tags the map and the timeline of the sample as Figures with /Alt in both PDFs', async () => {
    const result = await build('briefing.yaml', { handout: 'a4', session });
    const slides = await figureAlts(path.join(result.outDir, 'briefing.pdf'));
    const handout = await figureAlts(path.join(result.outDir, 'briefing-handout.pdf'));
    for (const alts of [slides, handout])
      expect(alts.some((f) => /^Eastern Libya Map of .*Derna/.test(f.alt ?? ''))).toBe(true);
    expect(slides.some((f) => /^Timeline: Last year, Derna/.test(f.alt ?? ''))).toBe(true);
  }, 180_000);

  it('tags the example figure with its alt text in both PDFs, and shows it alone in the single file', async () => {
    const result = await build('examples/figure-demo/briefing.yaml', {
      handout: 'a4',
      singleFile: true,
      session,
    });
    for (const pdf of ['briefing.pdf', 'briefing-handout.pdf']) {
      const alts = await figureAlts(path.join(result.outDir, pdf));
      expect(
        alts.some((f) => f.alt?.startsWith("Bar chart of the river's level")),
        pdf,
      ).toBe(true);
    }
    const dir = tempDir('single-fig-');
    const file = path.join(dir, 'briefing.single.html');
    writeFileSync(file, readFileSync(path.join(result.outDir, 'briefing.single.html')));
    const url = pathToFileURL(file).href;
    await session.withPage(async (page) => {
      const blocked: string[] = [];
      await page.setRequestInterception(true);
      page.on('request', (request) => {
        const target = request.url();
        if (target.replace(/[?#].*$/s, '') === url || target.startsWith('data:') || target === 'about:blank')
          void request.continue();
        else {
          blocked.push(target);
          void request.abort('blockedbyclient');
        }
      });
      await page.goto(`${url}#/figure`, { waitUntil: 'load' });
      const shown = await page.waitForFunction(
        () => {
          const img = document.querySelector<HTMLImageElement>('#figure img.bd-figure-image');
          return img?.complete && img.naturalWidth > 0 ? { src: img.src.slice(0, 22), alt: img.alt } : false;
        },
        { timeout: 10_000 },
      );
      const value = (await shown.jsonValue()) as { src: string; alt: string };
      expect(value.src).toBe('data:image/png;base64,');
      expect(value.alt).toMatch(/^Bar chart/);
      expect(blocked).toEqual([]);
    });
  }, 180_000);
});
