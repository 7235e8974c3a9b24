/**
 * The risk matrix's severity scale, computed from the themes' CSS: monotonic
 * in lightness, neighbouring steps at least 1.25:1 apart in luminance
 * contrast (WCAG 2 relative luminance), in colour, in greyscale (which is
 * that luminance) and as readers with deuteranopia and protanopia see it
 * (Machado, Oliveira and Fernandes 2009, severity 1.0); the text set on each
 * step and the markers' numbers at least 4.5:1.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { PALETTES } from '../src/outputs/pptx/_theme.js';

const ROOT = path.resolve(import.meta.dirname, '..');
const read = (file: string) => readFileSync(path.join(ROOT, 'themes', file), 'utf8');

function token(css: string, name: string): string {
  const value = new RegExp(`--bd-${name}:\\s*(#[0-9a-f]{6})\\s*;`, 'i').exec(css)?.[1];
  if (!value) throw new Error(`no --bd-${name}`);
  return value.toLowerCase();
}

type Rgb = [number, number, number];

/** sRGB `#rrggbb` as linear light, 0..1. */
function linear(hex: string): Rgb {
  return [1, 3, 5].map((i) => {
    const c = Number.parseInt(hex.slice(i, i + 2), 16) / 255;
    return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  }) as Rgb;
}

/** Machado et al. 2009, severity 1.0, on linear RGB. */
const MACHADO: Record<string, [Rgb, Rgb, Rgb]> = {
  deuteranopia: [
    [0.367322, 0.860646, -0.227968],
    [0.280085, 0.672501, 0.047413],
    [-0.01182, 0.04294, 0.968881],
  ],
  protanopia: [
    [0.152286, 1.052583, -0.204868],
    [0.114503, 0.786281, 0.099216],
    [-0.003882, -0.048116, 1.051998],
  ],
};

const VIEWS: Record<string, (rgb: Rgb) => Rgb> = {
  'colour (and greyscale)': (rgb) => rgb,
  ...Object.fromEntries(
    Object.entries(MACHADO).map(([name, m]) => [
      name,
      (rgb: Rgb) =>
        m.map((row) => Math.min(1, Math.max(0, row[0] * rgb[0] + row[1] * rgb[1] + row[2] * rgb[2]))) as Rgb,
    ]),
  ),
};

const luminance = ([r, g, b]: Rgb) => 0.2126 * r + 0.7152 * g + 0.0722 * b;
const contrast = (a: number, b: number) => (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);

describe.each(['light', 'dark'] as const)('the %s theme’s severity scale', (theme) => {
  const css = read(`theme-${theme}.css`);
  const steps = [1, 2, 3, 4, 5].map((n) => token(css, `sev-${n}`));

  it.each(Object.keys(VIEWS))('is monotonic, each step ≥ 1.25:1 from the next, in %s', (view) => {
    const see = VIEWS[view] as (rgb: Rgb) => Rgb;
    const lum = steps.map((hex) => luminance(see(linear(hex))));
    const direction = Math.sign((lum[4] as number) - (lum[0] as number));
    expect(direction).not.toBe(0);
    for (let i = 1; i < 5; i++) {
      const [before, after] = [lum[i - 1] as number, lum[i] as number];
      expect(Math.sign(after - before), `${steps[i - 1]} → ${steps[i]}`).toBe(direction);
      expect(contrast(before, after), `${steps[i - 1]} → ${steps[i]}`).toBeGreaterThanOrEqual(1.25);
    }
  });

  it('keeps the text set on each step (the register’s chips) and the markers’ numbers at 4.5:1', () => {
    const text = luminance(linear(token(css, 'sev-text')));
    for (const step of steps)
      expect(contrast(luminance(linear(step)), text), step).toBeGreaterThanOrEqual(4.5);
    // A marker is a disc in the text colour with its number in the background colour.
    const disc = luminance(linear(token(css, 'text')));
    expect(contrast(disc, luminance(linear(token(css, 'bg'))))).toBeGreaterThanOrEqual(4.5);
  });

  it('is the scale the PowerPoint deck draws', () => {
    expect(PALETTES[theme].sev).toEqual(steps);
    expect(PALETTES[theme].sevText).toBe(token(css, 'sev-text'));
  });
});

it("gives visuals.css the light theme's steps as fallbacks", () => {
  const light = read('theme-light.css');
  const visuals = read('visuals.css');
  for (const n of [1, 2, 3, 4, 5]) {
    expect(visuals).toContain(`var(--bd-sev-${n}, ${token(light, `sev-${n}`)})`);
  }
});
