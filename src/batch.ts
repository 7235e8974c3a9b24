/**
 * `build()`: the typed API, and what `briefdeck build` runs. Builds one
 * briefing or many (files, folders of `*.yaml`) in one run with one
 * browser, a few at a time, and returns what happened to each as data: its
 * outputs, slide count, overflows and problems. It never prints and never
 * exits; the only thing it throws is a `UsageError` for a request that
 * cannot start (no briefing found, two with the same name, a bad option).
 */
import { readdir, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { ASPECTS, type Aspect } from './briefing.js';
import type { Overflow } from './browser/print.js';
import { BrowserSession } from './browser/session.js';
import { briefingName, buildBriefing, needsBrowser } from './build.js';
import { BriefingError, ExitCode, type Problem, RenderError, UsageError } from './errors.js';
import type { Paper } from './handout.js';
import { loadTemplates } from './render.js';
import { BUILT_IN_THEMES } from './themes.js';
import { checkOutputFolder } from './write.js';

export interface BuildRequest {
  /** Briefing files and folders; a folder means every `*.yaml` and `*.yml` directly in it. */
  inputs: string | readonly string[];
  /** Look into the folders' subfolders too. */
  recursive?: boolean;
  /** Output folder (default `dist`), relative to `cwd`. */
  outDir?: string;
  /** Folder that relative paths are resolved against (default: the process's). */
  cwd?: string;
  /** Print the slide PDF (default true). */
  pdf?: boolean;
  /** An overflowing slide fails its briefing. */
  strict?: boolean;
  /** A built-in theme (`light`, `dark`) instead of each briefing's `deck.theme`. */
  theme?: string;
  /** `16:9` or `4:3` instead of each briefing's `deck.aspect`. */
  aspect?: Aspect;
  /** A folder of partials (`NAME.hbs`) that replace the built-in ones. */
  templates?: string;
  /** Also print the handout, on this paper (`true` means A4). */
  handout?: Paper | boolean;
  /** Also write the single-file deck. */
  singleFile?: boolean;
  /** Limit for each browser step, in milliseconds (default 30000). */
  timeoutMs?: number;
  /** Briefings built at the same time (default: one per core, at most 4). */
  jobs?: number;
  /** A browser to use; it is left open. Without one, `build` opens its own and closes it. */
  browser?: BrowserSession;
  /** Environment for finding the browser (default `process.env`). */
  env?: NodeJS.ProcessEnv;
  /** Stops the run: no further briefing starts; the ones under way finish or fail. */
  signal?: AbortSignal;
  /** Called when a briefing is done, in the order they finish. */
  onBriefing?: (outcome: BriefingOutcome) => void;
  /** Called when one step of a briefing ends (validate, render, write, print…), with its duration. */
  onStep?: (file: string, step: string, ms: number, detail?: string) => void;
  /** Something the user should know that does not stop a briefing (an overflow, a blocked request). */
  onWarning?: (file: string, message: string) => void;
}

export interface BriefingOutcome {
  /** The briefing file, as found (relative to `cwd` when it was given so). */
  file: string;
  /** Its base name: the outputs are `OUT/NAME.html`, `OUT/NAME.pdf`, … */
  name: string;
  /** `built`; `invalid` (see `problems`); `failed` (see `error`); `skipped` when the run was stopped first. */
  status: 'built' | 'invalid' | 'failed' | 'skipped';
  outputs: { html?: string; pdf?: string; handout?: string; singleFile?: string };
  slideCount?: number;
  overflows: Overflow[];
  /** What is wrong with the briefing file, each at its place. */
  problems: Problem[];
  /** Problems found beyond the first hundred, not listed. */
  moreProblems: number;
  /** Why the deck or PDF could not be made. */
  error?: { message: string; hint?: string };
  ms: number;
}

export interface BuildReport {
  briefings: BriefingOutcome[];
  built: number;
  invalid: number;
  failed: number;
  ms: number;
  /** The command line's exit code: 3 if any failed, else 1 if any was invalid, else 0. */
  exitCode: number;
}

export const DEFAULT_JOBS = Math.max(1, Math.min(4, os.availableParallelism?.() ?? os.cpus().length));

export async function build(request: BuildRequest): Promise<BuildReport> {
  const started = performance.now();
  const cwd = request.cwd ?? process.cwd();
  const files = await findBriefings(request.inputs, { cwd, recursive: request.recursive ?? false });
  await checkOutputFolder(path.resolve(cwd, request.outDir ?? 'dist'), request.outDir ?? 'dist');
  const jobs = request.jobs ?? DEFAULT_JOBS;
  if (!Number.isInteger(jobs) || jobs < 1)
    throw new UsageError(`jobs must be a whole number ≥ 1, got ${jobs}`);
  const deck = checkDeckOverrides(request.theme, request.aspect);
  const handout = request.handout === true ? 'a4' : request.handout || undefined;
  const pdf = request.pdf ?? true;
  const strict = request.strict ?? false;
  // Templates are read and checked once for the whole run: a mistake in them is the run's, not a briefing's.
  const templates = loadTemplates(request.templates && path.resolve(cwd, request.templates));
  const session =
    request.browser ??
    (needsBrowser({ pdf, strict, handout })
      ? new BrowserSession({
          env: request.env ?? process.env,
          timeoutMs: request.timeoutMs ?? 30_000,
          keepPage: true,
        })
      : undefined);

  const outcomes: BriefingOutcome[] = files.map((file) => ({
    file,
    name: briefingName(file),
    status: 'skipped',
    outputs: {},
    overflows: [],
    problems: [],
    moreProblems: 0,
    ms: 0,
  }));
  const queue = [...outcomes];
  const worker = async () => {
    for (let next = queue.shift(); next; next = queue.shift()) {
      if (request.signal?.aborted) return;
      const outcome = next;
      const start = performance.now();
      try {
        const result = await buildBriefing({
          file: outcome.file,
          outDir: request.outDir ?? 'dist',
          cwd,
          pdf,
          strict,
          deck,
          templates,
          handout,
          singleFile: request.singleFile,
          timeoutMs: request.timeoutMs ?? 30_000,
          session,
          onStep: (step, ms, detail) => request.onStep?.(outcome.file, step, ms, detail),
          onWarning: (message) => request.onWarning?.(outcome.file, message),
        });
        Object.assign(outcome, {
          status: 'built',
          outputs: {
            html: result.html,
            pdf: result.pdf,
            handout: result.handout,
            singleFile: result.singleFile,
          },
          slideCount: result.slideCount,
          overflows: result.overflows,
        });
      } catch (error) {
        if (error instanceof BriefingError) {
          Object.assign(outcome, {
            status: 'invalid',
            problems: [...error.problems],
            moreProblems: error.more,
          });
        } else if (error instanceof RenderError) {
          Object.assign(outcome, { status: 'failed', error: { message: error.message, hint: error.hint } });
        } else throw error;
      }
      outcome.ms = performance.now() - start;
      request.onBriefing?.(outcome);
    }
  };
  try {
    await Promise.all(Array.from({ length: Math.min(jobs, files.length) }, worker));
  } finally {
    if (!request.browser) await session?.close();
  }
  const count = (status: BriefingOutcome['status']) => outcomes.filter((o) => o.status === status).length;
  const failed = count('failed');
  const invalid = count('invalid');
  return {
    briefings: outcomes,
    built: count('built'),
    invalid,
    failed,
    ms: performance.now() - started,
    exitCode: failed > 0 ? ExitCode.render : invalid > 0 ? ExitCode.invalid : ExitCode.ok,
  };
}

/**
 * A built-in theme and an aspect that replace each briefing's own; a usage
 * error otherwise. `prefix` is how the option is written (`--` on the
 * command line).
 */
export function checkDeckOverrides(
  theme: string | undefined,
  aspect: string | undefined,
  prefix = '',
): { theme?: string; aspect?: Aspect } {
  if (theme !== undefined && !BUILT_IN_THEMES.includes(theme)) {
    throw new UsageError(
      `${prefix}theme takes a built-in theme (${BUILT_IN_THEMES.join(', ')}), got "${theme}"`,
      {
        hint: 'A CSS file is set in the briefing: deck.theme: my-theme.css',
      },
    );
  }
  if (aspect !== undefined && !(ASPECTS as readonly string[]).includes(aspect)) {
    throw new UsageError(`${prefix}aspect takes ${ASPECTS.join(' or ')}, got "${aspect}"`);
  }
  return { theme, aspect: aspect as Aspect | undefined };
}

/**
 * The briefing files the inputs name, in a stable order: files as given, folders' `*.yaml` and
 * `*.yml` sorted by name. Two with the same base name would write the same outputs: that is a
 * usage error, found before anything is built.
 */
export async function findBriefings(
  inputs: string | readonly string[],
  options: { cwd: string; recursive: boolean },
): Promise<string[]> {
  const list = typeof inputs === 'string' ? [inputs] : [...inputs];
  if (list.length === 0)
    throw new UsageError('no briefing given', { hint: 'Name a briefing file or a folder of them.' });
  const files: string[] = [];
  for (const input of list) {
    const info = await stat(path.resolve(options.cwd, input)).catch(() => undefined);
    if (!info?.isDirectory()) {
      // A file, or a path that does not exist: the build reports it as the briefing's problem.
      files.push(input);
      continue;
    }
    const found = await briefingsIn(input, options);
    if (found.length === 0) {
      throw new UsageError(`${input}: no briefing (*.yaml, *.yml) in this folder`, {
        hint: options.recursive ? 'Name another folder.' : 'Add --recursive to look in its subfolders.',
      });
    }
    files.push(...found);
  }
  const byName = new Map<string, string>();
  for (const file of files) {
    const name = briefingName(file);
    const other = byName.get(name);
    if (other !== undefined && path.resolve(options.cwd, other) !== path.resolve(options.cwd, file)) {
      throw new UsageError(`${other} and ${file} would both write ${name}.html and ${name}.pdf`, {
        hint: 'Rename one, or build them into different folders with --out.',
      });
    }
    byName.set(name, file);
  }
  return [...new Set(files)];
}

async function briefingsIn(dir: string, options: { cwd: string; recursive: boolean }): Promise<string[]> {
  const entries = await readdir(path.resolve(options.cwd, dir), { withFileTypes: true });
  entries.sort((a, b) => a.name.localeCompare(b.name));
  const files: string[] = [];
  for (const entry of entries) {
    if (entry.name.startsWith('.')) continue;
    const file = path.join(dir, entry.name);
    if (entry.isFile() && /\.ya?ml$/i.test(entry.name)) files.push(file);
    else if (options.recursive && entry.isDirectory() && entry.name !== 'node_modules')
      files.push(...(await briefingsIn(file, options)));
  }
  return files;
}
