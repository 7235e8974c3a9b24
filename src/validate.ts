/**
 * Stage 2: check a parsed briefing against the format contract
 * (briefing-format.md) and turn it into a typed `Briefing`. Every problem is
 * collected with its exact place; if there is any, a `BriefingError` lists
 * them all and nothing downstream runs.
 */
import { readFile, realpath } from 'node:fs/promises';
import path from 'node:path';
import { isAlias, isMap, isPair, isScalar, isSeq, type Node, type Pair, type Scalar } from 'yaml';
import {
  type Actor,
  ASPECTS,
  type Asset,
  type Briefing,
  CONFIDENCES,
  type DeckSettings,
  IMPACTS,
  LIKELIHOODS,
  type Likelihood,
  NOTE_GROUPS,
  type NoteGroup,
  type Position,
  PRIORITIES,
  RELATION_TYPES,
  type Recommendation,
  type Risk,
  type Source,
  type SourceReport,
  STANCES,
  type TimelineEvent,
} from './briefing.js';
import { BriefingError, type Problem } from './errors.js';
import type { LoadedBriefing } from './load.js';
import { findCitations } from './markdown.js';
import { BUILT_IN_THEMES } from './themes.js';

/** Aliases are allowed, but only a handful, so a small file never expands into a huge one. */
export const MAX_ALIASES = 16;
export const MAX_ASSET_BYTES = 2 * 1024 * 1024;
/** Problems listed at most; the rest are counted. */
export const MAX_PROBLEMS = 100;

type Yaml = Node | null | undefined;

/** What a text field accepts: plain text, inline Markdown, or block Markdown. */
type TextKind = 'text' | 'inline' | 'markdown';

interface Field {
  key: string;
  node: Yaml;
  keyNode: Yaml;
}

export async function validateBriefing(loaded: LoadedBriefing): Promise<Briefing> {
  const check = new Checker(loaded);
  const briefing = check.briefing();
  const deck = await check.deck(briefing.deckNode);
  check.citations(briefing.value.sources);
  if (check.problems.length > 0) throw new BriefingError(sortProblems(check.problems), check.suppressed);
  return { ...briefing.value, deck, positions: check.positions, file: loaded.file };
}

function sortProblems(problems: Problem[]): Problem[] {
  return [...problems].sort((a, b) => a.line - b.line || a.col - b.col);
}

class Checker {
  readonly problems: Problem[];
  readonly positions = new Map<string, Position>();
  private readonly seenAliases = new Set<Node>();
  suppressed = 0;
  private readonly actorPaths = new WeakMap<Actor, string>();
  private readonly relationPaths = new WeakMap<object, string>();
  private readonly markdown: { path: string; node: Node; text: string }[] = [];

  constructor(private readonly loaded: LoadedBriefing) {
    this.problems = [...loaded.problems];
  }

  // ── places and problems ────────────────────────────────────────────────

  private where(node: Yaml): Position {
    const offset = node?.range?.[0] ?? 0;
    return this.loaded.locate(offset);
  }

  /** Enough problems to act on; past this they are counted, not listed (and not worked out). */
  get full(): boolean {
    return this.problems.length >= MAX_PROBLEMS;
  }

  report(node: Yaml, path: string, message: string, offset?: number): void {
    if (this.full) {
      this.suppressed += 1;
      return;
    }
    const place = offset === undefined ? this.where(node) : this.loaded.locate(offset);
    this.problems.push({ file: this.loaded.file, ...place, path, message });
  }

  private remember(path: string, node: Yaml): void {
    if (node) this.positions.set(path, this.where(node));
  }

  /** Follows an alias, counting them. */
  private deref(node: Yaml, path: string): Yaml {
    if (!isAlias(node)) return node;
    // Each alias in the file counts once, however often the checks look through it.
    if (!this.seenAliases.has(node)) {
      this.seenAliases.add(node);
      if (this.seenAliases.size === MAX_ALIASES + 1) {
        this.report(node, path, `more than ${MAX_ALIASES} aliases; write the value out`);
      }
    }
    if (this.seenAliases.size > MAX_ALIASES) return undefined;
    const target = node.resolve(this.loaded.doc);
    return isAlias(target) ? undefined : (target as Node | undefined);
  }

  // ── generic shapes ─────────────────────────────────────────────────────

  /** Reads a mapping with known keys; reports unknown keys (with the nearest known one) and missing required keys. */
  mapping(
    nodeIn: Yaml,
    path: string,
    keys: readonly string[],
    required: readonly string[],
  ): Map<string, Field> | undefined {
    const node = this.deref(nodeIn, path);
    if (!isMap(node)) {
      this.report(
        node ?? nodeIn,
        path,
        `must be a mapping with keys ${list(required.length ? required : keys)}${found(node)}`,
      );
      return undefined;
    }
    const fields = new Map<string, Field>();
    const typos = new Set<string>();
    for (const pair of node.items as Pair<Yaml, Yaml>[]) {
      const keyNode = this.deref(pair.key, path);
      const key = isScalar(keyNode) ? String(keyNode.value) : undefined;
      const keyPath = key === undefined ? path : join(path, key);
      if (key === undefined || !isScalar(keyNode)) {
        this.report(pair.key, path, 'keys must be plain words');
        continue;
      }
      if (!keys.includes(key)) {
        if (this.full) {
          this.suppressed += 1;
          continue;
        }
        const near = nearest(key, keys);
        typos.add(near);
        this.report(keyNode, keyPath, `unknown key "${key}"; did you mean "${near}"?`);
        continue;
      }
      fields.set(key, { key, node: pair.value, keyNode });
    }
    for (const key of required) {
      const field = fields.get(key);
      if (!field) {
        if (!typos.has(key)) this.report(node, join(path, key), 'is required but missing');
      } else if (field.node === null || (isScalar(field.node) && field.node.value === null)) {
        this.report(field.node ?? field.keyNode, join(path, key), 'is required but empty');
        fields.delete(key);
      }
    }
    // An optional key written with no value (`subtitle:`) is taken as absent.
    for (const [key, field] of fields) {
      if (field.node === null || (isScalar(field.node) && field.node.value === null)) fields.delete(key);
    }
    return fields;
  }

  /** A text value. Numbers are taken as written (`title: 1984`); booleans and mappings get a quoting hint. */
  text(nodeIn: Yaml, path: string, kind: TextKind = 'text'): string | undefined {
    if (nodeIn === undefined) return undefined; // absent: a missing required key was reported by `mapping`
    const node = this.deref(nodeIn, path);
    this.remember(path, node);
    if (isScalar(node)) {
      const value = (node as Scalar).value;
      let text: string | undefined;
      if (typeof value === 'string') text = value;
      else if (typeof value === 'number' || typeof value === 'bigint') text = this.written(node);
      else if (typeof value === 'boolean') {
        this.report(
          node,
          path,
          `YAML reads ${this.written(node)} as a boolean; quote it ("${this.written(node)}") if it is text`,
        );
        return undefined;
      }
      if (text === undefined) return undefined;
      if (kind === 'text') text = text.trim();
      if (text.trim() === '') {
        this.report(node, path, 'must not be empty');
        return undefined;
      }
      if (kind !== 'text') this.markdown.push({ path, node, text });
      return text;
    }
    if (isMap(node) && node.items.length > 0) {
      const first = node.items[0];
      const key = isPair(first) && isScalar(first.key) ? String(first.key.value) : '';
      this.report(
        node,
        path,
        `must be text, but YAML read a mapping because of ": " after "${truncate(key)}"; put the whole text in quotes`,
      );
      return undefined;
    }
    this.report(node ?? nodeIn, path, `must be text${found(node)}`);
    return undefined;
  }

  /** The scalar exactly as written in the file. */
  private written(node: Node): string {
    const [start, end] = node.range ?? [0, 0];
    return this.loaded.source.slice(start, end).trim();
  }

  /** One of a fixed set of words; case-insensitive, hyphens or spaces. */
  choice<T extends string>(nodeIn: Yaml, path: string, allowed: readonly T[], what: string): T | undefined {
    const raw = this.text(nodeIn, path);
    if (raw === undefined) return undefined;
    const normal = normalise(raw);
    const hit = allowed.find((value) => value === normal);
    if (!hit)
      this.report(
        this.deref(nodeIn, path),
        path,
        `"${raw}" is not ${what}; use one of: ${allowed.join(', ')}`,
      );
    return hit;
  }

  likelihood(nodeIn: Yaml, path: string): Likelihood | undefined {
    const raw = this.text(nodeIn, path);
    if (raw === undefined) return undefined;
    const percent = /^(\d{1,3}(?:\.\d+)?)\s*%$/.exec(raw.trim());
    if (percent) {
      const value = Number(percent[1]);
      if (value <= 100) return likelihoodOfPercent(value);
    }
    const normal = normalise(raw);
    const hit = LIKELIHOODS.find((entry) => entry.term === normal);
    if (hit) return hit.term;
    const terms = LIKELIHOODS.map((entry) => entry.term).join(', ');
    this.report(
      this.deref(nodeIn, path),
      path,
      `"${raw}" is not a likelihood term; use one of: ${terms} (or a percentage such as 70%)`,
    );
    return undefined;
  }

  /** A list; each item read by `item`. Items that fail are left out (their problems are reported). */
  list<T>(
    nodeIn: Yaml,
    path: string,
    item: (node: Yaml, path: string) => T | undefined,
    bounds: { min?: number; max?: number } = {},
  ): T[] {
    if (nodeIn === undefined) return [];
    const node = this.deref(nodeIn, path);
    this.remember(path, node);
    if (!isSeq(node)) {
      this.report(node ?? nodeIn, path, `must be a list${found(node)}`);
      return [];
    }
    const { min = 0, max = Number.POSITIVE_INFINITY } = bounds;
    if (node.items.length < min) this.report(node, path, `needs at least ${min} item${min === 1 ? '' : 's'}`);
    if (node.items.length > max) this.report(node.items[max] as Node, path, `may have at most ${max} items`);
    const out: T[] = [];
    node.items.forEach((child, index) => {
      const value = item(child as Yaml, `${path}[${index}]`);
      if (value !== undefined) out.push(value);
    });
    return out;
  }

  url(nodeIn: Yaml, path: string): string | undefined {
    const raw = this.text(nodeIn, path);
    if (raw === undefined) return undefined;
    let ok = false;
    try {
      const parsed = new URL(raw);
      ok = parsed.protocol === 'http:' || parsed.protocol === 'https:';
    } catch {
      ok = false;
    }
    if (!ok) this.report(this.deref(nodeIn, path), path, `"${truncate(raw)}" is not an http(s) URL`);
    return ok ? raw : undefined;
  }

  // ── the briefing ───────────────────────────────────────────────────────

  briefing(): { value: Omit<Briefing, 'deck' | 'positions' | 'file'>; deckNode: Yaml } {
    const top =
      this.mapping(this.loaded.doc.contents, '', TOP_KEYS, TOP_REQUIRED) ?? new Map<string, Field>();
    const get = (key: string): Yaml => top.get(key)?.node;
    const optionalText = (key: string) => (top.has(key) ? this.text(get(key), key) : undefined);

    const value = {
      title: this.text(get('title'), 'title') ?? '',
      subtitle: optionalText('subtitle'),
      date: optionalText('date'),
      author: optionalText('author'),
      organization: optionalText('organization'),
      classification: optionalText('classification'),
      source: top.has('source') ? this.sourceReport(get('source')) : undefined,
      bluf: top.has('bluf')
        ? this.list(get('bluf'), 'bluf', (n, p) => this.text(n, p, 'inline'), { min: 1, max: 6 })
        : [],
      situation: top.has('situation') ? this.situation(get('situation')) : { summary: '', points: [] },
      timeline: top.has('timeline')
        ? this.list(get('timeline'), 'timeline', (n, p) => this.timelineEvent(n, p))
        : [],
      actors: top.has('actors')
        ? this.list(get('actors'), 'actors', (n, p) => this.actor(n, p), { min: 1 })
        : [],
      risks: top.has('risks') ? this.list(get('risks'), 'risks', (n, p) => this.risk(n, p), { min: 1 }) : [],
      recommendations: top.has('recommendations')
        ? this.list(get('recommendations'), 'recommendations', (n, p) => this.recommendation(n, p), {
            min: 1,
          })
        : [],
      sources: top.has('sources') ? this.list(get('sources'), 'sources', (n, p) => this.source(n, p)) : [],
      notes: top.has('notes') ? this.notes(get('notes')) : {},
    };
    this.actorReferences(value.actors);
    return { value, deckNode: get('deck') };
  }

  private sourceReport(node: Yaml): SourceReport | undefined {
    const fields = this.mapping(node, 'source', ['title', 'publisher', 'author', 'date', 'url'], ['title']);
    if (!fields) return undefined;
    const title = this.text(fields.get('title')?.node, 'source.title');
    if (title === undefined) return undefined;
    return {
      title,
      publisher: this.optional(fields, 'source', 'publisher'),
      author: this.optional(fields, 'source', 'author'),
      date: this.optional(fields, 'source', 'date'),
      url: fields.has('url') ? this.url(fields.get('url')?.node, 'source.url') : undefined,
    };
  }

  private optional(
    fields: Map<string, Field>,
    path: string,
    key: string,
    kind: TextKind = 'text',
  ): string | undefined {
    return fields.has(key) ? this.text(fields.get(key)?.node, join(path, key), kind) : undefined;
  }

  private situation(node: Yaml): Briefing['situation'] {
    const fields = this.mapping(node, 'situation', ['summary', 'points'], ['summary']);
    if (!fields) return { summary: '', points: [] };
    return {
      summary: this.text(fields.get('summary')?.node, 'situation.summary', 'markdown') ?? '',
      points: fields.has('points')
        ? this.list(fields.get('points')?.node, 'situation.points', (n, p) => this.text(n, p, 'inline'))
        : [],
    };
  }

  private timelineEvent(node: Yaml, path: string): TimelineEvent | undefined {
    const fields = this.mapping(node, path, ['date', 'event', 'place'], ['date', 'event']);
    if (!fields) return undefined;
    const date = this.text(fields.get('date')?.node, join(path, 'date'));
    const event = this.text(fields.get('event')?.node, join(path, 'event'), 'inline');
    if (date === undefined || event === undefined) return undefined;
    return { date, event, place: this.optional(fields, path, 'place') };
  }

  private actor(node: Yaml, path: string): Actor | undefined {
    const fields = this.mapping(
      node,
      path,
      ['name', 'kind', 'stance', 'role', 'relations', 'notes'],
      ['name', 'role'],
    );
    if (!fields) return undefined;
    this.remember(path, this.deref(node, path));
    const name = this.text(fields.get('name')?.node, join(path, 'name'));
    const role = this.text(fields.get('role')?.node, join(path, 'role'), 'inline');
    const stance = fields.has('stance')
      ? this.choice(fields.get('stance')?.node, join(path, 'stance'), STANCES, 'a stance')
      : 'neutral';
    const relations = fields.has('relations')
      ? this.list(fields.get('relations')?.node, join(path, 'relations'), (n, p) => {
          const rel = this.mapping(n, p, ['with', 'type'], ['with', 'type']);
          if (!rel) return undefined;
          const other = this.text(rel.get('with')?.node, join(p, 'with'));
          const type = this.choice(rel.get('type')?.node, join(p, 'type'), RELATION_TYPES, 'a relation type');
          if (other === undefined) return undefined;
          const relation = { with: other, type: type ?? 'conflict' };
          this.relationPaths.set(relation, p);
          return relation;
        })
      : [];
    if (name === undefined) return undefined;
    // Kept even when other fields are wrong, so references to it are still checked.
    const actor: Actor = {
      name,
      kind: this.optional(fields, path, 'kind'),
      stance: stance ?? 'neutral',
      role: role ?? '',
      relations,
      notes: this.optional(fields, path, 'notes', 'markdown'),
    };
    this.actorPaths.set(actor, path);
    return actor;
  }

  /** Actor names are unique; every relation names another actor of the file. */
  private actorReferences(actors: Actor[]): void {
    const seen = new Map<string, string>();
    for (const actor of actors) {
      const path = `${this.actorPaths.get(actor)}.name`;
      const first = seen.get(actor.name);
      if (first !== undefined)
        this.reportAt(path, `duplicate actor name "${actor.name}" (first used at ${first})`);
      else seen.set(actor.name, path);
    }
    const names = actors.map((actor) => actor.name);
    const nameSet = new Set(names);
    actors.forEach((actor) => {
      actor.relations.forEach((relation) => {
        const path = `${this.relationPaths.get(relation)}.with`;
        if (relation.with === actor.name) this.reportAt(path, 'an actor cannot have a relation with itself');
        else if (!nameSet.has(relation.with)) {
          if (this.full) {
            this.suppressed += 1;
            return;
          }
          this.reportAt(
            path,
            `"${relation.with}" is not an actor in this file; did you mean "${nearest(relation.with, names)}"?`,
          );
        }
      });
    });
  }

  private reportAt(path: string, message: string): void {
    if (this.full) {
      this.suppressed += 1;
      return;
    }
    const place = this.positions.get(path) ?? { line: 1, col: 1 };
    this.problems.push({ file: this.loaded.file, ...place, path, message });
  }

  private risk(node: Yaml, path: string): Risk | undefined {
    const keys = ['title', 'likelihood', 'impact', 'confidence', 'detail', 'indicators', 'notes'];
    const fields = this.mapping(node, path, keys, ['title', 'likelihood', 'impact']);
    if (!fields) return undefined;
    this.remember(path, this.deref(node, path));
    const title = this.text(fields.get('title')?.node, join(path, 'title'));
    const likelihood = this.likelihood(fields.get('likelihood')?.node, join(path, 'likelihood'));
    const impact = this.choice(fields.get('impact')?.node, join(path, 'impact'), IMPACTS, 'an impact level');
    const confidence = fields.has('confidence')
      ? this.choice(
          fields.get('confidence')?.node,
          join(path, 'confidence'),
          CONFIDENCES,
          'a confidence level',
        )
      : undefined;
    const indicators = fields.has('indicators')
      ? this.list(fields.get('indicators')?.node, join(path, 'indicators'), (n, p) =>
          this.text(n, p, 'inline'),
        )
      : [];
    if (title === undefined || likelihood === undefined || impact === undefined) return undefined;
    return {
      title,
      likelihood,
      impact,
      confidence,
      detail: this.optional(fields, path, 'detail', 'markdown'),
      indicators,
      notes: this.optional(fields, path, 'notes', 'markdown'),
    };
  }

  private recommendation(node: Yaml, path: string): Recommendation | undefined {
    const keys = ['action', 'owner', 'priority', 'timeframe', 'rationale', 'notes'];
    const fields = this.mapping(node, path, keys, ['action']);
    if (!fields) return undefined;
    this.remember(path, this.deref(node, path));
    const action = this.text(fields.get('action')?.node, join(path, 'action'), 'inline');
    const priority = fields.has('priority')
      ? this.choice(fields.get('priority')?.node, join(path, 'priority'), PRIORITIES, 'a priority')
      : undefined;
    if (action === undefined) return undefined;
    return {
      action,
      owner: this.optional(fields, path, 'owner'),
      priority,
      timeframe: this.optional(fields, path, 'timeframe'),
      rationale: this.optional(fields, path, 'rationale', 'markdown'),
      notes: this.optional(fields, path, 'notes', 'markdown'),
    };
  }

  private source(node: Yaml, path: string): Source | undefined {
    const keys = ['id', 'title', 'publisher', 'author', 'date', 'url'];
    const fields = this.mapping(node, path, keys, ['id', 'title']);
    if (!fields) return undefined;
    const id = this.text(fields.get('id')?.node, join(path, 'id'));
    const slug = id !== undefined && /^[a-z0-9-]+$/.test(id);
    if (id !== undefined && !slug) {
      this.report(
        this.deref(fields.get('id')?.node, path),
        join(path, 'id'),
        `"${truncate(id)}" is not a slug; use lowercase letters, digits and hyphens`,
      );
    }
    const title = this.text(fields.get('title')?.node, join(path, 'title'));
    const url = fields.has('url') ? this.url(fields.get('url')?.node, join(path, 'url')) : undefined;
    if (id === undefined || !slug || title === undefined) return undefined;
    return {
      id,
      title,
      publisher: this.optional(fields, path, 'publisher'),
      author: this.optional(fields, path, 'author'),
      date: this.optional(fields, path, 'date'),
      url,
    };
  }

  private notes(node: Yaml): Briefing['notes'] {
    const fields = this.mapping(node, 'notes', NOTE_GROUPS, []);
    const notes: Briefing['notes'] = {};
    for (const [key, field] of fields ?? []) {
      const text = this.text(field.node, join('notes', key), 'markdown');
      if (text !== undefined) notes[key as NoteGroup] = text;
    }
    return notes;
  }

  /** Every `[@id]` in Markdown must name a source; unique ids. */
  citations(sources: Source[]): void {
    const ids = new Set<string>();
    sources.forEach((source, index) => {
      if (ids.has(source.id)) this.reportAt(`sources[${index}].id`, `duplicate source id "${source.id}"`);
      ids.add(source.id);
    });
    for (const field of this.markdown) {
      for (const id of findCitations(field.text)) {
        if (ids.has(id)) continue;
        const [start, end] = field.node.range ?? [0, 0];
        const at = this.loaded.source.slice(start, end).indexOf(`[@${id}]`);
        const hint = ids.size ? `did you mean "${nearest(id, [...ids])}"?` : 'add it under "sources"';
        this.report(
          field.node,
          field.path,
          `cites unknown source "[@${id}]"; ${hint}`,
          at >= 0 ? start + at : undefined,
        );
      }
    }
  }

  // ── deck settings and the files they name ──────────────────────────────

  async deck(node: Yaml): Promise<DeckSettings> {
    const settings: DeckSettings = { theme: { builtIn: 'light' }, aspect: '16:9' };
    if (node === undefined) return settings;
    const fields = this.mapping(node, 'deck', ['theme', 'aspect', 'accent', 'logo'], []);
    if (!fields) return settings;
    if (fields.has('aspect')) {
      settings.aspect =
        this.choice(fields.get('aspect')?.node, 'deck.aspect', ASPECTS, 'an aspect') ?? '16:9';
    }
    if (fields.has('accent')) {
      const accent = this.text(fields.get('accent')?.node, 'deck.accent');
      if (accent !== undefined && isCssColour(accent)) settings.accent = accent.toLowerCase();
      else if (accent !== undefined) {
        this.report(
          this.deref(fields.get('accent')?.node, 'deck.accent'),
          'deck.accent',
          `"${truncate(accent)}" is not a CSS colour; use #rgb, #rrggbb or a colour name such as navy`,
        );
      }
    }
    if (fields.has('theme')) {
      const theme = this.text(fields.get('theme')?.node, 'deck.theme');
      if (theme !== undefined && BUILT_IN_THEMES.includes(theme)) settings.theme = { builtIn: theme };
      else if (theme?.toLowerCase().endsWith('.css')) {
        const css = await this.asset(fields.get('theme')?.node, 'deck.theme', theme, ['text/css']);
        if (css) settings.theme = { css };
      } else if (theme !== undefined) {
        this.report(
          this.deref(fields.get('theme')?.node, 'deck.theme'),
          'deck.theme',
          `"${truncate(theme)}" is not a built-in theme (${BUILT_IN_THEMES.join(', ')}) or a .css file`,
        );
      }
    }
    if (fields.has('logo')) {
      const logo = this.text(fields.get('logo')?.node, 'deck.logo');
      if (logo !== undefined) {
        const asset = await this.asset(fields.get('logo')?.node, 'deck.logo', logo, [
          'image/png',
          'image/jpeg',
          'image/svg+xml',
        ]);
        if (asset) settings.logo = asset;
      }
    }
    return settings;
  }

  /** Reads a file the briefing names. It must lie inside the briefing's folder and be of the expected type. */
  private async asset(
    node: Yaml,
    yamlPath: string,
    written: string,
    types: Asset['mediaType'][],
  ): Promise<Asset | undefined> {
    const fail = (message: string) => {
      this.report(this.deref(node, yamlPath), yamlPath, message);
      return undefined;
    };
    if (written.length === 0 || /^[a-z][a-z0-9+.-]*:/i.test(written) || written.startsWith('//')) {
      return fail(`"${truncate(written)}" must be a path to a file next to the briefing, not a URL`);
    }
    if (written.includes('\0')) return fail('is not a valid path');
    let real: string;
    let dir: string;
    try {
      dir = await realpath(this.loaded.dir);
      real = await realpath(path.resolve(this.loaded.dir, written));
    } catch {
      return fail(`"${truncate(written)}" does not exist (paths are relative to ${this.loaded.file})`);
    }
    const relative = path.relative(dir, real);
    if (relative === '..' || relative.startsWith(`..${path.sep}`) || path.isAbsolute(relative)) {
      return fail(
        `"${truncate(written)}" is outside the briefing's folder; copy the file next to ${this.loaded.file}`,
      );
    }
    let bytes: Buffer;
    try {
      bytes = await readFile(real);
    } catch {
      return fail(`"${truncate(written)}" cannot be read`);
    }
    if (bytes.length > MAX_ASSET_BYTES)
      return fail(`"${truncate(written)}" is larger than ${MAX_ASSET_BYTES / 1024 / 1024} MiB`);
    const mediaType = sniff(bytes, real);
    if (!mediaType || !types.includes(mediaType)) {
      const names = types.map((type) =>
        type === 'text/css' ? 'CSS' : type.replace('image/', '').replace('+xml', '').toUpperCase(),
      );
      return fail(`"${truncate(written)}" is not a ${names.join(', ')} file`);
    }
    if (mediaType === 'text/css') {
      // A theme must be self-contained: it may not pull in other files or reach the network.
      const css = bytes.toString('utf8');
      if (/@import\b/i.test(css))
        return fail(`"${truncate(written)}" uses @import; a theme must be one self-contained file`);
      if (/\\[0-9a-f]|image-set\(/i.test(css)) {
        return fail(
          `"${truncate(written)}" uses CSS escapes or image-set(); a theme may only load data: URLs, written plainly`,
        );
      }
      const url = /url\(\s*(?!['"]?data:)([^)]*)\)/i.exec(css);
      if (url)
        return fail(`"${truncate(written)}" loads ${truncate(url[0])}; a theme may only use data: URLs`);
    }
    return { path: real, written, mediaType, bytes: new Uint8Array(bytes) };
  }
}

const TOP_KEYS = [
  'title',
  'subtitle',
  'date',
  'author',
  'organization',
  'classification',
  'source',
  'bluf',
  'situation',
  'timeline',
  'actors',
  'risks',
  'recommendations',
  'sources',
  'notes',
  'deck',
] as const;
const TOP_REQUIRED = ['title', 'situation', 'actors', 'risks', 'recommendations'] as const;

/** Maps a percentage to its ICD 203 term; a value on a boundary takes the higher term. */
export function likelihoodOfPercent(value: number): Likelihood {
  let term: Likelihood = LIKELIHOODS[0].term;
  for (const entry of LIKELIHOODS) if (value >= entry.min) term = entry.term;
  return term;
}

function normalise(raw: string): string {
  return raw
    .trim()
    .toLowerCase()
    .replace(/[-_\s]+/g, ' ');
}

function join(path: string, key: string): string {
  return path ? `${path}.${key}` : key;
}

function list(keys: readonly string[]): string {
  return keys.join(', ');
}

function truncate(text: string, max = 40): string {
  const one = text.replace(/\s+/g, ' ');
  return one.length > max ? `${one.slice(0, max - 1)}…` : one;
}

function found(node: Yaml): string {
  if (node === null || node === undefined || (isScalar(node) && node.value === null))
    return ', found nothing';
  if (isSeq(node)) return ', found a list';
  if (isMap(node)) return ', found a mapping';
  if (isScalar(node)) return `, found ${typeof node.value === 'string' ? 'text' : typeof node.value}`;
  return '';
}

/** The known key closest to a typo (Damerau–Levenshtein), among the first few hundred candidates. */
export function nearest(word: string, candidates: readonly string[]): string {
  let best = candidates[0] ?? '';
  let bestDistance = Number.POSITIVE_INFINITY;
  for (const candidate of candidates.slice(0, 200)) {
    const d = distance(word.toLowerCase(), candidate.toLowerCase());
    if (d < bestDistance) {
      best = candidate;
      bestDistance = d;
    }
  }
  return best;
}

function distance(longA: string, longB: string): number {
  // Names and keys are short; a long text is no typo of them, and comparing it in full costs time.
  const a = longA.slice(0, 64);
  const b = longB.slice(0, 64);
  // Three rows of the edit-distance table: two back (for transpositions), the last, the current.
  let before = new Uint16Array(b.length + 1);
  let last = Uint16Array.from({ length: b.length + 1 }, (_, j) => j);
  let row = new Uint16Array(b.length + 1);
  for (let i = 1; i <= a.length; i++) {
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let value = Math.min(
        (last[j] as number) + 1,
        (row[j - 1] as number) + 1,
        (last[j - 1] as number) + cost,
      );
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        value = Math.min(value, (before[j - 2] as number) + 1);
      row[j] = value;
    }
    [before, last, row] = [last, row, before];
  }
  return last[b.length] as number;
}

const NAMED_COLOURS = new Set(
  (
    'black silver gray grey white maroon red purple fuchsia green lime olive yellow navy blue teal aqua orange ' +
    'aliceblue antiquewhite aquamarine azure beige bisque blanchedalmond blueviolet brown burlywood cadetblue ' +
    'chartreuse chocolate coral cornflowerblue cornsilk crimson cyan darkblue darkcyan darkgoldenrod darkgray darkgrey ' +
    'darkgreen darkkhaki darkmagenta darkolivegreen darkorange darkorchid darkred darksalmon darkseagreen ' +
    'darkslateblue darkslategray darkslategrey darkturquoise darkviolet deeppink deepskyblue dimgray dimgrey ' +
    'dodgerblue firebrick floralwhite forestgreen gainsboro ghostwhite gold goldenrod greenyellow honeydew hotpink ' +
    'indianred indigo ivory khaki lavender lavenderblush lawngreen lemonchiffon lightblue lightcoral lightcyan ' +
    'lightgoldenrodyellow lightgray lightgreen lightgrey lightpink lightsalmon lightseagreen lightskyblue ' +
    'lightslategray lightslategrey lightsteelblue lightyellow limegreen linen magenta mediumaquamarine mediumblue ' +
    'mediumorchid mediumpurple mediumseagreen mediumslateblue mediumspringgreen mediumturquoise mediumvioletred ' +
    'midnightblue mintcream mistyrose moccasin navajowhite oldlace olivedrab orangered orchid palegoldenrod ' +
    'palegreen paleturquoise palevioletred papayawhip peachpuff peru pink plum powderblue rebeccapurple rosybrown ' +
    'royalblue saddlebrown salmon sandybrown seagreen seashell sienna skyblue slateblue slategray slategrey snow ' +
    'springgreen steelblue tan thistle tomato turquoise violet wheat whitesmoke yellowgreen'
  ).split(' '),
);

export function isCssColour(value: string): boolean {
  return /^#(?:[0-9a-f]{3}|[0-9a-f]{6})$/i.test(value) || NAMED_COLOURS.has(value.toLowerCase());
}

function sniff(bytes: Buffer, file: string): Asset['mediaType'] | undefined {
  if (bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])))
    return 'image/png';
  if (bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'image/jpeg';
  const head = bytes.subarray(0, 1024).toString('utf8').trimStart();
  if (/^(<\?xml[^>]*>\s*)?(<!--[\s\S]*?-->\s*)*(<!DOCTYPE svg[^>]*>\s*)?<svg[\s>]/i.test(head))
    return 'image/svg+xml';
  if (file.toLowerCase().endsWith('.css') && firstNul(bytes) < 0) return 'text/css';
  return undefined;
}

function firstNul(bytes: Buffer): number {
  return bytes.indexOf(0);
}
