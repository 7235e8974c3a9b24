/**
 * A small command table of our own, in the manner of citty's
 * `defineCommand({ args, run })`: each command declares its options once,
 * and the parsing, the help text and every usage error come from those
 * declarations. (citty would add a dependency and its own help layout for
 * what is 150 lines on top of `node:util`'s `parseArgs`.)
 */
import { parseArgs } from 'node:util';
import { UsageError } from '../errors.js';

export interface OptionSpec {
  type: 'string' | 'boolean';
  short?: string;
  /** The value's placeholder in the help (`DIR`); string options only. */
  value?: string;
  /** A string option that may be repeated (`--to a --to b`). */
  multiple?: boolean;
  /** A boolean that is on unless `--no-NAME` is given: the help shows `--no-NAME`. */
  negatable?: boolean;
  /** A boolean whose `--no-NAME` does something of its own: the help shows it on a line of its own, with this. */
  negativeHelp?: string;
  /** What it does, one or more lines; the default is added to it when the option has one. */
  help: string;
  /** Shown in the help as `(default: …)`; parsing leaves an absent option undefined. */
  shownDefault?: string | number;
}

export type OptionSpecs = Record<string, OptionSpec>;

/** The parsed values of `specs`: strings, string lists and booleans, undefined when not given. */
export type Values<S extends OptionSpecs> = {
  [K in keyof S]: S[K]['type'] extends 'boolean'
    ? boolean | undefined
    : S[K]['multiple'] extends true
      ? string[] | undefined
      : string | undefined;
};

export interface Command<S extends OptionSpecs = OptionSpecs, C = unknown> {
  name: string;
  /** What follows the command name in the usage line: `[FILE|DIR...]`. */
  args: string;
  /** How many positional arguments it takes at most. */
  maxArgs: number;
  /** One line (or two) for the usage list. */
  summary: string;
  /** Its options. One declaration spread into several commands is one option they share (the help lists it once). */
  options: S;
  run(input: { args: string[]; values: Values<S> }, context: C): Promise<number>;
}

export function defineCommand<S extends OptionSpecs, C>(command: Command<S, C>): Command<S, C> {
  return command;
}

/** `parseArgs`' configuration for these options. */
function config(options: OptionSpecs) {
  return Object.fromEntries(
    Object.entries(options).map(([name, spec]) => [
      name,
      {
        type: spec.type,
        ...(spec.short ? { short: spec.short } : {}),
        ...(spec.multiple ? { multiple: true } : {}),
      },
    ]),
  );
}

export interface Parsed {
  command: Command<OptionSpecs, never>;
  args: string[];
  values: Record<string, string | boolean | (string | boolean)[] | undefined>;
}

/**
 * Reads `argv` once, strictly, against every command's options and the
 * global ones (an option's value is never taken for the command's name),
 * then finds the command (the first argument; `fallback` when there is
 * none) and refuses an option that belongs to another command by naming
 * that command. A misspelt option or a missing value is parseArgs' error.
 */
export function parseCommandLine(
  argv: string[],
  all: readonly Command<OptionSpecs, never>[],
  fallback: Command<OptionSpecs, never>,
  global: OptionSpecs,
): Parsed {
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs({
      args: argv,
      options: config(Object.assign({}, ...all.map((command) => command.options), global)),
      allowPositionals: true,
      allowNegative: true,
      strict: true,
      tokens: true,
    });
  } catch (cause) {
    throw usage(cause);
  }
  const [name, ...args] = parsed.positionals;
  const command = name === undefined ? fallback : all.find((candidate) => candidate.name === name);
  if (!command) {
    throw new UsageError(`unknown command "${name}"`, {
      hint: `Commands: ${all.map((c) => c.name).join(', ')}. See briefdeck --help.`,
    });
  }
  for (const token of parsed.tokens ?? []) {
    if (
      token.kind !== 'option' ||
      Object.hasOwn(command.options, token.name) ||
      Object.hasOwn(global, token.name)
    )
      continue;
    const owners = all.filter((other) => Object.hasOwn(other.options, token.name));
    const [owner] = owners;
    throw new UsageError(
      `${command.name} takes no ${token.rawName} (it is for ${listed(owners.map((other) => other.name))})`,
      {
        hint:
          owner && owners.length === 1
            ? `Use: briefdeck ${owner.name} ${owner.maxArgs > 0 ? '[FILE] ' : ''}${token.rawName}`
            : 'See briefdeck --help.',
      },
    );
  }
  if (args.length > command.maxArgs) {
    throw new UsageError(`unexpected argument "${args[command.maxArgs]}"`, {
      hint:
        command.maxArgs === 0
          ? `Use: briefdeck ${command.name}`
          : `${command.name} takes one briefing; build takes many. See briefdeck --help.`,
    });
  }
  return { command, args, values: parsed.values };
}

function usage(cause: unknown): UsageError {
  return new UsageError(cause instanceof Error ? cause.message : String(cause), {
    hint: 'See briefdeck --help.',
  });
}

/** `a`, `a and b`, `a, b and c`. */
export function listed(names: readonly string[]): string {
  return names.length < 2 ? (names[0] ?? '') : `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`;
}

// ── help ────────────────────────────────────────────────────────────────

const USAGE_COLUMN = 38;
const OPTION_COLUMN = 24;

/** The usage lines: `briefdeck build [FILE|DIR...] [options]` and what it does. */
export function usageLines(commands: readonly Command<OptionSpecs, never>[]): string[] {
  return commands.flatMap((command) => {
    const call = `  briefdeck ${command.name}${command.args ? ` ${command.args}` : ''}`;
    const [first = '', ...more] = command.summary.split('\n');
    const lines =
      call.length < USAGE_COLUMN
        ? [`${call.padEnd(USAGE_COLUMN)}${first}`]
        : [call, `${' '.repeat(USAGE_COLUMN)}${first}`];
    return [...lines, ...more.map((line) => `${' '.repeat(USAGE_COLUMN)}${line}`)];
  });
}

/** The option sections: each option once, under the commands that take it. */
export function optionSections(commands: readonly Command<OptionSpecs, never>[]): string[] {
  const sections = new Map<string, string[]>();
  const listedAlready = new Set<OptionSpec>();
  for (const command of commands) {
    for (const [name, spec] of Object.entries(command.options)) {
      if (listedAlready.has(spec)) continue;
      listedAlready.add(spec);
      const owners = listed(
        commands.filter((other) => other.options[name] === spec).map((other) => other.name),
      );
      const negative = spec.negativeHelp
        ? optionLines(name, { type: 'boolean', negatable: true, help: spec.negativeHelp })
        : [];
      sections.set(owners, [...(sections.get(owners) ?? []), ...optionLines(name, spec), ...negative]);
    }
  }
  return [...sections].flatMap(([owners, lines]) => ['', `Options for ${owners}:`, ...lines]);
}

function optionLines(name: string, spec: OptionSpec): string[] {
  const short = spec.short ? `-${spec.short}, ` : '    ';
  const long = spec.negatable ? `--no-${name}` : `--${name}`;
  const call = `  ${short}${long}${spec.value ? ` ${spec.value}` : ''}`;
  const fallback = spec.shownDefault === undefined ? '' : `(default: ${spec.shownDefault})`;
  // The default on the same line when it fits in 80 columns, else on the next.
  const last = spec.help.split('\n').at(-1) ?? '';
  const joiner = OPTION_COLUMN + last.length + fallback.length < 80 ? ' ' : '\n';
  const text = fallback ? `${spec.help}${joiner}${fallback}` : spec.help;
  const [first = '', ...more] = text.split('\n');
  const pad = ' '.repeat(OPTION_COLUMN);
  const head =
    call.length < OPTION_COLUMN ? [`${call.padEnd(OPTION_COLUMN)}${first}`] : [call, `${pad}${first}`];
  return [...head, ...more.map((line) => `${pad}${line}`)];
}
