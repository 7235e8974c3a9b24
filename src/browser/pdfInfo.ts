import { PdfFile, pdfString } from './pdfFile.js';

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
  const file = new PdfFile(pdf);
  // Keep the dates Chromium wrote, if any.
  const old = PdfFile.ref(file.trailer, 'Info');
  const dates =
    old === undefined
      ? ''
      : [...file.object(old).matchAll(/\/(CreationDate|ModDate)\s*\(([^)]*)\)/g)]
          .map((m) => `/${m[1]} (${m[2]})`)
          .join(' ');
  const entries = [
    `/Title ${pdfString(info.title)}`,
    info.author ? `/Author ${pdfString(info.author)}` : '',
    info.subject ? `/Subject ${pdfString(info.subject)}` : '',
    info.keywords ? `/Keywords ${pdfString(info.keywords)}` : '',
    `/Creator ${pdfString(info.creator)}`,
    `/Producer ${pdfString('Chromium via briefdeck')}`,
    dates,
  ].filter(Boolean);
  return file.update(new Map([[file.size, `<< ${entries.join(' ')} >>`]]), { Info: `${file.size} 0 R` });
}
