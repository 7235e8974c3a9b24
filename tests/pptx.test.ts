/**
 * The PowerPoint deck: the zip's XML read back (master, shapes, properties,
 * relationships, the hostile fixture), and the files opened by a real
 * client, LibreOffice, converted to PDF once for the whole file (slides and
 * notes pages) and read back.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { crc32, deflateSync } from 'node:zlib';
import { strFromU8, unzipSync } from 'fflate';
import { beforeAll, describe, expect, it } from 'vitest';
import { readBriefing } from '../src/build.js';
import type { Briefing } from '../src/format/briefing.js';
import { type Deck, frameOf, layoutOf } from '../src/outputs/pptx/_frame.js';
import { drawLegend } from '../src/outputs/pptx/_legend.js';
import { FontMetrics } from '../src/outputs/pptx/_metrics.js';
import { SlidePart } from '../src/outputs/pptx/_part.js';
import { paragraphText, readHtml } from '../src/outputs/pptx/_runs.js';
import { PALETTES } from '../src/outputs/pptx/_theme.js';
import { type PptxOptions, renderPptx } from '../src/outputs/pptx/index.js';
import type { DeckModel, SlideModel } from '../src/slides/index.js';
import { actorGraph, legendUse } from '../src/slides/visuals/actorMap.js';
import { layOutRiskMatrix } from '../src/slides/visuals/riskMatrixLayout.js';
import { deckModelOf, FIXTURES, ROOT, readPdf, tempDir } from './_helpers.js';
import { convertDecks, soffice } from './_libreoffice.js';

type Files = Record<string, string>;

async function pptx(
  model: DeckModel,
  options: PptxOptions = {},
): Promise<{ bytes: Uint8Array; files: Files }> {
  const bytes = await renderPptx(model, options);
  const files: Files = {};
  for (const [name, data] of Object.entries(unzipSync(bytes))) files[name] = strFromU8(data);
  return { bytes, files };
}

const load = (file: string) => readBriefing(file, ROOT);
const modelOf = (briefing: Briefing, deck: Partial<Briefing['deck']> = {}) =>
  deckModelOf({ ...briefing, deck: { ...briefing.deck, ...deck } });
const slideFiles = (files: Files) =>
  Object.keys(files)
    .filter((name) => /^ppt\/slides\/slide\d+\.xml$/.test(name))
    .sort((a, b) => Number(/\d+/.exec(a)?.[0]) - Number(/\d+/.exec(b)?.[0]));
/** The text of every `<a:t>` in a part, entities decoded. */
const texts = (xml: string) =>
  [...xml.matchAll(/<a:t>([^<]*)<\/a:t>/g)].map((m) =>
    paragraphText(readHtml(m[1] as string)[0] ?? { runs: [], level: 0 }),
  );
// The deck's soft hyphens (issue 17) are left out of the PowerPoint text; the model's HTML still has them.
const squash = (text: string) => text.replace(/[\s\u00AD]+/g, '');
const plain = (html: string) => readHtml(html).map(paragraphText).join(' ');

/** The tester's long heading (a "Changes since" heading and its part label) on the bottom line slide of `model`. */
const LONG_HEADING = 'Changes since version 1.0 (13 March 2027, 17:00 UTC+01:00)';
const withLongHeading = (model: DeckModel): DeckModel => ({
  ...model,
  classification: 'TLP:AMBER+STRICT',
  slides: model.slides.map((slide) =>
    slide.kind === 'bluf' ? { ...slide, heading: LONG_HEADING, part: '1/2' } : slide,
  ),
});

/** The tester's title slide: a contact longer than a fifth of the meta row, beside four other fields. */
const TRIAL_CONTACT = 'Ilse van Wijngaarden, MCCC duty officer · mccc.duty@example.nl · +31 70 555 0142';
const withTrialMeta = (model: DeckModel): DeckModel => ({
  ...model,
  slides: model.slides.map((slide) =>
    slide.kind === 'title'
      ? {
          ...slide,
          date: '14 March 2027',
          author: 'Municipal Cyber Coordination Cell',
          version: '1.1',
          contact: TRIAL_CONTACT,
        }
      : slide,
  ),
});
/** The shape named `name` in a slide part, its rectangle in px and its words. */
function namedShape(xml: string, name: string): { x: number; y: number; w: number; h: number; text: string } {
  const sp =
    new RegExp(`<p:sp><p:nvSpPr><p:cNvPr id="\\d+" name="${name}"/>[\\s\\S]*?</p:sp>`).exec(xml)?.[0] ?? '';
  const [x, y, w, h] = (/<a:off x="(\d+)" y="(\d+)"\/><a:ext cx="(\d+)" cy="(\d+)"\/>/.exec(sp) ?? [])
    .slice(1)
    .map((n) => Number(n) / 9525);
  return {
    x: x ?? Number.NaN,
    y: y ?? Number.NaN,
    w: w ?? Number.NaN,
    h: h ?? Number.NaN,
    text: texts(sp).join(' '),
  };
}

/** Words each slide of the model must show. */
function expectedText(slide: SlideModel): string[] {
  switch (slide.kind) {
    case 'title':
      return [slide.title, slide.subtitle ?? '', slide.author ?? ''];
    case 'bluf':
      return [slide.heading, ...slide.items.map((item) => plain(item.html))];
    case 'decisions':
      return [slide.heading, ...slide.decisions.map((item) => plain(item.decisionHtml))];
    case 'changes':
      return [slide.heading, ...slide.groups.flatMap((group) => group.lines.map((line) => plain(line.html)))];
    case 'situation':
      return [slide.heading, ...slide.points.map((point) => plain(point.html))];
    case 'timeline':
      return [slide.heading, ...slide.events.flatMap((event) => [event.date, plain(event.eventHtml)])];
    case 'actor-map':
      // The legend names the relation types the map uses, as the deck's SVG does; a continuation lists relations.
      return [
        slide.heading,
        ...[...slide.svgHtml.matchAll(/class="bd-am-legend-text"[^>]*>(Conflict|Alliance|Rivalry)</g)].map(
          (m) => m[1] as string,
        ),
        ...slide.rest.flat().map((row) => row.from),
      ];
    case 'actors':
      return [slide.heading, ...slide.actors.flatMap((actor) => [actor.name, plain(actor.roleHtml)])];
    case 'risk-matrix':
      return [
        slide.heading,
        'Almost certain',
        ...slide.key.map((item) => item.title),
        ...slide.cards.flat().map((risk) => risk.title),
      ];
    case 'risk-register':
      return [slide.heading, ...slide.rows.flatMap((row) => [row.title, row.likelihood])];
    case 'risks':
      return [
        slide.heading,
        ...slide.risks.flatMap((risk) => [risk.title, ...risk.indicators.map((i) => plain(i.html))]),
      ];
    case 'recommendations':
      return [slide.heading, ...slide.recommendations.map((row) => plain(row.actionHtml))];
    case 'sources':
      return [slide.heading, ...slide.sources.map((source) => source.title)];
    case 'combined':
      // Each section's own words; its heading is set in capitals.
      return [slide.heading, ...slide.sections.flatMap((section) => expectedText(section).slice(1))];
    case 'figure':
    case 'map':
      return [slide.heading];
  }
}

describe('renderPptx: the package', () => {
  let model: DeckModel;
  let files: Files;
  beforeAll(async () => {
    model = modelOf(await load('briefing.yaml'));
    ({ files } = await pptx(model));
  });

  it('has one slide per slide of the model, in order, each with its heading', () => {
    expect(slideFiles(files)).toHaveLength(model.slides.length);
    expect(files['ppt/presentation.xml']?.match(/<p:sldId /g)).toHaveLength(model.slides.length);
    slideFiles(files).forEach((name, i) => {
      const slide = model.slides[i] as SlideModel;
      expect(texts(files[name] as string).join(' ')).toContain(
        slide.kind === 'title' ? model.title : slide.heading,
      );
    });
    expect(files['ppt/presentation.xml']).toContain('<p:sldSz cx="12192000" cy="6858000"/>');
  });

  it('puts the banners, the footer and the slide number in the master, and the heading rule in the layout', () => {
    const master = files['ppt/slideMasters/slideMaster1.xml'] as string;
    expect(master).toContain('name="Classification banner (top)"');
    expect(master).toContain('name="Classification banner (bottom)"');
    expect(texts(master).filter((text) => text === 'UNCLASSIFIED')).toHaveLength(2);
    expect(master).toContain('<a:srgbClr val="007A33"/>');
    expect(master).toContain('type="slidenum"');
    expect(texts(master)).toContain(model.title);
    expect(files['ppt/slideLayouts/slideLayout2.xml']).toContain('name="Heading rule"');
    // Slides carry no banner of their own: they inherit it.
    for (const name of slideFiles(files)) expect(files[name]).not.toContain('UNCLASSIFIED');
  });

  it('fills every placeholder it puts on a slide, and writes notes only where there are notes', () => {
    for (const name of slideFiles(files)) {
      const xml = files[name] as string;
      for (const sp of xml.match(/<p:sp>(?:(?!<\/p:sp>).)*<p:ph [^>]*>(?:(?!<\/p:sp>).)*<\/p:sp>/g) ?? []) {
        expect(texts(sp).join('').trim()).not.toBe('');
      }
    }
    const withNotes = model.slides.filter((slide) => slide.notesHtml !== '').length;
    expect(
      Object.keys(files).filter((name) => /^ppt\/notesSlides\/notesSlide\d+\.xml$/.test(name)),
    ).toHaveLength(withNotes);
    for (const [name, xml] of Object.entries(files)) {
      if (/^ppt\/notesSlides\/notesSlide\d+\.xml$/.test(name)) {
        expect(xml).toContain('<p:ph type="sldImg"');
        expect(texts(xml).join('').trim()).not.toBe('');
      }
    }
  });

  it('makes the risk matrix a group of cell rectangles, axis labels and numbered circles where the SVG puts them', () => {
    const slide = model.slides.find((s) => s.kind === 'risk-matrix');
    const xml = files[`ppt/slides/slide${slide?.number}.xml`] as string;
    const matrix =
      /<p:grpSp><p:nvGrpSpPr><p:cNvPr id="\d+" name="Risk matrix" descr="[^"]+"\/>.*?<\/p:grpSp>/.exec(
        xml,
      )?.[0] ?? '';
    expect(matrix.match(/name="[A-Za-z ]+ × [a-z ]+"/g)).toHaveLength(35);
    expect(matrix.match(/<a:prstGeom prst="ellipse">/g)).toHaveLength(3);
    expect(texts(matrix)).toEqual(expect.arrayContaining(['Almost certain', 'Very high', '1', '2', '3']));
    const svg = slide?.kind === 'risk-matrix' ? slide.svgHtml : '';
    const circles = [
      ...svg.matchAll(/<circle class="bd-rm-marker" cx="([\d.]+)" cy="([\d.]+)" r="([\d.]+)"/g),
    ].map((m) => m.slice(1).map(Number));
    const key = slide?.kind === 'risk-matrix' ? slide.key : [];
    const { markers } = layOutRiskMatrix(
      key.map((item) => ({ ...item, likelihood: item.likelihood as never, impact: item.impact as never })),
    );
    expect(markers.map((m) => [m.x, m.y, m.r].map((v) => Math.round(v * 100) / 100))).toEqual(circles);
  });

  it("makes the actor map a group of boxes at the SVG's places and lines in the relation styles", () => {
    const slide = model.slides.find((s) => s.kind === 'actor-map');
    const xml = files[`ppt/slides/slide${slide?.number}.xml`] as string;
    expect(xml).toMatch(/<p:cNvPr id="\d+" name="Actor map" descr="[^"]+"\/>/);
    const svg = slide?.kind === 'actor-map' ? slide.svgHtml : '';
    const boxes = [
      ...svg.matchAll(
        /<rect class="bd-am-box" x="([\d.]+)" y="([\d.]+)" width="([\d.]+)" height="([\d.]+)"/g,
      ),
    ];
    expect(boxes.length).toBeGreaterThan(3);
    const placed = [
      ...xml.matchAll(
        /<a:off x="(\d+)" y="(\d+)"\/><a:ext cx="(\d+)" cy="(\d+)"\/><\/a:xfrm><a:prstGeom prst="roundRect">/g,
      ),
    ];
    // The body starts at (64, 26 + 20 + 40 + 10 + 2 + 16) on a classified 16:9 slide.
    expect(placed.map((m) => m.slice(1).map((v) => Math.round(Number(v) / 95.25) / 100))).toEqual(
      boxes.map(([, x, y, w, h]) => [64 + Number(x), 114 + Number(y), Number(w), Number(h)]),
    );
    expect(xml).toContain('<a:tailEnd type="triangle"'); // support
    expect(xml).toMatch(/<a:custDash><a:ds d="360000" sp="240000"\/><\/a:custDash>/); // rivalry
    expect(xml).toContain('(inner line)'); // alliance, a double line
    expect(xml.match(/name="Conflict mark"/g)?.length).toBeGreaterThan(1);
  });

  it('draws two relations between a pair as one labelled line, and mutual support with two arrowheads', async () => {
    const briefing = await load('briefing.yaml');
    const tobruk = 'Internationally recognised government (Tobruk)';
    const actors = briefing.actors.map((actor) => {
      if (actor.name === tobruk)
        return { ...actor, relations: [{ with: 'Libyan National Army', type: 'support' as const }] };
      if (actor.name !== 'Islamic State (IS)') return actor;
      return {
        ...actor,
        relations: [
          ...actor.relations,
          { with: 'Derna Mujahideen Shura Council (DMSC)', type: 'rivalry' as const },
        ],
      };
    });
    const curved = modelOf({ ...briefing, actors });
    const map = curved.slides.find((s) => s.kind === 'actor-map');
    const xml = (await pptx(curved)).files[`ppt/slides/slide${map?.number}.xml`] as string;
    expect(xml).toContain(
      'name="Islamic State (IS) – Derna Mujahideen Shura Council (DMSC): Conflict + rivalry"',
    );
    expect(xml).toContain('<a:t>Conflict + rivalry</a:t>');
    expect(xml).toMatch(/<a:headEnd type="triangle"[^>]*\/><a:tailEnd type="triangle"/);
  });

  it('sets the recommendations in a native table and the timeline as grouped shapes', () => {
    const recs = model.slides.find((s) => s.kind === 'recommendations');
    const table = files[`ppt/slides/slide${recs?.number}.xml`] as string;
    expect(table).toContain('<a:tbl>');
    expect(table.match(/<a:tr /g)).toHaveLength(
      1 + (recs?.kind === 'recommendations' ? recs.recommendations.length : 0),
    );
    expect(table.match(/<a:gridCol /g)).toHaveLength(5);
    const timeline = files[
      `ppt/slides/slide${model.slides.find((s) => s.kind === 'timeline')?.number}.xml`
    ] as string;
    expect(timeline).toMatch(/name="Timeline" descr="Timeline: /);
    expect(timeline.match(/name="Dot \d+"/g)).toHaveLength(7);
    // Each place the locator map numbers has its number, as the deck's timeline does: the map's key says so.
    const shown = texts(timeline);
    expect(shown.filter((text) => /^\d$/.test(text))).toEqual(['1', '2', '3', '4', '5', '6', '7']);
    expect(shown[shown.indexOf('2') + 2]).toBe('Qubba, near Derna');
  });

  it('keeps bold, italic, numbering, bullets and citations from the Markdown', () => {
    const bluf = files['ppt/slides/slide2.xml'] as string;
    expect(bluf).toMatch(
      /<a:rPr [^>]*b="1"[^>]*>(?:(?!<\/a:rPr>).)*<\/a:rPr><a:t>expelled from Derna<\/a:t>/,
    );
    expect(bluf.match(/<a:buAutoNum type="arabicPeriod"/g)).toHaveLength(5);
    expect(bluf).toMatch(
      /baseline="30000"[^>]*>(?:(?!<\/a:rPr>).)*action="ppaction:\/\/hlinksldjump"\/><\/a:rPr><a:t>\[1\]<\/a:t>/,
    );
    expect(files['ppt/slides/_rels/slide2.xml.rels']).toContain(`Target="slide${model.slides.length}.xml"`);
    const situation = model.slides.findIndex((slide) => slide.kind === 'situation') + 1;
    expect(files[`ppt/slides/slide${situation}.xml`]).toContain('<a:buChar char="■"/>');
  });

  it('writes the document properties, the classification as keywords', () => {
    const core = files['docProps/core.xml'] as string;
    expect(core).toContain(`<dc:title>${model.title}</dc:title>`);
    expect(core).toContain('<dc:subject>An IS defeat, but not yet a win for the Libyan state</dc:subject>');
    expect(core).toContain('<dc:creator>Libya desk</dc:creator>');
    expect(core).toContain('<cp:keywords>UNCLASSIFIED</cp:keywords>');
    expect(files['docProps/app.xml']).toContain('<Company>Regional Analysis Unit</Company>');
  });

  it('sets the text in Arial by default, or the font asked for, and leaves notes out when asked', async () => {
    expect(files['ppt/slides/slide2.xml']).toContain('<a:latin typeface="Arial"/>');
    expect(files['ppt/theme/theme1.xml']).toContain('<a:latin typeface="Arial"/>');
    const other = (await pptx(model, { font: 'Calibri', notes: false })).files;
    expect(other['ppt/slides/slide2.xml']).toContain('<a:latin typeface="Calibri"/>');
    expect(other['ppt/slides/slide2.xml']).not.toContain('typeface="Arial"/><a:cs');
    expect(Object.keys(other).some((name) => name.includes('notes'))).toBe(false);
    expect(other['ppt/presentation.xml']).not.toContain('notesMaster');
  });

  it('writes well-formed parts', () => expectWellFormed(files));

  it('gives every group and picture alt text', () => {
    for (const name of slideFiles(files)) {
      const xml = files[name] as string;
      for (const [, attrs] of xml.matchAll(/<p:(?:grpSp|pic)><p:nv\w+><p:cNvPr ([^>]*)\/>/g)) {
        expect(attrs, name).toMatch(/descr="[^"]+"/);
      }
    }
  });

  it('tells of a slide whose content would not fit even set smaller', async () => {
    const overflowing: string[] = [];
    await renderPptx(model, { onOverflow: (slide) => overflowing.push(slide.id) });
    expect(overflowing).toEqual([]);
    const huge = {
      ...model,
      slides: model.slides.map((slide) =>
        slide.kind === 'bluf'
          ? {
              ...slide,
              items: Array.from({ length: 30 }, (_, i) => ({
                number: i + 1,
                html: 'A long item. '.repeat(8),
              })),
            }
          : slide,
      ),
    };
    await renderPptx(huge, { onOverflow: (slide) => overflowing.push(slide.id) });
    expect(overflowing).toEqual(['bluf']);
  });

  it('gives the same bytes for the same deck', async () => {
    expect(Buffer.from((await pptx(model)).bytes).equals(Buffer.from(await renderPptx(model)))).toBe(true);
  });
});

/** Every element closed in order, nothing but tags and escaped text, no raw markup character in a value. */
function expectWellFormed(files: Files): void {
  const entity = /&(?!(amp|lt|gt|quot|#39|#\d+);)/;
  const tagPattern = /<(\/?)([\w:]+)((?:\s+[\w:]+="[^"<]*")*)\s*(\/?)>/g;
  for (const [name, xml] of Object.entries(files)) {
    if (!/\.(xml|rels)$/.test(name)) continue;
    const open: string[] = [];
    for (const [, end, tag, attrs, empty] of xml.matchAll(tagPattern)) {
      expect(attrs, name).not.toMatch(entity);
      if (end) expect(open.pop(), `${name}: </${tag}>`).toBe(tag);
      else if (!empty) open.push(tag as string);
    }
    expect(open, name).toEqual([]);
    const text = xml.replace(/^<\?xml[^>]*\?>/, '').replace(tagPattern, '');
    expect(text, name).not.toMatch(/[<>]/);
    expect(text, name).not.toMatch(entity);
  }
}

/** Every relationship outside the package is a hyperlink to http, https or mailto; nothing else is external. */
function expectInertPackage(files: Files): void {
  for (const [name, xml] of Object.entries(files)) {
    expect(name).not.toMatch(/vba|activeX|oleObject|embeddings/i);
    if (!name.endsWith('.rels')) continue;
    for (const [rel] of xml.matchAll(/<Relationship [^>]*\/>/g)) {
      if (!rel.includes('TargetMode="External"')) continue;
      expect(rel).toContain('/relationships/hyperlink"');
      expect(rel).toMatch(/Target="(https?:\/\/|mailto:)/);
    }
  }
  expect(files['[Content_Types].xml']).not.toMatch(/macroEnabled|vbaProject/i);
}

describe('renderPptx: hostile content', () => {
  it('keeps every payload as text: no markup, no link of another scheme, no external part', async () => {
    const model = modelOf(await load(path.join(FIXTURES, 'hostile.yaml')));
    const { files } = await pptx(model);
    expectInertPackage(files);
    expectWellFormed(files);
    const all = Object.values(files).join('\n');
    for (const tag of [
      'script',
      'img',
      'iframe',
      'svg',
      'object',
      'style',
      'form',
      'meta',
      'link',
      'base',
      'marquee',
      'b ',
    ]) {
      expect(all).not.toContain(`<${tag}`);
    }
    // Every attribute of every element is one we write (the payloads' `onerror=` are inside escaped values).
    for (const [tag] of all.matchAll(/<[^>]+>/g)) {
      for (const [, name] of tag.matchAll(/\s([\w:]+)="[^"]*"/g)) expect(name).not.toMatch(/^on/i);
      expect(tag.replace(/\s[\w:]+="[^"]*"/g, '')).toMatch(/^<\/?[\w:]+\s*\/?>$|^<\?xml/);
    }
    expect(all).not.toMatch(/Target="(javascript|vbscript|file|data):/i);
    // The payloads are there as words (the title's quotes set as the language's, as a title's are).
    expect(texts(files['ppt/slides/slide1.xml'] as string).join('')).toContain(
      '<script>window.__pwned = ‘title’</script>',
    );
    expect(all).toContain('&lt;script&gt;');
  });

  it('writes only http, https and mailto links, well-formed', async () => {
    const model = modelOf(await load('briefing.yaml'));
    expectInertPackage((await pptx(model)).files);
  });
});

describe('renderPptx: decisions', () => {
  it("sets a passed deadline's line in the severity red and bold, as the deck's .bd-passed does; the others as before", async () => {
    for (const theme of ['light', 'dark'] as const) {
      const model = modelOf(await load(path.join(FIXTURES, 'decisions.yaml')), { theme: { builtIn: theme } });
      const { files } = await pptx(model);
      const index = model.slides.findIndex((slide) => slide.kind === 'decisions');
      const slide = model.slides[index] as Extract<SlideModel, { kind: 'decisions' }>;
      const xml = files[`ppt/slides/slide${index + 1}.xml`] as string;
      const runOf = (text: string) =>
        [...xml.matchAll(/<a:r><a:rPr ([^>]*)>(.*?)<\/a:rPr><a:t>([^<]*)<\/a:t><\/a:r>/g)].find(
          (m) => paragraphText(readHtml(m[3] as string)[0] ?? { runs: [], level: 0 }) === text,
        );
      expect(slide.decisions.filter((item) => item.passed).length).toBeGreaterThan(0);
      expect(slide.decisions.filter((item) => !item.passed).length).toBeGreaterThan(0);
      const red = (PALETTES[theme].sev[4] as string).slice(1).toUpperCase();
      for (const item of slide.decisions) {
        const run = runOf(item.meta);
        expect(run, item.meta).toBeDefined();
        expect(run?.[1], item.meta).toContain(item.passed ? 'b="1"' : 'b="0"');
        expect(run?.[2] ?? '', item.meta).toContain(
          item.passed
            ? `<a:srgbClr val="${red}"/>`
            : `<a:srgbClr val="${PALETTES[theme].text.slice(1).toUpperCase()}"/>`,
        );
      }
    }
  });
});

describe('renderPptx: a briefing written right to left', () => {
  it('sets Arabic paragraphs right to left and from the right, English labels left to right, in the language', async () => {
    const { files } = await pptx(modelOf(await load('tests/fixtures/arabic.yaml')));
    const xml = slideFiles(files)
      .map((name) => files[name])
      .join('');
    const paragraphs = [...xml.matchAll(/<a:p><a:pPr([^>]*)>[\s\S]*?<\/a:p>/g)].map((m) => ({
      props: m[1] as string,
      text: texts(m[0]).join(''),
    }));
    const arabic = paragraphs.filter((p) => /^[^A-Za-z]*[\u0600-\u06ff]/.test(p.text));
    expect(arabic.length).toBeGreaterThan(5);
    // From the right, unless the drawing centres it (an actor map box).
    for (const p of arabic) expect(p.props, p.text).toMatch(/ rtl="1" algn="(r|ctr)"/);
    expect(arabic.filter((p) => p.props.includes('algn="r"')).length).toBeGreaterThan(5);
    const label = paragraphs.find((p) => p.text === '80–95%');
    expect(label?.props).not.toContain('rtl="1"');
    expect(xml).toContain('lang="ar"');
    expect(xml).not.toContain('lang="en-GB"');
  });

  // A trial: an American briefing's PowerPoint deck was proofread as British English.
  it("tags the text with the briefing's English: British for plain en, the region's for en-US", async () => {
    const briefing = await load('briefing.yaml');
    // Every part: the slides, the master and layouts (the slide number, the placeholders), the notes
    // and the presentation's default (what is typed anew).
    const langs = async (language: string) => {
      const { files } = await pptx(modelOf({ ...briefing, language }));
      const xml = Object.values(files).join('');
      return new Set([...xml.matchAll(/ lang="([^"]+)"/g)].map((m) => m[1]));
    };
    expect(await langs('en')).toEqual(new Set(['en-GB']));
    expect(await langs('en-US')).toEqual(new Set(['en-US']));
  });
});

/** The group named `name` in a part: its frame (EMUs) and its children's XML. */
function namedGroup(xml: string, name: string) {
  const start = xml.search(new RegExp(`<p:grpSp><p:nvGrpSpPr><p:cNvPr id="\\d+" name="${name}"`));
  let depth = 0;
  let end = start;
  for (const tag of xml.slice(start).matchAll(/<\/?p:grpSp>/g)) {
    depth += tag[0] === '<p:grpSp>' ? 1 : -1;
    end = start + (tag.index ?? 0) + tag[0].length;
    if (depth === 0) break;
  }
  const whole = xml.slice(start, end);
  const [x, y, cx, cy, chX, chY] = (
    /<a:off x="(\d+)" y="(\d+)"\/><a:ext cx="(\d+)" cy="(\d+)"\/><a:chOff x="(\d+)" y="(\d+)"\/>/.exec(
      whole,
    ) ?? []
  )
    .slice(1)
    .map(Number);
  const children = whole.slice(whole.indexOf('</p:grpSpPr>') + '</p:grpSpPr>'.length, -'</p:grpSp>'.length);
  return { found: start >= 0, x, y, cx, cy, chX, chY, children };
}

describe('renderPptx: a briefing written right to left, mirrored as the deck mirrors it', () => {
  const W = 1280;
  let model: DeckModel;
  let rtl: Files;
  let ltr: Files;
  const slideOf = (kind: SlideModel['kind']) =>
    `ppt/slides/slide${model.slides.findIndex((slide) => slide.kind === kind) + 1}.xml`;
  beforeAll(async () => {
    model = { ...modelOf(await load('tests/fixtures/arabic.yaml')), classification: 'TLP:AMBER' };
    rtl = (await pptx(model)).files;
    // The same deck laid out left to right, to compare with.
    ltr = (await pptx({ ...model, dir: 'ltr' })).files;
  });

  it('puts the situation summary right of the key facts, each where the left-to-right layout has it, mirrored', () => {
    const [summary, facts] = ['Summary', 'Key facts panel'].map((name) =>
      namedShape(rtl[slideOf('situation')] as string, name),
    ) as [ReturnType<typeof namedShape>, ReturnType<typeof namedShape>];
    expect(summary.x).toBeGreaterThanOrEqual(facts.x + facts.w);
    for (const [shape, name] of [
      [summary, 'Summary'],
      [facts, 'Key facts panel'],
    ] as const) {
      const before = namedShape(ltr[slideOf('situation')] as string, name);
      expect(shape.x, name).toBeCloseTo(W - before.x - before.w, 3);
      expect([shape.y, shape.w, shape.h], name).toEqual([before.y, before.w, before.h]);
    }
  });

  it("moves the risk matrix as a whole, with its column: its children are the left-to-right layout's, only its offset moves", async () => {
    const [after, before] = [rtl, ltr].map((files) =>
      namedGroup(files[slideOf('risk-matrix')] as string, 'Risk matrix'),
    );
    expect(after?.found && before?.found).toBe(true);
    expect(after?.children).toBe(before?.children);
    expect([after?.chX, after?.chY, after?.cx, after?.cy, after?.y]).toEqual([
      before?.chX,
      before?.chY,
      before?.cx,
      before?.cy,
      before?.y,
    ]);
    // On a wide slide the matrix has the left 54 % of the body (64 px in, 1152 px wide), right to left the
    // right 54 %: it moves by as much as its column, keeping its place inside it, as the deck's SVG does.
    const column = (1152 * 54) / 100;
    expect(after?.x).toBe((before?.x ?? 0) + Math.round((W - 64 - column) * 9525) - 64 * 9525);
    // The risk's card, beside it, is now on its left.
    const card = namedGroup(rtl[slideOf('risk-matrix')] as string, 'Risk 1');
    expect((card.x ?? 0) + (card.cx ?? 0)).toBeLessThanOrEqual(after?.x ?? 0);
    // At 4:3 the matrix has the whole width, the card under it: it stays where it is, as in the deck.
    const narrow = { ...model, aspect: '4:3' as const };
    const [rtl43, ltr43] = await Promise.all([pptx(narrow), pptx({ ...narrow, dir: 'ltr' })]);
    const [a, b] = [rtl43, ltr43].map(({ files }) =>
      namedGroup(files[slideOf('risk-matrix')] as string, 'Risk matrix'),
    );
    expect(a?.x).toBe(b?.x);
    expect(a?.children).toBe(b?.children);
  });

  it('runs the actor cards right to left, sets the title accent bar right and the footer number left', () => {
    const actors = rtl[slideOf('actors')] as string;
    const slide = model.slides.find((s): s is Extract<SlideModel, { kind: 'actors' }> => s.kind === 'actors');
    const [first, second] = (slide?.actors ?? []).map((actor) => namedGroup(actors, actor.name));
    expect(first?.x).toBeGreaterThan((second?.x ?? 0) + (second?.cx ?? 0));
    const bar = namedShape(rtl['ppt/slides/slide1.xml'] as string, 'Title accent');
    expect(bar.x + bar.w).toBeCloseTo(W - 64, 3);
    const master = rtl['ppt/slideMasters/slideMaster1.xml'] as string;
    const [number, footer] = ['Slide number', 'Footer'].map((name) => namedShape(master, name));
    expect(number?.x).toBeCloseTo(64, 3);
    expect(footer?.x).toBeGreaterThan((number?.x ?? 0) + (number?.w ?? 0));
    expect(master).toMatch(/<a:pPr algn="l"\/><a:fld [^>]*type="slidenum"/);
  });
});

describe('renderPptx: themes and aspects', () => {
  it("keeps the palettes equal to the themes' CSS", () => {
    for (const name of ['light', 'dark'] as const) {
      const css = readFileSync(path.join(ROOT, 'themes', `theme-${name}.css`), 'utf8');
      const value = (property: string) =>
        new RegExp(`--bd-${property}:\\s*(#[0-9a-f]{6})`, 'i').exec(css)?.[1]?.toLowerCase();
      const palette = PALETTES[name];
      expect([palette.bg, palette.text, palette.accent, palette.line, palette.muted]).toEqual(
        ['bg', 'text', 'accent', 'line', 'muted'].map(value),
      );
      expect(palette.sev).toEqual([1, 2, 3, 4, 5].map((n) => value(`sev-${n}`)));
      expect(Object.values(palette.stance)).toEqual(
        ['hostile', 'mixed', 'neutral', 'friendly'].map((s) => value(`stance-${s}`)),
      );
      expect(Object.values(palette.rel)).toEqual(
        ['conflict', 'alliance', 'support', 'rivalry'].map((s) => value(`rel-${s}`)),
      );
    }
  });

  // Found by a review: the legend's one line was judged two spacings short of the line drawn (the deck's
  // own legend had the same fault, found by a trial), so at some widths it ran past the map.
  it('keeps the actor map’s legend inside its area, at every width', async () => {
    const briefing = await load('briefing.yaml');
    const model = modelOf(briefing);
    const layout = layoutOf(model);
    const deck: Deck = {
      model,
      layout,
      frame: frameOf(model, layout),
      palette: PALETTES.light,
      metrics: new FontMetrics('Arial'),
      font: 'Arial',
      monoFont: 'Courier New',
      pictures: new Map(),
    };
    const use = legendUse(actorGraph(briefing.actors));
    for (let width = 700; width <= 1300; width += 2) {
      const area = { x: 100, y: 100, w: width, h: 400 };
      const { x, w } = drawLegend(new SlidePart(deck, 'layout.xml', 1), area, use).bounds;
      expect(x, `${width}`).toBeGreaterThanOrEqual(area.x - 0.5);
      expect(x + w, `${width}`).toBeLessThanOrEqual(area.x + area.w + 0.5);
    }
  });

  // Found by a review: a marking that fits the deck's banner (the format's rule) is wider in Arial, and
  // at 4:3 wrapped out of the PowerPoint's band.
  it('sets a long marking smaller in its band, on one line, where Arial is wider than the deck’s font', async () => {
    const marking =
      'TOP SECRET//SI-G/TK//ORCON/NOFORN//REL TO USA, AUS, CAN, GBR, NZL//FISA AND SOME MORE CAVEATS//X';
    const sizeIn = async (classification: string, aspect: '16:9' | '4:3') => {
      const { files } = await pptx(modelOf({ ...(await load('briefing.yaml')), classification }, { aspect }));
      const master = files['ppt/slideMasters/slideMaster1.xml'] as string;
      const band = /name="Classification banner \(top\)"[\s\S]*?<\/p:sp>/.exec(master)?.[0] ?? '';
      return Number(/<a:rPr [^>]*sz="(\d+)"/.exec(band)?.[1]) / 75;
    };
    expect(await sizeIn('UNCLASSIFIED', '4:3')).toBe(14);
    const size = await sizeIn(marking, '4:3');
    expect(size).toBeLessThan(14);
    const metrics = new FontMetrics('Arial');
    const width = metrics.width(marking, size, true) + 0.12 * size * (marking.length - 1);
    expect(width).toBeLessThanOrEqual(1024 - 2 * 52);
  });

  it('sets a heading that would wrap out of its box smaller, on one line, so it cannot grow up under the banner', async () => {
    const model = withLongHeading(modelOf(await load('briefing.yaml'), { aspect: '4:3' }));
    const { files } = await pptx(model);
    const index = model.slides.findIndex((slide) => slide.kind === 'bluf');
    const title = (name: string) =>
      /<p:sp><p:nvSpPr><p:cNvPr id="\d+" name="Title"\/>[\s\S]*?<\/p:sp>/.exec(files[name] as string)?.[0] ??
      '';
    const sizes = (xml: string) => [...xml.matchAll(/<a:rPr [^>]*sz="(\d+)"/g)].map((m) => Number(m[1]) / 75);
    const long = title(`ppt/slides/slide${index + 1}.xml`);
    expect(squash(texts(long).join(' '))).toBe(squash(`${LONG_HEADING} (1/2)`));
    // The heading box of a 4:3 slide is 1024 − 2 × 52 px wide and one 34 px line high (× 1.15): set so that
    // the heading takes one line by Arial's metrics, it is no taller than its box.
    const [size = 0] = sizes(long);
    expect(size).toBeLessThan(34);
    expect(size).toBeGreaterThan(34 * 0.6);
    const metrics = new FontMetrics('Arial');
    const width = metrics.width(LONG_HEADING, size, true) + metrics.width(' (1/2)', size * 0.72);
    expect(width).toBeLessThanOrEqual(1024 - 2 * 52);
    expect(long).toContain('anchor="b"');
    // Headings that fit keep the deck's size.
    const other = title(`ppt/slides/slide${index + 2}.xml`);
    expect(sizes(other)[0]).toBe(34);
  });

  it("lays out the title slide's meta as the deck's wrapping row: a long contact on a row of its own, no word broken", async () => {
    const metrics = new FontMetrics('Arial');
    for (const aspect of ['16:9', '4:3'] as const) {
      const { files } = await pptx(withTrialMeta(modelOf(await load('briefing.yaml'), { aspect })));
      const xml = files['ppt/slides/slide1.xml'] as string;
      const [date, asOf, version, author, contact, source] = [
        'Date',
        'As of',
        'Version',
        'Prepared by',
        'Contact',
        'Summary of',
      ].map((name) => namedShape(xml, name)) as [
        ReturnType<typeof namedShape>,
        ...ReturnType<typeof namedShape>[],
      ];
      expect(contact?.text).toBe(TRIAL_CONTACT);
      // The contact starts a row of its own, alone on it, on one line (the row is wide enough).
      expect(contact?.x).toBeCloseTo(date.x, 1);
      expect(contact?.y).toBeGreaterThan(Math.max(date.y, asOf?.y ?? 0, version?.y ?? 0, author?.y ?? 0));
      expect(metrics.width(TRIAL_CONTACT, 18)).toBeLessThanOrEqual(contact?.w ?? 0);
      expect(author?.y).toBeLessThan(contact?.y ?? 0);
      expect(source?.y).toBeGreaterThan(contact?.y ?? 0);
      // Date, as of and version share the first row, each as wide as its words (no word broken).
      expect([asOf?.y, version?.y]).toEqual([date.y, date.y]);
      for (const field of [date, asOf, version, author, contact]) {
        for (const word of field?.text.split(/\s+/) ?? [])
          expect(metrics.width(word, 18), `${aspect}: ${word}`).toBeLessThanOrEqual(field?.w ?? 0);
        expect((field?.x ?? 0) + (field?.w ?? 0)).toBeLessThanOrEqual(
          (source?.x ?? 0) + (source?.w ?? 0) + 0.5,
        );
      }
    }
  });

  it("draws the dark theme on a 4:3 slide, the master's background dark", async () => {
    const model = modelOf(await load('briefing.yaml'), { theme: { builtIn: 'dark' }, aspect: '4:3' });
    const { files } = await pptx(model);
    expect(files['ppt/presentation.xml']).toContain('<p:sldSz cx="9753600" cy="7315200"/>');
    expect(files['ppt/slideMasters/slideMaster1.xml']).toMatch(
      /<p:bg><p:bgPr><a:solidFill><a:srgbClr val="0F1722"\/>/,
    );
    expect(files['ppt/slideMasters/slideMaster1.xml']).toContain('bg1="dk1" tx1="lt1"');
  });
});

/** A small PNG, `width` × `height`, one colour. */
function png(width: number, height: number): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const out = Buffer.alloc(12 + data.length);
    out.writeUInt32BE(data.length, 0);
    body.copy(out, 4);
    out.writeUInt32BE(crc32(body) >>> 0, 8 + data.length);
    return out;
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 2, 0, 0, 0], 8);
  const row = Buffer.concat([Buffer.from([0]), Buffer.alloc(width * 3, 0x40)]);
  const pixels = deflateSync(Buffer.concat(Array.from({ length: height }, () => row)));
  return Buffer.concat([
    Buffer.from('89504e470d0a1a0a', 'hex'),
    chunk('IHDR', header),
    chunk('IDAT', pixels),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

describe('renderPptx: the logo', () => {
  it('puts a PNG logo in the footer of the master and on the title slide, in proportion; an SVG one as a PNG with the SVG beside it', async () => {
    const dir = tempDir('logo-');
    writeFileSync(path.join(dir, 'logo.png'), png(40, 20));
    const yaml = readFileSync(path.join(FIXTURES, 'minimal.yaml'), 'utf8');
    writeFileSync(path.join(dir, 'b.yaml'), `${yaml}deck:\n  logo: logo.png\n`);
    const { files } = await pptx(modelOf(await readBriefing(path.join(dir, 'b.yaml'), dir)));
    expect(Object.keys(files)).toContain('ppt/media/logo.png');
    expect(files['[Content_Types].xml']).toContain('<Default Extension="png" ContentType="image/png"/>');
    expect(files['ppt/slideMasters/_rels/slideMaster1.xml.rels']).toContain('Target="../media/logo.png"');
    // 18 px high in the footer, twice as wide.
    expect(files['ppt/slideMasters/slideMaster1.xml']).toMatch(/<p:pic>.*<a:ext cx="342900" cy="171450"\/>/);
    expect(files['ppt/slides/slide1.xml']).toContain('<p:pic>');
    const sample = modelOf(await load('briefing.yaml'));
    const svg = (await pptx(sample)).files;
    expect(Object.keys(svg).filter((name) => name.startsWith('ppt/media/logo'))).toEqual([
      'ppt/media/logo.png',
      'ppt/media/logo.svg',
    ]);
    // The SVG as the deck has it (checked when the briefing was read); the PNG fits 144 × 520 px, the title slide's size twice.
    expect(svg['ppt/media/logo.svg']).toBe(
      Buffer.from(
        (sample.logo?.dataUri ?? '').replace(/^data:image\/svg\+xml;base64,/, ''),
        'base64',
      ).toString(),
    );
    const rels = svg['ppt/slideMasters/_rels/slideMaster1.xml.rels'] as string;
    const id = (target: string) => new RegExp(`Id="(rId\\d+)"[^>]*Target="${target}"`).exec(rels)?.[1];
    expect(svg['ppt/slideMasters/slideMaster1.xml']).toContain(
      `<a:blip r:embed="${id('../media/logo.png')}"><a:extLst><a:ext uri="{96DAC541-7B7A-43D3-8B79-37D633B846F1}"><asvg:svgBlip xmlns:asvg="http://schemas.microsoft.com/office/drawing/2016/SVG/main" r:embed="${id('../media/logo.svg')}"/>`,
    );
    expect(svg['ppt/slides/slide1.xml']).toContain('name="Logo"');
  });
});

describe('readHtml', () => {
  it('reads runs, lists and links from sanitised HTML; only http, https and mailto links survive', () => {
    const [p, ...items] = readHtml(
      '<p><strong>bold</strong> <em>it</em> &amp; <a href="https://example.com/a b">web</a> <a href="javascript:alert(1)">js</a>' +
        ' <a class="cite" href="#/sources">[2]</a></p>\n<ol start="3">\n<li>one</li>\n<li><p>two</p><p>more</p></li>\n</ol>',
    );
    expect(p?.runs).toEqual([
      { text: 'bold', bold: true },
      { text: ' ' },
      { text: 'it', italic: true },
      { text: ' & ' },
      { text: 'web', link: { kind: 'url', url: 'https://example.com/a%20b' } },
      { text: ' js ' },
      { text: '[2]', sup: true, link: { kind: 'sources' } },
    ]);
    expect(items).toEqual([
      { runs: [{ text: 'one' }], level: 0, list: { type: 'number', start: 3 } },
      { runs: [{ text: 'two' }], level: 0, list: { type: 'number', start: 4 } },
      { runs: [{ text: 'more' }], level: 0, continued: true },
    ]);
  });
});

/** The words of a PDF with their boxes (`pdftotext -bbox`), if poppler's pdftotext is installed. */
function pdftotextBbox(file: string): string | undefined {
  try {
    return execFileSync('pdftotext', ['-bbox', file, '-'], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  } catch {
    return undefined;
  }
}

describe.skipIf(!soffice)('renderPptx: opened in LibreOffice', () => {
  const decks = ['sample', 'hostile', 'dark', 'long', 'trial'] as const;
  const models = {} as Record<(typeof decks)[number], DeckModel>;
  const pdfs = {} as Record<(typeof decks)[number], Awaited<ReturnType<typeof readPdf>>>;
  const dir = tempDir('pptx-');

  beforeAll(async () => {
    const sample = await load('briefing.yaml');
    models.sample = modelOf(sample);
    models.hostile = modelOf(await load(path.join(FIXTURES, 'hostile.yaml')));
    models.dark = modelOf(sample, { theme: { builtIn: 'dark' }, aspect: '4:3' });
    models.long = modelOf(await load(path.join(FIXTURES, 'long.yaml')));
    models.trial = withTrialMeta(withLongHeading(modelOf(sample, { aspect: '4:3' })));
    for (const name of decks) writeFileSync(path.join(dir, `${name}.pptx`), await renderPptx(models[name]));
    // Slides, then a notes page per slide: the notes are read back too.
    const filter = 'pdf:impress_pdf_Export:{"ExportNotesPages":{"type":"boolean","value":"true"}}';
    await convertDecks(dir, decks, filter);
    for (const name of decks) pdfs[name] = await readPdf(path.join(dir, `${name}.pdf`));
  }, 120_000);

  it('shows one page per slide, each with its words, then the notes', () => {
    for (const name of decks) {
      const { slides } = models[name];
      expect(pdfs[name].pages).toHaveLength(2 * slides.length);
      slides.forEach((slide, i) => {
        const page = squash(pdfs[name].pages[i] as string);
        for (const words of expectedText(slide))
          expect(page, `${name} slide ${i + 1}`).toContain(squash(words));
        if (slide.notesHtml) {
          const notes = squash(pdfs[name].pages[slides.length + i] as string);
          expect(notes).toContain(
            squash(paragraphText(readHtml(slide.notesHtml)[0] ?? { runs: [], level: 0 })),
          );
        }
      });
    }
  });

  it("breaks no word of the title slide's contact", () => {
    const words = (pdfs.trial.pages[0] as string).split(/\s+/);
    for (const word of TRIAL_CONTACT.split(' ')) expect(words).toContain(word);
  });

  it('shows the banners and the number from the master on every slide', () => {
    pdfs.sample.pages.slice(0, models.sample.slides.length).forEach((page, i) => {
      expect(squash(page).match(/UNCLASSIFIED/g)).toHaveLength(2);
      // The title, "As of …" and the number, as the deck's footer has them.
      const { title, asOf } = models.sample;
      expect(squash(page)).toContain(squash(`${title} ${asOf ? `As of ${asOf} ` : ''}${i + 1}`));
    });
  });

  it('links citations to the sources slide and sources to their URL', () => {
    const { pages, links } = pdfs.sample;
    const sources = models.sample.slides.length;
    expect(links[1]).toContain(`page ${sources}`);
    expect(pages).toHaveLength(2 * sources);
    expect(pdfs.hostile.links.flat().every((link) => /^(page \d+|https?:|mailto:)/.test(link))).toBe(true);
  });

  it('sets no word over another, nor below the footer rule (nothing overflows)', () => {
    for (const name of ['sample', 'long', 'dark', 'trial'] as const) {
      const bbox = pdftotextBbox(path.join(dir, `${name}.pdf`));
      if (bbox === undefined) continue;
      const { title, asOf, classification = '', slides } = models[name];
      const footer = new Set(`${title} ${asOf ? `As of ${asOf}` : ''}`.split(/\s+/));
      bbox
        .split('<page ')
        .slice(1, slides.length + 1)
        .forEach((page, i) => {
          const height = Number(/height="([\d.]+)"/.exec(page)?.[1]);
          // The footer rule is 34 + 26 px above the bottom of the slide (720 or 768 px high).
          const footTop = height - (60 * height) / (models[name].aspect === '4:3' ? 768 : 720);
          const words = [
            ...page.matchAll(/xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</g),
          ]
            .map(([, x0, y0, x1, y1, word]) => ({
              x0: Number(x0),
              y0: Number(y0),
              x1: Number(x1),
              y1: Number(y1),
              word: word as string,
            }))
            // (The BLUF's zero-width spaces are words of no width.)
            .filter((w) => w.word.replace(/[\u200b\s]/g, '') !== '');
          for (const [k, a] of words.entries()) {
            const where = `${name} slide ${i + 1}: ${a.word}`;
            if (a.y0 >= footTop - 1) {
              expect(
                /^\d+$/.test(a.word) || footer.has(a.word) || classification.includes(a.word),
                where,
              ).toBe(true);
            }
            // Text that overflows its box runs into the text under it: no two words' boxes may cross
            // (taken a fifth less high, as lines set tighter than the font's box touch).
            const inset = (w: typeof a) => (w.y1 - w.y0) * 0.1;
            for (const b of words.slice(k + 1)) {
              const crossX = Math.min(a.x1, b.x1) - Math.max(a.x0, b.x0) > 0.5;
              const crossY =
                Math.min(a.y1 - inset(a), b.y1 - inset(b)) - Math.max(a.y0 + inset(a), b.y0 + inset(b)) > 0.5;
              expect(crossX && crossY, `${where} crosses ${b.word}`).toBe(false);
            }
          }
        });
    }
  });
});

describe('renderPptx: French typography', () => {
  // A review: the runs collapsed every \s, so the no-break spaces before ; : ! ? and inside « » were lost.
  it('keeps the no-break spaces of the HTML in the runs, and collapses other white space', () => {
    expect(plain('<p>Agir «\u202Fvite\u202F»\u00A0: maintenant\u202F!\n  Oui.</p>')).toBe(
      'Agir «\u202Fvite\u202F»\u00A0: maintenant\u202F! Oui.',
    );
  });
});
