/**
 * The commands that help write a briefing: `validate` (every problem, as
 * text or as JSON for editors), `init` (a starter file) and `schema` (the
 * JSON Schema of the format).
 */
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { deadlineWarnings, readBriefing } from '../build.js';
import { BriefingError, problemsAsJson, UsageError } from '../errors.js';
import { schemaRefFor, starterBriefing } from '../format/init.js';
import { briefingSchema } from '../format/schema.js';
import { printable, printableJson } from '../terminalText.js';
import { defineCommand } from './_command.js';
import { QUIET } from './_pipeline.js';
import { type CliContext, printWarning } from './_terminal.js';

const VALIDATE_OPTIONS = {
  format: { type: 'string', value: 'FORMAT', help: 'text (the default) or json, for editors and CI' },
  ...QUIET,
} as const;

export const validateCommand = defineCommand({
  name: 'validate',
  args: '[FILE] [--format json]',
  maxArgs: 1,
  summary: 'check FILE and report every problem (as JSON for editors)',
  options: VALIDATE_OPTIONS,
  async run({ args, values }, context: CliContext) {
    const { io, paint } = context;
    const file = args[0] ?? 'briefing.yaml';
    const format = values.format ?? 'text';
    if (format !== 'text' && format !== 'json') {
      throw new UsageError(`--format takes text or json, got "${printable(format)}"`, {
        hint: 'For editors and CI: --format json',
      });
    }
    let briefing: Awaited<ReturnType<typeof readBriefing>>;
    try {
      briefing = await readBriefing(file, io.cwd);
    } catch (error) {
      if (!(error instanceof BriefingError)) throw error;
      if (format === 'json') io.stdout(printableJson(problemsAsJson(error.problems)));
      else for (const line of [...error.problemLines(), `${error.found()}.`]) io.stderr(line);
      return error.exitCode;
    }
    if (format === 'json') {
      io.stdout('[]');
      return 0;
    }
    const counts = [
      counted(briefing.actors.length, 'actor'),
      counted(briefing.risks.length, 'risk'),
      counted(briefing.recommendations.length, 'recommendation'),
    ];
    io.stdout(`${paint.green('ok')} ${printable(file)}: ${counts.join(', ')}`);
    // What a build would warn of that the file alone shows (a deadline passed at as_of); JSON lists
    // problems only, as its readers expect: a valid file gives [].
    for (const warning of deadlineWarnings(briefing)) printWarning(context, warning);
    return 0;
  },
});

/** `1 risk`, `2 risks`. */
function counted(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}

/** A starter briefing with every section, a comment on what goes in each, and the schema line; never over a file. */
export const initCommand = defineCommand({
  name: 'init',
  args: '[FILE]',
  maxArgs: 1,
  summary: 'write a starter briefing (never over an existing file)',
  options: {},
  async run({ args }, { io }: CliContext) {
    const file = args[0] ?? 'briefing.yaml';
    const target = path.resolve(io.cwd, file);
    const text = starterBriefing({ schemaRef: schemaRefFor(target) });
    try {
      await writeFile(target, text, { flag: 'wx' });
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'EEXIST') {
        throw new UsageError(`${file} exists; init never overwrites a file`, {
          hint: `Name another file: briefdeck init new-briefing.yaml`,
        });
      }
      if (code === 'ENOENT') {
        throw new UsageError(`${file}: its folder does not exist`, {
          hint: `Make it first (mkdir -p ${path.dirname(file)}), or name a file in a folder that exists.`,
        });
      }
      throw error;
    }
    io.stdout(printable(file));
    io.stderr(printable(`Wrote a starter briefing to ${file}. Fill it in, then: briefdeck watch ${file}`));
    return 0;
  },
});

export const schemaCommand = defineCommand({
  name: 'schema',
  args: '',
  maxArgs: 0,
  summary: 'print the JSON Schema of the briefing format',
  options: {},
  async run(_input, { io }: CliContext) {
    io.stdout(JSON.stringify(briefingSchema(), null, 2));
    return 0;
  },
});
