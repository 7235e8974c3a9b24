/**
 * The presenter view (issue 17): reveal.js's speaker window, opened with `s` from the deck and from
 * the single file in Chromium, is in the deck's font and colours, its notes are at least 20px, and
 * no label or menu covers a slide preview, in each of its layouts. Measured in the rendered window.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserSession } from '../src/browser/session.js';
import { build, newSession, ROOT } from './_helpers.js';

interface Box {
  top: number;
  bottom: number;
  left: number;
  right: number;
}

const overlaps = (a: Box, b: Box) =>
  Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top) > 0 &&
  Math.min(a.right, b.right) - Math.max(a.left, b.left) > 0;

const themeBg = (theme: string) =>
  /--bd-bg: (#[0-9a-f]{6});/.exec(
    readFileSync(path.join(ROOT, 'themes', `theme-${theme}.css`), 'utf8'),
  )?.[1] as string;
const rgb = (hex: string) =>
  `rgb(${[1, 3, 5].map((i) => Number.parseInt(hex.slice(i, i + 2), 16)).join(', ')})`;

/** Opens the deck, then its speaker view; returns the speaker window once its notes are in. */
async function openSpeakerView(page: Page, html: string): Promise<{ view: Page; problems: string[] }> {
  await page.setViewport({ width: 1280, height: 720 });
  await page.goto(`${pathToFileURL(html).href}#/2`, { waitUntil: 'load' });
  await page.waitForFunction(() => document.querySelector('.reveal.ready') !== null);
  const popup = new Promise<Page | null>((resolve) => page.once('popup', resolve));
  await page.keyboard.press('s');
  const view = (await popup) as Page;
  const problems: string[] = [];
  view.on('console', (message) => {
    if (message.type() === 'error') problems.push(message.text());
  });
  await view.setViewport({ width: 1100, height: 700 });
  await view.waitForSelector('#upcoming-slide iframe', { timeout: 15_000 });
  await view.waitForFunction(
    () => (document.querySelector('.speaker-controls-notes .value')?.textContent ?? '').length > 20,
    { timeout: 15_000 },
  );
  await view.evaluate(() => document.fonts.ready.then(() => undefined));
  return { view, problems };
}

/** What the speaker view shows, measured: fonts, colours, the notes' text sizes, labels and previews. */
function measure(view: Page, layout: string) {
  return view.evaluate((layout) => {
    document.body.setAttribute('data-speaker-layout', layout);
    const box = (element: Element): Box => {
      const { top, bottom, left, right } = element.getBoundingClientRect();
      return { top, bottom, left, right };
    };
    const notes = document.querySelector('.speaker-controls-notes .value') as Element;
    const sizes: number[] = [];
    const walker = document.createTreeWalker(notes, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode())
      if ((node.textContent ?? '').trim())
        sizes.push(Number.parseFloat(getComputedStyle(node.parentElement as Element).fontSize));
    const body = getComputedStyle(document.body);
    return {
      font: body.fontFamily,
      fontLoaded:
        document.fonts.check('16px "Source Sans 3"') &&
        [...document.fonts].some((f) => f.family.includes('Source Sans 3') && f.status === 'loaded'),
      background: body.backgroundColor,
      notesFont: getComputedStyle(notes).fontFamily,
      smallestNote: Math.min(...sizes),
      labels: [...document.querySelectorAll('#upcoming-slide .label, #speaker-layout')].map(box),
      previews: [...document.querySelectorAll('#current-slide iframe, #upcoming-slide iframe')]
        .filter((frame) => frame.getBoundingClientRect().width > 0)
        .map(box),
    };
  }, layout);
}

describe.each([
  ['light', '16:9'],
  ['dark', '4:3'],
])('the presenter view, %s theme, %s', (theme, aspect) => {
  let session: BrowserSession;
  let built: Awaited<ReturnType<typeof build>>;

  beforeAll(async () => {
    session = newSession();
    built = await build(path.join(ROOT, 'briefing.yaml'), {
      pdf: false,
      singleFile: true,
      withNotes: true,
      deck: { theme, aspect: aspect as '16:9' | '4:3' },
      session,
    });
  }, 120_000);
  afterAll(() => session.close());

  for (const which of ['deck', 'single file'] as const) {
    it(`from the ${which}: the deck's font and colours, notes of 20px or more, no label over a preview`, async () => {
      await session.withPage(async (page) => {
        const { view, problems } = await openSpeakerView(
          page,
          (which === 'deck' ? built.html : built.singleFile) as string,
        );
        try {
          for (const layout of ['default', 'wide', 'tall']) {
            const shown = await measure(view, layout);
            expect(shown.font).toMatch(/^"?Source Sans 3"?/);
            expect(shown.notesFont).toMatch(/^"?Source Sans 3"?/);
            expect(shown.fontLoaded).toBe(true);
            expect(shown.background).toBe(rgb(themeBg(theme)));
            expect(shown.smallestNote).toBeGreaterThanOrEqual(20);
            expect(shown.previews.length).toBe(2);
            for (const label of shown.labels)
              for (const preview of shown.previews)
                expect(overlaps(label, preview), `${layout}: ${JSON.stringify([label, preview])}`).toBe(
                  false,
                );
          }
          expect(problems.filter((p) => /Content Security Policy|Refused/.test(p))).toEqual([]);
        } finally {
          await view.close();
        }
      });
    });
  }
});
