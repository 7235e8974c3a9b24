/**
 * Both built-in themes meet WCAG AA: 4.5:1 for text, 3:1 for the marks
 * that carry meaning (stance colours, relation lines, severity ends).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { NEUTRAL_BANNERS, STANDARD_BANNERS } from '../src/content/banner.js';
import { MAX_ASSET_BYTES } from '../src/format/deckFiles.js';
import { checkThemeCss } from '../src/format/themeCss.js';
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
  // A risk's moved judgments, on its card and in the register.
  ['bd-change-up', 'bd-surface'],
  ['bd-change-up', 'bd-bg'],
  ['bd-change-down', 'bd-surface'],
  ['bd-change-down', 'bd-bg'],
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
  // Their colours are decided in one place, content/banner.ts (tests/banners.test.ts checks it in full).
  const banners = [...STANDARD_BANNERS, ...Object.values(NEUTRAL_BANNERS)];
  it('have text at least 4.5:1 on their colour', () => {
    expect(banners.length).toBeGreaterThanOrEqual(6);
    for (const { background, text } of banners)
      expect(contrast(text, background), `${text} on ${background}`).toBeGreaterThanOrEqual(4.5);
  });
});

/**
 * The check runs while the briefing is read, in watch too, where nothing else
 * is answered meanwhile: it must take time in proportion to the theme. A 2 MB
 * theme of nested `:is(` took about 5 minutes when each function was quoted
 * in full as it closed; every problem's line was found by splitting the text.
 */
describe('theme check: any theme within the size limit is checked in linear time', () => {
  /** `unit` repeated to the size limit, `tail` at the end. */
  const filled = (unit: string, tail = '') =>
    unit.repeat(Math.floor((MAX_ASSET_BYTES - tail.length) / unit.length)) + tail;
  const half = Math.floor(MAX_ASSET_BYTES / 5);
  const cases: [string, () => string, (checked: ReturnType<typeof checkThemeCss>) => void][] = [
    ['nested :is( left open', () => filled(':is('), (checked) => expect(checked.problems).toEqual([])],
    [
      'nested :is( closed',
      () => ':is('.repeat(half) + ')'.repeat(half),
      (checked) => expect(checked.problems).toEqual([]),
    ],
    ['nested ( [ { left open', () => filled('a{b(c[d'), (checked) => expect(checked.problems).toEqual([])],
    [
      'nested src( left open, each refused',
      () => filled('src('),
      (checked) => {
        expect(checked.problems).toHaveLength(MAX_ASSET_BYTES / 4);
        expect(checked.problems[0]).toMatchObject({
          line: 1,
          col: 1,
          message: `loads ${'src('.repeat(9)}src…`,
        });
      },
    ],
    [
      'nested attr( with a long space between',
      () => filled(`attr(${' '.repeat(100)}`),
      (checked) => expect(checked.problems[0]?.message).toBe(`uses ${'attr( '.repeat(6)}att…`),
    ],
    [
      'a stray backslash on every line',
      () => filled('\\\n'),
      (checked) => {
        expect(checked.problems).toHaveLength(MAX_ASSET_BYTES / 2);
        expect(checked.problems.at(-1)).toMatchObject({ line: MAX_ASSET_BYTES / 2, col: 1 });
      },
    ],
    [
      'an unclosed string on every line',
      () => filled('"\n'),
      (checked) => expect(checked.problems).toHaveLength(MAX_ASSET_BYTES / 2),
    ],
    [
      'a @charset after every other',
      () => filled('@charset /**/ '),
      (checked) => expect(checked.problems[0]?.message).toBe('declares @charset @charset'),
    ],
    [
      'a long theme that is accepted',
      () => filled('.a{color:red;background:url(data:image/png;base64,AA==)} /* x */\n'),
      (checked) => expect('css' in checked && checked.css.length).toBeGreaterThan(MAX_ASSET_BYTES * 0.9),
    ],
  ];
  /** The CPU time this process spent, in ms: what the check costs, whatever else the machine runs meanwhile. */
  const cpuMs = () => {
    const { user, system } = process.cpuUsage();
    return (user + system) / 1000;
  };
  it.each(cases)('%s: checked in under 5 s of CPU time (the target is 1 s)', (name, make, expected) => {
    const css = make();
    expect(css.length).toBeGreaterThan(MAX_ASSET_BYTES - 100);
    const started = { cpu: cpuMs(), wall: performance.now() };
    const checked = checkThemeCss(css);
    const cpu = cpuMs() - started.cpu;
    const wall = performance.now() - started.wall;
    console.log(
      `theme check, ${name}: ${Math.round(cpu)} ms CPU, ${Math.round(wall)} ms wall, ${css.length} characters`,
    );
    expected(checked);
    expect(cpu).toBeLessThan(5000);
  });
});
