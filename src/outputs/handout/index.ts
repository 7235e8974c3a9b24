/**
 * The handout: a document-style brief for readers who never hear the talk,
 * to be emailed. Its first page tells the whole story at a glance (title
 * block, bottom line, risk matrix with its key, contents with page
 * numbers); the sections follow, each item in full. It reads the content
 * model whole, its citations linked to the source entries, and takes the
 * visuals as the slides drew them, so deck and handout never disagree. The
 * briefer's notes stay out unless asked for. Pure: `buildHandoutModel` and
 * `renderHandout` touch no file; `print.ts` prints it.
 */
import type Handlebars from 'handlebars';
import { bannerColours, bannerFor } from '../../content/banner.js';
import type { BlufItem, ChangesSection, Content, DecisionItem } from '../../content/index.js';
import { decisionLine } from '../../slides/decisions.js';
import type { DeckModel, RiskMatrixSlide } from '../../slides/index.js';
import { titleBlock } from '../../slides/title.js';
import type { DecisionLine } from '../../slides/types.js';
import type { PageHead } from '../_pageHead.js';
import { ASSETS_DIR } from '../assets.js';
import { builtInTemplate } from '../deck.js';
import { ownerInColumn, type RecommendationColumns, recommendationColumns } from './_columns.js';
import { END_ID, type Plan } from './_plan.js';
import { footerBoxes, type MarkingBoxes, markingBoxes, runningText } from './_runningHead.js';
import {
  type BodySection,
  beforeMapId,
  bodySections,
  mapUnit,
  type PrintedSection,
  printedSections,
  withMapHeight,
} from './_sections.js';
import { printMatrix } from './_visuals.js';

export { END_ID, type Placed, type Plan, placedDestinations, planFrom } from './_plan.js';
export { type BodySection, beforeMapId, mapUnit } from './_sections.js';

export const PAPERS = ['a4', 'letter'] as const;

/** More risks than this, and the first page sets the key under the matrix, compactly. */
const MANY_RISKS = 8;
export type Paper = (typeof PAPERS)[number];

export interface HandoutModel extends PageHead {
  sourceHtml?: string;
  /** `as_of` as a reader sees it. */
  asOf?: string;
  version?: string;
  /** "Name, role · email · phone" */
  contact?: string;
  handling?: string;
  /** Decisions required, each with its line of who, by when and on which recommendations. */
  decisions: (DecisionItem & DecisionLine)[];
  decisionsNotesHtml?: string;
  /** The briefer's notes are printed (`--with-notes`): the first page says so. */
  withNotes: boolean;
  /** Notes on the title slide: the briefer's opening. */
  openingNotesHtml?: string;
  bluf: BlufItem[];
  blufNotesHtml?: string;
  /** The matrix and its key; with `many` risks, the key under the matrix in columns, without the ratings the matrix shows. */
  riskOverview?: { svgHtml: string; description: string; key: RiskMatrixSlide['key']; many: boolean };
  /** The body, after the first page, as units a page may begin before. */
  body: BodySection[];
  /** The recommendations table's widths of the action and the owner, by their content. */
  recommendationColumns?: RecommendationColumns;
  /** Marked against a previous version (`--since`), and what changed since (a box on the first page). */
  marked?: true;
  changes?: ChangesSection;
}

/**
 * The handout of `content`, whose citations should link to the source entries (`#source-2`).
 * `deck` is the deck's slide model, for the visuals as drawn there and for its logo and accent.
 */
export function buildHandoutModel(
  content: Content,
  deck: DeckModel,
  { withNotes = false }: { withNotes?: boolean } = {},
): HandoutModel {
  const notes = (html: string | undefined) => (withNotes ? html : undefined);
  const matrix = deck.slides.find((slide) => slide.kind === 'risk-matrix');
  const strip = <T extends { notesHtml: string }>(item: T): T =>
    withNotes ? item : { ...item, notesHtml: '' };
  const columns = recommendationColumns(content.recommendations.flatMap((item) => item.owner ?? []));
  const stripped: Content = {
    ...content,
    actors: content.actors.map(strip),
    risks: content.risks.map(strip),
    recommendations: content.recommendations.map((item) => ({
      ...strip(item),
      ...(item.owner ? { owner: ownerInColumn(item.owner, columns) } : {}),
    })),
  };
  return {
    ...titleBlock(content),
    language: content.language,
    dir: content.dir,
    classification: content.classification,
    classificationLevel: content.classificationLevel,
    banner: content.banner,
    logo: deck.logo,
    accent: deck.accent,
    decisions: content.decisions.map((item) => ({ ...item, ...decisionLine(item, content.dir) })),
    withNotes,
    openingNotesHtml: notes(content.notesHtml.title),
    bluf: content.bluf,
    blufNotesHtml: notes(content.notesHtml.bluf),
    decisionsNotesHtml: notes(content.notesHtml.decisions),
    riskOverview:
      (matrix?.kind === 'risk-matrix' && {
        svgHtml: printMatrix(content.risks),
        description: matrix.description,
        key: matrix.plotted,
        many: content.risks.length > MANY_RISKS,
      }) ||
      undefined,
    body: bodySections(stripped, deck, withNotes),
    recommendationColumns: columns,
    ...(content.marked ? { marked: true as const } : {}),
    ...(content.changes ? { changes: content.changes } : {}),
  };
}

/** The handout's sections, in order, by element id: its contents list and its bookmarks. */
export function handoutSections(
  model: HandoutModel,
  changesAfterMatrix = false,
): { id: string; title: string }[] {
  const changes = model.changes ? [{ id: 'changes', title: model.changes.heading }] : [];
  return [
    ...(model.bluf.length ? [{ id: 'bluf', title: 'Bottom line up front' }] : []),
    ...(model.decisions.length ? [{ id: 'decisions', title: 'Decisions required' }] : []),
    ...(changesAfterMatrix ? [] : changes),
    ...(model.riskOverview ? [{ id: 'risk-overview', title: 'Risk assessment' }] : []),
    ...(changesAfterMatrix ? changes : []),
    ...model.body.map(({ id, title }) => ({ id, title })),
  ];
}

export interface HandoutPage extends HandoutModel {
  /** The contents list: a link to each section, with its page once known. */
  contents: { id: string; title: string; page?: number }[];
  /** The body as printed: each section cut into parts where a page begins. */
  sections: PrintedSection[];
  /** The body begins on a new page, after the first page's overview. */
  bodyNewPage: boolean;
  /** Slightly tighter spacing, to save a nearly empty last page. */
  tight: boolean;
  /** The first page set more compactly. */
  compact: boolean;
  /** The matrix's key without the ratings the matrix shows, set closer (see `HandoutLayout`). */
  briefKey: boolean;
  /** What changed since the previous version comes after the matrix (a long list that would push it off the first page). */
  changesAfterMatrix: boolean;
  /** A measuring print: every unit linked (so its place is in the PDF), and room kept for a heading on every page. */
  probes?: string[];
  endId: string;
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
    classificationBackground: string;
    title: string;
    date: string;
    organization: string;
    /**
     * The header's and the footer's boxes when they are not handout.css's: the marking's box (and its
     * size) widened for a long marking, in both; the footer's sides widened for a long organisation.
     */
    header?: BoxesCss;
    footer?: BoxesCss;
  };
  generator: string;
}

/** How a print of the handout is set: measured (no plan yet) or final (with the plan of a measuring print). */
export interface HandoutLayout {
  plan?: Plan;
  bodyNewPage: boolean;
  tight: boolean;
  /** The first page set more compactly, so that it holds the decisions and the matrix. */
  compact: boolean;
  /**
   * The matrix's key without each risk's ratings (the matrix shows them by its cells; the body gives
   * them in full), in 8 pt lines set closer: beside the matrix, the key is what is too tall for the room
   * the first page leaves when it has many risks with long titles.
   */
  briefKey?: boolean;
  /** What changed since the previous version after the matrix, not before it: see `HandoutPage`. */
  changesAfterMatrix?: boolean;
  /** The locator map drawn this many CSS px high at the text width (not smaller: its type stays), to fit a page. */
  mapHeight?: number;
}

export function buildHandoutPage(
  model: HandoutModel,
  options: { paper: Paper; version: string; layout: HandoutLayout },
): HandoutPage {
  const { plan, bodyNewPage, tight, compact } = options.layout;
  const changesAfterMatrix = options.layout.changesAfterMatrix === true;
  const body = withMapHeight(model.body, options.layout.mapHeight, !plan);
  const map = mapUnit(body);
  const units = body.flatMap((section) => [section.id, ...section.units.map((unit) => unit.id)]);
  // A long marking widens its box in the header and the footer; else a long organisation may widen its own.
  const header = markingBoxes(model.classification);
  const footer = header ?? footerBoxes(model.organization, model.classification);
  return {
    ...model,
    contents: handoutSections(model, changesAfterMatrix).map((section) => ({
      ...section,
      page: plan?.pages.get(section.id),
    })),
    body,
    sections: printedSections(body, plan?.pageStarts ?? new Set()),
    bodyNewPage,
    tight,
    compact,
    briefKey: options.layout.briefKey === true,
    changesAfterMatrix,
    probes: plan
      ? undefined
      : [
          ...(model.changes ? ['changes'] : []),
          'handout-body',
          ...units,
          ...(map ? [beforeMapId(map.id)] : []),
          END_ID,
        ],

    endId: END_ID,
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
      classification: cssString(inOwnDirection(model.classification ?? '', model.dir)),
      ...markingColours(model),
      title: cssString(inOwnDirection(runningText(model.title, 'title', header), model.dir)),
      date: cssString(runningDate(model, header)),
      organization: cssString(
        inOwnDirection(runningText(model.organization ?? '', 'organization', footer), model.dir),
      ),
      header: header && boxesCss(header),
      footer: footer && boxesCss(footer),
    },
    generator: `briefdeck ${options.version}`,
  };
}

/** The widths of the marking's box and of each box beside it, and the marking's size, in CSS. */
interface BoxesCss {
  centre: string;
  side: string;
  markingSize: string | undefined;
}

function boxesCss({ centre, side, markingSize }: MarkingBoxes): BoxesCss {
  const percent = (share: number) => `${(share * 100).toFixed(2)}%`;
  return {
    centre: percent(centre),
    side: percent(side),
    markingSize: markingSize === undefined ? undefined : `${markingSize.toFixed(2)}px`,
  };
}

/**
 * A page margin's text in a right-to-left handout, set in the direction of its first letter (a
 * first-strong isolate; a CSS string can hold no markup), as the slides' banners and plain fields are:
 * "(U) SECRET" keeps its brackets where they were written.
 */
function inOwnDirection(text: string, dir: HandoutModel['dir']): string {
  return dir === 'rtl' && text !== '' ? `\u2068${text}\u2069` : text;
}

/**
 * The header's date: "As of …", else the date. In a right-to-left handout the English label is set
 * left to right and the date in its own direction after it, with Unicode's isolates (a page margin's
 * CSS string can hold no markup).
 */
function runningDate(model: Pick<HandoutModel, 'dir' | 'asOf' | 'date'>, boxes?: MarkingBoxes): string {
  if (!model.asOf) return runningText(model.date ?? '', 'date', boxes);
  const label = 'As of ';
  const shown = runningText(`${label}${model.asOf}`, 'date', boxes);
  if (model.dir !== 'rtl' || !shown.startsWith(label)) return shown;
  return `\u2066${label}\u2068${shown.slice(label.length)}\u2069\u2069`;
}

/** The marking's label in the page margins: the banner's colours (the light theme's band for any other marking). */
function markingColours(model: Pick<HandoutModel, 'banner' | 'classification'>): {
  classificationColor: string;
  classificationBackground: string;
} {
  if (!model.classification)
    return { classificationColor: 'inherit', classificationBackground: 'transparent' };
  const banner = model.banner ?? bannerFor(model.classification);
  const { background, text } = bannerColours(banner, 'light');
  return { classificationColor: text, classificationBackground: background };
}

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
