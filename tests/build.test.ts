/**
 * Integration: real builds, printed by a real Chromium, read back with pdf.js.
 */
import { copyFileSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserSession } from '../src/browser/session.js';
import { BriefingError, RenderError } from '../src/errors.js';
import { build, FIXTURES, newSession, readPdf, tempDir } from './_helpers.js';

let session: BrowserSession;
beforeAll(() => {
  session = newSession();
});
afterAll(async () => {
  await session.close();
});

describe('building the sample briefing', () => {
  let result: Awaited<ReturnType<typeof build>>;
  let pdf: Awaited<ReturnType<typeof readPdf>>;
  beforeAll(async () => {
    result = await build('briefing.yaml', { session });
    pdf = await readPdf(result.pdf as string);
  });

  it('writes the deck and the PDF named after the YAML file', () => {
    expect(path.basename(result.html)).toBe('briefing.html');
    expect(path.basename(result.pdf as string)).toBe('briefing.pdf');
    expect(
      statSync(path.join(result.outDir, 'briefdeck-assets', 'reveal', 'reveal.js')).size,
    ).toBeGreaterThan(10_000);
  });

  it('prints one PDF page per slide, at the slide size', () => {
    const slides = readFileSync(result.html, 'utf8').match(/<section id=/g)?.length;
    expect(pdf.pages.length).toBe(slides);
    expect(pdf.pages.length).toBe(result.slideCount);
    // 1280 × 720 CSS px = 960 × 540 pt.
    for (const size of pdf.pageSizes) expect(size).toEqual({ width: 960, height: 540 });
  });

  it('sets the title, author and subject of the PDF', () => {
    expect(pdf.info.Title).toBe(result.briefing.title);
    expect(pdf.info.Author).toBe(result.briefing.author);
    expect(String(pdf.info.Creator)).toMatch(/^briefdeck /);
  });

  it('puts the text of every section in the PDF, and the classification on every page', () => {
    const all = pdf.pages.join('\n');
    for (const text of [
      'Bottom line up front',
      'Decisions required',
      'Situation',
      'Timeline',
      'Eastern Libya',
      'Actor map',
      'Risk assessment',
      'Recommendations',
      'Sources',
    ]) {
      expect(all).toContain(text);
    }
    for (const actor of result.briefing.actors)
      expect(all.replace(/\s+/g, ' ')).toContain(actor.name.split(' (')[0]);
    for (const page of pdf.pages) {
      // Letter-spaced banners come out of pdf.js with spaces between the letters.
      expect(page.replace(/\s+/g, '').match(/UNCLASSIFIED/g)?.length, page.slice(0, 80)).toBe(2);
    }
  });

  it('has one bookmark per slide group, continuation slides under it, and stays tagged', () => {
    expect(pdf.outline.filter((entry) => entry.depth === 0).map((entry) => entry.title)).toEqual([
      'ISIS in Libya: the fall of IS in Derna',
      'Bottom line up front',
      'Decisions required',
      'Situation',
      'Timeline',
      'Eastern Libya',
      'Actor map',
      'Actors',
      'Risk assessment',
      'Risks in detail',
      'Recommendations',
      'Sources',
    ]);
    // Each bookmark goes to the page whose heading it names.
    for (const entry of pdf.outline) {
      const heading = entry.title.replace(/ \(\d+\/\d+\)$/, '');
      expect(pdf.pages[entry.page - 1], entry.title).toContain(
        entry.depth === 0 && entry.page === 1 ? 'ISIS' : heading,
      );
    }
    for (const entry of pdf.outline.filter((e) => e.depth === 1))
      expect(entry.title).toMatch(/\((\d+)\/\d+\)$/);
    expect(pdf.tagged).toBe(true);
  });

  it('links every citation to the sources page', () => {
    const sourcesPage = pdf.outline.find((entry) => entry.title === 'Sources')?.page;
    expect(sourcesPage).toBe(pdf.pages.length);
    const cited = pdf.pages.flatMap((text, index) =>
      (text.match(/\[\d+\]/g)?.length ?? 0) > 0 ? [index] : [],
    );
    expect(cited.length).toBeGreaterThan(2);
    for (const index of cited.filter((i) => i !== pdf.pages.length - 1)) {
      expect(pdf.links[index], `page ${index + 1}`).toContain(`page ${sourcesPage}`);
    }
  });

  it('reports no overflowing slide', () => {
    expect(result.overflows).toEqual([]);
    expect(result.warnings).toEqual([]);
  });

  it('keeps the PDF small and its fonts embedded', () => {
    const bytes = readFileSync(result.pdf as string);
    expect(bytes.length).toBeLessThan(300_000);
    expect(bytes.toString('latin1')).toMatch(/\/FontFile2/);
    expect(bytes.toString('latin1')).not.toMatch(/\/Subtype\s*\/Type3/);
    // Only the font shipped with the deck: no glyph fell back to a font of this machine.
    const fonts = [...bytes.toString('latin1').matchAll(/\/BaseFont\s*\/[A-Z]{6}\+([\w-]+)/g)].map(
      (m) => m[1],
    );
    expect(fonts.length).toBeGreaterThan(0);
    expect(fonts.filter((name) => !name?.startsWith('SourceSans3'))).toEqual([]);
  });
});

describe('failures leave previous outputs intact', () => {
  it('writes nothing when the briefing is invalid', async () => {
    const outDir = tempDir();
    const first = await build('tests/fixtures/minimal.yaml', { outDir, session });
    const before = readFileSync(first.pdf as string);
    const bad = path.join(tempDir(), 'minimal.yaml');
    writeFileSync(
      bad,
      readFileSync(path.join(FIXTURES, 'minimal.yaml'), 'utf8').replace('impact: moderate', 'impact: huge'),
    );
    await expect(build(bad, { outDir, session })).rejects.toBeInstanceOf(BriefingError);
    expect(readFileSync(first.pdf as string)).toEqual(before);
    expect(readFileSync(first.html, 'utf8')).toContain('Minimal briefing');
  });

  it('fails with a render error on a tiny timeout, and keeps the previous PDF', async () => {
    const outDir = tempDir();
    const first = await build('tests/fixtures/minimal.yaml', { outDir, session });
    const before = readFileSync(first.pdf as string);
    const deckBefore = readFileSync(first.html, 'utf8');
    const slow = newSession(1);
    try {
      const error = await build('tests/fixtures/minimal.yaml', { outDir, session: slow, timeoutMs: 1 }).catch(
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(RenderError);
      expect((error as RenderError).message).toMatch(/Timed out after 1 ms|Could not start the browser/);
    } finally {
      await slow.close();
    }
    expect(readFileSync(first.pdf as string)).toEqual(before);
    expect(readFileSync(first.html, 'utf8')).toBe(deckBefore);
    // No temporary file; the one hidden file is the previous build's record (incremental builds).
    expect(
      readdirSync(outDir).filter((name) => name.startsWith('.') && !name.endsWith('.briefdeck.json')),
    ).toEqual([]);
  });
});

describe('deck settings', () => {
  it('prints 4:3 decks on 4:3 pages, with the dark theme', async () => {
    const result = await build('tests/fixtures/minimal.yaml', {
      session,
      deck: { aspect: '4:3', theme: 'dark' },
    });
    const pdf = await readPdf(result.pdf as string);
    expect(pdf.pageSizes[0]).toEqual({ width: 768, height: 576 });
    expect(readFileSync(result.html, 'utf8')).toContain('theme-dark.css');
    expect(result.overflows).toEqual([]);
  });

  it('uses a theme CSS file and a logo next to the briefing', async () => {
    const dir = tempDir();
    copyFileSync(path.join(FIXTURES, 'minimal.yaml'), path.join(dir, 'brief.yaml'));
    writeFileSync(
      path.join(dir, 'house.css'),
      ':root { --bd-accent: #7a1f5c; } .bd-head h2 { letter-spacing: 0.02em; }',
    );
    writeFileSync(
      path.join(dir, 'logo.svg'),
      '<svg xmlns="http://www.w3.org/2000/svg" width="40" height="20"><rect width="40" height="20" fill="#7a1f5c"/></svg>',
    );
    writeFileSync(
      path.join(dir, 'brief.yaml'),
      `${readFileSync(path.join(dir, 'brief.yaml'), 'utf8')}deck:\n  theme: house.css\n  logo: logo.svg\n`,
    );
    const result = await build(path.join(dir, 'brief.yaml'), { session });
    const html = readFileSync(result.html, 'utf8');
    expect(html).toContain('href="brief.theme.css"');
    expect(readFileSync(path.join(result.outDir, 'brief.theme.css'), 'utf8')).toContain('#7a1f5c');
    expect(html).toMatch(/<img class="bd-title-logo" src="data:image\/svg\+xml;base64,/);
    expect(result.warnings).toEqual([]);
  });

  it('keeps non-ASCII titles and authors intact in the PDF metadata', async () => {
    const dir = tempDir();
    const yaml = readFileSync(path.join(FIXTURES, 'minimal.yaml'), 'utf8')
      .replace('title: Minimal briefing', 'title: "Derna — après la chute: «IS» 2015"\nauthor: Ђорђе Łukasz')
      .replace('Something happened.', 'Something happened in Derna.');
    writeFileSync(path.join(dir, 'intl.yaml'), yaml);
    const result = await build(path.join(dir, 'intl.yaml'), { session });
    const pdf = await readPdf(result.pdf as string);
    expect(pdf.info.Title).toBe('Derna — après la chute: «IS» 2015');
    expect(pdf.info.Author).toBe('Ђорђе Łukasz');
    expect(pdf.pages[0]).toContain('après');
  });
});
