import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { BriefingError, formatProblem, problemsAsJson } from '../src/errors.js';
import type { Decision } from '../src/format/briefing.js';
import { deadlinePassed, instantOf, readDeadline } from '../src/format/dateTimes.js';
import { editDistance, nearest } from '../src/format/didYouMean.js';
import { BRIEFING, likelihoodOfPercent } from '../src/format/format.js';
import { handlingLine, TLP_SHARING, tlpLabel } from '../src/format/handling.js';
import { loadBriefing, parseBriefing } from '../src/format/load.js';
import { BANNER_LINE } from '../src/format/marking.js';
import { validateBriefing } from '../src/format/validate.js';
import { LAYOUT } from '../src/slides/layout.js';
import { deckModelOf, ROOT, tempDir } from './_helpers.js';

const fixtures = path.join(import.meta.dirname, 'fixtures');

/** Validates YAML text; returns the formatted problems (empty when valid). */
async function problemsOf(yaml: string, dir = fixtures): Promise<string[]> {
  try {
    await validateBriefing(parseBriefing(Buffer.from(yaml), 'b.yaml', dir));
    return [];
  } catch (error) {
    if (error instanceof BriefingError) return error.problems.map(formatProblem);
    throw error;
  }
}

const REQUIRED = `title: T
situation:
  summary: S
actors:
  - name: A
    role: R
risks:
  - title: X
    likelihood: likely
    impact: high
recommendations:
  - action: Do
`;

describe('validateBriefing', () => {
  it('accepts a briefing with only the required keys and fills the defaults', async () => {
    const briefing = await validateBriefing(await loadBriefing(path.join(fixtures, 'minimal.yaml')));
    expect(briefing.title).toBe('Minimal briefing');
    expect(briefing.actors[0]?.stance).toBe('neutral');
    expect(briefing.bluf).toEqual([]);
    expect(briefing.deck).toEqual({ theme: { builtIn: 'light' }, aspect: '16:9' });
    expect(briefing.positions.get('risks[0].likelihood')).toEqual({ line: 10, col: 17 });
  });

  it('accepts the sample briefing', async () => {
    const briefing = await validateBriefing(
      await loadBriefing(path.join(import.meta.dirname, '..', 'briefing.yaml')),
    );
    expect(briefing.actors.length).toBeGreaterThan(3);
    expect(briefing.sources.length).toBeGreaterThan(0);
  });

  it('names an unknown key with its place and the nearest known key, and does not also call the key missing', async () => {
    expect(await problemsOf(REQUIRED.replace('recommendations:', 'recomendations:'))).toEqual([
      'b.yaml:11:1: recomendations: unknown key "recomendations"; did you mean "recommendations"?',
    ]);
  });

  it('says a required key is missing even when an unknown key stands in its place', async () => {
    // `xyzzy` is no typo of `title`: no guess, the keys listed, and `title` reported missing.
    expect(await problemsOf(REQUIRED.replace('title: T', 'xyzzy: 1'))).toEqual([
      `b.yaml:1:1: xyzzy: unknown key "xyzzy"; known keys: ${Object.keys(BRIEFING.keys).join(', ')}`,
      'b.yaml:1:1: title: is required but missing',
    ]);
    // A close typo still gets its guess, which says what is missing.
    expect(await problemsOf(REQUIRED.replace('title: T', 'titel: T'))).toEqual([
      'b.yaml:1:1: titel: unknown key "titel"; did you mean "title"?',
    ]);
  });

  it('suggests a name only when it is close to one of the file', async () => {
    const yaml = REQUIRED.replace(
      '    role: R\n',
      '    role: R\n    relations: [{ with: Zed, type: conflict }, { with: a, type: alliance }]\n',
    );
    expect(await problemsOf(yaml)).toEqual([
      'b.yaml:7:25: actors[0].relations[0].with: "Zed" is not an actor in this file; the actors are: A',
      'b.yaml:7:56: actors[0].relations[1].with: "a" is not an actor in this file; did you mean "A"?',
    ]);
  });

  // Found by a trial: "- **Stocks** : huit jours" (a French space before the colon) gave YAML's alias
  // jargon and 'after ""', with nothing about the stars.
  it('says that a text starting with Markdown bold reads as an alias in YAML', async () => {
    expect(await problemsOf(`${REQUIRED}bluf:\n  - **Stocks** : huit jours.\n`)).toEqual([
      'b.yaml:14:5: bluf[0]: the alias **Stocks** names no anchor; a "*" at the start of a text makes YAML read an alias, not Markdown bold or emphasis; put the whole text in quotes',
      'b.yaml:14:5: bluf[0]: must be text, but YAML read a mapping because of ": "; put the whole text in quotes',
    ]);
  });

  it('reports an empty list item instead of dropping it', async () => {
    expect(await problemsOf(`${REQUIRED}bluf:\n  -\n  - Fine.\n`)).toEqual([
      'b.yaml:14:4: bluf[0]: must not be empty',
    ]);
  });

  it('reports every problem of a file at once, in file order, each at its exact place', async () => {
    const problems = (await problemsOf(`${await readFixture('many-problems.yaml')}`)).map((line) =>
      line.replace(/^b\.yaml/, 'many-problems.yaml'),
    );
    expect(problems).toEqual([
      'many-problems.yaml:3:18: situation.summary: cites unknown source "[@nowhere]"; add it under "sources"',
      'many-problems.yaml:5:7: situation.points[0]: must be text, but YAML read a mapping because of ": " after "Note"; put the whole text in quotes',
      'many-problems.yaml:9:13: actors[0].stance: "hostle" is not a stance; use one of: hostile, mixed, neutral, friendly',
      'many-problems.yaml:11:17: actors[0].relations[0].with: "B" is not an actor in this file; the actors are: A',
      'many-problems.yaml:12:17: actors[0].relations[1].with: "Zed" is not an actor in this file; the actors are: A',
      'many-problems.yaml:12:28: actors[0].relations[1].type: "war" is not a relation type; use one of: conflict, alliance, support, rivalry',
      'many-problems.yaml:13:11: actors[1].name: duplicate actor name "A" (first used at actors[0].name)',
      'many-problems.yaml:17:17: risks[0].likelihood: "probable" is not a likelihood term; use one of: almost no chance, very unlikely, unlikely, roughly even chance, likely, very likely, almost certain (or a percentage such as 70%)',
      'many-problems.yaml:18:13: risks[0].impact: "huge" is not an impact level; use one of: very low, low, moderate, high, very high',
      'many-problems.yaml:19:17: risks[0].confidence: "total" is not a confidence level; use one of: low, moderate, high',
      'many-problems.yaml:20:12: risks[1].title: YAML reads true as a boolean; quote it ("true") if it is text',
      'many-problems.yaml:25:15: recommendations[0].priority: "urgent" is not a priority; use one of: high, medium, low',
      'many-problems.yaml:27:9: sources[0].id: "Not A Slug" is not a slug; use lowercase letters, digits and hyphens',
      'many-problems.yaml:29:10: sources[0].url: "javascript:alert(1)" is not an http(s) URL',
      'many-problems.yaml:31:11: deck.accent: "url(x)" is not a CSS colour; use #rgb, #rrggbb or a colour name such as navy',
      'many-problems.yaml:32:11: deck.aspect: "21:9" is not an aspect; use one of: 16:9, 4:3',
    ]);
  });

  it('reports missing required keys at the mapping that lacks them', async () => {
    expect(await problemsOf('title: T\n')).toEqual([
      'b.yaml:1:1: situation: is required but missing',
      'b.yaml:1:1: actors: is required but missing',
      'b.yaml:1:1: risks: is required but missing',
      'b.yaml:1:1: recommendations: is required but missing',
    ]);
    expect(await problemsOf(REQUIRED.replace('    role: R\n', ''))).toEqual([
      'b.yaml:5:5: actors[0].role: is required but missing',
    ]);
  });

  it('takes numbers in text fields as written, and rejects empty lists where one item is required', async () => {
    const briefing = await validateBriefing(
      parseBriefing(Buffer.from(REQUIRED.replace('title: T', 'title: 1984.50')), 'b.yaml', fixtures),
    );
    expect(briefing.title).toBe('1984.50');
    expect(
      await problemsOf(REQUIRED.replace(/actors:\n {2}- name: A\n {4}role: R\n/, 'actors: []\n')),
    ).toEqual(['b.yaml:4:9: actors: needs at least 1 item']);
  });

  it('maps percentages to ICD 203 terms, a boundary taking the higher term', () => {
    expect(likelihoodOfPercent(0)).toBe('almost no chance');
    expect(likelihoodOfPercent(5)).toBe('very unlikely');
    expect(likelihoodOfPercent(50)).toBe('roughly even chance');
    expect(likelihoodOfPercent(55)).toBe('likely');
    expect(likelihoodOfPercent(70)).toBe('likely');
    expect(likelihoodOfPercent(95)).toBe('almost certain');
    expect(likelihoodOfPercent(100)).toBe('almost certain');
  });

  it('accepts likelihood and impact in any case, with hyphens or spaces', async () => {
    const yaml = REQUIRED.replace('likelihood: likely', 'likelihood: Roughly-Even  Chance').replace(
      'impact: high',
      'impact: VERY_HIGH',
    );
    const briefing = await validateBriefing(parseBriefing(Buffer.from(yaml), 'b.yaml', fixtures));
    expect(briefing.risks[0]).toMatchObject({ likelihood: 'roughly even chance', impact: 'very high' });
    expect(await problemsOf(REQUIRED.replace('likelihood: likely', 'likelihood: 120%'))).toHaveLength(1);
  });

  it('allows at most six bottom-line items', async () => {
    const bluf = `bluf:\n${Array.from({ length: 7 }, (_, i) => `  - Item ${i}\n`).join('')}`;
    expect(await problemsOf(REQUIRED + bluf)).toEqual(['b.yaml:20:5: bluf: may have at most 6 items']);
  });

  it('checks notes groups and citations in every Markdown field', async () => {
    const yaml = `${REQUIRED}sources:\n  - id: report\n    title: The report\nnotes:\n  situaton: Hello\n  risks: "See [@reprot]."\n`;
    expect(await problemsOf(yaml)).toEqual([
      'b.yaml:17:3: notes.situaton: unknown key "situaton"; did you mean "situation"?',
      'b.yaml:18:15: notes.risks: cites unknown source "[@reprot]"; did you mean "report"?',
    ]);
  });

  describe('deck files', () => {
    const dir = tempDir();
    // A real 1 × 1 PNG: the logo is checked as any image is (images.ts), header and all.
    writeFileSync(
      path.join(dir, 'logo.png'),
      Buffer.from(
        'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
        'base64',
      ),
    );
    writeFileSync(path.join(dir, 'fake.png'), 'not an image');
    writeFileSync(path.join(dir, 'ok.css'), ':root { --bd-accent: #123456; }');
    writeFileSync(path.join(dir, 'remote.css'), 'body { background: url(https://example.com/x.png); }');
    writeFileSync(path.join(dir, 'import.css'), '@import "other.css";');
    writeFileSync(path.join(dir, 'escaped.css'), 'body { background: \\75 rl(https://example.com/x.png); }');
    writeFileSync(
      path.join(dir, 'imageset.css'),
      'body { background: image-set("https://example.com/x.png" 1x); }',
    );

    it('reads a logo and a theme file that lie next to the briefing', async () => {
      const yaml = `${REQUIRED}deck:\n  logo: logo.png\n  theme: ok.css\n`;
      const briefing = await validateBriefing(parseBriefing(Buffer.from(yaml), 'b.yaml', dir));
      expect(briefing.deck.logo?.mediaType).toBe('image/png');
      expect('css' in briefing.deck.theme).toBe(true);
    });

    it('refuses files outside the folder, URLs, wrong types and themes that load other files', async () => {
      const cases: [string, string][] = [
        ['logo: /etc/passwd', "is outside the briefing's folder"],
        ['logo: ../../../../etc/hostname', "is outside the briefing's folder"],
        ['logo: https://example.com/logo.png', 'not a URL'],
        ['logo: file:///etc/passwd', 'not a URL'],
        ['logo: fake.png', 'is not a PNG, JPEG or SVG image'],
        ['logo: missing.png', 'does not exist'],
        ['theme: remote.css', 'a theme may only use data: URLs'],
        ['theme: import.css', 'uses @import'],
        [
          'theme: escaped.css',
          '"escaped.css" (line 1, column 20) has a CSS escape outside a string: \\75 rl(',
        ],
        ['theme: imageset.css', '"imageset.css" (line 1, column 20) uses image-set()'],
        ['theme: neon', 'is not a built-in theme (light, dark) or a .css file'],
      ];
      for (const [line, message] of cases) {
        const problems = await problemsOf(`${REQUIRED}deck:\n  ${line}\n`, dir);
        expect(problems, line).toHaveLength(1);
        expect(problems[0], line).toContain(message);
        expect(problems[0], line).toMatch(/^b\.yaml:14:(9|10): deck\.(logo|theme): /);
      }
    });
  });
});

describe('when, who, how to handle, and the decisions required', () => {
  const briefingOf = (yaml: string) => validateBriefing(parseBriefing(Buffer.from(yaml), 'b.yaml', fixtures));

  it('reads as_of, version, contact, the TLP handling line and decisions with each kind of deadline', async () => {
    const briefing = await validateBriefing(await loadBriefing(path.join(fixtures, 'decisions.yaml')));
    expect(briefing.asOf).toEqual({
      text: '2015-06-30T18:00+02:00',
      epochMs: Date.parse('2015-06-30T16:00:00Z'),
      offsetMinutes: 120,
    });
    expect(briefing.version).toBe('1.10');
    expect(briefing.contact).toEqual({
      name: 'Duty officer',
      role: 'Libya desk',
      email: 'libya.desk@example.org',
      phone: '+44 20 7946 0000',
    });
    expect(briefing.handling).toEqual({ text: TLP_SHARING['TLP:AMBER+STRICT'], from: 'tlp' });
    expect(briefing.decisions.map((decision) => decision.deadline)).toEqual([
      { kind: 'time', text: '2015-06-30T12:00Z', at: instantOf('2015-06-30T12:00Z') },
      { kind: 'date', text: '2015-06-30', date: '2015-06-30' },
      { kind: 'date', text: '2015-06-29', date: '2015-06-29' },
      { kind: 'text', text: 'Before the vote' },
    ]);
    expect(briefing.decisions[0]).toMatchObject({
      id: 'authorise-force',
      decision: 'Who authorises the **protective force**?',
      by: 'Cabinet',
      recommendations: [1, 2],
    });
    expect(briefing.decisions.map((decision) => deadlinePassed(decision, briefing.asOf))).toEqual([
      true,
      false,
      true,
      false,
    ]);
    expect(briefing.positions.get('decisions[0].recommendations[1]')).toEqual({ line: 18, col: 26 });
  });

  it('leaves them out when absent: no handling line without a TLP label, no decisions', async () => {
    const briefing = await validateBriefing(await loadBriefing(path.join(fixtures, 'minimal.yaml')));
    expect(briefing.decisions).toEqual([]);
    for (const key of ['asOf', 'version', 'contact', 'handling'] as const)
      expect(briefing).not.toHaveProperty(key);
    // UNCLASSIFIED is no TLP label: the sample's handling line is its own, not a sharing rule.
    const sample = await validateBriefing(await loadBriefing(path.join(ROOT, 'briefing.yaml')));
    expect(sample.classification).toBe('UNCLASSIFIED');
    expect(sample.handling?.from).toBe('handling');
  });

  it('reports every mistake in the new keys at once, each at its place', async () => {
    const problems = (await problemsOf(await readFixture('decision-problems.yaml'))).map((line) =>
      line.replace(/^b\.yaml/, 'decision-problems.yaml'),
    );
    expect(problems).toEqual([
      'decision-problems.yaml:2:8: as_of: "2015-06-30T16:00" has no zone; add Z for UTC or the offset, as in 2015-06-30T18:00+02:00',
      'decision-problems.yaml:3:10: version: must be text, found a list',
      'decision-problems.yaml:5:3: contact: needs "name" or "email"',
      'decision-problems.yaml:7:11: handling: YAML reads true as a boolean; quote it ("true") if it is text',
      'decision-problems.yaml:10:15: decisions[0].deadline: "2015-02-29" is not a date: February 2015 has 28 days; write 2015-06-30, or 2015-06-30T16:00Z (UTC)',
      'decision-problems.yaml:11:26: decisions[0].recommendations[1]: there is no recommendation 3; the recommendations are numbered 1 to 2, in the order written',
      'decision-problems.yaml:11:29: decisions[0].recommendations[2]: "0" is not a recommendation\'s number; use the numbers shown, counting from 1 (recommendations: [1, 3])',
      'decision-problems.yaml:12:5: decisions[1].decision: is required but missing',
      'decision-problems.yaml:12:9: decisions[1].id: "Not A Slug" is not a slug; use lowercase letters, digits and hyphens',
      'decision-problems.yaml:14:15: decisions[1].deadline: "2015-06-30T09:00" has no zone; add Z for UTC or the offset, as in 2015-06-30T18:00+02:00',
      'decision-problems.yaml:15:26: decisions[1].recommendations[1]: duplicate recommendation 1 (first used at decisions[1].recommendations[0])',
      'decision-problems.yaml:16:5: decisions[1].recomendations: unknown key "recomendations"; did you mean "recommendations"?',
    ]);
  });

  it('takes as_of only as a date and time with its zone, on the calendar', async () => {
    const asOf = async (written: string) => (await problemsOf(`${REQUIRED}as_of: ${written}\n`))[0];
    for (const good of [
      '2015-06-30T16:00Z',
      '2015-06-30T18:00+02:00',
      '2015-06-30t16:00:05.25z',
      '2015-06-30T11:00-0500',
      '2016-02-29T00:00+01',
      '"  2015-06-30T16:00Z "',
    ])
      expect(await asOf(good), good).toBeUndefined();
    expect(await asOf('2015-06-30T16:00')).toBe(
      'b.yaml:13:8: as_of: "2015-06-30T16:00" has no zone; add Z for UTC or the offset, as in 2015-06-30T18:00+02:00',
    );
    expect(await asOf('2015-06-30')).toBe(
      'b.yaml:13:8: as_of: "2015-06-30" has no time; write it as 2015-06-30T16:00Z (UTC) or 2015-06-30T18:00+02:00',
    );
    expect(await asOf('2015-13-01T10:00Z')).toContain(
      '"2015-13-01T10:00Z" is not a date: there is no month 13',
    );
    expect(await asOf('2015-02-29T10:00Z')).toContain('is not a date: February 2015 has 28 days');
    expect(await asOf('2015-04-31T10:00Z')).toContain('is not a date: April 2015 has 30 days');
    expect(await asOf('30 June 2015')).toContain(
      'as_of: "30 June 2015" is not an ISO 8601 date and time with its zone;',
    );
    expect(await asOf('2015-06-30T24:00Z')).toContain('is not an ISO 8601 date and time with its zone');
    expect(await asOf('2015')).toContain('as_of: "2015" is not an ISO 8601 date and time with its zone');
  });

  it('keeps the instant and the zone of a time as written', () => {
    expect(instantOf('2015-06-30T18:00+02:00')?.epochMs).toBe(instantOf('2015-06-30T16:00Z')?.epochMs);
    expect(instantOf('2015-06-30T11:00-05:30')).toMatchObject({
      epochMs: Date.parse('2015-06-30T16:30:00Z'),
      offsetMinutes: -330,
    });
    expect(instantOf('2015-06-30T16:00:05,5Z')?.epochMs).toBe(Date.parse('2015-06-30T16:00:05.500Z'));
    expect(instantOf('0099-01-01T00:00Z')?.epochMs).toBe(Date.parse('0099-01-01T00:00:00Z'));
    expect(instantOf('2015-02-29T00:00Z')).toBeUndefined();
    expect(instantOf('2015-06-30T16:00')).toBeUndefined();
  });

  it('reads a deadline as a time, a date or text, and says when it has passed', () => {
    expect(readDeadline('2015-06-30')).toEqual({ kind: 'date', text: '2015-06-30', date: '2015-06-30' });
    expect(readDeadline('2015-06-30 at noon')).toEqual({ kind: 'text', text: '2015-06-30 at noon' });
    const decision = (deadline: string): Pick<Decision, 'deadline'> => ({ deadline: readDeadline(deadline) });
    const at = (text: string) => instantOf(text);
    expect(deadlinePassed(decision('2015-06-30T16:00Z'), at('2015-06-30T16:01Z'))).toBe(true);
    expect(deadlinePassed(decision('2015-06-30T16:00Z'), at('2015-06-30T18:00+02:00'))).toBe(false);
    expect(deadlinePassed(decision('2015-06-30T18:00+02:00'), at('2015-06-30T15:59Z'))).toBe(false);
    // A date is the whole day, in the zone as_of is written in.
    expect(deadlinePassed(decision('2015-06-30'), at('2015-06-30T23:00+02:00'))).toBe(false);
    expect(deadlinePassed(decision('2015-06-30'), at('2015-07-01T01:00+02:00'))).toBe(true);
    expect(deadlinePassed(decision('2015-06-30'), at('2015-06-30T23:30Z'))).toBe(false);
    expect(deadlinePassed(decision('2015-06-30'), at('2015-06-30T23:30-05:00'))).toBe(false);
    expect(deadlinePassed(decision('Before the vote'), at('2099-01-01T00:00Z'))).toBe(false);
    expect(deadlinePassed(decision('2015-06-30'), undefined)).toBe(false);
    expect(deadlinePassed({}, at('2099-01-01T00:00Z'))).toBe(false);
  });

  it('takes a deadline as written unless it is meant as a date or a time and is not one', async () => {
    const deadline = async (written: string) =>
      (await problemsOf(`${REQUIRED}decisions:\n  - decision: D\n    deadline: ${written}\n`))[0];
    for (const good of [
      '2015-06-30',
      '2015-06-30T16:00Z',
      'Before the vote',
      '2016',
      '30 June',
      '2015-06-30 at noon',
    ])
      expect(await deadline(good), good).toBeUndefined();
    expect(await deadline('2015-06-30T16:00')).toBe(
      'b.yaml:15:15: decisions[0].deadline: "2015-06-30T16:00" has no zone; add Z for UTC or the offset, as in 2015-06-30T18:00+02:00',
    );
    expect(await deadline('2015-6-31')).toContain('"2015-6-31" is not a date: June 2015 has 30 days');
    expect(await deadline('2015-13-01')).toContain('there is no month 13');
    expect(await deadline('2015-06-30 16:00 +02')).toContain(
      '"2015-06-30 16:00 +02" is not a date, or a date and time with its zone; write 2015-06-30, or 2015-06-30T16:00Z (UTC)',
    );
  });

  it('takes a date as written unless it is written as an ISO date and is not one', async () => {
    const dates = async (written: string) =>
      problemsOf(
        `${REQUIRED}date: ${written}\nsource:\n  title: R\n  date: ${written}\nsources:\n  - id: s\n    title: S\n    date: ${written}\n`,
      );
    for (const good of ['2015-06-30', '2016-02-29', 'June 2015', 'Q3 2015', '2015-06', '2015', '2015-6-30'])
      expect(await dates(good), good).toEqual([]);
    expect(await dates('2027-02-30')).toEqual([
      'b.yaml:13:7: date: "2027-02-30" is not a date: February 2027 has 28 days; write a day on the calendar (2015-06-30), or the date in words (June 2015)',
      'b.yaml:16:9: source.date: "2027-02-30" is not a date: February 2027 has 28 days; write a day on the calendar (2015-06-30), or the date in words (June 2015)',
      'b.yaml:20:11: sources[0].date: "2027-02-30" is not a date: February 2027 has 28 days; write a day on the calendar (2015-06-30), or the date in words (June 2015)',
    ]);
    expect((await dates('2027-13-01'))[0]).toContain(
      'date: "2027-13-01" is not a date: there is no month 13;',
    );
    expect((await dates('2015-04-31'))[0]).toContain('"2015-04-31" is not a date: April 2015 has 30 days');
    // A year and month is an ISO date too (a review): there is no month 13 in it either.
    expect((await dates('2015-13'))[0]).toContain('date: "2015-13" is not a date: there is no month 13;');
  });

  it('shows an ISO date written with one-digit month or day in the long form, as any other', async () => {
    const briefing = await validateBriefing(
      parseBriefing(
        Buffer.from(`${REQUIRED}date: 2015-6-3\nsource:\n  title: R\n  date: 2015-6\n`),
        'b.yaml',
        fixtures,
      ),
    );
    const title = deckModelOf(briefing).slides[0];
    expect(title?.kind === 'title' && [title.date, title.sourceHtml]).toEqual([
      '3 June 2015',
      '<em>R</em>, June 2015',
    ]);
  });

  it('checks recommendation numbers against the recommendations written', async () => {
    const two = REQUIRED.replace('  - action: Do\n', '  - action: Do\n  - action: Do more\n');
    const numbers = (list: string, yaml = two) =>
      problemsOf(`${yaml}decisions:\n  - decision: D\n    recommendations: ${list}\n`);
    expect(await numbers('[1, 2]')).toEqual([]);
    expect(await numbers('["2"]')).toEqual([]);
    expect(await numbers('[2]', REQUIRED)).toEqual([
      'b.yaml:15:23: decisions[0].recommendations[0]: there is no recommendation 2; the only one is number 1',
    ]);
    expect(await numbers('[1, 7, 1]')).toEqual([
      'b.yaml:16:26: decisions[0].recommendations[1]: there is no recommendation 7; the recommendations are numbered 1 to 2, in the order written',
      'b.yaml:16:29: decisions[0].recommendations[2]: duplicate recommendation 1 (first used at decisions[0].recommendations[0])',
    ]);
    expect(await numbers('[1.5, x, -1, 1000]')).toEqual([
      expect.stringContaining('recommendations[0]: "1.5" is not a recommendation\'s number'),
      expect.stringContaining('recommendations[1]: "x" is not a recommendation\'s number'),
      expect.stringContaining('recommendations[2]: "-1" is not a recommendation\'s number'),
      expect.stringContaining('recommendations[3]: "1000" is not a recommendation\'s number'),
    ]);
    // A recommendations list that is not one is reported once, and no number is checked against it.
    expect(
      await numbers('[5]', REQUIRED.replace(/recommendations:\n {2}- action: Do\n/, 'recommendations: Do\n')),
    ).toEqual(['b.yaml:11:18: recommendations: must be a list, found text']);
    expect(await numbers('3')).toEqual([
      'b.yaml:16:22: decisions[0].recommendations: must be a list, found number',
    ]);
  });

  it('needs a name or an e-mail address in a contact, and checks the address lightly', async () => {
    const contact = (yaml: string) => problemsOf(`${REQUIRED}contact: ${yaml}\n`);
    expect(await contact('{ name: Duty officer }')).toEqual([]);
    expect(await contact('{ email: desk@example.org }')).toEqual([]);
    expect(await contact('{ role: Desk, phone: "+44 20 7946 0000" }')).toEqual([
      'b.yaml:13:10: contact: needs "name" or "email"',
    ]);
    expect(await contact('{}')).toEqual(['b.yaml:13:10: contact: needs "name" or "email"']);
    // A typo of one of them is named as such, not also reported missing.
    expect(await contact('{ emial: desk@example.org }')).toEqual([
      'b.yaml:13:12: contact.emial: unknown key "emial"; did you mean "email"?',
    ]);
    for (const bad of ['desk', 'desk@example', 'a b@example.org', '<desk@example.org>', 'a@b.org, c@d.org'])
      expect(await contact(`{ email: "${bad}" }`), bad).toEqual([
        expect.stringMatching(
          /^b\.yaml:13:\d+: contact\.email: ".*" is not an e-mail address; write it as name@example\.org$/,
        ),
      ]);
  });

  it('gives a TLP 2.0 label its sharing rule as the handling line, unless handling says otherwise', () => {
    expect(handlingLine(undefined, 'TLP:RED')).toEqual({
      text: 'For the eyes and ears of individual recipients only, no further disclosure.',
      from: 'tlp',
    });
    expect(handlingLine(undefined, ' tlp : amber + strict ')).toEqual({
      text: TLP_SHARING['TLP:AMBER+STRICT'],
      from: 'tlp',
    });
    expect(handlingLine('Not for onward distribution.', 'TLP:RED')).toEqual({
      text: 'Not for onward distribution.',
      from: 'handling',
    });
    expect(handlingLine('Not for onward distribution.', undefined)?.from).toBe('handling');
    for (const marking of ['UNCLASSIFIED', 'TLP:WHITE', 'OFFICIAL TLP:AMBER', 'TLP:AMBER+', undefined])
      expect(handlingLine(undefined, marking), marking).toBeUndefined();
    expect(['TLP:CLEAR', 'TLP:GREEN', 'TLP:AMBER', 'TLP:AMBER+STRICT', 'TLP:RED'].map(tlpLabel)).toEqual(
      Object.keys(TLP_SHARING),
    );
  });

  it('names a misspelt new key with the nearest one', async () => {
    expect(await problemsOf(`${REQUIRED}as-of: 2015-06-30T16:00Z\nhandeling: x\ndecision: []\n`)).toEqual([
      'b.yaml:13:1: as-of: unknown key "as-of"; did you mean "as_of"?',
      'b.yaml:14:1: handeling: unknown key "handeling"; did you mean "handling"?',
      'b.yaml:15:1: decision: unknown key "decision"; did you mean "decisions"?',
    ]);
    expect(await problemsOf(`${REQUIRED}decisions:\n  - decison: D\n    dedline: x\n`)).toEqual([
      'b.yaml:14:5: decisions[0].decison: unknown key "decison"; did you mean "decision"?',
      'b.yaml:15:5: decisions[0].dedline: unknown key "dedline"; did you mean "deadline"?',
    ]);
  });

  it('returns the decisions as the Briefing type says', async () => {
    const briefing = await briefingOf(`${REQUIRED}decisions:\n  - decision: "Approve **now**"\n`);
    expect(briefing.decisions).toEqual([{ decision: 'Approve **now**', recommendations: [] }]);
  });
});

// Found by a trial: a marking longer than a slide's banner failed the build with "the printed PDF lost
// the marking … report it with the browser version". It is a problem in the briefing, found at once.
describe('a marking too long for a slide', () => {
  const LONG =
    'SECRET//REL TO USA, AUS, CAN, GBR, NZL AND A VERY LONG LIST OF CAVEATS THAT GOES ON AND ON AND ON FOR EVER';

  it('is a problem at the classification, saying how much fits, for the aspect the deck has', async () => {
    expect(await problemsOf(`${REQUIRED}classification: "${LONG}"\n`)).toEqual([]);
    const longer = `${LONG} AND EVER AND EVER AND EVER AND EVER//X`;
    expect(await problemsOf(`${REQUIRED}classification: "${longer}"\n`)).toEqual([
      expect.stringMatching(
        /^b\.yaml:13:17: classification: is too long to show whole on a slide's banner: about 1[34]\d of its 145 characters fit on one line \(16:9\); shorten it/,
      ),
    ]);
    // The 4:3 slide is narrower.
    const wide = `${REQUIRED}classification: "${LONG} AND EVER"\n`;
    expect(await problemsOf(wide)).toEqual([]);
    expect(await problemsOf(`${wide}deck:\n  aspect: "4:3"\n`)).toEqual([
      expect.stringContaining("classification: is too long to show whole on a slide's banner"),
    ]);
  });

  it('is measured against the banner the slides lay out', () => {
    for (const aspect of ['16:9', '4:3'] as const)
      expect(BANNER_LINE[aspect]).toBe(LAYOUT.slide.width[aspect] - 2 * LAYOUT.slide.padX[aspect]);
  });
});

describe('a file with thousands of mistakes', () => {
  it('lists the first hundred quickly and counts the rest', async () => {
    const actors = Array.from(
      { length: 2500 },
      (_, i) => `  - name: Actor ${i}\n    role: R\n    relations: [{ with: Nobody ${i}, type: conflict }]\n`,
    ).join('');
    const yaml = REQUIRED.replace(/actors:\n {2}- name: A\n {4}role: R\n/, `actors:\n${actors}`);
    const error = await validateBriefing(parseBriefing(Buffer.from(yaml), 'b.yaml', fixtures)).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(BriefingError);
    const { problems, more } = error as BriefingError;
    expect(problems).toHaveLength(100);
    expect(more).toBe(2400);
    expect((error as BriefingError).lines().at(-1)).toBe('2500 problems found; nothing was written.');
  });
});

describe('loading', () => {
  const load = (text: string | Buffer) =>
    parseBriefing(Buffer.isBuffer(text) ? text : Buffer.from(text), 'b.yaml', fixtures);
  const problems = (fn: () => unknown): string[] => {
    try {
      fn();
    } catch (error) {
      if (error instanceof BriefingError) return error.problems.map(formatProblem);
      throw error;
    }
    return [];
  };

  it('reports a missing file without a stack', async () => {
    await expect(loadBriefing('nope.yaml', { cwd: fixtures })).rejects.toThrow('nope.yaml:1:1: no such file');
  });

  it('reports an empty file', () => {
    expect(problems(() => load(''))).toEqual([
      'b.yaml:1:1: the file is empty; a briefing needs at least title, situation, actors, risks and recommendations',
    ]);
    expect(problems(() => load('# only a comment\n'))).toHaveLength(1);
  });

  it('reports bytes that are not UTF-8 at their line and column', () => {
    const bytes = Buffer.concat([
      Buffer.from('title: ok\nsubtitle: caf'),
      Buffer.from([0xe9]),
      Buffer.from('\n'),
    ]);
    expect(problems(() => load(bytes))).toEqual([
      'b.yaml:2:14: the file is not valid UTF-8; save it as UTF-8',
    ]);
  });

  it('reports duplicate keys, YAML syntax errors and several documents', async () => {
    expect(await problemsOf(REQUIRED.replace('title: T\n', 'title: a\ntitle: b\n'))).toEqual([
      'b.yaml:2:1: title: duplicate key "title"; each key may appear once in a mapping',
    ]);
    // A duplicate key is named by its path, as every other problem, in a list and in a flow mapping.
    const nested = REQUIRED.replace('    role: R\n', '    role: R\n    role: S\n').replace(
      'recommendations:\n  - action: Do\n',
      'recommendations:\n  - action: Do\n  - { action: Do more, "owner": A, owner: B }\n',
    );
    expect(await problemsOf(nested)).toEqual([
      'b.yaml:7:5: actors[0].role: duplicate key "role"; each key may appear once in a mapping',
      'b.yaml:14:36: recommendations[1].owner: duplicate key "owner"; each key may appear once in a mapping',
    ]);
    expect(problems(() => load('title: "open\n'))[0]).toMatch(
      /^b\.yaml:2:1: YAML syntax: Missing closing "quote/,
    );
    expect(problems(() => load('title: a\n---\ntitle: b\n'))[0]).toContain('more than one YAML document');
  });

  it('lists the other problems of a file with a duplicate key, every value checked', async () => {
    const yaml = REQUIRED.replace('title: T\n', 'title: T\ntitle: U\n').replace(
      'likelihood: likely',
      'likelihood: probable\n    likelihood: likely',
    );
    const found = await problemsOf(yaml);
    expect(found).toEqual([
      'b.yaml:2:1: title: duplicate key "title"; each key may appear once in a mapping',
      expect.stringMatching(/^b\.yaml:\d+:17: risks\[0\]\.likelihood: "probable" is not a likelihood/),
      expect.stringMatching(/^b\.yaml:\d+:5: risks\[0\]\.likelihood: duplicate key "likelihood"/),
    ]);
  });

  it('points a mis-indented key at its first letter, with a hint about indentation', async () => {
    const found = await problemsOf(REQUIRED.replace('    role: R', '   role: R'));
    expect(found).toEqual([
      expect.stringMatching(
        /^b\.yaml:\d+:4: YAML syntax: .*; check the indentation of this line and the next/,
      ),
    ]);
  });

  it('says that a second ": " on a line, not the indentation, is the mistake when it is', async () => {
    const bluf = 'bluf:\n  - We ask for three decisions: isolation: of ClearLedger, funding."\n';
    expect(await problemsOf(`${REQUIRED}${bluf}`)).toEqual([
      'b.yaml:14:33: YAML syntax: Nested mappings are not allowed in compact mappings; a second ": " in this item, after "isolation", makes YAML read a key inside a key; if the item is text, put all of it in quotes',
    ]);
    expect(await problemsOf(REQUIRED.replace('    role: R', '    role: Leader: of the council'))).toEqual([
      'b.yaml:6:11: YAML syntax: Nested mappings are not allowed in compact mappings; a second ": " on this line, after "Leader", makes YAML read a key inside the value of "role"; put the value in quotes',
    ]);
    // The same error from a key indented too far, on the next line, keeps the hint about indentation.
    expect(await problemsOf(REQUIRED.replace('    impact: high', '      impact: high'))).toEqual([
      expect.stringMatching(
        /^b\.yaml:9:17: YAML syntax: Nested mappings .*; check the indentation of this line and the next/,
      ),
    ]);
  });

  it('reports only the first syntax error, with a hint for tabs', () => {
    expect(problems(() => load('title: a\nsituation:\n\tsummary: x\n\tpoints: []\n'))).toEqual([
      'b.yaml:3:1: YAML syntax: Tabs are not allowed as indentation; indent with spaces, not tabs',
    ]);
  });

  it('rejects custom tags', async () => {
    expect(await problemsOf(REQUIRED.replace('title: T', 'title: !!js/function "x"'))).toEqual([
      'b.yaml:1:8: Unresolved tag: tag:yaml.org,2002:js/function; custom tags are not allowed',
    ]);
    expect(await problemsOf(REQUIRED.replace('action: Do', 'action: !foo Do'))).toHaveLength(1);
  });

  it('limits aliases so a small file cannot expand into a huge one', async () => {
    const bomb = `${REQUIRED}bluf: &a [x]\nsources:\n${Array.from({ length: 40 }, (_, i) => `  - { id: s${i}, title: *a }\n`).join('')}`;
    const found = await problemsOf(bomb);
    expect(found.some((line) => line.includes('more than 16 aliases'))).toBe(true);
  });

  it('survives nesting far deeper than any briefing', () => {
    expect(problems(() => load(`title: ${'['.repeat(50_000)}${']'.repeat(50_000)}`))).toEqual([
      expect.stringMatching(/^b\.yaml:1:\d+: the file is nested too deeply to be a briefing$/),
    ]);
  });
});

describe('nearest', () => {
  it('finds the closest key, counting swapped letters as one edit', () => {
    expect(nearest('recomendations', ['risks', 'recommendations'])).toBe('recommendations');
    expect(nearest('acotrs', ['actors', 'title'])).toBe('actors');
    expect(nearest('ur', ['id', 'url'])).toBe('url');
    expect(nearest('Title', ['title'])).toBe('title');
  });

  it('guesses nothing when no word is close', () => {
    expect(nearest('Zed', ['A'])).toBeUndefined();
    expect(nearest('B', ['A'])).toBeUndefined();
    expect(nearest('xyzzy', Object.keys(BRIEFING.keys))).toBeUndefined();
    expect(nearest('anything', [])).toBeUndefined();
  });

  it('measures the edit distance it goes by, in any case', () => {
    expect(editDistance('acotrs', 'actors')).toBe(1);
    expect(editDistance('BKF', 'bfa')).toBe(2);
    expect(editDistance('', 'abc')).toBe(3);
    expect(editDistance('Title', 'title')).toBe(0);
  });
});

describe('positions', () => {
  /** Every `yamlPath` string anywhere in the view model: slides' and items'. */
  function yamlPaths(model: unknown): Set<string> {
    const paths = new Set<string>();
    const seen = new Set<object>();
    const walk = (value: unknown): void => {
      if (value === null || typeof value !== 'object' || seen.has(value)) return;
      seen.add(value);
      for (const [key, inner] of Object.entries(value)) {
        if (key === 'yamlPath' && typeof inner === 'string') paths.add(inner);
        else walk(inner);
      }
    };
    walk(model);
    return paths;
  }

  for (const file of ['briefing.yaml', 'tests/fixtures/minimal.yaml', 'tests/fixtures/long.yaml']) {
    it(`gives a line to every YAML path the view model names (${file})`, async () => {
      const briefing = await validateBriefing(await loadBriefing(path.join(ROOT, file)));
      const paths = yamlPaths(deckModelOf(briefing));
      expect(paths.size).toBeGreaterThan(4);
      expect([...paths].filter((yamlPath) => !briefing.positions.has(yamlPath))).toEqual([]);
    });
  }

  it('records every mapping, list and list item of the sample', async () => {
    const briefing = await validateBriefing(await loadBriefing(path.join(ROOT, 'briefing.yaml')));
    const expected = [
      'source',
      'situation',
      'situation.points[5]',
      ...briefing.timeline.map((_, index) => `timeline[${index}]`),
      'actors[0].relations[3]',
      'sources',
      'sources[0]',
      'notes',
      'deck',
    ];
    for (const yamlPath of expected) expect(briefing.positions.get(yamlPath), yamlPath).toBeDefined();
    const line = (yamlPath: string) => briefing.positions.get(yamlPath)?.line ?? 0;
    expect(line('timeline[1]')).toBeGreaterThan(line('timeline[0]'));
    expect(line('sources[0]')).toBe(line('sources[0].id'));
  });
});

describe('problems as JSON', () => {
  it('gives the same problems as the text, one for one, with the hint apart', async () => {
    const error = (await validateBriefing(
      parseBriefing(Buffer.from(await readFixture('many-problems.yaml')), 'many-problems.yaml', fixtures),
    ).catch((e: unknown) => e)) as BriefingError;
    expect(error).toBeInstanceOf(BriefingError);
    const json = problemsAsJson(error.problems);
    const asText = json.map(
      (p) =>
        `${p.file}:${p.line}:${p.column}: ${p.path ? `${p.path}: ` : ''}${p.message}${p.hint ? `; ${p.hint}` : ''}`,
    );
    expect(asText).toEqual(error.problems.map(formatProblem));
    expect(json).toContainEqual({
      file: 'many-problems.yaml',
      line: 9,
      column: 13,
      path: 'actors[0].stance',
      message: '"hostle" is not a stance',
      hint: 'use one of: hostile, mixed, neutral, friendly',
    });
    expect(json.find((p) => p.path === 'sources[0].url')).toEqual({
      file: 'many-problems.yaml',
      line: 29,
      column: 10,
      path: 'sources[0].url',
      message: '"javascript:alert(1)" is not an http(s) URL',
    });
    expect(JSON.parse(JSON.stringify(json))).toEqual(json);
    expect(problemsAsJson([])).toEqual([]);
  });
});

async function readFixture(name: string): Promise<string> {
  const { readFile } = await import('node:fs/promises');
  return readFile(path.join(fixtures, name), 'utf8');
}

describe('reading files', () => {
  /** The problems `loadBriefing` reports for `file`, formatted. */
  async function loadProblems(file: string): Promise<string[]> {
    try {
      await validateBriefing(await loadBriefing(file));
      return [];
    } catch (error) {
      if (error instanceof BriefingError) return error.problems.map(formatProblem);
      throw error;
    }
  }

  it('refuses a pipe, a folder or an oversized file before reading it (a pipe would block)', async () => {
    const dir = tempDir();
    const pipe = path.join(dir, 'pipe.yaml');
    execFileSync('mkfifo', [pipe]);
    expect(await loadProblems(pipe)).toEqual([`${pipe}:1:1: is not a regular file`]);
    expect(await loadProblems(dir)).toEqual([`${dir}:1:1: is a folder, not a file`]);
    const big = path.join(dir, 'big.yaml');
    writeFileSync(big, `title: ${'x'.repeat(1024 * 1024)}\n`);
    expect((await loadProblems(big))[0]).toContain('the file is 1048584 bytes');

    const logoPipe = path.join(dir, 'logo.png');
    execFileSync('mkfifo', [logoPipe]);
    const problems = await problemsOf(`${REQUIRED}deck:\n  logo: logo.png\n`, dir);
    expect(problems).toEqual(['b.yaml:14:9: deck.logo: "logo.png" is not a file']);
  });
});
