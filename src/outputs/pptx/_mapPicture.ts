/**
 * The locator map's SVG (slides/visuals/map.ts), which the deck styles
 * through classes and the theme's custom properties (themes/map.css), made
 * into a file that stands alone: every colour, stroke and weight written on
 * the element as a presentation attribute, in the PPTX's palette. The
 * halos under the names are left off, as the deck's PDF leaves them off
 * (`paint-order` is not in every SVG renderer, and a halo drawn over its
 * text would hide it); `dy` is folded into `y`, and the text is set in the
 * PPTX's font. Read with htmlparser2 in XML mode and written back escaped:
 * only the elements and attributes of our own drawing come out, with no
 * class, no ARIA and no style sheet.
 */
import { Parser } from 'htmlparser2';
import { mix, type Palette } from './_theme.js';
import { escapeXml } from './_xml.js';

type Attributes = Record<string, string>;

/** The presentation attributes of map.css, for an element with these classes (inside the inset or not). */
function styleOf(classes: ReadonlySet<string>, inInset: boolean, p: Palette): Attributes {
  const has = (name: string) => classes.has(`bd-map-${name}`);
  const line = (stroke: string, width: number): Attributes => ({
    fill: 'none',
    stroke,
    'stroke-width': String(width),
    'stroke-linejoin': 'round',
  });
  if (has('sea')) return { fill: mix(p.accent, p.bg, 0.13) };
  if (has('focus')) return { fill: mix(p.text, p.bg, 0.02) };
  if (has('land')) return { fill: mix(p.text, p.bg, 0.09) };
  if (has('coast')) return line(mix(p.accent, p.bg, 0.45), inInset ? 0.6 : 0.9);
  if (has('border'))
    return {
      ...line(mix(p.text, p.bg, 0.55), inInset ? 0.6 : 1.1),
      ...(inInset ? {} : { 'stroke-dasharray': '5 2.5' }),
    };
  if (has('frame') || has('inset-frame')) return line(mix(p.text, p.bg, 0.4), 1);
  if (has('country-label')) return { fill: p.muted, 'font-weight': 'bold' };
  if (has('area-label')) return { fill: mix('#8a5a2b', p.text, 0.78), 'font-style': 'italic' };
  if (has('label')) return { fill: p.text, 'font-weight': 'bold' };
  if (has('marker')) return { fill: p.markerBg, stroke: p.bg, 'stroke-width': '1.5' };
  if (has('key-letter')) return { fill: p.markerText, 'font-weight': 'bold' };
  if (has('leader')) return { fill: 'none', stroke: p.text, 'stroke-width': '1' };
  if (has('badge')) return { fill: p.accent };
  if (has('badge-number')) return { fill: p.onAccent, 'font-weight': 'bold' };
  if (has('inset-extent'))
    return { fill: p.accent, 'fill-opacity': '0.18', stroke: p.accent, 'stroke-width': '1.5' };
  if (has('disclaimer') || has('legend-text') || has('scale-text')) return { fill: p.muted };
  if (has('key') || has('scale-dark')) return { fill: p.text };
  if (has('scale-light')) return { fill: p.bg };
  if (has('scale-frame')) return { fill: 'none', stroke: p.text, 'stroke-width': '0.8' };
  return {};
}

/** Attributes that carry only the deck's styling hooks or accessibility wiring, not drawing. */
const DROPPED = /^(class|role|aria-.*|style)$/;
/** The root's own sizing, replaced by its viewBox's size. */
const ROOT_SIZING = /^(width|height|preserveAspectRatio)$/;

/** `dy="0.35em"` folded into `y` (some renderers ignore `dy`). */
function foldDy(attributes: Attributes): Attributes {
  const { dy, ...rest } = attributes;
  const em = /^(-?[\d.]+)em$/.exec(dy ?? '');
  const size = Number(rest['font-size'] ?? 16);
  if (!em || rest.y === undefined) return rest;
  return { ...rest, y: String(Math.round((Number(rest.y) + Number(em[1]) * size) * 100) / 100) };
}

/** The map as a standalone SVG document, `width` × `height` px (its viewBox), in the palette and `font`. */
export function standaloneMapSvg(svgHtml: string, palette: Palette, font: string): string {
  const out: string[] = [];
  const insets: boolean[] = [];
  const parser = new Parser(
    {
      onopentag(name, attributes) {
        const classes = new Set((attributes.class ?? '').split(/\s+/));
        const inInset = (insets.at(-1) ?? false) || classes.has('bd-map-inset');
        insets.push(inInset);
        let kept: Attributes = Object.fromEntries(
          Object.entries(attributes).filter(
            ([key]) => !DROPPED.test(key) && !(name === 'svg' && ROOT_SIZING.test(key)),
          ),
        );
        if (name === 'svg') {
          const [, , w = '0', h = '0'] = (attributes.viewBox ?? '').trim().split(/[\s,]+/);
          kept = {
            ...kept,
            xmlns: 'http://www.w3.org/2000/svg',
            width: w,
            height: h,
            'font-family': `${font}, Arial, Liberation Sans, Arimo, Helvetica, sans-serif`,
          };
        }
        if (name === 'text') kept = { fill: palette.text, ...foldDy(kept) };
        const written = { ...kept, ...styleOf(classes, inInset, palette) };
        out.push(
          `<${name}${Object.entries(written)
            .map(([key, value]) => ` ${key}="${escapeXml(value)}"`)
            .join('')}>`,
        );
      },
      ontext(text) {
        out.push(escapeXml(text));
      },
      onclosetag(name) {
        insets.pop();
        out.push(`</${name}>`);
      },
    },
    { xmlMode: true, decodeEntities: true },
  );
  parser.write(svgHtml);
  parser.end();
  return `<?xml version="1.0" encoding="UTF-8"?>\n${out.join('')}`;
}
