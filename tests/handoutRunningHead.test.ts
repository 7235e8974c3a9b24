/**
 * The handout's running footer (src/outputs/handout/_runningHead.ts), printed by a real Chromium and
 * read back with pdf.js: the organisation beside the marking.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserSession } from '../src/browser/session.js';
import { footerBoxes, markingBoxes } from '../src/outputs/handout/_runningHead.js';
import { build, FIXTURES, newSession, tempDir } from './_helpers.js';

const ORGANIZATION = 'Ministry of the Interior and Kingdom Relations';

describe('the footer’s boxes', () => {
  it('are as handout.css sets them for an organisation that fits, or a marking too long for its box', () => {
    expect(footerBoxes('Regional Analysis Unit', 'UNCLASSIFIED')).toBeUndefined();
    expect(footerBoxes(undefined, 'UNCLASSIFIED')).toBeUndefined();
    const long = '(U) CONFIDENTIAL // RELEASABLE TO PARTNERS';
    expect(markingBoxes(long)).toBeDefined();
    expect(footerBoxes(ORGANIZATION, long)).toBeUndefined();
  });

  it('give a longer organisation the room a short marking leaves, never less than the marking needs', () => {
    const boxes = footerBoxes(ORGANIZATION, 'TLP:AMBER+STRICT');
    expect(boxes?.side).toBeGreaterThan(0.3);
    expect(boxes?.centre).toBeGreaterThan(0.25);
    // Without a marking, up to half the width.
    expect(footerBoxes(`${ORGANIZATION} and of ${ORGANIZATION}`, undefined)?.side).toBeCloseTo(0.5, 1);
  });
});

describe('the running footer', () => {
  let session: BrowserSession;
  beforeAll(() => {
    session = newSession();
  });
  afterAll(() => session.close());

  // Found by a trial: every page's footer cut the organisation to "Ministry of the Interior and
  // Kingdom…", in a box of 30% of the width beside a marking's box of 40% that held a short marking.
  it('shows a long organisation whole beside a short marking, the marking still centred', async () => {
    const file = path.join(tempDir('handout-footer-'), 'brief.yaml');
    const minimal = readFileSync(path.join(FIXTURES, 'minimal.yaml'), 'utf8');
    writeFileSync(file, `${minimal}classification: "TLP:AMBER+STRICT"\norganization: ${ORGANIZATION}\n`);
    const result = await build(file, { pdf: false, handout: 'a4', session });
    const { getDocument } = await import('pdfjs-dist/legacy/build/pdf.mjs');
    const doc = await getDocument({
      data: new Uint8Array(readFileSync(result.handout as string)),
      verbosity: 0,
    }).promise;
    const page = await doc.getPage(1);
    const width = page.view[2] as number;
    const footer = (await page.getTextContent()).items
      .flatMap((item) =>
        'str' in item && item.str.trim() !== '' && (item.transform[5] as number) < 60
          ? [{ text: item.str, x: item.transform[4] as number, width: item.width }]
          : [],
      )
      .sort((a, b) => a.x - b.x);
    await doc.destroy();
    const organization = footer.find((item) => item.text.startsWith('Ministry'));
    const marking = footer.find((item) => item.text === 'TLP:AMBER+STRICT');
    expect(organization?.text).toBe(ORGANIZATION);
    expect(marking).toBeDefined();
    if (!organization || !marking) return;
    expect(Math.abs(marking.x + marking.width / 2 - width / 2)).toBeLessThan(2);
    expect(organization.x + organization.width).toBeLessThan(marking.x);
  }, 60_000);
});
