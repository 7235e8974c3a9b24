/**
 * One slide being drawn: its shape ids, its relationships (the layout,
 * links, the jump to the sources slide), the shapes drawn so far, and the
 * zoom its content is set at. Helpers place measured text boxes.
 */
import { type Deck, textContextOf } from './_frame.js';
import { REL_TYPES, Rels } from './_package.js';
import type { Link, Paragraph } from './_runs.js';
import {
  type BodyOptions,
  paragraphsXml,
  type TextContext,
  type TextStyle,
  textBody,
  textHeight,
} from './_text.js';
import {
  type LineStyle,
  mirrored,
  type Placement,
  type Rect,
  ShapeIds,
  type ShapeList,
  shape,
  xfrm,
} from './_xml.js';

export class SlidePart {
  readonly ids = new ShapeIds();
  readonly rels = new Rels();
  readonly shapes: string[] = [];
  readonly text: TextContext;

  constructor(
    readonly deck: Deck,
    layoutTarget: string,
    /** Content is set this much smaller to fit (1 = as in the deck). */
    readonly zoom: number,
  ) {
    this.rels.add(REL_TYPES.slideLayout, layoutTarget);
    this.text = textContextOf(deck, deck.palette.link, (link: Link) => this.linkId(link));
  }

  private linkId(link: Link): string | undefined {
    if (link.kind === 'url') return this.rels.add(REL_TYPES.hyperlink, link.url, true);
    const target = this.deck.sourcesSlide;
    return target ? this.rels.add(REL_TYPES.slide, target) : undefined;
  }

  /** A size or gap at this slide's zoom. */
  z(px: number): number {
    return px * this.zoom;
  }

  /** A text style at this slide's zoom. */
  style(style: TextStyle): TextStyle {
    const k = this.zoom;
    return {
      ...style,
      size: style.size * k,
      gap: style.gap === undefined ? undefined : style.gap * k,
      indent: style.indent === undefined ? undefined : style.indent * k,
    };
  }

  /** Height of paragraphs in a column `width` wide, in `style` (already zoomed). */
  measure(paragraphs: readonly Paragraph[], width: number, style: TextStyle): number {
    return textHeight(paragraphs, width, style, this.deck.metrics);
  }

  /** Puts a shape on the slide; in a right-to-left deck, mirrored as its `placement` says (`mirrored`). */
  add(xml: string, placement: Placement = 'layout'): void {
    const { model, frame } = this.deck;
    this.shapes.push(model.dir === 'rtl' ? mirrored(xml, frame.width, placement) : xml);
  }
}

export interface TextSpec {
  name: string;
  x: number;
  y: number;
  w: number;
  /** A fixed height; by default the text's own. */
  h?: number;
  paragraphs: readonly Paragraph[];
  /** Already zoomed (`part.style`). */
  style: TextStyle;
  body?: BodyOptions;
  fill?: string;
  line?: LineStyle | null;
  geometry?: string;
  descr?: string;
}

/** A text box (or a shape with text) sized to its text; returns its XML and rectangle. */
export function textShape(part: SlidePart, spec: TextSpec): { xml: string; rect: Rect } {
  const [l, t, r, b] = spec.body?.insets ?? [0, 0, 0, 0];
  const h = spec.h ?? part.measure(spec.paragraphs, spec.w - l - r, spec.style) + t + b;
  const rect = { x: spec.x, y: spec.y, w: spec.w, h };
  const boxed = spec.fill !== undefined || spec.line !== undefined || spec.geometry !== undefined;
  const xml = shape(part.ids, {
    name: spec.name,
    rect,
    geometry: spec.geometry ?? 'rect',
    fill: spec.fill ?? null,
    line: spec.line ?? null,
    textBox: !boxed,
    descr: spec.descr,
    text: textBody(paragraphsXml(spec.paragraphs, spec.style, part.text), {
      grow: !boxed && spec.h === undefined,
      ...spec.body,
    }),
  });
  return { xml, rect };
}

/** A block of text in a stack: its paragraphs, their style, the space above it. */
export interface Block {
  name: string;
  paragraphs: readonly Paragraph[];
  style: TextStyle;
  gap?: number;
}

/** Height of blocks stacked in a column `width` wide (empty blocks take no room, nor their gap). */
export function stackHeight(part: SlidePart, blocks: readonly Block[], width: number): number {
  return blocks.reduce(
    (sum, block) =>
      block.paragraphs.length === 0
        ? sum
        : sum + (block.gap ?? 0) + part.measure(block.paragraphs, width, block.style),
    0,
  );
}

/** Places blocks one under another from (x, y) into `list`; returns the height they take. */
export function placeStack(
  part: SlidePart,
  list: ShapeList,
  at: { x: number; y: number; w: number },
  blocks: readonly Block[],
): number {
  let y = at.y;
  for (const block of blocks) {
    if (block.paragraphs.length === 0) continue;
    y += block.gap ?? 0;
    const placed = textShape(part, {
      name: block.name,
      x: at.x,
      y,
      w: at.w,
      paragraphs: block.paragraphs,
      style: block.style,
    });
    list.add(placed.xml, placed.rect);
    y += placed.rect.h;
  }
  return y - at.y;
}

/** Places a text box on the slide; returns its height. */
export function placeText(part: SlidePart, spec: TextSpec): number {
  const { xml, rect } = textShape(part, spec);
  part.add(xml);
  return rect.h;
}

/** The slide's title placeholder (`title`, or `ctrTitle` on the title slide), filled, at `rect` or where the layout has it. */
export function titlePlaceholder(
  part: SlidePart,
  type: 'title' | 'ctrTitle',
  paragraphs: readonly Paragraph[],
  style: TextStyle,
  rect?: Rect,
): string {
  return (
    `<p:sp><p:nvSpPr><p:cNvPr id="${part.ids.next()}" name="Title"/><p:cNvSpPr><a:spLocks noGrp="1"/></p:cNvSpPr>` +
    `<p:nvPr><p:ph type="${type}"/></p:nvPr></p:nvSpPr><p:spPr>${rect ? xfrm(rect) : ''}</p:spPr>` +
    `${textBody(paragraphsXml(paragraphs, style, part.text), { anchor: type === 'title' ? 'b' : 't' })}</p:sp>`
  );
}
