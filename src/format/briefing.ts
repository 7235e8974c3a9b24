/**
 * The validated briefing: what `validateBriefing` returns and the only thing
 * later stages take. Field meanings are the contract in briefing-format.md.
 * Text fields marked "Markdown" are still raw Markdown here; the view model
 * turns them into sanitised HTML.
 */

export const STANCES = ['hostile', 'mixed', 'neutral', 'friendly'] as const;
export type Stance = (typeof STANCES)[number];

export const RELATION_TYPES = ['conflict', 'alliance', 'support', 'rivalry'] as const;
export type RelationType = (typeof RELATION_TYPES)[number];

/** The seven ICD 203 likelihood terms, lowest first, with their ranges in percent. */
export const LIKELIHOODS = [
  { term: 'almost no chance', min: 1, max: 5 },
  { term: 'very unlikely', min: 5, max: 20 },
  { term: 'unlikely', min: 20, max: 45 },
  { term: 'roughly even chance', min: 45, max: 55 },
  { term: 'likely', min: 55, max: 80 },
  { term: 'very likely', min: 80, max: 95 },
  { term: 'almost certain', min: 95, max: 99 },
] as const;
export type Likelihood = (typeof LIKELIHOODS)[number]['term'];

export const IMPACTS = ['very low', 'low', 'moderate', 'high', 'very high'] as const;
export type Impact = (typeof IMPACTS)[number];

export const CONFIDENCES = ['low', 'moderate', 'high'] as const;
export type Confidence = (typeof CONFIDENCES)[number];

export const PRIORITIES = ['high', 'medium', 'low'] as const;
export type Priority = (typeof PRIORITIES)[number];

export const NOTE_GROUPS = [
  'title',
  'bluf',
  'situation',
  'timeline',
  'actors',
  'risks',
  'recommendations',
  'sources',
] as const;
export type NoteGroup = (typeof NOTE_GROUPS)[number];

export const ASPECTS = ['16:9', '4:3'] as const;
export type Aspect = (typeof ASPECTS)[number];

/** A place in the briefing file, kept so later stages can point the user at it. */
export interface Position {
  line: number;
  col: number;
}

export interface SourceReport {
  title: string;
  publisher?: string;
  author?: string;
  date?: string;
  url?: string;
}

export interface Situation {
  /** Markdown. */
  summary: string;
  /** Inline Markdown each. */
  points: string[];
}

export interface TimelineEvent {
  date: string;
  /** Inline Markdown. */
  event: string;
  place?: string;
}

export interface Relation {
  with: string;
  type: RelationType;
}

export interface Actor {
  name: string;
  kind?: string;
  stance: Stance;
  /** Inline Markdown. */
  role: string;
  relations: Relation[];
  /** Markdown. */
  notes?: string;
}

export interface Risk {
  title: string;
  likelihood: Likelihood;
  impact: Impact;
  confidence?: Confidence;
  /** Markdown. */
  detail?: string;
  indicators: string[];
  /** Markdown. */
  notes?: string;
}

export interface Recommendation {
  /** Inline Markdown. */
  action: string;
  owner?: string;
  priority?: Priority;
  timeframe?: string;
  /** Markdown. */
  rationale?: string;
  /** Markdown. */
  notes?: string;
}

export interface Source {
  id: string;
  title: string;
  publisher?: string;
  author?: string;
  date?: string;
  url?: string;
}

/** A file the briefing refers to (theme CSS, logo), already checked and read. */
export interface Asset {
  /** Absolute path on disk. */
  path: string;
  /** As written in the YAML, for messages. */
  written: string;
  mediaType: 'text/css' | 'image/png' | 'image/jpeg' | 'image/svg+xml';
  bytes: Uint8Array;
}

export interface DeckSettings {
  /** A built-in theme name, or a user CSS file. */
  theme: { builtIn: string } | { css: Asset };
  aspect: Aspect;
  /** A validated CSS colour, as written. */
  accent?: string;
  logo?: Asset;
}

export interface Briefing {
  title: string;
  subtitle?: string;
  date?: string;
  author?: string;
  organization?: string;
  classification?: string;
  source?: SourceReport;
  /** Inline Markdown each; empty when absent. */
  bluf: string[];
  situation: Situation;
  timeline: TimelineEvent[];
  actors: Actor[];
  risks: Risk[];
  recommendations: Recommendation[];
  sources: Source[];
  /** Markdown speaker notes per slide group. */
  notes: Partial<Record<NoteGroup, string>>;
  deck: DeckSettings;
  /** Where each YAML path (`risks[1].title`) starts in the file, for messages from later stages. */
  positions: ReadonlyMap<string, Position>;
  /** The briefing file, as given by the user (for messages). */
  file: string;
}
