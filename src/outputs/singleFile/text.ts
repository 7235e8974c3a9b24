/**
 * The deck's text, as the single file's font subsets need it: every
 * character the page may show (character references decoded), and the
 * small HTML readers the inlining uses (attributes, escaping).
 */

export interface FontChoice {
  /** Every character of the deck's text and of its stylesheets' strings. */
  codePoints: Set<number>;
  /** The text has a character reference we cannot decode: keep every font subset. */
  keepAll: boolean;
}

/**
 * Every character the deck may show in its fonts: the whole page with its
 * character references decoded (the markup adds only ASCII), in both cases
 * (for `text-transform`), and the ellipsis of `text-overflow`.
 */
export function deckText(html: string): FontChoice {
  let keepAll = false;
  const codePoints = new Set<number>([0x2026]);
  addCharacters(
    decodeHtml(html, () => {
      keepAll = true;
    }),
    codePoints,
  );
  return { codePoints, keepAll };
}

export function addCharacters(text: string, into: Set<number>): void {
  for (const character of new Set(text)) {
    for (const variant of [character, character.toUpperCase(), character.toLowerCase()])
      for (const point of variant) into.add(point.codePointAt(0) as number);
  }
}

/** The named references briefdeck's templates and Markdown produce, and common typographic ones. */
const NAMED_REFERENCES: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: '\u00a0',
  shy: '\u00ad',
  copy: '©',
  reg: '®',
  trade: '™',
  deg: '°',
  middot: '·',
  bull: '•',
  hellip: '…',
  ndash: '–',
  mdash: '—',
  lsquo: '‘',
  rsquo: '’',
  sbquo: '‚',
  ldquo: '“',
  rdquo: '”',
  bdquo: '„',
  laquo: '«',
  raquo: '»',
  times: '×',
  divide: '÷',
  plusmn: '±',
  minus: '−',
  sect: '§',
  para: '¶',
  euro: '€',
  pound: '£',
  yen: '¥',
  cent: '¢',
  larr: '←',
  rarr: '→',
  uarr: '↑',
  darr: '↓',
};

/** Code points 0x80–0x9F in a numeric reference mean the windows-1252 characters (HTML standard). */
const C1_REFERENCES = '€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008dŽ\u008f\u0090‘’“”•–—˜™š›œ\u009džŸ';

/** Decodes character references; `onUnknown` is told of a named one not in the table above. */
function decodeHtml(text: string, onUnknown: () => void = () => {}): string {
  return text.replace(/&(#[0-9]+|#x[0-9a-f]+|[a-z][a-z0-9]*);/gi, (reference, name: string) => {
    if (name.startsWith('#')) {
      const point = /^#x/i.test(name)
        ? Number.parseInt(name.slice(2), 16)
        : Number.parseInt(name.slice(1), 10);
      if (point >= 0x80 && point <= 0x9f) return C1_REFERENCES[point - 0x80] as string;
      if (point === 0 || point > 0x10ffff || (point >= 0xd800 && point <= 0xdfff)) return '\ufffd';
      return String.fromCodePoint(point);
    }
    const character = NAMED_REFERENCES[name];
    if (character === undefined) onUnknown();
    return character ?? reference;
  });
}

export function escapeAttribute(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/"/g, '&quot;');
}

/** A start tag's attributes, names in lower case, values decoded. */
export function attributes(tag: string): Map<string, string> {
  const attrs = new Map<string, string>();
  const inside = tag.replace(/^<[a-z]+/i, '').replace(/\/?>$/, '');
  for (const match of inside.matchAll(/([^\s"'=<>/]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?/g)) {
    const name = (match[1] as string).toLowerCase();
    if (!attrs.has(name)) attrs.set(name, decodeHtml(match[2] ?? match[3] ?? match[4] ?? ''));
  }
  return attrs;
}
