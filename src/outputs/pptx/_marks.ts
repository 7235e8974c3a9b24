/**
 * What changed since the previous version (`--since`) on an item of the
 * PowerPoint deck, as the deck shows it (themes/changes.css): the NEW or
 * UPDATED mark in the item's line (before running text, after a name or a
 * title), and under a risk's ratings the judgments that moved and why.
 * A run cannot take the deck's tinted chip in every program that opens the
 * file, so the mark is a small bold word in the mark's colour.
 */
import type { ChangeMark } from '../../content/index.js';
import type { MarkSide } from '../../slides/_marks.js';
import { type Paragraph, type Run, readHtml } from './_runs.js';
import type { Palette } from './_theme.js';

/** The marks' colours (themes/changes.css), light then dark: the dark theme's readable on its background. */
const MARK_COLOURS = {
  new: ['#1d6b3a', '#7ccf83'],
  updated: ['#8a5a00', '#f2b24c'],
  up: ['#a3271f', '#f07167'],
  down: ['#1d6b3a', '#7ccf83'],
} as const;

const colour = (key: keyof typeof MARK_COLOURS, palette: Palette) => MARK_COLOURS[key][palette.dark ? 1 : 0];

/** The fill of a NEW or UPDATED pill under white text, in either theme (the deck's chip: changes.css). */
export function pillColour(status: 'new' | 'updated'): string {
  return MARK_COLOURS[status][0];
}

/** `runs` with the item's mark on `side`; as they are when it has none. */
export function withMarkRuns(
  runs: Run[],
  change: ChangeMark | undefined,
  palette: Palette,
  side: MarkSide = 'before',
): Run[] {
  if (!change) return runs;
  const mark: Run = { text: change.label, bold: true, scale: 0.7, color: colour(change.status, palette) };
  // Before the text, a zero-width space first: a bullet is sized by the paragraph's first character,
  // which would otherwise be the small mark's.
  return side === 'before'
    ? [{ text: '\u200b' }, mark, { text: '\u2002' }, ...runs]
    : [...runs, { text: '\u2002' }, mark];
}

/** The first paragraph of `paragraphs` with the item's mark before it. */
export function markFirst(
  paragraphs: Paragraph[],
  change: ChangeMark | undefined,
  palette: Palette,
): Paragraph[] {
  const [first, ...rest] = paragraphs;
  if (!change || !first) return paragraphs;
  return [{ ...first, runs: withMarkRuns(first.runs, change, palette) }, ...rest];
}

/** A risk's moved judgments (`likely → very likely ▲`) in their direction's colour, then why: none when none moved. */
export function movedParagraphs(change: ChangeMark | undefined, palette: Palette): Paragraph[] {
  if (!change || change.judgments.length === 0) return [];
  const moves: Run[] = change.judgments.flatMap((judgment, index) => [
    ...(index > 0 ? [{ text: '\u2003' }] : []),
    {
      text: judgment.text,
      bold: true,
      ...(judgment.direction === 'up' || judgment.direction === 'down'
        ? { color: colour(judgment.direction, palette) }
        : {}),
    },
  ]);
  const why = change.reasonHtml ? readHtml(`Why: ${change.reasonHtml}`) : [];
  return [
    { runs: moves, level: 0 },
    ...why.map((paragraph) => ({
      ...paragraph,
      runs: paragraph.runs.map((run) => ({ ...run, color: run.color ?? palette.muted })),
    })),
  ];
}
