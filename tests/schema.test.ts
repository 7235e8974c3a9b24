/**
 * The JSON Schema is derived from the same definition as the validator: the
 * file shipped is current, it is a valid draft 2020-12 schema, and the
 * schema and the validator agree on every valid briefing and on every kind
 * of shape mistake. docs/briefing-format.md says what the definition says.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { BriefingError } from '../src/errors.js';
import {
  ASPECTS,
  CONFIDENCES,
  IMPACTS,
  LIKELIHOODS,
  PRIORITIES,
  RELATION_TYPES,
  STANCES,
  TLP_LABELS,
} from '../src/format/briefing.js';
import { BRIEFING, type MappingSpec, type Spec } from '../src/format/format.js';
import { TLP_SHARING } from '../src/format/handling.js';
import { starterBriefing } from '../src/format/init.js';
import { parseBriefing } from '../src/format/load.js';
import { matches } from '../src/format/patterns.js';
import { briefingSchema } from '../src/format/schema.js';
import { validateBriefing } from '../src/format/validate.js';
import { FIXTURES, ROOT } from './_helpers.js';

const schema = briefingSchema();
// Union types (`["string", "number"]`) are plain JSON Schema; Ajv asks for them to be allowed by name.
const ajv = new Ajv2020({ allErrors: true, strict: true, allowUnionTypes: true });
// VS Code's hover text: not a JSON Schema keyword, declared so strict mode accepts it.
ajv.addKeyword('markdownDescription');
const schemaAccepts = ajv.compile(schema);

async function validatorAccepts(yaml: string, dir = FIXTURES): Promise<boolean> {
  try {
    await validateBriefing(parseBriefing(Buffer.from(yaml), 'b.yaml', dir));
    return true;
  } catch (error) {
    if (error instanceof BriefingError) return false;
    throw error;
  }
}

const read = (file: string) => readFileSync(path.join(ROOT, file), 'utf8');

describe('the JSON Schema', () => {
  it('is current on disk (npm run build writes it)', () => {
    const current = `${JSON.stringify(schema, null, 2)}\n`;
    expect(read('schema/briefing.schema.json'), 'stale: run npm run build (scripts/schema.mjs)').toBe(
      current,
    );
  });

  it('is a valid draft 2020-12 schema, with descriptions and values for completion', () => {
    expect(schema.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
    expect(ajv.validateSchema(schema), JSON.stringify(ajv.errors)).toBe(true);
    const properties = schema.properties as Record<string, Record<string, unknown>>;
    expect(Object.keys(properties)).toEqual(Object.keys(BRIEFING.keys));
    expect(schema.required).toEqual(['title', 'situation', 'actors', 'risks', 'recommendations']);
    expect(schema.additionalProperties).toBe(false);
    for (const [key, property] of Object.entries(properties)) {
      expect(property.description, key).toBeTruthy();
      expect(property.markdownDescription, key).toBeTruthy();
    }
    const risks = properties.risks as {
      items: { properties: Record<string, { anyOf: { enum?: string[] }[] }> };
    };
    const risk = risks.items.properties;
    expect(risk.likelihood?.anyOf[0]?.enum).toEqual(LIKELIHOODS.map((entry) => entry.term));
  });

  it('is what the briefings start with: the sample points at it', () => {
    expect(read('briefing.yaml').split('\n')[0]).toBe(
      '# yaml-language-server: $schema=./schema/briefing.schema.json',
    );
  });
});

describe('the schema and the validator agree', () => {
  const valid: [string, string][] = [
    ['briefing.yaml', read('briefing.yaml')],
    ['minimal.yaml', read('tests/fixtures/minimal.yaml')],
    ['long.yaml', read('tests/fixtures/long.yaml')],
    ['hostile.yaml', read('tests/fixtures/hostile.yaml')],
    ['decisions.yaml', read('tests/fixtures/decisions.yaml')],
    ['the starter briefing', starterBriefing()],
  ];
  for (const [name, yaml] of valid) {
    it(`on a valid briefing: ${name}`, async () => {
      expect(await validatorAccepts(yaml, ROOT)).toBe(true);
      expect(schemaAccepts(parse(yaml)), JSON.stringify(schemaAccepts.errors)).toBe(true);
    });
  }

  const minimal = read('tests/fixtures/minimal.yaml');
  const edit = (from: string, to: string) => {
    expect(minimal).toContain(from);
    return minimal.replace(from, to);
  };
  const written: [string, string][] = [
    ['words in any case, with hyphens', edit('likelihood: unlikely', 'likelihood: Roughly-Even  Chance')],
    ['an impact with an underscore', edit('impact: moderate', 'impact: VERY_HIGH')],
    ['a percentage with a space', edit('likelihood: unlikely', 'likelihood: 55 %')],
    ['a boundary percentage', edit('likelihood: unlikely', 'likelihood: "100.0%"')],
    ['a number as text', edit('title: Minimal briefing', 'title: 1984')],
    ['an empty optional key', `${minimal}subtitle:\n`],
    ['a colour name in capitals', `${minimal}deck:\n  accent: Navy\n  aspect: "4:3"\n  theme: dark\n`],
    ['a short hex colour', `${minimal}deck: { accent: "#abc" }\n`],
    ['an id that is a number', `${minimal}sources:\n  - id: 2015\n    title: T\n`],
    [
      'a relation',
      edit(
        '    role: Did it.\n',
        '    role: Did it.\n  - name: Other\n    role: R\n    relations: [{ with: Someone, type: Support }]\n',
      ),
    ],
    ['as_of with an offset', `${minimal}as_of: 2015-06-30T18:00+02:00\n`],
    ['as_of with seconds, a fraction and small letters', `${minimal}as_of: 2015-06-30t16:00:05.25z\n`],
    ['as_of with a short offset', `${minimal}as_of: 2015-06-30T11:00-0500\n`],
    ['as_of on a leap day', `${minimal}as_of: 2016-02-29T00:00+01\n`],
    ['a version as a number', `${minimal}version: 1.10\n`],
    ['a contact with an e-mail address only', `${minimal}contact: { email: desk@example.org }\n`],
    ['a contact with a name only', `${minimal}contact: { name: Duty officer, phone: 0123 }\n`],
    ['a handling line', `${minimal}classification: TLP:RED\nhandling: Not for onward distribution.\n`],
    [
      'decisions with every kind of deadline',
      `${minimal}decisions:\n  - { decision: A, deadline: 2015-06-30 }\n  - { decision: B, deadline: 2015-06-30T16:00Z }\n  - { decision: C, deadline: Before the vote }\n  - { decision: D, deadline: 2016, id: d-4 }\n`,
    ],
    [
      'a deadline that begins with a date',
      `${minimal}decisions: [{ decision: A, deadline: 2015-06-30 at noon }]\n`,
    ],
    ['a recommendation number quoted', `${minimal}decisions: [{ decision: A, recommendations: ["1 "] }]\n`],
    ['a language with a script and a region', `${minimal}language: zh-Hant-TW\n`],
    ['a language with a script', `${minimal}language: sr-Latn\n`],
    ['a language in any case', `${minimal}language: EN-gb\n`],
  ];
  for (const [name, yaml] of written) {
    it(`on a value written loosely: ${name}`, async () => {
      expect(await validatorAccepts(yaml)).toBe(true);
      expect(schemaAccepts(parse(yaml)), JSON.stringify(schemaAccepts.errors)).toBe(true);
    });
  }

  const mistakes: [string, string][] = [
    ['an unknown key', `${minimal}subtitel: Typo\n`],
    ['an unknown key in an item', edit('    role: Did it.', '    role: Did it.\n    rol: again')],
    ['a wrong type: a list for text', edit('title: Minimal briefing', 'title: [a, b]')],
    ['a wrong type: a boolean for text', edit('title: Minimal briefing', 'title: true')],
    [
      'a wrong type: a mapping for a list',
      edit('recommendations:\n  - action: Watch for it.', 'recommendations: { action: x }'),
    ],
    ['a wrong type: a number for a likelihood', edit('likelihood: unlikely', 'likelihood: 70')],
    ['a bad enum value: impact', edit('impact: moderate', 'impact: huge')],
    ['a bad enum value: stance', edit('    role: Did it.', '    role: Did it.\n    stance: hostle')],
    ['a bad enum value: aspect', `${minimal}deck: { aspect: "21:9" }\n`],
    ['a bad enum value: theme', `${minimal}deck: { theme: neon }\n`],
    ['an out-of-range percentage', edit('likelihood: unlikely', 'likelihood: 120%')],
    ['a percentage just over 100', edit('likelihood: unlikely', 'likelihood: "100.5%"')],
    ['a bad accent colour', `${minimal}deck: { accent: "url(x)" }\n`],
    ['a bad accent colour: no quotes needed, still not one', `${minimal}deck: { accent: "#12345" }\n`],
    ['a missing required key', edit('situation:\n  summary: Something happened.\n', '')],
    ['a missing required key in an item', edit('    impact: moderate\n', '')],
    ['an empty required key', edit('title: Minimal briefing', 'title:')],
    ['blank text', edit('title: Minimal briefing', 'title: "   "')],
    ['not a mapping: the file', '- a\n- b\n'],
    [
      'not a mapping: situation',
      edit('situation:\n  summary: Something happened.', 'situation: Something happened.'),
    ],
    ['too few items', edit('recommendations:\n  - action: Watch for it.', 'recommendations: []')],
    ['too many items', `${minimal}bluf: [a, b, c, d, e, f, g]\n`],
    ['an empty list item', `${minimal}bluf:\n  -\n`],
    ['a URL that is not http(s)', `${minimal}source: { title: R, url: "javascript:alert(1)" }\n`],
    ['an id that is not a slug', `${minimal}sources:\n  - id: Not A Slug\n    title: T\n`],
    ['an id that is a fraction', `${minimal}sources:\n  - id: 1.5\n    title: T\n`],
    ['a notes group that does not exist', `${minimal}notes: { situaton: Hello }\n`],
    ['as_of without a zone', `${minimal}as_of: 2015-06-30T16:00\n`],
    ['as_of without a time', `${minimal}as_of: 2015-06-30\n`],
    ['as_of in month 13', `${minimal}as_of: 2015-13-01T16:00Z\n`],
    ['as_of on day 32', `${minimal}as_of: 2015-01-32T16:00Z\n`],
    ['as_of at 24:00', `${minimal}as_of: 2015-06-30T24:00Z\n`],
    ['as_of as a number', `${minimal}as_of: 2015\n`],
    ['as_of in words', `${minimal}as_of: 30 June 2015\n`],
    ['a contact with neither name nor e-mail address', `${minimal}contact: { role: Desk, phone: "0123" }\n`],
    ['an empty contact', `${minimal}contact: {}\n`],
    ['a contact that is text', `${minimal}contact: Duty officer\n`],
    ['an e-mail address without a domain', `${minimal}contact: { email: desk }\n`],
    ['an e-mail address with a space', `${minimal}contact: { email: "a b@example.org" }\n`],
    ['an unknown key in a contact', `${minimal}contact: { name: N, mobile: "0123" }\n`],
    ['a handling line that is a list', `${minimal}handling: [a, b]\n`],
    ['decisions that are a mapping', `${minimal}decisions: { decision: A }\n`],
    ['a decision without its decision', `${minimal}decisions: [{ by: Cabinet }]\n`],
    ['an unknown key in a decision', `${minimal}decisions: [{ decision: A, owner: B }]\n`],
    ['a deadline without a zone', `${minimal}decisions: [{ decision: A, deadline: 2015-06-30T16:00 }]\n`],
    ['a deadline in month 13', `${minimal}decisions: [{ decision: A, deadline: 2015-13-01 }]\n`],
    [
      'a deadline with a space before the time',
      `${minimal}decisions: [{ decision: A, deadline: 2015-06-30 16:00Z }]\n`,
    ],
    ['a recommendation number 0', `${minimal}decisions: [{ decision: A, recommendations: [0] }]\n`],
    ['a negative recommendation number', `${minimal}decisions: [{ decision: A, recommendations: [-1] }]\n`],
    [
      'a fractional recommendation number',
      `${minimal}decisions: [{ decision: A, recommendations: [1.5] }]\n`,
    ],
    ['a recommendation number past 999', `${minimal}decisions: [{ decision: A, recommendations: [1000] }]\n`],
    ['a recommendation named by text', `${minimal}decisions: [{ decision: A, recommendations: [first] }]\n`],
    ['recommendations as one number', `${minimal}decisions: [{ decision: A, recommendations: 1 }]\n`],
    ['a decision id that is not a slug', `${minimal}decisions: [{ decision: A, id: Not A Slug }]\n`],
    ["a language's name for its code", `${minimal}language: french\n`],
    ["a language's name, capitalised", `${minimal}language: English\n`],
    ["a language's name in itself", `${minimal}language: deutsch\n`],
    ['a language tag with a space', `${minimal}language: en GB\n`],
  ];
  for (const [name, yaml] of mistakes) {
    it(`on a shape mistake: ${name}`, async () => {
      expect(await validatorAccepts(yaml)).toBe(false);
      expect(schemaAccepts(parse(yaml))).toBe(false);
    });
  }
});

describe('what only the validator sees', () => {
  const minimal = read('tests/fixtures/minimal.yaml');
  // The schema cannot count, compare values across the file, or know the calendar past its pattern.
  const cases: [string, string][] = [
    ['a day the calendar does not have', `${minimal}as_of: 2015-02-29T16:00Z\n`],
    [
      'a deadline on a day the calendar does not have',
      `${minimal}decisions: [{ decision: A, deadline: 2015-04-31 }]\n`,
    ],
    [
      'a recommendation number with no recommendation',
      `${minimal}decisions: [{ decision: A, recommendations: [2] }]\n`,
    ],
    [
      'a recommendation number listed twice',
      `${minimal}decisions: [{ decision: A, recommendations: [1, 1] }]\n`,
    ],
    ['two decisions with one id', `${minimal}decisions: [{ decision: A, id: a }, { decision: B, id: a }]\n`],
  ];
  for (const [name, yaml] of cases) {
    it(name, async () => {
      expect(schemaAccepts(parse(yaml)), JSON.stringify(schemaAccepts.errors)).toBe(true);
      expect(await validatorAccepts(yaml)).toBe(false);
    });
  }

  it('every example a key gives is a right value of its rule', () => {
    const walk = (spec: Spec, at: string): void => {
      if (spec.type === 'text' && spec.rule)
        for (const example of spec.examples ?? []) {
          expect(matches(spec.rule.pattern, String(example)), `${at}: ${example}`).toBe(true);
          expect(spec.rule.also?.(String(example)) ?? true, `${at}: ${example}`).toBe(true);
        }
      if (spec.type === 'list') walk(spec.items, `${at}[]`);
      if (spec.type === 'mapping')
        for (const [key, inner] of Object.entries(spec.keys)) walk(inner, `${at}.${key}`);
    };
    walk(BRIEFING, '');
  });
});

describe('docs/briefing-format.md says what the definition says', () => {
  const doc = read('docs/briefing-format.md');
  /** The rows of the table under `## heading`: the keys (in backticks) of the first column, and the other cells. */
  function table(heading: string): { keys: string[]; cells: string[] }[] {
    const section = doc.split(/^## /m).find((part) => part.startsWith(`${heading}\n`)) ?? '';
    return section
      .split('\n')
      .filter((line) => line.startsWith('| `'))
      .map((line) => {
        const [first = '', ...cells] = line
          .slice(1, -1)
          .split(/(?<!\\)\|/)
          .map((cell) => cell.trim());
        return { keys: [...first.matchAll(/`([^`]+)`/g)].map((match) => match[1] as string), cells };
      });
  }
  const mappingAt = (spec: Spec): MappingSpec => {
    const inner = spec.type === 'list' ? spec.items : spec;
    if (inner.type !== 'mapping') throw new Error(`${spec.description} is not a mapping`);
    return inner;
  };
  const sections: [string, MappingSpec][] = [
    ['Top level', BRIEFING],
    ['contact', mappingAt(BRIEFING.keys.contact)],
    ['decisions items', mappingAt(BRIEFING.keys.decisions)],
    ['situation', mappingAt(BRIEFING.keys.situation)],
    ['timeline items', mappingAt(BRIEFING.keys.timeline)],
    ['actors items', mappingAt(BRIEFING.keys.actors)],
    ['risks items', mappingAt(BRIEFING.keys.risks)],
    ['recommendations items', mappingAt(BRIEFING.keys.recommendations)],
    ['sources items', mappingAt(BRIEFING.keys.sources)],
    ['deck', mappingAt(BRIEFING.keys.deck)],
  ];
  for (const [heading, spec] of sections) {
    it(`## ${heading}: the same keys, the same required ones`, () => {
      const rows = table(heading);
      expect(rows.flatMap((row) => row.keys)).toEqual(Object.keys(spec.keys));
      if (heading === 'deck') return; // the deck table has no "required" column: none is
      for (const row of rows) {
        for (const key of row.keys) {
          expect(row.cells[1]?.startsWith('yes'), `${heading}: ${key}`).toBe(
            spec.keys[key]?.required === true,
          );
        }
      }
    });
  }

  it('lists the same allowed words', () => {
    const words = (cell: string | undefined) => [...(cell ?? '').matchAll(/`([^`]+)`/g)].map((m) => m[1]);
    const row = (heading: string, key: string) => table(heading).find((r) => r.keys.includes(key))?.cells;
    expect(words(row('actors items', 'stance')?.[0])).toEqual([...STANCES]);
    expect(words(row('risks items', 'impact')?.[0])).toEqual([...IMPACTS]);
    expect(words(row('risks items', 'confidence')?.[0])).toEqual([...CONFIDENCES]);
    expect(words(row('recommendations items', 'priority')?.[0])).toEqual([...PRIORITIES]);
    expect(words(row('deck', 'aspect')?.[0])).toEqual([...ASPECTS]);
    expect(words(row('actors items', 'relations')?.[2]).slice(-4)).toEqual([...RELATION_TYPES]);
    const likelihood = row('risks items', 'likelihood')?.[2] ?? '';
    expect(words(likelihood).slice(0, 7)).toEqual(LIKELIHOODS.map((entry) => entry.term));
    for (const { term, min, max } of LIKELIHOODS)
      expect(likelihood).toContain(`\`${term}\` (${min}–${max}%)`);
  });

  it('gives each TLP 2.0 label the sharing rule the code gives it', () => {
    const rows = table('handling').map((row) => [row.keys[0], row.cells[0]]);
    expect(rows).toEqual(TLP_LABELS.map((label) => [label, TLP_SHARING[label]]));
  });

  it('says what the definition says of list sizes and notes groups', () => {
    expect(doc).toContain('| `bluf` | list of 1–6 strings');
    expect(BRIEFING.keys.bluf).toMatchObject({ min: 1, max: 6 });
    for (const key of ['actors', 'risks', 'recommendations'] as const) {
      expect(doc).toContain(`| \`${key}\` | list (at least 1) | yes |`);
      expect(BRIEFING.keys[key]).toMatchObject({ min: 1, required: true });
    }
    const notes = table('Top level').find((r) => r.keys.includes('notes'))?.cells[2] ?? '';
    expect([...notes.matchAll(/`([^`]+)`/g)].map((m) => m[1])).toEqual(Object.keys(BRIEFING.keys.notes.keys));
  });
});
