/**
 * The slide model: what every output that shows slides (the deck, the PDF,
 * and later the PowerPoint deck) is made from. Built by ./index.ts; each
 * slide kind's builder is a module beside it.
 */
import type { Banner } from '../content/banner.js';
import type {
  ActorItem,
  ChangeMark,
  DecisionItem,
  RecommendationItem,
  RiskItem,
  SourceItem,
} from '../content/index.js';
import type { Aspect } from '../format/briefing.js';
export const SLIDE_KINDS = [
  'title',
  'bluf',
  'decisions',
  'changes',
  'situation',
  'timeline',
  'actor-map',
  'actors',
  'risk-matrix',
  'risk-register',
  'risks',
  'recommendations',
  'sources',
  'combined',
  'figure',
  'map',
] as const;
export type SlideKind = (typeof SLIDE_KINDS)[number];

export interface SlideBase {
  kind: SlideKind;
  /** Unique HTML id; also the reveal.js hash (`#/actors-2`). */
  id: string;
  /** The heading shown on the slide. */
  heading: string;
  /** "2/3" on continuation slides, else empty. */
  part: string;
  /** The YAML path of what the slide shows, for overflow reports (`actors[3]`). */
  yamlPath: string;
  /** Speaker notes, sanitised HTML; empty when there are none. */
  notesHtml: string;
  /** 1-based position in the deck, and the total, for the footer. */
  number: number;
  total: number;
  /** Set a little smaller (`slide.denseZoom` of the layout) so the group needs fewer slides. */
  dense: boolean;
}

export interface TitleSlide extends SlideBase {
  kind: 'title';
  title: string;
  subtitle?: string;
  date?: string;
  /** `as_of` as a reader sees it. */
  asOf?: string;
  version?: string;
  /** "Name, role · email · phone" */
  contact?: string;
  handling?: string;
  author?: string;
  organization?: string;
  /** "Summary of: <title> — <publisher>, <date>", as HTML with an optional link. */
  sourceHtml?: string;
}

export interface BlufSlide extends SlideBase {
  kind: 'bluf';
  items: { number: number; html: string; change?: ChangeMark }[];
}

export interface DecisionsSlide extends SlideBase {
  kind: 'decisions';
  /** Each with its line of who decides, the deadline (marked when passed) and the recommendations. */
  decisions: (DecisionItem & DecisionLine)[];
}

/** The line under a decision (slides/decisions.ts): plain text, and HTML in a right-to-left briefing. */
export interface DecisionLine {
  meta: string;
  metaHtml?: string;
}

/** What changed since the previous version (`--since`), in groups: judgments changed, new and removed items. */
export interface ChangesSlide extends SlideBase {
  kind: 'changes';
  groups: {
    title: string;
    /** The group began on an earlier slide. */
    continued: boolean;
    lines: { html: string; noteHtml?: string }[];
  }[];
}

export interface SituationSlide extends SlideBase {
  kind: 'situation';
  summaryHtml: string;
  points: { html: string; change?: ChangeMark }[];
  /** The key facts began on an earlier slide. */
  pointsContinued: boolean;
  /** Summary and points side by side (wide slides with both). */
  twoColumns: boolean;
}

export interface TimelineSlide extends SlideBase {
  kind: 'timeline';
  events: {
    date: string;
    eventHtml: string;
    place?: string;
    mapNumber?: number;
    yamlPath: string;
    change?: ChangeMark;
  }[];
  /** Text equivalent of the graphic, for screen readers. */
  description: string;
}

export interface ActorMapSlide extends SlideBase {
  kind: 'actor-map';
  svgHtml: string;
  /** The map in words, for screen readers (the same text as the SVG's description). */
  description: string;
  /** Names of the actors left off the map for space. */
  omitted: string[];
  /** Under the map, what it leaves out in a sentence (empty when it draws every actor; on a continuation slide too). */
  notDrawn: string;
  /** On a continuation slide (no map): the relations the map does not draw, as tables side by side. */
  rest: ActorMapRelation[][];
}

/** A relation the actor map does not draw, as its table lists it. */
export interface ActorMapRelation {
  from: string;
  relation: string;
  to: string;
}

/** An actor as its card shows it. */
export type ActorCard = ActorItem;

export interface ActorsSlide extends SlideBase {
  kind: 'actors';
  actors: ActorCard[];
  /** The same cards as set on the slide: side-by-side columns, each read top to bottom. */
  columns: ActorCard[][];
}

/** A risk as the matrix and its key show it. */
export interface RiskKeyEntry {
  number: number;
  title: string;
  likelihood: string;
  impact: string;
  severity: number;
  change?: ChangeMark;
}

export interface RiskMatrixSlide extends SlideBase {
  kind: 'risk-matrix';
  svgHtml: string;
  description: string;
  /** Every risk the matrix plots, in order (the key on this slide may hold only the first of them). */
  plotted: RiskKeyEntry[];
  /** The key: the first risks, as many as fit beside (16:9) or under (4:3) the matrix; the risk register continues it. */
  key: RiskKeyEntry[];
  /**
   * The risk cards in the key's place, in columns, when every card fits there (a short list
   * needs no "Risks in detail" slide of its own); else empty.
   */
  cards: RiskCard[][];
}

/** The risk matrix's key continued, as a table: every risk after those the matrix slide has room for. */
export interface RiskRegisterSlide extends SlideBase {
  kind: 'risk-register';
  rows: {
    number: number;
    title: string;
    likelihood: string;
    impact: string;
    /** Empty when the briefing gives none. */
    confidence: string;
    severity: number;
    /** "severity 4 of 5", for screen readers (the chip shows it by colour). */
    severityLabel: string;
    yamlPath: string;
    change?: ChangeMark;
  }[];
}

export interface RiskCard extends RiskItem {
  /** Spans the slide's width (its slide sets the cards in one column). */
  wide: boolean;
}

export interface RisksSlide extends SlideBase {
  kind: 'risks';
  risks: RiskCard[];
  /** The same cards as set on the slide: side-by-side columns, each read top to bottom. */
  columns: RiskCard[][];
}

/** A recommendation as its table row shows it. */
export type RecommendationRow = RecommendationItem;

export interface RecommendationsSlide extends SlideBase {
  kind: 'recommendations';
  recommendations: RecommendationRow[];
  /** The action's and the owner's column shares, in percent, when long owners widened the owner's. */
  columns?: { action: number; owner: number };
}

export interface SourcesSlide extends SlideBase {
  kind: 'sources';
  sources: SourceItem[];
}

/**
 * Two short groups on one slide (the bottom line and the situation, say), each a third of a
 * slide or less: each section is the slide its group would have had, shown by its own partial
 * under its own heading.
 */
export interface CombinedSlide extends SlideBase {
  kind: 'combined';
  sections: SlideModel[];
}

/** A figure (issue 18): the image as large as the slide allows, never past its natural size; the caption under it. */
export interface FigureSlide extends SlideBase {
  kind: 'figure';
  figureNumber: number;
  src: string;
  alt: string;
  /** The size it is shown at, in CSS px. */
  width: number;
  height: number;
  captionHtml: string;
  credit?: string;
  citationHtml: string;
}

/** The locator map (issue 18), numbered with the figures. */
export interface LocatorMapSlide extends SlideBase {
  kind: 'map';
  figureNumber: number;
  /** After "Figure N.": the title, what the numbers are, the places outside the map (`mapCaption`). */
  caption: string;
  svgHtml: string;
  /** The map in words: its alt text. */
  description: string;
  /** Some timeline events are numbered on it. */
  numbered: boolean;
  /** Places outside the map, not drawn. */
  hidden: string[];
  /** Their indexes in `locations`, and those of the area labels (`map.labels`) left off for want of room: warnings. */
  outside: number[];
  unlabelled: number[];
  labelsOutside: number[];
}

export type SlideModel =
  | TitleSlide
  | BlufSlide
  | DecisionsSlide
  | ChangesSlide
  | SituationSlide
  | TimelineSlide
  | ActorMapSlide
  | ActorsSlide
  | RiskMatrixSlide
  | RiskRegisterSlide
  | RisksSlide
  | RecommendationsSlide
  | SourcesSlide
  | CombinedSlide
  | FigureSlide
  | LocatorMapSlide;

export interface DeckModel {
  title: string;
  /** The briefing's `language` and its direction: the page's `lang` and `dir`. */
  language: string;
  dir: 'ltr' | 'rtl';
  /** Plain-text subject for PDF metadata. */
  subject: string;
  author?: string;
  organization?: string;
  classification?: string;
  /** A class for the banner colour: `unclassified`, `secret`, `tlp-amber`, … or `other`. */
  classificationLevel?: string;
  /** The banners' colours (content/banner.ts): the standard's or the briefing's; the theme's when absent. */
  banner?: Banner;
  /** `as_of` as a reader sees it, for every slide's footer. */
  asOf?: string;
  aspect: Aspect;
  width: number;
  height: number;
  /** The built-in theme name, or undefined when the user gave a CSS file. */
  theme: string | undefined;
  accent?: string;
  logo?: { dataUri: string; alt: string };
  slides: SlideModel[];
  /** Marked against a previous version (`--since`): the page loads the marks' styles. */
  marked?: true;
  /** The layout numbers as `--bd-*` custom properties, for the page's `<body style>` (see layout.ts). */
  layoutStyle: string;
}
