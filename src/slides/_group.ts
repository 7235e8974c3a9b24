/**
 * What every group of slides shares: the builder that gives each slide its
 * id, part label ("2/3") and notes, the choice between a group's normal
 * layout and its dense one, and two short groups set on one slide.
 */

import { escapeHtml } from '../content/markdown.js';
import type { NoteGroup } from '../format/briefing.js';
import type { Layout } from './layout.js';
import { densePage, type Page } from './paginate.js';
import type { CombinedSlide, SlideBase, SlideKind, SlideModel } from './types.js';

/**
 * The groups that may share a slide with a neighbour when both are short: the
 * text that tells the story before the analysis. Never a visual (the actor
 * map, the risk matrix), nor the recommendations or the sources, which a
 * reader looks for on a slide of their own.
 */
const COMBINABLE: ReadonlySet<SlideKind> = new Set(['bluf', 'situation', 'timeline', 'actors']);
/** A group is short when it fits in this share of the slide body's height. */
const SHORT = 1 / 3;

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
  /** Set by `layOutGroup`: the group's one slide as laid out in a third of a slide, when it fits there. */
  short: SlideModel | undefined;
  /** The last slide, when it is a short group's that a next short group may join (see `append`). */
  private open: { index: number; slide: SlideModel } | undefined;

  constructor(
    /** Each group's notes, already HTML. */
    private readonly groupNotes: Partial<Record<NoteGroup, string>>,
    /** Slides of this builder are set smaller (see `layOutGroup`). */
    private readonly dense = false,
  ) {}

  get count(): number {
    return this.slides.length;
  }

  /** The slide, when there is one only. */
  get only(): SlideModel | undefined {
    return this.slides.length === 1 ? this.slides[0] : undefined;
  }

  /** The fewest slides these could take: one per kind of slide. */
  get fewest(): number {
    return this.kinds.size;
  }

  /**
   * Takes the slides another builder laid out (each kind of slide belongs to one group, so ids
   * stay unique). A short group right after another short group shares its slide: two at most.
   */
  append(other: SlideBuilder): void {
    if (this.open && other.short) {
      this.slides[this.open.index] = combine(this.open.slide, other.short);
      this.open = undefined;
      return;
    }
    this.slides.push(...other.slides);
    this.open = other.short && { index: this.slides.length - 1, slide: other.short };
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
      /** Parts numbered with other slides of the group ("2/4" for the first of these): where they start, and how many in all. */
      parts?: { first: number; total: number };
    },
  ): void {
    if (pages.length > 0) this.kinds.add(base.kind);
    this.open = undefined;
    const parts = base.parts ?? { first: 1, total: pages.length };
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
        part: parts.total > 1 ? `${parts.first + index}/${parts.total}` : '',
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
  if (normal.count === 1) {
    const short = laidOut({ ...context.page, height: context.page.height * SHORT }, false);
    const slide = short.only;
    if (slide && COMBINABLE.has(slide.kind)) normal.short = slide;
    return normal;
  }
  // Only a group that takes more slides than it has kinds of slide can be saved one (the risks
  // always take a matrix slide and a card slide: two is already their fewest).
  if (normal.count <= normal.fewest) return normal;
  const dense = laidOut(densePage(context.page, context.layout.slide.denseZoom), true);
  return dense.count < normal.count ? dense : normal;
}

/**
 * Two short groups' slides as one, each a section under its own heading; the
 * slide's heading names both ("Situation and actors"), its notes are both
 * groups' notes, each headed by its section when both have some.
 */
function combine(first: SlideModel, second: SlideModel): CombinedSlide {
  const noted = [first, second].filter((slide) => slide.notesHtml);
  return {
    kind: 'combined',
    id: first.id,
    heading: `${first.heading} and ${second.heading.toLowerCase()}`,
    part: '',
    yamlPath: first.yamlPath,
    notesHtml:
      noted.length > 1
        ? itemNotes(noted.map((slide) => ({ label: slide.heading, notesHtml: slide.notesHtml }))).join('\n')
        : (noted[0]?.notesHtml ?? ''),
    number: 0,
    total: 0,
    dense: false,
    sections: [first, second],
  };
}

/** Notes of items shown on a slide, each headed by the item's name. */
export function itemNotes(items: { label: string; notesHtml: string }[]): string[] {
  return items
    .filter((item) => item.notesHtml)
    .map((item) => `<p><strong>${escapeHtml(item.label)}:</strong></p>\n${item.notesHtml}`);
}
