/**
 * WCAG 2 contrast of two `#rrggbb` colours: relative luminance and the
 * contrast ratio. Shared by the validator (a briefing's own banner colours
 * must reach 4.5:1) and the content model (content/banner.ts).
 */

/** Relative luminance (WCAG 2) of `#rgb` or `#rrggbb`. */
export function hexLuminance(hex: string): number {
  const digits = hex.replace('#', '');
  const full = digits.length === 3 ? [...digits].map((d) => d + d).join('') : digits;
  const channel = (i: number) => {
    const v = Number.parseInt(full.slice(i, i + 2), 16) / 255;
    return v <= 0.04045 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * channel(0) + 0.7152 * channel(2) + 0.0722 * channel(4);
}

/** WCAG contrast ratio of two colours, 1 to 21. */
export function contrastRatio(a: string, b: string): number {
  const [x, y] = [hexLuminance(a), hexLuminance(b)];
  return (Math.max(x, y) + 0.05) / (Math.min(x, y) + 0.05);
}

/** WCAG AA for text of any size: what every banner must reach. */
export const MIN_TEXT_CONTRAST = 4.5;
