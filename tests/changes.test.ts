/**
 * compareBriefings: pairs of briefings, one kind of change each (added,
 * removed, renamed, a judgment moved up or down, a confidence change, a
 * change without a reason), the rename threshold from both sides, the
 * heading, a pair with no change, and the sample with an edited copy.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import {
  type Changes,
  changesAsText,
  compareBriefings,
  SIMILARITY,
  similarity,
} from '../src/changes/index.js';
import { formatProblem } from '../src/errors.js';
import type { Briefing } from '../src/format/briefing.js';
import { parseBriefing } from '../src/format/load.js';
import { validateBriefing } from '../src/format/validate.js';
import { FIXTURES, ROOT } from './_helpers.js';

const CHANGES = path.join(FIXTURES, 'changes');

type Fields = Record<string, unknown>;

const risk = (title: string, more: Fields = {}): Fields => ({
  title,
  likelihood: 'likely',
  impact: 'high',
  ...more,
});

/** A valid briefing: the keys given over a small base of two actors, three risks and two recommendations. */
function yamlOf(keys: Fields = {}): string {
  return stringify({
    title: 'Port strike',
    version: '1.0',
    as_of: '2025-01-31T16:00Z',
    bluf: ['The strike will last another week.', 'Fuel runs short in the capital.'],
    situation: { summary: 'Dockers stopped work on 20 January.', points: ['Ships wait offshore.'] },
    timeline: [{ date: '20 January', event: 'The strike starts.' }],
    actors: [
      { name: 'Dockers union', stance: 'mixed', role: 'Leads the strike.' },
      {
        name: 'Port authority',
        role: 'Runs the port.',
        relations: [{ with: 'Dockers union', type: 'rivalry' }],
      },
    ],
    risks: [
      risk('Fuel shortages in the capital', { confidence: 'moderate' }),
      risk('Strike spreads to the rail network', { likelihood: 'unlikely', impact: 'moderate' }),
      risk('Violence at the port gates', { likelihood: 'roughly even chance', confidence: 'low' }),
    ],
    recommendations: [
      { action: 'Release fuel from the **strategic reserve**.', priority: 'high' },
      { action: 'Open talks with the union.', owner: 'Ministry of Labour' },
    ],
    decisions: [{ decision: 'Release the reserve?', recommendations: [1] }],
    ...keys,
  });
}

async function briefingOf(yaml: string, file = 'b.yaml'): Promise<Briefing> {
  return validateBriefing(parseBriefing(Buffer.from(yaml), file, CHANGES));
}

async function compare(previous: Fields, current: Fields): Promise<Changes> {
  return compareBriefings(await briefingOf(yamlOf(previous), 'old.yaml'), await briefingOf(yamlOf(current)));
}

/** The base's keys, a fresh copy: to edit one item of a list. */
const base = () => parse(yamlOf()) as Record<string, Fields[]>;

/** The base's risks with the one at `index` changed. */
function risksWith(index: number, change: Fields): Fields[] {
  const risks = base().risks as Fields[];
  risks[index] = { ...risks[index], ...change };
  return risks;
}

describe("the format's keys for versions", () => {
  it('accepts change_note (inline Markdown) on a risk, and id on risks and recommendations', async () => {
    const briefing = await briefingOf(
      yamlOf({
        risks: risksWith(0, { id: 'fuel', change_note: 'Two **new** sources [@a].' }),
        recommendations: [{ action: 'Release fuel.', id: 'reserve' }],
        sources: [{ id: 'a', title: 'A report' }],
        decisions: [],
      }),
    );
    expect(briefing.risks[0]).toMatchObject({ id: 'fuel', change_note: 'Two **new** sources [@a].' });
    expect(briefing.recommendations[0]?.id).toBe('reserve');
  });

  it('refuses an id that is not a slug or is used twice, and a change_note citing no source', async () => {
    const problems = async (keys: Fields) =>
      briefingOf(yamlOf(keys)).then(
        () => [],
        (error: { problems: { path: string; message: string }[] }) =>
          error.problems.map((problem) => `${problem.path}: ${problem.message}`),
      );
    expect(await problems({ risks: [risk('A', { id: 'x' }), risk('B', { id: 'x' })] })).toEqual([
      'risks[1].id: duplicate risk id "x" (first used at risks[0].id)',
    ]);
    expect(await problems({ recommendations: [{ action: 'A', id: 'Not a slug' }], decisions: [] })).toEqual([
      'recommendations[0].id: "Not a slug" is not a slug',
    ]);
    expect(await problems({ risks: risksWith(0, { change_note: 'See [@nowhere].' }) })).toHaveLength(1);
  });
});

describe('a pair with no change', () => {
  it('reports every item unchanged, nothing removed, no warning, changed false', async () => {
    const changes = await compare({}, {});
    expect(changes.changed).toBe(false);
    expect(changes.warnings).toEqual([]);
    for (const list of [
      changes.bluf,
      changes.risks,
      changes.actors,
      changes.recommendations,
      changes.timeline,
    ]) {
      expect(list.removed).toEqual([]);
      expect(list.items.every((item) => item.status === 'unchanged')).toBe(true);
    }
    expect(changes.risks.items[1]).toMatchObject({
      index: 1,
      path: 'risks[1]',
      status: 'unchanged',
      matchedBy: 'text',
      previous: { index: 1, path: 'risks[1]' },
      fields: [],
      judgments: [],
    });
    expect(changesAsText(changes).at(-1)).toBe('No changes since version 1.0 (31 January 2025, 16:00 UTC).');
  });

  it('does not count the version, as_of, date, speaker notes, deck settings or spacing', async () => {
    const risks = risksWith(0, { title: 'Fuel  shortages in\nthe capital', notes: 'Say it slowly.' });
    const changes = await compare(
      {},
      {
        version: '1.1',
        as_of: '2025-02-07T16:00Z',
        date: '2025-02-07',
        notes: { risks: 'New notes.' },
        deck: { aspect: '4:3' },
        situation: { summary: 'Dockers  stopped work\non 20 January.', points: ['Ships wait offshore.'] },
        risks,
      },
    );
    expect(changes.changed).toBe(false);
    expect(changes.risks.items[0]).toMatchObject({ matchedBy: 'text', status: 'unchanged' });
  });

  it('matches a title whatever its case, and reports the case changed as a change of the title', async () => {
    const changes = await compare({}, { risks: risksWith(0, { title: 'FUEL shortages in the Capital' }) });
    expect(changes.risks.items[0]).toMatchObject({ matchedBy: 'text', status: 'updated', fields: ['title'] });
  });
});

describe('items added, removed and updated', () => {
  it('marks a new risk NEW at its index, and lists a removed one with its previous place', async () => {
    const risks = base().risks as Fields[];
    const changes = await compare({}, { risks: [risks[0], risk('Port closed by the navy'), risks[2]] });
    expect(changes.changed).toBe(true);
    expect(changes.risks.items.map((item) => item.status)).toEqual(['unchanged', 'new', 'unchanged']);
    expect(changes.risks.items[1]).toEqual({
      index: 1,
      path: 'risks[1]',
      label: 'Port closed by the navy',
      status: 'new',
      judgments: [],
    });
    expect(changes.risks.items[2]).toMatchObject({ previous: { index: 2 }, status: 'unchanged' });
    expect(changes.risks.removed).toEqual([
      { index: 1, path: 'risks[1]', label: 'Strike spreads to the rail network' },
    ]);
  });

  it('names the fields that changed, in the format order', async () => {
    const changes = await compare(
      {},
      {
        risks: risksWith(2, { detail: 'Pickets are armed.', indicators: ['Police at the gates'] }),
        recommendations: [
          { action: 'Release fuel from the **strategic reserve**.', priority: 'medium', timeframe: 'Now' },
          { action: 'Open talks with the union.', owner: 'Ministry of Labour' },
        ],
      },
    );
    expect(changes.risks.items[2]).toMatchObject({ status: 'updated', fields: ['detail', 'indicators'] });
    expect(changes.recommendations.items[0]).toMatchObject({
      status: 'updated',
      fields: ['priority', 'timeframe'],
    });
  });

  it('matches actors by name: a stance or relation changed is an update, a renamed actor is removed and new', async () => {
    const changes = await compare(
      {},
      {
        actors: [
          { name: 'Dockers union', stance: 'hostile', role: 'Leads the strike.' },
          { name: 'Port Authority of the Capital', role: 'Runs the port.' },
          { name: 'Navy', role: 'Guards the harbour.' },
        ],
      },
    );
    expect(
      changes.actors.items.map((item) => [item.status, item.status === 'new' ? [] : item.fields]),
    ).toEqual([
      ['updated', ['stance']],
      ['new', []],
      ['new', []],
    ]);
    expect(changes.actors.removed.map((item) => item.label)).toEqual(['Port authority']);
  });

  it('takes relations as a set: their order is no change, a relation of another type is', async () => {
    const actors = (relations: [string, string][]) => ({
      actors: [
        { name: 'A', role: 'a', relations: relations.map(([name, type]) => ({ with: name, type })) },
        { name: 'B', role: 'b' },
        { name: 'C', role: 'c' },
      ],
    });
    const before = actors([
      ['B', 'conflict'],
      ['C', 'support'],
    ]);
    const reordered = await compare(
      before,
      actors([
        ['C', 'support'],
        ['B', 'conflict'],
      ]),
    );
    expect(reordered.actors.items[0]).toMatchObject({ status: 'unchanged' });
    const retyped = await compare(
      before,
      actors([
        ['B', 'support'],
        ['C', 'conflict'],
      ]),
    );
    expect(retyped.actors.items[0]).toMatchObject({ status: 'updated', fields: ['relations'] });
  });

  it('marks bottom-line points new, edited (with what they said) and removed', async () => {
    const changes = await compare(
      {
        bluf: [
          'The strike will last another week.',
          'Fuel runs short in the capital.',
          'Talks have stalled.',
        ],
      },
      {
        bluf: [
          'The strike will last another two weeks.',
          'Fuel runs short in the capital.',
          'The navy is on alert.',
        ],
      },
    );
    expect(changes.bluf.items.map((item) => item.status)).toEqual(['updated', 'unchanged', 'new']);
    expect(changes.bluf.items[0]).toMatchObject({
      matchedBy: 'similar',
      fields: ['text'],
      previous: { label: 'The strike will last another week.' },
    });
    expect(changes.bluf.removed.map((item) => item.label)).toEqual(['Talks have stalled.']);
  });

  it('lists new timeline events', async () => {
    const changes = await compare(
      {},
      {
        timeline: [
          { date: '20 January', event: 'The strike starts.' },
          { date: '28 January', event: 'Talks break down.', place: 'Ministry of Labour' },
        ],
      },
    );
    expect(changes.timeline.items.map((item) => item.status)).toEqual(['unchanged', 'new']);
    expect(changes.timeline.items[1]).toMatchObject({ path: 'timeline[1]', label: 'Talks break down.' });
  });

  it("compares a decision's recommendations as the recommendations they are, not their numbers", async () => {
    const recommendations = base().recommendations as Fields[];
    const first = { action: 'Ask the navy to escort tankers.' };
    // A recommendation put first renumbers the others: the decision's [1] is now [2], the same one.
    const renumbered = await compare(
      {},
      {
        recommendations: [first, ...recommendations],
        decisions: [{ decision: 'Release the reserve?', recommendations: [2] }],
      },
    );
    expect(renumbered.decisions.items[0]).toMatchObject({ status: 'unchanged' });
    expect(renumbered.recommendations.items.map((item) => item.status)).toEqual([
      'new',
      'unchanged',
      'unchanged',
    ]);
    const other = await compare(
      {},
      { decisions: [{ decision: 'Release the reserve?', recommendations: [2] }] },
    );
    expect(other.decisions.items[0]).toMatchObject({ status: 'updated', fields: ['recommendations'] });
  });

  it('lists other keys a reader sees that changed', async () => {
    const changes = await compare({}, { title: 'Port strike, week two', classification: 'OFFICIAL' });
    expect(changes.otherKeys).toEqual(['title', 'classification']);
    expect(changes.changed).toBe(true);
  });
});

describe('matching by id', () => {
  it('pairs risks by id whatever their titles, and never pairs two different ids', async () => {
    const previous = risksWith(0, { id: 'fuel' });
    const renamed = await compare(
      { risks: previous },
      { risks: risksWith(0, { id: 'fuel', title: 'Petrol queues' }) },
    );
    expect(renamed.risks.items[0]).toMatchObject({ matchedBy: 'id', status: 'updated', fields: ['title'] });
    const other = await compare({ risks: previous }, { risks: risksWith(0, { id: 'petrol' }) });
    expect(other.risks.items[0]).toMatchObject({ status: 'new' });
    expect(other.risks.removed).toEqual([
      { index: 0, path: 'risks[0]', label: 'Fuel shortages in the capital', id: 'fuel' },
    ]);
  });

  it('pairs by text when only one version has an id', async () => {
    const changes = await compare({}, { risks: risksWith(1, { id: 'rail' }) });
    expect(changes.risks.items[1]).toMatchObject({ matchedBy: 'text', status: 'unchanged' });
  });

  it('pairs recommendations and decisions by id', async () => {
    const changes = await compare(
      {
        recommendations: [{ action: 'Release fuel.', id: 'reserve' }],
        decisions: [{ decision: 'Now?', id: 'when' }],
      },
      {
        recommendations: [{ action: 'Sell reserve fuel at cost.', id: 'reserve' }],
        decisions: [{ decision: 'Which week?', id: 'when' }],
      },
    );
    expect(changes.recommendations.items[0]).toMatchObject({ matchedBy: 'id', fields: ['action'] });
    expect(changes.decisions.items[0]).toMatchObject({ matchedBy: 'id', fields: ['decision'] });
  });
});

describe('a rename: close text, by the threshold', () => {
  it(`is a Dice coefficient of words; a rename at ${SIMILARITY} or more`, () => {
    expect(SIMILARITY).toBe(0.5);
    expect(similarity('IS reprisal attacks', 'IS reprisal attacks on Derna')).toBe(0.75);
    // Case, Markdown, punctuation, a possessive and a plural s are no difference.
    expect(similarity('**Fuel** shortage in the capital', "fuel shortages in the capital's")).toBe(1);
    expect(similarity('Power cuts', 'Power outages')).toBe(0.5);
    // The sample's three risks are far apart.
    const titles = [
      'IS reprisal attacks',
      'DMSC entrenches rule outside state control',
      'Extremists regain ground under DMSC watch',
    ];
    for (const a of titles) for (const b of titles) if (a !== b) expect(similarity(a, b)).toBeLessThan(0.2);
  });

  // 4 words and 4 words sharing 2: 0.5; 5 and 6 sharing 3: 0.545; 4 and 5 sharing 2: 0.444.
  const cases = [
    {
      name: 'at the threshold (0.5)',
      from: 'Fuel runs out soon',
      to: 'Fuel runs short today',
      score: 0.5,
      rename: true,
    },
    {
      name: 'just above (0.55)',
      from: 'Strike spreads to rail network',
      to: 'Strike spreads to bus and tram',
      score: 0.55,
      rename: true,
    },
    {
      name: 'just below (0.44)',
      from: 'Fuel runs out soon',
      to: 'Fuel runs short by Monday',
      score: 0.44,
      rename: false,
    },
  ];
  for (const { name, from, to, score, rename } of cases) {
    it(`${rename ? 'is' : 'is not'} a rename ${name}`, async () => {
      expect(Math.round(similarity(from, to) * 100) / 100).toBe(score);
      expect(Math.round(similarity(to, from) * 100) / 100).toBe(score);
      const changes = await compare(
        { risks: risksWith(1, { title: from }) },
        { risks: risksWith(1, { title: to }) },
      );
      const item = changes.risks.items[1];
      if (rename) {
        expect(item).toMatchObject({
          status: 'updated',
          matchedBy: 'similar',
          similarity: score,
          fields: ['title'],
        });
        expect(item).toMatchObject({ previous: { label: from } });
        expect(changes.risks.removed).toEqual([]);
      } else {
        expect(item?.status).toBe('new');
        expect(changes.risks.removed.map((removed) => removed.label)).toEqual([from]);
      }
    });
  }

  it('pairs the closest texts first when several are close', async () => {
    const changes = await compare(
      { risks: [risk('Fuel runs short'), risk('Fuel runs out in the capital')] },
      { risks: [risk('Fuel runs out in the capital city'), risk('Fuel runs short today')] },
    );
    expect(changes.risks.items.map((item) => (item.status === 'new' ? -1 : item.previous.index))).toEqual([
      1, 0,
    ]);
  });
});

describe("a risk's judgments", () => {
  it('moved up: the direction, both values and the old cell; with a change_note, its reason', async () => {
    const changes = await compare(
      {},
      { risks: risksWith(1, { likelihood: 'likely', change_note: 'Rail workers voted to join.' }) },
    );
    const item = changes.risks.items[1];
    expect(item).toMatchObject({ status: 'updated', fields: ['likelihood'] });
    expect(item?.judgments).toEqual([
      {
        judgment: 'likelihood',
        from: 'unlikely',
        to: 'likely',
        direction: 'up',
        steps: 2,
        text: 'unlikely → likely ▲',
      },
    ]);
    expect(item?.moved).toEqual({
      from: { likelihood: 'unlikely', impact: 'moderate' },
      to: { likelihood: 'likely', impact: 'moderate' },
    });
    expect(item?.reason).toBe('Rail workers voted to join.');
    expect(changes.warnings).toEqual([]);
  });

  it('moved down: impact high → moderate ▼', async () => {
    const changes = await compare(
      {},
      { risks: risksWith(0, { impact: 'moderate', change_note: 'Imports resumed by road.' }) },
    );
    expect(changes.risks.items[0]?.judgments).toEqual([
      {
        judgment: 'impact',
        from: 'high',
        to: 'moderate',
        direction: 'down',
        steps: -1,
        text: 'impact high → moderate ▼',
      },
    ]);
    expect(changes.risks.items[0]?.moved?.from).toEqual({ likelihood: 'likely', impact: 'high' });
  });

  it('confidence: moved, stated, dropped; no move on the matrix', async () => {
    const changes = await compare(
      {},
      {
        risks: [
          risk('Fuel shortages in the capital', { confidence: 'high', change_note: 'Two sources now.' }),
          risk('Strike spreads to the rail network', {
            likelihood: 'unlikely',
            impact: 'moderate',
            confidence: 'moderate',
            change_note: 'The union said so.',
          }),
          risk('Violence at the port gates', {
            likelihood: 'roughly even chance',
            change_note: 'Source lost.',
          }),
        ],
      },
    );
    expect(changes.risks.items.map((item) => item.judgments.map((judgment) => judgment.text))).toEqual([
      ['confidence moderate → high ▲'],
      ['confidence not stated → moderate'],
      ['confidence low → not stated'],
    ]);
    expect(changes.risks.items.map((item) => item.judgments[0]?.direction)).toEqual([
      'up',
      'added',
      'removed',
    ]);
    expect(changes.risks.items.every((item) => item.moved === undefined)).toBe(true);
  });

  it('a likelihood written as another percentage of the same term is no change', async () => {
    const changes = await compare(
      { risks: risksWith(0, { likelihood: '60%' }) },
      { risks: risksWith(0, { likelihood: '75%' }) },
    );
    expect(changes.risks.items[0]?.status).toBe('unchanged');
  });

  it('a change without a reason is a warning at the risk, in the current file', async () => {
    const current = yamlOf({ risks: risksWith(2, { likelihood: 'very likely', impact: 'very high' }) });
    const changes = compareBriefings(
      await briefingOf(yamlOf(), 'old.yaml'),
      await briefingOf(current, 'new.yaml'),
    );
    const line = current.split('\n').indexOf('  - title: Violence at the port gates') + 1;
    expect(changes.warnings).toEqual([
      {
        file: 'new.yaml',
        line,
        col: 5,
        path: 'risks[2]',
        message:
          'roughly even chance → very likely ▲, impact high → very high ▲, without a change_note saying why',
        hint: 'say why the judgment moved in change_note (inline Markdown)',
        code: 'no-change-note',
        index: 2,
      },
    ]);
    expect(formatProblem(changes.warnings[0] as (typeof changes.warnings)[0])).toMatch(
      new RegExp(`^new\\.yaml:${line}:5: risks\\[2\\]: roughly even chance → very likely ▲`),
    );
    expect(changes.risks.items[2]?.reason).toBeUndefined();
  });

  it('a change_note kept from the previous version does not explain a new move', async () => {
    const note = { change_note: 'Pickets doubled.' };
    const changes = await compare(
      { risks: risksWith(2, note) },
      { risks: risksWith(2, { ...note, likelihood: 'likely' }) },
    );
    expect(changes.warnings.map((warning) => warning.code)).toEqual(['same-change-note']);
    expect(changes.risks.items[2]?.reason).toBeUndefined();
  });

  // A trial: a recommendation dropped, the decision naming the ones after it by their old numbers
  // pointed the minister at other advice, and nothing said so.
  it('warns when a decision names a recommendation by a number that meant another one', async () => {
    const recs = ['Release the reserve.', 'Open talks.', 'Ration fuel.', 'Call the army.'].map((action) => ({
      action,
    }));
    const decisions = [{ decision: 'Act now?', recommendations: [1, 2, 3] }];
    const changes = await compare(
      { recommendations: recs, decisions },
      { recommendations: recs.filter((_, index) => index !== 1), decisions },
    );
    const warnings = changes.warnings.filter((warning) => warning.code === 'renumbered');
    expect(warnings.map((warning) => `${warning.path}: ${warning.message}`)).toEqual([
      'decisions[0].recommendations: recommendation 2 is now "Ration fuel."; in old.yaml it was "Open talks."',
      'decisions[0].recommendations: recommendation 3 is now "Call the army."; in old.yaml it was "Ration fuel."',
    ]);
    // Numbers that still name what they named: no warning.
    const kept = await compare({ recommendations: recs, decisions }, { recommendations: recs, decisions });
    expect(kept.warnings).toEqual([]);
  });

  it('a change_note alone is no change: it is the reason for one', async () => {
    const note = (change_note: string) => ({ risks: risksWith(0, { change_note }) });
    for (const [previous, current] of [
      [{}, note('Two sources now.')],
      [note('Two sources now.'), {}],
      [note('Two sources now.'), note('Three sources now.')],
    ] as const) {
      const changes = await compare(previous, current);
      expect(changes.risks.items[0]).toMatchObject({ status: 'unchanged', judgments: [] });
      expect(changes.changed).toBe(false);
    }
  });
});

describe('the heading', () => {
  const heading = async (keys: Fields) => (await compare(keys, {})).since;
  it('says the version and as_of, else the date, else "the previous version" (dates as the title slide shows them)', async () => {
    expect(await heading({})).toEqual({
      heading: 'Changes since version 1.0 (31 January 2025, 16:00 UTC)',
      label: 'version 1.0 (31 January 2025, 16:00 UTC)',
      version: '1.0',
      asOf: '2025-01-31T16:00Z',
    });
    // The date in the long form the title slide shows, in the briefing's language.
    expect((await heading({ as_of: undefined, date: '2025-01-31' })).heading).toBe(
      'Changes since version 1.0 (31 January 2025)',
    );
    expect((await heading({ as_of: undefined, date: '2025-01-31', language: 'de' })).heading).toBe(
      'Changes since version 1.0 (31. Januar 2025)',
    );
    expect((await heading({ version: 'Draft 3', as_of: undefined })).heading).toBe('Changes since Draft 3');
    expect((await heading({ version: undefined, as_of: '2025-01-31T18:00+02:00' })).heading).toBe(
      'Changes since 31 January 2025, 18:00 UTC+02:00',
    );
    expect((await heading({ version: undefined, as_of: undefined, date: '31 Jan' })).heading).toBe(
      'Changes since 31 Jan',
    );
    expect((await heading({ version: undefined, as_of: undefined })).heading).toBe(
      'Changes since the previous version',
    );
  });
});

describe('the sample and an edited copy', () => {
  // One risk more likely, with a reason; one new actor; one recommendation dropped; a new version.
  const sample = readFileSync(path.join(ROOT, 'briefing.yaml'), 'utf8');
  const edited = readFileSync(path.join(CHANGES, 'sample-edited.yaml'), 'utf8');

  it('says exactly that, and nothing else', async () => {
    const changes = compareBriefings(
      await validateBriefing(parseBriefing(Buffer.from(sample), 'briefing.yaml', ROOT)),
      await validateBriefing(parseBriefing(Buffer.from(edited), 'sample-edited.yaml', CHANGES)),
    );
    expect(changes.changed).toBe(true);
    expect(changes.warnings).toEqual([]);
    expect(changes.otherKeys).toEqual([]);
    expect(changes.situation.summaryChanged).toBe(false);
    const changed = (list: { items: { status: string; path: string }[]; removed: { path: string }[] }) => [
      ...list.items
        .filter((item) => item.status !== 'unchanged')
        .map((item) => `${item.status} ${item.path}`),
      ...list.removed.map((item) => `removed ${item.path}`),
    ];
    expect({
      bluf: changed(changes.bluf),
      decisions: changed(changes.decisions),
      points: changed(changes.situation.points),
      timeline: changed(changes.timeline),
      actors: changed(changes.actors),
      risks: changed(changes.risks),
      recommendations: changed(changes.recommendations),
    }).toEqual({
      bluf: [],
      decisions: [],
      points: [],
      timeline: [],
      actors: ['new actors[7]'],
      risks: ['updated risks[0]'],
      recommendations: ['removed recommendations[2]'],
    });
    expect(changes.risks.items[0]).toMatchObject({
      fields: ['likelihood'],
      judgments: [{ text: 'likely → very likely ▲' }],
      reason: 'IS claimed **two attacks** near Qubba since 30 June.',
    });
    expect(changesAsText(changes)).toEqual([
      'Changes since version 1.0 (30 June 2015, 16:00 UTC)',
      'briefing.yaml → sample-edited.yaml',
      '',
      'Actors',
      '  NEW      actors[7]  Tunisian volunteers',
      '',
      'Risks',
      '  UPDATED  risks[0]  IS reprisal attacks: likelihood',
      '           likely → very likely ▲',
      '           why: IS claimed two attacks near Qubba since 30 June.',
      '',
      'Recommendations',
      '  REMOVED  Create an environment in which civil society organisations can flourish.',
      '',
      '1 new, 1 updated, 1 removed; 1 judgment moved.',
    ]);
  });

  it('shows Markdown as its words in the text, citations as written, the JSON as written', async () => {
    const timeline = [
      { date: '20 January', event: 'The strike starts.' },
      { date: '3 February', event: 'Talks on a **new contract** [@union-site].', place: 'Rotterdam' },
    ];
    const sources = [{ id: 'union-site', title: 'The union’s site' }];
    const changes = await compare(
      { timeline, sources },
      {
        timeline: [timeline[0], { ...timeline[1], place: 'The Hague' }],
        recommendations: [
          ...(base().recommendations ?? []),
          { action: 'Ask the *army* to [drive](https://x.org) fuel.' },
        ],
        sources,
      },
    );
    const text = changesAsText(changes);
    expect(text).toContain('  UPDATED  timeline[1]  Talks on a new contract [@union-site]: place');
    expect(text).toContain('  NEW      recommendations[2]  Ask the army to drive fuel.');
    expect(text.join('\n')).not.toMatch(/\*|\]\(/);
    expect(changes.timeline.items[1]?.label).toBe('Talks on a **new contract** [@union-site].');
  });

  // Found by a review: the full stop before the keys stayed after a capital or an Arabic letter.
  it('drops the full stop before the keys that changed after any letter, not an abbreviation’s', async () => {
    const events = ['Talks with the EU.', 'محادثات في المدينة.', 'Talks in the U.S.'];
    const timeline = events.map((event) => ({ date: '3 February', event, place: 'Rotterdam' }));
    const changes = await compare(
      { timeline },
      { timeline: timeline.map((item) => ({ ...item, place: 'The Hague' })) },
    );
    const text = changesAsText(changes);
    expect(text).toContain('  UPDATED  timeline[0]  Talks with the EU: place');
    expect(text).toContain('  UPDATED  timeline[1]  محادثات في المدينة: place');
    expect(text).toContain('  UPDATED  timeline[2]  Talks in the U.S.: place');
  });

  it('is plain JSON', async () => {
    const changes = await compare({}, { risks: risksWith(0, { likelihood: 'very likely' }) });
    expect(JSON.parse(JSON.stringify(changes))).toEqual(changes);
  });
});
