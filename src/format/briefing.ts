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
  'decisions',
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
  /**
   * `change_note`, inline Markdown: why the likelihood, impact or confidence moved since the
   * previous version. Named as in the file, like every key of a risk.
   */
  change_note?: string;
  /** Markdown. */
  detail?: string;
  indicators: string[];
  /** Markdown. */
  notes?: string;
  /** A slug to match the risk across versions of the briefing. */
  id?: string;
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
  /** A slug to match the recommendation across versions of the briefing. */
  id?: string;
}

export interface Source {
  id: string;
  title: string;
  publisher?: string;
  author?: string;
  date?: string;
  url?: string;
}

/** A moment written in ISO 8601 with its zone: `2015-06-30T18:00+02:00`. */
export interface Instant {
  /** As written (trimmed); it begins with the calendar day in its own zone. */
  text: string;
  /** Milliseconds since 1970-01-01T00:00Z. */
  epochMs: number;
  /** The zone as written, in minutes east of UTC: `+02:00` is 120, `Z` is 0. */
  offsetMinutes: number;
}

/** Who to ask about the briefing. At least one of `name` and `email` is given. */
export interface Contact {
  name?: string;
  role?: string;
  /** Checked lightly: `name@example.org`. */
  email?: string;
  phone?: string;
}

/** The TLP 2.0 labels whose sharing rule stands in for a missing `handling` line. */
export const TLP_LABELS = ['TLP:CLEAR', 'TLP:GREEN', 'TLP:AMBER', 'TLP:AMBER+STRICT', 'TLP:RED'] as const;
export type TlpLabel = (typeof TLP_LABELS)[number];

/** The distribution or caveat line. */
export interface Handling {
  /** The line to show (plain text). */
  text: string;
  /** `handling` as written, or the TLP 2.0 sharing rule of the `classification`, which is a TLP label. */
  from: 'handling' | 'tlp';
}

/** A decision's deadline, always kept as written. */
export type Deadline =
  /** A date and time with its zone: `2015-06-30T16:00Z`. */
  | { kind: 'time'; text: string; at: Instant }
  /** A date alone, `2015-06-30`: the whole of that day, in the zone of `as_of`. */
  | { kind: 'date'; text: string; date: string }
  /** Anything else, as written: `Before the vote`. */
  | { kind: 'text'; text: string };

/** A decision the audience is asked to take. */
export interface Decision {
  /** A slug to match the decision across versions of the briefing. */
  id?: string;
  /** Inline Markdown. */
  decision: string;
  /** Who decides. */
  by?: string;
  deadline?: Deadline;
  /** The recommendations it decides on, by their numbers as shown (counting from 1); each exists. */
  recommendations: number[];
}

/** A file the briefing refers to (theme CSS, logo), already checked and read. */
export interface Asset {
  /** Absolute path on disk. */
  path: string;
  /** As written in the YAML, for messages. */
  written: string;
  mediaType: 'text/css' | 'image/png' | 'image/jpeg' | 'image/webp' | 'image/svg+xml';
  bytes: Uint8Array;
}

export interface DeckSettings {
  /** A built-in theme name, or a user CSS file. */
  theme: { builtIn: string } | { css: Asset };
  aspect: Aspect;
  /** A validated CSS colour, as written. */
  accent?: string;
  /** The classification banners' own colours, `#rrggbb`, readable (4.5:1) against each other. */
  banner?: { background: string; text: string };
  logo?: Asset;
}

export interface Briefing {
  title: string;
  /** `language`: a canonical BCP 47 tag, `en` when absent. */
  language: string;
  subtitle?: string;
  date?: string;
  author?: string;
  organization?: string;
  /** `as_of`: when the briefing was true. */
  asOf?: Instant;
  /** As written; a number is kept as the text it was written as (`1.10`). */
  version?: string;
  contact?: Contact;
  classification?: string;
  /** `handling` as written; without it, the TLP 2.0 sharing rule when the classification is a TLP label. */
  handling?: Handling;
  source?: SourceReport;
  /** Inline Markdown each; empty when absent. */
  bluf: string[];
  /** Decisions required, in the order given; empty when absent. */
  decisions: Decision[];
  situation: Situation;
  timeline: TimelineEvent[];
  actors: Actor[];
  risks: Risk[];
  recommendations: Recommendation[];
  sources: Source[];
  /** Markdown speaker notes per slide group. */
  notes: Partial<Record<NoteGroup, string>>;
  deck: DeckSettings;
  /** Figures, in the order written; empty when absent. */
  figures: Figure[];
  /** Places for the locator map, in the order written; empty when absent. */
  locations: Location[];
  /** The locator map's settings; a map is drawn when there are locations. */
  map?: MapSettings;
  /** Where each YAML path (`risks[1].title`) starts in the file, for messages from later stages. */
  positions: ReadonlyMap<string, Position>;
  /** The briefing file, as given by the user (for messages). */
  file: string;
}

// ── figures and the locator map (issue 18) ────────────────────────────────

/** The slide groups a figure or the map may follow. */
export const VISUAL_GROUPS = ['bluf', 'situation', 'timeline', 'actors', 'risks', 'recommendations'] as const;
export type VisualGroup = (typeof VISUAL_GROUPS)[number];

/** An image checked and re-encoded for the outputs (format/images.ts `prepareImage`). */
export interface FigureImage {
  mediaType: 'image/png' | 'image/jpeg' | 'image/webp' | 'image/svg+xml';
  bytes: Uint8Array;
  /** The size of the file as given, in px: the image is never shown larger (an SVG's as it declares it). */
  naturalWidth: number;
  naturalHeight: number;
}

export interface Figure {
  id: string;
  /** As written, relative to the briefing. */
  file: string;
  image: FigureImage;
  /** The text equivalent. */
  alt: string;
  /** Inline Markdown. */
  caption?: string;
  credit?: string;
  /** A source id. */
  source?: string;
  after: VisualGroup;
}

export interface Location {
  name: string;
  lat: number;
  lon: number;
  kind?: string;
  note?: string;
}

export interface MapSettings {
  area?: { countries: string[] } | { bbox: [number, number, number, number] };
  title?: string;
  after: VisualGroup;
  /** Names written across an area (a mountain range), without a marker. */
  labels: { name: string; lat: number; lon: number }[];
}
