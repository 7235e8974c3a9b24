/**
 * The handout's page plan (src/outputs/handout/print.ts), printed by a real Chromium and read back, on
 * briefings made from the sample for what each shows: the first page holds the overview (the README's
 * promise), no page is left nearly empty where the plan can help it, and the final print breaks its
 * pages where the measuring print found them.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import type { BrowserSession } from '../src/browser/session.js';
import { readBriefing } from '../src/build.js';
import { buildContent } from '../src/content/index.js';
import {
  buildHandoutModel,
  buildHandoutPage,
  END_ID,
  planFrom,
  renderHandout,
} from '../src/outputs/handout/index.js';
import { build, deckModelOf, FIXTURES, newSession, ROOT, readPdf, tempDir } from './_helpers.js';

let session: BrowserSession;
beforeAll(() => {
  session = newSession();
});
afterAll(() => session.close());

type Doc = Record<string, unknown> & { deck: Record<string, unknown> };

/** The sample briefing, changed by `edit`, written to a new folder (without its logo, a file beside it). */
function variant(edit: (doc: Doc) => void, name = 'briefing.yaml'): string {
  const doc = parse(readFileSync(path.join(ROOT, 'briefing.yaml'), 'utf8')) as Doc;
  delete doc.deck.logo;
  edit(doc);
  const file = path.join(tempDir('handout-pages-'), name);
  writeFileSync(file, stringify(doc));
  return file;
}

/** Seven risks whose titles take two lines in the matrix's key, and three decisions, as a trial had them. */
function crowdedOverview(doc: Doc): void {
  const risk = (title: string, likelihood: string, impact: string) => ({
    title,
    likelihood,
    impact,
    confidence: 'moderate',
    detail: 'The report gives this as a possibility, not as a forecast [@derna-report].',
    indicators: ['A sign that it is coming'],
  });
  doc.risks = [
    risk('Publication of the records of citizens’ payments', 'very likely', 'very high'),
    risk('Further data access at installations not yet examined', 'very likely', 'high'),
    risk('Delay of the tax assessment letters of this year', 'roughly even chance', 'moderate'),
    risk('Phishing of citizens using stolen payment data', 'likely', 'moderate'),
    risk('Misuse of the stolen signing key by the criminal group', 'roughly even chance', 'very high'),
    risk('Loss of public trust in the municipal digital services', 'roughly even chance', 'moderate'),
    risk('A municipality pays the ransom in secret, funding the group', 'unlikely', 'high'),
  ];
  doc.decisions = [
    ...(doc.decisions as unknown[]),
    {
      id: 'mediators',
      decision: 'Whether to back the **UN mediators’ proposal** of a Government of National Accord',
      by: 'Minister of Foreign Affairs',
      deadline: 'Before the next round of talks',
      recommendations: [2],
    },
    {
      id: 'aid',
      decision: 'Whether to fund the **return of displaced families** from Tobruk to Derna',
      by: 'Director-General for Development',
      deadline: 'Before the city is declared secure',
      recommendations: [3],
    },
  ];
}

/** Three more decisions: with them, the matrix cannot be on the first page, however it is set. */
function moreDecisions(doc: Doc): void {
  const decisions = doc.decisions as Record<string, unknown>[];
  for (const n of [1, 2, 3])
    decisions.push({
      id: `further-${n}`,
      decision: `Whether to take **further step ${n}** now, before the situation in Derna is clear, or wait`,
      by: 'Minister of Foreign Affairs',
      deadline: 'Before the next round of talks',
      recommendations: [1, 2],
    });
}

/**
 * The crowded briefing (with more decisions when `overfull`) and a later version of it: a risk moved,
 * `added` actors and a recommendation new.
 */
function versions({ overfull = false, added = 1 } = {}): { previous: string; file: string } {
  const base = (doc: Doc) => {
    crowdedOverview(doc);
    if (overfull) moreDecisions(doc);
  };
  const previous = variant((doc) => {
    base(doc);
    doc.version = '1.0';
  }, 'previous.yaml');
  const file = variant((doc) => {
    base(doc);
    doc.version = '1.1';
    const risks = doc.risks as Record<string, unknown>[];
    Object.assign(risks[4] ?? {}, { likelihood: 'likely', change_note: 'The key was offered for sale.' });
    for (const n of Array.from({ length: added }, (_, i) => i + 1))
      (doc.actors as unknown[]).push({
        name: `Foreign volunteers, group ${n}`,
        kind: 'foreign fighters',
        stance: 'hostile',
        role: 'Fighters who joined IS in Derna last year; some left with it for the Green Mountains.',
      });
    (doc.recommendations as unknown[]).push({
      action: 'Ask the **UN mediators** to put Derna on the agenda of the next round of talks.',
      owner: 'Ministry of Foreign Affairs',
      priority: 'medium',
      timeframe: 'Next round',
    });
  });
  return { previous, file };
}

/** Each page's text, its white space made single spaces. */
async function pagesOf(pdf: string): Promise<string[]> {
  return (await readPdf(pdf)).pages.map((page) => page.replace(/\s+/g, ' '));
}

describe('the first page of the handout', () => {
  // Found by a trial: beside the matrix, the key of seven risks (each title on two lines and its
  // ratings under it) was taller than the room left on the first page, even set compactly; the
  // overview went to page 2, alone on it, and the body began on page 3.
  it.each(['a4', 'letter'] as const)(
    'holds the matrix and its key when the key of many long titles is too tall for it (%s)',
    async (paper) => {
      const file = variant(crowdedOverview);
      const result = await build(file, { pdf: false, handout: paper, session });
      const [first = '', second = ''] = await pagesOf(result.handout as string);
      expect(first).toContain('Risk assessment');
      expect(first).toContain('Almost certain');
      for (const risk of result.briefing.risks) expect(first).toContain(risk.title);
      // The ratings are the matrix's cells (and the risk's own entry): the key leaves them out.
      expect(first).not.toMatch(/very likely · very high impact/);
      expect(second).toContain('Situation');
      expect(second).not.toContain('Risk assessment');
    },
    120_000,
  );
});

describe('the first page of a handout marked against a previous version (--since)', () => {
  // Found by a trial: a long list of changes before the matrix, both on page 2, the body on page 3.
  it.each(['a4', 'letter'] as const)(
    'puts the list after the matrix when it leaves the matrix no room, the body after it (%s)',
    async (paper) => {
      const { previous, file } = versions();
      const result = await build(file, { since: previous, pdf: false, handout: paper, session });
      const pages = await pagesOf(result.handout as string);
      const all = pages.join(' ');
      const matrix = pages.findIndex((page) => page.includes('Almost certain'));
      const list = pages.findIndex((page) => /Judgments changed/i.test(page));
      expect(matrix).toBe(0);
      expect(list).toBe(1);
      expect(all.search(/Judgments changed/i)).toBeGreaterThan(all.indexOf('Almost certain'));
      expect(pages[1]).toContain('Situation');
    },
    120_000,
  );
});

describe('a first page that cannot hold the matrix', () => {
  it('leaves no page to the matrix alone: it begins the second page, the body after it (long.yaml)', async () => {
    const result = await build(path.join(FIXTURES, 'long.yaml'), { pdf: false, handout: 'a4', session });
    const [first = '', second = ''] = await pagesOf(result.handout as string);
    expect(first).not.toContain('Almost certain');
    expect(second).toContain('Almost certain');
    expect(second).toContain('Situation');
  }, 120_000);

  it.each([
    ['short enough for the first page stays there', 1],
    ['too long for it follows the matrix', 12],
  ] as const)(
    'the matrix begins the second page, the body after it; a list of changes %s',
    async (_, added) => {
      const { previous, file } = versions({ overfull: true, added });
      const result = await build(file, { since: previous, pdf: false, handout: 'letter', session });
      const pages = await pagesOf(result.handout as string);
      const list = pages.findIndex((page) => /Judgments changed/i.test(page));
      expect(pages[0]).not.toContain('Almost certain');
      expect(pages[1]).toContain('Almost certain');
      expect(list).toBe(added === 1 ? 0 : 1);
      const second = pages[1] ?? '';
      if (list === 1)
        expect(second.search(/Judgments changed/i)).toBeGreaterThan(second.indexOf('Almost certain'));
      expect(second).toContain('Situation');
    },
    120_000,
  );
});

describe('the locator map', () => {
  // Found by a trial on US Letter: the map, too tall for the room the timeline left on its page, went
  // alone to the next ("Timeline (continued)", 60% blank), and the page before it was half empty.
  it('is drawn shorter to fit the room the timeline leaves it, not moved alone to the next page', async () => {
    const file = variant((doc) => {
      const extra = Array.from({ length: 9 }, (_, i) => ({ date: `Day ${i + 1}`, event: 'Shops reopen.' }));
      doc.timeline = [...(doc.timeline as unknown[]), ...extra];
    });
    const result = await build(file, { pdf: false, handout: 'letter', session });
    const pages = await pagesOf(result.handout as string);
    const map = pages.findIndex((page) => page.includes('Figure 1.'));
    expect(map).toBeGreaterThan(0);
    expect(pages[map]).toContain('Day 9 Shops reopen.');
    expect(pages).toHaveLength(6);
  }, 120_000);
});

describe('the final print', () => {
  // Found with long.yaml on US Letter: the key facts, cut by a planned break, ended their box with its
  // bottom padding at the foot of the page, where the measuring print (in which the box went on) had
  // none; the last fact no longer fit and went alone onto a page of its own, without a heading.
  it('ends a box of key facts that runs onto the next page at its last fact, as the measuring print did', async () => {
    const file = path.join(ROOT, 'briefing.yaml');
    const built = await build(file, { pdf: false, session });
    const briefing = await readBriefing(file, ROOT);
    const model = buildHandoutModel(buildContent(briefing), deckModelOf(briefing));
    const plan = { pageStarts: new Set(['fact-4']), pages: new Map(), pageCount: 2, lastPageFill: 1 };
    const html = path.join(built.outDir, 'handout-cut.html');
    const page = buildHandoutPage(model, {
      paper: 'a4',
      version: 'test',
      layout: { bodyNewPage: true, tight: false, compact: false, plan },
    });
    writeFileSync(html, renderHandout(page));
    const below = await session.withPage(async (tab) => {
      await tab.emulateMediaType('print');
      await tab.goto(pathToFileURL(html).href, { waitUntil: 'load' });
      // Under each box's last fact: its bottom padding.
      return tab.evaluate(() =>
        [...document.querySelectorAll('.ho-points')].map((box) => {
          const last = box.querySelector('li:last-child')?.getBoundingClientRect().bottom ?? 0;
          return box.getBoundingClientRect().bottom - last;
        }),
      );
    });
    expect(below).toHaveLength(2);
    expect(below[0]).toBeCloseTo(0, 0);
    expect(below[1]).toBeGreaterThan(8);
  }, 60_000);
});

describe('the plan', () => {
  // The last page's fill was read from the page's top less its margin and the continued heading's room
  // (92 pt on US Letter), where a destination's height is already in the text area: a last page 30% full
  // read as 16%, under the 20% that makes it worth a tighter print.
  it('reads how full the last page is from the top of its text area', () => {
    const placed = new Map([
      ['handout-body', { page: 1, top: 0 }],
      [END_ID, { page: 3, top: 193 }],
    ]);
    const plan = planFrom(placed, [], { height: 643 });
    expect(plan.pageCount).toBe(4);
    expect(plan.lastPageFill).toBeCloseTo(0.3, 2);
  });
});
