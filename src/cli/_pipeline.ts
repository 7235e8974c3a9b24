/**
 * The options that build, watch and mail share (they all run the build
 * pipeline), declared once, and resolved once into the pipeline's options
 * with the checks the API uses (src/options.ts).
 */
import path from 'node:path';
import type { BuildOptions } from '../build.js';
import { UsageError } from '../errors.js';
import {
  checkDeckOverrides,
  checkPaper,
  checkTimeout,
  DEFAULT_OUT_DIR,
  DEFAULT_TIMEOUT_MS,
} from '../options.js';
import type { OptionSpecs, Values } from './_command.js';
import type { CliContext } from './_terminal.js';

export const QUIET = {
  quiet: { type: 'boolean', short: 'q', help: 'no progress lines' },
} as const satisfies OptionSpecs;

export const PIPELINE_OPTIONS = {
  out: { type: 'string', short: 'o', value: 'DIR', help: 'output folder', shownDefault: DEFAULT_OUT_DIR },
  pdf: { type: 'boolean', negatable: true, help: 'no slide PDF (and no browser needed, unless --handout)' },
  strict: { type: 'boolean', help: 'fail when a slide overflows (exit 3)' },
  theme: { type: 'string', value: 'NAME', help: 'use a built-in theme (light, dark) instead of deck.theme' },
  aspect: { type: 'string', value: 'RATIO', help: '16:9 or 4:3, instead of deck.aspect' },
  templates: { type: 'string', value: 'DIR', help: 'partials (NAME.hbs) that replace the built-in ones' },
  timeout: {
    type: 'string',
    value: 'MS',
    help: 'limit for each browser step: launch, load, print',
    shownDefault: DEFAULT_TIMEOUT_MS,
  },
  handout: { type: 'boolean', help: 'also print OUT/NAME-handout.pdf, a document-style brief' },
  paper: { type: 'string', value: 'SIZE', help: "the handout's paper: a4 (default) or letter" },
  'single-file': { type: 'boolean', help: 'also write OUT/NAME.single.html, the whole deck in one file' },
  ...QUIET,
} as const satisfies OptionSpecs;

export type PipelineValues = Values<typeof PIPELINE_OPTIONS>;

/** What build, watch and mail pass to the pipeline from the command line, less the file. */
export type Pipeline = Omit<BuildOptions, 'file' | 'session' | 'onStep' | 'onWarning' | 'templates'>;

/** The shared options, checked once, with their defaults. */
export function resolvePipeline(values: PipelineValues, context: CliContext): Pipeline {
  if (values.paper !== undefined && !values.handout) {
    throw new UsageError("--paper sets the handout's paper; it needs --handout", {
      hint: 'For example: briefdeck build --handout --paper letter',
    });
  }
  return {
    outDir: values.out ?? DEFAULT_OUT_DIR,
    cwd: context.io.cwd,
    pdf: values.pdf ?? true,
    strict: values.strict ?? false,
    templatesDir: values.templates,
    deck: checkDeckOverrides(values.theme, values.aspect, '--'),
    handout: values.handout
      ? values.paper === undefined
        ? 'a4'
        : checkPaper(values.paper, '--paper')
      : undefined,
    singleFile: values['single-file'] ?? false,
    timeoutMs: checkTimeout(values.timeout, '--timeout'),
  };
}

/** Progress lines, shown on a terminal unless --quiet. */
export function progressOf(
  values: { quiet?: boolean | undefined },
  { io }: CliContext,
): (line: string) => void {
  const quiet = values.quiet || !io.isTTY;
  return (line) => {
    if (!quiet) io.stderr(line);
  };
}

/** A path for the terminal: relative to the working folder when it is inside it. */
export function shownPath(file: string, cwd: string): string {
  const relative = path.relative(cwd, file);
  return relative.startsWith('..') || path.isAbsolute(relative) ? file : relative;
}
