/**
 * The colours of the classification banners, decided once for every output
 * (the deck and the single file, the handout's page margins, the PowerPoint
 * master). A recognised marking gets the colours its standard gives it:
 *
 * - TLP 2.0 (FIRST, "Traffic Light Protocol (TLP) FIRST Standards
 *   Definitions and Usage Guidance, Version 2.0", 2022): the label in its
 *   colour on black — TLP:RED #FF2B2B, TLP:AMBER and TLP:AMBER+STRICT
 *   #FFC000, TLP:GREEN #33FF00, TLP:CLEAR #FFFFFF (TLP:WHITE, the 1.0 name,
 *   as CLEAR).
 * - US classification markings: the colours of the cover sheets and labels
 *   (SF 703 orange for TOP SECRET, SF 704 red for SECRET, SF 705 blue for
 *   CONFIDENTIAL, SF 710 green for UNCLASSIFIED; yellow for SCI; purple for
 *   CUI) named by DoDM 5200.01 Vol. 2 and the ISOO marking booklet, which
 *   give no RGB values. The values are those of the US Space Force's Astro
 *   design system (astrouxds.com, "Classification & Control Markings"),
 *   the published set used for on-screen banners: UNCLASSIFIED #007A33,
 *   CUI #502B85, CONFIDENTIAL #0033A0, SECRET #C8102E with white text;
 *   TOP SECRET #FF8C00 and TOP SECRET//SCI #FCE83A with black text.
 *
 * Any other marking (OFFICIAL, OFFICIAL-SENSITIVE, RESTRICTED …) gets the
 * theme's neutral band (`--bd-banner-bg`, `--bd-banner-text`). `deck.banner`
 * overrides all of them. Every pair here reaches 4.5:1 (a test computes it);
 * the briefing's own pair is checked when the file is read.
 */
import { contrastRatio, MIN_TEXT_CONTRAST } from '../format/colourContrast.js';

export interface BannerColours {
  background: string;
  text: string;
}

/** Which standard a marking's colours come from; `neutral` is the theme's band. */
export type BannerStandard = 'tlp' | 'us' | 'briefing' | 'neutral';

const BLACK = '#000000';
const WHITE = '#ffffff';

/** In the order they are tried: the first whose pattern matches the upper-cased marking wins. */
const STANDARD_MARKINGS: readonly { pattern: RegExp; standard: BannerStandard; colours: BannerColours }[] = [
  { pattern: /\bTLP\s*:\s*RED\b/, standard: 'tlp', colours: { background: BLACK, text: '#ff2b2b' } },
  { pattern: /\bTLP\s*:\s*AMBER\b/, standard: 'tlp', colours: { background: BLACK, text: '#ffc000' } },
  { pattern: /\bTLP\s*:\s*GREEN\b/, standard: 'tlp', colours: { background: BLACK, text: '#33ff00' } },
  { pattern: /\bTLP\s*:\s*(CLEAR|WHITE)\b/, standard: 'tlp', colours: { background: BLACK, text: WHITE } },
  { pattern: /^TOP SECRET\s*\/\/.*\bSCI\b/, standard: 'us', colours: { background: '#fce83a', text: BLACK } },
  { pattern: /^TOP SECRET\b/, standard: 'us', colours: { background: '#ff8c00', text: BLACK } },
  { pattern: /^SECRET\b/, standard: 'us', colours: { background: '#c8102e', text: WHITE } },
  { pattern: /^CONFIDENTIAL\b/, standard: 'us', colours: { background: '#0033a0', text: WHITE } },
  {
    pattern: /^(CUI|CONTROLLED UNCLASSIFIED INFORMATION)\b/,
    standard: 'us',
    colours: { background: '#502b85', text: WHITE },
  },
  { pattern: /^UNCLASSIFIED\b/, standard: 'us', colours: { background: '#007a33', text: WHITE } },
];

/** The neutral band of the built-in themes (the banner lines of themes/theme-light.css and theme-dark.css). */
export const NEUTRAL_BANNERS: Readonly<Record<'light' | 'dark', BannerColours>> = {
  light: { background: '#2b3440', text: WHITE },
  dark: { background: '#c9d2dd', text: '#0f1722' },
};

export interface Banner {
  standard: BannerStandard;
  /** Undefined for `neutral`: the theme's own band. */
  colours?: BannerColours;
}

/** The banner a marking gets: the briefing's own colours, else its standard's, else the theme's neutral band. */
export function bannerFor(marking: string, own?: BannerColours): Banner {
  if (own) return { standard: 'briefing', colours: own };
  const text = marking.replace(/\s+/g, ' ').trim().toUpperCase();
  const known = STANDARD_MARKINGS.find((entry) => entry.pattern.test(text));
  return known ? { standard: known.standard, colours: known.colours } : { standard: 'neutral' };
}

/** The banner's colours, the theme's neutral band filled in. */
export function bannerColours(banner: Banner, theme: 'light' | 'dark'): BannerColours {
  return banner.colours ?? NEUTRAL_BANNERS[theme];
}

/** Whether a pair of colours is readable as a banner (WCAG AA, 4.5:1). */
export function readableBanner(colours: BannerColours): boolean {
  return contrastRatio(colours.background, colours.text) >= MIN_TEXT_CONTRAST;
}

/** The standard colours, for the tests that check their contrast. */
export const STANDARD_BANNERS: readonly BannerColours[] = STANDARD_MARKINGS.map((entry) => entry.colours);
