import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Briefing } from '../src/briefing.js';
import { readBriefing } from '../src/build.js';
import { buildDeckModel, classificationLevel, type RisksSlide, type SlideModel } from '../src/model.js';
import { paginate, paginateRows } from '../src/paginate.js';
import { buildPage, contentSecurityPolicy, loadTemplates, renderDeck } from '../src/render.js';
import { countLines, textWidth } from '../src/textMetrics.js';
import { FIXTURES, ROOT, tempDir } from './_helpers.js';

const sample = () => readBriefing('briefing.yaml', ROOT);
const minimal = () => readBriefing(path.join(FIXTURES, 'minimal.yaml'), ROOT);
const long = () => readBriefing(path.join(FIXTURES, 'long.yaml'), ROOT);
const kinds = (slides: SlideModel[]) =>
  slides.map((slide) => (slide.part ? `${slide.kind} ${slide.part}` : slide.kind));

describe('buildDeckModel', () => {
  it('puts the slides in briefing order, BLUF right after the title', async () => {
    const model = buildDeckModel(await sample());
    expect(kinds(model.slides)[0]).toBe('title');
    expect(kinds(model.slides)[1]).toBe('bluf');
    const order = [...new Set(model.slides.map((slide) => slide.kind))];
    expect(order).toEqual([
      'title',
      'bluf',
      'situation',
      'timeline',
      'actor-map',
      'actors',
      'risk-matrix',
      'risks',
      'recommendations',
      'sources',
    ]);
    expect(model.slides.map((slide) => slide.number)).toEqual(model.slides.map((_, i) => i + 1));
    expect(new Set(model.slides.map((slide) => slide.id)).size).toBe(model.slides.length);
  });

  it('leaves out what the briefing does not have', async () => {
    const model = buildDeckModel(await minimal());
    expect(kinds(model.slides)).toEqual([
      'title',
      'situation',
      'actors',
      'risk-matrix',
      'risks',
      'recommendations',
    ]);
    expect(model.classification).toBeUndefined();
  });

  it('numbers citations by the order of the sources slide', async () => {
    const briefing = await sample();
    const model = buildDeckModel(briefing);
    const bluf = model.slides.find((slide) => slide.kind === 'bluf');
    expect(JSON.stringify(bluf)).toContain(
      '<a class=\\"cite\\" href=\\"#/sources\\" title=\\"Source 1\\">[1]</a>',
    );
  });

  it('puts group notes on the first slide of a group and item notes on the slide that shows the item', async () => {
    const briefing = await sample();
    const model = buildDeckModel(briefing);
    const map = model.slides.find((slide) => slide.kind === 'actor-map');
    expect(map?.notesHtml.length).toBeGreaterThan(0);
    const noted = briefing.actors.filter((actor) => actor.notes);
    for (const actor of noted) {
      const slide = model.slides.find(
        (s) => s.kind === 'actors' && s.actors.some((card) => card.name === actor.name),
      );
      expect(slide?.notesHtml).toContain(actor.name.replace(/&/g, '&amp;'));
    }
  });

  it('splits long lists over continuation slides, keeping every item once and in order', async () => {
    const briefing = await long();
    const model = buildDeckModel(briefing);
    const actors = model.slides.filter((slide) => slide.kind === 'actors');
    expect(actors.length).toBeGreaterThan(2);
    expect(actors.map((slide) => slide.part)).toEqual(actors.map((_, i) => `${i + 1}/${actors.length}`));
    expect(actors.flatMap((slide) => slide.actors.map((card) => card.name))).toEqual(
      briefing.actors.map((actor) => actor.name),
    );
    const risks = model.slides.filter((slide): slide is RisksSlide => slide.kind === 'risks');
    expect(risks.flatMap((slide) => slide.risks.map((risk) => risk.number))).toEqual(
      briefing.risks.map((_, i) => i + 1),
    );
    const key = model.slides.filter((slide) => slide.kind === 'risk-matrix');
    expect(key.flatMap((slide) => slide.key.map((entry) => entry.number))).toEqual(
      briefing.risks.map((_, i) => i + 1),
    );
  });

  it('shows the likelihood with its range and the confidence apart from it', async () => {
    const model = buildDeckModel(await sample());
    const risk = model.slides.find((slide): slide is RisksSlide => slide.kind === 'risks')?.risks[0];
    expect(risk?.likelihood).toBe('likely');
    expect(risk?.likelihoodRange).toBe('55–80%');
    expect(risk?.confidence).toBe('moderate');
  });

  it('maps common markings to banner colours', () => {
    expect(classificationLevel('UNCLASSIFIED')).toBe('unclassified');
    expect(classificationLevel('TLP:AMBER+STRICT')).toBe('tlp-amber');
    expect(classificationLevel('TOP SECRET//NOFORN')).toBe('top-secret');
    expect(classificationLevel('OFFICIAL')).toBe('other');
  });
});

describe('pagination', () => {
  it('fills pages greedily, then balances them', () => {
    expect(paginate([1, 1, 1, 1, 1, 1, 1], (n) => n, 6)).toEqual([
      [1, 1, 1, 1],
      [1, 1, 1],
    ]);
    expect(paginate([5, 5, 5], (n) => n, 100)).toEqual([[5, 5, 5]]);
    expect(paginate([9, 1], (n) => n, 5)).toEqual([[9], [1]]);
    expect(paginate([2, 2, 2], (n) => n, 6, 1)).toEqual([[2, 2], [2]]);
  });

  it('gives an item too tall for a column a full-width row', () => {
    const pages = paginateRows([1, 10, 2, 3], { column: (n) => n * 10, full: (n) => n * 5 }, 60, 2);
    expect(pages).toEqual([
      [
        { item: 1, wide: false },
        { item: 10, wide: true },
      ],
      [
        { item: 2, wide: false },
        { item: 3, wide: false },
      ],
    ]);
  });

  it("wraps text with the font's own widths", () => {
    expect(textWidth('m', 1000)).toBe(829);
    expect(countLines('a '.repeat(200), 100, 20)).toBeGreaterThan(10);
    expect(countLines('One short line', 1000, 20)).toBe(1);
    expect(countLines('First.\n\nSecond.', 1000, 20)).toBe(2);
  });
});

describe('renderDeck', () => {
  const page = async (briefing: Briefing) =>
    buildPage(buildDeckModel(briefing), { version: '9.9.9', speakerViewHashes: ["'sha256-x'"] });

  it('writes a CSP that allows nothing from outside the deck', () => {
    expect(contentSecurityPolicy(["'sha256-abc'"])).toMatchInlineSnapshot(
      `"default-src 'none'; script-src 'self' 'sha256-abc'; style-src 'self' 'unsafe-inline'; img-src data:; font-src 'self'; frame-src 'self'; connect-src 'none'; media-src 'none'; object-src 'none'; base-uri 'none'; form-action 'none'"`,
    );
  });

  it('renders each slide in the frame with banners, heading and footer', async () => {
    const html = renderDeck(await page(await sample()), loadTemplates());
    const bluf = /<section id="bluf"[\s\S]*?<\/section>/.exec(html)?.[0] ?? '';
    expect(bluf).toContain('<div class="bd-banner bd-banner-top level-unclassified">UNCLASSIFIED</div>');
    expect(bluf).toContain('<header class="bd-head"><h2>Bottom line up front</h2></header>');
    expect(bluf).toMatch(/<span class="bd-foot-number">2 \/ \d+<\/span>/);
    expect(bluf).toContain('<aside class="notes">');
  });

  it("renders a minimal briefing's title slide without empty fields", async () => {
    const html = renderDeck(await page(await minimal()), loadTemplates());
    const title = /<section id="title"[\s\S]*?<\/section>/.exec(html)?.[0] ?? '';
    expect(title).toMatchInlineSnapshot(`
      "<section id="title" class="bd-slide bd-slide-title" data-yaml-path="title">
      <div class="bd-frame">
      <div class="bd-body">
      <div class="bd-title-block">


      <h1>Minimal briefing</h1>

      <dl class="bd-meta">



      </dl>
      </div>
      </div>
      <footer class="bd-foot"><span class="bd-foot-title">Minimal briefing</span><span class="bd-foot-number">1 / 6</span></footer>
      </div>
      </section>"
    `);
  });

  it('lets a folder of partials replace built-in ones', async () => {
    const { writeFileSync } = await import('node:fs');
    const dir = tempDir();
    writeFileSync(
      path.join(dir, 'sources.hbs'),
      '{{#> slide}}<p class="custom">{{sources.length}} sources</p>{{/slide}}',
    );
    const templates = loadTemplates(dir);
    expect(templates.partials.sources).toBe(dir);
    const html = renderDeck(await page(await sample()), templates);
    expect(html).toContain('<p class="custom">1 sources</p>');
  });
});
