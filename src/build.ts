/**
 * The pipeline, top to bottom:
 *   load (YAML → positions) → validate (→ Briefing) → model (→ view model)
 *   → render (→ HTML) → write (dist/, atomically) → print (HTML → PDF)
 * Nothing is written until the briefing is known to be valid.
 *
 * `buildBriefing` runs it once, as `briefdeck build` does. The stages are
 * exported too (`prepareDeck` and `writeDeck` here, `printDeck` and
 * `printHandout` in outputs/pdf.ts) because watch mode composes them
 * differently: the deck first, for an instant reload, then the PDF.
 */
import { randomBytes } from 'node:crypto';
import { rename, unlink } from 'node:fs/promises';
import path from 'node:path';
import type { Overflow } from './browser/print.js';
import { BrowserSession } from './browser/session.js';
import { type Changes, changesFor } from './changes/index.js';
import { buildContent } from './content/index.js';
import type { Warning } from './errors.js';
import type { Briefing } from './format/briefing.js';
import { deadlineWarnings, readBriefing } from './format/read.js';
import type { DeckOverrides } from './options.js';
import { ASSETS_DIR, assetFiles, packageVersion, speakerViewScriptHashes } from './outputs/assets.js';
import { buildPage, loadTemplates, type PreparedDeck, renderDeck, type Templates } from './outputs/deck.js';
import type { Paper } from './outputs/handout/index.js';
import { type BuiltFiles, inputsOf, keptOutputs, recordBuild } from './outputs/incremental.js';
import { briefingName, outputFiles, outputPath, themePath } from './outputs/names.js';
import { printDeck, printHandout } from './outputs/pdf.js';
import { renderSingleFile, type SingleFileInput } from './outputs/singleFile/index.js';
import {
  cannotWrite,
  checkDestinations,
  copyAssets,
  keepFiles,
  trackTemp,
  writeFileAtomic,
} from './outputs/write.js';
import { mapWarnings } from './slides/figures.js';
import { buildDeckModel, type DeckModel } from './slides/index.js';
import { deckOutline } from './slides/outline.js';

export { deadlineWarnings, readBriefing } from './format/read.js';
export type { PreparedDeck } from './outputs/deck.js';

export interface BuildOptions {
  /** The briefing file, as the user named it. */
  file: string;
  /** Output folder. */
  outDir: string;
  cwd: string;
  /** Print the PDF (needs a browser). */
  pdf: boolean;
  /** Treat slides that overflow as an error. */
  strict: boolean;
  /** Settings that replace the briefing's `deck` ones (from the command line), applied before validation. */
  deck?: DeckOverrides;
  /** A folder of partials that replace the built-in ones. */
  templatesDir?: string;
  /** Also print the handout, `OUT/NAME-handout.pdf`, on this paper. */
  handout?: Paper;
  /** Also print the briefer's script, `OUT/NAME-notes.pdf`, on this paper. */
  notes?: Paper;
  /** Also write the PowerPoint deck, `OUT/NAME.pptx` (no browser needed). */
  pptx?: boolean;
  /** The PowerPoint deck's font (default Arial). */
  pptxFont?: string;
  /** The PowerPoint deck keeps the speaker notes in its notes pane (default true). */
  pptxNotes?: boolean;
  /** Also write the whole deck in one file, `OUT/NAME.single.html`. */
  singleFile?: boolean;
  /** The handout and the single file keep the speaker notes (the deck always does: it is the presenter's). */
  withNotes?: boolean;
  /** Skip a briefing whose inputs and outputs are as its last build left them (see outputs/incremental.ts). */
  incremental?: boolean;
  /** With `incremental`, build even so. */
  force?: boolean;
  /** Templates already compiled (watch mode compiles them once); else they are loaded here. */
  templates?: Templates;
  timeoutMs: number;
  /** The browser, when a PDF is wanted; left open. Without one, a browser is opened and closed here. */
  session?: BrowserSession;
  /** Progress: called when a step ends, with its duration. */
  onStep?: (step: string, ms: number, detail?: string) => void;
  /** Something the user should know that does not stop the build. */
  onWarning?: (warning: Warning) => void;
  /** `--since PREVIOUS` (a file or `git:REV`): mark what changed since then; or the previous version already read. */
  since?: string;
  baseline?: Briefing | null;
}

export interface BuildResult extends BuiltFiles {
  briefing: Briefing;
  /** What changed since the previous version (`--since`). */
  changes?: Changes;
  /** The view model every output was made from. */
  model: DeckModel;
  slideCount: number;
  overflows: Overflow[];
  /** Not built again: its inputs and outputs are as the last build left them (`incremental`). */
  unchanged?: true;
}

/** Whether a build needs a browser: to print, to measure the slides (`strict`), for the handout or the script. */
export function needsBrowser(options: {
  pdf: boolean;
  strict: boolean;
  handout?: unknown;
  notes?: unknown;
}): boolean {
  return options.pdf || options.strict || options.handout !== undefined || options.notes !== undefined;
}

export async function buildBriefing(options: BuildOptions): Promise<BuildResult> {
  if (!needsBrowser(options) || options.session) return buildWith(options, options.session);
  const session = new BrowserSession({ env: process.env, timeoutMs: options.timeoutMs });
  try {
    return await buildWith(options, session);
  } finally {
    await session.close();
  }
}

async function buildWith(options: BuildOptions, session: BrowserSession | undefined): Promise<BuildResult> {
  const timer = stepTimer(options.onStep);
  // Chromium takes longest to start: launch it while the briefing is read and rendered.
  session?.get().catch(() => {});
  const briefing = await readValidBriefing(options, timer);
  const since = await changesFor(briefing, options);
  const changes = since?.changes;
  // What the outputs are made from is recorded with every build, so that a later incremental one can skip.
  const inputs = await inputsOf(briefing, options, since?.previous);
  const kept =
    options.incremental && !options.force ? await keptOutputs(briefing, inputs, options, changes) : undefined;
  if (kept) {
    timer('unchanged', `${options.file}: its outputs are up to date`);
    return { briefing, changes, ...kept, overflows: [], unchanged: true };
  }
  // The briefing is valid, so its deck will be written: the assets, the same for every deck, are
  // copied while it is rendered, the disk working while the processor does.
  const assets = copyDeckAssets(path.resolve(options.cwd, options.outDir));
  let deck: PreparedDeck;
  try {
    deck = renderBriefing(briefing, options, timer, changes);
    // Nothing may stand where an output goes: found now, a failed write never leaves a PDF without its deck.
    await checkDestinations(destinations(deck, options));
  } catch (error) {
    await assets.catch(() => {});
    throw error;
  }
  const result: BuildResult = {
    briefing: deck.briefing,
    changes,
    model: deck.model,
    html: deck.htmlFile,
    slideCount: deck.slideCount,
    overflows: [],
  };
  const where = (file: string) => path.relative(options.cwd, file) || file;
  if (!session) {
    await writeDeck(deck, deck.htmlFile, assets);
    timer('write', where(deck.htmlFile));
    await writeOutputs(deck, await documents(deck, options), result, timer, where);
    await recordBuild(deck, inputs, result);
    return result;
  }

  // The deck is printed from a temporary copy next to where it goes, and every output is put in place
  // only once all are made: a failed print leaves the previous ones as they were, together.
  const draft = path.join(deck.outDir, `.${deck.name}.${process.pid}.${randomBytes(4).toString('hex')}.html`);
  const untrack = trackTemp(draft);
  // The theme is written in its place before printing (the draft loads it from there): a failed
  // print puts the previous one back, or the deck already there would show the new theme.
  const restoreTheme = await keepFiles('css' in deck.briefing.deck.theme ? [themePath(deck)] : []);
  try {
    await writeDeck(deck, draft, assets);
    timer('write', where(deck.htmlFile));
    const made = await printAll(deck, draft, session, options, { result, timer, where });
    await writeOutputs(deck, { ...made, ...(await documents(deck, options)) }, result, timer, where);
    await rename(draft, deck.htmlFile).catch(cannotWrite(deck.htmlFile));
  } catch (error) {
    await restoreTheme();
    throw error;
  } finally {
    await unlink(draft).catch(() => {});
    untrack();
  }
  await recordBuild(deck, inputs, result);
  return result;
}

type Made = Partial<Record<'pdf' | 'handout' | 'notes' | 'pptx' | 'singleFile', Uint8Array | string>>;

/** The PDFs, printed in Chromium from the deck's draft: the slides, the handout, the briefer's script. */
async function printAll(
  deck: PreparedDeck,
  draft: string,
  session: BrowserSession,
  options: BuildOptions,
  { result, timer, where }: { result: BuildResult; timer: Timer; where: (file: string) => string },
): Promise<Made> {
  const printed = await printDeck(deck, draft, session, options);
  result.overflows = printed.overflows;
  if (printed.pdf) timer('print', `${where(outputPath(deck, 'pdf'))}, ${deck.slideCount} pages`);
  else if (options.pdf || options.strict) timer('measure', `${deck.slideCount} slides fit`);
  const handout =
    options.handout === undefined
      ? undefined
      : await printHandout(deck, session, { ...options, paper: options.handout });
  if (handout) timer('handout', `${where(outputPath(deck, 'handout'))}, ${handout.pageCount} pages`);
  let notes: { pdf: Uint8Array; pageCount: number } | undefined;
  if (options.notes !== undefined) {
    const { printNotes } = await import('./outputs/notes.js');
    notes = await printNotes(deck, draft, session, { ...options, paper: options.notes });
    timer('notes', `${where(outputPath(deck, 'notes'))}, ${notes.pageCount} pages`);
  }
  return { pdf: printed.pdf, handout: handout?.pdf, notes: notes?.pdf };
}

/** The outputs that need no browser: the PowerPoint deck and the single file. */
async function documents(deck: PreparedDeck, options: BuildOptions): Promise<Made> {
  let pptx: Uint8Array | undefined;
  if (options.pptx) {
    const { pptxOf } = await import('./outputs/pptx/index.js');
    pptx = await pptxOf(deck, options);
  }
  const single = options.singleFile ? await renderSingleFile(singleFileInput(deck)) : undefined;
  return { pptx, singleFile: single };
}

/** Puts each output in place (atomically) and says where it went. */
async function writeOutputs(
  deck: PreparedDeck,
  made: Made,
  result: BuildResult,
  timer: Timer,
  where: (file: string) => string,
): Promise<void> {
  for (const output of ['pdf', 'handout', 'notes', 'pptx', 'singleFile'] as const) {
    const data = made[output];
    if (data === undefined) continue;
    result[output] = outputPath(deck, output);
    await writeFileAtomic(result[output], data);
    if (output === 'pptx' || output === 'singleFile')
      timer(output === 'pptx' ? 'pptx' : 'single', where(result[output]));
  }
}

/** Every file a build of `deck` writes, with these options. */
function destinations(
  deck: PreparedDeck,
  options: Pick<BuildOptions, 'pdf' | 'handout' | 'notes' | 'pptx' | 'singleFile'>,
): string[] {
  const files = Object.values(outputFiles(deck.name, options)).map((name) => path.join(deck.outDir, name));
  if ('css' in deck.briefing.deck.theme) files.push(themePath(deck));
  return files;
}

function singleFileInput(deck: PreparedDeck): SingleFileInput {
  const theme = deck.briefing.deck.theme;
  return {
    html: deck.shareHtml ?? deck.html,
    name: deck.name,
    userThemeCss: 'css' in theme ? theme.css.bytes : undefined,
  };
}

/** The slides without their speaker notes (a card's own notes included). */
function withoutNotes(model: DeckModel): DeckModel {
  return { ...model, slides: model.slides.map((slide) => ({ ...slide, notesHtml: '' })) };
}

/** Writes `OUT/NAME.single.html`, the whole deck in one file; returns its path. */
export async function writeSingleFile(deck: PreparedDeck): Promise<string> {
  const file = outputPath(deck, 'singleFile');
  await writeFileAtomic(file, await renderSingleFile(singleFileInput(deck)));
  return file;
}

/** Load, validate, model and render: everything up to the first write. Throws the user's problems. */
export async function prepareDeck(
  options: PrepareOptions,
  timer: (step: string, detail?: string) => void = () => {},
): Promise<PreparedDeck> {
  const briefing = await readValidBriefing(options, timer);
  return renderBriefing(briefing, options, timer, (await changesFor(briefing, options))?.changes);
}

type PrepareOptions = Pick<
  BuildOptions,
  'file' | 'cwd' | 'outDir' | 'deck' | 'templatesDir' | 'templates' | 'singleFile' | 'withNotes'
> &
  Partial<Pick<BuildOptions, 'since' | 'baseline' | 'strict' | 'onWarning'>>;

/** Load and validate, with the command line's deck settings applied. */
async function readValidBriefing(
  options: PrepareOptions,
  timer: (step: string, detail?: string) => void,
): Promise<Briefing> {
  const briefing = await readBriefing(options.file, options.cwd, options.deck);
  timer('validate', `${options.file} is valid`);
  // What is valid but likely a mistake: build, watch and mail all say so.
  for (const warning of deadlineWarnings(briefing)) options.onWarning?.(warning);
  return briefing;
}

/** Model and render a valid briefing. */
function renderBriefing(
  briefing: Briefing,
  options: PrepareOptions,
  timer: (step: string, detail?: string) => void,
  changes?: Changes,
): PreparedDeck {
  const model = buildDeckModel(buildContent(briefing, undefined, undefined, changes), briefing.deck);
  for (const warning of mapWarnings(briefing, model)) options.onWarning?.(warning);
  const templates =
    options.templates ??
    loadTemplates(options.templatesDir && path.resolve(options.cwd, options.templatesDir));
  const name = briefingName(options.file);
  const pageOptions = {
    version: packageVersion(),
    speakerViewHashes: speakerViewScriptHashes(),
    userThemeHref: 'css' in briefing.deck.theme ? `${encodeURIComponent(name)}.theme.css` : undefined,
  };
  const html = renderDeck(buildPage(model, pageOptions), templates);
  // The single file is what gets passed on: the briefer's notes stay out of it unless asked for.
  const shareHtml =
    options.singleFile && !options.withNotes
      ? renderDeck(buildPage(withoutNotes(model), pageOptions), templates)
      : undefined;
  timer('render', `${model.slides.length} slides`);
  const outDir = path.resolve(options.cwd, options.outDir);
  return {
    briefing,
    ...(changes ? { changes } : {}),
    name,
    outDir,
    htmlFile: path.join(outDir, `${name}.html`),
    html,
    shareHtml,
    slideCount: model.slides.length,
    title: model.title,
    subject: model.subject,
    model,
    outline: deckOutline(model),
  };
}

/**
 * Writes the deck's assets, its theme and the deck itself (to `htmlFile`, by default its place).
 * The assets are copied now unless `assets` is a copy already started (see `buildWith`).
 */
export async function writeDeck(
  deck: PreparedDeck,
  htmlFile = deck.htmlFile,
  assets = copyDeckAssets(deck.outDir),
): Promise<void> {
  await assets;
  const theme = deck.briefing.deck.theme;
  if ('css' in theme) await writeFileAtomic(themePath(deck), theme.css.bytes);
  await writeFileAtomic(htmlFile, deck.html);
}

const copying = new Map<string, Promise<number>>();

/**
 * Copies the assets every deck needs into `OUT/briefdeck-assets` (what is there and unchanged
 * stays). Decks written into one folder at the same time (a batch's jobs) share one copy.
 */
export function copyDeckAssets(outDir: string): Promise<number> {
  const dir = path.join(outDir, ASSETS_DIR);
  let copy = copying.get(dir);
  if (!copy) {
    copy = copyAssets(assetFiles(), dir).finally(() => copying.delete(dir));
    copying.set(dir, copy);
  }
  return copy;
}

type Timer = (step: string, detail?: string) => void;

function stepTimer(onStep: BuildOptions['onStep']): Timer {
  let last = performance.now();
  return (step, detail) => {
    const now = performance.now();
    onStep?.(step, now - last, detail);
    last = now;
  };
}
