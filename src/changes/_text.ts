/**
 * The changes as plain text, one line a change, for a terminal or a CI log
 * (`briefdeck diff`): a heading, then each list in the deck's order with
 * its new, updated and removed items (unchanged ones are left out), the
 * judgments that moved under their risk with the reason given, and a
 * closing count. Markdown is shown as written; the caller makes the lines
 * printable and may colour the status words.
 */
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
  const list = <F extends string, X>(
    changed: ListChanges<F, X>,
    more?: (item: ItemChange<F> & X, shown: (text: string) => string) => string[],
  ) => [
    ...changed.items.flatMap((item) => itemLines(item, status, shown, more?.(item, shown) ?? [])),
    ...changed.removed.map((item) => `${status('REMOVED')}${shown(item.label)}`),
  ];
  section('Bottom line', list(changes.bluf));
  section('Decisions', list(changes.decisions));
  section('Situation', [
    ...(changes.situation.summaryChanged ? [`${status('EDITED')}situation.summary`] : []),
    ...list(changes.situation.points),
  ]);
  section('Timeline', list(changes.timeline));
  section('Actors', list(changes.actors));
  section('Risks', list(changes.risks, riskLines));
  section('Recommendations', list(changes.recommendations));
  if (changes.otherKeys.length > 0) lines.push('', `Also changed: ${changes.otherKeys.join(', ')}`);
  lines.push('', shown(summaryLine(changes)));
  return lines;
}

function itemLines<F extends string>(
  item: ItemChange<F>,
  status: (word: StatusWord) => string,
  shown: (text: string) => string,
  more: string[],
): string[] {
  if (item.status === 'unchanged') return [];
  const label = shown(item.label);
  if (item.status === 'new') return [`${status('NEW')}${item.path}  ${label}`];
  const was = `${UNDER}was: ${shown(item.previous.label)}`;
  // A point is its text: a point that changed is edited, and what it said is shown.
  if (item.fields.length === 1 && item.fields[0] === 'text')
    return [`${status('EDITED')}${item.path}  ${label}`, was];
  const renamed = item.previous.label !== item.label ? [was] : [];
  return [`${status('UPDATED')}${item.path}  ${label}: ${item.fields.join(', ')}`, ...renamed, ...more];
}

function riskLines(item: ItemChange<string> & RiskExtra, shown: (text: string) => string): string[] {
  if (item.judgments.length === 0) return [];
  const reason =
    item.reason !== undefined
      ? `${UNDER}why: ${shown(item.reason)}`
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
  const warned = changes.warnings.length;
  const without = warned > 0 ? `, ${warned} without a reason` : '';
  return `${parts.join(', ')}${judgments}${without}.`;
}
