/**
 * The colours of the two built-in themes (themes/theme-light.css and
 * themes/theme-dark.css, which a test keeps these equal to) and of the
 * neutral classification banner (content/banner.ts has the rest). A deck styled by the
 * user's own CSS gets the light theme: a PowerPoint file cannot take CSS.
 * The severity scale is read from the themes' CSS itself (_severityScale.ts).
 */
import type { Banner } from '../../content/banner.js';
import { contrastRatio, MIN_TEXT_CONTRAST } from '../../format/colourContrast.js';

import { severityScale } from './_severityScale.js';

export interface Palette {
  bg: string;
  surface: string;
  text: string;
  heading: string;
  muted: string;
  line: string;
  accent: string;
  onAccent: string;
  /** The accent as text on the background, made readable where it is not (`readableOn`). */
  accentText: string;
  link: string;
  bannerBg: string;
  bannerText: string;
  markerBg: string;
  markerText: string;
  sev: [string, string, string, string, string];
  sevText: string;
  stance: Record<'hostile' | 'mixed' | 'neutral' | 'friendly', string>;
  rel: Record<'conflict' | 'alliance' | 'support' | 'rivalry', string>;
  dark: boolean;
}

/** Each colour of the two themes, light then dark, side by side. */
const COLOURS = {
  bg: ['#ffffff', '#0f1722'],
  surface: ['#f4f6f9', '#172231'],
  text: ['#1b2430', '#e6ebf2'],
  heading: ['#14263d', '#f3f6fa'],
  muted: ['#556170', '#a3afbf'],
  line: ['#d3d9e1', '#2d3b4e'],
  accent: ['#1f4e79', '#7fb2e5'],
  onAccent: ['#ffffff', '#0f1722'],
  link: ['#1a4f85', '#9cc6f0'],
  bannerBg: ['#2b3440', '#c9d2dd'],
  bannerText: ['#ffffff', '#0f1722'],
  markerBg: ['#14263d', '#e6ebf2'],
  markerText: ['#ffffff', '#0f1722'],
} as const satisfies Record<string, readonly [string, string]>;

/** The stances and the relations, light then dark (the severity scale is the matrix's own). */
const SCALES = {
  stance: [
    { hostile: '#b3261e', mixed: '#b26b00', neutral: '#6b7580', friendly: '#1d6fb8' },
    { hostile: '#f07167', mixed: '#f2b24c', neutral: '#aab4bf', friendly: '#6cb4f5' },
  ],
  rel: [
    { conflict: '#b3261e', alliance: '#1d6fb8', support: '#2e7d32', rivalry: '#b26b00' },
    { conflict: '#f07167', alliance: '#6cb4f5', support: '#7ccf83', rivalry: '#f2b24c' },
  ],
} as const;

function themePalette(index: 0 | 1): Palette {
  const colours = Object.fromEntries(
    Object.entries(COLOURS).map(([name, values]) => [name, values[index]]),
  ) as Record<keyof typeof COLOURS, string>;
  return {
    ...colours,
    accentText: readableOn(colours.accent, colours.bg, colours.text),
    ...severityScale(index === 1 ? 'dark' : 'light'),
    stance: { ...SCALES.stance[index] },
    rel: { ...SCALES.rel[index] },
    dark: index === 1,
  };
}

export const PALETTES: Record<'light' | 'dark', Palette> = { light: themePalette(0), dark: themePalette(1) };

/** The banners' colours: the marking's standard or the briefing's (content/banner.ts), else the palette's neutral band. */
export function bannerColours(banner: Banner | undefined, palette: Palette): { bg: string; text: string } {
  return banner?.colours
    ? { bg: banner.colours.background, text: banner.colours.text }
    : { bg: palette.bannerBg, text: palette.bannerText };
}

/** `#rgb` or `#rrggbb` as `#rrggbb`; undefined for anything else (a colour name keeps the theme's accent). */
function hexColour(value: string | undefined): string | undefined {
  const text = (value ?? '').trim().toLowerCase();
  if (/^#[0-9a-f]{6}$/.test(text)) return text;
  if (/^#[0-9a-f]{3}$/.test(text)) return `#${[...text.slice(1)].map((c) => c + c).join('')}`;
  return undefined;
}

/** Black or white on `color`, as the deck's stylesheet chooses (OKLCH lightness above 0.66 takes black). */
function textOn(color: string): string {
  const linear = [1, 3, 5].map((i) => {
    const c = Number.parseInt(color.slice(i, i + 2), 16) / 255;
    return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  }) as [number, number, number];
  const luminance = 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2];
  return Math.cbrt(luminance) > 0.66 ? '#000000' : '#ffffff';
}

/** The palette of a deck: its built-in theme (light for a user's CSS), with the briefing's accent if it has one. */
export function paletteOf(theme: string | undefined, accent: string | undefined): Palette {
  const base = theme === 'dark' ? PALETTES.dark : PALETTES.light;
  const colour = hexColour(accent);
  return colour
    ? {
        ...base,
        accent: colour,
        onAccent: textOn(colour),
        accentText: readableOn(colour, base.bg, base.text),
      }
    : base;
}

/**
 * `color` as text on `bg`: itself where it reads at 4.5:1, else mixed towards `text` until it does
 * (a briefing's dark accent on the dark theme, where the deck sets it as a chip's background instead).
 */
function readableOn(color: string, bg: string, text: string): string {
  for (let share = 1; share > 0; share -= 0.05) {
    const tried = mix(color, text, share);
    if (contrastRatio(tried, bg) >= MIN_TEXT_CONTRAST) return tried;
  }
  return text;
}

/** `color` mixed with `share` (0..1) of `other`: the actor map's tinted boxes (CSS color-mix). */
export function mix(color: string, other: string, share: number): string {
  const parse = (value: string) => [1, 3, 5].map((i) => Number.parseInt(value.slice(i, i + 2), 16));
  const a = parse(color);
  const b = parse(other);
  return `#${a
    .map((channel, i) => Math.round(channel * share + (b[i] as number) * (1 - share)))
    .map((channel) => channel.toString(16).padStart(2, '0'))
    .join('')}`;
}
