/**
 * The options that build, watch and mail share (they all run the build
 * pipeline), declared once, and resolved once into the pipeline's options
 * with the checks the API uses (src/options.ts).
 */
import path from 'node:path';
import { UsageError } from '../errors.js';
import {
  DEFAULT_OUT_DIR,
  DEFAULT_TIMEOUT_MS,
  type OptionName,
  type PipelineOptions,
  resolvePipeline,
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
  paper: {
    type: 'string',
    value: 'SIZE',
    help: 'the paper of the handout and the script: a4 (default) or letter',
  },
  notes: {
    type: 'boolean',
    help: "also print OUT/NAME-notes.pdf, the briefer's script: each slide beside its notes",
    negativeHelp: 'leave the speaker notes out of the PowerPoint deck (--pptx)',
  },
  pptx: {
    type: 'boolean',
    help: 'also write OUT/NAME.pptx, an editable PowerPoint deck (no browser needed)',
  },
  'pptx-font': { type: 'string', value: 'NAME', help: "the PowerPoint deck's font (default: Arial)" },
  'single-file': { type: 'boolean', help: 'also write OUT/NAME.single.html, the whole deck in one file' },
  since: {
    type: 'string',
    value: 'PREVIOUS',
    help: 'mark what changed since PREVIOUS, an earlier briefing file or git:REV\n(the file at a git revision) and add a "Changes since" slide',
  },
  'with-notes': {
    type: 'boolean',
    help: 'keep the speaker notes in the handout and the single file, and in the PowerPoint deck\nmail attaches (they are left out by default)',
  },
  ...QUIET,
} as const satisfies OptionSpecs;

export type PipelineValues = Values<typeof PIPELINE_OPTIONS>;

/** What build, watch and mail pass to the pipeline from the command line, less the file: the resolved options. */
export type Pipeline = PipelineOptions;

/** The command line's name of each pipeline option whose name is not the option's own. */
const CLI_NAMES: Partial<Record<Parameters<OptionName>[0], string>> = {
  outDir: 'out',
  templatesDir: 'templates',
  handout: 'paper',
  notes: 'paper',
  pptxFont: 'pptx-font',
  pptxNotes: 'no-notes',
  singleFile: 'single-file',
  withNotes: 'with-notes',
  timeoutMs: 'timeout',
};

/**
 * The shared options, checked once, with their defaults (options.ts), and their command line's own rules.
 * `mailed`: the outputs are for a mail (`briefdeck mail`), whose attachments keep nothing private
 * unless asked: its PowerPoint deck leaves the speaker notes out, as the handout does, unless
 * --with-notes keeps them.
 */
export function resolvePipelineOptions(
  values: PipelineValues,
  context: CliContext,
  { mailed = false }: { mailed?: boolean } = {},
): Pipeline {
  if (values.paper !== undefined && !values.handout && !values.notes) {
    throw new UsageError(
      '--paper sets the paper of the handout and the script; it needs --handout or --notes',
      {
        hint: 'For example: briefdeck build --handout --paper letter',
      },
    );
  }
  if (values['pptx-font'] !== undefined && !values.pptx) {
    throw new UsageError("--pptx-font sets the PowerPoint deck's font; it needs --pptx", {
      hint: 'For example: briefdeck build --pptx --pptx-font Calibri',
    });
  }
  if (values.notes === false && (!values.pptx || values['with-notes'])) {
    throw new UsageError(
      values.pptx
        ? '--no-notes leaves the speaker notes out of the PowerPoint deck; --with-notes keeps them in the handout and the single file: give one or the other'
        : '--no-notes leaves the speaker notes out of the PowerPoint deck; it needs --pptx (the handout and the single file leave them out already)',
      { hint: 'For example: briefdeck build --pptx --no-notes' },
    );
  }
  // --handout and --notes print on --paper (A4 unless it says otherwise); --no-notes is pptxNotes: false,
  // and a mailed deck keeps the notes only with --with-notes.
  const paper = values.paper ?? true;
  const pptxNotes = values.notes === false ? false : mailed ? values['with-notes'] === true : undefined;
  return resolvePipeline(
    {
      outDir: values.out,
      cwd: context.io.cwd,
      pdf: values.pdf,
      strict: values.strict,
      templatesDir: values.templates,
      theme: values.theme,
      aspect: values.aspect,
      handout: values.handout ? paper : undefined,
      notes: values.notes ? paper : undefined,
      pptx: values.pptx,
      pptxFont: values['pptx-font'],
      pptxNotes,
      singleFile: values['single-file'],
      withNotes: values['with-notes'],
      timeoutMs: values.timeout,
      since: values.since,
    },
    (key) => `--${CLI_NAMES[key] ?? key}`,
  );
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
