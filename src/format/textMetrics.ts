/**
 * Text metrics: advance widths read from a font's table, and the greedy
 * line breaking that wraps text with them, for the slides (the deck's font,
 * Source Sans 3, so the capacity model wraps text as the browser will) and
 * for the PowerPoint deck (Arial's metrics, outputs/pptx/_metrics.ts). In
 * format/ because the format has one rule it needs: a marking must fit a
 * slide's banner (marking.ts).
 *
 * Source Sans 3's widths were measured once in Chromium with canvas
 * `measureText` at 1000 px, for the ASCII range (32–126); other characters
 * take a conservative average. Tables are written one per line, as the
 * widths in thousandths of an em separated by spaces.
 */

export type Weight = 400 | 600 | 700;

/** A table written as numbers separated by spaces. */
export function widths(list: string): number[] {
  return list.trim().split(/\s+/).map(Number);
}

/** Widths by character code written as `hex:width` pairs separated by spaces (`2013:556 2014:1000`). */
export function widthsByCode(list: string): Map<number, number> {
  return new Map(
    list
      .trim()
      .split(/\s+/)
      .map((pair) => {
        const [code = '', width = ''] = pair.split(':');
        return [Number.parseInt(code, 16), Number(width)];
      }),
  );
}

/** A font's advance widths in thousandths of an em, by weight. */
export interface FontTable {
  /** The printable ASCII range, 32–126. */
  ascii: Partial<Record<Weight, readonly number[]>>;
  /** Latin-1, 160–255. */
  latin1?: Partial<Record<Weight, readonly number[]>>;
  /** A few more characters, by code. */
  other?: Partial<Record<Weight, ReadonlyMap<number, number>>>;
  /** Any other character. */
  fallback: number;
  /** Any other character from U+2E80 on (CJK and the like), when it differs from `fallback`. */
  wide?: number;
}

/** Measures text set in one font, its widths taken `scale` times as wide. */
export class FontMetrics {
  constructor(
    private readonly table: FontTable,
    private readonly scale = 1,
  ) {}

  private advance(code: number, weight: Weight): number {
    const t = this.table;
    const listed =
      code >= 32 && code < 127
        ? t.ascii[weight]?.[code - 32]
        : code >= 160 && code < 256
          ? t.latin1?.[weight]?.[code - 160]
          : t.other?.[weight]?.get(code);
    return (
      listed ?? (isFormatCharacter(code) ? 0 : t.wide !== undefined && code >= 0x2e80 ? t.wide : t.fallback)
    );
  }

  /** Width of `text` in px at `size` px. */
  width(text: string, size: number, weight: Weight = 400): number {
    let units = 0;
    for (let i = 0; i < text.length; i++) units += this.advance(text.charCodeAt(i), weight);
    return (units * size * this.scale) / 1000;
  }
}

/**
 * A character with no width of its own that the table does not list: the zero-width space and (non-)
 * joiners and the directional marks (U+200B–U+200F), the word joiner and the isolates (U+2060–U+2069),
 * the byte order mark. Persian writes the zero-width non-joiner inside words.
 */
function isFormatCharacter(code: number): boolean {
  return (code >= 0x200b && code <= 0x200f) || (code >= 0x2060 && code <= 0x2069) || code === 0xfeff;
}

/**
 * Greedy line breaking: words are added one by one, each on the line so far
 * if it fits with the space before it, else on a new line; a word wider
 * than the column is broken between characters.
 */
export class LineBreaker {
  lines = 1;
  private line = 0;

  constructor(private readonly width: number) {}

  /** A word `width` px wide, after `space` px of space (none at the start of a line). */
  word(width: number, space: number): void {
    if (this.line > 0 && this.line + space + width > this.width) {
      this.lines += 1;
      this.line = 0;
    }
    this.line += (this.line > 0 ? space : 0) + width;
    while (this.line > this.width && this.width > 0) {
      this.lines += 1;
      this.line -= this.width;
    }
  }

  /**
   * A word that may break at its soft hyphens, as a browser sets it (`hyphens: manual`): `parts` the
   * widths of its pieces; a line that ends inside it ends with a hyphen `hyphen` px wide.
   */
  syllables(parts: readonly number[], hyphen: number, space: number): void {
    let lead = this.line > 0 ? space : 0;
    for (let k = 0; k < parts.length; k++) {
      const piece = parts[k] as number;
      const rest = parts.slice(k).reduce((sum, width) => sum + width, 0);
      if (this.line + lead + rest <= this.width) {
        this.line += lead + rest;
        return;
      }
      if (this.line + lead + piece + hyphen > this.width && this.line > 0) {
        this.lines += 1;
        this.line = 0;
        lead = 0;
      }
      this.word(piece, lead);
      lead = 0;
    }
  }

  /** A forced line break. */
  break(): void {
    this.lines += 1;
    this.line = 0;
  }

  /** Whether anything is on the current line. */
  get started(): boolean {
    return this.line > 0;
  }
}

const SOURCE_SANS_3 = new FontMetrics({
  ascii: {
    400: widths(
      '200 289 426 497 497 824 609 249 303 303 418 497 249 311 249 350 497 497 497 497 497 497 497 497 497 497 249 249 497 497 497 425 847 543 588 571 615 527 494 617 652 263 479 579 486 727 647 664 566 664 569 534 536 645 515 786 513 476 539 303 350 303 497 500 542 504 553 456 555 496 292 504 544 246 247 495 255 829 547 542 555 555 347 419 338 544 467 719 446 467 425 303 241 303 497',
    ),
    600: widths(
      '200 315 482 513 513 841 639 275 324 324 438 513 275 322 275 344 513 513 513 513 513 513 513 513 513 513 275 275 513 513 513 444 875 558 597 576 625 538 510 628 663 282 494 597 502 745 657 674 582 674 592 545 546 655 536 800 541 501 540 324 344 324 513 500 549 516 563 462 564 507 317 520 558 262 263 522 271 843 560 549 564 564 373 431 361 556 495 748 481 495 443 324 255 324 513',
    ),
    700: widths(
      '200 340 537 528 528 857 667 300 344 344 457 528 300 332 300 339 528 528 528 528 528 528 528 528 528 528 300 300 528 528 528 463 902 573 605 582 635 548 524 638 674 301 509 614 518 762 665 684 596 684 613 556 556 665 556 813 567 525 541 344 339 344 528 500 555 527 573 468 573 518 341 534 571 276 278 548 286 857 572 555 573 573 398 443 383 568 523 776 514 521 460 344 268 344 528',
    ),
  },
  fallback: 560,
});

/** Width of `text` in px at `size` px, in the deck's font. */
export function textWidth(text: string, size: number, weight: Weight = 400): number {
  return SOURCE_SANS_3.width(text, size, weight);
}

const SOFT_HYPHEN = '\u00AD';

/**
 * Lines `text` takes when wrapped greedily at spaces into a column `width` px wide, in the deck's
 * font; a word with soft hyphens (the content model's, in long words) breaks at them, as in the page.
 */
export function countLines(text: string, width: number, size: number, weight: Weight = 400): number {
  const space = textWidth(' ', size, weight);
  let lines = 0;
  for (const paragraph of text.split(/\n\s*\n|\n(?=\s*(?:[-*+]|\d+\.) )/)) {
    const words = paragraph.split(/\s+/).filter(Boolean);
    if (words.length === 0) continue;
    const breaker = new LineBreaker(width);
    for (const word of words) {
      if (word.includes(SOFT_HYPHEN)) {
        const parts = word.split(SOFT_HYPHEN).map((part) => textWidth(part, size, weight));
        breaker.syllables(parts, textWidth('-', size, weight), space);
      } else breaker.word(textWidth(word, size, weight), space);
    }
    lines += breaker.lines;
  }
  return lines;
}
