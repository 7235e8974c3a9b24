/**
 * Both built-in themes meet WCAG AA: 4.5:1 for text, 3:1 for the marks
 * that carry meaning (stance colours, relation lines, severity ends).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from './_helpers.js';

function variables(file: string): Record<string, string> {
  const css = readFileSync(path.join(ROOT, 'themes', file), 'utf8');
  return Object.fromEntries(
    [...css.matchAll(/--(bd-[a-z0-9-]+):\s*(#[0-9a-f]{6})/gi)].map((m) => [m[1] as string, m[2] as string]),
  );
}

function luminance(hex: string): number {
  const [r, g, b] = [1, 3, 5]
    .map((i) => Number.parseInt(hex.slice(i, i + 2), 16) / 255)
    .map((c) => (c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4));
  return 0.2126 * (r as number) + 0.7152 * (g as number) + 0.0722 * (b as number);
}

function contrast(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}

const TEXT_PAIRS = [
  ['bd-text', 'bd-bg'],
  ['bd-text', 'bd-surface'],
  ['bd-heading', 'bd-bg'],
  ['bd-heading', 'bd-surface'],
  ['bd-muted', 'bd-bg'],
  ['bd-muted', 'bd-surface'],
  ['bd-link', 'bd-bg'],
  ['bd-link', 'bd-surface'],
  ['bd-on-accent', 'bd-accent'],
  ['bd-banner-text', 'bd-banner-bg'],
  ['bd-marker-text', 'bd-marker-bg'],
  ['bd-text', 'bd-sev-1'],
  ['bd-text', 'bd-sev-5'],
] as const;

const MARK_PAIRS = [
  ['bd-stance-hostile', 'bd-surface'],
  ['bd-stance-mixed', 'bd-surface'],
  ['bd-stance-neutral', 'bd-surface'],
  ['bd-stance-friendly', 'bd-surface'],
  ['bd-rel-conflict', 'bd-bg'],
  ['bd-rel-alliance', 'bd-bg'],
  ['bd-rel-support', 'bd-bg'],
  ['bd-rel-rivalry', 'bd-bg'],
  ['bd-accent', 'bd-bg'],
  ['bd-marker-bg', 'bd-sev-5'],
  ['bd-marker-bg', 'bd-sev-1'],
] as const;

describe.each(['theme-light.css', 'theme-dark.css'])('%s', (file) => {
  const vars = variables(file);
  it.each(TEXT_PAIRS)('text %s on %s is at least 4.5:1', (fg, bg) => {
    expect(contrast(vars[fg] as string, vars[bg] as string)).toBeGreaterThanOrEqual(4.5);
  });
  it.each(MARK_PAIRS)('mark %s on %s is at least 3:1', (fg, bg) => {
    expect(contrast(vars[fg] as string, vars[bg] as string)).toBeGreaterThanOrEqual(3);
  });
});

describe('classification banners', () => {
  const css = readFileSync(path.join(ROOT, 'themes', 'briefdeck.css'), 'utf8');
  const banners = [
    ...css.matchAll(
      /\.bd-banner\.level-[^{]+\{\s*background:\s*(#[0-9a-f]{3,6});\s*color:\s*(#[0-9a-f]{3,6});/gi,
    ),
  ];
  const full = (hex: string) => (hex.length === 4 ? `#${[...hex.slice(1)].map((c) => c + c).join('')}` : hex);
  it('have text at least 4.5:1 on their colour', () => {
    expect(banners.length).toBeGreaterThanOrEqual(6);
    for (const [, bg, fg] of banners)
      expect(contrast(full(fg as string), full(bg as string)), `${fg} on ${bg}`).toBeGreaterThanOrEqual(4.5);
  });
});
