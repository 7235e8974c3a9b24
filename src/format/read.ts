/**
 * A briefing file read and validated, with the settings that replace its own applied first, and the
 * warnings a valid briefing can still deserve (a decision's deadline passed at `as_of`, or written as
 * a date it does not read).
 */
import { isMap, type YAMLMap } from 'yaml';
import { type Problem, problemAt } from '../errors.js';
import type { DeckOverrides } from '../options.js';
import type { Briefing } from './briefing.js';
import { deadlinePassed } from './dateTimes.js';
import { loadBriefing } from './load.js';
import { validateBriefing } from './validate.js';

/**
 * Load and validate (`briefdeck validate` stops here). Settings that replace the briefing's own
 * (`--theme`, `--aspect`) go into the document before it is validated, so they are checked as the
 * briefing's are and a theme file they replace is never read.
 */
export async function readBriefing(file: string, cwd: string, deck: DeckOverrides = {}): Promise<Briefing> {
  const loaded = await loadBriefing(file, { cwd });
  const root: unknown = loaded.doc.contents;
  if (isMap(root) && (deck.theme !== undefined || deck.aspect !== undefined)) {
    const found: unknown = root.get('deck', true);
    const settings: YAMLMap = isMap(found) ? found : loaded.doc.createNode({});
    // Keys as scalar nodes, as the parser makes them (the validator reads nodes, not plain values).
    const node = (value: string) => loaded.doc.createNode(value);
    if (settings !== found) root.set(node('deck'), settings);
    for (const key of ['theme', 'aspect'] as const) {
      const value = deck[key];
      if (value !== undefined) settings.set(node(key), node(value));
    }
  }
  return validateBriefing(loaded);
}

/**
 * A date written with slashes, dots or hyphens (`03/12/2025`, `3/12/25`, `12.03.2025`, `۱۲/۰۳/۲۰۲۵`): taken as words, since it is read
 * as 12 March in the United States and as 3 December elsewhere, so never marked as passed.
 */
const NUMERIC_DATE =
  /(?<![\p{L}\p{Nd}]|\p{Nd}\.)(?:\p{Nd}{1,2}([/-])\p{Nd}{1,2}\1(?:\p{Nd}{4}|\p{Nd}{2})|\p{Nd}{1,2}\.\p{Nd}{1,2}\.\p{Nd}{4})(?!\p{Nd}|\.\p{Nd}|[/-]\p{Nd})/u;

/**
 * What a valid briefing's decisions still deserve to be told, at each deadline: one that had passed at
 * `as_of` (shown as passed), and one written as a date briefdeck does not read (never shown as passed).
 */
export function deadlineWarnings(briefing: Briefing): Problem[] {
  return briefing.decisions.flatMap((decision, index) => {
    const path = `decisions[${index}].deadline`;
    const deadline = decision.deadline;
    if (deadlinePassed(decision, briefing.asOf))
      return [
        problemAt(
          briefing,
          path,
          `the deadline ${deadline?.text} had passed at as_of ${briefing.asOf?.text}`,
          'it is marked as passed: change the deadline or as_of if that is not so',
        ),
      ];
    if (deadline?.kind === 'text' && NUMERIC_DATE.test(deadline.text))
      return [
        problemAt(
          briefing,
          path,
          `"${deadline.text}" is taken as words, not as a date, so it is never marked as passed`,
          'write the date as YYYY-MM-DD (2025-03-12), which reads one way everywhere',
        ),
      ];
    return [];
  });
}
