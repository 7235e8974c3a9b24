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
import { bannerLooks, differences } from './bannerLooks.js';
import { type Letter, letterContrast } from './bannerPixels.js';
import { pdfPageTexts } from './pdfText.js';

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

interface Inspection {
  problems: string[];
  letters: Letter[];
}

/**
 * Checks every slide's banners in the loaded print view of the deck. Leaves
 * the page as it found it (print media emulated, which printing uses anyway).
 */
export async function checkSlideBanners(page: Page, marking: string): Promise<void> {
  // The deck is presented on screen and printed from its print view: a theme may style the banners
  // for one and not the other (`@media screen`, `html:not(.print-pdf)`), so they must look the same
  // in both, and the print view is then checked in full.
  const onScreen = await page.evaluate(bannerLooks, { screen: true });
  await page.emulateMediaType('print');
  const inPrint = await page.evaluate(bannerLooks, { screen: false });
  const { problems, letters } = await page.evaluate(inspectBanners, {
    expected: shownMarking(marking),
    minHeight: MIN_LETTER_HEIGHT,
  });
  problems.unshift(...differences(onScreen, inPrint));
  if (letters.length > 0) {
    const unsure = await page.evaluate(undecidedLetters, { letters, minContrast: MIN_CONTRAST });
    if (unsure.length > 0)
      problems.push(
        ...(await letterContrast(
          page,
          unsure.map((i) => letters[i] as Letter),
          MIN_CONTRAST,
        )),
      );
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
        ? 'The theme (deck.theme) or a template (--templates) hides, covers or changes it; a theme may set --bd-banner-bg and --bd-banner-text but must leave the banners shown. Nothing was written.'
        : 'The printed PDF lost the marking; nothing was written. Report it with the briefing and the browser version.',
  });
}

/**
 * Runs in the page: each slide's two banners, shown, inside the slide, reading exactly the
 * marking; returns the box of every letter for the pixel check.
 */
function inspectBanners({ expected, minHeight }: { expected: string; minHeight: number }): Inspection {
  const problems: string[] = [];
  const letters: Letter[] = [];
  const collapse = (text: string) => text.replace(/\s+/g, ' ').trim();
  // Generated content as text: the strings it holds, or the whole value for anything else (attr(), counter()).
  const generated = (element: Element, pseudo: string): string => {
    const content = getComputedStyle(element, pseudo).content;
    if (content === 'none' || content === 'normal') return '';
    const strings = [...content.matchAll(/"((?:\\.|[^"\\])*)"/g)].map((m) =>
      (m[1] ?? '').replace(/\\(.)/g, '$1'),
    );
    return strings.length > 0 ? strings.join('') : content;
  };
  const slides = [...document.querySelectorAll<HTMLElement>('section.bd-slide')];
  slides.forEach((slide, index) => {
    const number = index + 1;
    const where = `slide ${number}${slide.id ? ` (${slide.id})` : ''}`;
    const pageBox = slide.getBoundingClientRect();
    for (const which of ['top', 'bottom'] as const) {
      const found = slide.querySelectorAll<HTMLElement>(`.bd-banner-${which}`);
      const label = `${where}: the ${which} banner`;
      if (found.length !== 1) {
        problems.push(
          found.length === 0 ? `${where}: no ${which} banner` : `${label} is there ${found.length} times`,
        );
        continue;
      }
      const banner = found[0] as HTMLElement;
      if (
        !banner.checkVisibility({
          opacityProperty: true,
          visibilityProperty: true,
          contentVisibilityAuto: true,
        })
      ) {
        problems.push(`${label} is hidden`);
        continue;
      }
      const style = getComputedStyle(banner);
      // innerText applies text-transform and leaves out hidden descendants.
      const text = collapse(generated(banner, '::before') + banner.innerText + generated(banner, '::after'));
      if (text !== expected) problems.push(`${label} reads "${text.slice(0, 80)}", not "${expected}"`);
      for (const pseudo of ['::first-letter', '::first-line'])
        if (getComputedStyle(banner, pseudo).textTransform !== style.textTransform)
          problems.push(`${label}'s ${pseudo} changes its letters`);
      if (style.unicodeBidi.includes('override'))
        problems.push(`${label} has its letters reordered (unicode-bidi)`);
      const box = banner.getBoundingClientRect();
      if (
        box.left < pageBox.left - 1 ||
        box.right > pageBox.right + 1 ||
        box.top < pageBox.top - 1 ||
        box.bottom > pageBox.bottom + 1
      )
        problems.push(`${label} is not inside the page`);
      const walker = document.createTreeWalker(banner, NodeFilter.SHOW_TEXT);
      const range = document.createRange();
      let outside = false;
      let small = false;
      let sizeless = '';
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const value = (node as Text).data;
        for (let i = 0; i < value.length; i++) {
          const char = value[i] as string;
          if (/\s/.test(char)) continue;
          range.setStart(node, i);
          range.setEnd(node, i + 1);
          // Hidden text (an element inside, made invisible) is not part of what is read.
          const parent = node.parentElement;
          if (parent && parent !== banner && !parent.checkVisibility({ visibilityProperty: true })) continue;
          const rects = [...range.getClientRects()].filter((rect) => rect.width > 0 && rect.height > 0);
          if (rects.length === 0) {
            sizeless += char;
            continue;
          }
          for (const rect of rects) {
            if (
              rect.left < pageBox.left - 1 ||
              rect.right > pageBox.right + 1 ||
              rect.top < pageBox.top - 1 ||
              rect.bottom > pageBox.bottom + 1
            )
              outside = true;
            if (rect.height < minHeight) small = true;
            letters.push({
              slide: number,
              banner: which,
              char,
              x: rect.left + window.scrollX,
              y: rect.top + window.scrollY,
              width: rect.width,
              height: rect.height,
            });
          }
        }
      }
      if (sizeless) problems.push(`${label} has letters of no size (${sizeless})`);
      if (outside) problems.push(`${label} runs outside the page`);
      if (small) problems.push(`${label}'s text is too small to read`);
    }
  });
  if (slides.length === 0) problems.push('the print view has no slide');
  return { problems, letters };
}

/**
 * Runs in the page: the letters whose contrast the styles cannot vouch for, by index. A letter is
 * vouched for when its banner and every element above it are drawn plainly (fully opaque, no filter,
 * blend, clip, mask or transform), its text and background are solid colours at least `minContrast`
 * apart, and the banner (or its own text) is what the browser finds under the middle of the letter,
 * with every element made hit-testable (a cover that lets clicks through would hide from the test
 * otherwise; a pseudo-element cannot be made so, so any that lets them through sends every letter
 * to the pixels).
 */
function undecidedLetters({ letters, minContrast }: { letters: Letter[]; minContrast: number }): number[] {
  const all = letters.map((_, index) => index);
  const rgba = (value: string): [number, number, number, number] | undefined => {
    const match = /^rgba?\(([\d.]+),\s*([\d.]+),\s*([\d.]+)(?:,\s*([\d.]+))?\)$/.exec(value);
    return match ? [Number(match[1]), Number(match[2]), Number(match[3]), Number(match[4] ?? 1)] : undefined;
  };
  const channel = (c: number) => {
    const v = c / 255;
    return v <= 0.04045 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
  };
  const luminance = ([r, g, b]: number[]) =>
    0.2126 * channel(r as number) + 0.7152 * channel(g as number) + 0.0722 * channel(b as number);
  const plain = (style: CSSStyleDeclaration) =>
    style.opacity === '1' &&
    style.filter === 'none' &&
    style.mixBlendMode === 'normal' &&
    style.clipPath === 'none' &&
    (style.maskImage === 'none' || style.maskImage === '') &&
    style.transform === 'none' &&
    style.clip === 'auto';
  // A cover that lets clicks through would hide from the hit test: everything is made hit-testable by a
  // rule of ours, and anything a theme keeps from it sends every letter to the pixels.
  const rule = document.createElement('style');
  rule.textContent = ':root *, :root *::before, :root *::after { pointer-events: auto !important; }';
  document.head.append(rule);
  const elements = [...document.querySelectorAll('body *')];
  const letsClicksThrough = elements.some(
    (element) =>
      getComputedStyle(element).pointerEvents === 'none' ||
      ['::before', '::after'].some((pseudo) => {
        const style = getComputedStyle(element, pseudo);
        return style.content !== 'none' && style.content !== 'normal' && style.pointerEvents === 'none';
      }),
  );
  if (letsClicksThrough) {
    rule.remove();
    return all;
  }
  const verdict = new Map<Element, boolean>();
  const vouched = (banner: Element): boolean => {
    let known = verdict.get(banner);
    if (known !== undefined) return known;
    known = false;
    const style = getComputedStyle(banner);
    const text = rgba(style.webkitTextFillColor || style.color);
    const background = rgba(style.backgroundColor);
    let above = true;
    for (let at: Element | null = banner; at; at = at.parentElement) above &&= plain(getComputedStyle(at));
    if (
      above &&
      paintsOnlyItsText(banner, style) &&
      text &&
      background &&
      text[3] === 1 &&
      background[3] === 1 &&
      style.backgroundImage === 'none'
    ) {
      const [a, b] = [luminance(text), luminance(background)];
      known = (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05) >= minContrast;
    }
    verdict.set(banner, known);
    return known;
  };
  /**
   * Nothing the banner draws itself covers or hides its letters: no outline (drawn over the text), no
   * line or stroke through it, no shadow, no box of its own generated content, and its first line and
   * letter drawn as the rest.
   */
  function paintsOnlyItsText(banner: Element, style: CSSStyleDeclaration): boolean {
    const transparent = 'rgba(0, 0, 0, 0)';
    const sameText = (other: CSSStyleDeclaration) =>
      other.color === style.color &&
      other.webkitTextFillColor === style.webkitTextFillColor &&
      other.backgroundColor === transparent &&
      other.backgroundImage === 'none' &&
      other.textDecorationLine === 'none' &&
      other.textShadow === 'none' &&
      other.webkitTextStrokeWidth === '0px';
    return (
      (style.outlineStyle === 'none' || style.outlineWidth === '0px') &&
      style.textDecorationLine === 'none' &&
      style.textShadow === 'none' &&
      style.webkitTextStrokeWidth === '0px' &&
      ['::before', '::after'].every((pseudo) => {
        const content = getComputedStyle(banner, pseudo).content;
        return content === 'none' || content === 'normal';
      }) &&
      ['::first-line', '::first-letter'].every((pseudo) => sameText(getComputedStyle(banner, pseudo)))
    );
  }

  const unsure: number[] = [];
  try {
    letters.forEach((letter, index) => {
      const x = letter.x + letter.width / 2;
      const y = letter.y + letter.height / 2;
      window.scrollTo(Math.max(0, x - window.innerWidth / 2), Math.max(0, y - window.innerHeight / 2));
      const hit = document.elementFromPoint(x - window.scrollX, y - window.scrollY);
      // The banner itself, not something inside it that could be styled otherwise.
      const banner = hit?.classList.contains('bd-banner') ? hit : undefined;
      if (!banner || !vouched(banner) || banner !== bannerOf(letter)) unsure.push(index);
    });
  } finally {
    rule.remove();
    window.scrollTo(0, 0);
  }
  return unsure;

  function bannerOf(letter: Letter): Element | undefined {
    return (
      document
        .querySelectorAll('section.bd-slide')
        [letter.slide - 1]?.querySelector(`.bd-banner-${letter.banner}`) ?? undefined
    );
  }
}
