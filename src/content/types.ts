/**
 * The content model: the validated briefing as sections, its Markdown
 * rendered once (with citations linked as the output asks), ready for any
 * output. Slides paginate it; the handout and the mail read it whole.
 * Each item keeps its Markdown source where the slides measure it.
 */
import type {
  Contact,
  Handling,
  Impact,
  Likelihood,
  NoteGroup,
  RelationType,
  Stance,
  VisualGroup,
} from '../format/briefing.js';
import type { LocatorMap } from '../slides/visuals/map.js';
import type { Banner } from './banner.js';
import type { Severity } from './ratings.js';

export interface Content {
  title: string;
  subtitle?: string;
  /** `language`, a BCP 47 tag: the pages' `lang`. */
  language: string;
  /** `rtl` for a language written right to left: the pages' `dir`. */
  dir: 'ltr' | 'rtl';
  /** An ISO date in the language's long form (`30 June 2015`), else as written. */
  date?: string;
  author?: string;
  organization?: string;
  /** "Summary of": the report summarised, as HTML with an optional link. */
  sourceHtml?: string;
  /** `as_of`: as written, and as a reader sees it (`30 June 2015, 16:00 UTC`). */
  asOf?: { text: string; shown: string };
  version?: string;
  contact?: Contact;
  /** The distribution or caveat line: as written, or a TLP label's sharing rule. */
  handling?: Handling;
  /** Plain text: the subtitle, else the first point of the bottom line or the summary (PDF metadata). */
  subject: string;
  classification?: string;
  /** A class for the marking's colour: `unclassified`, `secret`, `tlp-amber`, … or `other`. */
  classificationLevel?: string;
  /** The banners' colours (content/banner.ts): the marking's standard, the briefing's own, or the theme's. */
  banner?: Banner;
  /** Each group's speaker notes (`notes.actors`), sanitised HTML. */
  notesHtml: Partial<Record<NoteGroup, string>>;
  bluf: BlufItem[];
  decisions: DecisionItem[];
  situation: SituationContent;
  timeline: TimelineItem[];
  actors: ActorItem[];
  risks: RiskItem[];
  recommendations: RecommendationItem[];
  sources: SourceItem[];
  /** The figures and the locator map, numbered together, in the order shown. */
  visuals: VisualItem[];
  /** What changed since the previous version (`--since`), when it was given and something did. */
  changes?: ChangesSection;
  /** Compared with a previous version (`--since`): items may carry marks. */
  marked?: true;
}

/**
 * How an item stands against the previous version (`--since`): set only on an item that is new or
 * updated, so that a build without `--since` shows nothing of it.
 */
export interface ChangeMark {
  status: 'new' | 'updated';
  /** `NEW`, `UPDATED`: the mark as shown. */
  label: string;
  /** The keys that changed, as a reader reads them (`likelihood, detail`); empty for a new item. */
  fields: string[];
  /** The mark in words, for its tooltip and screen readers: `Updated since version 1.0: likelihood`. */
  title: string;
  /**
   * A risk's judgments that moved: `likely → very likely ▲`, `impact high → moderate ▼`; `html` is
   * the same as the deck and the handout set it, breakable after its arrow only (see `judgmentParts`).
   */
  judgments: { text: string; html: string; direction: 'up' | 'down' | 'added' | 'removed' }[];
  /** Why they moved (`change_note`), inline HTML and as written. */
  reasonHtml?: string;
  reason?: string;
  /** The risk's cell on the matrix before, when it moved there. */
  movedFrom?: { likelihood: Likelihood; impact: Impact };
}

/** One line of the "Changes since …" section. */
export interface ChangeLine {
  /** Inline HTML, and the same as plain text (the mail's text part) and as Markdown (what a slide measures). */
  html: string;
  text: string;
  markdown: string;
  /** A judgment's reason, or that none was given: inline HTML and plain text. */
  noteHtml?: string;
  note?: string;
}

/** The "Changes since …" section: the slide, the handout's box, the mail's lines. */
export interface ChangesSection {
  /** `Changes since version 1.0 (30 June 2015, 16:00 UTC)`. */
  heading: string;
  /** Its groups, each with at least one line: `Judgments changed`, `New actors`, `Removed recommendations`… */
  groups: { title: string; lines: ChangeLine[] }[];
}

/** Markdown as written (what the slides measure) and as sanitised HTML. */
export interface Rendered {
  /** A situation point new or updated since the previous version (`--since`). */
  change?: ChangeMark;
  markdown: string;
  html: string;
}

export interface BlufItem {
  /** New or updated since the previous version (`--since`). */
  change?: ChangeMark;
  number: number;
  /** Inline HTML. */
  html: string;
  markdown: string;
  /** Plain text, citations as `[n]` (a mail's text part). */
  text: string;
}

export interface DecisionItem {
  /** New or updated since the previous version (`--since`). */
  change?: ChangeMark;
  number: number;
  decision: string;
  /** Inline HTML. */
  decisionHtml: string;
  /** Its words as plain text, citations as `[n]` (a mail's text part). */
  decisionText: string;
  by?: string;
  /** As written. */
  deadline?: string;
  /** The deadline was already past at `as_of`. */
  passed: boolean;
  /** The recommendations it decides on, by number. */
  recommendations: number[];
  yamlPath: string;
}

export interface SituationContent {
  /** The whole summary, block HTML. */
  summaryHtml: string;
  /** The summary's paragraphs, each rendered alone (a slide may show a run of them). */
  paragraphs: Rendered[];
  /** The key facts, inline HTML. */
  points: Rendered[];
}

export interface TimelineItem {
  /** New or updated since the previous version (`--since`). */
  change?: ChangeMark;
  date: string;
  event: string;
  eventHtml: string;
  place?: string;
  /** The event's number on the locator map, when its place names a location. */
  mapNumber?: number;
  /** "date, place: event" in plain words, for the graphic's text equivalent. */
  summary: string;
  yamlPath: string;
}

export interface ActorItem {
  /** New or updated since the previous version (`--since`). */
  change?: ChangeMark;
  name: string;
  kind?: string;
  stance: Stance;
  stanceLabel: string;
  role: string;
  roleHtml: string;
  /** `words`: the relation before the other's name, `Conflict with`, `Supports` (this actor the other). */
  relations: { type: RelationType; words: string; with: string }[];
  /** The actor's speaker notes, sanitised HTML; empty when none. */
  notesHtml: string;
  yamlPath: string;
}

export interface RiskItem {
  /** New or updated since the previous version (`--since`). */
  change?: ChangeMark;
  number: number;
  title: string;
  likelihood: Likelihood;
  /** "55–80%" */
  likelihoodRange: string;
  impact: Impact;
  confidence?: string;
  /** 1 (lowest) to 5, from likelihood and impact. */
  severity: Severity;
  detail?: string;
  detailHtml: string;
  indicators: Rendered[];
  /** The risk's speaker notes, sanitised HTML; empty when none. */
  notesHtml: string;
  yamlPath: string;
}

export interface RecommendationItem {
  /** New or updated since the previous version (`--since`). */
  change?: ChangeMark;
  number: number;
  action: string;
  actionHtml: string;
  /** As written, with soft hyphens in its long words. */
  owner?: string;
  priority?: string;
  timeframe?: string;
  rationale?: string;
  rationaleHtml: string;
  /** The recommendation's speaker notes, sanitised HTML; empty when none. */
  notesHtml: string;
  yamlPath: string;
}

export interface SourceItem {
  number: number;
  id: string;
  title: string;
  /** Author, publisher and date (an ISO date in the language's long form), joined. */
  details: string;
  url?: string;
  /** The URL as link text, breaking only after `/ . _ ? & = -` (HTML). */
  urlHtml?: string;
  /** The URL's host and the start of its path, with an ellipsis when long, as `urlHtml`: for slides. */
  shortUrlHtml?: string;
  yamlPath: string;
}

/** What a figure and the map share: "Figure N", where each is shown, what it follows. */
interface VisualBase {
  /** "Figure N", counting the figures and the map together. */
  number: number;
  /** Its slide's id in the deck (`figure-2`), and its anchor in the handout. */
  slideId: string;
  anchor: string;
  after: VisualGroup;
  yamlPath: string;
}

export interface FigureItem extends VisualBase {
  kind: 'figure';
  id: string;
  alt: string;
  /** The image, checked and re-encoded. */
  dataUri: string;
  /** Never shown larger than this, in CSS px (a vector image may be). */
  naturalWidth: number;
  naturalHeight: number;
  vector: boolean;
  /** Inline HTML, and as plain text; empty when none. */
  captionHtml: string;
  caption: string;
  credit?: string;
  /** The citation of its source (`[3]`), HTML; empty when none. */
  citationHtml: string;
}

export interface MapItem extends VisualBase {
  kind: 'map';
  title: string;
  titleHtml: string;
  /** Some timeline events are numbered on it. */
  numbered: boolean;
  /** The map drawn at a size (each size drawn once); `idPrefix` keeps two maps on a page apart. */
  draw(width: number, height: number, idPrefix?: string): LocatorMap;
}

export type VisualItem = FigureItem | MapItem;
