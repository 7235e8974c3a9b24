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
}

/** Markdown as written (what the slides measure) and as sanitised HTML. */
export interface Rendered {
  markdown: string;
  html: string;
}

export interface BlufItem {
  number: number;
  /** Inline HTML. */
  html: string;
  markdown: string;
  /** Plain text, citations as `[n]` (a mail's text part). */
  text: string;
}

export interface DecisionItem {
  number: number;
  decision: string;
  /** Inline HTML. */
  decisionHtml: string;
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
  name: string;
  kind?: string;
  stance: Stance;
  stanceLabel: string;
  role: string;
  roleHtml: string;
  relations: { type: RelationType; with: string }[];
  /** The actor's speaker notes, sanitised HTML; empty when none. */
  notesHtml: string;
  yamlPath: string;
}

export interface RiskItem {
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
