/**
 * DrawingML building blocks: units, escaping, fills and lines, and the
 * shapes every slide is made of (rectangles, ellipses, custom paths, text
 * boxes, groups). Coordinates are the deck's CSS pixels (1280 × 720 on a
 * 16:9 slide); they become EMUs here, and only here.
 */
import { escapeXml } from '../../slides/visuals/_svg.js';

export { escapeXml };

/** EMUs per CSS pixel (96 per inch, 914 400 EMUs per inch). */
const EMU_PER_PX = 9525;

export const emu = (px: number): number => Math.round(px * EMU_PER_PX);
/** A font size in hundredths of a point from CSS pixels (1 px = 0.75 pt). */
export const hundredthsPt = (px: number): number => Math.round(px * 75);

export interface Rect {
  x: number;
  y: number;
  w: number;
  h: number;
}

/** `#1b2430` → `1B2430`; anything that is not a 6-digit hex colour is refused (the themes are ours). */
export function hex(color: string): string {
  const match = /^#?([0-9a-f]{6})$/i.exec(color.trim());
  if (!match) throw new Error(`pptx: not a #rrggbb colour: ${color}`);
  return (match[1] as string).toUpperCase();
}

export const solidFill = (color: string): string =>
  `<a:solidFill><a:srgbClr val="${hex(color)}"/></a:solidFill>`;

export function xfrm(rect: Rect, tag = 'a:xfrm', attrs = ''): string {
  return (
    `<${tag}${attrs}><a:off x="${emu(rect.x)}" y="${emu(rect.y)}"/>` +
    `<a:ext cx="${emu(Math.max(0, rect.w))}" cy="${emu(Math.max(0, rect.h))}"/></${tag}>`
  );
}

/**
 * How a shape takes a right-to-left slide (`mirrored`): as layout, mirrored; or as a visual drawn in
 * `area` (the box the deck gives its SVG or picture), moved as a whole to where that box is mirrored.
 */
export type Placement = 'layout' | { visual: Rect };

/** A frame as `xfrm` and `group` write it: an offset (or a group's child offset) and its extent. */
const FRAME = /<a:(off|chOff) x="(-?\d+)" y="(-?\d+)"\/><a:(ext|chExt) cx="(\d+)" cy="(\d+)"\/>/g;

/**
 * A shape, picture, table or group written here, mirrored across a slide `width` px wide, as the deck
 * mirrors a right-to-left page (flex rows, grids and tables under dir="rtl"): x' = width − x − w. In a
 * layout shape every frame is mapped (a group's children are in slide coordinates, its chOff its off, so
 * they mirror with it). A visual (the risk matrix, the actor map, a picture) keeps its own geometry, as
 * the deck's SVG does: only its own offset moves, by as much as its area does, its chOff kept, so its
 * children are moved, not flipped.
 */
export function mirrored(xml: string, width: number, placement: Placement): string {
  const across = emu(width);
  const area = placement === 'layout' ? undefined : placement.visual;
  const shift = area ? emu(width - area.x - area.w) - emu(area.x) : 0;
  let first = true;
  return xml.replace(
    FRAME,
    (frame, off: string, x: string, y: string, ext: string, cx: string, cy: string) => {
      if (area && !first) return frame;
      first = false;
      const moved = area ? Number(x) + shift : across - Number(x) - Number(cx);
      return `<a:${off} x="${moved}" y="${y}"/><a:${ext} cx="${cx}" cy="${cy}"/>`;
    },
  );
}

export interface LineStyle {
  color: string;
  width: number;
  /** Dash and gap as multiples of the line width. */
  dash?: [number, number];
  /** A double line (the alliance). */
  double?: boolean;
  /** Arrowheads at the end and the start of a path. */
  tail?: boolean;
  head?: boolean;
  cap?: 'rnd' | 'flat';
}

export function lineXml(line: LineStyle | null): string {
  if (!line) return '<a:ln><a:noFill/></a:ln>';
  const dash = line.dash
    ? `<a:custDash><a:ds d="${Math.round(line.dash[0] * 100000)}" sp="${Math.round(line.dash[1] * 100000)}"/></a:custDash>`
    : '<a:prstDash val="solid"/>';
  const arrow = (tag: string) => `<a:${tag} type="triangle" w="med" len="med"/>`;
  return (
    `<a:ln w="${emu(line.width)}"${line.cap ? ` cap="${line.cap}"` : ''}${line.double ? ' cmpd="dbl"' : ''}>` +
    `${solidFill(line.color)}${dash}<a:round/>${line.head ? arrow('headEnd') : ''}${line.tail ? arrow('tailEnd') : ''}</a:ln>`
  );
}

/** Hands out the shape ids of one part (1 is the shape tree itself). */
export class ShapeIds {
  private last = 1;
  next(): number {
    this.last += 1;
    return this.last;
  }
}

export interface ShapeSpec {
  name: string;
  rect: Rect;
  /** A preset geometry (`rect`, `ellipse`, `roundRect`, `diamond`, …) or a custom path (see `pathGeometry`). */
  geometry: string;
  fill?: string | null;
  line?: LineStyle | null;
  /** A text body (`textBody` in _text.ts). */
  text?: string;
  /** Alt text. */
  descr?: string;
  /** A text box rather than a shape (PowerPoint's "Text Box"). */
  textBox?: boolean;
}

export const preset = (name: string, adjust?: Record<string, number>): string =>
  `<a:prstGeom prst="${name}"><a:avLst>${Object.entries(adjust ?? {})
    .map(([key, value]) => `<a:gd name="${key}" fmla="val ${Math.round(value)}"/>`)
    .join('')}</a:avLst></a:prstGeom>`;

function nvProps(id: number, name: string, descr: string | undefined): string {
  return `<p:cNvPr id="${id}" name="${escapeXml(name)}"${descr ? ` descr="${escapeXml(descr)}"` : ''}/>`;
}

export function shape(ids: ShapeIds, spec: ShapeSpec): string {
  const fill = spec.fill ? solidFill(spec.fill) : '<a:noFill/>';
  const geometry = spec.geometry.startsWith('<') ? spec.geometry : preset(spec.geometry);
  const text = spec.text ?? '';
  return (
    `<p:sp><p:nvSpPr>${nvProps(ids.next(), spec.name, spec.descr)}<p:cNvSpPr${spec.textBox ? ' txBox="1"' : ''}/><p:nvPr/></p:nvSpPr>` +
    `<p:spPr>${xfrm(spec.rect)}${geometry}${fill}${lineXml(spec.line ?? null)}</p:spPr>${text}</p:sp>`
  );
}

export interface PathCommand {
  op: 'M' | 'L' | 'Q';
  points: { x: number; y: number }[];
}

/**
 * A custom geometry from path commands in slide pixels, placed in `rect`
 * (the commands' bounding box). Not closed, not filled: a line.
 */
export function pathGeometry(commands: readonly PathCommand[], rect: Rect, closed = false): string {
  const w = Math.max(1, emu(rect.w));
  const h = Math.max(1, emu(rect.h));
  const pt = (p: { x: number; y: number }) => `<a:pt x="${emu(p.x - rect.x)}" y="${emu(p.y - rect.y)}"/>`;
  const body = commands
    .map((command) => {
      if (command.op === 'M') return `<a:moveTo>${pt(command.points[0] ?? { x: 0, y: 0 })}</a:moveTo>`;
      if (command.op === 'L') return `<a:lnTo>${pt(command.points[0] ?? { x: 0, y: 0 })}</a:lnTo>`;
      return `<a:quadBezTo>${command.points.map(pt).join('')}</a:quadBezTo>`;
    })
    .join('');
  return (
    '<a:custGeom><a:avLst/><a:gdLst/><a:ahLst/><a:cxnLst/><a:rect l="0" t="0" r="r" b="b"/>' +
    `<a:pathLst><a:path w="${w}" h="${h}"${closed ? '' : ' fill="none"'}>${body}${closed ? '<a:close/>' : ''}</a:path></a:pathLst></a:custGeom>`
  );
}

/** The smallest rectangle holding every point. */
export function boundsOf(points: readonly { x: number; y: number }[]): Rect {
  const xs = points.map((p) => p.x);
  const ys = points.map((p) => p.y);
  const x = Math.min(...xs);
  const y = Math.min(...ys);
  return { x, y, w: Math.max(...xs) - x, h: Math.max(...ys) - y };
}

/** Shapes gathered for a group, with the rectangle they cover. */
export class ShapeList {
  readonly parts: string[] = [];
  private box: Rect | null = null;

  add(xml: string, rect: Rect): void {
    this.parts.push(xml);
    if (!this.box) {
      this.box = { ...rect };
      return;
    }
    const right = Math.max(this.box.x + this.box.w, rect.x + rect.w);
    const bottom = Math.max(this.box.y + this.box.h, rect.y + rect.h);
    this.box.x = Math.min(this.box.x, rect.x);
    this.box.y = Math.min(this.box.y, rect.y);
    this.box.w = right - this.box.x;
    this.box.h = bottom - this.box.y;
  }

  get bounds(): Rect {
    return this.box ?? { x: 0, y: 0, w: 0, h: 0 };
  }
}

/** A group of shapes that moves as one; its children keep slide coordinates. */
export function group(ids: ShapeIds, name: string, descr: string | undefined, list: ShapeList): string {
  const b = list.bounds;
  const frame =
    `<a:xfrm><a:off x="${emu(b.x)}" y="${emu(b.y)}"/><a:ext cx="${emu(b.w)}" cy="${emu(b.h)}"/>` +
    `<a:chOff x="${emu(b.x)}" y="${emu(b.y)}"/><a:chExt cx="${emu(b.w)}" cy="${emu(b.h)}"/></a:xfrm>`;
  return (
    `<p:grpSp><p:nvGrpSpPr>${nvProps(ids.next(), name, descr)}<p:cNvGrpSpPr/><p:nvPr/></p:nvGrpSpPr>` +
    `<p:grpSpPr>${frame}</p:grpSpPr>${list.parts.join('')}</p:grpSp>`
  );
}

/** The extension in which Office 2016+ reads a picture's vector original (`asvg:svgBlip`). */
const SVG_BLIP_URI = '{96DAC541-7B7A-43D3-8B79-37D633B846F1}';
const SVG_BLIP_NS = 'http://schemas.microsoft.com/office/drawing/2016/SVG/main';

/**
 * A picture: the image of relationship `relId` stretched over `rect`, with
 * its alt text; with `svgRelId`, the SVG that PowerPoint 2016+ draws instead.
 */
export function pictureXml(
  ids: ShapeIds,
  spec: { name: string; descr: string; relId: string; svgRelId?: string; rect: Rect },
): string {
  const svg = spec.svgRelId
    ? `<a:extLst><a:ext uri="${SVG_BLIP_URI}"><asvg:svgBlip xmlns:asvg="${SVG_BLIP_NS}" r:embed="${spec.svgRelId}"/></a:ext></a:extLst>`
    : '';
  return (
    `<p:pic><p:nvPicPr>${nvProps(ids.next(), spec.name, spec.descr)}` +
    '<p:cNvPicPr><a:picLocks noChangeAspect="1"/></p:cNvPicPr><p:nvPr/></p:nvPicPr>' +
    `<p:blipFill><a:blip r:embed="${spec.relId}">${svg}</a:blip><a:stretch><a:fillRect/></a:stretch></p:blipFill>` +
    `<p:spPr>${xfrm(spec.rect)}${preset('rect')}</p:spPr></p:pic>`
  );
}

/** The start of every shape tree. */
export const TREE_START =
  '<p:nvGrpSpPr><p:cNvPr id="1" name=""/><p:cNvGrpSpPr/><p:nvPr/></p:nvGrpSpPr>' +
  '<p:grpSpPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="0" cy="0"/><a:chOff x="0" y="0"/><a:chExt cx="0" cy="0"/></a:xfrm></p:grpSpPr>';

export const NS =
  'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" ' +
  'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" ' +
  'xmlns:p="http://schemas.openxmlformats.org/presentationml/2006/main"';

export const XML_DECL = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';
