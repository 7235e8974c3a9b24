/**
 * The two PDFs of a deck, printed in Chromium: the slides (one page a
 * slide, measured for overflow, the classification checked) and the handout
 * (the same view model as a document). Each gets its title, author and
 * bookmarks as an incremental update of the file Chromium wrote. Nothing is
 * written here: the caller puts the PDFs in place with the other outputs.
 */
import { randomBytes } from 'node:crypto';
import { unlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { type PdfInfo, setPdfInfo } from '../browser/pdfInfo.js';
import { addOutline, namedDestinations } from '../browser/pdfOutline.js';
import { type Overflow, printDocument, printPdf } from '../browser/print.js';
import type { BrowserSession } from '../browser/session.js';
import { formatProblem, OverflowError, type Problem, RenderError } from '../errors.js';
import { buildDeckModel } from '../slides/index.js';
import { LAYOUT } from '../slides/layout.js';
import { handoutOutline } from '../slides/outline.js';
import { packageVersion } from './assets.js';
import type { PreparedDeck } from './deck.js';
import { buildHandoutModel, buildHandoutPage, type Paper, renderHandout } from './handout.js';
import { trackTemp } from './write.js';

export interface PrintOptions {
  /** The briefing file as the user named it, for the places of overflows. */
  file: string;
  /** Print the PDF; false only measures the slides. */
  pdf: boolean;
  /** Slides that overflow are an error (an `OverflowError`), not warnings. */
  strict: boolean;
  timeoutMs: number;
  onWarning?: (message: string) => void;
  /** The `--templates` folder, named when the print view's pages do not match the slides. */
  templatesDir?: string;
  /** Aborted when the PDF is no longer wanted (watch mode: a newer save): no print is begun or finished after it. */
  signal?: AbortSignal;
}

export interface PrintedDeck {
  /** The PDF, with its bookmarks and metadata; undefined when only measuring. Not yet written. */
  pdf?: Uint8Array;
  overflows: Overflow[];
}

/**
 * Prints the deck written at `htmlFile` and measures every slide; overflows
 * are warnings, or an error with `strict`. The caller writes the PDF
 * (`OUT/NAME.pdf`, see `outputPath`).
 */
export async function printDeck(
  deck: PreparedDeck,
  htmlFile: string,
  session: BrowserSession,
  options: PrintOptions,
): Promise<PrintedDeck> {
  options.signal?.throwIfAborted();
  const printed = await printPdf(session, {
    htmlFile,
    root: deck.outDir,
    timeoutMs: options.timeoutMs,
    pdf: options.pdf,
    onPageMessage: options.onWarning,
    marking: deck.model.classification || undefined,
  });
  options.signal?.throwIfAborted();
  const overflows = printed.overflows.map((overflow): Problem => {
    const place = deck.briefing.positions.get(overflow.yamlPath) ?? { line: 1, col: 1 };
    return {
      file: options.file,
      ...place,
      path: overflow.yamlPath,
      message: `slide "${overflow.heading}" overflows by ${overflow.pixels}px`,
      hint: 'shorten the text',
    };
  });
  for (const overflow of overflows) options.onWarning?.(formatProblem(overflow));
  if (options.strict && overflows.length > 0) throw new OverflowError(overflows);
  if (!printed.pdf) return { overflows: printed.overflows };
  if (printed.pageCount !== deck.slideCount) {
    // Named after what the user gave that can break it: the partials, else the theme.
    const culprit = options.templatesDir
      ? 'A template override may have broken the slide structure; check --templates.'
      : 'css' in deck.briefing.deck.theme
        ? 'The theme may have broken the slide structure (each slide prints as one page); check its CSS.'
        : 'This is a bug in briefdeck; please report it.';
    throw new RenderError(`The print view has ${printed.pageCount} pages for ${deck.slideCount} slides.`, {
      hint: culprit,
    });
  }
  const pdf = finishPdf(() => setPdfInfo(addOutline(printed.pdf as Uint8Array, deck.outline), pdfInfo(deck)));
  return { pdf, overflows: printed.overflows };
}

/**
 * Prints the handout: the same view model as a document on A4 or US
 * Letter. Its HTML is a temporary file beside the outputs (it loads the
 * deck's fonts), removed once printed. The caller writes the PDF.
 */
export async function printHandout(
  deck: PreparedDeck,
  session: BrowserSession,
  options: Pick<PrintOptions, 'timeoutMs' | 'onWarning'> & { paper: Paper },
): Promise<{ pdf: Uint8Array; pageCount: number }> {
  const model = buildHandoutModel(buildDeckModel(deck.briefing, LAYOUT, (n) => `#source-${n}`));
  const html = renderHandout(buildHandoutPage(model, { paper: options.paper, version: packageVersion() }));
  const draft = path.join(
    deck.outDir,
    `.${deck.name}-handout.${process.pid}.${randomBytes(4).toString('hex')}.html`,
  );
  const untrack = trackTemp(draft);
  // A draft, removed once printed: written plainly (it is tracked, and nothing reads it but the print).
  await writeFile(draft, html);
  try {
    const printed = await printDocument(session, {
      htmlFile: draft,
      root: deck.outDir,
      timeoutMs: options.timeoutMs,
      onPageMessage: options.onWarning,
      marking: model.classification || undefined,
    });
    const pdf = finishPdf(() => {
      const outline = handoutOutline(model, namedDestinations(printed.pdf));
      return setPdfInfo(addOutline(printed.pdf, outline), pdfInfo(deck));
    });
    return { pdf, pageCount: printed.pageCount };
  } finally {
    await unlink(draft).catch(() => {});
    untrack();
  }
}

/**
 * Adds the title, author and bookmarks to the PDF Chromium wrote. That reads
 * Chromium's file layout; a browser that writes it differently is not the
 * user's mistake, so it is said plainly, with what to do.
 */
function finishPdf(add: () => Uint8Array): Uint8Array {
  try {
    return add();
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
function pdfInfo(deck: PreparedDeck): PdfInfo {
  return {
    title: deck.title,
    author: deck.briefing.author ?? deck.briefing.organization,
    subject: deck.subject,
    keywords: deck.briefing.classification,
    creator: `briefdeck ${packageVersion()}`,
  };
}
