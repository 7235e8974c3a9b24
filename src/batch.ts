import path from 'node:path';
import { checkOutputClashes, findBriefings } from './batchFiles.js';
import type { Overflow } from './browser/print.js';
import { BrowserSession } from './browser/session.js';
import { type BuildOptions, buildBriefing, needsBrowser, readBriefing } from './build.js';
import {
  BriefingError,
  ExitCode,
  formatWarning,
  isProblem,
  type Problem,
  problemsAsJson,
  RenderError,
  UsageError,
} from './errors.js';
import type { Aspect, Briefing } from './format/briefing.js';
import {
  checkInputs,
  checkJobs,
  checkSinceFor,
  optional,
  type PipelineOptions,
  resolvePipeline,
} from './options.js';
import { loadTemplates } from './outputs/deck.js';
import type { Paper } from './outputs/handout/index.js';
import { briefingName } from './outputs/names.js';
import { checkOutputFolder, writeFileAtomic } from './outputs/write.js';
import { checkShard, inShard, type Shard } from './shard.js';

export { checkOutputClashes, findBriefings } from './batchFiles.js';

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
  /** Also print the briefer's script, `OUT/NAME-notes.pdf`, on this paper (`true` means A4). */
  notes?: Paper | boolean;
  /** Also write the PowerPoint deck, `OUT/NAME.pptx` (needs no browser). */
  pptx?: boolean;
  /** The PowerPoint deck's font (default Arial). */
  pptxFont?: string;
  /** Also write the single-file deck. */
  singleFile?: boolean;
  /** The PowerPoint deck's notes pane keeps the speaker notes (default true; false is the command line's `--no-notes`). */
  pptxNotes?: boolean;
  /** Keep the speaker notes in the handout and the single file (default false: they are the briefer's). */
  withNotes?: boolean;
  /** Limit for each browser step, in milliseconds (default 30000). */
  timeoutMs?: number;
  /**
   * Mark what changed since the previous version: an earlier briefing file (one briefing only), or
   * `git:REV`, each briefing as it was at that git revision (one new since then shows no changes).
   */
  since?: string;
  /** Briefings built at the same time (default: one per core, at most 4). */
  jobs?: number;
  /**
   * Skip a briefing whose inputs (YAML, theme, logo, templates, briefdeck's version, options) and
   * outputs are as its last build left them. Default: on when the inputs name more than one briefing.
   */
  incremental?: boolean;
  /** Build every briefing, even one that is up to date. */
  force?: boolean;
  /** Build only shard I of N (`"2/4"`, counting from 1): a stable share of the briefings, for CI runners. */
  shard?: string;
  /** Also write the run's outcomes as JSON to this file (relative to `cwd`). */
  report?: string;
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
  /**
   * Something the user should know that does not stop a briefing, as one line: an overflow, a passed
   * deadline (each a `problem` at its place in the file, the line starting `FILE:LINE:COL:`), a
   * blocked request.
   */
  onWarning?: (file: string, message: string, problem?: Problem) => void;
}

export interface BriefingOutcome {
  /** The briefing file, as found (relative to `cwd` when it was given so). */
  file: string;
  /** Its base name: the outputs are `OUT/NAME.html`, `OUT/NAME.pdf`, … */
  name: string;
  /**
   * `built`; `unchanged` (up to date, not built again); `invalid` (see `problems`); `failed` (see
   * `error`); `skipped` when the run was stopped first.
   */
  status: 'built' | 'unchanged' | 'invalid' | 'failed' | 'skipped';
  outputs: {
    html?: string;
    pdf?: string;
    handout?: string;
    notes?: string;
    pptx?: string;
    singleFile?: string;
  };
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
  /** Up to date: not built again. */
  unchanged: number;
  invalid: number;
  failed: number;
  ms: number;
  /** The command line's exit code: 3 if any failed, else 1 if any was invalid, else 0. */
  exitCode: number;
}

/** A request's every option checked and defaulted. */
export interface ResolvedBuild {
  pipeline: PipelineOptions;
  inputs: string[];
  recursive: boolean;
  jobs: number;
  /** Undefined: on when more than one briefing is built. */
  incremental?: boolean;
  force: boolean;
  shard?: Shard;
  report?: string;
}

/** What a run reports to, and what it may be given: a browser, an environment, a signal. */
export type BuildHooks = Pick<
  BuildRequest,
  'browser' | 'env' | 'signal' | 'onBriefing' | 'onStep' | 'onWarning'
>;

/** Checks every option of the API's request, as the command line's are: a wrong one is a `UsageError`. */
export function resolveBuildRequest(request: BuildRequest): ResolvedBuild {
  if (typeof request !== 'object' || request === null)
    throw new UsageError('build takes a request object, such as { inputs: "briefing.yaml" }');
  for (const name of ['onBriefing', 'onStep', 'onWarning'] as const)
    optional(request[name], name, 'function');
  if (request.browser !== undefined && !(request.browser instanceof BrowserSession))
    throw new UsageError('browser takes a BrowserSession');
  if (request.signal !== undefined && !(request.signal instanceof AbortSignal))
    throw new UsageError('signal takes an AbortSignal');
  return {
    inputs: checkInputs(request.inputs, 'inputs'),
    recursive: optional<boolean>(request.recursive, 'recursive', 'boolean') ?? false,
    jobs: checkJobs(request.jobs, 'jobs'),
    ...optionalEntry('incremental', optional<boolean>(request.incremental, 'incremental', 'boolean')),
    force: optional<boolean>(request.force, 'force', 'boolean') ?? false,
    ...optionalEntry('shard', request.shard === undefined ? undefined : checkShard(request.shard, 'shard')),
    ...optionalEntry('report', optional<string>(request.report, 'report', 'string')),
    // The API's names are the pipeline's, but for the templates' folder.
    pipeline: resolvePipeline({ ...request, templatesDir: request.templates }, (key) =>
      key === 'templatesDir' ? 'templates' : key,
    ),
  };
}

/** Checks a briefing file: the typed briefing, or a `BriefingError` that lists every problem at its place. */
export async function validate(file: string, options: { cwd?: string } = {}): Promise<Briefing> {
  if (typeof file !== 'string' || file === '') throw new UsageError('validate takes a briefing file');
  return readBriefing(file, optional<string>(options.cwd, 'cwd', 'string') ?? process.cwd());
}

export async function build(request: BuildRequest): Promise<BuildReport> {
  return runBuild(resolveBuildRequest(request), request);
}

/** Builds what a resolved request names (the command line resolves its own options into the same shape). */
export async function runBuild(resolved: ResolvedBuild, hooks: BuildHooks): Promise<BuildReport> {
  const started = performance.now();
  const { pipeline } = resolved;
  const { cwd, outDir } = pipeline;
  const found = await findBriefings(resolved.inputs, { cwd, recursive: resolved.recursive });
  const files = resolved.shard ? inShard(found, resolved.shard, cwd) : found;
  const incremental = resolved.incremental ?? found.length > 1;
  checkOutputClashes(files, pipeline);
  checkSinceFor(pipeline.since, files.length);
  await checkOutputFolder(path.resolve(cwd, outDir), outDir);
  // Templates are read and checked once for the whole run: a mistake in them is the run's, not a briefing's.
  const templates = loadTemplates(pipeline.templatesDir && path.resolve(cwd, pipeline.templatesDir));
  const session =
    hooks.browser ??
    (needsBrowser(pipeline)
      ? new BrowserSession({ env: hooks.env ?? process.env, timeoutMs: pipeline.timeoutMs, keepPage: true })
      : undefined);
  const outcomes = files.map(
    (file): BriefingOutcome => ({
      file,
      name: briefingName(file),
      status: 'skipped',
      outputs: {},
      overflows: [],
      problems: [],
      moreProblems: 0,
      ms: 0,
    }),
  );
  const queue = [...outcomes];
  /** What stops the run: thrown once the briefings under way are done. */
  let stopped: { error: unknown } | undefined;
  const worker = async () => {
    for (let outcome = queue.shift(); outcome; outcome = queue.shift()) {
      if (hooks.signal?.aborted || stopped) return;
      const error = await buildOne(
        outcome,
        { ...pipeline, templates, session, incremental, force: resolved.force },
        hooks,
      );
      if (error) stopped ??= error;
      else hooks.onBriefing?.(outcome);
    }
  };
  try {
    await Promise.all(Array.from({ length: Math.min(resolved.jobs, files.length) }, worker));
  } finally {
    if (!hooks.browser) await session?.close();
  }
  if (stopped) throw stopped.error;
  const result = report(outcomes, performance.now() - started);
  if (resolved.report) await writeReport(path.resolve(cwd, resolved.report), result, resolved.shard);
  return result;
}

/**
 * Builds one briefing into its outcome. A usage error (a broken partial) is the run's, and a bug is
 * not the user's: it is returned, to stop the run once the briefings under way finish.
 */
async function buildOne(
  outcome: BriefingOutcome,
  options: Omit<BuildOptions, 'file'>,
  hooks: BuildHooks,
): Promise<{ error: unknown } | undefined> {
  const start = performance.now();
  try {
    const result = await buildBriefing({
      ...options,
      file: outcome.file,
      onStep: (step, ms, detail) => hooks.onStep?.(outcome.file, step, ms, detail),
      onWarning: (warning) =>
        hooks.onWarning?.(outcome.file, formatWarning(warning), isProblem(warning) ? warning : undefined),
    });
    Object.assign(outcome, {
      status: result.unchanged ? 'unchanged' : 'built',
      outputs: {
        html: result.html,
        pdf: result.pdf,
        handout: result.handout,
        notes: result.notes,
        pptx: result.pptx,
        singleFile: result.singleFile,
      },
      slideCount: result.slideCount,
      overflows: result.overflows,
    });
  } catch (error) {
    if (error instanceof BriefingError) {
      Object.assign(outcome, { status: 'invalid', problems: [...error.problems], moreProblems: error.more });
    } else if (error instanceof RenderError) {
      Object.assign(outcome, { status: 'failed', error: { message: error.message, hint: error.hint } });
    } else {
      return { error };
    }
  }
  outcome.ms = performance.now() - start;
  return undefined;
}

function report(outcomes: BriefingOutcome[], ms: number): BuildReport {
  const count = (status: BriefingOutcome['status']) => outcomes.filter((o) => o.status === status).length;
  const failed = count('failed');
  const invalid = count('invalid');
  return {
    briefings: outcomes,
    built: count('built'),
    unchanged: count('unchanged'),
    invalid,
    failed,
    ms,
    exitCode: failed > 0 ? ExitCode.render : invalid > 0 ? ExitCode.invalid : ExitCode.ok,
  };
}

/** `{ ...optionalEntry('key', value) }`: the key only when there is a value. */
function optionalEntry<K extends string, V>(key: K, value: V | undefined): { [P in K]?: V } {
  return (value === undefined ? {} : { [key]: value }) as { [P in K]?: V };
}

/** The run's outcomes as JSON, for a last CI job to check that every shard built everything. */
async function writeReport(file: string, result: BuildReport, shard: Shard | undefined): Promise<void> {
  const json = {
    shard: shard ? `${shard.index}/${shard.count}` : undefined,
    built: result.built,
    unchanged: result.unchanged,
    invalid: result.invalid,
    failed: result.failed,
    exitCode: result.exitCode,
    briefings: result.briefings.map(({ file, status, outputs, problems, error }) => ({
      file,
      status,
      outputs,
      problems: problemsAsJson(problems),
      ...(error ? { error } : {}),
    })),
  };
  await writeFileAtomic(file, `${JSON.stringify(json, null, 2)}\n`);
}
