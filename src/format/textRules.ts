/**
 * What text in a briefing may hold, and how names and ids are compared:
 * no control characters but tabs and line breaks; in names and ids nothing
 * invisible that would make two look the same, compared in NFKC.
 */

/** C0 controls but tab and line feed, and DEL: nothing a text may hold (a NUL would reach the HTML). */
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding them is the point
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f]/;

/** Characters that show nothing or reorder text: zero-width, joiners, word joiner, BOM, bidi controls. */
const INVISIBLE =
  /\u034f|[\u00ad\u061c\u115f\u1160\u17b4\u17b5\u180e\u200b\u200e\u200f\u202a-\u202e\u2060-\u2064\u2066-\u206f\u3164\ufeff\uffa0]/u;

/**
 * A zero-width (non-)joiner where it joins nothing: at either end, or beside a space or an ASCII
 * character. Between letters of other scripts it is part of the spelling (Persian, the Indic
 * scripts, emoji sequences) and is kept.
 */
const STRAY_JOINER =
  /^[\u200c\u200d]|[\u200c\u200d]$|[\s\x21-\x7e][\u200c\u200d]|[\u200c\u200d][\s\x21-\x7e]/u;

/** How names and ids are compared: NFKC, with the joiners that change no letter left out. */
export function sameness(text: string): string {
  return text.normalize('NFKC').replace(/[\u200c\u200d]/g, '');
}

/**
 * How place names are compared (a location's name, a timeline's place): as names are (`sameness`), in
 * one case, their spaces collapsed, and the letters Arabic and Persian keyboards write differently
 * made one (Arabic yeh and kaf as Persian's, no tatweel).
 */
export function placeSameness(name: string): string {
  return sameness(name)
    .replace(/[\u064A\u0649]/g, '\u06CC')
    .replace(/\u0643/g, '\u06A9')
    .replace(/\u0640/g, '')
    .replace(/\s+/g, ' ')
    .trim()
    .toLowerCase();
}

/** `U+200B`, for a message. */
export function codePoint(char: string): string {
  return `U+${(char.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}`;
}

/** The first control character `text` may not hold, if any. */
export function controlCharacter(text: string): string | undefined {
  return CONTROL.exec(text)?.[0];
}

/** The first character of a name or id that would make it look like another, if any. */
export function invisibleCharacter(text: string): string | undefined {
  return INVISIBLE.exec(text)?.[0] ?? /[\u200c\u200d]/.exec(STRAY_JOINER.exec(text)?.[0] ?? '')?.[0];
}
