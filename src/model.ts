/**
 * Stage 3a: the view model. Everything the templates show is computed here
 * from the validated `Briefing`: Markdown turned into safe HTML, citation
 * numbers, the risk matrix and actor map, continuation splits. Templates
 * only place it. Pure: no file, clock or browser.
 */
import {
  type Actor,
  type Aspect,
  type Briefing,
  LIKELIHOODS,
  type NoteGroup,
  type Recommendation,
  type Risk,
  type TimelineEvent,
} from './briefing.js';
import { createMarkdown, escapeHtml, type MarkdownRenderer, plainText } from './markdown.js';
import {
  densePage,
  type Page,
  pageOf,
  paginate,
  paginateGrid,
  paginateRows,
  textHeight,
} from './paginate.js';
import { SLIDE_SIZES } from './themes.js';
import { type ActorMap, describeActorMap, renderActorMap } from './visuals/actorMap.js';
import { describeRiskMatrix, renderRiskMatrix, severityOf } from './visuals/riskMatrix.js';

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

interface SlideBase {
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
  /** Set a little smaller (zoom DENSE_ZOOM) so the group needs fewer slides. */
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
  description: string;
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
  /** Spans the slide's width (a card too tall for a column, or a narrow slide). */
  wide: boolean;
}

export interface RisksSlide extends SlideBase {
  kind: 'risks';
  risks: RiskCard[];
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
  /** Each group's speaker notes (`notes.actors`), sanitised HTML; slides show them on the group's first slide. */
  groupNotesHtml: Partial<Record<NoteGroup, string>>;
}

export const STANCE_LABELS: Record<string, string> = {
  hostile: 'Hostile',
  mixed: 'Mixed',
  neutral: 'Neutral',
  friendly: 'Friendly',
};

export function buildDeckModel(briefing: Briefing): DeckModel {
  const citationNumbers = new Map(briefing.sources.map((source, index) => [source.id, index + 1]));
  const md = createMarkdown((id) => citationNumbers.get(id));
  const page = pageOf(briefing.deck.aspect, briefing.classification !== undefined);
  const groupNotesHtml: Partial<Record<NoteGroup, string>> = Object.fromEntries(
    Object.entries(briefing.notes).map(([group, text]) => [group, md.block(text as string)]),
  );
  const build = new SlideBuilder(groupNotesHtml);
  /**
   * Adds a group of slides. When slightly smaller type would save a slide,
   * the group is set at DENSE_ZOOM instead: a long list then fits on one
   * slide, or on fewer, instead of spilling a few lines onto the next.
   */
  const group = (slides: (builder: SlideBuilder, page: Page) => void) => {
    const laidOut = (p: Page, dense: boolean) => {
      const builder = new SlideBuilder(groupNotesHtml, dense);
      slides(builder, p);
      return builder;
    };
    const normal = laidOut(page, false);
    // Only a group that takes more than one slide can be saved one.
    const dense = normal.count > 1 ? laidOut(densePage(page), true) : undefined;
    build.append(dense && dense.count < normal.count ? dense : normal);
  };

  titleSlide(build, briefing);
  if (briefing.bluf.length > 0) group((b, p) => blufSlides(b, briefing.bluf, md, p));
  group((b, p) => situationSlides(b, briefing, md, p));
  if (briefing.timeline.length > 0) group((b, p) => timelineSlides(b, briefing.timeline, md, p));
  const actorMap = briefing.actors.some((actor) => actor.relations.length > 0)
    ? renderActorMap(briefing.actors)
    : undefined;
  group((b, p) => actorSlides(b, briefing.actors, actorMap, md, p));
  group((b, p) => riskSlides(b, briefing.risks, md, p));
  group((b, p) => recommendationSlides(b, briefing.recommendations, md, p));
  if (briefing.sources.length > 0) group((b, p) => sourceSlides(b, briefing, p));

  const { width, height } = SLIDE_SIZES[briefing.deck.aspect];
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
    aspect: briefing.deck.aspect,
    width,
    height,
    theme,
    accent: briefing.deck.accent,
    logo: logo && {
      dataUri: `data:${logo.mediaType};base64,${Buffer.from(logo.bytes).toString('base64')}`,
      alt: briefing.organization ? `${briefing.organization} logo` : 'Logo',
    },
    slides: build.finish(),
    groupNotesHtml,
  };
}

/** Collects slides, giving each its id, part label and notes. */
class SlideBuilder {
  private readonly slides: SlideModel[] = [];
  private readonly ids = new Map<string, number>();

  constructor(
    /** Each group's notes, already HTML. */
    private readonly groupNotes: Partial<Record<NoteGroup, string>>,
    /** Slides of this builder are set smaller (see `group` in buildDeckModel). */
    private readonly dense = false,
  ) {}

  get count(): number {
    return this.slides.length;
  }

  /** Takes the slides another builder laid out (each kind of slide belongs to one group, so ids stay unique). */
  append(other: SlideBuilder): void {
    this.slides.push(...other.slides);
  }

  /**
   * Adds the pages of one group. The group's notes go on its first slide,
   * item notes (`notesOf`) on the slide that shows the item.
   */
  add<S extends SlideModel>(
    group: NoteGroup | null,
    pages: Omit<S, keyof SlideBase>[],
    base: {
      kind: S['kind'];
      heading: string;
      yamlPath: (index: number) => string;
      itemNotes?: (index: number) => string[];
    },
  ): void {
    pages.forEach((content, index) => {
      const notes: string[] = [];
      const group_ = index === 0 && group ? this.groupNotes[group] : undefined;
      if (group_) notes.push(group_);
      notes.push(...(base.itemNotes?.(index) ?? []));
      const id = this.uniqueId(base.kind);
      this.slides.push({
        ...(content as object),
        kind: base.kind,
        id,
        heading: base.heading,
        part: pages.length > 1 ? `${index + 1}/${pages.length}` : '',
        yamlPath: base.yamlPath(index),
        notesHtml: notes.join('\n'),
        number: 0,
        total: 0,
        dense: this.dense,
      } as S);
    });
  }

  private uniqueId(kind: string): string {
    const n = (this.ids.get(kind) ?? 0) + 1;
    this.ids.set(kind, n);
    return n === 1 ? kind : `${kind}-${n}`;
  }

  finish(): SlideModel[] {
    const total = this.slides.length;
    return this.slides.map((slide, index) => ({ ...slide, number: index + 1, total }));
  }
}

/** Notes of items shown on a slide, each headed by the item's name. */
function itemNotes(items: { label: string; notesHtml: string }[]): string[] {
  return items
    .filter((item) => item.notesHtml)
    .map((item) => `<p><strong>${escapeHtml(item.label)}:</strong></p>\n${item.notesHtml}`);
}

function titleSlide(build: SlideBuilder, briefing: Briefing): void {
  let sourceHtml: string | undefined;
  if (briefing.source) {
    const { title, publisher, author, date, url } = briefing.source;
    const name = url
      ? `<a href="${escapeHtml(url)}" rel="noopener noreferrer">${escapeHtml(title)}</a>`
      : escapeHtml(title);
    const by = [author, publisher, date].filter(Boolean).map((part) => escapeHtml(part as string));
    sourceHtml = `<em>${name}</em>${by.length ? `, ${by.join(', ')}` : ''}`;
  }
  build.add<TitleSlide>(
    'title',
    [
      {
        title: briefing.title,
        subtitle: briefing.subtitle,
        date: briefing.date,
        author: briefing.author,
        organization: briefing.organization,
        sourceHtml,
      },
    ],
    { kind: 'title', heading: briefing.title, yamlPath: () => 'title' },
  );
}

function blufSlides(build: SlideBuilder, bluf: string[], md: MarkdownRenderer, page: Page): void {
  const items = bluf.map((text, index) => ({ number: index + 1, html: md.inline(text), text }));
  // .bd-bluf li: a 46 px number column and an 18 px gap; 26 px text.
  const height = (item: (typeof items)[number]) =>
    Math.max(40, textHeight(item.text, page.width - 64, { size: 26, lineHeight: 1.32 }));
  const pages = paginate(items, height, page.height, 18);
  build.add<BlufSlide>(
    'bluf',
    pages.map((items_) => ({ items: items_.map(({ number, html }) => ({ number, html })) })),
    { kind: 'bluf', heading: 'Bottom line up front', yamlPath: () => 'bluf' },
  );
}

function situationSlides(build: SlideBuilder, briefing: Briefing, md: MarkdownRenderer, page: Page): void {
  const { summary, points } = briefing.situation;
  const paragraphs = summary.split(/\n\s*\n/).filter((p) => p.trim());
  const pointItems = points.map((text) => ({ html: md.inline(text), text }));
  // .bd-summary: 23 px, paragraphs 14 px apart. .bd-points: a box with 22 px side padding, a 16 + 18 px
  // top and bottom padding, a 4 px rule, a 25 px heading; items of 20 px, 20 px indented, 9 px apart.
  const summaryStyle = { size: 23, lineHeight: 1.42 };
  const summaryHeight = (width: number, parts = paragraphs) =>
    parts.reduce((sum, p) => sum + textHeight(p, width, summaryStyle), 0) +
    Math.max(0, parts.length - 1) * 14;
  const pointsHeight = (width: number, items = pointItems) =>
    items.length === 0
      ? 0
      : 38 +
        25 +
        items.reduce(
          (sum, p) => sum + textHeight(p.text, width - 44 - 20, { size: 20, lineHeight: 1.32 }),
          0,
        ) +
        (items.length - 1) * 9;

  type Content = Omit<SituationSlide, keyof SlideBase>;
  const pages: Content[] = [];
  const whole = { summaryHtml: md.block(summary), points: pointItems.map(({ html }) => ({ html })) };
  const summaryColumn = ((page.width - 40) * 1.45) / 2.45;
  const pointsColumn = (page.width - 40) / 2.45;
  if (
    page.wide &&
    pointItems.length > 0 &&
    summaryHeight(summaryColumn) <= page.height &&
    pointsHeight(pointsColumn) <= page.height
  ) {
    pages.push({ ...whole, twoColumns: true });
  } else if (summaryHeight(page.width) + 20 + pointsHeight(page.width) <= page.height) {
    pages.push({ ...whole, twoColumns: false });
  } else {
    // Too long for one slide: the summary by paragraphs, then the points.
    const width = page.width;
    for (const group of paginate(paragraphs, (p) => textHeight(p, width, summaryStyle), page.height, 14)) {
      pages.push({ summaryHtml: md.block(group.join('\n\n')), points: [], twoColumns: false });
    }
    const pointCapacity = page.height - 38 - 25;
    const pointHeight = (p: (typeof pointItems)[number]) =>
      textHeight(p.text, width - 64, { size: 20, lineHeight: 1.32 });
    for (const group of paginate(pointItems, pointHeight, pointCapacity, 9)) {
      pages.push({ summaryHtml: '', points: group.map(({ html }) => ({ html })), twoColumns: false });
    }
  }
  build.add<SituationSlide>('situation', pages, {
    kind: 'situation',
    heading: 'Situation',
    yamlPath: () => 'situation',
  });
}

function timelineSlides(
  build: SlideBuilder,
  timeline: TimelineEvent[],
  md: MarkdownRenderer,
  page: Page,
): void {
  const events = timeline.map((event, index) => ({ ...event, index }));
  // .bd-timeline li: a 204 px date column (20 px bold), a 36 px dot column, the event (21 px) and place (16 px); 14 px apart.
  const height = (e: (typeof events)[number]) =>
    Math.max(
      textHeight(e.date, 204, { size: 20, lineHeight: 1.5, weight: 700 }),
      textHeight(e.event, page.width - 240, { size: 21, lineHeight: 1.42 }) +
        textHeight(e.place, page.width - 240, { size: 16, lineHeight: 1.3 }),
    );
  const pages = paginate(events, height, page.height, 14);
  build.add<TimelineSlide>(
    'timeline',
    pages.map((group) => ({
      events: group.map((e) => ({
        date: e.date,
        eventHtml: md.inline(e.event),
        place: e.place,
        yamlPath: `timeline[${e.index}]`,
      })),
      description: group
        .map((e) => `${e.date}${e.place ? `, ${e.place}` : ''}: ${plainText(e.event)}`)
        .join('; '),
    })),
    {
      kind: 'timeline',
      heading: 'Timeline',
      yamlPath: (index) => `timeline[${pages[index]?.[0]?.index ?? 0}]`,
    },
  );
}

function actorSlides(
  build: SlideBuilder,
  actors: Actor[],
  map: ActorMap | undefined,
  md: MarkdownRenderer,
  page: Page,
): void {
  const related = map !== undefined;
  if (map) {
    build.add<ActorMapSlide>(
      'actors',
      [
        {
          svgHtml: map.svg,
          description: describeActorMap(actors),
          omitted: map.omitted,
        },
      ],
      { kind: 'actor-map', heading: 'Actor map', yamlPath: () => 'actors' },
    );
  }
  const cards = actors.map((actor, index): ActorCard & { text: string } => ({
    name: actor.name,
    kind: actor.kind,
    stance: actor.stance,
    stanceLabel: STANCE_LABELS[actor.stance] ?? actor.stance,
    roleHtml: md.inline(actor.role),
    relations: actor.relations.map((relation) => ({ type: relation.type, with: relation.with })),
    yamlPath: `actors[${index}]`,
    text: actor.role,
    notesHtml: actor.notes ? md.block(actor.notes) : '',
  }));
  // .bd-actor: 2 columns 22 px apart on wide slides; 16 px side padding, 6 + 1 px borders, 10 + 12 px
  // vertical padding; the name (21 px, beside a ~110 px stance label), the kind (14 px), the role (19 px).
  const columns = page.wide ? 2 : 1;
  const inner = (page.width - (columns - 1) * 22) / columns - 39;
  const height = (card: (typeof cards)[number]) =>
    24 +
    textHeight(card.name, inner - 110, { size: 21, lineHeight: 1.25, weight: 600 }) +
    (card.kind ? textHeight(card.kind, inner, { size: 14, lineHeight: 1.36 }) : 0) +
    5 +
    textHeight(card.text, inner, { size: 19, lineHeight: 1.34 });
  const pages = paginateGrid(cards, height, page.height, columns, 14);
  build.add<ActorsSlide>(
    related ? null : 'actors',
    pages.map((group) => ({ actors: group.map(({ text: _t, ...card }) => card) })),
    {
      kind: 'actors',
      heading: 'Actors',
      yamlPath: (index) => pages[index]?.[0]?.yamlPath ?? 'actors',
      itemNotes: (index) =>
        itemNotes((pages[index] ?? []).map((card) => ({ label: card.name, notesHtml: card.notesHtml }))),
    },
  );
}

function riskSlides(build: SlideBuilder, risks: Risk[], md: MarkdownRenderer, page: Page): void {
  const numbered = risks.map((risk, index) => ({
    ...risk,
    number: index + 1,
    index,
    notesHtml: risk.notes ? md.block(risk.notes) : '',
  }));
  const matrixRisks = numbered.map(({ number, title, likelihood, impact }) => ({
    number,
    title,
    likelihood,
    impact,
  }));
  const description = describeRiskMatrix(matrixRisks);
  // The key beside the matrix (16:9: a column of (W - 36) / 2.25 px; 4:3: two columns under the matrix,
  // about 210 px tall). Each entry: a 48 px marker column, the title (19 px semibold, 16 px on 4:3) and
  // its rating (15.5 px); 12 px apart. A long key continues on further slides, each with the matrix.
  const keyWidth = page.wide ? (page.width - 36) / 2.25 - 48 : (page.width - 18) / 2 - 48;
  const titleSize = page.wide ? 19 : 16;
  const keyHeight = (risk: (typeof numbered)[number]) =>
    textHeight(risk.title, keyWidth, { size: titleSize, lineHeight: 1.25, weight: 600 }) +
    (page.wide ? 21 : 19);
  const keyPages = page.wide
    ? paginate(numbered, keyHeight, page.height - 6, 12)
    : paginateGrid(numbered, keyHeight, 210, 2, 6);
  build.add<RiskMatrixSlide>(
    'risks',
    keyPages.map((group, index) => ({
      // Each slide gets its own copy, with ids of its own (the title and description the SVG points to).
      svgHtml: renderRiskMatrix(matrixRisks, { idPrefix: index === 0 ? 'bd-rm-' : `bd-rm${index + 1}-` }),
      description,
      key: group.map((risk) => ({
        number: risk.number,
        title: risk.title,
        likelihood: risk.likelihood,
        impact: risk.impact,
        severity: severityOf(risk.likelihood, risk.impact),
      })),
    })),
    {
      kind: 'risk-matrix',
      heading: 'Risk assessment',
      yamlPath: (index) => `risks[${keyPages[index]?.[0]?.index ?? 0}]`,
    },
  );

  // .bd-risk: 2 columns 22 px apart on wide slides; 18 px side padding, 6 + 1 px borders, 12 + 14 px
  // vertical padding; title (22 px beside a 42 px marker), ratings (~60 px), detail (17.5 px),
  // "Indicators" heading (~34 px) and indicators (16.5 px, 18 px indent, 3 px apart).
  const columns = page.wide ? 2 : 1;
  const cardHeight = (risk: Risk, width: number) => {
    const inner = width - 38;
    return (
      33 +
      Math.max(30, textHeight(risk.title, inner - 42, { size: 22, lineHeight: 1.25, weight: 600 })) +
      60 +
      textHeight(risk.detail, inner, { size: 17.5, lineHeight: 1.38 }) +
      (risk.indicators.length ? 34 + (risk.indicators.length - 1) * 3 : 0) +
      risk.indicators.reduce(
        (sum, text) => sum + textHeight(text, inner - 18, { size: 16.5, lineHeight: 1.32 }),
        0,
      )
    );
  };
  const columnWidth = (page.width - (columns - 1) * 22) / columns;
  const pages = paginateRows(
    numbered,
    { column: (risk) => cardHeight(risk, columnWidth), full: (risk) => cardHeight(risk, page.width) },
    page.height,
    columns,
    22,
  );
  const card = ({ item: risk, wide }: { item: (typeof numbered)[number]; wide: boolean }): RiskCard => {
    const band = LIKELIHOODS.find((entry) => entry.term === risk.likelihood);
    return {
      number: risk.number,
      title: risk.title,
      likelihood: risk.likelihood,
      likelihoodRange: band ? `${band.min}–${band.max}%` : '',
      impact: risk.impact,
      confidence: risk.confidence,
      severity: severityOf(risk.likelihood, risk.impact),
      detailHtml: risk.detail ? md.block(risk.detail) : '',
      indicators: risk.indicators.map((text) => ({ html: md.inline(text) })),
      notesHtml: risk.notesHtml,
      yamlPath: `risks[${risk.index}]`,
      wide: wide || columns === 1,
    };
  };
  build.add<RisksSlide>(
    null,
    // A card alone on its slide takes the full width.
    pages.map((group) => ({
      risks: group.map((cell) => card(group.length === 1 ? { ...cell, wide: true } : cell)),
    })),
    {
      kind: 'risks',
      heading: 'Risks in detail',
      yamlPath: (index) => `risks[${pages[index]?.[0]?.item.index ?? 0}]`,
      itemNotes: (index) =>
        itemNotes(
          (pages[index] ?? []).map(({ item }) => ({
            label: `${item.number}. ${item.title}`,
            notesHtml: item.notesHtml,
          })),
        ),
    },
  );
}

function recommendationSlides(
  build: SlideBuilder,
  recommendations: Recommendation[],
  md: MarkdownRenderer,
  page: Page,
): void {
  // Kept in the order the analyst wrote them: the order is part of the advice.
  const rows = recommendations.map((rec, index) => ({
    number: index + 1,
    actionHtml: md.inline(rec.action),
    owner: rec.owner,
    priority: rec.priority,
    timeframe: rec.timeframe,
    rationaleHtml: rec.rationale ? md.block(rec.rationale) : '',
    yamlPath: `recommendations[${index}]`,
    notesHtml: rec.notes ? md.block(rec.notes) : '',
    // .bd-recs (fixed columns): the action 56% wide (20.5 px semibold, rationale 16.5 px below), the
    // owner 20%, the timeframe what the number and priority columns leave; rows have 23 px padding.
    height:
      24 +
      Math.max(
        textHeight(rec.action, page.width * 0.53 - 24, { size: 20.5, lineHeight: 1.3, weight: 600 }) +
          (rec.rationale
            ? 4 + textHeight(rec.rationale, page.width * 0.53 - 24, { size: 16.5, lineHeight: 1.34 })
            : 0),
        textHeight(rec.owner, page.width * 0.19 - 24, { size: 19, lineHeight: 1.3 }),
        textHeight(rec.timeframe, page.width * 0.13 - 24, { size: 19, lineHeight: 1.3 }),
      ),
  }));
  const pages = paginate(rows, (row) => row.height, page.height - 26);
  build.add<RecommendationsSlide>(
    'recommendations',
    pages.map((group) => ({ recommendations: group.map(({ height: _h, ...row }) => row) })),
    {
      kind: 'recommendations',
      heading: 'Recommendations',
      yamlPath: (index) => pages[index]?.[0]?.yamlPath ?? 'recommendations',
      itemNotes: (index) =>
        itemNotes(
          (pages[index] ?? []).map((row) => ({
            label: `Recommendation ${row.number}`,
            notesHtml: row.notesHtml,
          })),
        ),
    },
  );
}

function sourceSlides(build: SlideBuilder, briefing: Briefing, page: Page): void {
  const items = briefing.sources.map((source, index) => ({
    number: index + 1,
    id: source.id,
    title: source.title,
    details: [source.author, source.publisher, source.date].filter(Boolean).join(', '),
    url: source.url,
    yamlPath: `sources[${index}]`,
  }));
  // .bd-sources li: a 60 px number column; the entry 20 px, its URL 16 px; 14 px apart.
  const height = (item: (typeof items)[number]) =>
    textHeight(`${item.title}. ${item.details}.`, page.width - 60, { size: 20, lineHeight: 1.36 }) +
    textHeight(item.url?.replace(/([/.?&=-])/g, '$1 '), page.width - 60, { size: 16, lineHeight: 1.36 });
  const pages = paginate(items, height, page.height, 14);
  build.add<SourcesSlide>(
    'sources',
    pages.map((sources) => ({ sources })),
    { kind: 'sources', heading: 'Sources', yamlPath: (index) => pages[index]?.[0]?.yamlPath ?? 'sources' },
  );
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
