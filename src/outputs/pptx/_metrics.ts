/**
 * Arial's metrics for the PowerPoint deck, read through the one metrics
 * module (format/textMetrics.ts): the advance widths of Liberation Sans,
 * which has the metrics of Arial (the default PowerPoint font), for the
 * printable ASCII range, Latin-1 and a little punctuation, regular and
 * bold (italic has the regular widths), read from LiberationSans-Regular.ttf
 * and -Bold.ttf (hmtx through the Unicode cmap). A font other than Arial,
 * Liberation Sans, Arimo or Helvetica is measured as Arial made wider by
 * UNKNOWN_FONT_SAFETY. Paragraphs of pieces are wrapped with the slides'
 * line breaking.
 */
import { LineBreaker, FontMetrics as TableMetrics, widths, widthsByCode } from '../../format/textMetrics.js';

const ARIAL = {
  ascii: {
    400: widths(
      '278 278 355 556 556 889 667 191 333 333 389 584 278 333 278 278 556 556 556 556 556 556 556 556 556 556 278 278 584 584 584 556 1015 667 667 722 722 667 611 778 722 278 500 667 556 833 722 778 667 778 722 667 611 722 667 944 667 667 611 278 278 278 469 556 333 556 556 500 556 556 278 556 556 222 222 500 222 833 556 556 556 556 333 500 278 556 500 722 500 500 500 334 260 334 584',
    ),
    700: widths(
      '278 333 474 556 556 889 722 238 333 333 389 584 278 333 278 278 556 556 556 556 556 556 556 556 556 556 333 333 584 584 584 611 975 722 722 722 722 667 611 778 722 278 556 722 611 833 722 778 667 778 722 667 611 722 667 944 667 667 611 333 278 333 584 556 333 556 611 556 611 556 333 611 611 278 278 556 278 889 611 611 611 611 389 556 333 611 556 778 556 556 500 389 280 389 584',
    ),
  },
  latin1: {
    400: widths(
      '278 333 556 556 556 556 260 556 333 737 370 556 584 333 737 552 400 549 333 333 333 576 537 278 333 333 365 556 834 834 834 611 667 667 667 667 667 667 1000 722 667 667 667 667 278 278 278 278 722 722 778 778 778 778 778 584 778 722 722 722 722 667 667 611 556 556 556 556 556 556 889 500 556 556 556 556 278 278 278 278 556 556 556 556 556 556 556 549 611 556 556 556 556 500 556 500',
    ),
    700: widths(
      '278 333 556 556 556 556 280 556 333 737 370 556 584 333 737 552 400 549 333 333 333 576 556 278 333 333 365 556 834 834 834 611 722 722 722 722 722 722 1000 722 667 667 667 667 278 278 278 278 722 722 778 778 778 778 778 584 778 722 722 722 722 667 667 611 556 556 556 556 556 556 889 556 556 556 556 556 278 278 278 278 611 611 611 611 611 611 611 549 611 611 611 611 611 556 611 556',
    ),
  },
  other: {
    400: widthsByCode(
      '2013:556 2014:1000 2018:222 2019:222 201c:333 201d:333 2022:350 2026:1000 25aa:354 25a0:604 2212:584 20ac:556',
    ),
    700: widthsByCode(
      '2013:556 2014:1000 2018:278 2019:278 201c:500 201d:500 2022:350 2026:1000 25aa:354 25a0:604 2212:584 20ac:556',
    ),
  },
  // Characters outside the tables: an average Latin width, or wide (CJK and the like).
  fallback: 600,
  wide: 1000,
};

/** Fonts with Arial's metrics. */
const ARIAL_LIKE = /^(arial|liberation sans|arimo|helvetica( neue)?)$/i;
/** How much wider than Arial an unknown font is taken to be. */
export const UNKNOWN_FONT_SAFETY = 1.1;
/** PowerPoint and LibreOffice round and kern a little differently: a line is taken to be this much wider. */
const SAFETY = 1.02;

/** Measures text set in one font, regular or bold. */
export class FontMetrics {
  private readonly table: TableMetrics;

  constructor(readonly font: string) {
    this.table = new TableMetrics(ARIAL, (ARIAL_LIKE.test(font.trim()) ? 1 : UNKNOWN_FONT_SAFETY) * SAFETY);
  }

  /** Width of `text` in px at `size` px. */
  width(text: string, size: number, bold = false): number {
    return this.table.width(text, size, bold ? 700 : 400);
  }
}

/** A piece of text with the weight and size it is set in. */
export interface Piece {
  text: string;
  size: number;
  bold: boolean;
  /** Extra space after each character, px (letter-spacing). */
  tracking?: number;
}

/**
 * Lines a paragraph of pieces takes when wrapped greedily at spaces into a
 * column `width` px wide; a `\n` in a piece breaks the line. A word wider
 * than the column is broken between characters, as PowerPoint does.
 */
export function countLines(pieces: readonly Piece[], width: number, metrics: FontMetrics): number {
  const breaker = new LineBreaker(width);
  let word = 0;
  let space = 0;
  const endWord = () => {
    if (word === 0) return;
    breaker.word(word, space);
    word = 0;
    space = 0;
  };
  for (const piece of pieces) {
    for (const char of piece.text) {
      const w = metrics.width(char, piece.size, piece.bold) + (piece.tracking ?? 0);
      if (char === '\n') {
        endWord();
        breaker.break();
        space = 0;
      } else if (char === ' ' || char === '\t') {
        endWord();
        if (breaker.started) space += w;
      } else {
        word += w;
      }
    }
  }
  endWord();
  return breaker.lines;
}
