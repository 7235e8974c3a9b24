/**
 * The last step of every PDF: the file written again whole, with its small objects (the tagged
 * structure's elements, the links, the bookmarks, the document information) packed into compressed
 * object streams and a compressed cross-reference stream in place of the table (PDF 1.5). Chromium
 * writes each of a deck's hundreds of structure elements as a plain object with a line of its own in
 * the table: a third of the sample's file. Nothing is dropped: every object keeps its number and its
 * content, so the tags, the fonts, the bookmarks, the links and the metadata stay as they were. The
 * catalog, the page tree, the pages, the fonts and every stream stay plain objects.
 */
import { deflateSync } from 'node:zlib';
import { dictionaryAt, readXref, trailerEntries } from './pdfFile.js';

/** Objects per object stream. */
const PER_STREAM = 200;
/** Kept as plain objects (readers that look at the raw file find them, and a page is never packed). */
const PLAIN_TYPES = /\/Type\s*\/(?:Catalog|Pages|Page|Font|FontDescriptor|XRef|ObjStm)\b/;

interface PdfObject {
  number: number;
  generation: number;
  /** The object's value (a dictionary, an array, a number…), or a stream's dictionary. */
  value: string;
  /** A stream's data, as it is in the file. */
  data?: string;
}

export function compactPdf(pdf: Uint8Array): Uint8Array {
  const text = Buffer.from(pdf.buffer, pdf.byteOffset, pdf.byteLength).toString('latin1');
  const { offsets, trailer } = readXref(text);
  const objects = [...offsets].map(([number, offset]) => readObject(text, number, offset));
  const resolve = (number: number) => objects.find((object) => object.number === number)?.value ?? '';
  for (const object of objects)
    if (object.data !== undefined) object.data = streamData(text, object, resolve);

  const packed = objects.filter(
    (object) => object.data === undefined && object.generation === 0 && !PLAIN_TYPES.test(object.value),
  );
  const inStreams = new Set(packed);
  const plain = objects.filter((object) => !inStreams.has(object));
  const version = /^%PDF-1\.(\d)/.exec(text);
  const header = `%PDF-1.${Math.max(5, Number(version?.[1] ?? 5))}\n%\xE2\xE3\xCF\xD3\n`;
  const parts: string[] = [header];
  let length = header.length;
  const where = new Map<number, Place>();
  const add = (number: number, generation: number, body: string) => {
    where.set(number, { type: 1, offset: length, generation });
    const object = `${number} ${generation} obj\n${body}\nendobj\n`;
    parts.push(object);
    length += object.length;
  };
  for (const object of plain)
    add(
      object.number,
      object.generation,
      object.data === undefined ? object.value : `${object.value}\nstream\n${object.data}\nendstream`,
    );
  let next = Math.max(0, ...objects.map((object) => object.number)) + 1;
  for (let at = 0; at < packed.length; at += PER_STREAM) {
    const group = packed.slice(at, at + PER_STREAM);
    const stream = next++;
    let index = '';
    let body = '';
    group.forEach((object, position) => {
      index += `${object.number} ${body.length} `;
      body += `${object.value}\n`;
      where.set(object.number, { type: 2, stream, index: position });
    });
    const data = deflateSync(Buffer.from(index + body, 'latin1'), { level: 9 }).toString('latin1');
    add(
      stream,
      0,
      `<< /Type /ObjStm /N ${group.length} /First ${index.length} /Filter /FlateDecode /Length ${data.length} >>\nstream\n${data}\nendstream`,
    );
  }
  const xref = next;
  where.set(xref, { type: 1, offset: length, generation: 0 });
  const size = xref + 1;
  const table = xrefTable(where, size);
  const data = deflateSync(table, { level: 9 }).toString('latin1');
  const kept = trailerEntries(trailer, ['Root', 'Info', 'ID']);
  const dictionary = `<< /Type /XRef /Size ${size} ${kept.join(' ')} /W [1 4 2] /Filter /FlateDecode /Length ${data.length} >>`;
  parts.push(
    `${xref} 0 obj\n${dictionary}\nstream\n${data}\nendstream\nendobj\nstartxref\n${length}\n%%EOF\n`,
  );
  return Buffer.from(parts.join(''), 'latin1');
}

type Place = { type: 1; offset: number; generation: number } | { type: 2; stream: number; index: number };

/** The cross-reference stream's rows (fields of 1, 4 and 2 bytes): free, in the file, or in an object stream. */
function xrefTable(where: ReadonlyMap<number, Place>, size: number): Buffer {
  const table = Buffer.alloc(size * 7);
  for (let number = 0; number < size; number++) {
    const entry = where.get(number);
    const row = number * 7;
    if (!entry) {
      table.writeUInt8(0, row);
      table.writeUInt16BE(number === 0 ? 65535 : 0, row + 5);
    } else if (entry.type === 1) {
      table.writeUInt8(1, row);
      table.writeUInt32BE(entry.offset, row + 1);
      table.writeUInt16BE(entry.generation, row + 5);
    } else {
      table.writeUInt8(2, row);
      table.writeUInt32BE(entry.stream, row + 1);
      table.writeUInt16BE(entry.index, row + 5);
    }
  }
  return table;
}

/** The object at `offset`: its value, and whether a stream follows (its data is read after). */
function readObject(text: string, number: number, offset: number): PdfObject {
  const header = /(\d+)\s+(\d+)\s+obj\s*/y;
  header.lastIndex = offset;
  const match = header.exec(text);
  if (!match || Number(match[1]) !== number)
    throw new Error(`unexpected PDF: object ${number} is not where the table says`);
  const start = header.lastIndex;
  const generation = Number(match[2]);
  if (text.startsWith('<<', start)) {
    const value = dictionaryAt(text, start);
    const after = /\s*stream(?:\r\n|\n)/y;
    after.lastIndex = start + value.length;
    return after.test(text)
      ? { number, generation, value, data: String(after.lastIndex) }
      : { number, generation, value };
  }
  const end = text.indexOf('endobj', start);
  if (end < 0) throw new Error(`unexpected PDF: object ${number} has no end`);
  return { number, generation, value: text.slice(start, end).trim() };
}

/** A stream's data; `object.data` holds where it starts until read. */
function streamData(text: string, object: PdfObject, resolve: (number: number) => string): string {
  const start = Number(object.data);
  const direct = /\/Length\s+(\d+)\b(?!\s+\d+\s+R)/.exec(object.value);
  const indirect = /\/Length\s+(\d+)\s+\d+\s+R/.exec(object.value);
  const length = direct ? Number(direct[1]) : Number(resolve(Number(indirect?.[1])));
  if (!Number.isInteger(length) || start + length > text.length)
    throw new Error(`unexpected PDF: stream ${object.number} has no length`);
  return text.slice(start, start + length);
}
