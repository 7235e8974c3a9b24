/**
 * `briefdeck build FILE|DIR...`: one briefing or many in one run, through
 * the API (`build`). One briefing prints its steps as it goes; many print a
 * line each as they finish (on a terminal) and a summary. Problems and
 * failures are always printed. Ctrl-C stops starting briefings and closes
 * the browser, so the ones under way fail without writing; a second Ctrl-C
 * quits at once, removing every temporary file.
 */
import { type BriefingOutcome, findBriefings, runBuild } from '../batch.js';
import { BrowserSession } from '../browser/session.js';
import { needsBrowser } from '../build.js';
import { BriefingError } from '../errors.js';
import { checkJobs, DEFAULT_JOBS } from '../options.js';
import { checkShard } from '../shard.js';
import { printable } from '../terminalText.js';
import { defineCommand } from './_command.js';
import { EXIT_INTERRUPTED, interruptible } from './_interrupt.js';
import { PIPELINE_OPTIONS, progressOf, resolvePipelineOptions } from './_pipeline.js';
import { type CliContext, formatMs, printError, printWarning, stepLine } from './_terminal.js';

const BATCH_OPTIONS = {
  recursive: { type: 'boolean', short: 'r', help: "look for briefings in the folders' subfolders too" },
  jobs: {
    type: 'string',
    short: 'j',
    value: 'N',
    help: 'briefings built at the same time',
    shownDefault: DEFAULT_JOBS,
  },
  force: { type: 'boolean', help: 'build every briefing, even one whose outputs are up to date' },
  incremental: {
    type: 'boolean',
    help: 'skip a briefing whose inputs and outputs are unchanged\n(the default for more than one briefing)',
    negativeHelp: 'do not check whether a briefing is up to date\n(the default for one briefing)',
  },
  shard: {
    type: 'string',
    value: 'I/N',
    help: 'build only shard I of N (for CI runners; stable as files are added)',
  },
  report: { type: 'string', value: 'FILE', help: "write the run's outcomes as JSON to FILE" },
} as const;

export const buildCommand = defineCommand({
  name: 'build',
  args: '[FILE|DIR...] [options]',
  maxArgs: Number.POSITIVE_INFINITY,
  summary:
    'write OUT/NAME.html and OUT/NAME.pdf for each briefing\n(a folder: every *.yaml and *.yml in it; one browser for all)',
  options: { ...PIPELINE_OPTIONS, ...BATCH_OPTIONS },
  async run({ args, values }, context: CliContext) {
    const { io, paint } = context;
    const pipeline = resolvePipelineOptions(values, context);
    const jobs = checkJobs(values.jobs, '--jobs');
    const progress = progressOf(values, context);
    const files = await findBriefings(args.length > 0 ? args : ['briefing.yaml'], {
      cwd: io.cwd,
      recursive: values.recursive ?? false,
    });
    const many = files.length > 1;
    const session = needsBrowser(pipeline)
      ? new BrowserSession({ env: io.env, timeoutMs: pipeline.timeoutMs, keepPage: true })
      : undefined;
    return interruptible(io, session, async (interrupted, signal) => {
      const report = await runBuild(
        {
          pipeline,
          inputs: files,
          recursive: false,
          jobs,
          ...(values.incremental === undefined ? {} : { incremental: values.incremental }),
          force: values.force ?? false,
          ...(values.shard === undefined ? {} : { shard: checkShard(values.shard, '--shard') }),
          ...(values.report === undefined ? {} : { report: values.report }),
        },
        {
          browser: session,
          env: io.env,
          signal,
          onStep: (_file, step, ms, detail) => {
            if (!many) progress(stepLine(paint, step, ms, detail));
          },
          onWarning: (file, message, problem) => {
            // Among many briefings a warning names its file, once: a problem's place already starts with it.
            const named = !many || problem ? message : `${file}: ${message}`;
            if (!interrupted()) printWarning(context, named);
          },
          onBriefing: (outcome) => {
            if (interrupted() && outcome.status === 'failed') return;
            reportBriefing(outcome, context, { many, progress });
          },
        },
      );
      if (interrupted()) return EXIT_INTERRUPTED;
      if (many) {
        io.stderr(
          `${report.built} built, ${report.unchanged} unchanged, ${report.invalid} invalid, ${report.failed} failed in ${(report.ms / 1000).toFixed(1)} s`,
        );
      }
      return report.exitCode;
    });
  },
});

/** What the terminal shows when a briefing is done: problems and failures always, the rest as progress. */
function reportBriefing(
  outcome: BriefingOutcome,
  context: CliContext,
  { many, progress }: { many: boolean; progress: (line: string) => void },
): void {
  const { io, paint } = context;
  if (outcome.status === 'invalid') {
    // One problem a line, exactly FILE:LINE:COL: path: message, so editors and scripts can read them.
    const error = new BriefingError(outcome.problems, outcome.moreProblems);
    for (const line of error.problemLines()) io.stderr(line);
    io.stderr(error.summary(many ? printable(outcome.file) : undefined));
  } else if (outcome.status === 'failed') {
    const message = `${many ? `${outcome.file}: ` : ''}${outcome.error?.message ?? 'failed'}`;
    printError(context, outcome.error?.hint ? [message, outcome.error.hint] : [message]);
  } else if (outcome.status === 'unchanged') {
    progress(`${paint.dim('unchanged')} ${printable(outcome.file)}  ${paint.dim('up to date')}`);
  } else if (outcome.status === 'built') {
    if (many) {
      progress(
        `${paint.green('built')}    ${printable(outcome.file)}  ${paint.dim(`${outcome.slideCount} slides, ${formatMs(outcome.ms)}`)}`,
      );
    } else progress(`${paint.green('done')}     ${outcome.slideCount} slides`);
  }
}
