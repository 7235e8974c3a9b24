/**
 * The two PDFs of a deck, printed in Chromium: the slides (one page a
 * slide, measured for overflow, the classification checked) and the handout
 * (the same view model as a document). Each gets its title, author and
 * bookmarks as an incremental update of the file Chromium wrote. Nothing is
 * written here: the caller puts the PDFs in place with the other outputs.
 */
import { setPdfInfo } from '../browser/pdfInfo.js';
import { addOutline } from '../browser/pdfOutline.js';
import { type Overflow, printPdf } from '../browser/print.js';
import type { BrowserSession } from '../browser/session.js';
import { span, spanSync } from '../browser/trace.js';
import { OverflowError, type Problem, RenderError, type Warning } from '../errors.js';
import type { PreparedDeck } from './deck.js';
import { deckParts } from './deckShell.js';
import { finishPdf, pdfInfo } from './pdfMeta.js';

export { printHandout } from './handout/print.js';

export interface PrintOptions {
  /** The briefing file as the user named it, for the places of overflows. */
  file: string;
  /** Print the PDF; false only measures the slides. */
  pdf: boolean;
  /** Slides that overflow are an error (an `OverflowError`), not warnings. */
  strict: boolean;
  timeoutMs: number;
  onWarning?: (warning: Warning) => void;
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
  const printed = await span('printPdf', () =>
    printPdf(session, {
      htmlFile,
      root: deck.outDir,
      timeoutMs: options.timeoutMs,
      pdf: options.pdf,
      onPageMessage: (message) => options.onWarning?.({ message }),
      marking: deck.model.classification || undefined,
      parts: deckParts(deck),
    }),
  );
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
  for (const overflow of overflows) options.onWarning?.(overflow);
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
  const pdf = spanSync('outline and info', () =>
    finishPdf(() => setPdfInfo(addOutline(printed.pdf as Uint8Array, deck.outline), pdfInfo(deck))),
  );
  return { pdf, overflows: printed.overflows };
}
