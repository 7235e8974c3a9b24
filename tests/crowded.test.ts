/**
 * Issue 17's crowded visuals, rendered for real: fifteen risks in one cell
 * of the risk matrix and twenty actors with more relations than the actor
 * map draws (tests/fixtures/crowded.yaml). In Chromium, the markers'
 * numbers are measured at the slide's design size; the deck, the PowerPoint
 * deck and the handout all say what the map leaves out and list it.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { strFromU8, unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserSession } from '../src/browser/session.js';
import { prepareDeck, readBriefing, writeDeck } from '../src/build.js';
import { outputPath } from '../src/outputs/names.js';
import { printHandout } from '../src/outputs/pdf.js';
import { renderPptx } from '../src/outputs/pptx/index.js';
import type { ActorMapSlide, RiskMatrixSlide, RiskRegisterSlide } from '../src/slides/types.js';
import { build, deckModelOf, newSession, ROOT, readPdf, tempDir } from './_helpers.js';

const FIXTURE = 'tests/fixtures/crowded.yaml';

let session: BrowserSession;
beforeAll(() => {
  session = newSession();
});
afterAll(() => session.close());

type RevealWindow = {
  Reveal: {
    isReady(): boolean;
    getScale(): number;
    slide(h: number, v?: number): void;
    getIndices(s: Element): { h: number; v: number };
  };
};

/** On the slide holding `selector`: each `text` element's font size in px at the slide's design size, and its text. */
async function measured(html: string, selector: string, texts: string) {
  return session.withPage(async (page) => {
    await page.goto(pathToFileURL(html).href, { waitUntil: 'load' });
    await page.waitForFunction(() => (window as unknown as RevealWindow).Reveal?.isReady());
    await page.evaluate((selector) => {
      const { Reveal } = window as unknown as RevealWindow;
      const at = Reveal.getIndices(document.querySelector(selector)?.closest('section') as Element);
      Reveal.slide(at.h, at.v);
    }, selector);
    await page.waitForFunction(
      (selector) => (document.querySelector(selector)?.getBoundingClientRect().width ?? 0) > 0,
      {},
      selector,
    );
    return page.evaluate(
      (selector, texts) => {
        const { Reveal } = window as unknown as RevealWindow;
        const svg = document.querySelector(selector) as SVGSVGElement;
        const ctm = (svg.getScreenCTM() as DOMMatrix).a / Reveal.getScale();
        return [...svg.querySelectorAll(texts)].map((text) => ({
          text: text.textContent ?? '',
          px: Number.parseFloat(getComputedStyle(text).fontSize) * ctm,
        }));
      },
      selector,
      texts,
    );
  });
}

describe.each([
  ['16:9', 'light'],
  ['4:3', 'dark'],
  ['4:3', 'light'],
] as const)('the crowded fixture at %s in the %s theme', (aspect, theme) => {
  let result: Awaited<ReturnType<typeof build>>;
  beforeAll(async () => {
    result = await build(FIXTURE, { session, pdf: false, deck: { aspect, theme }, strict: true });
  });

  it('shows no marker number or "+N" under 16 px, and the badge stands for the rest of the cell', async () => {
    expect(result.overflows).toEqual([]);
    const numbers = await measured(result.html, 'svg.bd-viz-risk-matrix', '.bd-rm-number, .bd-rm-badge-text');
    expect(numbers.map((n) => n.text).sort()).toEqual(['+14', '1', '15', '16']);
    // 16 px, less a rounding error of the browser's matrix arithmetic.
    for (const number of numbers) expect(number.px, number.text).toBeGreaterThanOrEqual(15.999);
  });

  it('lists every risk, those behind the badge too, in the key and the register that continues it', async () => {
    const briefing = await readBriefing(FIXTURE, ROOT);
    const model = deckModelOf({ ...briefing, deck: { ...briefing.deck, aspect, theme: { builtIn: theme } } });
    const key = (model.slides.find((s) => s.kind === 'risk-matrix') as RiskMatrixSlide).key;
    const register = model.slides.filter((s): s is RiskRegisterSlide => s.kind === 'risk-register');
    const listed = [...key, ...register.flatMap((s) => s.rows)].map((row) => row.number);
    expect(listed).toEqual(Array.from({ length: 17 }, (_, i) => i + 1));
  });

  it('says what the actor map leaves out and lists every relation it does not draw', async () => {
    const html = readFileSync(result.html, 'utf8');
    expect(html).toContain(
      '<p class="bd-omitted">The map draws the 12 most connected of the 20 actors. Not drawn: 8 actors and 19 relations, listed in the table that follows.</p>',
    );
    const rows = [...html.matchAll(/<tr><td>([^<]*)<\/td><td>([^<]*)<\/td><td>([^<]*)<\/td><\/tr>/g)];
    expect(rows).toHaveLength(19);
    const labels = await measured(result.html, 'svg.bd-viz-actor-map', 'text');
    for (const label of labels.filter((l) => l.text.includes(' + ')))
      expect(label.px).toBeGreaterThanOrEqual(15.999);
    expect(labels.filter((l) => l.text.includes(' + '))).not.toEqual([]);
  });
});

describe('the crowded fixture elsewhere', () => {
  it('draws the "+N" badge and lists the relations not drawn in the PowerPoint deck', async () => {
    const model = deckModelOf(await readBriefing(FIXTURE, ROOT));
    const files = Object.fromEntries(
      Object.entries(unzipSync(await renderPptx(model))).map(([name, data]) => [name, strFromU8(data)]),
    );
    const slideXml = (kind: string, nth = 0) =>
      files[`ppt/slides/slide${model.slides.filter((s) => s.kind === kind)[nth]?.number}.xml`] as string;
    const matrix = slideXml('risk-matrix');
    expect(matrix).toMatch(
      /name="More risks \+14" descr="Also in this cell \(likely, high impact\): risks 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 17\."/,
    );
    expect(matrix.match(/name="Risk \d+"/g)).toHaveLength(3);
    const map = slideXml('actor-map');
    expect(map).toContain(
      '<a:t>The map draws the 12 most connected of the 20 actors. Not drawn: 8 actors and 19 relations, listed in the table that follows.</a:t>',
    );
    expect(map).toContain('<a:quadBezTo>');
    const rest = slideXml('actor-map', 1);
    expect(rest.match(/name="Relations not drawn"/g)?.length).toBeGreaterThan(0);
    // A head row per table and a row per relation not drawn.
    const tables = rest.match(/name="Relations not drawn"/g)?.length ?? 0;
    expect(rest.match(/<a:tr /g)).toHaveLength(19 + tables);
    const slides = model.slides.filter((s): s is ActorMapSlide => s.kind === 'actor-map');
    expect(slides.flatMap((s) => s.rest.flat())).toHaveLength(19);
  });

  it('prints the statement and the table of relations not drawn in the handout', async () => {
    const outDir = tempDir('crowded-');
    const deck = await prepareDeck({ file: FIXTURE, cwd: ROOT, outDir });
    await writeDeck(deck);
    const printed = await printHandout(deck, session, { timeoutMs: 60_000, paper: 'a4', withNotes: false });
    const pdf = outputPath(deck, 'handout');
    writeFileSync(pdf, printed.pdf);
    const text = (await readPdf(pdf)).pages.join(' ').replace(/\s+/g, ' ');
    expect(text).toContain('Not drawn: 8 actors and 19 relations, listed in the table that follows.');
    expect(text).toMatch(/Actor Relation With/i);
    expect(text).toContain('Qatar supports Government of National Accord');
    expect(text).toContain('+14');
  });
});
