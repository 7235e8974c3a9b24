/**
 * A risk's judgments across two versions: which of likelihood, impact and
 * confidence moved, which way and how far on their ordered scales
 * (LIKELIHOODS, IMPACTS, CONFIDENCES, lowest first), where the risk moved
 * on the matrix, and whether the change says why (`change_note`).
 */
import { CONFIDENCES, IMPACTS, LIKELIHOODS, type Risk } from '../format/briefing.js';
import { normalText } from './_similarity.js';
import type { JudgmentChange, RiskExtra } from './types.js';

const SCALES = {
  likelihood: LIKELIHOODS.map((entry) => entry.term),
  impact: IMPACTS,
  confidence: CONFIDENCES,
} as const satisfies Record<JudgmentChange['judgment'], readonly string[]>;

const UP = '▲';
const DOWN = '▼';

/** The judgments that moved, likelihood first. */
export function judgmentChanges(previous: Risk, current: Risk): JudgmentChange[] {
  const changes: JudgmentChange[] = [];
  for (const judgment of ['likelihood', 'impact', 'confidence'] as const) {
    const change = judgmentChange(judgment, previous[judgment], current[judgment]);
    if (change) changes.push(change);
  }
  return changes;
}

function judgmentChange(
  judgment: JudgmentChange['judgment'],
  from: JudgmentChange['from'],
  to: JudgmentChange['to'],
): JudgmentChange | undefined {
  if (from === to) return undefined;
  // Likelihood's terms say what they are; the other two are named (`impact high`, `confidence low`).
  const named = judgment === 'likelihood' ? '' : `${judgment} `;
  if (from === undefined || to === undefined) {
    const text = `${named}${from ?? 'not stated'} → ${to ?? 'not stated'}`;
    return {
      judgment,
      ...(from !== undefined ? { from } : {}),
      ...(to !== undefined ? { to } : {}),
      direction: from === undefined ? 'added' : 'removed',
      steps: 0,
      text,
    };
  }
  const scale: readonly string[] = SCALES[judgment];
  const steps = scale.indexOf(to) - scale.indexOf(from);
  const direction = steps > 0 ? 'up' : 'down';
  return { judgment, from, to, direction, steps, text: `${named}${from} → ${to} ${steps > 0 ? UP : DOWN}` };
}

/** What a matched risk adds to its change: the judgments that moved, its move on the matrix, the reason given. */
export function riskExtra(previous: Risk, current: Risk): RiskExtra {
  const judgments = judgmentChanges(previous, current);
  const extra: RiskExtra = { judgments };
  if (previous.likelihood !== current.likelihood || previous.impact !== current.impact) {
    extra.moved = {
      from: { likelihood: previous.likelihood, impact: previous.impact },
      to: { likelihood: current.likelihood, impact: current.impact },
    };
  }
  // A note the previous version had too explains an earlier move, not this one.
  if (judgments.length > 0 && current.change_note !== undefined && !missingReason(previous, current))
    extra.reason = current.change_note;
  return extra;
}

/** Why a moved judgment's reason is missing, if it is: no `change_note`, or the previous version's own. */
export function missingReason(
  previous: Risk,
  current: Risk,
): 'no-change-note' | 'same-change-note' | undefined {
  if (current.change_note === undefined) return 'no-change-note';
  if (
    previous.change_note !== undefined &&
    normalText(previous.change_note) === normalText(current.change_note)
  )
    return 'same-change-note';
  return undefined;
}
