/**
 * Sets the PDF's document information (title, author, subject, creator)
 * by appending an incremental update, the way PDF editors do: the file
 * Chromium wrote stays byte for byte, so its tagged structure and outline
 * are untouched. Chromium itself only sets the title.
 */

export interface PdfInfo {
  title: string;
  author?: string;
  subject?: string;
  keywords?: string;
  creator: string;
}

export function setPdfInfo(pdf: Uint8Array, info: PdfInfo): Uint8Array {
  const text = Buffer.from(pdf).toString('latin1');
  const startxref = /startxref\s+(\d+)\s+%%EOF\s*$/.exec(text);
  const trailerAt = text.lastIndexOf('trailer');
  if (!startxref || trailerAt < 0) throw new Error('unexpected PDF layout: no classic trailer to update');
  const trailer = text.slice(trailerAt, startxref.index);
  const size = Number(/\/Size\s+(\d+)/.exec(trailer)?.[1]);
  const root = /\/Root\s+(\d+\s+\d+\s+R)/.exec(trailer)?.[1];
  if (!size || !root) throw new Error('unexpected PDF trailer: no /Size or /Root');

  // Keep the dates Chromium wrote, if any.
  const oldInfo = /\/Info\s+(\d+)\s+(\d+)\s+R/.exec(trailer);
  let dates = '';
  if (oldInfo) {
    const body =
      new RegExp(`(?:^|\\s)${oldInfo[1]}\\s+${oldInfo[2]}\\s+obj\\s*<<([\\s\\S]*?)>>\\s*endobj`).exec(
        text,
      )?.[1] ?? '';
    dates = [...body.matchAll(/\/(CreationDate|ModDate)\s*\(([^)]*)\)/g)]
      .map((m) => `/${m[1]} (${m[2]})`)
      .join(' ');
  }

  const entries = [
    `/Title ${pdfString(info.title)}`,
    info.author ? `/Author ${pdfString(info.author)}` : '',
    info.subject ? `/Subject ${pdfString(info.subject)}` : '',
    info.keywords ? `/Keywords ${pdfString(info.keywords)}` : '',
    `/Creator ${pdfString(info.creator)}`,
    `/Producer ${pdfString('Chromium via briefdeck')}`,
    dates,
  ].filter(Boolean);
  const needsNewline = !text.endsWith('\n');
  const objectOffset = pdf.length + (needsNewline ? 1 : 0);
  const object = `${size} 0 obj\n<< ${entries.join(' ')} >>\nendobj\n`;
  const xrefOffset = objectOffset + Buffer.byteLength(object, 'latin1');
  const update =
    (needsNewline ? '\n' : '') +
    object +
    `xref\n${size} 1\n${String(objectOffset).padStart(10, '0')} 00000 n \n` +
    `trailer\n<< /Size ${size + 1} /Root ${root} /Info ${size} 0 R /Prev ${startxref[1]} >>\n` +
    `startxref\n${xrefOffset}\n%%EOF\n`;
  return Buffer.concat([Buffer.from(pdf), Buffer.from(update, 'latin1')]);
}

/** A PDF text string: UTF-16BE with a byte-order mark, written as hex. */
export function pdfString(value: string): string {
  const bytes = Buffer.from(`\uFEFF${value}`, 'utf16le');
  bytes.swap16();
  return `<${bytes.toString('hex').toUpperCase()}>`;
}
