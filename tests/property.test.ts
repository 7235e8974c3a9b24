/**
 * The parser/validator boundary: any input gives a briefing or a user error
 * (BriefingError), never a crash, whatever bytes or YAML structure it gets.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { BriefingError } from '../src/errors.js';
import { BRIEFING, type Spec } from '../src/format/format.js';
import { parseBriefing } from '../src/format/load.js';
import { briefingSchema } from '../src/format/schema.js';
import { validateBriefing } from '../src/format/validate.js';
import { deckModelOf, FIXTURES, ROOT } from './_helpers.js';

async function outcome(bytes: Uint8Array): Promise<'valid' | 'invalid'> {
  try {
    const briefing = await validateBriefing(parseBriefing(bytes, 'p.yaml', FIXTURES));
    deckModelOf(briefing);
    return 'valid';
  } catch (error) {
    if (error instanceof BriefingError) {
      for (const problem of error.problems) {
        expect(problem.line).toBeGreaterThanOrEqual(1);
        expect(problem.col).toBeGreaterThanOrEqual(1);
        expect(problem.message.length).toBeGreaterThan(0);
      }
      return 'invalid';
    }
    throw error;
  }
}

const sample = readFileSync(path.join(ROOT, 'briefing.yaml'), 'utf8');
const keys = [
  'title',
  'situation',
  'summary',
  'actors',
  'name',
  'role',
  'risks',
  'likelihood',
  'impact',
  'recommendations',
  'action',
  'relations',
  'with',
  'type',
  'sources',
  'id',
  'deck',
  'notes',
  'bluf',
  'timeline',
  'date',
  'event',
];

describe('any input is a briefing or a user error', () => {
  it('arbitrary bytes', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 400 }), async (bytes) => {
        await outcome(bytes);
      }),
      { numRuns: 300 },
    );
  });

  it("arbitrary YAML documents built from the format's own keys", async () => {
    const value = fc.letrec((tie) => ({
      node: fc.oneof(
        { depthSize: 'small' },
        fc.string(),
        fc.integer(),
        fc.boolean(),
        fc.constant(null),
        fc.constantFrom(
          'likely',
          '70%',
          'hostile',
          'conflict',
          'high',
          '16:9',
          '#fff',
          'light',
          '[@x]',
          '<script>',
        ),
        fc.array(tie('node'), { maxLength: 4 }),
        fc.dictionary(fc.constantFrom(...keys), tie('node'), { maxKeys: 5 }),
      ),
    })).node;
    await fc.assert(
      fc.asyncProperty(fc.dictionary(fc.constantFrom(...keys), value, { maxKeys: 8 }), async (doc) => {
        await outcome(Buffer.from(stringify(doc)));
      }),
      { numRuns: 300 },
    );
  });

  it('the sample with any one line removed or cut short', async () => {
    const lines = sample.split('\n');
    await fc.assert(
      fc.asyncProperty(fc.nat({ max: lines.length - 1 }), fc.nat({ max: 80 }), async (index, cut) => {
        const removed = [...lines.slice(0, index), ...lines.slice(index + 1)].join('\n');
        const shortened = [
          ...lines.slice(0, index),
          (lines[index] ?? '').slice(0, cut),
          ...lines.slice(index + 1),
        ].join('\n');
        await outcome(Buffer.from(removed));
        await outcome(Buffer.from(shortened));
      }),
      { numRuns: 200 },
    );
  });
});

/**
 * Documents made from the format's own definition, each value right or nearly
 * right (a word in capitals, a percentage over 100, a key left out, an
 * unknown key, a boolean for text). The schema and the validator are derived
 * from the same definition, so they must say the same of every one, except
 * for what a schema cannot see: names and citations that refer to each other.
 */
describe('the schema and the validator agree on documents made from the definition', () => {
  const ajv = new Ajv2020({ allErrors: true, strict: true, allowUnionTypes: true });
  ajv.addKeyword('markdownDescription');
  const schemaAccepts = ajv.compile(briefingSchema());

  /** Right values only when `right`; otherwise right or nearly right. */
  const words = (values: readonly string[], right: boolean) =>
    fc.oneof(
      fc.constantFrom(...values),
      fc.constantFrom(...values).map((word) => ` ${word.toUpperCase().replace(/ /g, '-')} `),
      ...(right ? [] : [fc.constantFrom('', 'nope', 'very_very high', 'likely!')]),
    );
  const text = (right: boolean) =>
    right
      ? fc.oneof(fc.constantFrom('Some text', '1984', 'x: y'), fc.integer())
      : fc.oneof(
          fc.string({ maxLength: 12 }),
          fc.constantFrom('Some text', '  ', '1984', 'yes', 'a: b'),
          fc.integer(),
          fc.double({ noNaN: true, noDefaultInfinity: true }),
          fc.boolean(),
        );
  function arbitrary(spec: Spec, right: boolean): fc.Arbitrary<unknown> {
    switch (spec.type) {
      case 'text':
        if (spec.rule) {
          // A key's own examples are right values of its rule (a date and time for `as_of`).
          if (right && spec.examples) return fc.constantFrom(...spec.examples);
          return right
            ? fc.constantFrom(
                'report-1',
                '#1f4e79',
                '#ABC',
                ' Navy ',
                'https://example.org/x',
                'HTTP://x.org',
              )
            : fc.oneof(
                fc.constantFrom('report-1', 'Not A Slug', '#1f4e79', '#abc', '#12345', 'Navy', 'navy blue'),
                fc.constantFrom(
                  'https://example.org/x',
                  'HTTP://x.org',
                  'javascript:alert(1)',
                  'http://',
                  'ftp://x',
                ),
                fc.integer({ min: -5, max: 3000 }),
                fc.double({ noNaN: true, noDefaultInfinity: true }),
              );
        }
        return text(right);
      case 'choice':
        if (!spec.percent) return words(spec.values, right);
        return fc.oneof(
          words(spec.values, right),
          fc.constantFrom('70%', '55 %', '100.0%', '007%', ...(right ? [] : ['100.5%', '120%', '-5%', '70'])),
        );
      case 'file':
        return right
          ? fc.constantFrom(...(spec.builtIn ?? []))
          : fc.constantFrom(...(spec.builtIn ?? []), 'neon', 'DARK', 3);
      case 'list': {
        const min = spec.min ?? 0;
        return right
          ? fc.array(arbitrary(spec.items, right), { minLength: min, maxLength: min })
          : fc.array(arbitrary(spec.items, right), { maxLength: spec.max !== undefined ? spec.max + 1 : 3 });
      }
      case 'mapping': {
        // Files other than built-in names are left out: whether they exist is no question of shape.
        const keys = Object.entries(spec.keys).filter(
          ([, inner]) => !(inner.type === 'file' && !inner.builtIn),
        );
        const required = keys.filter(([, inner]) => inner.required).map(([key]) => key);
        const record = fc.record(
          Object.fromEntries(keys.map(([key, inner]) => [key, arbitrary(inner, right)])),
          {
            requiredKeys: right ? required : [],
          },
        );
        if (right) return record;
        return fc.tuple(record, fc.nat(9)).map(([value, roll]) => {
          const out: Record<string, unknown> = { ...value };
          // Now and then an unknown key, or an empty value.
          if (roll === 0) out.extra = 'x';
          if (roll === 1 && keys[0]) out[keys[0][0]] = null;
          return out;
        });
      }
    }
  }
  const crossReference =
    /^duplicate |is not an actor in this file|cannot have a relation with itself|^cites unknown source|^there is no recommendation /;

  it('accept and refuse the same documents', async () => {
    let both = 0;
    await fc.assert(
      fc.asyncProperty(fc.oneof(arbitrary(BRIEFING, true), arbitrary(BRIEFING, false)), async (document) => {
        const yaml = stringify(document);
        let valid = true;
        try {
          await validateBriefing(parseBriefing(Buffer.from(yaml), 'p.yaml', FIXTURES));
        } catch (error) {
          if (!(error instanceof BriefingError)) throw error;
          fc.pre(!error.problems.every((problem) => crossReference.test(problem.message)));
          valid = false;
        }
        expect(schemaAccepts(parse(yaml)), yaml).toBe(valid);
        if (valid) both += 1;
      }),
      { numRuns: 400 },
    );
    expect(both).toBeGreaterThan(50);
  });
});
