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
}

/**
 * The slides are the sections the layout puts in `.slides`: from the first `<section` to the last
 * `</section>` (text and attributes in the page are escaped, so neither can be found anywhere else).
 */
export function deckParts(deck: PreparedDeck): DeckParts {
  const { html } = deck;
  const first = html.indexOf('<section');
  const end = html.lastIndexOf('</section>');
  const found = first >= 0 && end >= first;
  const around = found ? html.slice(0, first) + html.slice(end) : html;
  const theme = deck.briefing.deck.theme;
  const hash = createHash('sha256').update(around);
  if ('css' in theme) hash.update('\0').update(theme.css.bytes);
  return {
    shell: hash.digest('base64url').slice(0, 22),
    slides: found ? html.slice(first, end + '</section>'.length) : '',
  };
}

/** The shell's hash alone (see `deckParts`). */
export function shellOf(deck: PreparedDeck): string {
  return deckParts(deck).shell;
}
