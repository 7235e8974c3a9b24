/**
 * Stage 2: check a parsed briefing against the format and turn it into a
 * typed `Briefing`. A thin layer over the definition in format.ts: it walks
 * the definition over the YAML (read with places by yamlTree.ts), says what
 * is wrong and where, has the rules that span keys checked (unique names,
 * references, citations, recommendation numbers: crossReferences.ts), and
 * has the files the deck names read (deckFiles.ts). Every problem is
 * collected; if there is any, a `BriefingError` lists them all in file order
 * and nothing downstream runs.
 */

import type { Node } from 'yaml';
import { BriefingError, type Problem } from '../errors.js';
import type { Briefing, DeckSettings, Position } from './briefing.js';
import { contrastRatio, MIN_TEXT_CONTRAST } from './colourContrast.js';
import { CrossReferences } from './crossReferences.js';
import { instantOf, readDeadline } from './dateTimes.js';
import { readDeckFile } from './deckFiles.js';
import { nearest } from './didYouMean.js';
import { figuresOf, locationsOf, mapOf, readFigureImages } from './figureFiles.js';
import { BRIEFING } from './format.js';
import { handlingLine } from './handling.js';
import type { LoadedBriefing } from './load.js';
import { markingTooLong } from './marking.js';
import { filePatterns, loosePattern, matches } from './patterns.js';
import {
  type ChoiceSpec,
  type FileSpec,
  type ListSpec,
  type MappingSpec,
  type Message,
  requiredKeys,
  type Spec,
  type TextSpec,
  truncate,
  type Value,
} from './specs.js';
import { codePoint, controlCharacter, invisibleCharacter } from './textRules.js';
import { joinPath } from './yamlPaths.js';
import { type Entry, type YamlNode, YamlTree, type YamlValue } from './yamlTree.js';

/** Problems listed at most; the rest are counted. */
const MAX_PROBLEMS = 100;

export async function validateBriefing(loaded: LoadedBriefing): Promise<Briefing> {
  const check = new Check(loaded);
  const value = check.read(BRIEFING, check.tree.root, '') as Value<typeof BRIEFING> | undefined;
  check.crossReferences();
  const deck = await check.deck(value?.deck, value?.classification);
  const visuals = await check.visuals(value);
  if (check.problems.length > 0 || value === undefined)
    throw new BriefingError(inFileOrder(check.problems), check.suppressed);
  return { ...briefingOf(value), ...visuals, deck, positions: check.positions, file: loaded.file };
}

/** The valid value as a `Briefing`: the keys that mean more than their text (a time, a default) read. */
function briefingOf(value: Value<typeof BRIEFING>): Omit<Briefing, 'deck' | 'positions' | 'file' | Visual> {
  const { deck: _settings, as_of: asOf, handling, decisions, ...all } = value;
  const { figures: _figures, locations: _locations, map: _map, ...rest } = all;
  // The definition and the `Briefing` type must agree; the compiler checks it here.
  const briefing: Omit<Briefing, 'deck' | 'positions' | 'file' | 'asOf' | 'handling' | 'decisions' | Visual> =
    rest;
  const instant = asOf === undefined ? undefined : instantOf(asOf);
  const line = handlingLine(handling, rest.classification);
  return {
    ...briefing,
    ...(instant ? { asOf: instant } : {}),
    ...(line ? { handling: line } : {}),
    decisions: decisions.map(({ deadline, recommendations, ...decision }) => ({
      ...decision,
      ...(deadline !== undefined ? { deadline: readDeadline(deadline) } : {}),
      recommendations: recommendations.map(Number),
    })),
  };
}

/** The keys of figures and the map (figureFiles.ts). */
type Visual = 'figures' | 'locations' | 'map';

function inFileOrder(problems: Problem[]): Problem[] {
  return [...problems].sort((a, b) => a.line - b.line || a.col - b.col);
}

/** Any text, as choices and file names are first read. */
const PLAIN: TextSpec = { type: 'text', description: '' };
const DECK_KEYS = BRIEFING.keys.deck.keys;

class Check {
  readonly problems: Problem[];
  /** Where each YAML path starts: every mapping, list, list item and value read. */
  readonly positions = new Map<string, Position>();
  readonly tree: YamlTree;
  suppressed = 0;
  private readonly cross: CrossReferences;
  private readonly files = new Map<FileSpec, { node: Node; path: string; written: string }>();

  constructor(private readonly loaded: LoadedBriefing) {
    this.problems = [...loaded.problems];
    this.tree = new YamlTree(loaded, (node, path, message, hint) =>
      this.problem(node, path, { message, hint }),
    );
    this.cross = new CrossReferences(this.tree);
  }

  // ── problems ───────────────────────────────────────────────────────────

  /** Enough problems to act on; past this they are counted, not listed (and not worked out). */
  private get full(): boolean {
    return this.problems.length >= MAX_PROBLEMS;
  }

  private problem(node: YamlNode, path: string, message: Message): void {
    this.add(this.tree.where(node), path, message);
  }

  /** A problem at the place recorded for `path`. */
  private problemAt(path: string, message: Message): void {
    this.add(this.positions.get(path) ?? { line: 1, col: 1 }, path, message);
  }

  private add(place: Position, path: string, { message, hint }: Message): void {
    if (this.full) {
      this.suppressed += 1;
      return;
    }
    this.problems.push({ file: this.loaded.file, ...place, path, message, ...(hint ? { hint } : {}) });
  }

  // ── the walk ───────────────────────────────────────────────────────────

  /** The value `spec` gives for `node`, or undefined when it is wrong (the problem is reported). */
  read(spec: Spec, node: YamlNode, path: string): unknown {
    return this.readValue(spec, this.tree.read(node, path), path);
  }

  private readValue(spec: Spec, value: YamlValue, path: string): unknown {
    if (value.kind === 'lost') return undefined;
    if (value.node) this.positions.set(path, this.tree.where(value.node));
    switch (spec.type) {
      case 'mapping':
        return this.mapping(spec, value, path);
      case 'list':
        return this.list(spec, value, path);
      case 'text':
        return this.text(spec, value, path);
      case 'choice':
        return this.choice(spec, value, path);
      case 'file':
        return this.file(spec, value, path);
    }
  }

  private mapping(spec: MappingSpec, value: YamlValue, path: string): Record<string, unknown> | undefined {
    if (value.kind !== 'mapping') {
      const required = requiredKeys(spec);
      const keys = (required.length > 0 ? required : Object.keys(spec.keys)).join(', ');
      this.problem(value.node, path, {
        message: `must be a mapping with keys ${keys}${YamlTree.found(value)}`,
      });
      return undefined;
    }
    const out: Record<string, unknown> = {};
    /** Required keys an unknown key is a close typo of: its did-you-mean says what is missing. */
    const guessed = new Set<string>();
    for (const entry of value.entries) {
      if (entry.key === undefined) {
        this.problem(entry.keyNode, path, { message: 'keys must be plain words' });
        continue;
      }
      const keyPath = joinPath(path, entry.key);
      if (!Object.hasOwn(spec.keys, entry.key)) {
        this.unknownKey(spec, entry, keyPath, guessed);
        continue;
      }
      const keySpec = spec.keys[entry.key] as Spec;
      const item = this.tree.read(entry.value, keyPath);
      if (item.kind !== 'empty') out[entry.key] = this.readValue(keySpec, item, keyPath);
      else if (keySpec.required)
        this.problem(item.node ?? entry.keyNode, keyPath, { message: 'is required but empty' });
      // An optional key written with no value (`subtitle:`) is taken as absent.
    }
    for (const [key, keySpec] of Object.entries(spec.keys)) {
      if (Object.hasOwn(out, key)) continue;
      const written = value.entries.some((entry) => entry.key === key);
      if (keySpec.required && !written && !guessed.has(key))
        this.problem(value.node, joinPath(path, key), { message: 'is required but missing' });
      else if (keySpec.default !== undefined && !keySpec.required)
        out[key] = structuredClone(keySpec.default);
    }
    // A key written, even wrongly, or guessed from a typo, is not also reported missing.
    const given = (key: string) => value.entries.some((entry) => entry.key === key) || guessed.has(key);
    if (spec.atLeastOneOf && !spec.atLeastOneOf.some(given))
      this.problem(value.node, path, {
        message: `needs ${spec.atLeastOneOf.map((key) => `"${key}"`).join(' or ')}`,
      });
    return out;
  }

  private unknownKey(spec: MappingSpec, entry: Entry, keyPath: string, guessed: Set<string>): void {
    if (this.full) {
      this.suppressed += 1;
      return;
    }
    const known = Object.keys(spec.keys);
    const guess = nearest(entry.key as string, known);
    if (guess !== undefined) guessed.add(guess);
    this.problem(entry.keyNode, keyPath, {
      message: `unknown key "${entry.key}"`,
      hint: guess !== undefined ? `did you mean "${guess}"?` : `known keys: ${known.join(', ')}`,
    });
  }

  private list(spec: ListSpec, value: YamlValue, path: string): unknown[] | undefined {
    if (value.kind !== 'list') {
      this.problem(value.node, path, { message: `must be a list${YamlTree.found(value)}` });
      return undefined;
    }
    this.cross.list(path, value.items.length);
    const { min = 0, max = Number.POSITIVE_INFINITY } = spec;
    if (value.items.length < min)
      this.problem(value.node, path, { message: `needs at least ${min} item${min === 1 ? '' : 's'}` });
    if (value.items.length > max)
      this.problem(value.items[max], path, { message: `may have at most ${max} items` });
    const out: unknown[] = [];
    value.items.forEach((item, index) => {
      const read = this.read(spec.items, item, `${path}[${index}]`);
      if (read !== undefined) out.push(read);
    });
    return out;
  }

  /** Text. Numbers are taken as written (`title: 1984`); booleans and mappings get a quoting hint. */
  private text(spec: TextSpec, value: YamlValue, path: string): string | undefined {
    if (value.kind === 'mapping' && value.entries.length > 0) {
      const key = value.entries[0]?.key; // undefined: an alias that names nothing (`**Bold**: …`)
      this.problem(value.node, path, {
        message: `must be text, but YAML read a mapping because of ": "${key === undefined ? '' : ` after "${truncate(key)}"`}`,
        hint: 'put the whole text in quotes',
      });
      return undefined;
    }
    if (value.kind === 'empty') {
      this.problem(value.node, path, { message: 'must not be empty' });
      return undefined;
    }
    if (value.kind !== 'scalar') {
      this.problem(value.node, path, { message: `must be text${YamlTree.found(value)}` });
      return undefined;
    }
    if (typeof value.value === 'boolean') {
      this.problem(value.node, path, {
        message: `YAML reads ${value.written} as a boolean`,
        hint: `quote it ("${value.written}") if it is text`,
      });
      return undefined;
    }
    let text = typeof value.value === 'string' ? value.value : value.written;
    const control = controlCharacter(text);
    if (control) {
      this.add(this.placeOf(value.node, control), path, {
        message: `holds the control character ${codePoint(control)}`,
        hint: 'remove it (only tabs and line breaks may be in text)',
      });
      return undefined;
    }
    if (!spec.markdown) text = text.trim();
    if (spec.unique || spec.refersTo) {
      // A name or id is compared with others: it may hold nothing invisible that would make two look
      // the same, and it is compared as NFKC (see `sameness`); it is kept as written.
      const invisible = invisibleCharacter(text);
      if (invisible) {
        this.add(this.placeOf(value.node, invisible), path, {
          message: `holds the invisible character ${codePoint(invisible)}, which would make two names look the same`,
          hint: 'remove it',
        });
        return undefined;
      }
    }
    if (text.trim() === '') {
      this.problem(value.node, path, { message: 'must not be empty' });
      return undefined;
    }
    const { rule } = spec;
    if (rule) {
      if (!matches(rule.pattern, text) || rule.also?.(text) === false) {
        this.problem(value.node, path, rule.problem(text));
        return undefined;
      }
      if (rule.normalise) text = rule.normalise(text);
    }
    this.cross.text(spec, text, value.node, path);
    return text;
  }

  /** One of a few words (any case; spaces, hyphens or underscores between words), or a percentage. */
  private choice(spec: ChoiceSpec, value: YamlValue, path: string): string | undefined {
    const raw = this.text(PLAIN, value, path);
    if (raw === undefined) return undefined;
    if (spec.percent && matches(spec.percent.pattern, raw))
      return spec.percent.toValue(Number.parseFloat(raw));
    const hit = spec.values.find((word) => matches(loosePattern(word), raw));
    if (hit !== undefined) return hit;
    this.problem(value.node, path, {
      message: `"${truncate(raw)}" is not ${spec.what}`,
      hint: `use one of: ${spec.values.join(', ')}${spec.percent ? ' (or a percentage such as 70%)' : ''}`,
    });
    return undefined;
  }

  /** A built-in name, or a file read once the walk is done (`deck`). */
  private file(spec: FileSpec, value: YamlValue, path: string): string | undefined {
    const written = this.text(PLAIN, value, path);
    if (written === undefined || value.kind !== 'scalar') return undefined;
    const patterns = filePatterns(spec);
    if (patterns.builtIn && matches(patterns.builtIn, written)) return written;
    if (patterns.extension && !matches(patterns.extension, written)) {
      this.problem(value.node, path, {
        message: `"${truncate(written)}" is not a built-in ${spec.what} (${spec.builtIn?.join(', ')}) or a ${spec.extension} file`,
      });
      return undefined;
    }
    this.files.set(spec, { node: value.node, path, written });
    return written;
  }

  /** Where `char` is written in `node`'s source, else where the node starts (it was written as an escape). */
  private placeOf(node: YamlNode, char: string): Position {
    if (!node) return this.tree.where(node);
    const { start, text } = this.tree.span(node);
    const offset = text.indexOf(char);
    return offset >= 0 ? this.tree.locate(start + offset) : this.tree.where(node);
  }

  // ── rules that span keys ───────────────────────────────────────────────

  /** Unique values, references, citations and item numbers, once the whole file is read (crossReferences.ts). */
  crossReferences(): void {
    this.cross.check({
      at: (path, message) => this.problemAt(path, message),
      atPlace: (place, path, message) => this.add(place, path, message),
      full: () => this.full,
    });
  }

  // ── the deck and the files it names ────────────────────────────────────

  /** The deck's settings, and whether the marking fits a slide's banner at its aspect (marking.ts). */
  async deck(value: Value<typeof BRIEFING>['deck'], marking: string | undefined): Promise<DeckSettings> {
    const deck: DeckSettings = { theme: { builtIn: 'light' }, aspect: value?.aspect ?? '16:9' };
    const tooLong = marking === undefined ? undefined : markingTooLong(marking, deck.aspect);
    if (tooLong) this.problemAt('classification', tooLong);
    if (value?.accent !== undefined) deck.accent = value.accent;
    const banner = value?.banner;
    if (banner?.background !== undefined && banner.text !== undefined)
      deck.banner = this.bannerColours(banner);
    if (value?.theme !== undefined && !this.files.has(DECK_KEYS.theme)) deck.theme = { builtIn: value.theme };
    for (const [spec, file] of this.files) {
      const read = await readDeckFile(this.loaded.dir, this.loaded.file, file.written, spec.accept);
      if ('problems' in read) {
        for (const problem of read.problems) this.problem(file.node, file.path, problem);
      } else if (spec === DECK_KEYS.theme) deck.theme = { css: read.asset };
      else if (spec === DECK_KEYS.logo) deck.logo = read.asset;
    }
    return deck;
  }

  /**
   * The banners' own colours, which must stay readable: 4.5:1 or more, as an error rather than a
   * warning, since a marking nobody can read is no marking (and the built-in colours all reach it).
   */
  private bannerColours(banner: { background: string; text: string }): { background: string; text: string } {
    const ratio = contrastRatio(banner.background, banner.text);
    if (ratio < MIN_TEXT_CONTRAST)
      this.problemAt('deck.banner.text', {
        message: `${banner.text} on ${banner.background} has a contrast of ${ratio.toFixed(2)}:1, under the ${MIN_TEXT_CONTRAST}:1 a banner needs`,
        hint: 'darken one colour or lighten the other (white or black text reaches it on most backgrounds)',
      });
    return banner;
  }

  // ── figures and the map (figureFiles.ts) ───────────────────────────────

  async visuals(value: Value<typeof BRIEFING> | undefined): Promise<Pick<Briefing, Visual>> {
    const files = {
      dir: this.loaded.dir,
      briefing: this.loaded.file,
      problem: (path: string, message: Message) => this.problemAt(path, message),
    };
    const figures = value?.figures ?? [];
    const map = mapOf(value?.map, files.problem);
    const images = await readFigureImages(figures, files);
    return {
      figures: figuresOf(figures, images),
      locations: locationsOf(value?.locations ?? []),
      ...(map ? { map } : {}),
    };
  }
}
