/**
 * `--since PREVIOUS` in a build: the previous version read (once, by the
 * caller: watch keeps it while the user edits) and compared with the
 * briefing being built. A briefing that is not at the git revision named
 * (new since then) has nothing to compare with: it is built without marks.
 * A judgment that moved without its reason is a warning, and an error under
 * `--strict`.
 */
import { BriefingError, type Warning } from '../errors.js';
import type { Briefing } from '../format/briefing.js';
import { compareBriefings } from './_compare.js';
import { NotAtRevisionError, readPrevious } from './_previous.js';
import type { Changes } from './types.js';

/** The previous version of `file` (both as the user named them, relative to `cwd`), or undefined when it is new at that revision. */
export async function readBaseline(
  spec: string,
  file: string,
  cwd: string,
  onWarning?: (warning: Warning) => void,
): Promise<Briefing | undefined> {
  try {
    return await readPrevious(spec, file, cwd);
  } catch (error) {
    if (!(error instanceof NotAtRevisionError)) throw error;
    // The message names the file as git does (`briefings/b.yaml is not at HEAD~1`).
    onWarning?.({ message: `${error.message}; no changes to show` });
    return undefined;
  }
}

/** How a build names its previous version: `--since` as given, or the briefing already read (watch reads it once). */
export interface SinceOptions {
  file: string;
  cwd: string;
  strict?: boolean;
  /** `--since PREVIOUS`: a file, or `git:REV`. */
  since?: string;
  /** The previous version, already read; `null`: there is none to compare with (new at that revision). */
  baseline?: Briefing | null;
  onWarning?: (warning: Warning) => void;
}

/** The previous version a build compares with, and what changed since. */
export interface Compared {
  previous: Briefing;
  changes: Changes;
}

/** What changed in `current` since the previous version the options name; undefined without one. */
export async function changesFor(current: Briefing, options: SinceOptions): Promise<Compared | undefined> {
  const previous =
    options.baseline !== undefined
      ? (options.baseline ?? undefined)
      : options.since !== undefined
        ? await readBaseline(options.since, options.file, options.cwd, options.onWarning)
        : undefined;
  const changes = changesSince(previous, current, options);
  return previous && changes && { previous, changes };
}

/**
 * What changed since `previous` (none without one). Its warnings go to `onWarning`; under `strict`
 * they are the build's errors, thrown together.
 */
export function changesSince(
  previous: Briefing | undefined,
  current: Briefing,
  { strict, onWarning }: { strict?: boolean; onWarning?: ((warning: Warning) => void) | undefined },
): Changes | undefined {
  if (!previous) return undefined;
  const changes = compareBriefings(previous, current);
  if (strict && changes.warnings.length > 0) throw new BriefingError(changes.warnings);
  for (const warning of changes.warnings) onWarning?.(warning);
  return changes;
}
