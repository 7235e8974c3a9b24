/**
 * What the banner check (bannerCheck.ts) reads in the page. Each function
 * here runs in the page through `page.evaluate`, so it is self-contained:
 * it may use nothing of this module but types. They only read the DOM; what
 * the readings mean is decided in bannerCheck.ts.
 */
import type { Letter } from './bannerPixels.js';

/** One slide's top or bottom banner. */
export interface BannerKey {
  /** The slide's number, from 1. */
  slide: number;
  banner: 'top' | 'bottom';
}

/** Each banner, slide by slide, top then bottom: the problems its element and text show. */
export interface BannerTexts {
  banners: (BannerKey & {
    problems: string[];
    /** Whether it is there once and shown, so that its letters are read. */
    readLetters: boolean;
  })[];
  /** The print view has no slide. */
  noSlide: boolean;
}

/**
 * Runs in the page: each slide's two banners, there once, shown, inside the
 * slide, reading exactly the marking (`expected`).
 */
export function readBannerTexts({ expected }: { expected: string }): BannerTexts {
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
  const banners: BannerTexts['banners'] = [];
  slides.forEach((slide, index) => {
    const where = `slide ${index + 1}${slide.id ? ` (${slide.id})` : ''}`;
    const pageBox = slide.getBoundingClientRect();
    for (const which of ['top', 'bottom'] as const) {
      const problems: string[] = [];
      banners.push({ slide: index + 1, banner: which, problems, readLetters: false });
      const found = slide.querySelectorAll<HTMLElement>(`.bd-banner-${which}`);
      const label = `${where}: the ${which} banner`;
      if (found.length !== 1) {
        problems.push(
          found.length === 0 ? `${where}: no ${which} banner` : `${label} is there ${found.length} times`,
        );
        continue;
      }
      const banner = found[0] as HTMLElement;
      const options = { opacityProperty: true, visibilityProperty: true, contentVisibilityAuto: true };
      if (!banner.checkVisibility(options)) {
        problems.push(`${label} is hidden`);
        continue;
      }
      (banners.at(-1) as BannerTexts['banners'][number]).readLetters = true;
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
    }
  });
  return { banners, noSlide: slides.length === 0 };
}

/**
 * Runs in the page: the box of every letter of the banners given, where the
 * page drew it, and the problems of each banner's letters (of no size,
 * outside the page, too small), in the order given.
 */
export function readBannerLetters({ banners, minHeight }: { banners: BannerKey[]; minHeight: number }): {
  letters: Letter[];
  problems: string[][];
} {
  const letters: Letter[] = [];
  const slides = [...document.querySelectorAll<HTMLElement>('section.bd-slide')];
  const problems = banners.map(({ slide: number, banner: which }) => {
    const slide = slides[number - 1] as HTMLElement;
    const banner = slide.querySelector(`.bd-banner-${which}`) as HTMLElement;
    const label = `slide ${number}${slide.id ? ` (${slide.id})` : ''}: the ${which} banner`;
    const pageBox = slide.getBoundingClientRect();
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
        if (rects.length === 0) sizeless += char;
        for (const rect of rects) {
          const { left, right, top, bottom } = rect;
          if (left < pageBox.left - 1 || right > pageBox.right + 1) outside = true;
          if (top < pageBox.top - 1 || bottom > pageBox.bottom + 1) outside = true;
          if (rect.height < minHeight) small = true;
          const [x, y] = [left + window.scrollX, top + window.scrollY];
          letters.push({ slide: number, banner: which, char, x, y, width: rect.width, height: rect.height });
        }
      }
    }
    return [
      ...(sizeless ? [`${label} has letters of no size (${sizeless})`] : []),
      ...(outside ? [`${label} runs outside the page`] : []),
      ...(small ? [`${label}'s text is too small to read`] : []),
    ];
  });
  return { letters, problems };
}

/** How a banner paints its letters, as far as its styles say. */
export interface BannerPaint {
  /**
   * It and every element above it are drawn plainly (fully opaque, no
   * filter, blend, clip, mask or transform), and nothing it draws itself
   * covers or hides its letters (no outline, line, stroke or shadow, no
   * generated content, its first line and letter drawn as the rest).
   */
  plain: boolean;
  /** Its text colour, background colour and background image, computed. */
  color: string;
  background: string;
  backgroundImage: string;
}

/** Runs in the page: how each slide's top and bottom banner paints (undefined when it is not there). */
export function readBannerPaints(): (BannerKey & { paint: BannerPaint | undefined })[] {
  const plain = (style: CSSStyleDeclaration) =>
    style.opacity === '1' &&
    style.filter === 'none' &&
    style.mixBlendMode === 'normal' &&
    style.clipPath === 'none' &&
    (style.maskImage === 'none' || style.maskImage === '') &&
    style.transform === 'none' &&
    style.clip === 'auto';
  const paintsOnlyItsText = (banner: Element, style: CSSStyleDeclaration): boolean => {
    const sameText = (other: CSSStyleDeclaration) =>
      other.color === style.color &&
      other.webkitTextFillColor === style.webkitTextFillColor &&
      other.backgroundColor === 'rgba(0, 0, 0, 0)' &&
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
  };
  return [...document.querySelectorAll('section.bd-slide')].flatMap((slide, index) =>
    (['top', 'bottom'] as const).map((which) => {
      const banner = slide.querySelector(`.bd-banner-${which}`);
      if (!banner) return { slide: index + 1, banner: which, paint: undefined };
      const style = getComputedStyle(banner);
      let above = true;
      for (let at: Element | null = banner; at; at = at.parentElement) above &&= plain(getComputedStyle(at));
      const paint = {
        plain: above && paintsOnlyItsText(banner, style),
        color: style.webkitTextFillColor || style.color,
        background: style.backgroundColor,
        backgroundImage: style.backgroundImage,
      };
      return { slide: index + 1, banner: which, paint };
    }),
  );
}

/**
 * Runs in the page: for each letter, whether its own banner (not something
 * inside it, which could be styled otherwise) is what the browser finds
 * under the middle of the letter, with every element made hit-testable (a
 * cover that lets clicks through would hide from the test otherwise).
 * Undefined when a theme keeps anything from being hit-testable (a
 * pseudo-element cannot be made so): then no letter can be vouched for.
 *
 * The rule that makes everything hit-testable stays in the page: it changes
 * nothing that is drawn or printed, and putting it in and taking it out
 * again would each restyle the whole deck, the next print waiting for it.
 */
export function hitBanners({ letters }: { letters: Letter[] }): boolean[] | undefined {
  if (!document.getElementById('bd-hit-test')) {
    const rule = document.createElement('style');
    rule.id = 'bd-hit-test';
    rule.textContent = ':root *, :root *::before, :root *::after { pointer-events: auto !important; }';
    document.head.append(rule);
  }
  const letsClicksThrough = [...document.querySelectorAll('body *')].some(
    (element) =>
      getComputedStyle(element).pointerEvents === 'none' ||
      ['::before', '::after'].some((pseudo) => {
        const style = getComputedStyle(element, pseudo);
        return style.content !== 'none' && style.content !== 'normal' && style.pointerEvents === 'none';
      }),
  );
  if (letsClicksThrough) return undefined;
  const slides = [...document.querySelectorAll<HTMLElement>('section.bd-slide')];
  // A hit test looks through every slide of the page. When each slide clips what it holds and no two
  // overlap, nothing of one slide can be found over another's banner: the others can be hidden from the
  // test while a slide's letters are tested. Visibility changes no layout, but each slide shown and
  // hidden again costs a restyle, which pays only in a long deck (the letters of 12 slides: 6 ms
  // without, 21 ms with; of 61 slides: 165 ms without, 76 ms with).
  const clips = (slide: HTMLElement) => {
    const style = getComputedStyle(slide);
    const clipped = [style.overflowX, style.overflowY].every(
      (value) => value === 'hidden' || value === 'clip',
    );
    // Layout or paint containment: the slide, not the page, is the box for anything fixed inside it.
    return clipped && /layout|paint|strict|content/.test(style.contain);
  };
  const boxes = slides.map((slide) => slide.getBoundingClientRect()).sort((a, b) => a.top - b.top);
  const apart =
    slides.length > 24 &&
    slides.every(clips) &&
    boxes.every((box, index) => index === 0 || (boxes[index - 1] as DOMRect).bottom <= box.top + 0.5);
  const alone = document.createElement('style');
  alone.textContent = 'section.bd-slide:not([data-bd-hit-test]) { visibility: hidden !important; }';
  if (apart) document.head.append(alone);
  let tested: HTMLElement | undefined;
  try {
    return letters.map((letter) => {
      const slide = slides[letter.slide - 1];
      if (apart && slide && slide !== tested) {
        tested?.removeAttribute('data-bd-hit-test');
        slide.setAttribute('data-bd-hit-test', '');
        tested = slide;
      }
      const x = letter.x + letter.width / 2;
      const y = letter.y + letter.height / 2;
      // Scrolled only to a letter out of view: the letters of a banner are mostly in view together.
      const inView =
        x >= window.scrollX &&
        x < window.scrollX + window.innerWidth &&
        y >= window.scrollY &&
        y < window.scrollY + window.innerHeight;
      if (!inView)
        window.scrollTo(Math.max(0, x - window.innerWidth / 2), Math.max(0, y - window.innerHeight / 2));
      const hit = document.elementFromPoint(x - window.scrollX, y - window.scrollY);
      const own = slides[letter.slide - 1]?.querySelector(`.bd-banner-${letter.banner}`) ?? undefined;
      return hit?.classList.contains('bd-banner') === true && hit === own;
    });
  } finally {
    alone.remove();
    tested?.removeAttribute('data-bd-hit-test');
    window.scrollTo(0, 0);
  }
}
