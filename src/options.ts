/**
 * The build's options, checked once and given their defaults in one place,
 * for the command line and the API alike. Each check throws a `UsageError`
 * that names the option the way its caller wrote it (`--timeout` on the
 * command line, `timeoutMs` in the API), so a wrong value never reaches a
 * later stage (`handout: 'a5'` is refused, not taken as A4).
 */
import os from 'node:os';
import { UsageError } from './errors.js';
import { ASPECTS, type Aspect } from './format/briefing.js';
import { truncate } from './format/format.js';
import { BUILT_IN_THEMES } from './format/themes.js';
import { PAPERS, type Paper } from './outputs/handout/index.js';

/**
 * The pipeline's options, resolved: every value checked and defaulted. The
 * command line and the API each resolve what they were given into this one
 * shape, once; every later stage takes it as it is.
 */
export interface PipelineOptions {
  /** Output folder, relative to `cwd`. */
  outDir: string;
  cwd: string;
  pdf: boolean;
  strict: boolean;
  /** A built-in theme and an aspect that replace each briefing's own, applied before it is validated. */
  deck: DeckOverrides;
  templatesDir?: string;
  handout?: Paper;
  /** The briefer's script, `OUT/NAME-notes.pdf`, on this paper. */
  notes?: Paper;
  /** The PowerPoint deck, `OUT/NAME.pptx`. */
  pptx: boolean;
  /** The PowerPoint deck's font (one every Office install has; default Arial). */
  pptxFont?: string;
  /** The PowerPoint deck's notes pane keeps the speaker notes (false: `--no-notes`, `pptxNotes: false`, and `mail` without `--with-notes`). */
  pptxNotes: boolean;
  singleFile: boolean;
  /** The handout and the single file keep the speaker notes. */
  withNotes: boolean;
  timeoutMs: number;
  /** `--since PREVIOUS`: the previous version to mark the changes against, a file or `git:REV`. */
  since?: string;
}

export interface DeckOverrides {
  theme?: string;
  aspect?: Aspect;
}

/** What the command line or the API was given for the pipeline, as given: `resolvePipeline` checks it. */
export type PipelineInput = Partial<Record<PipelineKey, unknown>>;
type PipelineKey = Exclude<keyof PipelineOptions, 'deck'> | keyof DeckOverrides;

/** How the caller writes an option, for its messages: `timeoutMs` in the API, `--timeout` on the command line. */
export type OptionName = (key: PipelineKey) => string;

/**
 * The pipeline's options, every value checked and defaulted: the one place
 * their defaults are, for the command line and the API alike.
 */
export function resolvePipeline(input: PipelineInput, name: OptionName): PipelineOptions {
  const flag = (key: PipelineKey) => optional<boolean>(input[key], name(key), 'boolean');
  const text = (key: PipelineKey) => optional<string>(input[key], name(key), 'string');
  const [templatesDir, pptxFont] = [text('templatesDir'), text('pptxFont')];
  const handout = checkHandout(input.handout, name('handout'));
  const notes = checkHandout(input.notes, name('notes'));
  const since = checkSince(input.since, name('since'));
  return {
    outDir: text('outDir') ?? DEFAULT_OUT_DIR,
    cwd: text('cwd') ?? process.cwd(),
    pdf: flag('pdf') ?? true,
    strict: flag('strict') ?? false,
    deck: checkDeckOverrides(input.theme, input.aspect, name),
    ...(templatesDir === undefined ? {} : { templatesDir }),
    ...(handout === undefined ? {} : { handout }),
    ...(notes === undefined ? {} : { notes }),
    pptx: flag('pptx') ?? false,
    ...(pptxFont === undefined ? {} : { pptxFont }),
    pptxNotes: flag('pptxNotes') ?? true,
    singleFile: flag('singleFile') ?? false,
    withNotes: flag('withNotes') ?? false,
    timeoutMs: checkTimeout(input.timeoutMs, name('timeoutMs')),
    ...(since === undefined ? {} : { since }),
  };
}

export const DEFAULT_OUT_DIR = 'dist';
export const DEFAULT_TIMEOUT_MS = 30_000;
/** Briefings built at the same time: one per core, at most 4. */
export const DEFAULT_JOBS = Math.max(1, Math.min(4, os.availableParallelism?.() ?? os.cpus().length));

/** A value in a message: text quoted and cut, anything else as JavaScript shows it. */
function shown(value: unknown): string {
  if (typeof value === 'string') return `"${truncate(value)}"`;
  if (typeof value === 'number' || typeof value === 'boolean' || value == null) return String(value);
  return Array.isArray(value) ? 'a list' : `a ${typeof value}`;
}

/** A whole number ≥ 1, as a number or as written on the command line. */
function wholeNumber(value: unknown, name: string, what: string, example: string): number {
  const number = typeof value === 'string' && /^\s*\d+\s*$/.test(value) ? Number(value) : value;
  if (typeof number !== 'number' || !Number.isSafeInteger(number) || number < 1) {
    throw new UsageError(`${name} takes ${what}, got ${shown(value)}`, { hint: `For example: ${example}` });
  }
  return number;
}

export function checkTimeout(value: unknown, name: string): number {
  if (value === undefined) return DEFAULT_TIMEOUT_MS;
  return wholeNumber(value, name, 'a whole number of milliseconds', `${name} 60000`);
}

export function checkJobs(value: unknown, name: string): number {
  if (value === undefined) return DEFAULT_JOBS;
  return wholeNumber(value, name, 'a whole number ≥ 1', `${name} 2`);
}

/** The handout's paper: `a4` or `letter` (any case). */
export function checkPaper(value: unknown, name: string): Paper {
  const paper = typeof value === 'string' ? value.toLowerCase() : undefined;
  if (paper === undefined || !(PAPERS as readonly string[]).includes(paper)) {
    throw new UsageError(`${name} takes ${PAPERS.join(' or ')}, got ${shown(value)}`, {
      hint: `A4 is the default; ${name} letter for US Letter.`,
    });
  }
  return paper as Paper;
}

/** A built-in theme and an aspect that replace each briefing's own; a usage error otherwise. */
function checkDeckOverrides(theme: unknown, aspect: unknown, name: OptionName): DeckOverrides {
  if (theme !== undefined && (typeof theme !== 'string' || !BUILT_IN_THEMES.includes(theme))) {
    throw new UsageError(
      `${name('theme')} takes a built-in theme (${BUILT_IN_THEMES.join(', ')}), got ${shown(theme)}`,
      { hint: 'A CSS file is set in the briefing: deck.theme: my-theme.css' },
    );
  }
  if (aspect !== undefined && !(ASPECTS as readonly unknown[]).includes(aspect)) {
    throw new UsageError(`${name('aspect')} takes ${ASPECTS.join(' or ')}, got ${shown(aspect)}`);
  }
  return {
    ...(theme === undefined ? {} : { theme }),
    ...(aspect === undefined ? {} : { aspect: aspect as Aspect }),
  };
}

/** `undefined`, or a value of the type named; else a usage error naming the option. */
export function optional<T>(
  value: unknown,
  name: string,
  type: 'string' | 'boolean' | 'function',
): T | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== type || (type === 'string' && value === '')) {
    throw new UsageError(
      `${name} takes ${type === 'string' ? 'a non-empty string' : `a ${type}`}, got ${shown(value)}`,
    );
  }
  return value as T;
}

/** Briefing files and folders: a path, or a non-empty list of them. */
export function checkInputs(value: unknown, name: string): string[] {
  const list = typeof value === 'string' ? [value] : Array.isArray(value) ? value : undefined;
  if (list === undefined)
    throw new UsageError(`${name} takes a path or a list of paths, got ${shown(value)}`);
  list.forEach((item, index) => {
    if (typeof item !== 'string' || item === '')
      throw new UsageError(`${name}[${index}] must be a path, got ${shown(item)}`);
  });
  return list as string[];
}

/** `handout`: true for A4, or the paper; false or undefined for none. */
export function checkHandout(value: unknown, name: string): Paper | undefined {
  if (value === undefined || value === false) return undefined;
  if (value === true) return 'a4';
  return checkPaper(value, name);
}

/**
 * The previous version (`--since`): a briefing file, or `git:REV` (the same file at a git revision).
 * A file names one briefing's previous version, so with several briefings only `git:REV` can serve.
 */
export function checkSince(value: unknown, name: string): string | undefined {
  const since = optional<string>(value, name, 'string');
  if (since === 'git:') {
    throw new UsageError(`${name} git: needs a revision`, {
      hint: `For example: ${name} git:HEAD~1, ${name} git:main`,
    });
  }
  return since;
}

/** `since` as a file applies to one briefing only. */
export function checkSinceFor(since: string | undefined, briefings: number): void {
  if (since !== undefined && !since.startsWith('git:') && briefings > 1) {
    throw new UsageError(
      `the previous version ${shown(since)} is one briefing's, and ${briefings} briefings are built`,
      { hint: 'For many briefings, compare each with itself at a git revision: --since git:HEAD~1' },
    );
  }
}
