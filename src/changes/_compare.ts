/**
 * `compareBriefings(previous, current)`: what changed between two valid
 * briefings, as data (types.ts). Pure: it reads the two `Briefing`s and
 * nothing else.
 */
import { problemAt } from '../errors.js';
import type { Actor, Briefing, Decision, Recommendation, Risk, TimelineEvent } from '../format/briefing.js';
import { truncate } from '../format/specs.js';
import { sinceOf } from './_heading.js';
import { missingReason, riskExtra } from './_judgments.js';
import {
  type Compared,
  changedLists,
  comparable,
  compareList,
  type ListRule,
  listChanged,
} from './_lists.js';
import type { MatchOptions } from './_match.js';
import { normalText } from './_similarity.js';
import type {
  ActorField,
  Changes,
  ChangeWarning,
  DecisionField,
  ItemChange,
  ListChanges,
  PointField,
  RecommendationField,
  RiskExtra,
  RiskField,
  TimelineField,
} from './types.js';

const BY_TEXT: MatchOptions = { sameText: 'text', similar: true };

export function compareBriefings(previous: Briefing, current: Briefing): Changes {
  const point = (path: string): ListRule<string, PointField> => ({
    path,
    label: (text) => text,
    match: BY_TEXT,
    fields: { text: (text) => text },
  });
  const recommendations = compareList(previous.recommendations, current.recommendations, RECOMMENDATIONS);
  const risks = compareList(previous.risks, current.risks, RISKS);
  const decisions = compareList(previous.decisions, current.decisions, decisionRule(recommendations));
  const changes: Omit<Changes, 'changed'> = {
    files: { previous: previous.file, current: current.file },
    since: sinceOf(previous),
    bluf: compareList(previous.bluf, current.bluf, point('bluf')).changes,
    decisions: decisions.changes,
    situation: {
      summaryChanged: comparable(previous.situation.summary) !== comparable(current.situation.summary),
      points: compareList(previous.situation.points, current.situation.points, point('situation.points'))
        .changes,
    },
    timeline: compareList(previous.timeline, current.timeline, TIMELINE).changes,
    actors: compareList(previous.actors, current.actors, ACTORS).changes,
    risks: withRiskExtras(risks, current.risks),
    recommendations: recommendations.changes,
    otherKeys: OTHER_KEYS.filter(([, read]) => comparable(read(previous)) !== comparable(read(current))).map(
      ([key]) => key,
    ),
    warnings: [],
  };
  changes.warnings = [
    ...reasonWarnings(changes.risks, risks.previous, current),
    ...renumbered(decisions, recommendations, previous, current),
  ];
  return { ...changes, changed: anyChange(changes) };
}

// ── the lists ─────────────────────────────────────────────────────────────

const RISKS: ListRule<Risk, RiskField> = {
  path: 'risks',
  label: (risk) => risk.title,
  id: (risk) => risk.id,
  match: BY_TEXT,
  fields: {
    title: (risk) => risk.title,
    likelihood: (risk) => risk.likelihood,
    impact: (risk) => risk.impact,
    confidence: (risk) => risk.confidence,
    detail: (risk) => risk.detail,
    indicators: (risk) => risk.indicators,
  },
};

const RECOMMENDATIONS: ListRule<Recommendation, RecommendationField> = {
  path: 'recommendations',
  label: (recommendation) => recommendation.action,
  id: (recommendation) => recommendation.id,
  match: BY_TEXT,
  fields: {
    action: (recommendation) => recommendation.action,
    owner: (recommendation) => recommendation.owner,
    priority: (recommendation) => recommendation.priority,
    timeframe: (recommendation) => recommendation.timeframe,
    rationale: (recommendation) => recommendation.rationale,
  },
};

const ACTORS: ListRule<Actor, ActorField> = {
  path: 'actors',
  label: (actor) => actor.name,
  match: { sameText: 'name', similar: false },
  fields: {
    kind: (actor) => actor.kind,
    stance: (actor) => actor.stance,
    role: (actor) => actor.role,
    // A set of relations: their order in the file is no change.
    relations: (actor) =>
      actor.relations.map((relation) => `${normalText(relation.with)}\n${relation.type}`).sort(),
  },
};

const TIMELINE: ListRule<TimelineEvent, TimelineField> = {
  path: 'timeline',
  label: (event) => event.event,
  match: BY_TEXT,
  fields: {
    date: (event) => event.date,
    event: (event) => event.event,
    place: (event) => event.place,
  },
};

/**
 * Decisions; the recommendations a decision names are compared as the recommendations they are, not
 * by their numbers (which shift when one before them is added or dropped).
 */
function decisionRule(
  recommendations: Compared<Recommendation, RecommendationField>,
): ListRule<Decision, DecisionField> {
  const nowNumbered = new Map<number, number>();
  recommendations.pairs.forEach((pair, index) => {
    if (pair) nowNumbered.set(pair.previous + 1, index + 1);
  });
  return {
    path: 'decisions',
    label: (decision) => decision.decision,
    id: (decision) => decision.id,
    match: BY_TEXT,
    fields: {
      decision: (decision) => decision.decision,
      by: (decision) => decision.by,
      deadline: (decision) => decision.deadline?.text,
      recommendations: (decision, side) =>
        decision.recommendations
          .map((number) => (side === 'current' ? number : (nowNumbered.get(number) ?? `dropped ${number}`)))
          .map(String)
          .sort(),
    },
  };
}

/** The judgments of each risk paired with one of the previous version. */
function withRiskExtras(
  compared: Compared<Risk, RiskField>,
  current: readonly Risk[],
): ListChanges<RiskField, RiskExtra> {
  const items = compared.changes.items.map((item, index): ItemChange<RiskField> & RiskExtra => {
    const pair = compared.pairs[index];
    const previous = pair && compared.previous[pair.previous];
    const risk = current[index];
    return previous && risk ? { ...item, ...riskExtra(previous, risk) } : { ...item, judgments: [] };
  });
  return { items, removed: compared.changes.removed };
}

/** A moved judgment without its reason: at the risk, in the current file. */
function reasonWarnings(
  risks: ListChanges<RiskField, RiskExtra>,
  previous: readonly Risk[],
  current: Briefing,
): ChangeWarning[] {
  return risks.items.flatMap((item): ChangeWarning[] => {
    const risk = current.risks[item.index];
    const old = item.status === 'new' ? undefined : previous[item.previous.index];
    if (item.judgments.length === 0 || !risk || !old) return [];
    const code = missingReason(old, risk);
    if (!code) return [];
    const moved = item.judgments.map((judgment) => judgment.text).join(', ');
    const message =
      code === 'no-change-note'
        ? `${moved}, without a change_note saying why`
        : `${moved}, and the change_note is the previous version's`;
    const hint = 'say why the judgment moved in change_note (inline Markdown)';
    return [{ ...problemAt(current, item.path, message, hint), code, index: item.index }];
  });
}

/**
 * A decision that names a recommendation by the number it named before, when that number now means
 * another one (one before it added or dropped): the decision-maker would read the wrong advice.
 */
function renumbered(
  decisions: Compared<Decision, DecisionField>,
  recommendations: Compared<Recommendation, RecommendationField>,
  previous: Briefing,
  current: Briefing,
): ChangeWarning[] {
  return current.decisions.flatMap((decision, index): ChangeWarning[] => {
    const pair = decisions.pairs[index];
    const before = pair && previous.decisions[pair.previous];
    if (!before) return [];
    return decision.recommendations.flatMap((number): ChangeWarning[] => {
      const meant = previous.recommendations[number - 1];
      const now = current.recommendations[number - 1];
      const stays = recommendations.pairs[number - 1]?.previous === number - 1;
      if (!before.recommendations.includes(number) || !meant || !now || stays) return [];
      const message = `recommendation ${number} is now "${truncate(now.action)}"; in ${previous.file} it was "${truncate(meant.action)}"`;
      const hint = 'name the recommendations this decision is about by their numbers in this version';
      return [
        {
          ...problemAt(current, `decisions[${index}].recommendations`, message, hint),
          code: 'renumbered',
          index,
        },
      ];
    });
  });
}

// ── the rest ──────────────────────────────────────────────────────────────

/**
 * Top-level keys a reader sees that are not lists of items, in the format's order. Not compared: the
 * version's own identity (`date`, `as_of`, `version`), speaker notes and deck settings.
 */
const OTHER_KEYS: [string, (briefing: Briefing) => unknown][] = [
  ['title', (briefing) => briefing.title],
  ['subtitle', (briefing) => briefing.subtitle],
  ['author', (briefing) => briefing.author],
  ['organization', (briefing) => briefing.organization],
  ['contact', (briefing) => briefing.contact],
  ['classification', (briefing) => briefing.classification],
  ['handling', (briefing) => briefing.handling?.text],
  ['source', (briefing) => briefing.source],
  ['sources', (briefing) => briefing.sources],
];

function anyChange(changes: Omit<Changes, 'changed'>): boolean {
  return (
    changes.situation.summaryChanged ||
    changes.otherKeys.length > 0 ||
    changedLists(changes).some(listChanged)
  );
}
