/**
 * The actor map's graph: which actors and relations it draws, and the same
 * in words. Relations become edges, in file order; symmetric types
 * (conflict, alliance, rivalry) given from both sides are one edge; support
 * is directed, and support both ways is one edge marked mutual. Relations to
 * unknown names or to oneself, and repeats, are dropped. Two or more types
 * between one pair are drawn as one line labelled with them all (`drawn`).
 * The relations of actors left off the map are kept (`hidden`), for the
 * slide to list.
 */
import { type RelationType, STANCES, type Stance } from '../../format/briefing.js';
import { capitalize } from './_svg.js';

export interface MapActor {
  name: string;
  stance: Stance;
  relations: { with: string; type: RelationType }[];
  /** New or updated since the previous version (`--since`): its node carries the mark. */
  change?: { status: 'new' | 'updated'; label: string };
}

/** At most this many actors are drawn; beyond it the most connected are kept. */
export const MAX_MAP_ACTORS = 12;

/** The one directed relation type: an arrow from the supporter to the supported. */
const DIRECTED: RelationType = 'support';

export interface Edge {
  type: RelationType;
  /** Actor indices. For support: `from` supports `to`. */
  from: number;
  to: number;
  /** Support in both directions, drawn as one edge with two arrowheads. */
  mutual: boolean;
  /**
   * Every relation type between the pair, this edge's first, when it is drawn
   * for them all (`ActorGraph.drawn`); else just its own. With support among
   * them, `from` is the supporter (and `mutual` says both ways).
   */
  types: RelationType[];
}

export interface ActorGraph {
  /** Every actor's name and stance, by index in the file. */
  names: string[];
  stances: Stance[];
  /** Each actor's mark since the previous version, if any (`NEW`, `UPDATED`). */
  changes: (MapActor['change'] | undefined)[];
  /** The relations between the actors shown. */
  edges: Edge[];
  /** The lines drawn: one per pair of actors shown, for every relation between them (`types`). */
  drawn: Edge[];
  /** The relations with an actor not shown, in file order. */
  hidden: Edge[];
  /** Indices of the actors drawn, in file order. */
  shown: number[];
  /** Indices of the actors left out for space, in file order. */
  omitted: number[];
  /** Whether each actor has any relation at all (to an actor shown or not). */
  related: boolean[];
}

/**
 * The graph of `actors`. With more than MAX_MAP_ACTORS actors, the most
 * connected (distinct neighbours; ties by file order) are shown, so actors
 * without relations are the first left out.
 */
export function actorGraph(actors: readonly MapActor[]): ActorGraph {
  const index = new Map<string, number>();
  actors.forEach((actor, i) => {
    if (!index.has(actor.name)) index.set(actor.name, i);
  });
  const edges: Edge[] = [];
  const byKey = new Map<string, Edge>();
  actors.forEach((actor, from) => {
    if (index.get(actor.name) !== from) return;
    for (const relation of actor.relations) {
      const to = index.get(relation.with);
      if (to === undefined || to === from) continue;
      if (relation.type !== DIRECTED) {
        const key = `${relation.type}|${Math.min(from, to)}|${Math.max(from, to)}`;
        if (byKey.has(key)) continue;
        const edge: Edge = { type: relation.type, from, to, mutual: false, types: [relation.type] };
        byKey.set(key, edge);
        edges.push(edge);
      } else {
        if (byKey.has(`${relation.type}|${from}|${to}`)) continue;
        const reverse = byKey.get(`${relation.type}|${to}|${from}`);
        if (reverse) {
          reverse.mutual = true;
          byKey.set(`${relation.type}|${from}|${to}`, reverse);
          continue;
        }
        const edge: Edge = { type: relation.type, from, to, mutual: false, types: [relation.type] };
        byKey.set(`${relation.type}|${from}|${to}`, edge);
        edges.push(edge);
      }
    }
  });

  const neighbours = actors.map(() => new Set<number>());
  for (const edge of edges) {
    neighbours[edge.from]?.add(edge.to);
    neighbours[edge.to]?.add(edge.from);
  }
  const all = actors.map((_, i) => i).filter((i) => index.get(actors[i]?.name ?? '') === i);
  const kept = new Set(
    [...all]
      .sort((a, b) => (neighbours[b]?.size ?? 0) - (neighbours[a]?.size ?? 0) || a - b)
      .slice(0, MAX_MAP_ACTORS),
  );
  const shownEdges = edges.filter((edge) => kept.has(edge.from) && kept.has(edge.to));
  return {
    names: actors.map((actor) => actor.name),
    stances: actors.map((actor) => actor.stance),
    changes: actors.map(
      (actor) => actor.change && { status: actor.change.status, label: actor.change.label },
    ),
    edges: shownEdges,
    drawn: mergePairs(shownEdges),
    hidden: edges.filter((edge) => !kept.has(edge.from) || !kept.has(edge.to)),
    shown: all.filter((i) => kept.has(i)),
    omitted: all.filter((i) => !kept.has(i)),
    related: neighbours.map((set) => set.size > 0),
  };
}

/**
 * One line per pair: a pair with one relation keeps its edge; with more, one
 * edge for them all, oriented from the supporter when support is among them.
 */
function mergePairs(edges: readonly Edge[]): Edge[] {
  const pairs = new Map<string, Edge[]>();
  for (const edge of edges) {
    const key = `${Math.min(edge.from, edge.to)}|${Math.max(edge.from, edge.to)}`;
    pairs.set(key, [...(pairs.get(key) ?? []), edge]);
  }
  return [...pairs.values()].map((group) => {
    const first = group[0] as Edge;
    if (group.length === 1) return first;
    const support = group.find((edge) => edge.type === DIRECTED);
    const types = group.map((edge) => edge.type);
    return support
      ? { ...support, types: [DIRECTED, ...types.filter((type) => type !== DIRECTED)] }
      : { ...first, types };
  });
}

/** A relation in words, as the map's description and the table of relations not drawn give it. */
export function relationWords(edge: Pick<Edge, 'type' | 'mutual'>): string {
  return edge.type === DIRECTED ? (edge.mutual ? 'mutual support' : 'supports') : edge.type;
}

function describeEdge(graph: ActorGraph, edge: Edge): string {
  const from = graph.names[edge.from] ?? '';
  const to = graph.names[edge.to] ?? '';
  if (edge.type === DIRECTED)
    return edge.mutual ? `${from} — mutual ${edge.type} — ${to}` : `${from} — ${edge.type} → ${to}`;
  return `${from} — ${edge.type} — ${to}`;
}

/**
 * The map as text (the SVG's `<desc>` and the slide's alt text): the
 * relations drawn (`Islamic State (IS) — conflict — Derna Mujahideen Shura
 * Council (DMSC); A — support → B`), the actors shown by stance, and the
 * actors not shown.
 */
export function describeActorGraph(graph: ActorGraph): string {
  const parts: string[] = [];
  parts.push(
    graph.edges.length > 0
      ? `Relations: ${graph.edges.map((edge) => describeEdge(graph, edge)).join('; ')}.`
      : 'No relations between the actors shown.',
  );
  for (const stance of STANCES) {
    const names = graph.shown.filter((i) => graph.stances[i] === stance).map((i) => graph.names[i]);
    if (names.length > 0) parts.push(`${capitalize(stance)}: ${names.join('; ')}.`);
  }
  if (graph.omitted.length > 0)
    parts.push(`Not shown: ${graph.omitted.map((i) => graph.names[i]).join('; ')}.`);
  if (graph.hidden.length > 0)
    parts.push(`Relations not drawn: ${graph.hidden.map((edge) => describeEdge(graph, edge)).join('; ')}.`);
  return parts.join(' ');
}
