/**
 * Stage 3a: the view model. Everything the templates show is computed here
 * from the validated `Briefing`: Markdown turned into safe HTML, citation
 * numbers, the risk matrix and actor map, continuation splits. Templates
 * only place it. Pure: no file, clock or browser.
 *
 * This module holds the view model's shape and puts the deck together in
 * briefing order; each kind of slide is made in `slides/` (one module per
 * group), split over slides by `paginate.ts` with the numbers of
 * `layout.ts`, which the page gets too (`layoutStyle`).
 */
import type { Aspect, Briefing, NoteGroup } from './briefing.js';
import { LAYOUT, type LayoutTable, layoutFor, layoutStyle } from './layout.js';
import { createMarkdown, plainText } from './markdown.js';
import { pageOf } from './paginate.js';
import { layOutGroup, SlideBuilder, type SlideContext } from './slides/_group.js';
import { actorMapSlide, actorSlides } from './slides/actors.js';
import { blufSlides } from './slides/bluf.js';
import { recommendationSlides } from './slides/recommendations.js';
import { riskSlides } from './slides/risks.js';
import { situationSlides } from './slides/situation.js';
import { sourceSlides } from './slides/sources.js';
import { timelineSlides } from './slides/timeline.js';
import { titleSlide } from './slides/title.js';

/** The slide partials, one per kind of slide. */
export const SLIDE_KINDS = [
  'title',
  'bluf',
  'situation',
  'timeline',
  'actor-map',
  'actors',
  'risk-matrix',
  'risks',
  'recommendations',
  'sources',
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
  author?: string;
  organization?: string;
  /** "Summary of: <title> — <publisher>, <date>", as HTML with an optional link. */
  sourceHtml?: string;
}

export interface BlufSlide extends SlideBase {
  kind: 'bluf';
  items: { number: number; html: string }[];
}

export interface SituationSlide extends SlideBase {
  kind: 'situation';
  summaryHtml: string;
  points: { html: string }[];
  /** The key facts began on an earlier slide. */
  pointsContinued: boolean;
  /** Summary and points side by side (wide slides with both). */
  twoColumns: boolean;
}

export interface TimelineSlide extends SlideBase {
  kind: 'timeline';
  events: { date: string; eventHtml: string; place?: string; yamlPath: string }[];
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
}

export interface ActorCard {
  name: string;
  kind?: string;
  stance: string;
  stanceLabel: string;
  roleHtml: string;
  relations: { type: string; with: string }[];
  /** The actor's speaker notes, sanitised HTML; empty when none (the handout shows them beside it). */
  notesHtml: string;
  yamlPath: string;
}

export interface ActorsSlide extends SlideBase {
  kind: 'actors';
  actors: ActorCard[];
  /** The same cards as set on the slide: side-by-side columns, each read top to bottom. */
  columns: ActorCard[][];
}

export interface RiskMatrixSlide extends SlideBase {
  kind: 'risk-matrix';
  svgHtml: string;
  description: string;
  key: { number: number; title: string; likelihood: string; impact: string; severity: number }[];
}

export interface RiskCard {
  number: number;
  title: string;
  likelihood: string;
  /** "55–80%" */
  likelihoodRange: string;
  impact: string;
  confidence?: string;
  severity: number;
  detailHtml: string;
  indicators: { html: string }[];
  /** The risk's speaker notes, sanitised HTML; empty when none. */
  notesHtml: string;
  yamlPath: string;
  /** Spans the slide's width (its slide sets the cards in one column). */
  wide: boolean;
}

export interface RisksSlide extends SlideBase {
  kind: 'risks';
  risks: RiskCard[];
  /** The same cards as set on the slide: side-by-side columns, each read top to bottom. */
  columns: RiskCard[][];
}

export interface RecommendationRow {
  number: number;
  actionHtml: string;
  owner?: string;
  priority?: string;
  timeframe?: string;
  rationaleHtml: string;
  /** The recommendation's speaker notes, sanitised HTML; empty when none. */
  notesHtml: string;
  yamlPath: string;
}

export interface RecommendationsSlide extends SlideBase {
  kind: 'recommendations';
  recommendations: RecommendationRow[];
}

export interface SourcesSlide extends SlideBase {
  kind: 'sources';
  sources: { number: number; id: string; title: string; details: string; url?: string; yamlPath: string }[];
}

export type SlideModel =
  | TitleSlide
  | BlufSlide
  | SituationSlide
  | TimelineSlide
  | ActorMapSlide
  | ActorsSlide
  | RiskMatrixSlide
  | RisksSlide
  | RecommendationsSlide
  | SourcesSlide;

export interface DeckModel {
  title: string;
  /** Plain-text subject for PDF metadata. */
  subject: string;
  author?: string;
  organization?: string;
  classification?: string;
  /** A class for the banner colour: `unclassified`, `secret`, `tlp-amber`, … or `other`. */
  classificationLevel?: string;
  aspect: Aspect;
  width: number;
  height: number;
  /** The built-in theme name, or undefined when the user gave a CSS file. */
  theme: string | undefined;
  accent?: string;
  logo?: { dataUri: string; alt: string };
  slides: SlideModel[];
  /** The layout numbers as `--bd-*` custom properties, for the page's `<body style>` (see layout.ts). */
  layoutStyle: string;
  /** Each group's speaker notes (`notes.actors`), sanitised HTML; slides show them on the group's first slide. */
  groupNotesHtml: Partial<Record<NoteGroup, string>>;
}

/**
 * The view model of `briefing`. `table` is the table of layout numbers; the
 * capacity model splits by it and the page is styled by it.
 */
export function buildDeckModel(briefing: Briefing, table: LayoutTable = LAYOUT): DeckModel {
  const citationNumbers = new Map(briefing.sources.map((source, index) => [source.id, index + 1]));
  const md = createMarkdown((id) => citationNumbers.get(id));
  const aspect: Aspect = briefing.deck.aspect;
  const layout = layoutFor(aspect, table);
  const page = pageOf(aspect, layout, briefing.classification !== undefined);
  const groupNotesHtml: Partial<Record<NoteGroup, string>> = Object.fromEntries(
    Object.entries(briefing.notes).map(([group, text]) => [group, md.block(text as string)]),
  );
  const deck = new SlideBuilder(groupNotesHtml);
  const context: SlideContext = { md, layout, page };
  const group = (slides: (builder: SlideBuilder, context: SlideContext) => void) =>
    deck.append(layOutGroup(groupNotesHtml, context, slides));

  titleSlide(deck, briefing);
  if (briefing.bluf.length > 0) group((b, c) => blufSlides(b, briefing.bluf, c));
  group((b, c) => situationSlides(b, briefing.situation, c));
  if (briefing.timeline.length > 0) group((b, c) => timelineSlides(b, briefing.timeline, c));
  const mapped = actorMapSlide(deck, briefing.actors, context);
  // The group's notes go on its first slide: the map when there is one.
  group((b, c) => actorSlides(b, briefing.actors, c, mapped ? null : 'actors'));
  group((b, c) => riskSlides(b, briefing.risks, c));
  group((b, c) => recommendationSlides(b, briefing.recommendations, c));
  if (briefing.sources.length > 0) group((b, c) => sourceSlides(b, briefing.sources, c));

  const { width, height } = layout.slide;
  const theme = 'builtIn' in briefing.deck.theme ? briefing.deck.theme.builtIn : undefined;
  const logo = briefing.deck.logo;
  return {
    title: briefing.title,
    subject:
      briefing.subtitle ??
      (briefing.bluf[0] ? plainText(briefing.bluf[0]) : plainText(briefing.situation.summary)),
    author: briefing.author,
    organization: briefing.organization,
    classification: briefing.classification,
    classificationLevel: briefing.classification ? classificationLevel(briefing.classification) : undefined,
    aspect,
    width,
    height,
    theme,
    accent: briefing.deck.accent,
    logo: logo && {
      dataUri: `data:${logo.mediaType};base64,${Buffer.from(logo.bytes).toString('base64')}`,
      alt: briefing.organization ? `${briefing.organization} logo` : 'Logo',
    },
    slides: deck.finish(),
    layoutStyle: layoutStyle(layout),
    groupNotesHtml,
  };
}

/** The conventional banner colour for common markings; anything else is `other` (the theme's colours). */
export function classificationLevel(marking: string): string {
  const text = marking.toUpperCase();
  if (/\bTLP\s*:\s*RED\b/.test(text)) return 'tlp-red';
  if (/\bTLP\s*:\s*AMBER/.test(text)) return 'tlp-amber';
  if (/\bTLP\s*:\s*GREEN\b/.test(text)) return 'tlp-green';
  if (/\bTLP\s*:\s*(CLEAR|WHITE)\b/.test(text)) return 'tlp-clear';
  if (/\bTOP SECRET\b/.test(text)) return 'top-secret';
  if (/\bSECRET\b/.test(text)) return 'secret';
  if (/\bCONFIDENTIAL\b/.test(text)) return 'confidential';
  if (/\bCUI\b/.test(text)) return 'cui';
  if (/^UNCLASSIFIED\b/.test(text)) return 'unclassified';
  return 'other';
}
