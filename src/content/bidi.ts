/**
 * Text in both directions in a right-to-left briefing (`language: ar`…), set for
 * the Unicode bidirectional algorithm as Chromium applies it to the deck and the
 * handout. Each paragraph of rendered Markdown is read whole, across its inline
 * markup (`<strong>`, `<a>`, `<code>`…), because that is how the algorithm reads
 * it: the markup is no boundary to it.
 *
 * - A paragraph is left to right when its first letter is Latin (or of another
 *   left-to-right script) and it has no fewer of those letters than of
 *   right-to-left ones (an English sentence, "Deadline:
 *   16 مارس 2025"); its content is then one `<bdi dir="ltr">`, so that it reads
 *   in its own order, its full stop or question mark at its end, while the box
 *   keeps the page's right-to-left alignment. Otherwise it stays right to left
 *   ("DP World أعلنت…": an English name first, Arabic after, is Arabic).
 * - In a paragraph, each run of the other direction's letters is one `<bdi>`:
 *   from its first letter to its last before a letter of the paragraph's own
 *   direction, with everything between (spaces, digits, punctuation, markup,
 *   citations). An isolate is a neutral to the text around it, so two isolates
 *   with a space between would be laid out in the paragraph's direction, an
 *   English clause cut at its bold or its semicolon coming out back to front.
 *   Digits joined to the run's first or last word ("COVID-19", "N6") are in it;
 *   a number apart from it ("Beira 120 حالة") stays with the paragraph, as the
 *   digits of an Arabic sentence. A bracket whose pair is outside the run
 *   brings the pair in when only punctuation is between, and otherwise splits
 *   the run there. Where a run begins or ends inside an element that it does
 *   not wholly hold (bold that begins in Arabic and ends in English), the
 *   element is closed and opened again at the isolate's edge.
 */

/*
 * What it reads: the HTML of one Markdown text as the content model's renderer writes it
 * (markdown.ts), before anything else sees it: tags of the renderer's own, every attribute value
 * escaped (so no ">" inside a tag), entities, and text; a briefing's raw HTML is text there. It is
 * not a reader of HTML in general. Isolating from marked's tokens instead would need the same
 * closing and reopening of elements where a run begins or ends inside one.
 */

/** Letters of the right-to-left scripts (Hebrew, Arabic, Syriac, Thaana, their presentation forms). */
export const RTL_LETTERS = '\u0590-\u08FF\uFB1D-\uFDFF\uFE70-\uFEFF';
const RTL_LETTER = new RegExp(`[${RTL_LETTERS}]`);
/** A letter of a left-to-right script (Latin, Greek, Cyrillic…): any letter but a right-to-left one. */
const LTR_LETTER = new RegExp(`[^\\P{L}${RTL_LETTERS}]`, 'u');
const LETTERS = /\p{L}/gu;

/**
 * Whether a line set by its first letter (`unicode-bidi: plaintext`) would be left to right although
 * `paragraphDirection` makes it right to left: it starts with a Latin letter and is mostly right to left.
 */
export function startsAgainstItsDirection(text: string): boolean {
  const first = /\p{L}/u.exec(text)?.[0];
  return first !== undefined && !RTL_LETTER.test(first) && paragraphDirection(text) === 'rtl';
}

type Strong = 'L' | 'R';
/** A character's part in the algorithm, roughly: a letter of either direction, a digit, a space, or other (neutral). */
type CharType = Strong | 'D' | 'S' | 'N';

/**
 * The direction of a text in a right-to-left briefing: left to right when its
 * first letter is and most of its letters are (ties too); `undefined` without letters.
 */
export function paragraphDirection(text: string): 'ltr' | 'rtl' | undefined {
  const letters = text.match(LETTERS);
  if (!letters) return undefined;
  const rtl = letters.filter((letter) => RTL_LETTER.test(letter)).length;
  const firstRtl = RTL_LETTER.test(letters[0] as string);
  return !firstRtl && letters.length - rtl >= rtl ? 'ltr' : 'rtl';
}

interface Atom {
  html: string;
  kind: 'open' | 'close' | 'void' | 'char';
  /** A tag's name, in lower case. */
  tag?: string;
  /** A character's text (an entity's is a neutral stand-in) and type. */
  char?: string;
  type?: CharType;
}

/** A tag, an entity or one character (a code point). */
const TOKEN = /<(\/?)([a-zA-Z][a-zA-Z0-9]*)\b[^>]*>|&#?[a-zA-Z0-9]+;|[\s\S]/gu;
/** The inline elements of rendered Markdown: a run may span them. Any other tag ends a paragraph. */
const INLINE = new Set([
  ...['a', 'abbr', 'b', 'bdi', 'bdo', 'br', 'code', 'del', 'em', 'i', 'img', 'ins', 'kbd', 'mark'],
  ...['q', 's', 'small', 'span', 'strong', 'sub', 'sup', 'u', 'wbr'],
]);
const VOID = new Set(['br', 'wbr', 'img']);
const DIGIT = /\p{Nd}/u;
const SPACE = /\s/u;
const MARK = /^\p{M}$/u;

function typeOf(char: string): CharType {
  if (RTL_LETTER.test(char)) return /\p{L}/u.test(char) ? 'R' : DIGIT.test(char) ? 'D' : 'N';
  if (LTR_LETTER.test(char)) return 'L';
  if (DIGIT.test(char)) return 'D';
  return SPACE.test(char) ? 'S' : 'N';
}

function atomsOf(html: string): Atom[] {
  const atoms: Atom[] = [];
  let previous: CharType | undefined;
  for (const [text, slash, name] of html.matchAll(TOKEN)) {
    if (name !== undefined) {
      const tag = name.toLowerCase();
      atoms.push({ html: text, tag, kind: slash ? 'close' : VOID.has(tag) ? 'void' : 'open' });
      continue;
    }
    // An entity is one of & < > " ' (the HTML is escaped); a combining mark goes with its letter.
    const entity = text.length > 1 && text.startsWith('&');
    const type = entity ? 'N' : typeOf(text);
    previous = MARK.test(text) && (previous === 'L' || previous === 'R') ? previous : type;
    atoms.push({ html: text, kind: 'char', char: entity ? '&' : text, type: previous });
  }
  return atoms;
}

/**
 * The HTML of rendered Markdown (a block, or one paragraph of inline text) set
 * for a right-to-left briefing: each paragraph's direction, and its runs in the
 * other direction isolated, as the module's comment says.
 */
export function isolateRuns(html: string): string {
  if (!LTR_LETTER.test(html.replace(/<[^>]*>|&#?[a-zA-Z0-9]+;/g, ''))) return html;
  const atoms = atomsOf(html);
  const edits = new Edits(atoms.length);
  let from = 0;
  for (let i = 0; i <= atoms.length; i++) {
    const atom = atoms[i];
    if (atom && (atom.kind === 'char' || INLINE.has(atom.tag as string))) continue;
    isolateParagraph(atoms, from, i, edits);
    from = i + 1;
  }
  return atoms.map((atom, i) => edits.at(i) + atom.html).join('') + edits.at(atoms.length);
}

/** Tags to write before an atom: the isolates that end there, then those that begin there. */
class Edits {
  private readonly ends: string[];
  private readonly starts: string[];
  constructor(length: number) {
    this.ends = new Array<string>(length + 1).fill('');
    this.starts = new Array<string>(length + 1).fill('');
  }
  /** An isolate; one that holds those added before it (`outer`) is opened before them where they meet. */
  add({ start, end }: Isolate, outer = false): void {
    this.starts[start.at] = outer ? start.html + this.starts[start.at] : this.starts[start.at] + start.html;
    this.ends[end.at] += end.html;
  }
  at(index: number): string {
    return (this.ends[index] ?? '') + (this.starts[index] ?? '');
  }
}

/** Where an isolate begins and ends: the tags to write before those atoms. */
interface Isolate {
  start: { at: number; html: string };
  end: { at: number; html: string };
}

/** One paragraph: the atoms `from` to `to` (excluded), between block tags. */
function isolateParagraph(atoms: readonly Atom[], from: number, to: number, edits: Edits): void {
  const chars: number[] = [];
  for (let i = from; i < to; i++) if (atoms[i]?.kind === 'char') chars.push(i);
  const glyphs = chars.map((i) => atoms[i]?.char as string);
  const dir = paragraphDirection(glyphs.join(''));
  if (dir === undefined) return;
  const types = chars.map((i) => atoms[i]?.type as CharType);
  const stacks = stacksOf(atoms, from, to + 1);
  const isolate = (start: number, end: number, open?: string) => isolateOf(atoms, stacks, start, end, open);
  for (const [start, end] of runsOf(glyphs, types, dir === 'ltr' ? 'R' : 'L')) {
    edits.add(isolate(chars[start] as number, (chars[end] as number) + 1));
  }
  if (dir === 'ltr') {
    // The whole paragraph, without the spaces at either end, around its runs' isolates.
    const printed = chars.filter((i) => atoms[i]?.type !== 'S');
    edits.add(isolate(printed[0] as number, (printed.at(-1) as number) + 1, '<bdi dir="ltr">'), true);
  }
}

/** For each atom from `from`, the open-tag atoms of the elements open before it. */
function stacksOf(atoms: readonly Atom[], from: number, to: number): number[][] {
  const stacks: number[][] = [];
  const open: number[] = [];
  for (let i = from; i < to; i++) {
    stacks[i] = open.slice();
    const atom = atoms[i];
    if (atom?.kind === 'open') open.push(i);
    else if (atom?.kind === 'close') {
      const at = open.findLastIndex((o) => atoms[o]?.tag === atom.tag);
      if (at >= 0) open.length = at;
    }
  }
  return stacks;
}

/** The close-tag atom of the element that `open` opens. */
function closeOf(atoms: readonly Atom[], open: number): number | undefined {
  let depth = 0;
  const tag = atoms[open]?.tag;
  for (let i = open + 1; i < atoms.length; i++) {
    const atom = atoms[i];
    if (atom === undefined || atom.tag !== tag) continue;
    if (atom.kind === 'open') depth++;
    else if (atom.kind === 'close' && depth-- === 0) return i;
  }
  return undefined;
}

const onlySpaces = (atoms: readonly Atom[], from: number, to: number) =>
  atoms.slice(from, to).every((atom) => atom.type === 'S');

/**
 * An isolate of the atoms `start` to `end` (excluded). Its edges are moved out
 * of the elements that hold only spaces beside it; an element it still begins
 * or ends inside is closed there and opened again on the other side.
 */
function isolateOf(
  atoms: readonly Atom[],
  stacks: readonly number[][],
  start: number,
  end: number,
  open = '<bdi>',
): Isolate {
  const before = stacks[start] ?? [];
  const after = stacks[end] ?? [];
  let shared = 0;
  while (shared < before.length && before[shared] === after[shared]) shared++;
  let from = start;
  let k = before.length - 1;
  for (; k >= shared && onlySpaces(atoms, (before[k] as number) + 1, from); k--) from = before[k] as number;
  let to = end;
  let m = after.length - 1;
  for (; m >= shared; m--) {
    const close = closeOf(atoms, after[m] as number);
    if (close === undefined || !onlySpaces(atoms, to, close)) break;
    to = close + 1;
  }
  const opens = (list: number[]) => list.map((i) => atoms[i]?.html).join('');
  const closes = (list: number[]) =>
    list
      .map((i) => `</${atoms[i]?.tag}>`)
      .reverse()
      .join('');
  const split = { start: before.slice(shared, k + 1), end: after.slice(shared, m + 1) };
  return {
    start: { at: from, html: `${closes(split.start)}${open}${opens(split.start)}` },
    end: { at: to, html: `${closes(split.end)}</bdi>${opens(split.end)}` },
  };
}

const JOINER = /^[-\u2010\u2011\u2013./]$/;
const OPENING: Readonly<Record<string, string>> = { '(': ')', '[': ']', '{': '}' };
const CLOSING: Readonly<Record<string, string>> = { ')': '(', ']': '[', '}': '{' };

/** The runs of `other` letters in a paragraph's characters: pairs of first and last, settled (below). */
function runsOf(glyphs: readonly string[], types: readonly CharType[], other: Strong): [number, number][] {
  const runs: [number, number][] = [];
  let start = -1;
  let last = -1;
  for (let i = 0; i <= types.length; i++) {
    const type = types[i];
    if (type === other) {
      if (start < 0) start = i;
      last = i;
    } else if ((type === undefined || type === 'L' || type === 'R') && start >= 0) {
      runs.push(...settle(glyphs, types, other, start, last));
      start = -1;
    }
  }
  return runs;
}

/** A run with its joined digits, and its brackets paired or split off (see the module's comment). */
function settle(
  glyphs: readonly string[],
  types: readonly CharType[],
  other: Strong,
  first: number,
  last: number,
): [number, number][] {
  let [start, end] = [first, last];
  const joined = (i: number, step: number) =>
    types[i] === 'D' ? 1 : JOINER.test(glyphs[i] ?? '') && types[i + step] === 'D' ? 2 : 0;
  for (let n = joined(end + 1, 1); n > 0; n = joined(end + 1, 1)) end += n;
  for (let n = joined(start - 1, -1); n > 0; n = joined(start - 1, -1)) start -= n;
  const own = unpaired(glyphs, start, end);
  let [paired, pairedEnd] = [start, end];
  if (own.closers.length === 0) pairedEnd = pairedAfter(glyphs, types, own.openers, end) ?? end;
  if (own.openers.length === 0) paired = pairedBefore(glyphs, types, own.closers, start) ?? start;
  // A bracket brought in pairs one of the run's, or the run keeps its own edges: what it brings in
  // must leave no bracket unpaired that the run did not have.
  const widened = unpaired(glyphs, paired, pairedEnd);
  const fewer = widened.openers.length + widened.closers.length < own.openers.length + own.closers.length;
  if (fewer) [start, end] = [paired, pairedEnd];
  const still = fewer ? widened : own;
  const cuts = [...still.closers, ...still.openers].sort((a, b) => a - b);
  if (cuts.length === 0) return [[start, end]];
  // The run split at the brackets still unpaired: the parts, each from a letter to a letter (each
  // smaller than the run, so that splitting ends).
  const runs: [number, number][] = [];
  [start - 1, ...cuts].forEach((cut, i) => {
    let [a, b] = [cut + 1, (cuts[i] ?? end + 1) - 1];
    while (a <= b && types[a] !== other) a++;
    while (b >= a && types[b] !== other) b--;
    if (a > b) return;
    runs.push(
      ...(a === first && b === last ? [[a, b] as [number, number]] : settle(glyphs, types, other, a, b)),
    );
  });
  return runs;
}

/** The brackets from `start` to `end` without their pair there (paired as the algorithm pairs them). */
function unpaired(
  glyphs: readonly string[],
  start: number,
  end: number,
): { openers: number[]; closers: number[] } {
  const openers: number[] = [];
  const closers: number[] = [];
  for (let i = start; i <= end; i++) {
    const glyph = glyphs[i] as string;
    if (OPENING[glyph]) openers.push(i);
    else if (CLOSING[glyph]) {
      const at = openers.findLastIndex((o) => glyphs[o] === CLOSING[glyph]);
      if (at < 0) closers.push(i);
      else openers.length = at;
    }
  }
  return { openers, closers };
}

const isLetter = (type: CharType | undefined) => type === 'L' || type === 'R';

/** The bracket after `end` that pairs the last of `openers`, with no letter before it; `undefined` if none. */
function pairedAfter(
  glyphs: readonly string[],
  types: readonly CharType[],
  openers: readonly number[],
  end: number,
): number | undefined {
  const waiting = openers.map((o) => OPENING[glyphs[o] as string]);
  for (let i = end + 1; waiting.length > 0 && i < glyphs.length && !isLetter(types[i]); i++) {
    if (glyphs[i] === waiting.at(-1)) waiting.pop();
    if (waiting.length === 0) return i;
  }
  return undefined;
}

/** The bracket before `start` that pairs the first of `closers`, with no letter after it; `undefined` if none. */
function pairedBefore(
  glyphs: readonly string[],
  types: readonly CharType[],
  closers: readonly number[],
  start: number,
): number | undefined {
  const waiting = closers.map((c) => CLOSING[glyphs[c] as string]).reverse();
  for (let i = start - 1; waiting.length > 0 && i >= 0 && !isLetter(types[i]); i--) {
    if (glyphs[i] === waiting.at(-1)) waiting.pop();
    if (waiting.length === 0) return i;
  }
  return undefined;
}
