/**
 * The classification must show on every slide and every PDF page, as it is,
 * whatever the theme does. A theme is the user's CSS and can hide, cover,
 * recolour, move or relabel anything, so the banners are checked where they
 * are drawn, after rendering:
 *
 * - in the print view, just before printing (print media, the layout the PDF
 *   gets): each slide has its top and bottom banner, shown, inside the page,
 *   reading exactly the marking (generated content and text-transform
 *   included, hidden text excluded);
 * - its contrast: where the styles decide it (the banner and everything above
 *   it opaque, unfiltered and unclipped, solid colours, and the banner itself
 *   the topmost thing under the middle of every letter), from the colours;
 *   otherwise in pixels: the page is captured twice, with the banners' text
 *   and with it made transparent, and every letter must change pixels with a
 *   contrast of at least 4.5:1 between the two. That measures what a reader
 *   sees against what is actually behind each letter: a cover, opacity, a
 *   filter, a clip or the text's own colour all show as too little contrast.
 *   The built-in themes are decided by their styles, in milliseconds; the
 *   captures (about a second) are for a theme that makes it undecidable;
 * - in each printed PDF (slides and handout): every page's text carries the
 *   marking, read with pdfText.ts.
 *
 * Any failure is a RenderError, with or without --strict.
 */

import type { Page } from 'puppeteer-core';
import { MarkingError } from '../errors.js';
import { bannerLooks, differences, type Looks } from './bannerLooks.js';
import { contrast, type Letter, letterContrast, luminance } from './bannerPixels.js';
import {
  type BannerPaint,
  hitBanners,
  readBannerLetters,
  readBannerPaints,
  readBannerTexts,
} from './bannerReadings.js';
import { pdfPageTexts } from './pdfText.js';
import { span } from './trace.js';

/** WCAG AA for text. */
const MIN_CONTRAST = 4.5;
/** A letter shorter than this (CSS px, its line box) is not readable on the page. */
const MIN_LETTER_HEIGHT = 10;
/** At most this many problems are listed; the count says how many more. */
const MAX_LISTED = 8;

/** The marking as the banners show it: set in capitals (briefdeck.css, handout.css), spaces collapsed. */
function shownMarking(marking: string): string {
  return marking.replace(/\s+/g, ' ').trim().toUpperCase();
}

/**
 * Reads how every slide's banners look as the deck is presented, for checkSlideBanners. It must run
 * before print media is emulated: the deck is presented on screen and printed from its print view,
 * and a theme may style the banners for one and not the other (`@media screen`,
 * `html:not(.print-pdf)`).
 */
export function readScreenLooks(page: Page): Promise<Looks> {
  return span('banner looks on screen', () => page.evaluate(bannerLooks, { screen: true }));
}

/**
 * Checks every slide's banners in the loaded print view of the deck, with print media emulated
 * (as printing has it): they must look as they do on screen (`onScreen`, from readScreenLooks), and
 * the print view is then checked in full. It may run while the page is being printed: each reading
 * leaves the page as it found it within one task of the page, which a print does not interleave
 * with, and the pixel check, which changes the page between its two captures, waits for
 * `printing` to end first.
 */
export async function checkSlideBanners(
  page: Page,
  marking: string,
  onScreen: Looks,
  printing?: Promise<unknown>,
): Promise<void> {
  const inPrint = await span('banner looks in print', () => page.evaluate(bannerLooks, { screen: false }));
  const { problems, letters } = await span('inspect banners', () =>
    inspectBanners(page, shownMarking(marking)),
  );
  problems.unshift(...differences(onScreen, inPrint));
  if (letters.length > 0) {
    const unsure = await span('undecided letters', () => undecidedLetters(page, letters));
    if (unsure.length > 0) {
      await printing?.catch(() => {});
      problems.push(...(await span('letter contrast', () => letterContrast(page, unsure, MIN_CONTRAST))));
    }
  }
  if (problems.length > 0) throw bannerError('slide', problems);
}

/** Checks that every page of a printed PDF carries the marking at least `perPage` times. */
export function checkPdfMarking(
  pdf: Uint8Array,
  marking: string,
  options: { document: string; perPage: number },
): void {
  // Letter-spaced text may come out with spaces between the letters: compared without spaces.
  const wanted = shownMarking(marking).replace(/\s+/g, '');
  const problems: string[] = [];
  const pages = pdfPageTexts(pdf);
  if (pages.length === 0) problems.push(`the ${options.document} has no page whose text could be read`);
  pages.forEach((text, index) => {
    const found = text.replace(/\s+/g, '').split(wanted).length - 1;
    if (found < options.perPage)
      problems.push(
        `${options.document} page ${index + 1}: the marking "${shownMarking(marking)}" is in its text ${found} time(s), not ${options.perPage}`,
      );
  });
  if (problems.length > 0) throw bannerError('page', problems);
}

function bannerError(where: 'slide' | 'page', problems: string[]): MarkingError {
  const listed = problems.slice(0, MAX_LISTED).join('; ');
  const more = problems.length > MAX_LISTED ? `; and ${problems.length - MAX_LISTED} more` : '';
  return new MarkingError(`The classification banner is not shown as it must be: ${listed}${more}.`, {
    hint:
      where === 'slide'
        ? 'The theme (deck.theme) or a template (--templates) hides, covers or changes it; a theme may set --bd-banner-bg and --bd-banner-text but must leave the banners shown. No deck or PDF was written.'
        : 'The printed PDF lost the marking; no deck or PDF was written. Report it with the briefing and the browser version.',
  });
}

/**
 * Each slide's two banners in the print view: there once, shown, inside the
 * slide, reading exactly the marking, their letters of a readable size
 * inside the page; with the box of every letter, for the contrast.
 */
async function inspectBanners(
  page: Page,
  expected: string,
): Promise<{ problems: string[]; letters: Letter[] }> {
  const texts = await page.evaluate(readBannerTexts, { expected });
  const read = texts.banners.filter((banner) => banner.readLetters);
  const { letters, problems: letterProblems } = await page.evaluate(readBannerLetters, {
    banners: read.map(({ slide, banner }) => ({ slide, banner })),
    minHeight: MIN_LETTER_HEIGHT,
  });
  const problems = texts.banners.flatMap((banner) => [
    ...banner.problems,
    ...(banner.readLetters ? (letterProblems[read.indexOf(banner)] ?? []) : []),
  ]);
  if (texts.noSlide) problems.push('the print view has no slide');
  return { problems, letters };
}

/**
 * The letters whose contrast the styles cannot vouch for. A letter is
 * vouched for when its banner is what the browser finds under its middle
 * (hitBanners), the banner paints plainly (readBannerPaints), and its text
 * and background are solid colours at least MIN_CONTRAST apart.
 */
async function undecidedLetters(page: Page, letters: Letter[]): Promise<Letter[]> {
  const paints = await page.evaluate(readBannerPaints);
  const hits = await page.evaluate(hitBanners, { letters });
  if (!hits) return letters;
  const vouched = new Map(
    paints.map(({ slide, banner, paint }) => [`${slide} ${banner}`, vouchedFor(paint)]),
  );
  return letters.filter((letter, index) => !hits[index] || !vouched.get(`${letter.slide} ${letter.banner}`));
}

function vouchedFor(paint: BannerPaint | undefined): boolean {
  const text = paint && rgba(paint.color);
  const background = paint && rgba(paint.background);
  if (!paint?.plain || !text || !background || text[3] !== 1 || background[3] !== 1) return false;
  if (paint.backgroundImage !== 'none') return false;
  const [r, g, b] = text;
  const [br, bg, bb] = background;
  return contrast(luminance(r, g, b), luminance(br, bg, bb)) >= MIN_CONTRAST;
}

/** A computed colour, `rgb(…)` or `rgba(…)`, as its channels and alpha; undefined for anything else. */
function rgba(value: string): [number, number, number, number] | undefined {
  const match = /^rgba?\(([\d.]+),\s*([\d.]+),\s*([\d.]+)(?:,\s*([\d.]+))?\)$/.exec(value);
  return match ? [Number(match[1]), Number(match[2]), Number(match[3]), Number(match[4] ?? 1)] : undefined;
}
