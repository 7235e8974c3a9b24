/**
 * The text of each page of a PDF as Chromium (Skia) writes it, read
 * without pdf.js: classic objects (no object streams, as countPdfPages
 * relies on too), Flate-compressed content streams, Type0 fonts with a
 * ToUnicode map. It reads only the text-showing operators (Tj, TJ, ', ")
 * and follows form XObjects; positions are not kept. It is enough to prove
 * that a printed page carries a given text, and it costs a few
 * milliseconds where pdf.js costs half a second (see bannerCheck.ts).
 * Anything it cannot read gives less text, never more, so a check built on
 * it fails closed.
 */
import { inflateSync } from 'node:zlib';
import { dictionaryAt, PdfFile } from './pdfFile.js';

interface PdfObject {
  dict: string;
  stream?: Buffer;
}

type Objects = Map<number, PdfObject>;

/** The text of each page, in page order; glyphs without a Unicode mapping are left out. */
export function pdfPageTexts(pdf: Uint8Array): string[] {
  const bytes = Buffer.from(pdf.buffer, pdf.byteOffset, pdf.byteLength);
  const objects = readObjects(bytes);
  const fonts = new Map<number, Map<number, string>>();
  const fontMap = (ref: number) => {
    let map = fonts.get(ref);
    if (!map) {
      const toUnicode = refIn(objects.get(ref)?.dict ?? '', 'ToUnicode');
      map = toUnicode === undefined ? new Map() : parseCMap(streamText(objects.get(toUnicode)));
      fonts.set(ref, map);
    }
    return map;
  };
  return pageOrder(pdf).map((ref) => {
    const page = objects.get(ref)?.dict ?? '';
    return contentRefs(page)
      .map((content) => showText(objects, streamText(objects.get(content)), page, fontMap, 0))
      .join('');
  });
}

/** Every `N G obj … endobj`, with its stream's bytes when it has one. */
function readObjects(bytes: Buffer): Objects {
  const objects: Objects = new Map();
  const text = bytes.toString('latin1');
  const header = /(\d+)\s+\d+\s+obj\b/g;
  for (let match = header.exec(text); match; match = header.exec(text)) {
    const number = Number(match[1]);
    const at = skipSpace(text, match.index + match[0].length);
    if (!text.startsWith('<<', at)) {
      const endAt = text.indexOf('endobj', at);
      if (endAt < 0) break;
      objects.set(number, { dict: text.slice(at, endAt) });
      continue;
    }
    // A dictionary, and the stream after it if one follows: found from the dictionary's end, not by
    // searching ahead for the word (which, for each of hundreds of small objects, scanned the file).
    let dict: string;
    try {
      dict = dictionaryAt(text, at);
    } catch {
      break;
    }
    const after = /\s*stream(?:\r\n|\n|\r)?/y;
    after.lastIndex = at + dict.length;
    if (!after.test(text)) {
      objects.set(number, { dict });
      header.lastIndex = at + dict.length;
      continue;
    }
    const dataAt = after.lastIndex;
    const length = Number(/\/Length\s+(\d+)\b(?!\s+\d+\s+R)/.exec(dict)?.[1] ?? Number.NaN);
    const dataEnd = Number.isFinite(length) ? dataAt + length : text.indexOf('endstream', dataAt);
    objects.set(number, { dict, stream: bytes.subarray(dataAt, dataEnd) });
    header.lastIndex = Math.max(dataEnd, header.lastIndex);
  }
  return objects;
}

function skipSpace(text: string, at: number): number {
  let i = at;
  while (i < text.length && /\s/.test(text[i] as string)) i++;
  return i;
}

/** `/Key N 0 R` in a dictionary's text. */
const refIn = PdfFile.ref;

/** The page objects in order; none when the file cannot be read (the check then fails, closed). */
function pageOrder(pdf: Uint8Array): number[] {
  try {
    return new PdfFile(pdf).pages();
  } catch {
    return [];
  }
}

function contentRefs(page: string): number[] {
  const array = /\/Contents\s*\[([^\]]*)\]/.exec(page)?.[1];
  if (array !== undefined) return [...array.matchAll(/(\d+)\s+\d+\s+R/g)].map((m) => Number(m[1]));
  const one = refIn(page, 'Contents');
  return one === undefined ? [] : [one];
}

function streamText(object: PdfObject | undefined): string {
  if (!object?.stream) return '';
  try {
    const data = /\/Filter\s*\/FlateDecode\b/.test(object.dict) ? inflateSync(object.stream) : object.stream;
    return data.toString('latin1');
  } catch {
    return '';
  }
}

/**
 * `/Name N 0 R` entries of a resource sub-dictionary (`/Font`, `/XObject`), given inline in the
 * resources or as a reference to a dictionary object.
 */
function resourceRefs(objects: Objects, owner: string, kind: 'Font' | 'XObject'): Map<string, number> {
  let resources = owner;
  const resourcesRef = refIn(owner, 'Resources');
  if (resourcesRef !== undefined) resources = objects.get(resourcesRef)?.dict ?? '';
  let sub = inlineDict(resources, kind);
  if (sub === undefined) {
    const ref = refIn(resources, kind);
    sub = ref === undefined ? '' : (objects.get(ref)?.dict ?? '');
  }
  return new Map(
    [...sub.matchAll(/\/([^\s/<>[\]()]+)\s+(\d+)\s+\d+\s+R/g)].map((m) => [m[1] ?? '', Number(m[2])]),
  );
}

/** The text of `/Key << … >>`, nested dictionaries included. */
function inlineDict(dict: string, key: string): string | undefined {
  const at = new RegExp(`/${key}\\s*<<`).exec(dict);
  if (!at) return undefined;
  let depth = 0;
  for (let i = at.index + at[0].length - 2; i < dict.length - 1; i++) {
    if (dict[i] === '<' && dict[i + 1] === '<') {
      depth++;
      i++;
    } else if (dict[i] === '>' && dict[i + 1] === '>') {
      depth--;
      i++;
      if (depth === 0) return dict.slice(at.index + at[0].length, i - 1);
    }
  }
  return undefined;
}

/** The Unicode text of a ToUnicode CMap's `bfchar` and `bfrange` entries. */
export function parseCMap(cmap: string): Map<number, string> {
  const map = new Map<number, string>();
  const unicode = (hex: string) => {
    let out = '';
    for (let i = 0; i + 4 <= hex.length; i += 4)
      out += String.fromCharCode(Number.parseInt(hex.slice(i, i + 4), 16));
    return out;
  };
  for (const block of cmap.matchAll(/beginbfchar([\s\S]*?)endbfchar/g))
    for (const entry of (block[1] ?? '').matchAll(/<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]*)>/g))
      map.set(Number.parseInt(entry[1] ?? '', 16), unicode(entry[2] ?? ''));
  for (const block of cmap.matchAll(/beginbfrange([\s\S]*?)endbfrange/g)) {
    const range = /<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>\s*(?:<([0-9a-fA-F]*)>|\[([^\]]*)\])/g;
    for (const entry of (block[1] ?? '').matchAll(range)) {
      const low = Number.parseInt(entry[1] ?? '', 16);
      const high = Math.min(Number.parseInt(entry[2] ?? '', 16), low + 0xffff);
      if (entry[3] !== undefined) {
        const first = entry[3];
        const base = Number.parseInt(first.slice(-4) || '0', 16);
        for (let code = low; code <= high; code++)
          map.set(code, unicode(first.slice(0, -4)) + String.fromCharCode(base + code - low));
      } else {
        const targets = [...(entry[4] ?? '').matchAll(/<([0-9a-fA-F]*)>/g)];
        targets.forEach((target, i) => {
          map.set(low + i, unicode(target[1] ?? ''));
        });
      }
    }
  }
  return map;
}

const MAX_FORM_DEPTH = 8;

/** The text a content stream shows, form XObjects included. */
function showText(
  objects: Objects,
  content: string,
  owner: string,
  fontMap: (ref: number) => Map<number, string>,
  depth: number,
): string {
  const fonts = resourceRefs(objects, owner, 'Font');
  const forms = resourceRefs(objects, owner, 'XObject');
  let font = new Map<number, string>();
  let out = '';
  let last = '';
  // Chromium's fonts are Identity-H: two bytes per glyph, the hex string's four digits.
  const decode = (operand: string) => {
    if (operand.startsWith('<')) {
      const hex = operand.slice(1, -1).replace(/\s+/g, '');
      for (let i = 0; i + 4 <= hex.length; i += 4)
        out += font.get(Number.parseInt(hex.slice(i, i + 4), 16)) ?? '';
      return;
    }
    const bytes = stringValue(operand);
    for (let i = 0; i + 1 < bytes.length; i += 2)
      out += font.get((bytes.charCodeAt(i) << 8) | bytes.charCodeAt(i + 1)) ?? '';
  };
  // Only text objects and form XObjects show text: the paths between them (most of a page's
  // content) are skipped unread. A text object cut short (an `ET` inside a literal string, which
  // Chromium never writes) only loses text.
  for (const part of content.matchAll(/\bBT\b([\s\S]*?)\bET\b|\/([^\s/<>[\]()]+)\s+Do\b/g)) {
    if (part[2] !== undefined) {
      const ref = forms.get(part[2]);
      const form = ref === undefined ? undefined : objects.get(ref);
      if (form && depth < MAX_FORM_DEPTH && /\/Subtype\s*\/Form\b/.test(form.dict))
        out += showText(objects, streamText(form), form.dict, fontMap, depth + 1);
      continue;
    }
    for (const token of (part[1] ?? '').matchAll(TEXT_TOKEN)) {
      const [, operand, operator] = token;
      if (operand !== undefined) {
        // Every operator read here takes its string, array or name last.
        last = operand;
        continue;
      }
      if (operator === 'Tf') {
        const ref = fonts.get(last.slice(1));
        font = ref === undefined ? new Map() : fontMap(ref);
      } else if (operator === 'Tj' || operator === "'" || operator === '"') decode(last);
      else if (operator === 'TJ') for (const string of arrayStrings(last)) decode(string);
      last = '';
    }
  }
  return out;
}

/**
 * The operands a text object's operators use (strings, arrays of strings, names) and its operators;
 * numbers are skipped. Literal strings with nested parentheses are not read (Chromium writes hex).
 */
const TEXT_TOKEN =
  /(<[0-9A-Fa-f\s]*>|\((?:\\[\s\S]|[^\\()])*\)|\[(?:\((?:\\[\s\S]|[^\\()])*\)|[^\]])*\]|\/[^\s/<>[\]()]+)|([A-Za-z'"][A-Za-z*'"]*)/g;

/** The bytes of a literal string operand `(…)`, as a latin1 string. */
function stringValue(operand: string): string {
  if (!operand.startsWith('(')) return '';
  const body = operand.slice(1, -1);
  const escapes: Record<string, string> = { n: '\n', r: '\r', t: '\t', b: '\b', f: '\f' };
  return body.replace(/\\([0-7]{1,3}|\r\n|[\s\S])/g, (_, e: string) => {
    if (/^[0-7]+$/.test(e)) return String.fromCharCode(Number.parseInt(e, 8) & 0xff);
    if (e === '\n' || e === '\r' || e === '\r\n') return '';
    return escapes[e] ?? e;
  });
}

/** The strings of a TJ array, in order (the numbers between them are spacing). */
function arrayStrings(operand: string): string[] {
  const parts: string[] = [];
  for (const [, string] of operand.slice(1, -1).matchAll(TEXT_TOKEN))
    if (string?.startsWith('(') || string?.startsWith('<')) parts.push(string);
  return parts;
}
