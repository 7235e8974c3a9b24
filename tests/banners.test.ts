/**
 * Classification banners (issue 17): the standard colours of TLP 2.0 and US markings, a neutral band
 * readable in both themes, the briefing's own colours (`deck.banner`, checked for contrast), the same
 * colours in the deck, the single file, the handout and the PowerPoint master; the progress bar never
 * over a banner (measured in Chromium); and the marking read back from every PDF page as written.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { strFromU8, unzipSync } from 'fflate';
import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserSession } from '../src/browser/session.js';
import { bannerColours, bannerFor, NEUTRAL_BANNERS, STANDARD_BANNERS } from '../src/content/banner.js';
import { BriefingError, formatProblem } from '../src/errors.js';
import { contrastRatio } from '../src/format/colourContrast.js';
import { parseBriefing } from '../src/format/load.js';
import { validateBriefing } from '../src/format/validate.js';
import { build, FIXTURES, newSession, ROOT } from './_helpers.js';

const themeVar = (theme: string, name: string) =>
  new RegExp(`--${name}: (#[0-9a-f]{6});`).exec(
    readFileSync(path.join(ROOT, 'themes', `theme-${theme}.css`), 'utf8'),
  )?.[1];

describe('banner colours', () => {
  it('gives recognised markings their standard colours', () => {
    const colours = (marking: string) => bannerFor(marking).colours;
    expect(colours('TLP:RED')).toEqual({ background: '#000000', text: '#ff2b2b' });
    expect(colours('TLP:AMBER')).toEqual({ background: '#000000', text: '#ffc000' });
    expect(colours('TLP:AMBER+STRICT')).toEqual({ background: '#000000', text: '#ffc000' });
    expect(colours('tlp:green')).toEqual({ background: '#000000', text: '#33ff00' });
    expect(colours('TLP:CLEAR')).toEqual({ background: '#000000', text: '#ffffff' });
    expect(colours('UNCLASSIFIED')).toEqual({ background: '#007a33', text: '#ffffff' });
    expect(colours('UNCLASSIFIED//FOR OFFICIAL USE ONLY')).toEqual({
      background: '#007a33',
      text: '#ffffff',
    });
    expect(colours('CUI')).toEqual({ background: '#502b85', text: '#ffffff' });
    expect(colours('CONFIDENTIAL')).toEqual({ background: '#0033a0', text: '#ffffff' });
    expect(colours('SECRET//NOFORN')).toEqual({ background: '#c8102e', text: '#ffffff' });
    expect(colours('TOP SECRET')).toEqual({ background: '#ff8c00', text: '#000000' });
    expect(colours('TOP SECRET//SCI//NOFORN')).toEqual({ background: '#fce83a', text: '#000000' });
    for (const other of ['OFFICIAL', 'OFFICIAL-SENSITIVE', 'NATO SECRET', 'Internal']) {
      expect(bannerFor(other)).toEqual({ standard: 'neutral' });
    }
    const own = { background: '#123456', text: '#ffffff' };
    expect(bannerFor('TLP:RED', own)).toEqual({ standard: 'briefing', colours: own });
  });

  it('reaches 4.5:1 for every standard and for the neutral band of both themes, which stands out from the page', () => {
    for (const { background, text } of STANDARD_BANNERS)
      expect(contrastRatio(background, text)).toBeGreaterThanOrEqual(4.5);
    for (const theme of ['light', 'dark'] as const) {
      const neutral = bannerColours(bannerFor('OFFICIAL'), theme);
      expect(neutral).toEqual(NEUTRAL_BANNERS[theme]);
      // The theme's CSS says the same.
      expect([themeVar(theme, 'bd-banner-bg'), themeVar(theme, 'bd-banner-text')]).toEqual([
        neutral.background,
        neutral.text,
      ]);
      expect(contrastRatio(neutral.background, neutral.text)).toBeGreaterThanOrEqual(4.5);
      // Today's dark band was 1.4:1 against its page; the band itself must show.
      expect(contrastRatio(neutral.background, themeVar(theme, 'bd-bg') as string)).toBeGreaterThanOrEqual(3);
    }
  });
});

describe('deck.banner', () => {
  const withBanner = (banner: string) =>
    `title: T\nclassification: OFFICIAL\nsituation: { summary: S }\nactors: [{ name: A, role: R }]\nrisks: [{ title: X, likelihood: likely, impact: high }]\nrecommendations: [{ action: Do }]\ndeck:\n  banner:\n${banner}`;
  const problemsOf = async (yaml: string): Promise<string[]> => {
    try {
      await validateBriefing(parseBriefing(Buffer.from(yaml), 'b.yaml', FIXTURES));
      return [];
    } catch (error) {
      if (error instanceof BriefingError) return error.problems.map(formatProblem);
      throw error;
    }
  };

  it('takes two hex colours that reach 4.5:1', async () => {
    const briefing = await validateBriefing(
      parseBriefing(
        Buffer.from(withBanner('    background: "#1a1a2e"\n    text: "#FC0"\n')),
        'b.yaml',
        FIXTURES,
      ),
    );
    expect(briefing.deck.banner).toEqual({ background: '#1a1a2e', text: '#ffcc00' });
  });

  it('refuses a pair under 4.5:1, a colour that is not hex and a missing key, each at its place', async () => {
    expect(await problemsOf(withBanner('    background: "#777777"\n    text: "#ffffff"\n'))).toEqual([
      expect.stringMatching(
        /^b\.yaml:10:11: deck\.banner\.text: #ffffff on #777777 has a contrast of 4\.48:1, under the 4\.5:1 a banner needs/,
      ),
    ]);
    expect((await problemsOf(withBanner('    background: navy\n    text: "#ffffff"\n')))[0]).toMatch(
      /^b\.yaml:9:17: deck\.banner\.background: "navy" is not a #rgb or #rrggbb colour/,
    );
    expect((await problemsOf(withBanner('    background: "#000000"\n')))[0]).toMatch(
      /^b\.yaml:\d+:\d+: deck\.banner/,
    );
  });
});

/** The marking as pdftotext reads each page of a PDF. */
function pageTexts(pdf: string): string[] {
  return execFileSync('pdftotext', [pdf, '-'], { encoding: 'utf8' }).split('\f').slice(0, -1);
}

/** Words of a PDF page with their height in points (pdftotext -bbox). */
function wordBoxes(pdf: string, page: number): { word: string; top: number; height: number }[] {
  const html = execFileSync('pdftotext', ['-bbox', '-f', String(page), '-l', String(page), pdf, '-'], {
    encoding: 'utf8',
  });
  return [
    ...html.matchAll(/<word xMin="[\d.]+" yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)">([^<]*)<\/word>/g),
  ].map((m) => ({ word: m[3] as string, top: Number(m[1]), height: Number(m[2]) - Number(m[1]) }));
}

describe.each([
  ['UNCLASSIFIED', 'briefing.yaml', 'light'],
  ['TLP:AMBER+STRICT', 'tests/fixtures/decisions.yaml', 'dark'],
  ['OFFICIAL-SENSITIVE', 'tests/fixtures/long.yaml', 'dark'],
])('a %s briefing (%s, %s theme)', (marking, file, theme) => {
  let session: BrowserSession;
  let built: Awaited<ReturnType<typeof build>>;

  beforeAll(async () => {
    session = newSession();
    built = await build(path.join(ROOT, file), {
      handout: 'a4',
      singleFile: true,
      pptx: true,
      deck: { theme },
      session,
    });
  }, 180_000);
  afterAll(() => session.close());

  it('has the exact marking, twice, on every page of the slide PDF and the handout; the handout’s at 12 pt or more', () => {
    for (const pdf of [built.pdf, built.handout] as string[]) {
      const pages = pageTexts(pdf);
      expect(pages.length).toBeGreaterThan(1);
      pages.forEach((text, index) => {
        const found = text.split('\n').filter((line) => line.trim() === marking).length;
        expect(found, `${path.basename(pdf)} page ${index + 1}`).toBeGreaterThanOrEqual(2);
      });
    }
    const handoutPages = pageTexts(built.handout as string).length;
    for (let page = 1; page <= handoutPages; page++) {
      const labels = wordBoxes(built.handout as string, page).filter((box) => box.word === marking);
      // One in the top margin (22 mm, 62 pt) and one in the bottom margin (20 mm) of the A4 page (842 pt).
      const header = labels.find((label) => label.top < 62);
      const footer = labels.find((label) => label.top > 842 - 57);
      expect([header, footer].every(Boolean), `handout page ${page}`).toBe(true);
      for (const label of [header, footer]) expect(label?.height).toBeGreaterThanOrEqual(12);
    }
  });

  it('gives the banners the same colours in the deck, the single file and the PowerPoint master', async () => {
    const expected = bannerColours(bannerFor(marking), theme as 'light' | 'dark');
    for (const html of [built.html, built.singleFile] as string[]) {
      await session.withPage(async (page) => {
        await page.setViewport({ width: 1280, height: 720 });
        await page.goto(pathToFileURL(html).href, { waitUntil: 'load' });
        await page.waitForFunction(() => document.querySelector('.reveal.ready') !== null);
        const colours = await page.evaluate(() =>
          [...document.querySelectorAll('.bd-banner')].map((banner) => {
            const style = getComputedStyle(banner);
            return `${style.backgroundColor} ${style.color}`;
          }),
        );
        const rgb = (hex: string) =>
          `rgb(${[1, 3, 5].map((i) => Number.parseInt(hex.slice(i, i + 2), 16)).join(', ')})`;
        expect(new Set(colours)).toEqual(new Set([`${rgb(expected.background)} ${rgb(expected.text)}`]));
      });
    }
    const files = unzipSync(readFileSync(built.pptx as string));
    const master = strFromU8(files['ppt/slideMasters/slideMaster1.xml'] as Uint8Array);
    expect(master).toContain(`<a:srgbClr val="${expected.background.slice(1).toUpperCase()}"/>`);
    expect(master).toContain(`<a:srgbClr val="${expected.text.slice(1).toUpperCase()}"/>`);
  });

  it('never lets the progress bar cover a banner, in the deck or the single file, at any window shape', async () => {
    for (const html of [built.html, built.singleFile] as string[]) {
      await session.withPage(async (page) => {
        for (const [width, height] of [
          [1280, 720],
          [1800, 700],
          [1000, 900],
          [1366, 768],
        ] as const) {
          await page.setViewport({ width, height });
          // A new address for each shape: a fresh load laid out at that size, never the last page
          // reused before reveal.js has laid it out again for the new window.
          await page.goto(`${pathToFileURL(html).href}?${width}x${height}#/2`, { waitUntil: 'load' });
          await page.waitForFunction(() => document.querySelector('.reveal.ready') !== null);
          // Measured once the fonts are in and a frame has been laid out with them.
          await page.evaluate(async () => {
            await document.fonts.ready;
            await new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)));
          });
          const { progress, banners } = await geometry(page);
          expect(progress.height, `${width}×${height}`).toBeGreaterThan(0);
          for (const banner of banners) {
            const overlap =
              Math.min(progress.bottom, banner.bottom) - Math.max(progress.top, banner.top) > 0 &&
              Math.min(progress.right, banner.right) - Math.max(progress.left, banner.left) > 0;
            expect(overlap, `${path.basename(html)} at ${width}×${height}`).toBe(false);
          }
          expect(banners.length).toBe(2);
        }
      });
    }
  });
});

/** The progress bar's box and the present slide's banners' boxes, in window pixels. */
function geometry(page: Page) {
  return page.evaluate(() => {
    const box = (element: Element) => {
      const { top, bottom, left, right, height } = element.getBoundingClientRect();
      return { top, bottom, left, right, height };
    };
    const progress = document.querySelector('.reveal .progress') as Element;
    const present = document.querySelector('.reveal .slides > section.present') as Element;
    return { progress: box(progress), banners: [...present.querySelectorAll('.bd-banner')].map(box) };
  });
}
