/**
 * What changed between two versions of a briefing, as data: the shape
 * `compareBriefings` returns and the outputs read to mark the deck, the
 * handout and the mail, and `briefdeck diff` prints. Plain JSON values only
 * (no Map, no class), so `--format json` is this object as it is.
 *
 * Every item of the current briefing's lists has one entry, at its own
 * index (`risks.items[i]` is `briefing.risks[i]`), so a renderer marks an
 * item by the index it already has; removed items are listed apart, from
 * the previous file.
 */
import type { Problem } from '../errors.js';
import type { Confidence, Impact, Likelihood } from '../format/briefing.js';

/** How an item of the current briefing stands against the previous version. */
export type ItemStatus = 'new' | 'updated' | 'unchanged';

/**
 * How a current item was paired with a previous one: by the `id` both have, by an actor's `name`,
 * by the same text once case and spacing are normalised, or by close text (a rename: see `SIMILARITY`).
 */
export type MatchedBy = 'id' | 'name' | 'text' | 'similar';

/** An item of the current briefing, where a renderer finds it. */
interface Placed {
  /** Its index in its list of the current briefing. */
  index: number;
  /** Its YAML path in the current file: `risks[2]`; also the key of `Briefing.positions`. */
  path: string;
  /** Its title or text as written (inline Markdown for recommendations, decisions, points, events). */
  label: string;
}

/** An item that was not in the previous version. */
export interface NewItem extends Placed {
  status: 'new';
}

/** An item paired with one of the previous version. */
export interface MatchedItem<F extends string> extends Placed {
  status: 'updated' | 'unchanged';
  /** The item it was in the previous file: its index, path and title or text there. */
  previous: { index: number; path: string; label: string };
  matchedBy: MatchedBy;
  /** For `similar`: the similarity of the two texts, 0 to 1 (at least `SIMILARITY`). */
  similarity?: number;
  /**
   * The keys whose value changed, in the format's order (`title`, `likelihood`, `detail`…); empty
   * when unchanged. Whitespace alone is no change; speaker notes, ids and a risk's `change_note` (the
   * reason for a change, not a change: see `RiskExtra.reason`) are not compared.
   */
  fields: F[];
}

export type ItemChange<F extends string> = NewItem | MatchedItem<F>;

/** An item of the previous version that the current one no longer has. */
export interface RemovedItem {
  /** Its index and YAML path in the previous file. */
  index: number;
  path: string;
  /** Its title or text as it was written there. */
  label: string;
  id?: string;
}

/** One list of the briefing, compared. */
export interface ListChanges<F extends string, Extra = object> {
  /** One entry per item of the current list, in its order: `items[i]` is the current `list[i]`. */
  items: (ItemChange<F> & Extra)[];
  /** Items of the previous list that nothing in the current one matches, in their previous order. */
  removed: RemovedItem[];
}

/** A judgment of a risk that moved: `likely → very likely ▲`. */
export interface JudgmentChange {
  judgment: 'likelihood' | 'impact' | 'confidence';
  /** The value before and after; absent when not stated (only confidence is optional). */
  from?: Likelihood | Impact | Confidence;
  to?: Likelihood | Impact | Confidence;
  /** `up`: more likely, more severe, more confident. `added`/`removed`: a confidence stated or dropped. */
  direction: 'up' | 'down' | 'added' | 'removed';
  /** Steps on its ordered scale (LIKELIHOODS, IMPACTS, CONFIDENCES): +1 for `likely → very likely`; 0 when added or removed. */
  steps: number;
  /** As the outputs say it: `likely → very likely ▲`, `impact high → moderate ▼`, `confidence low → moderate ▲`. */
  text: string;
}

/** A cell of the risk matrix. */
export interface MatrixCell {
  likelihood: Likelihood;
  impact: Impact;
}

/** What a risk adds to an item's change. */
export interface RiskExtra {
  /** The judgments that moved, likelihood first; empty for a new risk. */
  judgments: JudgmentChange[];
  /** When the risk moved on the matrix: its old cell (for a faint marker) and its new one (the arrow's end). */
  moved?: { from: MatrixCell; to: MatrixCell };
  /** The current `change_note` (inline Markdown) when a judgment moved and it has one: the reason to show. */
  reason?: string;
}

export type RiskField = 'title' | 'likelihood' | 'impact' | 'confidence' | 'detail' | 'indicators';
export type ActorField = 'kind' | 'stance' | 'role' | 'relations';
export type RecommendationField = 'action' | 'owner' | 'priority' | 'timeframe' | 'rationale';
/** `recommendations` compares the recommendations a decision names, as matched across the versions, not their numbers. */
export type DecisionField = 'decision' | 'by' | 'deadline' | 'recommendations';
export type TimelineField = 'date' | 'event' | 'place';
/** A bottom-line point or a situation point: its text is all it has. */
export type PointField = 'text';

/** What the "Changes since …" heading says, and what it is made of (all from the previous file). */
export interface Since {
  /** `Changes since version 1.0 (30 June 2015, 16:00 UTC)`. */
  heading: string;
  /**
   * The part after "since": `version 1.0 (30 June 2015, 16:00 UTC)` from `version` and `as_of`;
   * `version 1.0 (2015-06-30)` with `date` when there is no `as_of`; the moment alone without a
   * version; `the previous version` when the file has none of them. A version that starts with a
   * digit is preceded by "version"; any other (`Draft 3`) is shown as written.
   */
  label: string;
  version?: string;
  /** `as_of` as written. */
  asOf?: string;
  date?: string;
}

/** A judgment that moved without its reason: a warning, an error under `--strict` (the caller decides). */
export interface ChangeWarning extends Problem {
  /**
   * `no-change-note`: likelihood, impact or confidence moved and the risk has no `change_note`.
   * `same-change-note`: they moved, but the `change_note` is the one the previous version had.
   * `renumbered`: a decision names a recommendation by a number that meant another one before.
   */
  code: 'no-change-note' | 'same-change-note' | 'renumbered';
  /** The risk's (or the decision's) index in the current briefing. */
  index: number;
}

export interface Changes {
  /** The two files compared, as named for messages: the previous (`HEAD~1:briefing.yaml`) and the current. */
  files: { previous: string; current: string };
  since: Since;
  /**
   * Whether anything a reader sees changed: an item of a list, the situation, or another key listed
   * in `otherKeys`. The version's own identity (`version`, `as_of`, `date`), speaker notes and deck
   * settings do not count.
   */
  changed: boolean;
  bluf: ListChanges<PointField>;
  decisions: ListChanges<DecisionField>;
  situation: { summaryChanged: boolean; points: ListChanges<PointField> };
  timeline: ListChanges<TimelineField>;
  actors: ListChanges<ActorField>;
  risks: ListChanges<RiskField, RiskExtra>;
  recommendations: ListChanges<RecommendationField>;
  /** Other top-level keys whose value changed, in the format's order: `title`, `classification`, `sources`… */
  otherKeys: string[];
  /** Judgments that moved without a reason, in file order. */
  warnings: ChangeWarning[];
}
