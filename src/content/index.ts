/**
 * Stage 2: the content model. The validated briefing becomes sections, its
 * Markdown rendered once, with citations linked as the output asks: to the
 * sources slide in the deck, to the source's own entry in the handout, as a
 * plain `[n]` in a mail. Pure: no file, clock or browser.
 */

import type { Changes } from '../changes/types.js';
import {
  type Briefing,
  type Deadline,
  LIKELIHOODS,
  type NoteGroup,
  type RelationType,
  STANCES,
  type Stance,
} from '../format/briefing.js';
import { deadlinePassed } from '../format/dateTimes.js';
import { directionOf } from '../format/language.js';
import { changeMarks, changesSection, marked } from './_changes.js';
import { bannerFor } from './banner.js';
import { formatDate, formatInstant } from './dates.js';
import {
  citationNumbering,
  createMarkdown,
  escapeHtml,
  type MarkdownRenderer,
  plainText,
} from './markdown.js';
import { classificationLevel, likelihoodRange, severityOf } from './ratings.js';
import type {
  ActorItem,
  ChangeMark,
  Content,
  DecisionItem,
  RecommendationItem,
  RiskItem,
  SituationContent,
  SourceItem,
} from './types.js';
import { createTypography, type Typography } from './typography.js';
import { FIGURE_SLIDE, type FigureHref, timelineMapNumbers, visualItems, visualOrder } from './visuals.js';

export { judgmentParts } from './_changes.js';
export { classificationLevel, type Severity, severityOf } from './ratings.js';
export type * from './types.js';
export { FIGURE_SLIDE, type FigureHref, HANDOUT_FIGURE } from './visuals.js';

/** Where a citation `[@id]` links to, given its number; `null` writes a plain `[n]`. */
export type CitationHref = ((n: number) => string) | null;

/** The deck's citations go to the sources slide. */
export const SOURCES_SLIDE: CitationHref = () => '#/sources';

const STANCE_LABELS = Object.fromEntries(
  STANCES.map((stance) => [stance, stance.charAt(0).toUpperCase() + stance.slice(1)]),
) as Record<Stance, string>;

/** `figureHref`: where `[@fig:id]` links to; by default the figure's slide, or nowhere when citations go nowhere. */
export function buildContent(
  briefing: Briefing,
  citationHref: CitationHref = SOURCES_SLIDE,
  figureHref: FigureHref = citationHref === null ? null : FIGURE_SLIDE,
  /** What changed since the previous version (`--since`): marks on the items, and the section that lists them. */
  changes?: Changes,
): Content {
  const { language } = briefing;
  const typography = createTypography(language, directionOf(language));
  const order = visualOrder(briefing);
  const figures = {
    number: (id: string) => order.get(id)?.number,
    href: figureHref && ((id: string) => figureHref(order.get(id) ?? { slideId: '', anchor: '' })),
  };
  const md = createMarkdown(citationNumbering(briefing.sources), citationHref, { figures, typography });
  const mapNumbers = timelineMapNumbers(briefing);
  const marks = changes && changeMarks(changes, md);
  const section = changes && changesSection(changes, briefing, md);
  return {
    ...(section ? { changes: section } : {}),
    ...(changes ? { marked: true as const } : {}),
    ...titleBlock(briefing, typography),
    language,
    dir: directionOf(language),
    date: briefing.date && formatDate(briefing.date, language),
    sourceHtml: sourceLine(briefing.source, language, typography),
    asOf: briefing.asOf && { text: briefing.asOf.text, shown: formatInstant(briefing.asOf, language) },
    version: briefing.version,
    classification: briefing.classification,
    ...markingOf(briefing),
    notesHtml: Object.fromEntries(
      Object.entries(briefing.notes).map(([group, text]) => [group, md.block(text as string)]),
    ) as Partial<Record<NoteGroup, string>>,
    bluf: briefing.bluf.map((markdown, index) => ({
      ...marked(marks?.bluf[index]),
      number: index + 1,
      markdown,
      html: md.inline(markdown),
      text: md.text(markdown),
    })),
    decisions: briefing.decisions.map((decision, index) => ({
      ...marked(marks?.decisions[index]),
      ...decisionItem(decision, index, md, briefing, typography),
    })),
    situation: situationContent(briefing.situation, md, marks?.points),
    timeline: briefing.timeline.map((event, index) => ({
      ...marked(marks?.timeline[index]),
      date: typography.quotes(event.date),
      event: event.event,
      eventHtml: md.inline(event.event),
      place: event.place && typography.field(event.place),
      ...(mapNumbers[index] !== undefined ? { mapNumber: mapNumbers[index] } : {}),
      summary: typography.quotes(
        `${event.date}${event.place ? `, ${event.place}` : ''}: ${plainText(event.event)}`,
      ),
      yamlPath: `timeline[${index}]`,
    })),
    actors: briefing.actors.map((actor, index) => ({
      ...marked(marks?.actors[index]),
      ...actorItem(actor, index, md, typography),
    })),
    risks: briefing.risks.map((risk, index) => ({
      ...marked(marks?.risks[index]),
      ...riskItem(risk, index, md, typography),
    })),
    recommendations: briefing.recommendations.map((rec, index) => ({
      ...marked(marks?.recommendations[index]),
      ...recommendationItem(rec, index, md, typography),
    })),
    sources: briefing.sources.map((source, index) => sourceItem(source, index, language, typography)),
    visuals: visualItems(briefing, md, typography.quotes),
  };
}

/** The title block's plain fields, with the language's quotes (no hyphens: they are read as names). */
function titleBlock(
  briefing: Briefing,
  { quotes }: Typography,
): Pick<Content, 'title' | 'subtitle' | 'author' | 'organization' | 'contact' | 'handling' | 'subject'> {
  const { contact, handling } = briefing;
  return {
    title: quotes(briefing.title),
    subtitle: briefing.subtitle && quotes(briefing.subtitle),
    author: briefing.author && quotes(briefing.author),
    organization: briefing.organization && quotes(briefing.organization),
    contact: contact && {
      ...contact,
      ...(contact.name ? { name: quotes(contact.name) } : {}),
      ...(contact.role ? { role: quotes(contact.role) } : {}),
      // A number is read whole: its groups never split over two lines (`+44 20 / 7946 0123`).
      ...(contact.phone ? { phone: contact.phone.replace(/ /g, '\u00A0') } : {}),
    },
    handling: handling && { ...handling, text: quotes(handling.text) },
    subject: quotes(
      briefing.subtitle ??
        (briefing.bluf[0] ? plainText(briefing.bluf[0]) : plainText(briefing.situation.summary)),
    ),
  };
}

function decisionItem(
  decision: Briefing['decisions'][number],
  index: number,
  md: MarkdownRenderer,
  { language, asOf }: Briefing,
  typography: Typography,
): DecisionItem {
  return {
    number: index + 1,
    decision: decision.decision,
    decisionHtml: md.inline(decision.decision),
    decisionText: md.text(decision.decision),
    by: decision.by && typography.field(decision.by),
    deadline: decision.deadline && typography.quotes(shownDeadline(decision.deadline, language)),
    passed: deadlinePassed(decision, asOf),
    recommendations: decision.recommendations,
    yamlPath: `decisions[${index}]`,
  };
}

function recommendationItem(
  rec: Briefing['recommendations'][number],
  index: number,
  md: MarkdownRenderer,
  typography: Typography,
): RecommendationItem {
  const block = (text: string | undefined) => (text ? md.block(text) : '');
  return {
    number: index + 1,
    action: rec.action,
    actionHtml: md.inline(rec.action),
    owner: rec.owner && typography.field(rec.owner, true),
    priority: rec.priority,
    timeframe: rec.timeframe && typography.field(rec.timeframe),
    rationale: rec.rationale,
    rationaleHtml: block(rec.rationale),
    notesHtml: block(rec.notes),
    yamlPath: `recommendations[${index}]`,
  };
}

function riskItem(
  risk: Briefing['risks'][number],
  index: number,
  md: MarkdownRenderer,
  { quotes }: Typography,
): RiskItem {
  const block = (text: string | undefined) => (text ? md.block(text) : '');
  const band = LIKELIHOODS.find((entry) => entry.term === risk.likelihood);
  return {
    number: index + 1,
    title: quotes(risk.title),
    likelihood: risk.likelihood,
    likelihoodRange: band ? likelihoodRange(band) : '',
    impact: risk.impact,
    confidence: risk.confidence,
    severity: severityOf(risk.likelihood, risk.impact),
    detail: risk.detail,
    detailHtml: block(risk.detail),
    indicators: risk.indicators.map((markdown) => ({ markdown, html: md.inline(markdown) })),
    notesHtml: block(risk.notes),
    yamlPath: `risks[${index}]`,
  };
}

/** A relation in words, before the other actor's name: a support goes from this actor to the other. */
const RELATION_WORDS: Readonly<Record<RelationType, string>> = {
  conflict: 'Conflict with',
  alliance: 'Alliance with',
  support: 'Supports',
  rivalry: 'Rivalry with',
};

/** An actor; its name, and the names its relations give, with the language's quotes (as the actor map matches them). */
function actorItem(
  actor: Briefing['actors'][number],
  index: number,
  md: MarkdownRenderer,
  { quotes }: Typography,
): ActorItem {
  return {
    name: quotes(actor.name),
    kind: actor.kind && quotes(actor.kind),
    stance: actor.stance,
    stanceLabel: STANCE_LABELS[actor.stance],
    role: actor.role,
    roleHtml: md.inline(actor.role),
    relations: actor.relations.map((relation) => ({
      type: relation.type,
      words: RELATION_WORDS[relation.type],
      with: quotes(relation.with),
    })),
    notesHtml: actor.notes ? md.block(actor.notes) : '',
    yamlPath: `actors[${index}]`,
  };
}

function sourceItem(
  source: Briefing['sources'][number],
  index: number,
  language: string,
  typography: Typography,
): SourceItem {
  const date = source.date && formatDate(source.date, language);
  return {
    number: index + 1,
    id: source.id,
    title: typography.quotes(source.title),
    details: typography.quotes([source.author, source.publisher, date].filter(Boolean).join(', ')),
    url: source.url,
    ...(source.url
      ? { urlHtml: typography.urlHtml(source.url), shortUrlHtml: typography.shortUrlHtml(source.url) }
      : {}),
    yamlPath: `sources[${index}]`,
  };
}

/** The summary whole and by paragraph (a slide may show a run of them), and the key facts. */
function situationContent(
  situation: Briefing['situation'],
  md: MarkdownRenderer,
  marks: (ChangeMark | undefined)[] = [],
): SituationContent {
  return {
    summaryHtml: md.block(situation.summary),
    paragraphs: situation.summary
      .split(/\n\s*\n/)
      .filter((p) => p.trim())
      .map((markdown) => ({ markdown, html: md.block(markdown) })),
    points: situation.points.map((markdown, index) => ({
      ...marked(marks[index]),
      markdown,
      html: md.inline(markdown),
    })),
  };
}

/** "Summary of": the report's title (a link when it has a URL), then its author, publisher and date. */
function sourceLine(
  source: Briefing['source'],
  language: string,
  typography: Typography,
): string | undefined {
  if (!source) return undefined;
  const { title, publisher, author, url } = source;
  const date = source.date && formatDate(source.date, language);
  const shown = escapeHtml(typography.quotes(title));
  const name = url ? `<a href="${escapeHtml(url)}" rel="noopener noreferrer">${shown}</a>` : shown;
  const by = [author, publisher, date]
    .filter(Boolean)
    .map((part) => escapeHtml(typography.quotes(part as string)));
  return `<em>${name}</em>${by.length ? `, ${by.join(', ')}` : ''}`;
}

/** A deadline as a reader sees it: a date or a time in the long form `as_of` has, text as written. */
function shownDeadline(deadline: Deadline, language: string): string {
  if (deadline.kind === 'time') return formatInstant(deadline.at, language);
  if (deadline.kind === 'date') return formatDate(deadline.date, language);
  return deadline.text;
}

/** The marking's colour class and its banner's colours (content/banner.ts), when the briefing has a marking. */
function markingOf(briefing: Briefing): Pick<Content, 'classificationLevel' | 'banner'> {
  const marking = briefing.classification;
  if (marking === undefined) return { classificationLevel: undefined, banner: undefined };
  return {
    classificationLevel: classificationLevel(marking),
    banner: bannerFor(marking, briefing.deck.banner),
  };
}
