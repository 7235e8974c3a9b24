/**
 * The colours of the two built-in themes (themes/theme-light.css and
 * themes/theme-dark.css, which a test keeps these equal to) and of the
 * neutral classification banner (content/banner.ts has the rest). A deck styled by the
 * user's own CSS gets the light theme: a PowerPoint file cannot take CSS.
 */
import type { Banner } from '../../content/banner.js';

export interface Palette {
  bg: string;
  surface: string;
  text: string;
  heading: string;
  muted: string;
  line: string;
  accent: string;
  onAccent: string;
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

export const PALETTES: Record<'light' | 'dark', Palette> = {
  light: {
    bg: '#ffffff',
    surface: '#f4f6f9',
    text: '#1b2430',
    heading: '#14263d',
    muted: '#556170',
    line: '#d3d9e1',
    accent: '#1f4e79',
    onAccent: '#ffffff',
    link: '#1a4f85',
    bannerBg: '#2b3440',
    bannerText: '#ffffff',
    markerBg: '#14263d',
    markerText: '#ffffff',
    sev: ['#dcebd6', '#f3edc4', '#f7d7a8', '#efaa8c', '#d9726b'],
    sevText: '#1b2430',
    stance: { hostile: '#b3261e', mixed: '#b26b00', neutral: '#6b7580', friendly: '#1d6fb8' },
    rel: { conflict: '#b3261e', alliance: '#1d6fb8', support: '#2e7d32', rivalry: '#b26b00' },
    dark: false,
  },
  dark: {
    bg: '#0f1722',
    surface: '#172231',
    text: '#e6ebf2',
    heading: '#f3f6fa',
    muted: '#a3afbf',
    line: '#2d3b4e',
    accent: '#7fb2e5',
    onAccent: '#0f1722',
    link: '#9cc6f0',
    bannerBg: '#c9d2dd',
    bannerText: '#0f1722',
    markerBg: '#e6ebf2',
    markerText: '#0f1722',
    sev: ['#24573d', '#5b6320', '#8a6414', '#9a4318', '#a8232e'],
    sevText: '#f3f6fa',
    stance: { hostile: '#f07167', mixed: '#f2b24c', neutral: '#aab4bf', friendly: '#6cb4f5' },
    rel: { conflict: '#f07167', alliance: '#6cb4f5', support: '#7ccf83', rivalry: '#f2b24c' },
    dark: true,
  },
};

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
  return colour ? { ...base, accent: colour, onAccent: textOn(colour) } : base;
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
