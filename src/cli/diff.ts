/**
 * `briefdeck diff PREVIOUS [FILE] [--format json]`: what changed since the
 * previous version (a file, or `git:REV`: FILE at a git revision), printed
 * for a pull request or a CI log, as text or as the `Changes` object in
 * JSON. Exit codes as diff(1) has them: 0 no changes, 1 changes, 2 trouble
 * (wrong usage, a briefing that is missing or invalid, git that cannot give
 * the previous version).
 */
import { readBriefing } from '../build.js';
import { changesAsText, compareBriefings, readPrevious, type StatusWord } from '../changes/index.js';
import { BriefingError, ExitCode, UsageError } from '../errors.js';
import type { Briefing } from '../format/briefing.js';
import { printable, printableJson } from '../terminalText.js';
import { defineCommand } from './_command.js';
import { type CliContext, printWarning } from './_terminal.js';

const DIFF_OPTIONS = {
  format: { type: 'string', value: 'FORMAT', help: 'text (the default) or json, for CI and scripts' },
} as const;

export const diffCommand = defineCommand({
  name: 'diff',
  args: 'PREVIOUS [FILE] [--format json]',
  maxArgs: 2,
  summary: 'what changed since PREVIOUS, a file or git:REV\n(exit 0: no changes, 1: changes, 2: trouble)',
  options: DIFF_OPTIONS,
  async run({ args, values }, context: CliContext) {
    const format = values.format ?? 'text';
    if (format !== 'text' && format !== 'json') {
      throw new UsageError(`--format takes text or json, got "${printable(format)}"`, {
        hint: 'For CI and scripts: --format json',
      });
    }
    const [spec, file = 'briefing.yaml'] = args;
    if (spec === undefined) {
      throw new UsageError('diff needs the previous version: briefdeck diff PREVIOUS [FILE]', {
        hint: 'PREVIOUS is a briefing file, or git:REV for FILE at a git revision (git:HEAD~1, git:main).',
      });
    }
    const both = await readBoth(spec, file, context);
    if (!both) return ExitCode.usage;
    const changes = compareBriefings(both.previous, both.current);
    if (format === 'json') context.io.stdout(printableJson(changes));
    else {
      const { paint } = context;
      const colour: Record<StatusWord, (text: string) => string> = {
        NEW: paint.green,
        UPDATED: paint.yellow,
        EDITED: paint.yellow,
        REMOVED: paint.red,
      };
      const lines = changesAsText(changes, {
        paint: (word, padded) => colour[word](padded),
        shown: printable,
      });
      for (const line of lines) context.io.stdout(line);
      for (const warning of changes.warnings) printWarning(context, warning);
    }
    return changes.changed ? 1 : 0;
  },
});

/**
 * Both versions, read at once; every problem of either is printed, naming its file (then undefined:
 * trouble). A usage error (git cannot give the previous version) is thrown as it is.
 */
async function readBoth(
  spec: string,
  file: string,
  { io }: CliContext,
): Promise<{ previous: Briefing; current: Briefing } | undefined> {
  const [previous, current] = await Promise.allSettled([
    readPrevious(spec, file, io.cwd),
    readBriefing(file, io.cwd),
  ]);
  if (previous.status === 'fulfilled' && current.status === 'fulfilled')
    return { previous: previous.value, current: current.value };
  const failures = [previous, current].flatMap((result) =>
    result.status === 'rejected' ? [result.reason] : [],
  );
  const other = failures.find((reason) => !(reason instanceof BriefingError));
  if (other !== undefined) throw other;
  for (const error of failures as BriefingError[]) {
    for (const line of error.problemLines()) io.stderr(line);
    const named = error.problems[0]?.file ?? file;
    io.stderr(printable(`${error.found()} in ${named}.`));
  }
  return undefined;
}
