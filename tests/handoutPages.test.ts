/**
 * The handout's page plan (src/outputs/handout/print.ts): the final print breaks its pages where the
 * measuring print found them, printed by a real Chromium and read back.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserSession } from '../src/browser/session.js';
import { readBriefing } from '../src/build.js';
import { buildContent } from '../src/content/index.js';
import { buildHandoutModel, buildHandoutPage, renderHandout } from '../src/outputs/handout/index.js';
import { build, deckModelOf, newSession, ROOT } from './_helpers.js';

let session: BrowserSession;
beforeAll(() => {
  session = newSession();
});
afterAll(() => session.close());

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
