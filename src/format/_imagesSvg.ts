/**
 * The SVG check: an SVG file is parsed as strict, namespace-aware XML
 * (saxes, which never expands an entity it was not given) and refused,
 * not cleaned, if it has anything that could run or reach outside the
 * file: a script (in any namespace, or an SVG 1.2 handler), an event
 * attribute, a `foreignObject` or HTML element, a reference (`href`,
 * `xlink:href`, `src`, `url()` in attributes and style sheets, `@import`)
 * to anything but a fragment of the file itself (`#id`) or an embedded
 * PNG, JPEG, GIF or WebP `data:` URI, an animation that sets a reference
 * or an event, an `xml-stylesheet`, or a DOCTYPE that declares entities.
 * A file that passes is used byte for byte as written.
 *
 * Why refuse rather than sanitise: the author sees exactly what the
 * audience will, a refusal names what to remove, nothing is rewritten by a
 * cleaner whose output must be trusted in turn (the one well-kept SVG
 * sanitiser, DOMPurify, needs a DOM such as jsdom on Node), and no trace of
 * a payload can reach an output because no such file is used at all.
 */
import { type SaxesAttributeNS, SaxesParser, type SaxesTagNS } from 'saxes';
import { truncate } from './format.js';

const SVG_NS = 'http://www.w3.org/2000/svg';
const XHTML_NS = 'http://www.w3.org/1999/xhtml';
/** Elements that run code, whatever their namespace. */
const SCRIPTS = new Set(['script', 'handler', 'listener']);
/** Elements that embed another document, whatever their namespace. */
const EMBEDS = new Set(['iframe', 'embed', 'object', 'frame', 'frameset', 'applet', 'portal']);
const ANIMATIONS = new Set(['animate', 'set', 'animatemotion', 'animatetransform', 'animatecolor']);
const REFERENCES = new Set(['href', 'src', 'action', 'formaction', 'data', 'codebase']);
/** A reference that stays inside the file: a fragment, or raster image data. */
const SAFE_TARGET = /^\s*(#|data:image\/(png|jpeg|gif|webp)[;,])/i;
/** Deeper nesting than any real drawing has; refused before it can exhaust a renderer's stack. */
const MAX_DEPTH = 500;

export interface SvgProblem {
  kind: string;
  message: string;
  hint?: string;
}

export interface CheckedSvg {
  width: number;
  height: number;
}

const HINT_REMOVE =
  'remove it: briefdeck shows SVG files as they are, so it refuses what it would have to remove';

/** Lengths in the units CSS allows on an SVG root, in px at 96 per inch. */
const UNITS: Readonly<Record<string, number>> = {
  '': 1,
  px: 1,
  pt: 4 / 3,
  pc: 16,
  in: 96,
  cm: 96 / 2.54,
  mm: 96 / 25.4,
};

function length(value: string | undefined): number | undefined {
  const match = /^\s*([0-9]*\.?[0-9]+(?:e[+-]?\d+)?)\s*(px|pt|pc|in|cm|mm)?\s*$/i.exec(value ?? '');
  if (!match) return undefined;
  const number = Math.round(Number(match[1]) * (UNITS[(match[2] ?? '').toLowerCase()] ?? 1) * 100) / 100;
  return Number.isFinite(number) && number > 0 ? number : undefined;
}

/** The root's size: width and height, else the viewBox's (a percentage or a missing side falls back to it). */
function rootSize(attributes: Record<string, SaxesAttributeNS>): CheckedSvg | undefined {
  const box = (attributes.viewBox?.value ?? '')
    .trim()
    .split(/[\s,]+/)
    .map(Number);
  const [, , boxWidth, boxHeight] = box;
  const hasBox =
    box.length === 4 && box.every(Number.isFinite) && (boxWidth ?? 0) > 0 && (boxHeight ?? 0) > 0;
  const width = length(attributes.width?.value);
  const height = length(attributes.height?.value);
  if (width && height) return { width, height };
  if (!hasBox) return undefined;
  const ratio = (boxHeight as number) / (boxWidth as number);
  if (width) return { width, height: Math.round(width * ratio * 100) / 100 };
  if (height) return { width: Math.round((height / ratio) * 100) / 100, height };
  return { width: boxWidth as number, height: boxHeight as number };
}

/** The targets of `url(…)` and `@import` in CSS or an attribute value. */
function cssTargets(css: string): string[] {
  const targets: string[] = [];
  for (const match of css.matchAll(/url\(\s*(?:"([^"]*)"|'([^']*)'|([^)]*))\s*\)/gi))
    targets.push((match[1] ?? match[2] ?? match[3] ?? '').trim());
  for (const match of css.matchAll(/@import\s+(?:"([^"]*)"|'([^']*)'|url\()/gi))
    targets.push(match[1] ?? match[2] ?? 'url(…)');
  return targets;
}

function tagName(tag: SaxesTagNS): string {
  return `<${tag.name}>`;
}

/** Problems with one element and its attributes. */
function elementProblems(tag: SaxesTagNS, where: string): SvgProblem[] {
  const problems: SvgProblem[] = [];
  const local = tag.local.toLowerCase();
  if (SCRIPTS.has(local))
    problems.push({ kind: 'script', message: `has a script: ${tagName(tag)} (${where})`, hint: HINT_REMOVE });
  else if (EMBEDS.has(local))
    problems.push({
      kind: 'embed',
      message: `embeds another document: ${tagName(tag)} (${where})`,
      hint: HINT_REMOVE,
    });
  else if (local === 'foreignobject')
    problems.push({ kind: 'foreign', message: `has a <foreignObject> (${where})`, hint: HINT_REMOVE });
  else if (tag.uri === XHTML_NS)
    problems.push({
      kind: 'html',
      message: `has an HTML element ${tagName(tag)} (${where})`,
      hint: HINT_REMOVE,
    });
  for (const attribute of Object.values(tag.attributes)) {
    const name = attribute.local.toLowerCase();
    const value = attribute.value;
    const shown = `${attribute.name}="${truncate(value, 40)}"`;
    if (name.startsWith('on'))
      problems.push({
        kind: 'event',
        message: `has an event attribute ${attribute.name} (${where})`,
        hint: HINT_REMOVE,
      });
    else if (REFERENCES.has(name) && !SAFE_TARGET.test(value))
      problems.push({
        kind: 'reference',
        message: `refers outside the file: ${shown} (${where})`,
        hint: HINT_REFERENCE,
      });
    else if (cssTargets(value).some((target) => !SAFE_TARGET.test(target)))
      problems.push({
        kind: 'reference',
        message: `refers outside the file: ${shown} (${where})`,
        hint: HINT_REFERENCE,
      });
    else if (/^\s*javascript:/i.test(value))
      problems.push({
        kind: 'script',
        message: `has a javascript: value: ${shown} (${where})`,
        hint: HINT_REMOVE,
      });
  }
  if (ANIMATIONS.has(local)) {
    const target = (tag.attributes.attributeName?.value ?? '').toLowerCase().replace(/^.*:/, '');
    if (REFERENCES.has(target) || target.startsWith('on'))
      problems.push({ kind: 'animation', message: `animates ${target} (${where})`, hint: HINT_REMOVE });
  }
  return problems;
}

const HINT_REFERENCE =
  'an SVG may refer only to its own parts (#id) and embed PNG, JPEG, GIF or WebP images as data: URIs';

/** Problems before the root: a DOCTYPE that declares entities, a style sheet to load. */
function watchProlog(parser: SaxesParser<{ xmlns: true; position: true }>, problems: SvgProblem[]): void {
  parser.on('doctype', (doctype) => {
    if (/\[|<!ENTITY/i.test(doctype))
      problems.push({
        kind: 'entity',
        message: `declares entities in its DOCTYPE (line ${parser.line})`,
        hint: 'remove the DOCTYPE: an SVG file needs none',
      });
  });
  parser.on('processinginstruction', (pi) => {
    if (pi.target.toLowerCase() === 'xml-stylesheet')
      problems.push({
        kind: 'reference',
        message: `loads a style sheet (<?xml-stylesheet?>, line ${parser.line})`,
        hint: HINT_REMOVE,
      });
  });
}

function rootProblem(tag: SaxesTagNS): SvgProblem | undefined {
  if (tag.local === 'svg' && tag.uri === SVG_NS) return undefined;
  return {
    kind: 'root',
    message: `is not an SVG drawing: its root element is ${tagName(tag)}${tag.uri ? '' : ' without the SVG namespace'}`,
    hint: 'the root must be <svg xmlns="http://www.w3.org/2000/svg">',
  };
}

/** Watches the elements: the root's size, each element's problems, the text of style sheets. */
function watchElements(parser: SaxesParser<{ xmlns: true; position: true }>, problems: SvgProblem[]) {
  const found: { size?: CheckedSvg | undefined; root: boolean } = { root: false };
  let depth = 0;
  let style: string | undefined;
  parser.on('opentag', (tag) => {
    depth++;
    if (!found.root) {
      found.root = true;
      const problem = rootProblem(tag);
      if (problem) problems.push(problem);
      found.size = rootSize(tag.attributes);
    }
    if (depth === MAX_DEPTH + 1)
      problems.push({ kind: 'depth', message: `nests elements more than ${MAX_DEPTH} deep` });
    problems.push(...elementProblems(tag, `line ${parser.line}`));
    if (tag.local === 'style') style = '';
  });
  const addText = (text: string) => {
    if (style !== undefined) style += text;
  };
  parser.on('text', addText);
  parser.on('cdata', addText);
  parser.on('closetag', (tag) => {
    depth--;
    if (tag.local !== 'style' || style === undefined) return;
    if (cssTargets(style).some((target) => !SAFE_TARGET.test(target)))
      problems.push({
        kind: 'reference',
        message: `has a style sheet that loads from outside the file (line ${parser.line})`,
        hint: HINT_REFERENCE,
      });
    style = undefined;
  });
  return found;
}

/**
 * Parses `text` and lists every problem (each kind once, with where it
 * first occurs and how many more there are), or returns the drawing's size.
 */
export function checkSvgText(text: string): CheckedSvg | { problems: SvgProblem[] } {
  const problems: SvgProblem[] = [];
  const parser = new SaxesParser({ xmlns: true, position: true });
  let broken: string | undefined;
  watchProlog(parser, problems);
  const found = watchElements(parser, problems);
  parser.on('error', (error) => {
    const match = /^(?:.*?:)?(\d+):(\d+): (.*?)\.?$/.exec(error.message);
    broken ??= match ? `line ${match[1]}, column ${match[2]}: ${match[3]}` : error.message;
    throw error;
  });
  try {
    parser.write(text).close();
  } catch {
    // `broken` says what.
  }
  // An entity the DOCTYPE declared is never expanded, so its use is "undefined": the DOCTYPE was said already.
  const declared = problems.some((problem) => problem.kind === 'entity');
  if (broken && !(declared && broken.endsWith('undefined entity')))
    problems.push({
      kind: 'xml',
      message: `is not well-formed XML (${broken})`,
      hint: 'open and save it again in a drawing program',
    });
  if (problems.length === 0 && !found.size)
    problems.push({
      kind: 'size',
      message: 'has no size',
      hint: 'give the root <svg> a viewBox, or a width and a height',
    });
  return problems.length > 0 ? { problems: summarise(problems) } : (found.size as CheckedSvg);
}

/** Each kind of problem once, at its first occurrence, with the count of the others. */
function summarise(problems: readonly SvgProblem[]): SvgProblem[] {
  const byKind = new Map<string, { first: SvgProblem; count: number }>();
  for (const problem of problems) {
    const seen = byKind.get(problem.kind);
    if (seen) seen.count++;
    else byKind.set(problem.kind, { first: problem, count: 1 });
  }
  return [...byKind.values()].map(({ first, count }) =>
    count === 1 ? first : { ...first, message: `${first.message}, and ${count - 1} more like it` },
  );
}
