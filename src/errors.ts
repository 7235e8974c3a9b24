import { printable } from './terminalText.js';

/**
 * User errors are data: a problem in the briefing file, a wrong command line,
 * a render that could not finish. Each carries what the user needs to fix it.
 * Anything else thrown is a bug and is printed with its stack.
 */

/** One problem in a briefing file, at an exact place. */
export interface Problem {
  file: string;
  line: number;
  col: number;
  /** YAML path such as `risks[1].likelihood`; empty for the whole file. */
  path: string;
  /** What is wrong (`"probable" is not a likelihood term`). */
  message: string;
  /** What to do about it, when there is something to say (`use one of: …`, `did you mean "title"?`). */
  hint?: string;
}

/** A problem at `path` in a read briefing (its place from the file's positions; the file's start if none). */
export function problemAt(
  briefing: { file: string; positions: ReadonlyMap<string, { line: number; col: number }> },
  path: string,
  message: string,
  hint?: string,
): Problem {
  const { line, col } = briefing.positions.get(path) ?? { line: 1, col: 1 };
  return { file: briefing.file, line, col, path, message, ...(hint === undefined ? {} : { hint }) };
}

/** One line: `FILE:LINE:COL: path: message; hint`. */
export function formatProblem(p: Problem): string {
  const where = `${p.file}:${p.line}:${p.col}`;
  const text = p.hint ? `${p.message}; ${p.hint}` : p.message;
  return p.path ? `${where}: ${p.path}: ${text}` : `${where}: ${text}`;
}

/**
 * Something the user should know that does not stop a build: a problem at its place in the briefing
 * (a passed deadline, an overflow, a judgment moved without its reason), or a note about the run (a
 * request the deck's page was refused). It stays data until it is shown (`formatWarning`).
 */
export type Warning = Problem | { message: string };

/** Whether a warning is about a place in a briefing file. */
export function isProblem(warning: Warning): warning is Problem {
  return 'file' in warning;
}

/** A warning as one line: a problem as `formatProblem` writes it, a note as it is. */
export function formatWarning(warning: Warning): string {
  return isProblem(warning) ? formatProblem(warning) : warning.message;
}

/** A problem as editors and CI read it (`briefdeck validate --format json`). */
export interface ProblemJson {
  file: string;
  line: number;
  column: number;
  path: string;
  message: string;
  hint?: string;
}

/** The problems as plain objects, in the order given; the same problems, one for one, as `formatProblem` prints. */
export function problemsAsJson(problems: readonly Problem[]): ProblemJson[] {
  return problems.map(({ file, line, col, path, message, hint }) => ({
    file,
    line,
    column: col,
    path,
    message,
    ...(hint ? { hint } : {}),
  }));
}

/** Exit codes of the CLI, one per kind of outcome. */
export const ExitCode = { ok: 0, invalid: 1, usage: 2, render: 3 } as const;
export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];

/** Base class for errors the user can fix; `exitCode` says which kind. */
export abstract class UserError extends Error {
  abstract readonly exitCode: ExitCode;
  /** One line saying what to do, printed after the message. */
  readonly hint: string | undefined;

  constructor(message: string, options: { hint?: string; cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    this.hint = options.hint;
  }

  /** The lines the CLI prints, without a stack (control characters shown escaped). */
  lines(): string[] {
    return (this.hint ? [this.message, this.hint] : [this.message]).map(printable);
  }
}

/** The briefing file has problems; all of them are listed. */
export class BriefingError extends UserError {
  override readonly exitCode = ExitCode.invalid;
  readonly problems: readonly Problem[];
  /** Problems found beyond those listed (a file with hundreds of mistakes lists the first hundred). */
  readonly more: number;

  constructor(problems: readonly Problem[], more = 0) {
    const first = problems[0];
    super(first ? formatProblem(first) : 'invalid briefing');
    this.problems = problems;
    this.more = more;
  }

  override lines(): string[] {
    return [...this.problemLines(), this.summary()];
  }

  /** One line a problem, `FILE:LINE:COL: path: message`, and how many more there are. */
  problemLines(): string[] {
    return [
      ...this.problems.map((problem) => printable(formatProblem(problem))),
      ...(this.more > 0 ? [`… and ${this.more} more not listed.`] : []),
    ];
  }

  /** `N problems found`, those not listed counted. */
  found(): string {
    const count = this.problems.length + this.more;
    return `${count} problem${count === 1 ? '' : 's'} found`;
  }

  /** The closing line of a build; `file` names the briefing when it is one of many. */
  summary(file?: string): string {
    return file === undefined
      ? `${this.found()}; nothing was written.`
      : `${this.found()} in ${file}; nothing was written for it.`;
  }
}

/** The command line is wrong. */
export class UsageError extends UserError {
  override readonly exitCode = ExitCode.usage;
}

/** The deck or PDF could not be produced: no browser, a crash, a timeout. */
export class RenderError extends UserError {
  override readonly exitCode = ExitCode.render;
}

/** The classification is not shown as it must be (a theme hid, covered or relabelled it): never written. */
export class MarkingError extends RenderError {}

/** Slides that overflow, under `--strict`: each one a problem at the place of the item that does not fit. */
export class OverflowError extends RenderError {
  readonly problems: readonly Problem[];

  constructor(problems: readonly Problem[]) {
    super(
      `${problems.length} slide(s) overflow; no deck or PDF was written (--strict), the previous ones are as they were.`,
      {
        hint: 'Shorten the texts named above, or build without --strict to accept them.',
      },
    );
    this.problems = problems;
  }
}
