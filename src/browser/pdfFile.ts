/**
 * A PDF as Chromium writes it (a classic cross-reference table and
 * trailer, no object streams), read for its catalog, page order and
 * objects, and changed the way PDF editors do: by an incremental update
 * appended to the file, so Chromium's bytes (the tagged structure, the
 * fonts, the links) stay as they are. The document information
 * (pdfInfo.ts), the bookmarks (pdfOutline.ts) and the text check
 * (pdfText.ts) all read the file through this one module.
 */

export class PdfFile {
  /** The file as text, one character a byte. */
  readonly text: string;
  /** The offset of the last cross-reference section, for the update's `/Prev`. */
  readonly startxref: string;
  /** The last trailer's dictionary. */
  readonly trailer: string;
  /** The number of objects, and so the first free object number. */
  readonly size: number;
  /** The catalog's object number and generation. */
  readonly root: { number: number; generation: number };
  /** Where each object's newest definition starts, from the cross-reference tables. */
  private readonly offsets: Map<number, number>;

  constructor(readonly bytes: Uint8Array) {
    this.text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
    const xrefAt = lastXref(this.text);
    if (xrefAt === undefined) throw new Error('unexpected PDF layout: no startxref');
    this.startxref = String(xrefAt);
    // A classic table and its trailer (as Chromium writes), else a cross-reference stream, whose
    // dictionary is the trailer (a packed file, pdfCompact.ts: read, its plain objects found by header).
    const trailerAt = this.text.startsWith('xref', xrefAt) ? this.text.indexOf('trailer', xrefAt) : xrefAt;
    if (trailerAt < 0) throw new Error('unexpected PDF layout: no trailer');
    this.trailer = dictionaryAt(this.text, this.text.indexOf('<<', trailerAt));
    this.size = Number(/\/Size\s+(\d+)/.exec(this.trailer)?.[1]);
    const root = /\/Root\s+(\d+)\s+(\d+)\s+R/.exec(this.trailer);
    if (!this.size || !root) throw new Error('unexpected PDF trailer: no /Size or /Root');
    this.root = { number: Number(root[1]), generation: Number(root[2]) };
    // A table that cannot be read leaves each object to be found by its header (see `object`).
    this.offsets = tryOr(() => readXref(this.text, xrefAt).offsets, new Map<number, number>());
  }

  catalog(): string {
    return this.object(this.root.number);
  }

  /** The dictionary of object `number` (its last definition, as incremental updates go). */
  object(number: number): string {
    const header = /(\d+)\s+\d+\s+obj\s*/y;
    header.lastIndex = this.offsets.get(number) ?? -1;
    const found = header.lastIndex >= 0 ? header.exec(this.text) : null;
    if (found && Number(found[1]) === number && this.text.startsWith('<<', header.lastIndex))
      return dictionaryAt(this.text, header.lastIndex);
    // Not where the table says: the last definition in the file, as incremental updates go.
    const pattern = new RegExp(`(?:^|[\\r\\n])${number}\\s+\\d+\\s+obj\\s*`, 'g');
    let start = -1;
    for (const match of this.text.matchAll(pattern)) start = (match.index ?? 0) + match[0].length;
    if (start < 0 || !this.text.startsWith('<<', start))
      throw new Error(`unexpected PDF: object ${number} not found`);
    return dictionaryAt(this.text, start);
  }

  /** The object number `/Key N G R` in a dictionary names, if it names one. */
  static ref(dictionary: string, key: string): number | undefined {
    const match = new RegExp(`/${key}\\s+(\\d+)\\s+\\d+\\s+R`).exec(dictionary);
    return match ? Number(match[1]) : undefined;
  }

  /** The page objects in order, walking the page tree. */
  pages(): number[] {
    const tree = PdfFile.ref(this.catalog(), 'Pages');
    if (tree === undefined) throw new Error('unexpected PDF catalog: no /Pages');
    const out: number[] = [];
    const visit = (number: number, depth: number) => {
      if (depth > 32) throw new Error('unexpected PDF page tree: too deep');
      const body = this.object(number);
      if (/\/Type\s*\/Pages\b/.test(body)) {
        const kids = /\/Kids\s*\[([^\]]*)\]/.exec(body)?.[1] ?? '';
        for (const kid of kids.matchAll(/(\d+)\s+\d+\s+R/g)) visit(Number(kid[1]), depth + 1);
      } else out.push(number);
    };
    visit(tree, 0);
    return out;
  }

  /**
   * The file with an incremental update appended: `objects` (number → dictionary; the number of an
   * object that exists replaces it, a number from `size` on adds one) and a trailer that keeps the
   * root, `/Info` and `/ID` unless `trailer` gives them anew.
   */
  update(objects: ReadonlyMap<number, string>, trailer: Record<string, string> = {}): Uint8Array {
    const needsNewline = !this.text.endsWith('\n');
    let offset = this.bytes.length + (needsNewline ? 1 : 0);
    let body = needsNewline ? '\n' : '';
    const numbers = [...objects.keys()].sort((a, b) => a - b);
    const offsets = new Map<number, number>();
    for (const number of numbers) {
      const object = `${number} ${this.generation(number)} obj\n${objects.get(number)}\nendobj\n`;
      offsets.set(number, offset);
      offset += Buffer.byteLength(object, 'latin1');
      body += object;
    }
    // One subsection for each run of consecutive numbers.
    let xref = 'xref\n';
    for (let at = 0; at < numbers.length; ) {
      let end = at + 1;
      while (end < numbers.length && numbers[end] === (numbers[end - 1] as number) + 1) end++;
      const run = numbers.slice(at, end);
      xref += `${run[0]} ${run.length}\n`;
      for (const number of run)
        xref += `${String(offsets.get(number)).padStart(10, '0')} ${String(this.generation(number)).padStart(5, '0')} n \n`;
      at = end;
    }
    const kept = trailerEntries(
      this.trailer,
      ['Info', 'ID'].filter((key) => !(key in trailer)),
    );
    const given = Object.entries(trailer).map(([key, value]) => `/${key} ${value}`);
    const size = Math.max(this.size, (numbers.at(-1) ?? 0) + 1);
    const root = `${this.root.number} ${this.root.generation} R`;
    const entries = [`/Size ${size}`, `/Root ${root}`, ...kept, ...given, `/Prev ${this.startxref}`];
    const update = `${body}${xref}trailer\n<< ${entries.join(' ')} >>\nstartxref\n${offset}\n%%EOF\n`;
    return Buffer.concat([Buffer.from(this.bytes), Buffer.from(update, 'latin1')]);
  }

  /**
   * The named destinations Chromium wrote, one for each element a link points at, by its id: the
   * page (0-based) and, for a destination at a point (`/XYZ`), its height in points from the page's
   * bottom.
   */
  destinations(): Map<string, { page: number; y?: number }> {
    const found = new Map<string, { page: number; y?: number }>();
    const dests = PdfFile.ref(this.catalog(), 'Dests');
    if (dests === undefined) return found;
    const pages = this.pages();
    const entry = /\/([^\s/[\]<>()]+)\s*\[\s*(\d+)\s+\d+\s+R(?:\s*\/XYZ\s+[-\d.]+\s+([-\d.]+))?/g;
    for (const match of this.object(dests).matchAll(entry)) {
      const page = pages.indexOf(Number(match[2]));
      if (page < 0) continue;
      // A PDF name's #xx escapes undone.
      const name = (match[1] as string).replace(/#([0-9a-f]{2})/gi, (_, hex: string) =>
        String.fromCharCode(Number.parseInt(hex, 16)),
      );
      found.set(name, match[3] === undefined ? { page } : { page, y: Number(match[3]) });
    }
    return found;
  }

  /** The generation an object is written with: the catalog's own, 0 for every other (as Chromium writes). */
  private generation(number: number): number {
    return number === this.root.number ? this.root.generation : 0;
  }
}

/** The entries `keys` of a trailer that has them (`/Info 5 0 R`, `/ID [<…> <…>]`), as written. */
export function trailerEntries(trailer: string, keys: readonly string[]): string[] {
  return keys.flatMap((key) => {
    const match = new RegExp(`/${key}\\s*(\\d+\\s+\\d+\\s+R|\\[[^\\]]*\\])`).exec(trailer);
    return match ? [match[0]] : [];
  });
}

/** The offset of the newest cross-reference section: the file's last `startxref`. */
function lastXref(text: string): number | undefined {
  const found = /startxref\s+(\d+)\s+%%EOF\s*$/.exec(text);
  return found ? Number(found[1]) : undefined;
}

/**
 * Where each object in use is (the newest definition), and the newest trailer, following `/Prev` from
 * the section at `start` (the file's last).
 */
export function readXref(
  text: string,
  start = lastXref(text),
): { offsets: Map<number, number>; trailer: string } {
  const offsets = new Map<number, number>();
  const seen = new Set<number>();
  let at = start ?? Number.NaN;
  let newest: string | undefined;
  for (let sections = 0; Number.isFinite(at) && sections < 64; sections++) {
    if (!text.startsWith('xref', at))
      throw new Error('unexpected PDF layout: no classic cross-reference table');
    const end = text.indexOf('trailer', at);
    if (end < 0) throw new Error('unexpected PDF: a cross-reference table without a trailer');
    const lines = text
      .slice(at + 4, end)
      .split(/\r\n|\r|\n/)
      .map((line) => line.trim())
      .filter(Boolean);
    let number = 0;
    for (const line of lines) {
      const fields = line.split(/\s+/);
      if (fields.length === 2) number = Number(fields[0]);
      else {
        if (!seen.has(number) && fields[2] === 'n') offsets.set(number, Number(fields[0]));
        seen.add(number);
        number += 1;
      }
    }
    const trailer = dictionaryAt(text, text.indexOf('<<', end));
    newest ??= trailer;
    at = Number(/\/Prev\s+(\d+)/.exec(trailer)?.[1] ?? Number.NaN);
  }
  if (newest === undefined) throw new Error('unexpected PDF: no trailer');
  return { offsets, trailer: newest };
}

function tryOr<T>(fn: () => T, fallback: T): T {
  try {
    return fn();
  } catch {
    return fallback;
  }
}

/** The `<< … >>` dictionary starting at `start`, nested dictionaries and strings included. */
export function dictionaryAt(text: string, start: number): string {
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

/** A PDF text string: UTF-16BE with a byte-order mark, written as hex. */
export function pdfString(value: string): string {
  const bytes = Buffer.from(`\uFEFF${value}`, 'utf16le');
  bytes.swap16();
  return `<${bytes.toString('hex').toUpperCase()}>`;
}
