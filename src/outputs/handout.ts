/**
 * The handout: a document-style brief for readers who never hear the talk.
 * It reads the content model whole (same Markdown, citation numbers and
 * notes as the deck), its citations linked to the source entries, and takes
 * the risk matrix and the actor map as the slides drew them, so deck and
 * handout never disagree. Pure: `buildHandoutModel` and `renderHandout`
 * touch no file.
 */
import type Handlebars from 'handlebars';
import type {
  ActorItem,
  Content,
  RecommendationItem,
  RiskItem,
  SourceItem,
  TimelineItem,
} from '../content/index.js';
import type { DeckModel, RiskMatrixSlide, SlideModel } from '../slides/index.js';
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
  timeline?: { events: TimelineItem[]; notesHtml?: string };
  actorMap?: { svgHtml: string; description: string; omitted: string[] };
  actors: ActorItem[];
  actorsNotesHtml?: string;
  riskMatrix?: { svgHtml: string; description: string; key: RiskMatrixSlide['key'] };
  risks: RiskItem[];
  risksNotesHtml?: string;
  recommendations: RecommendationItem[];
  recommendationsNotesHtml?: string;
  sources: SourceItem[];
  sourcesNotesHtml?: string;
}

/**
 * The handout of `content`, whose citations should link to the source entries (`#source-2`).
 * `deck` is the deck's slide model, for the visuals as drawn there and for its logo and accent.
 */
export function buildHandoutModel(content: Content, deck: DeckModel): HandoutModel {
  const slide = <K extends SlideModel['kind']>(kind: K) =>
    deck.slides.find((s): s is Extract<SlideModel, { kind: K }> => s.kind === kind);
  const notes = content.notesHtml;
  const actorMap = slide('actor-map');
  const matrix = slide('risk-matrix');
  return {
    title: content.title,
    subtitle: content.subtitle,
    date: content.date,
    author: content.author,
    organization: content.organization,
    classification: content.classification,
    classificationLevel: content.classificationLevel,
    sourceHtml: content.sourceHtml,
    logo: deck.logo,
    accent: deck.accent,
    openingNotesHtml: notes.title,
    bluf: content.bluf,
    blufNotesHtml: notes.bluf,
    situation: { ...content.situation, notesHtml: notes.situation },
    timeline: content.timeline.length ? { events: content.timeline, notesHtml: notes.timeline } : undefined,
    actorMap: actorMap && {
      svgHtml: actorMap.svgHtml,
      description: actorMap.description,
      omitted: actorMap.omitted,
    },
    actors: content.actors,
    actorsNotesHtml: notes.actors,
    riskMatrix: matrix && {
      svgHtml: matrix.svgHtml,
      description: matrix.description,
      key: content.risks.map(({ number, title, likelihood, impact, severity }) => ({
        number,
        title,
        likelihood,
        impact,
        severity,
      })),
    },
    risks: content.risks,
    risksNotesHtml: notes.risks,
    recommendations: content.recommendations,
    recommendationsNotesHtml: notes.recommendations,
    sources: content.sources,
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
