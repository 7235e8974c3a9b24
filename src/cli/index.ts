import { BriefingError, UserError } from '../errors.js';
import { packageVersion } from '../outputs/assets.js';
import { printable } from '../terminalText.js';
import { type Command, type OptionSpecs, optionSections, parseCommandLine, usageLines } from './_command.js';
import { type CliContext, colours, defaultIo, type Io } from './_terminal.js';
import { initCommand, schemaCommand, validateCommand } from './authoring.js';
import { buildCommand } from './build.js';
import { diffCommand } from './diff.js';
import { mailCommand } from './mail.js';
import { watchCommand } from './watch.js';

export type { Io } from './_terminal.js';

const COMMANDS = [
  buildCommand,
  watchCommand,
  mailCommand,
  validateCommand,
  diffCommand,
  initCommand,
  schemaCommand,
] as unknown as readonly Command<OptionSpecs, never>[];

const GLOBAL = {
  help: { type: 'boolean', short: 'h', help: 'this help' },
  version: { type: 'boolean', short: 'v', help: 'the version' },
} as const satisfies OptionSpecs;

/** The commands that run the build pipeline: only they may write the code cache (bin/briefdeck.cjs). */
const BUILDING = new Set(['build', 'watch', 'mail']);

export async function main(argv: string[], io: Io = defaultIo()): Promise<number> {
  const context: CliContext = { io, paint: colours(io) };
  try {
    return await run(argv, context);
  } catch (error) {
    if (error instanceof BriefingError) {
      // One problem a line, exactly FILE:LINE:COL: path: message, so editors and scripts can read them.
      for (const line of error.lines()) io.stderr(line);
      return error.exitCode;
    }
    if (error instanceof UserError) {
      const [first, ...rest] = error.lines();
      io.stderr(`${context.paint.red('error:')} ${first}`);
      for (const line of rest) io.stderr(line);
      return error.exitCode;
    }
    const text = error instanceof Error ? (error.stack ?? error.message) : String(error);
    io.stderr(
      `briefdeck: internal error (a bug; please report it):\n${text.split('\n').map(printable).join('\n')}`,
    );
    return 70;
  }
}

/**
 * Whether `argv` asks for a command that builds a briefing (build, watch, mail; build is the
 * default), as `main` reads it. bin/briefdeck.cjs lets only those write the code cache.
 */
export function buildsBriefing(argv: string[]): boolean {
  try {
    const parsed = parseCommandLine(argv, COMMANDS, buildCommand as never, GLOBAL);
    const { command } = parsed;
    return !parsed.values.help && !parsed.values.version && BUILDING.has(command.name);
  } catch {
    return false;
  }
}

async function run(argv: string[], context: CliContext): Promise<number> {
  // --help and --version win over anything else on the line, as they always have.
  const options = argv.slice(0, argv.includes('--') ? argv.indexOf('--') : argv.length);
  if (options.some((arg) => arg === '--help' || arg === '-h')) {
    context.io.stdout(help());
    return 0;
  }
  if (options.some((arg) => arg === '--version' || arg === '-v')) {
    context.io.stdout(packageVersion());
    return 0;
  }
  const parsed = parseCommandLine(argv, COMMANDS, buildCommand as never, GLOBAL);
  const { command } = parsed;
  const { help: _help, version: _version, ...values } = parsed.values;
  return command.run({ args: parsed.args, values: values as never }, context as never);
}

/** `briefdeck --help`: made from the commands' declarations. */
function help(): string {
  return [
    'briefdeck — turn a YAML briefing into a reveal.js deck and a PDF',
    '',
    'Usage:',
    ...usageLines(COMMANDS),
    '  briefdeck --help | --version',
    '',
    'FILE defaults to briefing.yaml; NAME is its base name (briefing).',
    ...optionSections(COMMANDS),
    '',
    ...Object.entries(GLOBAL).map(([name, spec]) => `  -${spec.short}, --${name}`.padEnd(24) + spec.help),
    '',
    'Browser: PUPPETEER_EXECUTABLE_PATH or CHROME_PATH, else an installed Chrome,',
    "Chromium, Edge or Brave, else Puppeteer's cache. Run as root, Chromium's sandbox",
    'is turned off (--no-sandbox), as Chromium requires.',
    '',
    'Exit codes: 0 done, 1 a briefing is invalid, 2 wrong usage (nothing is built),',
    '3 the deck or PDF could not be made (no browser, crash, timeout, an overflow',
    'with --strict) or the mail could not be sent. With many briefings, the worst.',
  ].join('\n');
}
