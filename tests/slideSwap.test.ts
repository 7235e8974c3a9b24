/**
 * The kept print page swaps in only the slides that changed (browser/slideSwap.ts). The whole print
 * is compared with a fresh page's in printReuse.test.ts; here, the parts: how the slides are split
 * and compared, and, in Chromium, that an unchanged slide keeps its nodes and gets back the soft
 * hyphens the last print settled, so the page shows exactly the new deck's slides.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { slideSwap, swapSlides } from '../src/browser/slideSwap.js';
import { settleSoftHyphens } from '../src/browser/softHyphens.js';
import { splitSlides } from '../src/outputs/deckShell.js';
import { newSession } from './_helpers.js';

describe('the slides of a deck', () => {
  it('are its top-level sections, nested ones inside their slide', () => {
    const slides = '<section id="a">A</section>\n  <section id="b"><section>inner</section></section>';
    expect(splitSlides(slides)).toEqual([
      '<section id="a">A</section>',
      '<section id="b"><section>inner</section></section>',
    ]);
    expect(splitSlides('')).toEqual([]);
  });

  it('cannot be split when anything but sections is between them, or a section is left open', () => {
    expect(splitSlides('<section>A</section><div>B</div><section>C</section>')).toBeUndefined();
    expect(splitSlides('<section>A</section>text')).toBeUndefined();
    expect(splitSlides('<section>A<section>B</section>')).toBeUndefined();
    expect(splitSlides('<section>A</section></section>')).toBeUndefined();
  });

  it('are sent only where they changed, and all of them when their number changed or one cannot be split', () => {
    expect(slideSwap(['x', 'y', 'z'], ['x', 'Y', 'z'], 'all')).toEqual({
      changed: [{ index: 1, html: 'Y' }],
    });
    expect(slideSwap(['x', 'y'], ['x', 'y'], 'all')).toEqual({ changed: [] });
    expect(slideSwap(['x', 'y'], ['x', 'y', 'z'], 'all')).toEqual({ all: 'all' });
    expect(slideSwap(undefined, ['x'], 'all')).toEqual({ all: 'all' });
    expect(slideSwap(['x'], undefined, 'all')).toEqual({ all: 'all' });
  });
});

describe('a swap in the page', () => {
  const session = newSession();
  afterAll(() => session.close());

  it('replaces the changed slides only, and puts back the soft hyphens the last print settled', async () => {
    await session.withPage(async (page) => {
      await page.setContent(
        '<div class="reveal"><div class="slides">' +
          '<section id="one" style="width: 7em; font: 16px sans-serif">Informations\u00ADverarbeitungs\u00ADsysteme</section>' +
          '<section id="two">old</section></div></div>',
      );
      expect(await page.evaluate(settleSoftHyphens, undefined)).toBeGreaterThan(0);
      const text = () => page.evaluate(() => document.getElementById('one')?.textContent);
      expect(await text()).not.toContain('\u00AD');
      await page.evaluate(() => Object.assign(document.getElementById('one') as HTMLElement, { kept: true }));

      await page.evaluate(swapSlides, { changed: [{ index: 1, html: '<section id="two">new</section>' }] });
      expect(await text()).toBe('Informations\u00ADverarbeitungs\u00ADsysteme');
      expect(await page.evaluate(() => 'kept' in (document.getElementById('one') as HTMLElement))).toBe(true);
      expect(await page.evaluate(() => document.getElementById('two')?.textContent)).toBe('new');
      expect(await page.evaluate(() => document.querySelectorAll('.slides > section').length)).toBe(2);

      await page.evaluate(swapSlides, { all: '<section id="three">all new</section>' });
      expect(await page.evaluate(() => document.querySelector('.slides')?.textContent)).toBe('all new');
    });
  }, 60_000);
});
