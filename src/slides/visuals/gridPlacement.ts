/**
 * Places the nodes of a small graph on grid slots so its straight edges
 * pass through as few other boxes as possible, cross as little as possible
 * and are short. A local search: from a greedy start, it moves one node to
 * another slot or swaps two while that lowers the cost, and it runs from a
 * few starts and keeps the best. Deterministic: no randomness, and ties go
 * to the first found.
 *
 * It runs once per build, in a fresh process, so mostly in V8's interpreter:
 * what counts is how many tests it makes, not how well they compile. Costs
 * are updated for the moved nodes' edges only, and a move is judged part by
 * part (hits, then crossings, then length), each counted only as far as it
 * decides: most moves tried are rejected on the first part. The cost of the
 * moves kept is worked out in full, in the same order as ever, so the
 * result does not depend on how far a rejected move was counted.
 */
import { PlacementBoard, type PlacementProblem } from './_placementBoard.js';
import {
  add,
  cheaper,
  LENGTH_TOLERANCE,
  type PlacementCost,
  selectionCost,
  selectionCrossings,
  selectionHits,
  selectionLength,
} from './_placementCost.js';

export type { PlacementProblem } from './_placementBoard.js';
export { cheaper, type PlacementCost } from './_placementCost.js';

/** How many starts the search runs from at least: the first node in each of the slots nearest the middle. */
const STARTS = 4;
const MAX_PASSES = 50;

/**
 * The slot of each node: improved from `start` when given, else the best of
 * a few greedy starts, each improved.
 */
export function placeNodes(
  problem: PlacementProblem,
  start?: readonly number[],
): { slotOf: number[]; cost: PlacementCost } {
  const search = new Search(new PlacementBoard(problem));
  if (start) {
    search.place(start);
    search.improve();
    return { slotOf: search.board.slots(), cost: search.cost };
  }
  let best: { slotOf: number[]; cost: PlacementCost } | undefined;
  const { middle } = search.board;
  for (let n = 0; n < middle.length; n++) {
    // A few starts, or as many as it takes to run no edge through a box.
    if (best && n >= STARTS && best.cost.hits === 0) break;
    search.greedy(middle[n] as number);
    search.improve();
    if (!best || cheaper(search.cost, best.cost)) best = { slotOf: search.board.slots(), cost: search.cost };
  }
  return best as { slotOf: number[]; cost: PlacementCost };
}

/** The search on a board, and the cost of the board's placement, kept as it changes. */
class Search {
  cost: PlacementCost = { crossings: 0, hits: 0, length: 0 };

  constructor(readonly board: PlacementBoard) {}

  /** Places the nodes in the slots given, and works out the cost in full. */
  place(slotOf: readonly number[]): void {
    const { board } = this;
    board.clear();
    slotOf.forEach((slot, node) => {
      board.put(node, slot);
    });
    board.selectAll();
    this.cost = selectionCost(board);
    board.unselect();
  }

  /**
   * The greedy start: the most connected node in slot `first`, then, one by
   * one, the node with most links to those placed (more links in all, then
   * the lower index, on a tie) in the free slot that costs least (nearest
   * the middle on a tie).
   */
  greedy(first: number): void {
    const { board } = this;
    const { slotOf, nodeAt, degree, ea, eb } = board;
    board.clear();
    this.cost = { crossings: 0, hits: 0, length: 0 };
    for (let step = 0; step < board.n; step++) {
      let next = -1;
      let links = -1;
      for (let node = 0; node < board.n; node++) {
        if ((slotOf[node] as number) >= 0) continue;
        let placed = 0;
        for (const e of board.incident[node] as number[]) {
          const other = ea[e] === node ? (eb[e] as number) : (ea[e] as number);
          if ((slotOf[other] as number) >= 0) placed++;
        }
        if (placed > links || (placed === links && (degree[node] as number) > (degree[next] as number))) {
          next = node;
          links = placed;
        }
      }
      board.select(next, -1);
      let bestSlot = -1;
      let bestCost: PlacementCost | undefined;
      for (const slot of step === 0 ? [first] : board.middle) {
        if (step > 0 && nodeAt[slot] !== -1) continue;
        board.put(next, slot);
        const cost = this.costIfCheaper(bestCost);
        slotOf[next] = -1;
        nodeAt[slot] = -1;
        if (cost) {
          bestSlot = slot;
          bestCost = cost;
        }
      }
      board.unselect();
      board.put(next, bestSlot);
      this.cost = bestCost as PlacementCost;
    }
  }

  /**
   * The cost with the selection (one node) placed where it is, if it is
   * cheaper than `best` (or there is no best yet), else undefined. Hits are
   * counted only until they exceed the best's, crossings only when hits tie
   * (and until they exceed), the length only when both tie or it is cheaper.
   */
  private costIfCheaper(best: PlacementCost | undefined): PlacementCost | undefined {
    const { board } = this;
    if (!best) return add(this.cost, selectionCost(board));
    const { hits, crossings } = this.cost;
    const hitsAdded = selectionHits(board, best.hits - hits);
    if (hits + hitsAdded > best.hits) return undefined;
    const crossingsAdded = selectionCrossings(
      board,
      hits + hitsAdded < best.hits ? Number.POSITIVE_INFINITY : best.crossings - crossings,
    );
    if (hits + hitsAdded === best.hits && crossings + crossingsAdded > best.crossings) return undefined;
    const cost = add(this.cost, {
      crossings: crossingsAdded,
      hits: hitsAdded,
      length: selectionLength(board),
    });
    return cheaper(cost, best) ? cost : undefined;
  }

  /**
   * Moves one node to another slot, or swaps two, while that lowers the
   * cost. A try depends only on the placement (and its cost), which changes
   * only when a move is kept: a try rejected since the last move kept would
   * be rejected again, so it is not made again. That spares most of the
   * last pass, which only confirms that no move is cheaper, and the second
   * try of a swap (the other node to this one's slot) when the first was
   * rejected on a count, which does not depend on which node moves first
   * (a length does, in its last bits: it sums the same edges in another
   * order).
   */
  improve(): void {
    const { board } = this;
    const { slotOf, nodeAt } = board;
    const slots = board.sx.length;
    /** By node and slot: the number of moves kept when that try was last rejected. */
    const rejectedAt = new Int32Array(board.n * slots).fill(-1);
    let kept = 0;
    for (let pass = 0; pass < MAX_PASSES; pass++) {
      let improved = false;
      for (let node = 0; node < board.n; node++) {
        for (let slot = 0; slot < slots; slot++) {
          const from = slotOf[node] as number;
          if (slot === from || rejectedAt[node * slots + slot] === kept) continue;
          const other = nodeAt[slot] as number;
          board.select(node, other);
          const outcome = this.moveIfCheaper(node, slot);
          board.unselect();
          if (outcome === 'kept') {
            improved = true;
            kept++;
            continue;
          }
          rejectedAt[node * slots + slot] = kept;
          if (outcome === 'more' && other >= 0 && from >= 0) rejectedAt[other * slots + from] = kept;
        }
      }
      if (!improved) break;
    }
  }

  /**
   * Moves `node` to `slot`, swapping it with the node there (both selected),
   * if that lowers the cost; else leaves them as they were, and says what
   * decided it: more hits or crossings, or edges no shorter. The parts of
   * the cost compare in order, and each is counted before and after the
   * move only when the parts before it tie. One side's count stops as soon
   * as it exceeds the other's, which is enough to decide; a part before the
   * move is 0 without counting when the whole is 0 (the whole is kept exact,
   * and a part never exceeds it). A move kept gets its cost in full.
   */
  private moveIfCheaper(node: number, slot: number): 'kept' | 'more' | 'longer' {
    const { board } = this;
    const from = board.slotOf[node] as number;
    const other = board.nodeAt[slot] as number;
    const { hits, crossings, length } = this.cost;

    const hitsBefore = hits === 0 ? 0 : selectionHits(board, Number.POSITIVE_INFINITY);
    board.swap(node, from, other, slot); // after the move
    const hitsAfter = selectionHits(board, hitsBefore);
    if (hitsAfter > hitsBefore) {
      board.swap(node, slot, other, from);
      return 'more';
    }
    if (hitsAfter === hitsBefore) {
      const crossingsAfter = selectionCrossings(board, crossings === 0 ? 0 : Number.POSITIVE_INFINITY);
      board.swap(node, slot, other, from); // before it
      const crossingsBefore = crossings === 0 ? 0 : selectionCrossings(board, crossingsAfter);
      if (crossingsBefore < crossingsAfter) return 'more';
      if (crossingsBefore === crossingsAfter) {
        const lengthBefore = selectionLength(board);
        board.swap(node, from, other, slot); // after
        const lengthAfter = length + selectionLength(board) - lengthBefore;
        if (lengthAfter < length - LENGTH_TOLERANCE) {
          this.cost = { crossings, hits, length: lengthAfter };
          return 'kept';
        }
        board.swap(node, slot, other, from);
        return 'longer';
      }
      board.swap(node, from, other, slot);
    }
    // Cheaper (now after the move): the new cost in full, from the parts after and before the move.
    const after = selectionCost(board);
    board.swap(node, slot, other, from);
    const before = selectionCost(board);
    board.swap(node, from, other, slot);
    this.cost = add(this.cost, after, before);
    return 'kept';
  }
}
