/**
 * Minimum sizes (issue 17), measured in the rendered pages, not read from the CSS: every text node's
 * element, its computed size times any zoom on the way up. Slides at their design size (1280 × 720,
 * 1024 × 768) in the print view: nothing under 16px, running text 20px or more. The handout under
 * print media at the printed width: nothing under 8 pt, body text 10–11 pt; and read back from its
 * PDF, a running header and footer of one line each.
 *
 * The SVG visuals (risk matrix, actor map, locator map: src/slides/visuals) are measured on their own,
 * as drawn: each `<text>`'s size in user units times the SVG's scale on the page (its screen CTM and
 * any zoom on the way up), and its box, which must stay inside the SVG and clear of the other texts.
 */
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserSession } from '../src/browser/session.js';
import { readBriefing } from '../src/build.js';
import { buildContent } from '../src/content/index.js';
import { buildHandoutModel, buildHandoutPage, renderHandout } from '../src/outputs/handout/index.js';
import { build, deckModelOf, newSession, ROOT } from './_helpers.js';

/** The slides' running text: prose a reader reads through, not labels. */
const RUNNING_TEXT =
  '.bd-bluf li, .bd-summary, .bd-points li, .bd-what p:not(.bd-where), .bd-role, .bd-detail, .bd-action > p, .bd-decision, .bd-sources li > div > p:first-child';

interface Sized {
  where: string;
  text: string;
  /** In CSS px as rendered. */
  size: number;
  running: boolean;
}

/** Runs in the page: every visible text node outside the SVG visuals, with its rendered size. */
function measureText(runningSelector: string): Sized[] {
  const found: Sized[] = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  const range = document.createRange();
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const text = (node.textContent ?? '').trim();
    const element = node.parentElement;
    if (
      !text ||
      !element ||
      element.closest('svg, .bd-sr-only, .ho-sr-only, aside.notes, .ho-probes, script, style')
    )
      continue;
    range.selectNodeContents(node);
    const box = range.getBoundingClientRect();
    if (box.width === 0 || box.height === 0 || getComputedStyle(element).visibility === 'hidden') continue;
    let zoom = 1;
    for (let up: Element | null = element; up; up = up.parentElement)
      zoom *= Number(getComputedStyle(up).zoom) || 1;
    const owner = element.closest('[class]');
    found.push({
      where: `${owner?.tagName.toLowerCase()}.${owner?.getAttribute('class')?.split(' ')[0]}`,
      text: text.slice(0, 40),
      size: Number.parseFloat(getComputedStyle(element).fontSize) * zoom,
      running: element.closest(runningSelector) !== null && element.closest('a.cite, sup') === null,
    });
  }
  return found;
}

interface SvgText {
  where: string;
  text: string;
  /** In CSS px as rendered. */
  size: number;
  box: { left: number; top: number; right: number; bottom: number };
  svg: number;
}

/**
 * Runs in the page: every visible `<text>` of the SVG visuals, its rendered size and its box; the
 * texts whose box leaves their SVG's; the pairs of texts in one SVG whose boxes overlap.
 */
function measureSvgText(selector: string): { texts: SvgText[]; outside: string[]; overlaps: string[] } {
  const texts: SvgText[] = [];
  const outside: string[] = [];
  const svgs = [...document.querySelectorAll<SVGSVGElement>(selector)];
  svgs.forEach((svg, n) => {
    const frame = svg.getBoundingClientRect();
    if (frame.width === 0) return;
    for (const text of svg.querySelectorAll<SVGTextElement>('text')) {
      const content = (text.textContent ?? '').trim();
      const rect = text.getBoundingClientRect();
      if (!content || rect.width === 0 || getComputedStyle(text).visibility === 'hidden') continue;
      const ctm = text.getScreenCTM() as DOMMatrix;
      let zoom = 1;
      for (let up: Element | null = svg; up; up = up.parentElement)
        zoom *= Number(getComputedStyle(up).zoom) || 1;
      const where = `${svg.getAttribute('class')?.split(' ').pop()} ${text.getAttribute('class')}`;
      const size = Number.parseFloat(getComputedStyle(text).fontSize) * Math.hypot(ctm.a, ctm.b) * zoom;
      // The glyphs, not the line box: Source Sans 3's is 1.42 em tall, its letters (capitals to descenders)
      // take about the middle 0.9 em of it (of each line's).
      const inset = Math.min(0.26 * size, rect.height / 2);
      const box = { left: rect.left, top: rect.top + inset, right: rect.right, bottom: rect.bottom - inset };
      texts.push({ where, text: content.slice(0, 40), size, box, svg: n });
      // Half a pixel of slack: a glyph's side bearing may touch the edge.
      if (
        box.left < frame.left - 0.5 ||
        box.top < frame.top - 0.5 ||
        box.right > frame.right + 0.5 ||
        box.bottom > frame.bottom + 0.5
      )
        outside.push(`${where}: ${content}`);
    }
  });
  const overlaps: string[] = [];
  texts.forEach((a, i) => {
    for (const b of texts.slice(i + 1)) {
      if (a.svg !== b.svg) continue;
      const x = Math.min(a.box.right, b.box.right) - Math.max(a.box.left, b.box.left);
      const y = Math.min(a.box.bottom, b.box.bottom) - Math.max(a.box.top, b.box.top);
      if (x > 0.5 && y > 0.5) overlaps.push(`${a.where} "${a.text}" × ${b.where} "${b.text}"`);
    }
  });
  return { texts, outside, overlaps };
}

interface Line {
  where: string;
  text: string;
  length: number;
}

/**
 * Runs in the page: the lines of text as laid out, each block's (a paragraph, a list item, a table
 * cell) read character by character: a line ends where the next character starts left of it.
 */
function measureLines(): Line[] {
  const blocks = new Map<Element, { text: string; left: number }[][]>();
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  const range = document.createRange();
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const element = node.parentElement;
    if (!element || element.closest('svg, .bd-sr-only, .ho-sr-only, .ho-probes, script, style, h1, h2'))
      continue;
    let block: Element = element;
    while (block.parentElement && ['inline', 'inline-block'].includes(getComputedStyle(block).display))
      block = block.parentElement;
    const lines = blocks.get(block) ?? [[]];
    blocks.set(block, lines);
    const text = node.textContent ?? '';
    for (let i = 0; i < text.length; i++) {
      range.setStart(node, i);
      range.setEnd(node, i + 1);
      const box = range.getBoundingClientRect();
      if (box.width === 0) continue;
      const line = lines[lines.length - 1] as { text: string; left: number }[];
      const last = line[line.length - 1];
      if (last && box.left < last.left - 1) lines.push([{ text: text[i] as string, left: box.left }]);
      else line.push({ text: text[i] as string, left: box.left });
    }
  }
  const found: Line[] = [];
  for (const [block, lines] of blocks) {
    for (const line of lines) {
      const text = line
        .map((c) => c.text)
        .join('')
        .replace(/\s+/g, ' ')
        .trim();
      if (text)
        found.push({
          where: `${block.tagName.toLowerCase()}.${block.className}`,
          text,
          length: [...text].length,
        });
    }
  }
  return found;
}

/**
 * Builds `file` (strictly: nothing may overflow) and runs `measure` in its print view, laid out and
 * with its fonts loaded: the slides at their design size.
 */
async function inPrintView<T>(
  session: BrowserSession,
  { file, aspect, theme, since }: { file: string; aspect: '16:9' | '4:3'; theme: string; since?: string },
  measure: (page: Page) => Promise<T>,
): Promise<T> {
  const built = await build(path.join(ROOT, file), {
    pdf: false,
    strict: true,
    deck: { aspect, theme },
    session,
    ...(since ? { since } : {}),
  });
  expect(built.overflows).toEqual([]);
  return session.withPage(async (page) => {
    await page.goto(`${pathToFileURL(built.html).href}?print-pdf`, { waitUntil: 'load' });
    await page.waitForFunction(() => document.documentElement.dataset.pdfReady === 'true');
    await page.evaluate(() => document.fonts.ready.then(() => undefined));
    return measure(page);
  });
}

const SLIDE_CASES = [
  ['briefing.yaml', '16:9', 'light'],
  ['briefing.yaml', '4:3', 'dark'],
  ['tests/fixtures/long.yaml', '16:9', 'dark'],
  ['tests/fixtures/long.yaml', '4:3', 'light'],
  ['tests/fixtures/many-risks.yaml', '4:3', 'dark'],
  ['tests/fixtures/german.yaml', '4:3', 'light'],
  ['tests/fixtures/arabic.yaml', '16:9', 'dark'],
  ['tests/fixtures/decisions.yaml', '4:3', 'light'],
  ['examples/hospital-ransomware/briefing.yaml', '4:3', 'dark'],
  ['examples/port-strike/briefing.yaml', '16:9', 'light'],
] as const;

describe('slides, measured at their design size', () => {
  let session: BrowserSession;
  beforeAll(() => {
    session = newSession();
  });
  afterAll(() => session.close());

  it.each(SLIDE_CASES)(
    '%s at %s (%s): nothing under 16px, running text at 20px or more, nothing overflows',
    async (file, aspect, theme) => {
      const sized = await inPrintView(session, { file, aspect, theme }, (page) =>
        page.evaluate(measureText, RUNNING_TEXT),
      );
      expect(sized.length).toBeGreaterThan(30);
      expect(sized.filter((text) => text.running).length).toBeGreaterThan(3);
      expect(sized.filter((text) => text.size < 16)).toEqual([]);
      expect(sized.filter((text) => text.running && text.size < 20)).toEqual([]);
    },
    60_000,
  );
});

const SVG_CASES = [
  ['briefing.yaml', '16:9', 'light'],
  ['briefing.yaml', '16:9', 'dark'],
  ['briefing.yaml', '4:3', 'light'],
  ['briefing.yaml', '4:3', 'dark'],
  ['tests/fixtures/crowded.yaml', '16:9', 'dark'],
  ['tests/fixtures/crowded.yaml', '4:3', 'light'],
  ['tests/fixtures/long.yaml', '16:9', 'light'],
  ['tests/fixtures/long.yaml', '4:3', 'dark'],
  ['tests/fixtures/german.yaml', '16:9', 'dark'],
  ['tests/fixtures/german.yaml', '4:3', 'light'],
  // With --since: the matrix's faint marker in a risk's old cell, its number too.
  ['tests/fixtures/changes/sample-edited.yaml', '4:3', 'dark'],
  // Every actor new: a mark on every node of the actor map, the top row's too.
  ['tests/fixtures/changes/all-actors-new.yaml', '16:9', 'light'],
  ['tests/fixtures/changes/all-actors-new.yaml', '4:3', 'dark'],
] as const;

describe('the SVG visuals on slides, measured as drawn at the design size', () => {
  let session: BrowserSession;
  beforeAll(() => {
    session = newSession();
  });
  afterAll(() => session.close());

  it.each(SVG_CASES)(
    '%s at %s (%s): no text under 16px, none outside its SVG or over another',
    async (file, aspect, theme) => {
      const since = file.includes('/changes/') ? 'briefing.yaml' : undefined;
      const { texts, outside, overlaps } = await inPrintView(
        session,
        { file, aspect, theme, since },
        (page) => page.evaluate(measureSvgText, 'svg.bd-viz'),
      );
      // The matrix's 21 labels and a marker at least; the sample has all three visuals.
      const kinds = new Set(texts.map((text) => text.where.split(' ')[0]));
      expect(texts.length).toBeGreaterThan(21);
      if (file === 'briefing.yaml') expect(kinds.size).toBe(3);
      if (file.includes('sample-edited'))
        expect(texts.map((text) => text.where)).toContain('bd-viz-risk-matrix bd-rm-was-number');
      if (file.includes('all-actors-new'))
        expect(texts.filter((text) => text.text === 'NEW')).toHaveLength(7);
      const small = texts
        .filter((text) => text.size < 16)
        .map(({ where, text, size }) => `${where} "${text}" ${size.toFixed(1)}px`);
      expect({ small, outside, overlaps }).toEqual({ small: [], outside: [], overlaps: [] });
    },
    60_000,
  );
});

describe('the handout', () => {
  let session: BrowserSession;
  beforeAll(() => {
    session = newSession();
  });
  afterAll(() => session.close());

  it.each([
    ['briefing.yaml', false],
    ['briefing.yaml', true],
    ['tests/fixtures/long.yaml', false],
    ['tests/fixtures/german.yaml', true],
    ['tests/fixtures/crowded.yaml', true],
  ] as const)(
    '%s (first page compact: %s): nothing under 8 pt, the visuals neither, body text 10–11 pt in lines of at most 90 characters (measured in the page at its printed width)',
    async (file, compact) => {
      const built = await build(path.join(ROOT, file), { pdf: false, session });
      const briefing = await readBriefing(path.join(ROOT, file), ROOT);
      const model = buildHandoutModel(buildContent(briefing), deckModelOf(briefing), { withNotes: true });
      const page = buildHandoutPage(model, {
        paper: 'a4',
        version: 'test',
        layout: { bodyNewPage: true, tight: false, compact },
      });
      const html = path.join(built.outDir, 'handout-sizes.html');
      writeFileSync(html, renderHandout(page));
      const { sized, body, lines, svg } = await session.withPage(async (tab) => {
        await tab.emulateMediaType('print');
        await tab.goto(pathToFileURL(html).href, { waitUntil: 'load' });
        await tab.evaluate(() => document.fonts.ready.then(() => undefined));
        // The width of A4's text area (210 mm less 18 mm margins), as the page is printed.
        await tab.evaluate(() => {
          document.documentElement.style.width = 'calc(210mm - 36mm)';
        });
        return {
          lines: await tab.evaluate(measureLines),
          svg: await tab.evaluate(measureSvgText, 'svg.bd-viz'),
          sized: await tab.evaluate(measureText, '.ho-prose p, .ho-bluf li, .ho-points li'),
          body: await tab.evaluate(() => Number.parseFloat(getComputedStyle(document.body).fontSize)),
        };
      });
      const pt = (px: number) => Math.round(px * 0.75 * 100) / 100;
      // Lines of running text, table cells' too, at most 90 characters.
      expect(lines.length).toBeGreaterThan(40);
      expect(
        lines.filter((line) => line.length > 90).map((line) => `${line.where}: ${line.length}: ${line.text}`),
      ).toEqual([]);
      // The matrix (its numbers too), the actor map and the locator map, as printed.
      expect(svg.texts.length).toBeGreaterThan(21);
      expect({
        small: svg.texts
          .filter((text) => pt(text.size) < 8)
          .map((t) => `${t.where} "${t.text}" ${pt(t.size)} pt`),
        outside: svg.outside,
        overlaps: svg.overlaps,
      }).toEqual({ small: [], outside: [], overlaps: [] });
      expect(sized.length).toBeGreaterThan(30);
      expect(
        sized.filter((text) => pt(text.size) < 8).map((text) => ({ ...text, size: pt(text.size) })),
      ).toEqual([]);
      expect(pt(body)).toBeGreaterThanOrEqual(10);
      expect(pt(body)).toBeLessThanOrEqual(11);
      const running = sized.filter((text) => text.running).map((text) => pt(text.size));
      expect(running.length).toBeGreaterThan(0);
      for (const size of running) expect(size).toBeGreaterThanOrEqual(10);
    },
    60_000,
  );

  it('prints its running header and footer on one line each, a long title shortened with an ellipsis', async () => {
    const built = await build(path.join(ROOT, 'tests/fixtures/long.yaml'), {
      pdf: false,
      handout: 'a4',
      session,
    });
    const pdf = built.handout as string;
    const pages = Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [pdf], { encoding: 'utf8' }))?.[1]);
    expect(pages).toBeGreaterThan(3);
    for (let page = 1; page <= pages; page++) {
      const bbox = execFileSync('pdftotext', ['-bbox', '-f', String(page), '-l', String(page), pdf, '-'], {
        encoding: 'utf8',
      });
      const words = [
        ...bbox.matchAll(/<word xMin="[\d.]+" yMin="([\d.]+)" xMax="[\d.]+" yMax="[\d.]+">([^<]*)<\/word>/g),
      ].map((m) => ({ top: Number(m[1]), word: m[2] as string }));
      // The header's words (in the 22 mm margin, 62 pt, above the body's first line) and the footer's (below A4's last 20 mm) each on one line.
      const header = words.filter((w) => w.top < 56 && w.word !== 'OFFICIAL-SENSITIVE');
      const footer = words.filter((w) => w.top > 842 - 57 && w.word !== 'OFFICIAL-SENSITIVE');
      for (const band of [header, footer]) {
        expect(band.length, `page ${page}`).toBeGreaterThan(1);
        const tops = band.map((w) => w.top);
        expect(
          Math.max(...tops) - Math.min(...tops),
          `page ${page}: ${band.map((w) => w.word).join(' ')}`,
        ).toBeLessThan(4);
      }
      // The long title is shortened, with an ellipsis.
      expect(header.map((w) => w.word).join(' ')).toMatch(/…/);
    }
  }, 120_000);
});
