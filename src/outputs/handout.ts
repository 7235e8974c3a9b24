/**
 * The handout: a document-style brief for readers who never hear the talk,
 * made from the deck's own view model (same Markdown, citation numbers,
 * risk matrix and actor map), so deck and handout never disagree. Slides
 * are terse by design; the handout gathers every item in full, the
 * continuation slides joined again, with the briefer's notes folded in where
 * they belong. Pure: `buildHandoutModel` and `renderHandout` touch no file.
 */
import type Handlebars from 'handlebars';
import type {
  ActorCard,
  DeckModel,
  RecommendationRow,
  RiskCard,
  RiskMatrixSlide,
  SlideModel,
  SourcesSlide,
  TimelineSlide,
} from '../slides/index.js';
import { ASSETS_DIR } from './assets.js';
import { builtInTemplate } from './deck.js';

export const PAPERS = ['a4', 'letter'] as const;
export type Paper = (typeof PAPERS)[number];

export interface HandoutModel {
  title: string;
  subtitle?: string;
  date?: string;
  author?: string;
  organization?: string;
  classification?: string;
  classificationLevel?: string;
  sourceHtml?: string;
  logo?: DeckModel['logo'];
  accent?: string;
  /** Notes on the title slide: the briefer's opening. */
  openingNotesHtml?: string;
  bluf: { number: number; html: string }[];
  blufNotesHtml?: string;
  situation: { summaryHtml: string; points: { html: string }[]; notesHtml?: string };
  timeline?: { events: TimelineSlide['events']; notesHtml?: string };
  actorMap?: { svgHtml: string; description: string; omitted: string[] };
  actors: ActorCard[];
  actorsNotesHtml?: string;
  riskMatrix?: { svgHtml: string; description: string; key: RiskMatrixSlide['key'] };
  risks: RiskCard[];
  risksNotesHtml?: string;
  recommendations: RecommendationRow[];
  recommendationsNotesHtml?: string;
  sources: SourcesSlide['sources'];
  sourcesNotesHtml?: string;
}

/**
 * Gathers the slides back into whole sections. The model it reads is built for the handout: its
 * citations link to the sources' own entries (`#source-2`), not to the sources slide.
 */
export function buildHandoutModel(deck: DeckModel): HandoutModel {
  const of = <K extends SlideModel['kind']>(kind: K) =>
    deck.slides.filter((slide): slide is Extract<SlideModel, { kind: K }> => slide.kind === kind);
  const notes = deck.groupNotesHtml;
  const title = of('title')[0];
  const situation = of('situation');
  const timeline = of('timeline');
  const actorMap = of('actor-map')[0];
  const matrix = of('risk-matrix');
  return {
    title: deck.title,
    subtitle: title?.subtitle,
    date: title?.date,
    author: deck.author,
    organization: deck.organization,
    classification: deck.classification,
    classificationLevel: deck.classificationLevel,
    sourceHtml: title?.sourceHtml,
    logo: deck.logo,
    accent: deck.accent,
    openingNotesHtml: notes.title,
    bluf: of('bluf').flatMap((slide) => slide.items),
    blufNotesHtml: notes.bluf,
    situation: {
      // The summary is split over continuation slides by paragraph; joined again here.
      summaryHtml: situation.map((slide) => slide.summaryHtml).join('\n'),
      points: situation.flatMap((slide) => slide.points),
      notesHtml: notes.situation,
    },
    timeline: timeline.length
      ? { events: timeline.flatMap((slide) => slide.events), notesHtml: notes.timeline }
      : undefined,
    actorMap: actorMap && {
      svgHtml: actorMap.svgHtml,
      description: actorMap.description,
      omitted: actorMap.omitted,
    },
    actors: of('actors').flatMap((slide) => slide.actors),
    actorsNotesHtml: notes.actors,
    riskMatrix: matrix[0] && {
      svgHtml: matrix[0].svgHtml,
      description: matrix[0].description,
      key: matrix.flatMap((slide) => slide.key),
    },
    risks: of('risks').flatMap((slide) => slide.risks),
    risksNotesHtml: notes.risks,
    recommendations: of('recommendations').flatMap((slide) => slide.recommendations),
    recommendationsNotesHtml: notes.recommendations,
    sources: of('sources').flatMap((slide) => slide.sources),
    sourcesNotesHtml: notes.sources,
  };
}

/** The handout's sections, in order, by element id: its contents list and its bookmarks. */
export function handoutSections(model: HandoutModel): { id: string; title: string }[] {
  return [
    model.bluf.length ? { id: 'bluf', title: 'Bottom line up front' } : undefined,
    { id: 'situation', title: 'Situation' },
    model.timeline ? { id: 'timeline', title: 'Timeline' } : undefined,
    { id: 'actors', title: 'Actors' },
    { id: 'risks', title: 'Risk assessment' },
    { id: 'recommendations', title: 'Recommendations' },
    model.sources.length ? { id: 'sources', title: 'Sources' } : undefined,
  ].filter((section) => section !== undefined);
}

export interface HandoutPage extends HandoutModel {
  /** The contents list: a link to each section (Chromium marks their places in the PDF). */
  contents: { id: string; title: string }[];
  paper: Paper;
  /** `A4` or `letter`, for `@page { size }`. */
  pageSize: string;
  assets: string;
  csp: string;
  /** Texts for the page margins (running header and footer), as CSS strings, quoted and escaped. */
  margin: {
    classification: string;
    /** The marking's conventional colour, dark enough to read on white paper. */
    classificationColor: string;
    title: string;
    date: string;
    organization: string;
  };
  generator: string;
}

export function buildHandoutPage(
  model: HandoutModel,
  options: { paper: Paper; version: string },
): HandoutPage {
  return {
    ...model,
    contents: handoutSections(model),
    paper: options.paper,
    pageSize: options.paper === 'letter' ? 'letter' : 'A4',
    assets: ASSETS_DIR,
    // Nothing runs in the handout: no script at all; fonts, styles and images from its folder only.
    csp: [
      "default-src 'none'",
      "style-src 'self' 'unsafe-inline'",
      "font-src 'self'",
      "img-src 'self' data:",
      "base-uri 'none'",
      "form-action 'none'",
    ].join('; '),
    margin: {
      classification: cssString(model.classification ?? ''),
      classificationColor: MARKING_COLOURS[model.classificationLevel ?? ''] ?? '#1b2430',
      title: cssString(model.title),
      date: cssString(model.date ?? ''),
      organization: cssString(model.organization ?? ''),
    },
    generator: `briefdeck ${options.version}`,
  };
}

/** The colours of the deck's banners, for text on paper (TLP amber and green darkened to read on white). */
const MARKING_COLOURS: Record<string, string> = {
  unclassified: '#0b6e35',
  cui: '#0b3d91',
  confidential: '#0b3d91',
  secret: '#a31b1b',
  'tlp-red': '#a31b1b',
  'top-secret': '#a84c00',
  'tlp-amber': '#8a5a00',
  'tlp-green': '#1e6b1e',
};

let compiled: Handlebars.TemplateDelegate<HandoutPage> | undefined;

export function renderHandout(page: HandoutPage): string {
  compiled ??= builtInTemplate<HandoutPage>('handout.hbs');
  return compiled(page, { allowProtoPropertiesByDefault: false });
}

/**
 * A CSS string literal that is safe anywhere in a style sheet, inside an
 * HTML <style> element too: every character but plain letters, digits,
 * spaces and a few marks is written as a hexadecimal escape.
 */
function cssString(value: string): string {
  let out = '"';
  for (const char of value.replace(/\s+/g, ' ')) {
    out += /[A-Za-z0-9 .,:;!?()_\-–—]/.test(char)
      ? char
      : `\\${(char.codePointAt(0) as number).toString(16)} `;
  }
  return `${out}"`;
}
