import { pdfString } from './pdfInfo.js';

/**
 * Adds a document outline (bookmarks) to a PDF Chromium wrote, by appending
 * an incremental update as PDF editors do: Chromium's bytes stay as they
 * are, so the tagged structure, the fonts and the links are untouched.
 *
 * Chromium can write an outline itself, from the headings, but it nests
 * every heading it finds (a card's name, "Key facts") under the title
 * slide's h1; a briefing's reader wants one entry per slide group with the
 * continuation slides under it, which only the view model knows.
 */

export interface OutlineEntry {
  title: string;
  /** 0-based page index. */
  page: number;
  children?: OutlineEntry[];
}

/**
 * The pages (0-based) of the named destinations Chromium wrote: one for
 * each element that a link in the document points at, named by its id.
 */
export function namedDestinations(pdf: Uint8Array): Map<string, number> {
  const text = Buffer.from(pdf).toString('latin1');
  const { catalog } = readTrailer(text);
  const pagesRef = /\/Pages\s+(\d+)\s+\d+\s+R/.exec(catalog);
  const destsRef = /\/Dests\s+(\d+)\s+\d+\s+R/.exec(catalog);
  const found = new Map<string, number>();
  if (!pagesRef || !destsRef) return found;
  const pages = pageObjects(text, Number(pagesRef[1]));
  const dests = objectBody(text, Number(destsRef[1]));
  for (const match of dests.matchAll(/\/([^\s/[\]<>()]+)\s*\[\s*(\d+)\s+\d+\s+R/g)) {
    const page = pages.indexOf(Number(match[2]));
    if (page >= 0) found.set(decodeName(match[1] as string), page);
  }
  return found;
}

/** A PDF name's #xx escapes undone. */
function decodeName(name: string): string {
  return name.replace(/#([0-9a-f]{2})/gi, (_, hex: string) => String.fromCharCode(Number.parseInt(hex, 16)));
}

function readTrailer(text: string) {
  const startxref = /startxref\s+(\d+)\s+%%EOF\s*$/.exec(text);
  const trailerAt = text.lastIndexOf('trailer');
  if (!startxref || trailerAt < 0) throw new Error('unexpected PDF layout: no classic trailer to update');
  const trailer = dictionaryAt(text, text.indexOf('<<', trailerAt));
  const size = Number(/\/Size\s+(\d+)/.exec(trailer)?.[1]);
  const root = /\/Root\s+(\d+)\s+(\d+)\s+R/.exec(trailer);
  if (!size || !root) throw new Error('unexpected PDF trailer: no /Size or /Root');
  return {
    startxref: startxref[1] as string,
    trailer,
    size,
    root,
    catalog: objectBody(text, Number(root[1])),
  };
}

export function addOutline(pdf: Uint8Array, entries: readonly OutlineEntry[]): Uint8Array {
  if (entries.length === 0) return pdf;
  const text = Buffer.from(pdf).toString('latin1');
  const { startxref, trailer, size, root, catalog } = readTrailer(text);
  const pagesRef = /\/Pages\s+(\d+)\s+\d+\s+R/.exec(catalog);
  if (!pagesRef) throw new Error('unexpected PDF catalog: no /Pages');
  const pages = pageObjects(text, Number(pagesRef[1]));

  // Object numbers: the outline root, then one per entry, depth first.
  const objects: string[] = [];
  const first = size;
  let next = first + 1;
  const flat: { entry: OutlineEntry; number: number; parent: number; children: number[] }[] = [];
  const place = (list: readonly OutlineEntry[], parent: number): number[] =>
    list.map((entry) => {
      const number = next++;
      const item = { entry, number, parent, children: [] as number[] };
      flat.push(item);
      item.children = place(entry.children ?? [], number);
      return number;
    });
  const top = place(entries, first);
  const count = flat.length;
  objects.push(`<< /Type /Outlines /First ${top[0]} 0 R /Last ${top.at(-1)} 0 R /Count ${count} >>`);
  const siblingsOf = new Map<number, number[]>([[first, top]]);
  for (const item of flat) siblingsOf.set(item.number, item.children);
  for (const item of flat) {
    const siblings = siblingsOf.get(item.parent) ?? [];
    const at = siblings.indexOf(item.number);
    const page = pages[Math.min(Math.max(item.entry.page, 0), pages.length - 1)];
    if (page === undefined) throw new Error('the PDF has no pages');
    const parts = [
      `/Title ${pdfString(item.entry.title)}`,
      `/Parent ${item.parent} 0 R`,
      at > 0 ? `/Prev ${siblings[at - 1]} 0 R` : '',
      at < siblings.length - 1 ? `/Next ${siblings[at + 1]} 0 R` : '',
      item.children.length
        ? `/First ${item.children[0]} 0 R /Last ${item.children.at(-1)} 0 R /Count ${-item.children.length}`
        : '',
      `/Dest [${page} 0 R /Fit]`,
    ];
    objects.push(`<< ${parts.filter(Boolean).join(' ')} >>`);
  }
  // The catalog again, now pointing at the outline and opening with the bookmarks shown.
  const newCatalog = `${catalog
    .replace(/\/Outlines\s+\d+\s+\d+\s+R/, '')
    .replace(/\/PageMode\s*\/\w+/, '')
    .replace(/>>\s*$/, '')
    .trimEnd()} /Outlines ${first} 0 R /PageMode /UseOutlines >>`;

  const needsNewline = !text.endsWith('\n');
  let offset = pdf.length + (needsNewline ? 1 : 0);
  let body = needsNewline ? '\n' : '';
  const offsets: number[] = [];
  const write = (number: number, dictionary: string) => {
    const object = `${number} ${root[2]} obj\n${dictionary}\nendobj\n`;
    offsets[number] = offset;
    offset += Buffer.byteLength(object, 'latin1');
    body += object;
  };
  write(Number(root[1]), newCatalog);
  objects.forEach((dictionary, index) => {
    write(first + index, dictionary);
  });
  const entry = (at: number, generation = '00000') => `${String(at).padStart(10, '0')} ${generation} n \n`;
  const xref =
    `xref\n${root[1]} 1\n${entry(offsets[Number(root[1])] as number, root[2]?.padStart(5, '0'))}` +
    `${first} ${objects.length}\n${objects.map((_, index) => entry(offsets[first + index] as number)).join('')}`;
  const keep = ['Info', 'ID']
    .map((key) => new RegExp(`/${key}\\s*(\\d+\\s+\\d+\\s+R|\\[[^\\]]*\\])`).exec(trailer))
    .filter((match): match is RegExpExecArray => match !== null)
    .map((match) => match[0]);
  const newTrailer = `trailer\n<< /Size ${first + objects.length} /Root ${root[1]} ${root[2]} R ${keep.join(' ')} /Prev ${startxref} >>\n`;
  const update = `${body}${xref}${newTrailer}startxref\n${offset}\n%%EOF\n`;
  return Buffer.concat([Buffer.from(pdf), Buffer.from(update, 'latin1')]);
}

/** The page objects in order, walking the page tree from `root`. */
function pageObjects(text: string, root: number): number[] {
  const out: number[] = [];
  const visit = (number: number, depth: number) => {
    if (depth > 32) throw new Error('unexpected PDF page tree: too deep');
    const body = objectBody(text, number);
    if (/\/Type\s*\/Pages\b/.test(body)) {
      const kids = /\/Kids\s*\[([^\]]*)\]/.exec(body)?.[1] ?? '';
      for (const kid of kids.matchAll(/(\d+)\s+\d+\s+R/g)) visit(Number(kid[1]), depth + 1);
    } else out.push(number);
  };
  visit(root, 0);
  return out;
}

/** The dictionary of object `number` (its last definition, as incremental updates go). */
function objectBody(text: string, number: number): string {
  const pattern = new RegExp(`(?:^|[\\r\\n])${number}\\s+\\d+\\s+obj\\s*`, 'g');
  let start = -1;
  for (const match of text.matchAll(pattern)) start = (match.index ?? 0) + match[0].length;
  if (start < 0 || !text.startsWith('<<', start))
    throw new Error(`unexpected PDF: object ${number} not found`);
  return dictionaryAt(text, start);
}

/** The `<< … >>` dictionary starting at `start`, nested dictionaries and strings included. */
function dictionaryAt(text: string, start: number): string {
  let depth = 0;
  for (let i = start; i < text.length; i++) {
    const c = text[i];
    if (c === '(') {
      // A literal string: skip to its end (balanced parentheses, backslash escapes).
      let level = 1;
      for (i++; i < text.length && level > 0; i++) {
        if (text[i] === '\\') i++;
        else if (text[i] === '(') level++;
        else if (text[i] === ')') level--;
      }
      i--;
    } else if (c === '<' && text[i + 1] !== '<') {
      // A hex string: its closing > is not a dictionary's end.
      i = text.indexOf('>', i);
      if (i < 0) break;
    } else if (c === '<' && text[i + 1] === '<') {
      depth++;
      i++;
    } else if (c === '>' && text[i + 1] === '>') {
      depth--;
      i++;
      if (depth === 0) return text.slice(start, i + 1);
    }
  }
  throw new Error('unexpected PDF: unterminated dictionary');
}
