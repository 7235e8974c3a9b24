/**
 * The deck as presented: it works from file:// with nothing from the
 * network, shows speaker notes in reveal.js's presenter view, and every
 * slide of short and long briefings fits, in both aspects and themes.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserSession } from '../src/browser/session.js';
import { buildPage, loadTemplates, renderDeck } from '../src/outputs/deck.js';
import { LAYOUT, type LayoutTable } from '../src/slides/layout.js';
import { build, deckModelOf, newSession, tempDir } from './_helpers.js';

let session: BrowserSession;
beforeAll(() => {
  session = newSession();
});
afterAll(async () => {
  await session.close();
});

type RevealWindow = { Reveal: { isReady(): boolean; getTotalSlides(): number; slide(h: number): void } };

async function open(page: Page, html: string): Promise<string[]> {
  const problems: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error' || message.type() === 'warn') problems.push(message.text());
  });
  page.on('pageerror', (error) => problems.push(String(error)));
  page.on('requestfailed', (request) => problems.push(`failed: ${request.url()}`));
  await page.goto(pathToFileURL(html).href, { waitUntil: 'load' });
  await page.waitForFunction(() => (window as unknown as RevealWindow).Reveal?.isReady());
  return problems;
}

describe('the sample deck', () => {
  let result: Awaited<ReturnType<typeof build>>;
  beforeAll(async () => {
    result = await build('briefing.yaml', { session, pdf: false });
  });

  it('starts reveal.js from file:// with every asset local and no error', async () => {
    await session.withPage(async (page) => {
      const requests: string[] = [];
      page.on('request', (request) => requests.push(request.url()));
      const problems = await open(page, result.html);
      const state = await page.evaluate(() => ({
        slides: (window as unknown as RevealWindow).Reveal.getTotalSlides(),
        fonts: [...document.fonts].filter((font) => font.status === 'loaded').map((font) => font.family),
        notes: document.querySelectorAll('aside.notes').length,
      }));
      expect(problems).toEqual([]);
      expect(state.slides).toBe(result.slideCount);
      expect(state.fonts).toContain('Source Sans 3');
      expect(state.notes).toBeGreaterThan(5);
      expect(requests.every((url) => url.startsWith('file://') || url.startsWith('data:'))).toBe(true);
    });
  });

  it('opens the presenter view with the current slide, the next one and the notes', async () => {
    await session.withPage(async (page) => {
      const problems = await open(page, result.html);
      const popup = new Promise<Page | null>((resolve) => page.once('popup', resolve));
      await page.keyboard.press('s');
      const speaker = await popup;
      expect(speaker).not.toBeNull();
      const view = speaker as Page;
      const speakerProblems: string[] = [];
      view.on('console', (message) => {
        if (message.type() === 'error') speakerProblems.push(message.text());
      });
      await view.waitForSelector('#current-slide iframe', { timeout: 15_000 });
      await view.waitForFunction(
        () => (document.querySelector('.speaker-controls-notes .value')?.textContent ?? '').length > 20,
        {
          timeout: 15_000,
        },
      );
      const notes = await view.$eval(
        '.speaker-controls-notes .value',
        (element) => element.textContent ?? '',
      );
      expect(notes.length).toBeGreaterThan(20);
      expect(problems.filter((p) => /Content Security Policy|Refused/.test(p))).toEqual([]);
      expect(speakerProblems.filter((p) => /Content Security Policy|Refused/.test(p))).toEqual([]);
      await view.close();
    });
  });
});

describe('every slide fits', () => {
  const cases = [
    ['briefing.yaml', '16:9', 'light'],
    ['briefing.yaml', '4:3', 'dark'],
    ['tests/fixtures/minimal.yaml', '16:9', 'dark'],
    ['tests/fixtures/minimal.yaml', '4:3', 'light'],
    ['tests/fixtures/long.yaml', '16:9', 'light'],
    ['tests/fixtures/long.yaml', '4:3', 'dark'],
    ['tests/fixtures/many-risks.yaml', '16:9', 'dark'],
    ['tests/fixtures/many-risks.yaml', '4:3', 'light'],
  ] as const;
  for (const [file, aspect, theme] of cases) {
    it(`${file} at ${aspect} in the ${theme} theme: no overflow, one page per slide`, async () => {
      const result = await build(file, { session, deck: { aspect, theme }, strict: true });
      expect(result.overflows).toEqual([]);
      expect(result.warnings).toEqual([]);
    });
  }

  it('reports a slide that overflows with its YAML path, and --strict makes it an error', async () => {
    const dir = tempDir();
    const huge = Array.from({ length: 400 }, (_, i) => `word${i}`).join(' ');
    const yaml = readFileSync('tests/fixtures/minimal.yaml', 'utf8').replace(
      '    role: Did it.\n',
      `    role: Did it.\n  - name: Someone else\n    role: "${huge}"\n`,
    );
    writeFileSync(path.join(dir, 'huge.yaml'), yaml);
    const result = await build(path.join(dir, 'huge.yaml'), { session });
    // The long role is the second card, too tall for any slide: it gets a slide of its own, and is blamed.
    expect(result.overflows).toEqual([
      expect.objectContaining({ yamlPath: 'actors[1]', heading: 'Actors (2/2)' }),
    ]);
    expect(result.warnings[0]).toMatch(
      /huge\.yaml:8:5: actors\[1\]: slide "Actors \(2\/2\)" overflows by \d+px/,
    );
    await expect(build(path.join(dir, 'huge.yaml'), { session, strict: true })).rejects.toThrow(/overflow/);
    // --strict without a PDF still measures every slide.
    await expect(build(path.join(dir, 'huge.yaml'), { session, strict: true, pdf: false })).rejects.toThrow(
      /overflow/,
    );
  });

  // Found by a trial: a long summary pushed the actor card under it off the slide, and the card was blamed.
  it('blames the first item that runs past the slide, not the one pushed furthest', async () => {
    const dir = tempDir();
    const long = Array(40).fill('The situation goes on with more words that fill the slide.').join(' ');
    const yaml = readFileSync('tests/fixtures/minimal.yaml', 'utf8').replace(
      'summary: Something happened.',
      `summary: ${long}`,
    );
    writeFileSync(path.join(dir, 'long.yaml'), yaml);
    const result = await build(path.join(dir, 'long.yaml'), { session, pdf: false, strict: false });
    expect(result.overflows).toEqual([expect.objectContaining({ yamlPath: 'situation' })]);
    expect(result.warnings[0]).toMatch(
      /long\.yaml:\d+:\d+: situation: slide "Situation and actors" overflows by/,
    );
  });
});

describe('the table of layout numbers', () => {
  /** Opens a deck's print view and reads, per slide, its kind, its content's type sizes and whether it overflows. */
  async function laidOut(html: string) {
    return session.withPage(async (page) => {
      await page.goto(`${pathToFileURL(html).href}?print-pdf`, { waitUntil: 'load' });
      await page.waitForFunction(() => document.documentElement.dataset.pdfReady === 'true');
      return page.evaluate(() => ({
        blufSlides: document.querySelectorAll('section.bd-slide-bluf').length,
        blufSize: getComputedStyle(document.querySelector('.bd-bluf li') as Element).fontSize,
        overflowing: [...document.querySelectorAll<HTMLElement>('.bd-body')].filter(
          (body) => body.scrollHeight > body.clientHeight + 1,
        ).length,
      }));
    });
  }

  it('moves both the capacity model and the page when one number changes', async () => {
    const result = await build('briefing.yaml', { session, pdf: false });
    const larger: LayoutTable = { ...LAYOUT, bluf: { ...LAYOUT.bluf, size: 40 } };
    const model = deckModelOf(result.briefing, larger);
    const html = path.join(result.outDir, 'larger.html');
    writeFileSync(
      html,
      renderDeck(buildPage(model, { version: '9.9.9', speakerViewHashes: ["'sha256-x'"] }), loadTemplates()),
    );
    const before = await laidOut(result.html);
    const after = await laidOut(html);
    expect(before).toEqual({ blufSlides: 1, blufSize: '26px', overflowing: 0 });
    // The page sets the new size, and the model split the bottom line for it so that it still fits.
    expect(after.blufSize).toBe('40px');
    expect(after.blufSlides).toBe(model.slides.filter((slide) => slide.kind === 'bluf').length);
    expect(after.blufSlides).toBeGreaterThan(1);
    expect(after.overflowing).toBe(0);
  });
});

describe('long lists and short groups (issue 16), as the browser sets them', () => {
  /** Opens a deck's print view and runs `read` in it. */
  async function inPrintView<T>(html: string, read: () => T): Promise<T> {
    return session.withPage(async (page) => {
      await page.goto(`${pathToFileURL(html).href}?print-pdf`, { waitUntil: 'load' });
      await page.waitForFunction(() => document.documentElement.dataset.pdfReady === 'true');
      return page.evaluate(read);
    });
  }

  it("sets the sample's three risks on one 4:3 slide, no card text under 16 px but the small-caps labels", async () => {
    const result = await build('briefing.yaml', {
      session,
      deck: { aspect: '4:3' },
      pdf: false,
      strict: true,
    });
    const seen = await inPrintView(result.html, () => {
      const slides = [...document.querySelectorAll('section.bd-slide-risks')];
      const text = [...(slides[0]?.querySelectorAll('.bd-risk *') ?? [])].filter(
        (element) =>
          [...element.childNodes].some(
            (node) => node.nodeType === Node.TEXT_NODE && node.textContent?.trim(),
          ) &&
          getComputedStyle(element).textTransform !== 'uppercase' &&
          !element.closest('.bd-marker, a.cite'),
      );
      return {
        slides: slides.length,
        cards: slides[0]?.querySelectorAll('.bd-risk').length,
        smallest: Math.min(...text.map((element) => Number.parseFloat(getComputedStyle(element).fontSize))),
      };
    });
    expect(seen).toEqual({ slides: 1, cards: 3, smallest: 16 });
  });

  it('shows the matrix of sixty risks once, each risk once in its key or the register', async () => {
    const result = await build('tests/fixtures/many-risks.yaml', { session, pdf: false, strict: true });
    const seen = await inPrintView(result.html, () => ({
      matrices: document.querySelectorAll('svg.bd-viz-risk-matrix').length,
      listed: [...document.querySelectorAll('.bd-risk-key .bd-marker, .bd-register tbody .bd-chip')].map(
        (element) => Number.parseInt(element.textContent ?? '', 10),
      ),
      registerSlides: document.querySelectorAll('section.bd-slide-risk-register').length,
    }));
    expect(seen.matrices).toBe(1);
    expect(seen.listed).toEqual(Array.from({ length: 60 }, (_, i) => i + 1));
    expect(seen.registerSlides).toBeGreaterThan(1);
    expect(result.overflows).toEqual([]);
  });
});
