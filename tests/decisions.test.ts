/**
 * When, who and how to handle, and the decisions required, as the reader
 * sees them: on the title slide, in every footer, on a slide right after
 * the bottom line, a passed deadline marked and said in the terminal.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildBriefing, deadlineWarnings, readBriefing } from '../src/build.js';
import { buildContent } from '../src/content/index.js';
import { formatProblem, formatWarning } from '../src/errors.js';
import { deckModelOf, FIXTURES, ROOT, tempDir } from './_helpers.js';

const fixture = path.join(FIXTURES, 'decisions.yaml');

describe('decisions required', () => {
  it('come on a slide right after the bottom line, each with who, by when and on what', async () => {
    const briefing = await readBriefing(fixture, ROOT);
    const model = deckModelOf(briefing);
    const kinds = model.slides.map((slide) => slide.kind);
    // After the bottom line, or the title slide in a briefing without one (as this one).
    expect(kinds.indexOf('decisions')).toBe(kinds.includes('bluf') ? kinds.lastIndexOf('bluf') + 1 : 1);
    const sample = deckModelOf(await readBriefing('briefing.yaml', ROOT)).slides.map((slide) => slide.kind);
    expect(sample.indexOf('decisions')).toBe(sample.lastIndexOf('bluf') + 1);
    const shown = model.slides.flatMap((slide) => (slide.kind === 'decisions' ? slide.decisions : []));
    expect(shown).toHaveLength(briefing.decisions.length);
    // The deadline in the long form as_of has, in the zone it was written in.
    expect(shown[0]?.meta).toMatch(/Deadline: 30 June 2015, 12:00 UTC \(passed\)/);
    expect(shown[0]?.meta).toMatch(/On recommendations 1, 2/);
    // Who is to decide, not who has: "Decided by" read as a decision already made (a trial).
    expect(shown.every((decision) => !/Decided by/.test(decision.meta))).toBe(true);
    expect(shown.some((decision) => /^To be decided by \S/.test(decision.meta))).toBe(true);
  });

  it('mark a deadline passed at as_of, and only then', async () => {
    const briefing = await readBriefing(fixture, ROOT);
    const passed = buildContent(briefing).decisions.map((d) => [d.deadline, d.passed]);
    // as_of is 30 June 18:00 +02:00: 12:00Z that day and 29 June have passed; 30 June (the whole day) and words have not.
    expect(passed).toEqual([
      ['30 June 2015, 12:00 UTC', true],
      ['30 June 2015', false],
      ['29 June 2015', true],
      ['Before the vote', false],
    ]);
    const warnings = deadlineWarnings(briefing).map(formatProblem);
    expect(warnings).toHaveLength(2);
    expect(warnings[0]).toMatch(
      /decisions\.yaml:17:\d+: decisions\[0\]\.deadline: the deadline 2015-06-30T12:00Z had passed/,
    );
  });

  // A trial: "03/12/2025" was taken as words, shown beside dates in the long form, and never passed.
  it('warn of a deadline written as a date with slashes or dots, which is taken as words', async () => {
    const briefing = await readBriefing(fixture, ROOT);
    const deadlines = [
      '03/12/2025',
      'By 3/12/25, noon',
      'By 12.03.2025.',
      '12-03-2025',
      '۱۲/۰۳/۲۰۲۵',
      'Before the vote',
      'Section 4.1.12',
      'release v1.2.2025',
      '2025-3-12 or so',
    ];
    const decisions = deadlines.map((text) => ({
      ...(briefing.decisions[3] as (typeof briefing.decisions)[number]),
      deadline: { kind: 'text' as const, text },
    }));
    const warnings = deadlineWarnings({ ...briefing, decisions }).map(formatProblem);
    expect(warnings).toEqual(
      [0, 1, 2, 3, 4].map((i) =>
        expect.stringMatching(
          new RegExp(
            `decisions\\[${i}\\]\\.deadline: "${deadlines[i]}" is taken as words, not as a date, so it is never marked as passed; write the date as YYYY-MM-DD`,
          ),
        ),
      ),
    );
  });

  it('put as_of on the title slide and in every footer, version, contact and handling on the title slide', async () => {
    const warnings: string[] = [];
    const result = await buildBriefing({
      file: fixture,
      cwd: ROOT,
      outDir: tempDir('decisions-'),
      pdf: false,
      strict: false,
      timeoutMs: 30_000,
      onWarning: (warning) => warnings.push(formatWarning(warning)),
    });
    expect(warnings.filter((w) => w.includes('had passed'))).toHaveLength(2);
    const briefing = result.briefing;
    const title = result.model.slides[0];
    expect(title?.kind === 'title' && title.asOf).toBe('30 June 2015, 18:00 UTC+02:00');
    expect(title?.kind === 'title' && title.version).toBe(briefing.version);
    expect(title?.kind === 'title' && title.handling).toBe(briefing.handling?.text);
    expect(result.model.asOf).toBe('30 June 2015, 18:00 UTC+02:00');
  });
});
