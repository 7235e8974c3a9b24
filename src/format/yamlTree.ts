/**
 * The parsed YAML (load.ts) read as values with places: what a node is, where
 * it starts, how it was written. Aliases are followed and counted, so a small
 * file never expands into a huge one. Knows nothing of the briefing format;
 * validate.ts walks the format over it.
 */
import {
  isAlias,
  isMap,
  isScalar,
  isSeq,
  type Node,
  type Pair,
  type Scalar,
  type YAMLMap,
  type YAMLSeq,
} from 'yaml';
import type { Position } from './briefing.js';
import type { LoadedBriefing } from './load.js';

/** Aliases are allowed, but only a handful. */
export const MAX_ALIASES = 16;

export type YamlNode = Node | null | undefined;

/** One `key: value` of a mapping; `key` is undefined when the key is not a plain scalar. */
export interface Entry {
  key: string | undefined;
  keyNode: YamlNode;
  value: YamlNode;
}

export type YamlValue =
  | { kind: 'mapping'; node: YAMLMap; entries: Entry[] }
  | { kind: 'list'; node: YAMLSeq; items: YamlNode[] }
  | { kind: 'scalar'; node: Scalar; value: string | number | bigint | boolean; written: string }
  /** Nothing written (`key:`), or `~`/`null`. */
  | { kind: 'empty'; node: Node | undefined }
  /** An alias past the limit, or to no anchor: already reported, say nothing more. */
  | { kind: 'lost'; node: Node };

export class YamlTree {
  private readonly aliases = new Set<Node>();

  constructor(
    private readonly loaded: LoadedBriefing,
    private readonly onProblem: (node: Node, path: string, message: string, hint?: string) => void,
  ) {}

  get root(): YamlNode {
    return this.loaded.doc.contents;
  }

  /** What `node` is, through aliases; `path` names it in a problem about an alias. */
  read(node: YamlNode, path: string): YamlValue {
    const target = this.follow(node, path);
    if (target === 'lost') return { kind: 'lost', node: node as Node };
    if (isMap(target)) return { kind: 'mapping', node: target, entries: this.entries(target, path) };
    if (isSeq(target)) return { kind: 'list', node: target, items: target.items as YamlNode[] };
    if (isScalar(target)) {
      const value = target.value;
      if (
        typeof value === 'string' ||
        typeof value === 'number' ||
        typeof value === 'bigint' ||
        typeof value === 'boolean'
      )
        return { kind: 'scalar', node: target, value, written: this.written(target) };
    }
    return { kind: 'empty', node: target ?? undefined };
  }

  /** 1-based line and column where `node` starts. */
  where(node: YamlNode): Position {
    return this.loaded.locate(node?.range?.[0] ?? 0);
  }

  locate(offset: number): Position {
    return this.loaded.locate(offset);
  }

  /** The node's text exactly as written in the file. */
  written(node: Node): string {
    const [start, end] = node.range ?? [0, 0];
    return this.loaded.source.slice(start, end).trim();
  }

  /** Where the node's text starts in the file, and the text. */
  span(node: Node): { start: number; text: string } {
    const [start, end] = node.range ?? [0, 0];
    return { start, text: this.loaded.source.slice(start, end) };
  }

  /** `, found a list` and the like, for "must be …" messages. */
  static found(value: YamlValue): string {
    switch (value.kind) {
      case 'empty':
        return ', found nothing';
      case 'list':
        return ', found a list';
      case 'mapping':
        return ', found a mapping';
      case 'scalar':
        return `, found ${typeof value.value === 'string' ? 'text' : typeof value.value}`;
      case 'lost':
        return '';
    }
  }

  private entries(map: YAMLMap, path: string): Entry[] {
    return (map.items as Pair<YamlNode, YamlNode>[]).map((pair) => {
      const keyNode = this.follow(pair.key, path);
      if (keyNode === 'lost' || !isScalar(keyNode) || keyNode.value === undefined)
        return { key: undefined, keyNode: pair.key ?? pair.value ?? map, value: pair.value };
      return { key: String(keyNode.value), keyNode, value: pair.value };
    });
  }

  /** The node an alias stands for. Each alias in the file counts once, however often it is read. */
  private follow(node: YamlNode, path: string): YamlNode | 'lost' {
    if (!isAlias(node)) return node;
    const first = !this.aliases.has(node);
    if (first) {
      this.aliases.add(node);
      if (this.aliases.size === MAX_ALIASES + 1)
        this.onProblem(node, path, `more than ${MAX_ALIASES} aliases`, 'write the value out');
    }
    if (this.aliases.size > MAX_ALIASES) return 'lost';
    const target = node.resolve(this.loaded.doc);
    if (target === undefined || isAlias(target)) {
      // `- **Bold** text`: YAML reads the star as an alias; the text was meant as Markdown.
      const markdown = node.source.includes('*');
      if (first)
        this.onProblem(
          node,
          path,
          `the alias *${node.source} names no anchor`,
          markdown
            ? 'a "*" at the start of a text makes YAML read an alias, not Markdown bold or emphasis; put the whole text in quotes'
            : undefined,
        );
      return 'lost';
    }
    return target;
  }
}
