/**
 * The deck is presented on screen and printed from its print view: a theme
 * could style the banners for one and not the other (`@media screen`,
 * `html:not(.print-pdf)`). What makes each banner what it is is read in
 * both, and any difference is a problem (bannerCheck.ts).
 */

/** What each banner looks like, by slide and banner: a property that differs between screen and print. */
export type Looks = { where: string; style: Record<string, string> }[];

export function differences(onScreen: Looks, inPrint: Looks): string[] {
  const problems: string[] = [];
  inPrint.forEach((printed, index) => {
    const shown = onScreen[index];
    const changed = Object.keys(printed.style).find((key) => shown?.style[key] !== printed.style[key]);
    if (shown && changed) {
      problems.push(
        `${printed.where} looks different on screen (${changed}: ${shown.style[changed]}) than in print (${printed.style[changed]})`,
      );
    }
  });
  return problems;
}

/**
 * Runs in the page: the styles that make each banner what it is (shown, its text, its colours, what
 * it draws over its text, its generated content), read as the deck is presented (`screen`: the
 * print view's classes taken away for the reading) or as it is printed.
 */
export function bannerLooks({ screen }: { screen: boolean }): Looks {
  const root = document.documentElement;
  const printClasses = ['print-pdf', 'bd-print'].filter((name) => root.classList.contains(name));
  if (screen) root.classList.remove(...printClasses);
  try {
    const keys = [
      'display',
      'visibility',
      'opacity',
      'color',
      'webkitTextFillColor',
      'backgroundColor',
      'backgroundImage',
      'fontSize',
      'textTransform',
      'outlineStyle',
      'textDecorationLine',
      'textShadow',
      'webkitTextStrokeWidth',
      'transform',
      'filter',
      'clipPath',
      'mixBlendMode',
      'position',
      'zIndex',
    ] as const;
    const read = (element: Element, pseudo?: string) => {
      const style = getComputedStyle(element, pseudo);
      return Object.fromEntries(keys.map((key) => [`${pseudo ?? ''}${key}`, String(style[key])]));
    };
    return [...document.querySelectorAll('section.bd-slide')].flatMap((slide, index) =>
      ['top', 'bottom'].flatMap((which) => {
        const banner = slide.querySelector(`.bd-banner-${which}`);
        if (!banner) return [];
        const content = (pseudo: string) => ({
          [`${pseudo}content`]: getComputedStyle(banner, pseudo).content,
        });
        return [
          {
            where: `slide ${index + 1}: the ${which} banner`,
            style: {
              ...read(banner),
              ...read(banner, '::first-line'),
              ...content('::before'),
              ...content('::after'),
            },
          },
        ];
      }),
    );
  } finally {
    root.classList.add(...printClasses);
  }
}
