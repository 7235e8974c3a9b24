/**
 * What a rebuild tells the user, as data: the deck built and how long it
 * took, that the outputs in the folder were this save's already, or why the
 * save did not make everything. It becomes text only at the edges, the same
 * lines at each: the terminal (cli/watch.ts) and the overlay over open decks
 * (`overlayState`, sent by the server as JSON).
 */
import {
  type BriefingError,
  formatProblem,
  type MarkingError,
  type Problem,
  type RenderError,
  type UserError,
} from '../errors.js';
import type { DeckState } from './server.js';

/** A good rebuild: how long the deck and the PDFs took. */
export interface Built {
  deckMs: number;
  pdfMs?: number;
  handoutMs?: number;
  notesMs?: number;
  slides: number;
}

/** The PDFs a rebuild prints: the slides, the handout, the briefer's script. */
export type PrintedOutput = 'pdf' | 'handout' | 'notes';

/**
 * A save that needed no rebuild: the outputs in the folder (the deck and the PDFs asked for), made
 * by an earlier build, are this save's already.
 */
export interface Current {
  slides: number;
  /** The PDFs asked for: they are current too. */
  printed: readonly PrintedOutput[];
  /** The output folder as the terminal shows it. */
  outDir: string;
}

/** A PDF asked for that this save's print did not write. */
export interface StaleOutput {
  /** As the terminal shows it (relative to the working folder). */
  file: string;
  /** An older one is there, made from an earlier save (else there is none). */
  exists: boolean;
}

/** Why a save did not make everything; `outDir` is the output folder as the terminal shows it. */
export type RebuildFailure =
  /** The briefing has problems: nothing was written. */
  | { kind: 'invalid'; error: BriefingError; outDir: string }
  /** Something else the user can fix stopped the deck (a partial that does not compile): nothing was written. */
  | { kind: 'unbuildable'; error: UserError; outDir: string }
  /** The deck did not show its classification as it must: the one before it was put back. */
  | { kind: 'notReplaced'; error: MarkingError; outDir: string }
  /** Slides overflow under --strict: the deck is this save's, its PDFs are not. */
  | { kind: 'overflow'; overflows: readonly Problem[]; stale: readonly StaleOutput[]; outDir: string }
  /** The PDFs could not be made (a timeout, a crashed browser): the deck is this save's. */
  | { kind: 'printFailed'; error: RenderError; stale: readonly StaleOutput[]; outDir: string };

/** A rebuild threw what no user can fix: a bug in briefdeck. */
export interface Bug {
  kind: 'bug';
  error: unknown;
}

/** A failure as text: problems and a closing line, printed as they are; or an error's lines, the first to be labelled `error:`. */
export type FailureText = { problems: string[]; summary: string } | { error: string[] };

export function failureText(failure: RebuildFailure | Bug): FailureText {
  switch (failure.kind) {
    case 'invalid':
      return {
        problems: failure.error.problemLines(),
        summary: `${failure.error.found()}; the last good deck stays in ${failure.outDir}/.`,
      };
    case 'unbuildable':
      return {
        problems: failure.error.lines().map((line) => `error: ${line}`),
        summary: `1 problem found; the last good deck stays in ${failure.outDir}/.`,
      };
    case 'notReplaced':
      return {
        problems: failure.error.lines().map((line, index) => (index === 0 ? `error: ${line}` : line)),
        summary: `The deck was not replaced; the last good one stays in ${failure.outDir}/.`,
      };
    case 'overflow': {
      const overflows = failure.overflows.map(formatProblem);
      return {
        problems: [...overflows, ...staleLines(failure.stale, failure.outDir)],
        summary: `${overflows.length} slide(s) overflow (--strict); shorten the texts named above.`,
      };
    }
    case 'printFailed':
      return { error: [...failure.error.lines(), ...staleLines(failure.stale, failure.outDir)] };
    case 'bug': {
      const { error } = failure;
      const text = error instanceof Error ? (error.stack ?? error.message) : String(error);
      return { error: [`internal error (a bug; please report it): ${text}`] };
    }
  }
}

/** What open decks show for a failure: its lines, and whether the deck they show is this save's. */
export function overlayState(failure: RebuildFailure): Pick<DeckState, 'problems' | 'current'> {
  const text = failureText(failure);
  const problems = 'error' in text ? labelled(text.error) : text.problems;
  // Only the PDFs failed: the deck on show is the last save's, and the lines say what it lacks.
  return failure.kind === 'overflow' || failure.kind === 'printFailed'
    ? { problems, current: true }
    : { problems };
}

function labelled([first = '', ...rest]: readonly string[]): string[] {
  return [`error: ${first}`, ...rest];
}

function staleLines(stale: readonly StaleOutput[], outDir: string): string[] {
  return stale.map(({ file, exists }) =>
    exists
      ? `${file} is stale: it was made from an earlier save, not the deck now in ${outDir}/.`
      : `${file} was not made.`,
  );
}
