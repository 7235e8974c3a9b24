/**
 * A briefing file read and validated, with the settings that replace its own applied first, and the
 * warnings a valid briefing can still deserve (a decision's deadline passed at `as_of`).
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

/** A decision whose deadline had already passed at `as_of`: shown as passed, and said in the terminal. */
export function passedDeadlines(briefing: Briefing): Problem[] {
  return briefing.decisions.flatMap((decision, index) => {
    if (!deadlinePassed(decision, briefing.asOf)) return [];
    return [
      problemAt(
        briefing,
        `decisions[${index}].deadline`,
        `the deadline ${decision.deadline?.text} had passed at as_of ${briefing.asOf?.text}`,
        'it is marked as passed: change the deadline or as_of if that is not so',
      ),
    ];
  });
}
