/**
 * The slides as small pictures, for the briefer's script: the deck's print
 * view (every slide laid out, no reveal.js) loaded in Chromium and each
 * slide captured as a PNG, drawn at the picture's size (not shrunk from a
 * full-size capture), so its text stays crisp. The page is opened for this
 * alone and closed after: like every page that loads the deck, it may read
 * only the deck's own files.
 */
import { pathToFileURL } from 'node:url';
import type { Page } from 'puppeteer-core';
import { guardPage } from '../browser/guard.js';
import type { BrowserSession } from '../browser/session.js';
import { RenderError } from '../errors.js';

export interface CaptureOptions {
  /** The deck's HTML file; everything it loads must be inside `root`. */
  htmlFile: string;
  root: string;
  timeoutMs: number;
  /** Picture pixels per CSS pixel of the slide (0.5: a 1280 px slide becomes 640 px wide). */
  scale: number;
  onPageMessage?: (message: string) => void;
}

/** Each slide of the deck at `htmlFile`, in order, as PNG bytes. */
export async function captureSlides(session: BrowserSession, options: CaptureOptions): Promise<Uint8Array[]> {
  try {
    const browser = await session.get();
    // A page of its own, in a browser context of its own, closed here. Its own context gives it a window
    // of its own, where it stays the tab in front: a tab behind another gets no new frames, and its
    // captures can wait forever while another page prints (a batch prints two briefings at once). A page
    // of its own because the pages the session keeps for printing carry print.ts's guard, not this one.
    const context = await browser.createBrowserContext();
    try {
      const page = await context.newPage();
      page.setDefaultTimeout(options.timeoutMs);
      await guardPage(page, options.root, options.onPageMessage ?? (() => {}));
      return await captureLoaded(page, options);
    } finally {
      await context.close().catch(() => {});
    }
  } catch (cause) {
    if (cause instanceof RenderError) throw cause;
    const timedOut = cause instanceof Error && /timeout|timed out/i.test(`${cause.name} ${cause.message}`);
    const message = cause instanceof Error ? cause.message.split('\n')[0] : String(cause);
    throw new RenderError(
      timedOut
        ? `Timed out after ${options.timeoutMs} ms while trying to capture the slides for the notes.`
        : `Could not capture the slides for the notes: ${message}`,
      {
        hint: timedOut
          ? 'Raise the limit with --timeout MS.'
          : 'Run again; if it persists, report it with the deck file.',
        cause,
      },
    );
  }
}

async function captureLoaded(page: Page, options: CaptureOptions): Promise<Uint8Array[]> {
  await page.goto(`${pathToFileURL(options.htmlFile).href}?print-pdf`, {
    waitUntil: 'load',
    timeout: options.timeoutMs,
  });
  await page.waitForFunction(
    // Set by the deck's script when the print view is laid out and its fonts are loaded.
    () => document.documentElement.dataset.pdfReady === 'true' && document.fonts.status === 'loaded',
    { timeout: options.timeoutMs, polling: 'mutation' },
  );
  const boxes = await page.evaluate(() =>
    [...document.querySelectorAll('section.bd-slide')].map((slide) => {
      const box = slide.getBoundingClientRect();
      return {
        x: box.left + window.scrollX,
        y: box.top + window.scrollY,
        width: box.width,
        height: box.height,
      };
    }),
  );
  const images: Uint8Array[] = [];
  // One at a time: Chromium draws one capture at a time anyway, and asking for all at once is no faster.
  for (const box of boxes)
    images.push(
      await page.screenshot({
        type: 'png',
        clip: { ...box, scale: options.scale },
        captureBeyondViewport: true,
        optimizeForSpeed: true,
      }),
    );
  return images;
}
