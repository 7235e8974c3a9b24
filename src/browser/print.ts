/**
 * Stage 5: print the deck to PDF in Chromium, from the deck's print view:
 * one page per slide, backgrounds printed, fonts embedded. Every request
 * that is not a file of the deck is blocked; what the page reports (script
 * errors, failed or blocked requests) is passed on to the user; every slide
 * is measured for overflow on the way.
 */
import { pathToFileURL } from 'node:url';
import type { CDPSession, Page } from 'puppeteer-core';
import { RenderError } from '../errors.js';
import { checkPdfMarking, checkSlideBanners, readScreenLooks } from './bannerCheck.js';
import { guardPage } from './guard.js';
import type { BrowserSession } from './session.js';
import { slideSwap, swapSlides } from './slideSwap.js';
import { NAMED_PAGE_WIDTHS, printedWidth, settleSoftHyphens } from './softHyphens.js';
import { span, spanSync } from './trace.js';

export interface PrintOptions {
  /** The deck's HTML file; everything it loads must be inside `root`. */
  htmlFile: string;
  root: string;
  timeoutMs: number;
  /** Print the PDF; false only measures the slides (for --strict --no-pdf). */
  pdf?: boolean;
  /** Called with each thing the page reported (console errors, blocked requests). */
  onPageMessage?: (message: string) => void;
  /** The classification: every slide's banners and every PDF page must show it (bannerCheck.ts). */
  marking?: string;
  /**
   * The deck's slides and a hash of the page around them (outputs/deckShell.ts). A kept page that shows
   * the same file with the same shell swaps its slides in place instead of loading the file again.
   */
  parts?: DeckParts;
}

export interface DeckParts {
  shell: string;
  slides: string;
  /** The slides one by one, when the markup is just slides; only those that changed are swapped in. */
  sections: string[] | undefined;
}

export interface Overflow {
  slideId: string;
  heading: string;
  /** YAML path of the first item that does not fit, else of the slide. */
  yamlPath: string;
  /** How far the content runs past the slide body, in CSS pixels. */
  pixels: number;
}

export interface PrintResult {
  /** Undefined when only measuring. */
  pdf: Uint8Array | undefined;
  slideCount: number;
  pageCount: number;
  overflows: Overflow[];
}

export async function printPdf(session: BrowserSession, options: PrintOptions): Promise<PrintResult> {
  return session.withPage(async (page) => {
    await preparePage(page, options);
    await showDeck(page, options);
    const { slideCount, overflows } = await step('measure the slides', options.timeoutMs, () =>
      page.evaluate(measureSlides),
    );
    await page.evaluate(linkSlidesInPrint);
    const { marking } = options;
    try {
      const onScreen = marking === undefined ? undefined : await readScreenLooks(page);
      // Print media for the print and the banner check; the soft hyphens settled for the print alone.
      if (options.pdf !== false || marking !== undefined)
        await forPrint(page, { hyphens: options.pdf !== false });
      // Chromium prints while the banners are checked; a failed check throws the PDF away.
      const printing =
        options.pdf === false ? undefined : printPage(page, 'print the PDF', options.timeoutMs);
      printing?.catch(() => {});
      if (marking !== undefined && onScreen !== undefined)
        await step('check the classification banners', options.timeoutMs, () =>
          checkSlideBanners(page, marking, onScreen, printing),
        );
      if (printing === undefined) return { pdf: undefined, slideCount, pageCount: 0, overflows };
      const pdf = await printing;
      if (marking !== undefined)
        spanSync('check the PDF marking', () =>
          checkPdfMarking(pdf, marking, { document: 'slide PDF', perPage: 2 }),
        );
      return { pdf, slideCount, pageCount: countPdfPages(pdf), overflows };
    } finally {
      // A kept page measures the next deck on screen again: set, and the deck laid out for it, while
      // the PDF goes on (preparePage waits for it).
      screenAgain.set(
        page,
        page
          .emulateMediaType(undefined)
          .then(() => page.evaluate(() => void document.body.getBoundingClientRect()))
          .catch(() => {}),
      );
    }
  });
}

/**
 * Runs in the page: reveal.js links to a slide as #/id; in the printed pages that is the element
 * #id, so the PDF gets links that go to the page (a citation to the sources slide).
 */
function linkSlidesInPrint(): void {
  for (const link of document.querySelectorAll<HTMLAnchorElement>('a[href^="#/"]')) {
    const id = link.getAttribute('href')?.slice(2) ?? '';
    if (document.getElementById(id)) link.setAttribute('href', `#${id}`);
  }
}

/** Each kept page's return to screen media after a print, under way. */
const screenAgain = new WeakMap<Page, Promise<void>>();

export type DocumentPrintOptions = Omit<PrintOptions, 'pdf'>;

/**
 * Prints a document that sets its own page size and margins (the handout),
 * tagged. Its bookmarks are added afterwards (pdfOutline.ts).
 */
export async function printDocument(
  session: BrowserSession,
  options: DocumentPrintOptions,
): Promise<{ pdf: Uint8Array; pageCount: number }> {
  return session.withPage(async (page) => {
    await preparePage(page, options);
    await step('load the handout', options.timeoutMs, async () => {
      await page.goto(pathToFileURL(options.htmlFile).href, {
        waitUntil: 'load',
        timeout: options.timeoutMs,
      });
      await page.evaluate(() => document.fonts.ready.then(() => undefined));
    });
    await forPrint(page, { hyphens: true });
    const pdf = await printPage(page, 'print the handout', options.timeoutMs);
    // The marking is in the page margins (handout.hbs), out of the DOM's reach: read back from the PDF,
    // at the top and the bottom of every page.
    if (options.marking !== undefined)
      checkPdfMarking(pdf, options.marking, { document: 'handout', perPage: 2 });
    return { pdf, pageCount: countPdfPages(pdf) };
  });
}

/** What each kept page shows: the print view's URL, its deck's shell and slides (see `DeckParts`). */
const shown = new WeakMap<Page, { url: string; shell: string; slides: string[] | undefined }>();

/** Shows the deck's print view in the page: its slides swapped in place when it shows the same shell, else loaded. */
async function showDeck(page: Page, options: PrintOptions): Promise<void> {
  const url = `${pathToFileURL(options.htmlFile).href}?print-pdf`;
  const was = shown.get(page);
  shown.delete(page); // until this deck is shown in full
  const { parts } = options;
  if (parts && was?.url === url && was.shell === parts.shell && page.url() === url)
    await step('swap the slides', options.timeoutMs, () =>
      page.evaluate(swapSlides, slideSwap(was.slides, parts.sections, parts.slides)),
    );
  else
    await step('load the deck', options.timeoutMs, async () => {
      await page.goto(url, { waitUntil: 'load', timeout: options.timeoutMs });
      await page.waitForFunction(
        () => {
          // Set by the deck's script when the print view is laid out and its fonts are loaded.
          return document.documentElement.dataset.pdfReady === 'true' && document.fonts.status === 'loaded';
        },
        { timeout: options.timeoutMs, polling: 'mutation' },
      );
      await page.evaluate(() => document.fonts.ready.then(() => undefined));
    });
  if (parts) shown.set(page, { url, shell: parts.shell, slides: parts.sections });
}

/** Guards the page for this document (a kept page only learns the new folder) and sets its timeout. */
async function preparePage(page: Page, options: DocumentPrintOptions): Promise<void> {
  await screenAgain.get(page);
  await step('prepare the page', options.timeoutMs, () =>
    guardPage(page, options.root, options.onPageMessage ?? (() => {})),
  );
  page.setDefaultTimeout(options.timeoutMs);
}

/**
 * Readies the loaded page for printing: print media, and (`hyphens`) its text's soft hyphens settled,
 * so that the PDF's text gets a hyphen where a line ends in one and no soft hyphens (softHyphens.ts).
 */
function forPrint(page: Page, { hyphens }: { hyphens: boolean }): Promise<void> {
  return span('ready the print', async () => {
    await page.emulateMediaType('print');
    if (hyphens) await page.evaluate(settleSoftHyphens, await page.evaluate(printedWidth, NAMED_PAGE_WIDTHS));
  });
}

/**
 * Prints the page, readied by forPrint, as its CSS asks (page size, backgrounds), tagged; the
 * bookmarks are ours (pdfOutline.ts), not Chromium's.
 */
function printPage(page: Page, name: string, timeoutMs: number): Promise<Uint8Array> {
  return step(name, timeoutMs, async () => {
    // Straight from the protocol, in one answer: Puppeteer's page.pdf() asks for a stream and reads
    // it back in chunks, and first waits for the fonts again (done already).
    const client = clients.get(page) ?? page.createCDPSession();
    clients.set(page, client);
    const printed = (await client).send('Page.printToPDF', {
      preferCSSPageSize: true,
      printBackground: true,
      generateTaggedPDF: true,
      generateDocumentOutline: false,
      transferMode: 'ReturnAsBase64',
    });
    const { data } = await within(timeoutMs, printed);
    return new Uint8Array(Buffer.from(data, 'base64'));
  });
}

/** Each page's protocol session, for printing. */
const clients = new WeakMap<Page, Promise<CDPSession>>();

/** The promise, or an error after `ms` (which `step` reports as a timeout). */
function within<T>(ms: number, promise: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const expired = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms`)), ms);
  });
  return Promise.race([promise, expired]).finally(() => clearTimeout(timer));
}

/** Runs one step; a timeout becomes a RenderError that says which step and what to do. */
async function step<T>(name: string, timeoutMs: number, fn: () => Promise<T>): Promise<T> {
  try {
    return await span(name, fn);
  } catch (cause) {
    if (cause instanceof RenderError) throw cause;
    const timedOut = cause instanceof Error && /timeout|timed out/i.test(`${cause.name} ${cause.message}`);
    const message = cause instanceof Error ? cause.message.split('\n')[0] : String(cause);
    throw new RenderError(
      timedOut ? `Timed out after ${timeoutMs} ms while trying to ${name}.` : `Could not ${name}: ${message}`,
      {
        hint: timedOut
          ? 'Raise the limit with --timeout MS, or build without the PDF (--no-pdf).'
          : 'Run again; if it persists, report it with the deck file.',
        cause,
      },
    );
  }
}

/** Pages in a PDF as Chromium writes it (page objects are plain, not in object streams). */
export function countPdfPages(pdf: Uint8Array): number {
  return (
    Buffer.from(pdf)
      .toString('latin1')
      .match(/\/Type\s*\/Page(?![a-zA-Z])/g)?.length ?? 0
  );
}

/** Runs in the page: counts slides and pages, and finds content that runs past a slide's body. */
function measureSlides(): { slideCount: number; overflows: Overflow[] } {
  const slides = [...document.querySelectorAll<HTMLElement>('section.bd-slide')];
  const overflows: Overflow[] = [];
  for (const slide of slides) {
    const body = slide.querySelector<HTMLElement>('.bd-body');
    if (!body) continue;
    const limit = body.getBoundingClientRect();
    const style = getComputedStyle(body);
    const bottom = limit.bottom - Number.parseFloat(style.paddingBottom);
    const right = limit.right - Number.parseFloat(style.paddingRight);
    // Only what shows content (text, images, drawings): a card stretched by its neighbour in a grid
    // row is not itself too long, the text in the other card is.
    const shows = (element: Element) =>
      element instanceof SVGElement ||
      element.tagName === 'IMG' ||
      [...element.childNodes].some((node) => node.nodeType === Node.TEXT_NODE && node.textContent?.trim());
    // By how much, as far as anything runs; to blame, the first item (in the order read) that runs past:
    // a long summary pushes the cards under it out, and it is the summary that must be shortened.
    let worst = 0;
    let path: string | undefined;
    for (const element of body.querySelectorAll<HTMLElement>('*')) {
      if (!shows(element) || element.closest('.bd-sr-only')) continue;
      const box = element.getBoundingClientRect();
      if (box.width === 0 && box.height === 0) continue;
      const past = Math.max(box.bottom - bottom, box.right - right);
      if (past <= 1.5) continue;
      worst = Math.max(worst, past);
      const item = element.closest<HTMLElement>('[data-yaml-path]');
      if (path === undefined && item && body.contains(item)) path = item.dataset.yamlPath;
    }
    path ??= slide.dataset.yamlPath ?? '';
    if (worst > 0) {
      const heading = slide.querySelector('h2, h1')?.textContent?.trim() ?? '';
      overflows.push({ slideId: slide.id, heading, yamlPath: path, pixels: Math.round(worst) });
    }
  }
  return { slideCount: slides.length, overflows };
}
