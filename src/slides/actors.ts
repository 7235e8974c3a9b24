/**
 * The actors: the actor map (when any actor has a relation), then a card
 * per actor, in columns as many as the width allows, continued over slides.
 */
import type { ActorItem } from '../content/index.js';
import type { NoteGroup } from '../format/briefing.js';
import { textWidth } from '../format/textMetrics.js';
import { itemNotes, type SlideBuilder, type SlideContext } from './_group.js';
import { withMark } from './_marks.js';
import { hiddenRelations, notDrawnStatement, restPages } from './actorMapTable.js';
import { paginateColumns, textHeight } from './paginate.js';
import type { ActorCard, ActorMapSlide, ActorsSlide } from './types.js';
import { actorGraph, drawActorMap } from './visuals/actorMap.js';

/**
 * Adds the actor map when any actor has a relation, drawn at the size of
 * the slide's body less the sentence saying what it leaves out; then the
 * relations it does not draw, in tables on continuation slides. Returns
 * whether it did.
 */
export function actorMapSlide(
  build: SlideBuilder,
  actors: ActorItem[],
  { layout, page }: SlideContext,
): boolean {
  if (!actors.some((actor) => actor.relations.length > 0)) return false;
  const graph = actorGraph(actors);
  const m = layout.actorMap;
  const notDrawn = notDrawnStatement(graph);
  const below = notDrawn
    ? m.omittedGap +
      textHeight(notDrawn, page.width, { size: m.omittedSize, lineHeight: m.omittedLineHeight })
    : 0;
  const map = drawActorMap(graph, { width: page.width, height: Math.floor(page.height - below) });
  const rest = restPages(hiddenRelations(graph), page);
  build.add<ActorMapSlide>(
    'actors',
    [
      { svgHtml: map.svg, description: map.description, omitted: map.omitted, notDrawn, rest: [] },
      ...rest.map((tables) => ({ svgHtml: '', description: '', omitted: [], notDrawn: '', rest: tables })),
    ],
    { kind: 'actor-map', heading: 'Actor map', yamlPath: () => 'actors' },
  );
  return true;
}

export function actorSlides(
  build: SlideBuilder,
  cards: ActorItem[],
  { layout, page }: SlideContext,
  notes: NoteGroup | null,
): void {
  const a = layout.actors;
  const stanceWidth = (label: string) =>
    a.stanceMark +
    a.stanceMarkGap +
    textWidth(label.toUpperCase(), a.stanceSize, 700) +
    label.length * a.stanceTracking * a.stanceSize;
  const height = (card: ActorCard, columns: number) => {
    const inner =
      (page.width - (columns - 1) * a.columnGap) / columns - 2 * a.padX - a.border - a.stanceBorder;
    const nameWidth = inner - a.nameGap - stanceWidth(card.stanceLabel);
    return (
      a.padTop +
      a.padBottom +
      2 * a.border +
      textHeight(withMark(card.name, card.change, 'after'), nameWidth, {
        size: a.nameSize,
        lineHeight: layout.text.headingLineHeight,
        weight: 600,
      }) +
      (card.kind
        ? a.kindGap + textHeight(card.kind, inner, { size: a.kindSize, lineHeight: layout.text.lineHeight })
        : 0) +
      a.roleGap +
      textHeight(card.role, inner, { size: a.roleSize, lineHeight: a.roleLineHeight })
    );
  };
  const maxColumns = Math.max(1, Math.floor((page.width + a.columnGap) / (a.minColumn + a.columnGap)));
  const pages = paginateColumns(cards, maxColumns, height, page.height, a.gap);
  build.add<ActorsSlide>(
    notes,
    pages.map(({ columns }) => ({ actors: columns.flat(), columns })),
    {
      kind: 'actors',
      heading: 'Actors',
      yamlPath: (index) => pages[index]?.columns[0]?.[0]?.yamlPath ?? 'actors',
      itemNotes: (index) =>
        itemNotes(
          (pages[index]?.columns.flat() ?? []).map((card) => ({
            label: card.name,
            notesHtml: card.notesHtml,
          })),
        ),
    },
  );
}
