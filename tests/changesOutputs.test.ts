/**
 * `--since`: the marks and the "Changes since …" section in every output.
 * The scenario (the sample and its edited copy: one risk more
 * likely with a reason, one new actor, one recommendation dropped) through
 * a real build with the handout printed in Chromium, the mail body, a pair
 * without changes, a moved judgment without a reason (a warning; an error
 * under --strict), `git:REV` in a temporary repository, the matrix's arrows
 * in both aspects, and a changed baseline that an incremental build must
 * not skip.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserSession } from '../src/browser/session.js';
import { compareBriefings } from '../src/changes/index.js';
import { buildContent } from '../src/content/index.js';
import type { Content } from '../src/content/types.js';
import { BriefingError } from '../src/errors.js';
import type { Impact, Likelihood } from '../src/format/briefing.js';
import { readBriefing } from '../src/format/read.js';
import { mailContent, mailText } from '../src/outputs/mail/message.js';
import { renderPptx } from '../src/outputs/pptx/index.js';
import { buildDeckModel } from '../src/slides/index.js';
import { type MatrixMove, matrixMoves } from '../src/slides/visuals/_matrixChanges.js';
import { renderRiskMatrix } from '../src/slides/visuals/riskMatrix.js';
import { layOutRiskMatrix, type MatrixMarker } from '../src/slides/visuals/riskMatrixLayout.js';
import { build, FIXTURES, newSession, ROOT, readPdf, runCli, tempDir } from './_helpers.js';

const EDITED = 'tests/fixtures/changes/sample-edited.yaml';
const SAMPLE = readFileSync(path.join(ROOT, 'briefing.yaml'), 'utf8').replace('  logo: brand/logo.svg\n', '');

/** The visible words of some HTML, spaces collapsed. */
const words = (html: string) =>
  html
    .replace(/<aside class="notes">[\s\S]*?<\/aside>/g, '')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&[a-z]+;|&#\d+;/g, ' ')
    .replace(/\u00AD/g, '')
    .replace(/\s+/g, ' ')
    .trim();
const slideHtml = (html: string, id: string) =>
  new RegExp(`<section id="${id}"[\\s\\S]*?</section>\\n(?=<section|</div>)`).exec(html)?.[0] ?? '';

describe('the sample and its edited copy', () => {
  let session: BrowserSession;
  let result: Awaited<ReturnType<typeof build>>;
  let html: string;
  beforeAll(async () => {
    session = newSession();
    result = await build(EDITED, { since: 'briefing.yaml', pdf: false, handout: 'a4', session });
    html = readFileSync(result.html, 'utf8');
  }, 120_000);
  afterAll(() => session.close());

  it('adds the changes slide right after the bottom line and the decisions, saying exactly what changed', () => {
    const ids = [...html.matchAll(/<section id="([a-z-]+\d*)" class="bd-slide/g)].map((m) => m[1]);
    expect(ids.slice(0, 5)).toEqual(['title', 'bluf', 'decisions', 'changes', 'situation']);
    expect(words(slideHtml(html, 'changes'))).toBe(
      'UNCLASSIFIED Changes since version 1.0 (30 June 2015, 16:00 UTC) ' +
        'Judgments changed IS reprisal attacks : likely → very likely ▲ Why: IS claimed two attacks near Qubba since 30 June. ' +
        'New actors Tunisian volunteers ' +
        'Removed recommendations Create an environment in which civil society organisations can flourish. ' +
        `ISIS in Libya: the fall of IS in Derna As of 3 July 2015, 09:00 UTC 4 / ${ids.length} UNCLASSIFIED`,
    );
  });

  it('marks the new actor NEW and the risk UPDATED (in the matrix key and on its card), nothing else', () => {
    const marks = [
      ...html.matchAll(/<span class="bd-change bd-change-(\w+)" title="([^"]*)">(\w+)<\/span>/g),
    ];
    expect(marks.map((m) => [m[1], m[3]])).toEqual([
      ['new', 'NEW'],
      ['updated', 'UPDATED'],
      ['updated', 'UPDATED'],
    ]);
    expect(slideHtml(html, 'risks')).toContain(
      'IS reprisal attacks<wbr><span class="bd-change bd-change-updated"',
    );
    expect(marks[1]?.[2]).toBe('Updated since version 1.0 (30 June 2015, 16:00 UTC): likelihood');
    expect(html).toContain(
      '<p class="bd-moved"><span class="bd-moved-up">likely\u00A0→ very\u00A0likely\u00A0▲</span>',
    );
    expect(html).toContain('assets/changes.css');
    // The new actor's node on the actor map carries the mark too, and nothing else there does.
    const map = slideHtml(html, 'actor-map');
    expect(map.match(/class="bd-am-change bd-am-change-new"/g)).toHaveLength(1);
    expect(map).toMatch(/Tunisian volunteers[\s\S]*?>NEW<\/text>/);
  });

  it('puts the same marks, the moved judgment with its reason and the arrow on the matrix in the PowerPoint deck', async () => {
    const files = unzipSync(await renderPptx(result.model));
    const text = Object.entries(files)
      .filter(([name]) => /^ppt\/slides\/slide\d+\.xml$/.test(name))
      .map(([, data]) => [...strFromU8(data).matchAll(/<a:t>([^<]*)<\/a:t>/g)].map((m) => m[1]).join(''))
      .join('\n');
    expect(text).toContain('Tunisian volunteers\u2002NEW');
    expect(text).toContain('IS reprisal attacks\u2002UPDATED');
    expect(text).toContain('likely → very likely ▲Why: IS claimed two attacks near Qubba since 30 June.');
    // The new actor's card, its node on the actor map (a second trial: the map had no mark), the risk.
    expect(text.match(/NEW|UPDATED/g)).toEqual(['NEW', 'NEW', 'UPDATED', 'UPDATED']);
    // The matrix's old marker and arrow, as the deck's SVG draws them.
    const xml = Object.values(files)
      .map((data) => strFromU8(data))
      .join('');
    expect(xml).toContain('name="Tunisian volunteers: NEW"');
    expect(xml).toContain('name="Risk 1 before"');
    expect(xml).toMatch(/name="Risk 1 moved"[\s\S]*?<a:tailEnd type="triangle"/);
    expect(xml).not.toContain('name="Risk 2 moved"');
  });

  it('draws the risk’s old cell and an arrow on the matrix', () => {
    const moves = [...html.matchAll(/<g class="bd-rm-move" data-risk="(\d+)">/g)].map((m) => m[1]);
    expect(moves).toEqual(['1']);
  });

  it('puts the same section in a box on the handout’s first page, and the marks in its body', async () => {
    const pdf = await readPdf(result.handout as string);
    const first = (pdf.pages[0] ?? '').replace(/\s+/g, ' ');
    expect(first).toContain('Changes since version 1.0 (30 June 2015, 16:00 UTC)');
    expect(first).toContain('likely → very likely ▲');
    expect(first).toContain('Why: IS claimed two attacks near Qubba since 30 June.');
    expect(first).toMatch(/New actors\s*Tunisian volunteers/i);
    expect(first).toMatch(/Removed recommendations\s*Create an environment in which civil society/i);
    const all = pdf.pages.join(' ').replace(/\s+/g, ' ');
    // The box's group headings are set in capitals ("NEW ACTORS"): the marks are the other NEWs, the
    // new actor's in its row and on the actor map.
    expect(all.match(/\bNEW\b(?! ACTORS)/g)).toHaveLength(2);
    // The risk: on its page, and in the matrix's key on the first.
    expect(all.match(/\bUPDATED\b/g)).toHaveLength(2);
    expect(first).toMatch(/IS reprisal attacks\s*UPDATED/);
    expect(all).toContain('NEW Tunisian volunteers');
  });

  it('says the same in the mail body, as the first lines after the bottom line and the decisions', () => {
    const text = mailText(mailContent(result.briefing, result.changes), []);
    const after = text.slice(text.indexOf('Changes since')).split('\n\n')[0] ?? '';
    expect(after.split('\n')).toEqual([
      'Changes since version 1.0 (30 June 2015, 16:00 UTC):',
      'Judgments changed:',
      '- IS reprisal attacks: likely → very likely ▲ (why: IS claimed two attacks near Qubba since 30 June.)',
      'New actors:',
      '- Tunisian volunteers',
      'Removed recommendations:',
      '- Create an environment in which civil society organisations can flourish.',
    ]);
    // As in the deck: the bottom line, the decisions required, then the changes.
    const lines = text.split('\n');
    const decisions = lines.indexOf('Decisions required:');
    expect(decisions).toBe(
      lines.slice(lines.indexOf('Bottom line:')).indexOf('') + lines.indexOf('Bottom line:') + 1,
    );
    expect(lines.slice(decisions).indexOf('') + decisions + 1).toBe(
      lines.indexOf('Changes since version 1.0 (30 June 2015, 16:00 UTC):'),
    );
  });
});

/** The plain-text part of a message nodemailer wrote (quoted-printable or base64), decoded. */
function textPart(eml: string): string {
  const part =
    /Content-Type: text\/plain[^\r\n]*\r\nContent-Transfer-Encoding: ([\w-]+)\r\n\r\n([\s\S]*?)\r\n--/.exec(
      eml,
    );
  const [, encoding = '', body = ''] = part ?? [];
  if (encoding === 'base64') return Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8');
  const bytes = body.replace(/=\r\n/g, '').replace(/=([0-9A-F]{2})/g, (_m, hex: string) => `%${hex}`);
  return decodeURIComponent(bytes.replace(/%(?![0-9A-F]{2})/g, '%25'));
}

describe('the command line', () => {
  it('mail --since: the mail draft says what changed after the bottom line', async () => {
    const out = tempDir('since-mail-');
    const run = await runCli(ROOT, [
      'mail',
      EDITED,
      '--since',
      'briefing.yaml',
      '--to',
      'desk@example.org',
      '-o',
      out,
      '-q',
    ]);
    expect(run.code).toBe(0);
    const eml = readFileSync(path.join(out, 'sample-edited.eml'), 'utf8');
    const body = textPart(eml);
    expect(body).toContain('Changes since version 1.0 (30 June 2015, 16:00 UTC):');
    expect(body).toContain('- Tunisian volunteers');
  }, 60_000);

  it('a previous version that does not exist is wrong usage (exit 2), not an invalid briefing', async () => {
    const out = tempDir('since-missing-');
    const run = await runCli(ROOT, ['build', '--no-pdf', '--since', 'nothere.yaml', '-o', out, '-q']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('error: the previous version nothere.yaml does not exist');
    expect(existsSync(path.join(out, 'briefing.html'))).toBe(false);
    const folder = await runCli(ROOT, ['build', '--no-pdf', '--since', 'tests', '-o', out, '-q']);
    expect([folder.code, folder.stderr]).toEqual([2, expect.stringContaining('tests is a folder')]);
    const diff = await runCli(ROOT, ['diff', 'nothere.yaml', 'briefing.yaml']);
    expect([diff.code, diff.stderr]).toEqual([2, expect.stringContaining('nothere.yaml does not exist')]);
  });

  it('the API checks since as the command line does', async () => {
    const { build: buildMany } = await import('../src/batch.js');
    await expect(
      buildMany({ inputs: 'briefing.yaml', cwd: ROOT, since: 5 as unknown as string }),
    ).rejects.toThrow(/since takes a non-empty string, got 5/);
    await expect(buildMany({ inputs: 'briefing.yaml', cwd: ROOT, since: 'git:' })).rejects.toThrow(
      /since git: needs a revision/,
    );
  });

  it('--since with a file and many briefings is a usage error', async () => {
    const run = await runCli(ROOT, [
      'build',
      'briefing.yaml',
      EDITED,
      '--since',
      'briefing.yaml',
      '--no-pdf',
    ]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/is one briefing's, and 2 briefings are built/);
  });
});

describe('pairs', () => {
  it('a mark after a long unbroken title wraps with it: everything new in the hostile fixture fits (--strict)', async () => {
    // Every actor and risk of the hostile fixture is new against the sample; its titles are long tokens
    // without spaces. The mark after a risk's title once sat beside the text, 8px past the card.
    const result = await build(path.join(FIXTURES, 'hostile.yaml'), {
      since: 'briefing.yaml',
      pdf: false,
      strict: true,
    });
    expect(result.overflows).toEqual([]);
    expect(readFileSync(result.html, 'utf8')).toContain('<span class="bd-risk-title">');
  }, 60_000);

  it('no changes: no slide, no marks, no stylesheet beyond the marks’ own', async () => {
    const result = await build('briefing.yaml', { since: 'briefing.yaml', pdf: false });
    const html = readFileSync(result.html, 'utf8');
    expect(html).not.toContain('id="changes"');
    expect(html).not.toContain('bd-change ');
    expect(html).not.toContain('bd-rm-move');
    expect(result.changes?.changed).toBe(false);
  });

  it('a judgment that moved down without a change_note: a warning, and an error under --strict', async () => {
    const dir = tempDir('since-');
    writeFileSync(path.join(dir, 'old.yaml'), SAMPLE);
    writeFileSync(
      path.join(dir, 'new.yaml'),
      SAMPLE.replace('likelihood: 70%', 'likelihood: unlikely').replace(
        'confidence: moderate',
        'confidence: high',
      ),
    );
    const options = { cwd: dir, since: 'old.yaml', pdf: false, outDir: 'out' };
    const warned = await build('new.yaml', options);
    expect(warned.warnings.join('\n')).toMatch(
      /new\.yaml:\d+:\d+: risks\[0\]: likely → unlikely ▼, confidence moderate → high ▲, without a change_note/,
    );
    const html = readFileSync(warned.html, 'utf8');
    expect(words(slideHtml(html, 'changes'))).toContain(
      'IS reprisal attacks : likely → unlikely ▼; confidence moderate → high ▲ (no reason given)',
    );
    expect(html).toContain('<span class="bd-moved-down">likely\u00A0→ unlikely\u00A0▼</span>');
    const error = await build('new.yaml', { ...options, strict: true }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BriefingError);
    expect((error as BriefingError).problems[0]?.path).toBe('risks[0]');
  });

  it('a previous file with problems is reported naming it', async () => {
    const error = await build(EDITED, {
      since: 'tests/fixtures/changes/invalid.yaml',
      pdf: false,
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BriefingError);
    expect((error as BriefingError).problems[0]?.file).toContain('invalid.yaml');
  });

  it('sets a removed point as a new one is, bold kept, without the citations of the version it came from', async () => {
    const previous = await readBriefing('briefing.yaml', ROOT);
    const dir = tempDir('since-removed-');
    const first = SAMPLE.split('\n').find((line) =>
      line.includes('IS was **expelled from Derna**'),
    ) as string;
    writeFileSync(path.join(dir, 'b.yaml'), SAMPLE.replace(`${first}\n`, ''));
    const current = await readBriefing('b.yaml', dir);
    const content = buildContent(current, undefined, undefined, compareBriefings(previous, current));
    const group = content.changes?.groups.find((g) => g.title === 'Removed from the bottom line');
    expect(group?.lines[0]?.html).toContain('<strong>expelled from Derna</strong>');
    expect(group?.lines[0]?.html).not.toMatch(/\[@|<a /);
    expect(group?.lines[0]?.text).toMatch(/a rival Islamist militia\.$/);
  });

  // A review: the judgments' lines gave a risk's title as written, its slide with the language's quotes.
  it("gives a moved risk's title with the language's quotes, as its slide does", async () => {
    const dir = tempDir('since-quotes-');
    const quoted = SAMPLE.replace('title: IS reprisal attacks', 'title: "IS\'s reprisal attacks"');
    writeFileSync(path.join(dir, 'a.yaml'), quoted);
    writeFileSync(
      path.join(dir, 'b.yaml'),
      quoted.replace(
        /(title: "IS's reprisal attacks"\n\s+likelihood:) 70%/,
        '$1 90%\n    change_note: More attacks.',
      ),
    );
    const [previous, current] = [await readBriefing('a.yaml', dir), await readBriefing('b.yaml', dir)];
    const content = buildContent(current, undefined, undefined, compareBriefings(previous, current));
    const line = content.changes?.groups.find((g) => g.title === 'Judgments changed')?.lines[0];
    expect(line?.html).toMatch(/^<strong>IS’s reprisal attacks<\/strong>: likely/);
    expect(line?.text).toMatch(/^IS’s reprisal attacks: likely/);
    expect(content.risks[0]?.title).toBe('IS’s reprisal attacks');
  });

  // A trial: diff said a recommendation's timeframe had changed (the mutual aid had come); the
  // changes slide and the mail said nothing of it.
  it('lists the recommendations and decisions updated, with what changed in them', async () => {
    const content = await sampleEdited(
      SAMPLE.replace('timeframe: First step', 'timeframe: Done on 2 July').replace(
        'deadline: Before a local administration is set up',
        'deadline: 2015-07-10',
      ),
    );
    expect(groupTexts(content)).toEqual({
      'Updated recommendations': [
        'Create a state-sanctioned force to protect Derna from threats such as IS (changed: timeframe)',
      ],
      'Updated decisions': [expect.stringMatching(/^Which authority to ask .* \(changed: deadline\)$/)],
    });
  });

  it('added, removed and renamed items are marked; removed ones listed', async () => {
    const content = await sampleEdited(
      SAMPLE.replace('- title: IS reprisal attacks', '- title: IS reprisal attacks on Derna').replace(
        '- title: Extremists regain ground under DMSC watch',
        '- title: A wholly different danger altogether',
      ),
    );
    expect(content.risks.map((risk) => risk.change?.label)).toEqual(['UPDATED', undefined, 'NEW']);
    expect(content.risks[0]?.change?.fields).toEqual(['title']);
    expect(groupTexts(content)).toEqual({
      'New risks': ['A wholly different danger altogether'],
      'Removed risks': ['Extremists regain ground under DMSC watch'],
    });
  });
});

/** The content of the sample edited into `edited`, marked against the sample as it is. */
async function sampleEdited(edited: string): Promise<Content> {
  const dir = tempDir('since-');
  writeFileSync(path.join(dir, 'b.yaml'), edited);
  const [previous, current] = [await readBriefing('briefing.yaml', ROOT), await readBriefing('b.yaml', dir)];
  return buildContent(current, undefined, undefined, compareBriefings(previous, current));
}

/** The "Changes since" section's lines as text, by group. */
function groupTexts(content: Content): Record<string, string[]> {
  return Object.fromEntries(
    content.changes?.groups.map((group) => [group.title, group.lines.map((line) => line.text)]) ?? [],
  );
}

describe('every kind of item, in the slide model and the PowerPoint deck', () => {
  it('marks an edited bottom line, key fact, event, decision and recommendation, with no soft hyphen in the PowerPoint text', async () => {
    const previous = await readBriefing('briefing.yaml', ROOT);
    const dir = tempDir('since-kinds-');
    const edits: [string, string][] = [
      ['in one day of fighting from 9 June', 'in one day of fighting from 9 June 2015'],
      ['IS fired on unarmed protesters', 'IS fired on unarmed protesters in Derna'],
      ['imposes repressive practices', 'imposes harsh practices'],
      ['the internationally recognised government in Tobruk', 'the recognised government in Tobruk'],
      ['to protect Derna from threats such as IS.', 'to protect Derna from threats such as IS and others.'],
    ];
    let text = SAMPLE;
    for (const [from, to] of edits) {
      expect(text).toContain(from);
      text = text.replace(from, to);
    }
    writeFileSync(path.join(dir, 'b.yaml'), text);
    const current = await readBriefing('b.yaml', dir);
    const model = buildDeckModel(
      buildContent(current, undefined, undefined, compareBriefings(previous, current)),
      current.deck,
    );
    const labels = (kind: string, items: (slide: never) => { change?: { label: string } }[]) =>
      model.slides
        .filter((slide) => slide.kind === kind)
        .flatMap((slide) => items(slide as never).map((item) => item.change?.label ?? '-'));
    expect(labels('bluf', (slide: { items: [] }) => slide.items)).toEqual(['UPDATED', '-', '-', '-', '-']);
    expect(labels('situation', (slide: { points: [] }) => slide.points)[1]).toBe('UPDATED');
    expect(labels('timeline', (slide: { events: [] }) => slide.events)[0]).toBe('UPDATED');
    expect(labels('decisions', (slide: { decisions: [] }) => slide.decisions)[0]).toBe('UPDATED');
    expect(labels('recommendations', (slide: { recommendations: [] }) => slide.recommendations)[0]).toBe(
      'UPDATED',
    );

    const files = unzipSync(await renderPptx(model));
    const slideText = (kind: string) =>
      model.slides
        .map((slide, index) => ({
          slide,
          xml: strFromU8(files[`ppt/slides/slide${index + 1}.xml`] ?? new Uint8Array()),
        }))
        .filter(({ slide }) => slide.kind === kind)
        .map(({ xml }) => [...xml.matchAll(/<a:t>([^<]*)<\/a:t>/g)].map((m) => m[1]).join(''))
        .join('');
    for (const kind of ['bluf', 'situation', 'timeline', 'decisions', 'recommendations'])
      expect(slideText(kind), kind).toMatch(/UPDATED\u2002\S/);
    const all = Object.entries(files)
      .filter(([name]) => name.startsWith('ppt/slides/'))
      .map(([, data]) => strFromU8(data))
      .join('');
    expect(all).not.toContain('\u00ad');
  });
});

describe('the risk key and register', () => {
  it('mark each new risk, in the deck and the PowerPoint deck', async () => {
    const previous = await readBriefing('briefing.yaml', ROOT);
    const current = await readBriefing(path.join(FIXTURES, 'many-risks.yaml'), ROOT);
    const model = buildDeckModel(
      buildContent(current, undefined, undefined, compareBriefings(previous, current)),
      current.deck,
    );
    const key = model.slides.flatMap((slide) => (slide.kind === 'risk-matrix' ? slide.key : []));
    const rows = model.slides.flatMap((slide) => (slide.kind === 'risk-register' ? slide.rows : []));
    expect(key.length + rows.length).toBe(current.risks.length);
    expect([...key, ...rows].every((entry) => entry.change?.label === 'NEW')).toBe(true);
    const files = unzipSync(await renderPptx(model));
    const marked = model.slides.flatMap((slide, index) =>
      slide.kind === 'risk-matrix' || slide.kind === 'risk-register'
        ? [
            ...strFromU8(files[`ppt/slides/slide${index + 1}.xml`] ?? new Uint8Array()).matchAll(
              /<a:t>NEW<\/a:t>/g,
            ),
          ]
        : [],
    );
    expect(marked.length).toBe(current.risks.length);
  });
});

describe('a long list of changes', () => {
  let session: BrowserSession;
  beforeAll(() => {
    session = newSession();
  });
  afterAll(() => session.close());

  it.each(['16:9', '4:3'] as const)(
    'is continued over slides that Chromium measures as fitting (%s)',
    async (aspect) => {
      // Every risk, actor, event and recommendation of one is new against the other's.
      const result = await build('tests/fixtures/long.yaml', {
        since: 'briefing.yaml',
        pdf: false,
        strict: true,
        deck: { aspect },
        session,
      });
      expect(result.overflows).toEqual([]);
      const slides = result.model.slides.filter((slide) => slide.kind === 'changes');
      expect(slides.length).toBeGreaterThan(3);
      const lines = slides.flatMap((slide) =>
        slide.kind === 'changes' ? slide.groups.flatMap((group) => group.lines) : [],
      );
      const listed = result.changes ? result.changes.actors.removed.length : 0;
      expect(listed).toBe(7);
      expect(lines.length).toBeGreaterThan(listed);
      expect(slides[1]?.kind === 'changes' && slides[1].groups[0]?.continued).toBe(true);
    },
    120_000,
  );
});

describe('the matrix arrows', () => {
  it.each(['16:9', '4:3'] as const)('run from the old cell towards the new one (%s)', async (aspect) => {
    const previous = await readBriefing('briefing.yaml', ROOT);
    const current = await readBriefing(EDITED, ROOT);
    const model = buildDeckModel(
      buildContent(current, undefined, undefined, compareBriefings(previous, current)),
      { ...current.deck, aspect },
    );
    const matrix = model.slides.find((slide) => slide.kind === 'risk-matrix');
    const svg = matrix && 'svgHtml' in matrix ? matrix.svgHtml : '';
    const cell = (likelihood: string) => {
      const m = new RegExp(
        `data-likelihood="${likelihood}" data-impact="high" x="([\\d.]+)" y="([\\d.]+)" width="(\\d+)" height="(\\d+)"`,
      ).exec(svg);
      const [x, y, w, h] = (m ?? []).slice(1).map(Number) as [number, number, number, number];
      return { x, y, w, h, cx: x + w / 2, cy: y + h / 2 };
    };
    const was = /<circle class="bd-rm-was" cx="([\d.]+)" cy="([\d.]+)"/.exec(svg);
    const line = /<line class="bd-rm-arrow" x1="([\d.]+)" y1="([\d.]+)" x2="([\d.]+)" y2="([\d.]+)"/.exec(
      svg,
    );
    const head = /<polygon class="bd-rm-arrow-head" points="([\d.]+),([\d.]+)/.exec(svg);
    const from = cell('likely');
    const to = cell('very likely');
    const inside = (point: { x: number; y: number }, box: typeof from) =>
      point.x > box.x && point.x < box.x + box.w && point.y > box.y && point.y < box.y + box.h;
    // Risk 2 sits in the middle of the old cell now: the old marker is in its upper corner, clear of it.
    const old = { x: Number(was?.[1]), y: Number(was?.[2]) };
    expect(inside(old, from)).toBe(true);
    expect(Math.hypot(old.x - from.cx, old.y - from.cy)).toBeGreaterThan(14 + 0.75 * 14);
    expect(old.y).toBeLessThan(from.cy);
    // The arrow leaves the old cell upwards; its tip is in the new cell, short of the marker in its middle.
    const [x1, y1, , y2] = (line ?? []).slice(1).map(Number) as [number, number, number, number];
    expect(inside({ x: x1, y: y1 }, from)).toBe(true);
    expect(y2).toBeLessThan(y1);
    const tip = { x: Number(head?.[1]), y: Number(head?.[2]) };
    expect(inside(tip, to)).toBe(true);
    expect(tip.y).toBeGreaterThan(to.cy);
    // Short of the marker's edge by 2 units: the marker alone in its cell, as the matrix drew it.
    const r = Number(/data-risk="1">.*?<circle class="bd-rm-marker" [^>]*r="([\d.]+)"/.exec(svg)?.[1]);
    expect(Math.hypot(tip.x - to.cx, tip.y - to.cy)).toBeCloseTo(r + 2, 0);
    // The arrow is drawn under the markers.
    expect(svg.indexOf('bd-rm-changes')).toBeLessThan(svg.indexOf('<g class="bd-rm-risks">'));
  });
});

describe('git:REV and incremental builds', () => {
  it('marks against the file at a revision; a briefing new since then has no changes', async () => {
    const dir = tempDir('since-git-');
    const git = (...args: string[]) => execFileSync('git', args, { cwd: dir, stdio: 'pipe' });
    git('init', '--quiet', '--initial-branch=main');
    git('config', 'user.name', 'Briefdeck Test');
    git('config', 'user.email', 'test@example.org');
    git('config', 'commit.gpgsign', 'false');
    mkdirSync(path.join(dir, 'b'));
    writeFileSync(path.join(dir, 'b', 'one.yaml'), SAMPLE);
    git('add', '.');
    git('commit', '--quiet', '-m', 'v1');
    writeFileSync(
      path.join(dir, 'b', 'one.yaml'),
      readFileSync(path.join(FIXTURES, 'changes', 'sample-edited.yaml')),
    );
    writeFileSync(path.join(dir, 'b', 'two.yaml'), SAMPLE);
    const { build: buildMany } = await import('../src/batch.js');
    const warnings: string[] = [];
    const report = await buildMany({
      inputs: 'b',
      cwd: dir,
      since: 'git:HEAD',
      pdf: false,
      onWarning: (_file, message) => warnings.push(message),
    });
    expect(report.exitCode).toBe(0);
    const one = readFileSync(path.join(dir, 'dist', 'one.html'), 'utf8');
    const two = readFileSync(path.join(dir, 'dist', 'two.html'), 'utf8');
    expect(one).toContain('id="changes"');
    expect(one).toContain('Changes since version 1.0');
    expect(two).not.toContain('id="changes"');
    expect(two).not.toContain('bd-change');
    expect(warnings.join('\n')).toMatch(/two\.yaml is not at HEAD.*no changes to show/);
  });

  it('a changed baseline builds again', async () => {
    const dir = tempDir('since-inc-');
    writeFileSync(path.join(dir, 'old.yaml'), SAMPLE);
    writeFileSync(
      path.join(dir, 'new.yaml'),
      readFileSync(path.join(FIXTURES, 'changes', 'sample-edited.yaml')),
    );
    const options = { cwd: dir, since: 'old.yaml', pdf: false, outDir: 'out', incremental: true };
    expect((await build('new.yaml', options)).unchanged).toBeUndefined();
    expect((await build('new.yaml', options)).unchanged).toBe(true);
    writeFileSync(path.join(dir, 'old.yaml'), SAMPLE.replace('version: "1.0"', 'version: "0.9"'));
    const again = await build('new.yaml', options);
    expect(again.unchanged).toBeUndefined();
    expect(readFileSync(again.html, 'utf8')).toContain('Changes since version 0.9');
  });
});

describe('a long list of changes in the handout', () => {
  let session: BrowserSession;
  beforeAll(() => {
    session = newSession();
  });
  afterAll(() => session.close());

  it('keeps the bottom line, the decisions and the matrix on the first page, the list after them', async () => {
    const result = await build('tests/fixtures/changes/sample-many-changes.yaml', {
      since: 'briefing.yaml',
      pdf: false,
      handout: 'a4',
      session,
    });
    const pages = (await readPdf(result.handout as string)).pages.map((page) => page.replace(/\s+/g, ' '));
    const [first, second] = pages as [string, string];
    // The matrix's key (an unchanged risk), its axis, and the last decision are on the first page.
    expect(first).toContain('Extremists regain ground under DMSC watch');
    expect(first).toContain('Almost certain');
    expect(first).toContain('Whether to raise the alert level for aid staff');
    // The box is not: its first group heading comes on the second page, after the matrix.
    expect(first).not.toMatch(/Judgments changed/i);
    expect(second).toMatch(/Changes since version 1\.0 \(30 June 2015, 16:00 UTC\) Judgments changed/i);
    // The body follows the list on that page, not on a third, leaving the second nearly empty.
    expect(second).toMatch(/\bSituation\b/);
    expect(second.indexOf('Situation')).toBeGreaterThan(second.indexOf('Judgments changed'));
  }, 60_000);
});

describe('moves on the risk matrix', () => {
  const at = (likelihood: Likelihood, impact: Impact) => ({ likelihood, impact });
  type MatrixCell = { likelihood: Likelihood; impact: Impact };
  const risk = (number: number, now: MatrixCell, from?: MatrixCell) => ({
    number,
    title: `Risk ${number}`,
    ...now,
    ...(from ? { from } : {}),
  });

  it('sets the old markers of risks that left one cell side by side, each arrow ending at its own marker', () => {
    const layout = layOutRiskMatrix([
      risk(1, at('very likely', 'high'), at('likely', 'high')),
      risk(2, at('likely', 'moderate'), at('likely', 'high')),
      risk(3, at('unlikely', 'high')),
    ]);
    const moves = matrixMoves(layout);
    expect(moves.map((move) => move.number)).toEqual([1, 2]);
    const [one, two] = moves as [MatrixMove, MatrixMove];
    // Apart, and each where its arrow does not cross the other's: 2 went left, so its old marker is on the left.
    expect(Math.hypot(one.was.x - two.was.x, one.was.y - two.was.y)).toBeGreaterThanOrEqual(
      one.was.r + two.was.r,
    );
    expect(two.was.x).toBeLessThan(one.was.x);
    for (const move of moves) {
      const marker = layout.markers.find((m) => m.risk.number === move.number) as MatrixMarker;
      const tip = move.arrow?.tip ?? { x: Number.NaN, y: Number.NaN };
      expect(Math.hypot(tip.x - marker.x, tip.y - marker.y)).toBeCloseTo(marker.r + 2, 5);
    }
  });

  it('draws no arrow where the old marker and the new nearly touch (the handout’s low cells)', () => {
    // One cell up in the print variant: the markers are a few units apart, too close for an arrow.
    const moved = [risk(1, at('almost certain', 'very high'), at('very likely', 'very high'))];
    const [move] = matrixMoves(layOutRiskMatrix(moved, 'print')) as [MatrixMove];
    expect(move.arrow).toBeUndefined();
    const svg = renderRiskMatrix(moved, { variant: 'print' });
    expect(svg).toContain('class="bd-rm-was"');
    expect(svg).not.toContain('NaN');
    expect(svg).not.toContain('bd-rm-arrow');
    // On the slide, the same move has room for its arrow.
    expect(matrixMoves(layOutRiskMatrix(moved))[0]?.arrow).toBeDefined();
  });

  it('points at the risk’s own marker in a crowded cell, not at the cell’s middle', async () => {
    const crowd = [2, 3, 4, 5].map((number) => risk(number, at('likely', 'low')));
    const layout = layOutRiskMatrix([risk(1, at('likely', 'low'), at('almost no chance', 'low')), ...crowd]);
    const [move] = matrixMoves(layout) as [MatrixMove];
    const marker = layout.markers.find((m) => m.risk.number === 1) as MatrixMarker;
    const tip = move.arrow?.tip ?? { x: Number.NaN, y: Number.NaN };
    expect(Math.hypot(tip.x - marker.x, tip.y - marker.y)).toBeCloseTo(marker.r + 2, 5);
  });
});
