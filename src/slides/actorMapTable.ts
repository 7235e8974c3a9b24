/**
 * What the actor map leaves out, said on its slide: a sentence under the
 * map, and the relations it does not draw as a compact table (actor,
 * relation, actor) on continuation slides, in as many columns as the slide
 * is wide enough for, measured to fit.
 */
import type { Page } from './paginate.js';
import { paginate, textHeight } from './paginate.js';
import type { ActorMapRelation } from './types.js';
import { type ActorGraph, relationWords } from './visuals/actorGraph.js';

/** The table's type and spacing (themes/visuals.css sets the same). */
export const REST_TABLE = {
  size: 17,
  lineHeight: 1.25,
  headSize: 16,
  headLineHeight: 1.25,
  padY: 4,
  padX: 8,
  rule: 1,
  headRule: 2,
  columnGap: 36,
  /** The relation column's share of a table's width; the two actors share the rest. */
  relationShare: 0.22,
  /** The narrowest a table may be; a 16:9 slide holds two side by side. */
  minWidth: 520,
} as const;

/** The relations the map does not draw, as table rows, in file order. */
export function hiddenRelations(graph: ActorGraph): ActorMapRelation[] {
  return graph.hidden.map((edge) => ({
    from: graph.names[edge.from] ?? '',
    relation: relationWords(edge),
    to: graph.names[edge.to] ?? '',
  }));
}

/** The sentence under the map saying what it leaves out (empty when it draws every actor). */
export function notDrawnStatement(graph: ActorGraph): string {
  const total = graph.shown.length + graph.omitted.length;
  const left = graph.omitted.length;
  if (left === 0) return '';
  const actors = `${left} ${left === 1 ? 'actor' : 'actors'}`;
  const opening = `The map draws the ${graph.shown.length} most connected of the ${total} actors.`;
  if (graph.hidden.length === 0)
    return `${opening} Not drawn: ${actors} without relations to those drawn. Every actor has a card on the slides that follow.`;
  const relations = `${graph.hidden.length} ${graph.hidden.length === 1 ? 'relation' : 'relations'}`;
  return `${opening} Not drawn: ${actors} and ${relations}, listed in the table that follows.`;
}

/** How many tables stand side by side on the slide, and each one's width. */
export function restColumns(page: Page): { columns: number; width: number } {
  const t = REST_TABLE;
  const columns = Math.max(1, Math.floor((page.width + t.columnGap) / (t.minWidth + t.columnGap)));
  return { columns, width: (page.width - (columns - 1) * t.columnGap) / columns };
}

/** A row's height in a table `width` wide. */
function rowHeight(row: ActorMapRelation, width: number): number {
  const t = REST_TABLE;
  const relationW = width * t.relationShare;
  const nameW = (width - relationW) / 2;
  const style = { size: t.size, lineHeight: t.lineHeight };
  return (
    2 * t.padY +
    t.rule +
    Math.max(
      textHeight(row.from, nameW - 2 * t.padX, { ...style, weight: 600 }),
      textHeight(row.relation, relationW - 2 * t.padX, style),
      textHeight(row.to, nameW - 2 * t.padX, { ...style, weight: 600 }),
    )
  );
}

/** The table's head row. */
export const headHeight = () =>
  REST_TABLE.headSize * REST_TABLE.headLineHeight + 2 * REST_TABLE.padY + REST_TABLE.headRule;

/** The rows over slides: each slide a list of tables (side by side), each a list of rows that fits the body. */
export function restPages(rows: readonly ActorMapRelation[], page: Page): ActorMapRelation[][][] {
  if (rows.length === 0) return [];
  const { columns, width } = restColumns(page);
  const tables = paginate(rows, (row) => rowHeight(row, width), page.height - headHeight());
  const pages: ActorMapRelation[][][] = [];
  for (let i = 0; i < tables.length; i += columns) pages.push(tables.slice(i, i + columns));
  return pages;
}
