/**
 * What a key of the briefing format can be, and how format.ts writes it down:
 * the kinds of value (text, one of a few words, a list, a mapping, a file),
 * what each gives once valid (`Value`), the builders the table is written
 * with, and what a mistake says (`Message`). validate.ts walks these kinds
 * over the YAML; schema.ts turns each into JSON Schema.
 */

import type { Asset } from './briefing.js';

// ── the kinds of value ────────────────────────────────────────────────────

/** What the user reads about a mistake: what is wrong, and what to do. */
export interface Message {
  message: string;
  hint?: string;
}

interface About {
  /** What the key holds, for the docs and an editor's hover; Markdown. */
  description: string;
  /** Values an editor may offer. */
  examples?: readonly (string | number)[];
  /** The key must be present and not empty. */
  required?: boolean;
  /** What an absent (or empty) key means. */
  default?: unknown;
}

/** Text. A number is taken as written (`title: 1984`); a boolean or a mapping is a mistake with a quoting hint. */
export interface TextSpec extends About {
  type: 'text';
  /** Markdown keeps its spacing and may cite sources (`[@id]`); plain text is trimmed. */
  markdown?: 'inline' | 'block';
  /** A further rule on the trimmed text. */
  rule?: TextRule;
  /** No two values of this key in the file may be the same; names what the value is (`actor name`). */
  unique?: string;
  /** How values are compared for `unique`, when not as `sameness` says (a location's name: as a place). */
  uniqueBy?: (text: string) => string;
  /** The value must be one of the values of the key marked `unique: reference.to`. */
  refersTo?: Reference;
  /** The value is the number, counting from 1, of an item of a list (with a rule that makes it a number). */
  numberOf?: ItemNumber;
}

export interface TextRule {
  /** The whole trimmed text must match this (ECMA-262, no flags). */
  pattern: string;
  /**
   * Which numbers written in the file may match, as written: none (the default), any integer (an id
   * `2015`), the integers of a range (a recommendation's number), or any number (free text that only
   * rules out some forms). The schema says it by type and bounds: a pattern does not apply to a number.
   */
  numbers?: 'integer' | 'any' | { minimum: number; maximum: number };
  /** A check no pattern can make (that `new URL` parses it); the schema has only the pattern. */
  also?: (text: string) => boolean;
  /** The value kept, once valid. */
  normalise?: (text: string) => string;
  problem: (text: string) => Message;
}

export interface Reference {
  /** The `unique` name of the key whose values this one must name. */
  to: string;
  /** Said of a value that names none: `is not an actor in this file`. */
  notFound: string;
  /** Said of a value that names the item it is written in. */
  self: string;
  /** Introduces the values it may name, in the hint: `the actors are`. */
  listed: string;
}

export interface ItemNumber {
  /** The top-level list whose items are numbered as shown: `recommendations`. */
  list: string;
  /** One of its items, in a message: `recommendation`. */
  what: string;
}

/** One of a few words, in any case, with spaces, hyphens or underscores between words. */
export interface ChoiceSpec<T extends string = string> extends About {
  type: 'choice';
  values: readonly T[];
  /** One of them, in a message: `a stance`. */
  what: string;
  /** A percentage is also accepted, and mapped to a value. */
  percent?: { pattern: string; toValue: (percent: number) => T };
}

export interface ListSpec<I extends Spec = Spec> extends About {
  type: 'list';
  items: I;
  min?: number;
  max?: number;
}

export interface MappingSpec<K extends Record<string, Spec> = Record<string, Spec>> extends About {
  type: 'mapping';
  keys: K;
  /** At least one of these keys must be given (a contact needs a name or an email). */
  atLeastOneOf?: readonly (keyof K & string)[];
}

/** A file next to the briefing (relative to it), or one of a few built-in names. */
export interface FileSpec extends About {
  type: 'file';
  /** One of them, in a message: `theme`. */
  what: string;
  accept: readonly Asset['mediaType'][];
  builtIn?: readonly string[];
  /** The file name must end so (`.css`). */
  extension?: string;
}

export type Spec = TextSpec | ChoiceSpec | ListSpec | MappingSpec | FileSpec;

/** The value a spec gives once valid: what validate.ts returns before the files are read. */
export type Value<S> =
  S extends ChoiceSpec<infer T>
    ? T
    : S extends TextSpec | FileSpec
      ? string
      : S extends ListSpec<infer I>
        ? Value<I>[]
        : S extends MappingSpec<infer K>
          ? Shape<K>
          : never;

type Given<S> = S extends { required: true } ? true : S extends { default: unknown } ? true : false;
type Shape<K> = Flat<
  { [P in keyof K as Given<K[P]> extends true ? P : never]: Value<K[P]> } & {
    [P in keyof K as Given<K[P]> extends true ? never : P]?: Value<K[P]>;
  }
>;
type Flat<T> = { [P in keyof T]: T[P] };

// ── builders: they only fill in `type`, so the table in format.ts reads as a table ──

type Options<S> = Omit<S, 'type' | 'description'>;

export function text<const O extends Options<TextSpec>>(description: string, options?: O): TextSpec & O {
  return { type: 'text', description, ...(options as O) };
}

export function choice<T extends string, const O extends Omit<Options<ChoiceSpec<T>>, 'values' | 'what'>>(
  values: readonly T[],
  what: string,
  description: string,
  options?: O,
): ChoiceSpec<T> & O {
  return { type: 'choice', values, what, description, examples: values, ...(options as O) };
}

export function list<I extends Spec, const O extends Omit<Options<ListSpec<I>>, 'items'>>(
  items: I,
  description: string,
  options?: O,
): ListSpec<I> & O {
  return { type: 'list', items, description, ...(options as O) };
}

export function mapping<
  K extends Record<string, Spec>,
  const O extends Omit<Options<MappingSpec<K>>, 'keys'>,
>(keys: K, description: string, options?: O): MappingSpec<K> & O {
  return { type: 'mapping', keys, description, ...(options as O) };
}

/** The keys a mapping requires, in the order defined. */
export function requiredKeys(spec: MappingSpec): string[] {
  return Object.entries(spec.keys)
    .filter(([, key]) => key.required)
    .map(([name]) => name);
}

/** Cuts text for a message. */
export function truncate(text: string, max = 40): string {
  const one = text.replace(/\s+/g, ' ');
  return one.length > max ? `${one.slice(0, max - 1)}…` : one;
}
