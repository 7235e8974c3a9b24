/**
 * The changes as plain text, one line a change, for a terminal or a CI log
 * (`briefdeck diff`): a heading, then each list in the deck's order with
 * its new, updated and removed items (unchanged ones are left out), the
 * judgments that moved under their risk with the reason given, and a
 * closing count. Markdown is shown as the words it reads as (`**new key**`
 * as `new key`, a link as its text), citations as written (`[@id]`); the
 * caller makes the lines printable and may colour the status words.
 */
import { createMarkdown, type MarkdownRenderer, withoutFullStop } from '../content/markdown.js';
import { changedLists } from './_lists.js';
import type { Changes, ItemChange, JudgmentChange, ListChanges, RiskExtra } from './types.js';

/** A status word, as the lines start with it. */
export type StatusWord = 'NEW' | 'UPDATED' | 'EDITED' | 'REMOVED';

export interface TextOptions {
  /** Colours a status word (the CLI's colours on a terminal); as it is by default. */
  paint?: (word: StatusWord, padded: string) => string;
  /** Makes text from the briefings safe to show (`printable` on a terminal), before any colour; as it is by default. */
  shown?: (text: string) => string;
}

const COLUMN = 9;
const INDENT = '  ';
const UNDER = ' '.repeat(INDENT.length + COLUMN);

export function changesAsText(changes: Changes, options: TextOptions = {}): string[] {
  const paint = options.paint ?? ((_word, padded) => padded);
  const shown = options.shown ?? ((text) => text);
  const status = (word: StatusWord) => `${INDENT}${paint(word, word.padEnd(COLUMN))}`;
  const { previous, current } = changes.files;
  const lines = [shown(changes.since.heading), shown(`${previous} → ${current}`)];
  const section = (title: string, body: string[]) => {
    if (body.length > 0) lines.push('', title, ...body);
  };
  const markdown = (text: string) => shown(markdownWords(text));
  /** A list's lines; its labels are `read` (`markdown` for text in inline Markdown, else `shown`). */
  const list = <F extends string, X>(
    changed: ListChanges<F, X>,
    read: (text: string) => string,
    more?: (item: ItemChange<F> & X) => string[],
  ) => [
    ...changed.items.flatMap((item) => itemLines(item, status, read, more?.(item) ?? [])),
    ...changed.removed.map((item) => `${status('REMOVED')}${read(item.label)}`),
  ];
  section('Bottom line', list(changes.bluf, markdown));
  section('Decisions', list(changes.decisions, markdown));
  section('Situation', [
    ...(changes.situation.summaryChanged ? [`${status('EDITED')}situation.summary`] : []),
    ...list(changes.situation.points, markdown),
  ]);
  section('Timeline', list(changes.timeline, markdown));
  section('Actors', list(changes.actors, shown));
  section(
    'Risks',
    list(changes.risks, shown, (item) => riskLines(item, markdown)),
  );
  section('Recommendations', list(changes.recommendations, markdown));
  if (changes.otherKeys.length > 0) lines.push('', `Also changed: ${changes.otherKeys.join(', ')}`);
  lines.push('', shown(summaryLine(changes)));
  return lines;
}

let renderer: MarkdownRenderer | undefined;

/** Inline Markdown as the words it reads as; a citation or figure reference as written (`[@id]`). */
function markdownWords(markdown: string): string {
  renderer ??= createMarkdown(() => undefined, null);
  return renderer.text(markdown);
}

function itemLines<F extends string>(
  item: ItemChange<F>,
  status: (word: StatusWord) => string,
  read: (text: string) => string,
  more: string[],
): string[] {
  if (item.status === 'unchanged') return [];
  const label = read(item.label);
  if (item.status === 'new') return [`${status('NEW')}${item.path}  ${label}`];
  const was = `${UNDER}was: ${read(item.previous.label)}`;
  // A point is its text: a point that changed is edited, and what it said is shown.
  if (item.fields.length === 1 && item.fields[0] === 'text')
    return [`${status('EDITED')}${item.path}  ${label}`, was];
  const renamed = item.previous.label !== item.label ? [was] : [];
  // The keys that changed follow the label after a colon, which takes the place of its full stop
  // (not of an abbreviation's: `U.S.`).
  const named = `${withoutFullStop(label)}: ${item.fields.join(', ')}`;
  return [`${status('UPDATED')}${item.path}  ${named}`, ...renamed, ...more];
}

function riskLines(item: ItemChange<string> & RiskExtra, markdown: (text: string) => string): string[] {
  if (item.judgments.length === 0) return [];
  const reason =
    item.reason !== undefined
      ? `${UNDER}why: ${markdown(item.reason)}`
      : `${UNDER}(no new change_note says why)`;
  return [`${UNDER}${item.judgments.map((judgment: JudgmentChange) => judgment.text).join('; ')}`, reason];
}

/** `1 new, 1 updated, 1 removed; 1 judgment moved.`, or that there are no changes. */
function summaryLine(changes: Changes): string {
  if (!changes.changed) return `No changes since ${changes.since.label}.`;
  const lists = changedLists(changes);
  const count = (status: 'new' | 'updated') =>
    lists.reduce((sum, list) => sum + list.items.filter((item) => item.status === status).length, 0);
  const removed = lists.reduce((sum, list) => sum + list.removed.length, 0);
  const moved = changes.risks.items.reduce((sum, item) => sum + item.judgments.length, 0);
  const updated = count('updated') + (changes.situation.summaryChanged ? 1 : 0);
  const parts = [`${count('new')} new`, `${updated} updated`, `${removed} removed`];
  const judgments = moved > 0 ? `; ${moved} judgment${moved === 1 ? '' : 's'} moved` : '';
  const warned = changes.warnings.filter((warning) => warning.code !== 'renumbered').length;
  const without = warned > 0 ? `, ${warned} without a reason` : '';
  return `${parts.join(', ')}${judgments}${without}.`;
}
