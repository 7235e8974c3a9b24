/**
 * The handout's body as sections of units: a unit is what a page break may
 * come before (a paragraph, a table row, a risk, a figure, a note). A plan
 * (`_plan.ts`) says before which units the printed pages begin; the
 * sections are then cut into parts there, each part after the first headed
 * "(continued)", a table cut in two repeating its header.
 */
import type {
  ActorItem,
  ChangeMark,
  Content,
  RecommendationItem,
  RiskItem,
  SourceItem,
  TimelineItem,
} from '../../content/index.js';
import type { ActorMapRelation, DeckModel, SlideModel } from '../../slides/types.js';
import { renderActorMap } from '../../slides/visuals/actorMap.js';
import { HANDOUT_DRAWING_SCALE, HANDOUT_MAP_SIZE, type VisualUnit, visualUnits } from './_visuals.js';

/** The actor map's drawing in the handout, in viewBox units: shown at the text width, at most 105 mm high. */
const ACTOR_MAP_DRAWING = {
  width: Math.round(HANDOUT_MAP_SIZE.width * HANDOUT_DRAWING_SCALE),
  height: Math.round(395 * HANDOUT_DRAWING_SCALE),
} as const;

/** Tables of up to this many rows are never split across pages. */
export const KEEP_TABLE_ROWS = 6;

export type Unit =
  | { id: string; kind: 'prose'; html: string }
  | { id: string; kind: 'points'; html: string; change: ChangeMark | undefined }
  | { id: string; kind: 'timeline'; event: TimelineItem }
  | { id: string; kind: 'figure'; svgHtml: string; description: string; notDrawn: string }
  | { id: string; kind: 'relation'; relation: ActorMapRelation }
  | { id: string; kind: 'actors'; actor: ActorItem }
  | { id: string; kind: 'risk'; risk: RiskItem }
  | { id: string; kind: 'recommendations'; recommendation: RecommendationItem }
  | { id: string; kind: 'sources'; source: SourceItem }
  | { id: string; kind: 'notes'; html: string }
  | VisualUnit;

export interface BodySection {
  id: string;
  title: string;
  units: Unit[];
}

/** A run of units of one kind, set as one element (a table, a list, a box); the template's flag names the kind. */
export interface Block {
  units: Unit[];
  /** Kept on one page: a table of up to `KEEP_TABLE_ROWS` rows. */
  keep: boolean;
  /** This block continues one cut by a page break (a table's rows, the key facts). */
  continued: boolean;
  prose?: true;
  points?: true;
  timeline?: true;
  figure?: true;
  actors?: true;
  risk?: true;
  recommendations?: true;
  sources?: true;
  notes?: true;
  visual?: true;
}

export interface Part {
  /** The first part is headed by the section's title; later ones by "TITLE (continued)", on a new page. */
  continued: boolean;
  /** A page begins here (a break the plan forces). */
  newPage: boolean;
  blocks: Block[];
}

export interface PrintedSection {
  id: string;
  title: string;
  /** The section begins a page. */
  newPage: boolean;
  parts: Part[];
}

/** The body: every section after the first page, as units. Notes only `withNotes`. */
export function bodySections(content: Content, deck: DeckModel, withNotes: boolean): BodySection[] {
  const notes = (group: keyof Content['notesHtml']): Unit[] => {
    const html = content.notesHtml[group];
    return withNotes && html ? [{ id: `notes-${group}`, kind: 'notes', html }] : [];
  };
  const actorMap = actorMapUnits(content, deck);
  const sections: BodySection[] = [
    {
      id: 'situation',
      title: 'Situation',
      units: [
        ...visualUnits(content, 'bluf'),
        ...content.situation.paragraphs.map(
          ({ html }, i): Unit => ({ id: `situation-${i + 1}`, kind: 'prose', html }),
        ),
        ...content.situation.points.map(
          ({ html, change }, i): Unit => ({ id: `fact-${i + 1}`, kind: 'points', html, change }),
        ),
        ...visualUnits(content, 'situation'),
        ...notes('situation'),
      ],
    },
    {
      id: 'timeline',
      title: 'Timeline',
      units: [
        ...content.timeline.map((event, i): Unit => ({ id: `event-${i + 1}`, kind: 'timeline', event })),
        ...visualUnits(content, 'timeline'),
        ...notes('timeline'),
      ],
    },
    {
      id: 'actors',
      title: 'Actors',
      units: [
        ...actorMap,
        ...content.actors.map((actor, i): Unit => ({ id: `actor-${i + 1}`, kind: 'actors', actor })),
        ...visualUnits(content, 'actors'),
        ...notes('actors'),
      ],
    },
    {
      id: 'risks',
      title: 'Risks in detail',
      units: [
        ...content.risks.map((risk): Unit => ({ id: `risk-${risk.number}`, kind: 'risk', risk })),
        ...visualUnits(content, 'risks'),
        ...notes('risks'),
      ],
    },
    {
      id: 'recommendations',
      title: 'Recommendations',
      units: [
        ...content.recommendations.map(
          (recommendation): Unit => ({
            id: `recommendation-${recommendation.number}`,
            kind: 'recommendations',
            recommendation,
          }),
        ),
        ...visualUnits(content, 'recommendations'),
        ...notes('recommendations'),
      ],
    },
    {
      id: 'sources',
      title: 'Sources',
      units: [
        ...content.sources.map(
          (source): Unit => ({ id: `source-${source.number}`, kind: 'sources', source }),
        ),
        ...notes('sources'),
      ],
    },
  ];
  return sections.filter((section) => section.units.some((unit) => unit.kind !== 'notes'));
}

/**
 * The actor map of the slides, drawn again for the page (the same actors and relations, its type the
 * slides' in units, shown smaller), when there is one.
 */
function actorMapUnits(content: Content, deck: DeckModel): Unit[] {
  const slides = deck.slides.filter(
    (slide): slide is Extract<SlideModel, { kind: 'actor-map' }> => slide.kind === 'actor-map',
  );
  const map = slides[0];
  return map
    ? [
        {
          id: 'actor-map',
          kind: 'figure',
          svgHtml: renderActorMap(content.actors, { ...ACTOR_MAP_DRAWING, idPrefix: 'ho-am-' }).svg,
          description: map.description,
          notDrawn: map.notDrawn,
        },
        // The relations the map does not draw: a table under it, a row per relation.
        ...slides
          .flatMap((slide) => slide.rest.flat())
          .map((relation, i): Unit => ({ id: `actor-map-rest-${i + 1}`, kind: 'relation', relation })),
      ]
    : [];
}

/** Cuts each section into parts before the units where a page begins (`pageStarts`: unit or section ids). */
export function printedSections(
  sections: readonly BodySection[],
  pageStarts: ReadonlySet<string>,
): PrintedSection[] {
  return sections.map((section) => {
    const parts: Part[] = [];
    let part: Part = { continued: false, newPage: false, blocks: [] };
    parts.push(part);
    section.units.forEach((unit, index) => {
      if (index > 0 && pageStarts.has(unit.id)) {
        part = { continued: true, newPage: true, blocks: [] };
        parts.push(part);
      }
      const last = part.blocks.at(-1);
      if (last && last.units[0]?.kind === unit.kind && unit.kind !== 'risk' && unit.kind !== 'notes') {
        last.units.push(unit);
        return;
      }
      const before = parts.flatMap((p) => p.blocks).some((b) => b.units[0]?.kind === unit.kind);
      part.blocks.push({ units: [unit], keep: false, continued: before, [unit.kind]: true });
    });
    const rows = (kind: Unit['kind']) => section.units.filter((unit) => unit.kind === kind).length;
    for (const block of parts.flatMap((p) => p.blocks)) {
      const kind = block.units[0]?.kind;
      const table =
        kind === 'timeline' || kind === 'actors' || kind === 'recommendations' || kind === 'relation';
      block.keep = table && rows(kind) <= KEEP_TABLE_ROWS;
    }
    return { id: section.id, title: section.title, newPage: pageStarts.has(section.id), parts };
  });
}

/** The locator map's unit, which can be drawn at another height, if the body has it. */
export function mapUnit(sections: readonly BodySection[]): VisualUnit | undefined {
  return sections
    .flatMap((section) => section.units)
    .find((unit): unit is VisualUnit => unit.kind === 'visual' && unit.drawMap !== undefined);
}

/** The id of an empty element just before the map in a measuring print: where the content before it ends. */
export const beforeMapId = (mapId: string) => `before-${mapId}`;

/**
 * The body with the locator map drawn `height` CSS px high at the text width (as drawn when undefined),
 * and in a measuring print an empty element before it (`beforeMapId`).
 */
export function withMapHeight(
  sections: readonly BodySection[],
  height: number | undefined,
  measuring: boolean,
): BodySection[] {
  return sections.map((section) => ({
    ...section,
    units: section.units.map((unit) => {
      if (unit.kind !== 'visual' || !unit.drawMap || (height === undefined && !measuring)) return unit;
      const visual = height === undefined ? unit.visual : unit.drawMap(height);
      return { ...unit, visual: measuring ? { ...visual, probeBefore: beforeMapId(unit.id) } : visual };
    }),
  }));
}
