/**
 * The JSON Schema (draft 2020-12) of the briefing format, derived from the
 * definition in format.ts: what `briefdeck schema` prints and
 * schema/briefing.schema.json holds, so that an editor (VS Code's YAML
 * extension, through `# yaml-language-server: $schema=…`) completes keys and
 * values and underlines mistakes as the analyst types.
 *
 * The validator and the schema decide every value with the same patterns;
 * what a schema cannot say is left to `briefdeck validate`: that names are
 * unique, that relations, citations and recommendation numbers name something
 * in the file, that a date is on the calendar (`2015-02-29`), that the theme
 * and logo files exist and are safe.
 */
import { BRIEFING } from './format.js';
import { filePatterns, loosePattern, wholePattern } from './patterns.js';
import { requiredKeys, type Spec, type TextRule } from './specs.js';

export const SCHEMA_DRAFT = 'https://json-schema.org/draft/2020-12/schema';

export function briefingSchema(): Record<string, unknown> {
  return {
    $schema: SCHEMA_DRAFT,
    $id: 'urn:briefdeck:briefing',
    title: 'briefdeck briefing',
    ...schemaOf(BRIEFING, false),
  };
}

type Schema = Record<string, unknown>;

function schemaOf(spec: Spec, optional: boolean): Schema {
  const type = (...types: string[]): Schema => {
    const all = optional ? [...types, 'null'] : types;
    return { type: all.length === 1 ? all[0] : all };
  };
  const about: Schema = {
    description: spec.description.replace(/`/g, ''),
    markdownDescription: spec.description,
    ...(spec.default !== undefined ? { default: spec.default } : {}),
    ...(spec.examples ? { examples: [...spec.examples] } : {}),
  };
  switch (spec.type) {
    case 'mapping': {
      const required = requiredKeys(spec);
      return {
        ...type('object'),
        ...about,
        properties: Object.fromEntries(
          Object.entries(spec.keys).map(([key, inner]) => [key, schemaOf(inner, !inner.required)]),
        ),
        ...(required.length > 0 ? { required } : {}),
        // Each branch names its key again: a strict validator (Ajv) wants a required key defined beside it.
        ...(spec.atLeastOneOf
          ? { anyOf: spec.atLeastOneOf.map((key) => ({ properties: { [key]: true }, required: [key] })) }
          : {}),
        additionalProperties: false,
      };
    }
    case 'list':
      return {
        ...type('array'),
        ...about,
        items: schemaOf(spec.items, false),
        ...(spec.min !== undefined ? { minItems: spec.min } : {}),
        ...(spec.max !== undefined ? { maxItems: spec.max } : {}),
      };
    case 'text':
      // Text is trimmed; a number is taken as written, except where a rule says what the text must be.
      if (spec.rule)
        return { ...numbersOf(spec.rule, type), ...about, pattern: wholePattern(spec.rule.pattern) };
      return { ...type('string', 'number'), ...about, pattern: '\\S' };
    case 'choice':
      return {
        ...type('string'),
        ...about,
        anyOf: [
          { enum: [...spec.values] },
          { pattern: wholePattern(spec.values.map(loosePattern).join('|')) },
          ...(spec.percent ? [{ pattern: wholePattern(spec.percent.pattern) }] : []),
        ],
      };
    case 'file': {
      const { builtIn, extension } = filePatterns(spec);
      if (!builtIn && !extension) return { ...type('string'), ...about, pattern: '\\S' };
      return {
        ...type('string'),
        ...about,
        anyOf: [
          ...(builtIn ? [{ enum: [...(spec.builtIn ?? [])] }, { pattern: wholePattern(builtIn) }] : []),
          ...(extension ? [{ pattern: wholePattern(extension) }] : []),
        ],
      };
    }
  }
}

/** The types a rule's value may have, and the bounds of a number (the pattern applies only to text). */
function numbersOf(rule: TextRule, type: (...types: string[]) => Schema): Schema {
  const { numbers } = rule;
  if (numbers === undefined) return type('string');
  if (numbers === 'any') return type('string', 'number');
  if (numbers === 'integer') return type('string', 'integer');
  return { ...type('string', 'integer'), minimum: numbers.minimum, maximum: numbers.maximum };
}
