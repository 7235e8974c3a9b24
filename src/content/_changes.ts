/**
 * What changed since the previous version (`--since`), as the content model
 * carries it, so every output says the same: a mark on each item that is
 * new or updated (a risk's moved judgments and their reason with it), and
 * the "Changes since …" section that the slide, the handout's box and the
 * mail's lines are made from. Removed items are in the section: they are
 * no longer anywhere else; so are the recommendations and decisions
 * updated, what a reader acts on.
 */
import type { Changes, ItemChange, ListChanges, RemovedItem, RiskExtra } from '../changes/types.js';
import type { Briefing } from '../format/briefing.js';
import { directionOf } from '../format/language.js';
import { escapeHtml, type MarkdownRenderer, withoutFullStop, withoutReferences } from './markdown.js';
import type { ChangeLine, ChangeMark, ChangesSection } from './types.js';

/** Each list's marks, by the item's index in the current briefing (undefined: unchanged). */
export interface ChangeMarks {
  bluf: (ChangeMark | undefined)[];
  decisions: (ChangeMark | undefined)[];
  points: (ChangeMark | undefined)[];
  timeline: (ChangeMark | undefined)[];
  actors: (ChangeMark | undefined)[];
  risks: (ChangeMark | undefined)[];
  recommendations: (ChangeMark | undefined)[];
}

export function changeMarks(changes: Changes, md: MarkdownRenderer): ChangeMarks {
  const since = changes.since.label;
  const marks = <F extends string>(list: ListChanges<F>) => list.items.map((item) => markOf(item, since));
  return {
    bluf: marks(changes.bluf),
    decisions: marks(changes.decisions),
    points: marks(changes.situation.points),
    timeline: marks(changes.timeline),
    actors: marks(changes.actors),
    risks: changes.risks.items.map((item) => riskMark(item, since, md)),
    recommendations: marks(changes.recommendations),
  };
}

/** `{ change }` for an item with a mark, else nothing (a build without `--since` stays as it was). */
export function marked(mark: ChangeMark | undefined): { change?: ChangeMark } {
  return mark ? { change: mark } : {};
}

function markOf<F extends string>(item: ItemChange<F>, since: string): ChangeMark | undefined {
  if (item.status === 'unchanged') return undefined;
  if (item.status === 'new')
    return { status: 'new', label: 'NEW', fields: [], title: `New since ${since}`, judgments: [] };
  const fields: string[] = item.fields;
  return {
    status: 'updated',
    label: 'UPDATED',
    fields,
    title: `Updated since ${since}: ${fields.join(', ')}`,
    judgments: [],
  };
}

function riskMark(item: ItemChange<string> & RiskExtra, since: string, md: MarkdownRenderer) {
  const mark = markOf(item, since);
  if (!mark) return undefined;
  return {
    ...mark,
    judgments: item.judgments.map(({ text, direction }) => ({ text, html: judgmentHtml(text), direction })),
    ...(item.reason !== undefined
      ? { reasonHtml: md.inline(item.reason), reason: md.text(item.reason) }
      : {}),
    ...(item.moved ? { movedFrom: item.moved.from } : {}),
  };
}

/**
 * The parts of a moved judgment that a line may not split (`impact moderate →`, `high ▲`): a
 * judgment's name stays with its value, the sign with the value it follows; it breaks after its
 * arrow, if anywhere.
 */
export function judgmentParts(text: string): string[] {
  return text.split(/(?<=→) /);
}

/** A moved judgment as HTML: no-break spaces inside its parts (see `judgmentParts`). */
function judgmentHtml(text: string): string {
  return judgmentParts(text)
    .map((part) => escapeHtml(part).replace(/ /g, '\u00A0'))
    .join(' ');
}

/** The "Changes since …" section; undefined when it would list nothing. */
export function changesSection(
  changes: Changes,
  briefing: Briefing,
  md: MarkdownRenderer,
): ChangesSection | undefined {
  const current = (markdown: string): ChangeLine => ({
    markdown,
    html: md.inline(markdown),
    text: md.text(markdown),
  });
  // A removed item's text is the previous file's, set as the new ones are, but without its citations
  // and figure references: they may name sources and figures no longer listed.
  const removed = (item: RemovedItem): ChangeLine => current(withoutReferences(item.label));
  // A risk's title and an actor's name are plain text, not Markdown.
  const removedTitle = (item: RemovedItem): ChangeLine => current(escapeMarkdown(item.label));
  const added = <F extends string, X>(
    list: ListChanges<F, X>,
    line = (item: ItemChange<F> & X) => item.label,
  ) => list.items.filter((item) => item.status === 'new').map((item) => current(line(item)));
  // What a reader acts on, changed in place (a timeframe, an owner, a deadline): named with the fields,
  // which take the place of its full stop, as in `briefdeck diff`.
  const updated = <F extends string, X>(list: ListChanges<F, X>) =>
    list.items.flatMap((item) =>
      item.status === 'updated'
        ? [current(`${withoutFullStop(item.label)} (changed: ${item.fields.join(', ')})`)]
        : [],
    );
  const groups: ChangesSection['groups'] = [
    { title: 'Judgments changed', lines: judgmentLines(changes, md, directionOf(briefing.language)) },
    { title: 'New risks', lines: added(changes.risks, (item) => escapeMarkdown(item.label)) },
    { title: 'Removed risks', lines: changes.risks.removed.map(removedTitle) },
    { title: 'New actors', lines: added(changes.actors, (item) => escapeMarkdown(item.label)) },
    { title: 'Removed actors', lines: changes.actors.removed.map(removedTitle) },
    {
      title: 'New in the timeline',
      lines: added(changes.timeline, (item) => `${briefing.timeline[item.index]?.date ?? ''}: ${item.label}`),
    },
    { title: 'Removed from the timeline', lines: changes.timeline.removed.map(removed) },
    { title: 'New recommendations', lines: added(changes.recommendations) },
    { title: 'Updated recommendations', lines: updated(changes.recommendations) },
    { title: 'Removed recommendations', lines: changes.recommendations.removed.map(removed) },
    { title: 'New decisions', lines: added(changes.decisions) },
    { title: 'Updated decisions', lines: updated(changes.decisions) },
    { title: 'Removed decisions', lines: changes.decisions.removed.map(removed) },
    { title: 'Removed from the bottom line', lines: changes.bluf.removed.map(removed) },
  ].filter((group) => group.lines.length > 0);
  return groups.length > 0 ? { heading: changes.since.heading, groups } : undefined;
}

/**
 * A risk whose judgments moved: its title, the moves, and the reason given (or that none was). Right
 * to left, the moves (English: `likely → very likely ▲; confidence moderate → high ▲`) are one
 * left-to-right isolate, or their last arrow went to the line's start.
 */
function judgmentLines(changes: Changes, md: MarkdownRenderer, dir: 'ltr' | 'rtl'): ChangeLine[] {
  return changes.risks.items.flatMap((item): ChangeLine[] => {
    if (item.judgments.length === 0) return [];
    const moves = item.judgments.map((judgment) => judgment.text).join('; ');
    const movesHtml = dir === 'rtl' ? `<bdi dir="ltr">${escapeHtml(moves)}</bdi>` : escapeHtml(moves);
    const line = {
      markdown: `**${item.label}**: ${moves}`,
      // The title as the risk's slide sets it (the language's quotes), like every other line here.
      html: `<strong>${md.inline(escapeMarkdown(item.label))}</strong>: ${movesHtml}`,
      text: `${md.text(escapeMarkdown(item.label))}: ${moves}`,
    };
    if (item.reason !== undefined)
      return [{ ...line, noteHtml: md.inline(item.reason), note: md.text(item.reason) }];
    const none = ' (no reason given)';
    return [{ markdown: line.markdown + none, html: `${line.html}<em>${none}</em>`, text: line.text + none }];
  });
}

/** Plain text kept as text when read as Markdown. */
function escapeMarkdown(text: string): string {
  return text.replace(/([\\`*_[\]<>#!|~])/g, '\\$1');
}
