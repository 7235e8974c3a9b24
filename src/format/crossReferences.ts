/**
 * The rules that span keys, checked once the whole file is read: values
 * marked unique are unique (actor names, source ids, decision ids), a
 * reference names a value that exists (a relation's actor), Markdown cites
 * only sources that exist, and a number that names a list item (a decision's
 * recommendations) names one that is written, once. validate.ts hands over
 * each value as it reads it, and the length of each list.
 */
import type { Node } from 'yaml';
import type { Position } from './briefing.js';
import { nearest } from './didYouMean.js';
import { CITATION_TARGET } from './format.js';
import { FIGURE_TARGET } from './formatVisuals.js';
import { findCitations, findFigureReferences } from './references.js';
import { type Message, type TextSpec, truncate } from './specs.js';
import { sameness } from './textRules.js';
import { itemOf, listed } from './yamlPaths.js';
import type { YamlTree } from './yamlTree.js';

/** Where the problems found go. */
export interface Reporter {
  /** A problem at the place recorded for `path`. */
  at(path: string, message: Message): void;
  /** A problem at an exact place. */
  atPlace(place: Position, path: string, message: Message): void;
  /** Whether enough problems are listed: the rest are only counted, so no hint need be worked out. */
  full(): boolean;
}

interface Targets {
  values: Set<string>;
  byItem: Map<string, string>;
}

export class CrossReferences {
  /** Values of keys marked `unique`, by what they are (`actor name`), in file order, compared as `sameness` says. */
  private readonly uniques = new Map<string, { value: string; shown: string; path: string }[]>();
  private readonly references: { spec: TextSpec; value: string; path: string }[] = [];
  private readonly markdown: { path: string; node: Node; text: string }[] = [];
  private readonly numbers: { spec: TextSpec; number: number; path: string }[] = [];
  /** How many items each list read has, by its path. */
  private readonly lengths = new Map<string, number>();
  private readonly targetsOf = new Map<string, Targets>();

  constructor(private readonly tree: YamlTree) {}

  /** A valid text value, as it is kept, and where it is. */
  text(spec: TextSpec, text: string, node: Node, path: string): void {
    if (spec.markdown) this.markdown.push({ path, node, text });
    if (spec.unique) {
      const seen = this.uniques.get(spec.unique) ?? [];
      seen.push({ value: (spec.uniqueBy ?? sameness)(text), shown: sameness(text), path });
      this.uniques.set(spec.unique, seen);
    }
    if (spec.refersTo) this.references.push({ spec, value: sameness(text), path });
    if (spec.numberOf) this.numbers.push({ spec, number: Number(text), path });
  }

  /** A list read, with every item written (valid or not). */
  list(path: string, length: number): void {
    this.lengths.set(path, length);
  }

  check(report: Reporter): void {
    this.uniqueValues(report);
    this.referencesExist(report);
    this.citationsExist(report);
    this.figureReferencesExist(report);
    this.itemNumbersExist(report);
  }

  /** Each `[@fig:id]` names a figure, reported where it is written. */
  private figureReferencesExist(report: Reporter): void {
    const ids = new Set((this.uniques.get(FIGURE_TARGET) ?? []).map((entry) => entry.value));
    for (const field of this.markdown) {
      for (const id of findFigureReferences(field.text)) {
        if (ids.has(id)) continue;
        const { start, text } = this.tree.span(field.node);
        const offset = text.indexOf(`[@fig:${id}]`);
        const guess = nearest(id, [...ids]);
        report.atPlace(
          offset >= 0 ? this.tree.locate(start + offset) : this.tree.where(field.node),
          field.path,
          {
            message: `refers to unknown figure "[@fig:${id}]"`,
            hint: guess !== undefined ? `did you mean "${guess}"?` : 'add it under "figures"',
          },
        );
      }
    }
  }

  private uniqueValues(report: Reporter): void {
    for (const [what, entries] of this.uniques) {
      const first = new Map<string, string>();
      for (const { value, shown, path } of entries) {
        const earlier = first.get(value);
        if (earlier !== undefined)
          report.at(path, { message: `duplicate ${what} "${truncate(shown)}" (first used at ${earlier})` });
        else first.set(value, path);
      }
    }
  }

  private referencesExist(report: Reporter): void {
    for (const { spec, value, path } of this.references) {
      const reference = spec.refersTo;
      if (!reference) continue;
      const targets = this.targets(reference.to);
      if (targets.byItem.get(itemOf(path, targets.byItem)) === value) {
        report.at(path, { message: reference.self });
        continue;
      }
      if (targets.values.has(value)) continue;
      const message = `"${truncate(value)}" ${reference.notFound}`;
      if (report.full()) {
        report.at(path, { message });
        continue;
      }
      const names = [...targets.values];
      const guess = nearest(value, names);
      report.at(path, {
        message,
        ...(guess !== undefined
          ? { hint: `did you mean "${guess}"?` }
          : names.length > 0
            ? { hint: `${reference.listed}: ${listed(names)}` }
            : {}),
      });
    }
  }

  private citationsExist(report: Reporter): void {
    const ids = new Set((this.uniques.get(CITATION_TARGET) ?? []).map((entry) => entry.value));
    for (const field of this.markdown) {
      for (const id of findCitations(field.text)) {
        if (ids.has(id)) continue;
        const { start, text } = this.tree.span(field.node);
        const offset = text.indexOf(`[@${id}]`);
        const guess = nearest(id, [...ids]);
        report.atPlace(
          offset >= 0 ? this.tree.locate(start + offset) : this.tree.where(field.node),
          field.path,
          {
            message: `cites unknown source "[@${id}]"`,
            hint: guess !== undefined ? `did you mean "${guess}"?` : 'add it under "sources"',
          },
        );
      }
    }
  }

  /** Each number names an item that is written (`recommendations: [4]` needs four), and a list names it once. */
  private itemNumbersExist(report: Reporter): void {
    const seen = new Map<string, string>();
    for (const { spec, number, path } of this.numbers) {
      const numbered = spec.numberOf;
      if (!numbered) continue;
      // The list of numbers this one is in (`decisions[0].recommendations`), and the same number in it.
      const sameInList = `${path.replace(/\[\d+\]$/, '')}#${number}`;
      const earlier = seen.get(sameInList);
      if (earlier !== undefined) {
        report.at(path, { message: `duplicate ${numbered.what} ${number} (first used at ${earlier})` });
        continue;
      }
      seen.set(sameInList, path);
      const length = this.lengths.get(numbered.list);
      // A list that is not one was reported as such; nothing is numbered in it.
      if (length === undefined || number <= length) continue;
      // With none written, the list's own problem says so.
      const hint =
        length === 0
          ? undefined
          : length === 1
            ? 'the only one is number 1'
            : `the ${numbered.list} are numbered 1 to ${length}, in the order written`;
      report.at(path, { message: `there is no ${numbered.what} ${number}`, ...(hint ? { hint } : {}) });
    }
  }

  /** The values of a `unique` key: all of them, and each by the list item it is written in (`actors[2]`). */
  private targets(unique: string): Targets {
    let found = this.targetsOf.get(unique);
    if (!found) {
      const entries = this.uniques.get(unique) ?? [];
      found = {
        values: new Set(entries.map((entry) => entry.value)),
        byItem: new Map(entries.map((entry) => [entry.path.replace(/\.[^.[\]]+$/, ''), entry.value])),
      };
      this.targetsOf.set(unique, found);
    }
    return found;
  }
}
