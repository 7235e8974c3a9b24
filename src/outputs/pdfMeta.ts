/** What every PDF of a briefing gets after Chromium wrote it: its title, author, subject and keywords. */
import { compactPdf } from '../browser/pdfCompact.js';
import type { PdfInfo } from '../browser/pdfInfo.js';
import { RenderError } from '../errors.js';
import { packageVersion } from './assets.js';
import type { PreparedDeck } from './deck.js';

/**
 * Adds the title, author and bookmarks to the PDF Chromium wrote, then packs
 * its small objects into object streams (pdfCompact.ts: a third smaller, the
 * tags, fonts and bookmarks kept). That reads Chromium's file layout; a
 * browser that writes it differently is not the user's mistake, so it is
 * said plainly, with what to do.
 */
export function finishPdf(add: () => Uint8Array): Uint8Array {
  try {
    return compactPdf(add());
  } catch (cause) {
    throw new RenderError(
      `The browser wrote a PDF that briefdeck cannot add its title and bookmarks to (${cause instanceof Error ? cause.message : String(cause)}).`,
      {
        hint: 'Run again; if it persists, point CHROME_PATH at another Chrome or Chromium, and report it with the browser version.',
        cause,
      },
    );
  }
}

/** The PDFs' document information: title, author, subject, keywords. */
export function pdfInfo(deck: PreparedDeck): PdfInfo {
  return {
    title: deck.title,
    author: deck.model.author ?? deck.model.organization,
    subject: deck.subject,
    keywords: deck.briefing.classification,
    creator: `briefdeck ${packageVersion()}`,
  };
}
