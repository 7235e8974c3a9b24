/**
 * The parser/validator boundary: any input gives a briefing or a user error
 * (BriefingError), never a crash, whatever bytes or YAML structure it gets.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { BriefingError } from '../src/errors.js';
import { parseBriefing } from '../src/load.js';
import { buildDeckModel } from '../src/model.js';
import { validateBriefing } from '../src/validate.js';
import { FIXTURES, ROOT } from './_helpers.js';

async function outcome(bytes: Uint8Array): Promise<'valid' | 'invalid'> {
  try {
    const briefing = await validateBriefing(parseBriefing(bytes, 'p.yaml', FIXTURES));
    buildDeckModel(briefing);
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
