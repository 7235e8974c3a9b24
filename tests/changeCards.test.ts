/**
 * Risk cards with change marks (`--since`): a user's four risks fit one
 * 16:9 slide of cards; with their moved judgments they need two, and the
 * first is filled before the second (it was one wide card, then three), set
 * in the columns the cards have without `--since`. A moved judgment's line
 * breaks between judgments, never between a judgment's name and its values.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { compareBriefings } from '../src/changes/index.js';
import { buildContent, type ChangeMark } from '../src/content/index.js';
import { readBriefing } from '../src/format/read.js';
import { textWidth } from '../src/format/textMetrics.js';
import { MOVED_BOTTOM, MOVED_TOP, movedHeight } from '../src/slides/_marks.js';
import { buildDeckModel, type RisksSlide } from '../src/slides/index.js';
import { linesHeight } from '../src/slides/paginate.js';
import { ROOT, tempDir } from './_helpers.js';

const SAMPLE = readFileSync(path.join(ROOT, 'briefing.yaml'), 'utf8').replace('  logo: brand/logo.svg\n', '');

/** The four risks of a user's briefing, with the likelihood and impact of two as given. */
const risks = (cholera: string, looting: string, note: string) => `risks:
  - title: Cholera spreads to accommodation centres
    likelihood: ${cholera}
    impact: very high
${note}    confidence: high
    detail: |
      Twelve centres have no safe water and latrines are flooded. The 2019
      outbreak after Cyclone Idai followed the same path.
    indicators:
      - Cases reported inside a centre
      - Oral rehydration stocks below one week
  - title: A second storm before repairs finish
    likelihood: roughly even chance
    impact: high
    confidence: low
    detail: The season runs until April; forecasts beyond ten days are unreliable.
    indicators:
      - A depression forming in the Mozambique Channel
  - title: Looting spreads to relief convoys
    ${looting}
    confidence: moderate
    detail: So far only private warehouses have been hit.
    indicators:
      - A convoy stopped or diverted
      - Reports of weapons at distribution points
  - title: Fuel shortage grounds the airlift
    likelihood: unlikely
    impact: high
    confidence: moderate
    detail: Jet fuel at Beira covers nine days at the present rate of flights.
`;

/** The sample with those risks in place of its own: the previous version and the current one. */
async function versions() {
  const [before, after] = SAMPLE.split(/^risks:\n[\s\S]*?(?=^recommendations:)/m);
  const dir = tempDir('since-cards-');
  const write = (name: string, text: string) => writeFileSync(path.join(dir, name), before + text + after);
  write('v1.yaml', risks('very likely', 'likelihood: 35%\n    impact: moderate', ''));
  write(
    'v2.yaml',
    risks(
      'almost certain',
      'likelihood: likely\n    impact: high',
      '    change_note: Cases confirmed in **three centres** since 14 March.\n',
    ),
  );
  return { previous: await readBriefing('v1.yaml', dir), current: await readBriefing('v2.yaml', dir) };
}

const cardSlides = (slides: readonly { kind: string }[]) =>
  slides.filter((slide): slide is RisksSlide => slide.kind === 'risks');
const numbers = (slide: RisksSlide) => slide.columns.map((column) => column.map((card) => card.number));

describe('risk cards with change marks', () => {
  it('fills the first slide of cards before the next, in the columns the cards have without --since', async () => {
    const { previous, current } = await versions();
    const plain = cardSlides(buildDeckModel(buildContent(current), current.deck).slides);
    expect(plain.map(numbers)).toEqual([
      [
        [1, 2],
        [3, 4],
      ],
    ]);
    const changes = compareBriefings(previous, current);
    const content = buildContent(current, undefined, undefined, changes);
    expect(content.risks.map((risk) => risk.change?.judgments.length ?? 0)).toEqual([1, 0, 2, 0]);
    const marked = cardSlides(buildDeckModel(content, current.deck).slides);
    // Taller by their moved judgments, the four no longer fit one slide: two side by side on each,
    // as wide as without --since (it was the first card alone across the slide, then three).
    expect(marked.map(numbers)).toEqual([
      [[1], [2]],
      [[3], [4]],
    ]);
    const counts = marked.map((slide) => slide.risks.length);
    counts.slice(1).forEach((count, i) => {
      expect(count).toBeLessThanOrEqual(counts[i] ?? 0);
    });
  });

  it('keeps a moved judgment’s name with its values, breaking only between judgments or after an arrow', async () => {
    const { previous, current } = await versions();
    const content = buildContent(current, undefined, undefined, compareBriefings(previous, current));
    const looting = content.risks[2]?.change as ChangeMark;
    expect(looting.judgments.map((judgment) => judgment.text)).toEqual([
      'unlikely → likely ▲',
      'impact moderate → high ▲',
    ]);
    expect(looting.judgments.map((judgment) => judgment.html)).toEqual([
      'unlikely\u00A0→ likely\u00A0▲',
      'impact\u00A0moderate\u00A0→ high\u00A0▲',
    ]);
    // Measured as the stylesheet sets them: a judgment that does not fit after the one before
    // goes onto the next line whole (not "unlikely → likely ▲ impact" over "moderate → high ▲").
    const style = { size: 20, lineHeight: 1.3 };
    const lines = (width: number) =>
      Math.round((movedHeight(looting, width, style) - MOVED_TOP - MOVED_BOTTOM) / linesHeight(1, style));
    const [first = 0, second = 0] = looting.judgments.map(
      (judgment) => textWidth(judgment.text, 20, 600) + 20,
    );
    expect(lines(first + second)).toBe(1);
    expect(lines(Math.max(first, second))).toBe(2);
    // Narrower than the second: it breaks after its arrow, "impact moderate →" over "high ▲".
    expect(lines(second - 10)).toBe(3);
  });
});
