/**
 * What every group of slides shares: the builder that gives each slide its
 * id, part label ("2/3") and notes, and the choice between a group's normal
 * layout and its dense one.
 */

import { escapeHtml } from '../content/markdown.js';
import type { NoteGroup } from '../format/briefing.js';
import type { Layout } from './layout.js';
import { densePage, type Page } from './paginate.js';
import type { SlideBase, SlideModel } from './types.js';

/** What a slide module needs besides its part of the briefing. */
export interface SlideContext {
  layout: Layout;
  /** The slide body, in the CSS pixels its content is set in (larger on a dense slide). */
  page: Page;
}

/** A slide's own fields: what its module computes; the builder adds the rest. */
export type SlideContent<S extends SlideModel> = Omit<S, keyof SlideBase>;

/** Collects slides, giving each its id, part label and notes. */
export class SlideBuilder {
  private readonly slides: SlideModel[] = [];
  private readonly ids = new Map<string, number>();
  /** The kinds of slide added: pages of two kinds never share a slide. */
  private readonly kinds = new Set<string>();

  constructor(
    /** Each group's notes, already HTML. */
    private readonly groupNotes: Partial<Record<NoteGroup, string>>,
    /** Slides of this builder are set smaller (see `layOutGroup`). */
    private readonly dense = false,
  ) {}

  get count(): number {
    return this.slides.length;
  }

  /** The fewest slides these could take: one per kind of slide. */
  get fewest(): number {
    return this.kinds.size;
  }

  /** Takes the slides another builder laid out (each kind of slide belongs to one group, so ids stay unique). */
  append(other: SlideBuilder): void {
    this.slides.push(...other.slides);
  }

  /**
   * Adds the pages of one group. The group's notes go on its first slide,
   * item notes (`itemNotes`) on the slide that shows the item.
   */
  add<S extends SlideModel>(
    group: NoteGroup | null,
    pages: SlideContent<S>[],
    base: {
      kind: S['kind'];
      heading: string;
      yamlPath: (index: number) => string;
      itemNotes?: (index: number) => string[];
    },
  ): void {
    if (pages.length > 0) this.kinds.add(base.kind);
    pages.forEach((content, index) => {
      const notes: string[] = [];
      const groupNotes = index === 0 && group ? this.groupNotes[group] : undefined;
      if (groupNotes) notes.push(groupNotes);
      notes.push(...(base.itemNotes?.(index) ?? []));
      this.slides.push({
        ...(content as object),
        kind: base.kind,
        id: this.uniqueId(base.kind),
        heading: base.heading,
        part: pages.length > 1 ? `${index + 1}/${pages.length}` : '',
        yamlPath: base.yamlPath(index),
        notesHtml: notes.join('\n'),
        number: 0,
        total: 0,
        dense: this.dense,
      } as S);
    });
  }

  private uniqueId(kind: string): string {
    const n = (this.ids.get(kind) ?? 0) + 1;
    this.ids.set(kind, n);
    return n === 1 ? kind : `${kind}-${n}`;
  }

  /** The slides, numbered. */
  finish(): SlideModel[] {
    const total = this.slides.length;
    return this.slides.map((slide, index) => ({ ...slide, number: index + 1, total }));
  }
}

/**
 * Lays out a group of slides. When slightly smaller type (the layout's
 * `slide.denseZoom`) would save a slide, the group is set that way instead:
 * a long list then fits on one slide, or on fewer, instead of spilling a
 * few lines onto the next.
 */
export function layOutGroup(
  groupNotes: Partial<Record<NoteGroup, string>>,
  context: SlideContext,
  slides: (builder: SlideBuilder, context: SlideContext) => void,
): SlideBuilder {
  const laidOut = (page: Page, dense: boolean) => {
    const builder = new SlideBuilder(groupNotes, dense);
    slides(builder, { ...context, page });
    return builder;
  };
  const normal = laidOut(context.page, false);
  // Only a group that takes more slides than it has kinds of slide can be saved one (the risks
  // always take a matrix slide and a card slide: two is already their fewest).
  if (normal.count <= normal.fewest) return normal;
  const dense = laidOut(densePage(context.page, context.layout.slide.denseZoom), true);
  return dense.count < normal.count ? dense : normal;
}

/** Notes of items shown on a slide, each headed by the item's name. */
export function itemNotes(items: { label: string; notesHtml: string }[]): string[] {
  return items
    .filter((item) => item.notesHtml)
    .map((item) => `<p><strong>${escapeHtml(item.label)}:</strong></p>\n${item.notesHtml}`);
}
