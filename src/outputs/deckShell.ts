/**
 * A deck page in two parts: its slides, and the shell around them (the head, the styles and scripts it
 * loads, the reveal.js settings, the body's classes, and the theme's bytes, since a theme saved under
 * the same name leaves the HTML as it was). Two decks with the same shell differ in their slides
 * alone, which a page that shows one can swap in place: the open deck in watch mode (rebuild.ts) and
 * the kept print page (browser/print.ts).
 */
import { createHash } from 'node:crypto';
import type { PreparedDeck } from './deck.js';

export interface DeckParts {
  /** A short hash of everything but the slides. */
  shell: string;
  /** The slides' markup: from the first `<section` to the end of the last `</section>`. */
  slides: string;
  /** The same, slide by slide (its top-level sections); undefined when anything else stands between them. */
  sections: string[] | undefined;
}

/**
 * The slides are the sections the layout puts in `.slides`: from the first `<section` to the last
 * `</section>` (text and attributes in the page are escaped, so neither can be found anywhere else).
 */
export function deckParts(deck: PreparedDeck): DeckParts {
  // Asked for twice a save in watch (the open decks' reload, then the print): worked out once.
  let parts = partsOf.get(deck);
  if (!parts) {
    parts = partsIn(deck);
    partsOf.set(deck, parts);
  }
  return parts;
}

const partsOf = new WeakMap<PreparedDeck, DeckParts>();

function partsIn(deck: PreparedDeck): DeckParts {
  const { html } = deck;
  const first = html.indexOf('<section');
  const end = html.lastIndexOf('</section>');
  const found = first >= 0 && end >= first;
  const around = found ? html.slice(0, first) + html.slice(end) : html;
  const theme = deck.briefing.deck.theme;
  const hash = createHash('sha256').update(around);
  if ('css' in theme) hash.update('\0').update(theme.css.bytes);
  const slides = found ? html.slice(first, end + '</section>'.length) : '';
  return { shell: hash.digest('base64url').slice(0, 22), slides, sections: splitSlides(slides) };
}

/**
 * The top-level sections of the slides' markup, in order; undefined when
 * the markup is not just sections (a template may put anything between).
 * As above, a `<section` or `</section>` in it is a tag.
 */
export function splitSlides(slides: string): string[] | undefined {
  const sections: string[] = [];
  const tag = /<(\/?)section\b/g;
  let depth = 0;
  let start = 0;
  let end = 0;
  for (let match = tag.exec(slides); match; match = tag.exec(slides)) {
    if (match[1] === '') {
      if (depth === 0) {
        if (slides.slice(end, match.index).trim() !== '') return undefined;
        start = match.index;
      }
      depth += 1;
    } else {
      depth -= 1;
      if (depth < 0) return undefined;
      if (depth === 0) {
        end = slides.indexOf('>', match.index) + 1;
        if (end === 0) return undefined;
        sections.push(slides.slice(start, end));
      }
    }
  }
  return depth === 0 && slides.slice(end).trim() === '' ? sections : undefined;
}

/** The shell's hash alone (see `deckParts`). */
export function shellOf(deck: PreparedDeck): string {
  return deckParts(deck).shell;
}
