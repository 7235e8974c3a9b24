/**
 * The pipeline, top to bottom:
 *   load (YAML → positions) → validate (→ Briefing) → model (→ view model)
 *   → render (→ HTML) → write (dist/, atomically) → print (HTML → PDF)
 * Nothing is written until the briefing is known to be valid.
 *
 * `buildBriefing` runs it once, as `briefdeck build` does. The stages are
 * exported too (`prepareDeck`, `writeDeck`, `printDeck`) because watch mode
 * composes them differently: the deck first, for an instant reload, then the
 * PDF.
 */
import { randomBytes } from 'node:crypto';
import { readFile, rename, unlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { type PdfInfo, setPdfInfo } from './browser/pdfInfo.js';
import { addOutline, namedDestinations, type OutlineEntry } from './browser/pdfOutline.js';
import { type Overflow, printDocument, printPdf } from './browser/print.js';
import { BrowserSession } from './browser/session.js';
import { formatProblem, OverflowError, type Problem, RenderError } from './errors.js';
import type { Aspect, Briefing } from './format/briefing.js';
import { loadBriefing } from './format/load.js';
import { validateBriefing } from './format/validate.js';
import { ASSETS_DIR, assetFiles, packageVersion, speakerViewScriptHashes } from './outputs/assets.js';
import { buildPage, loadTemplates, renderDeck, type Templates } from './outputs/deck.js';
import { buildHandoutModel, buildHandoutPage, type Paper, renderHandout } from './outputs/handout.js';
import { renderSingleFile, type SingleFileInput } from './outputs/singleFile.js';
import { cannotWrite, checkDestinations, copyAssets, trackTemp, writeFileAtomic } from './outputs/write.js';
import { buildDeckModel, type DeckModel } from './slides/index.js';
import { deckOutline, handoutOutline } from './slides/outline.js';

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
  /** Settings that replace the briefing's `deck` ones (from the command line). */
  deck?: { theme?: string; aspect?: Aspect };
  /** A folder of partials that replace the built-in ones. */
  templatesDir?: string;
  /** Also print the handout, `OUT/NAME-handout.pdf`, on this paper. */
  handout?: Paper;
  /** Also write the whole deck in one file, `OUT/NAME.single.html`. */
  singleFile?: boolean;
  /** Templates already compiled (watch mode compiles them once); else they are loaded here. */
  templates?: Templates;
  timeoutMs: number;
  /** The browser, when a PDF is wanted; left open. Without one, a browser is opened and closed here. */
  session?: BrowserSession;
  /** Progress: called when a step ends, with its duration. */
  onStep?: (step: string, ms: number, detail?: string) => void;
  /** Something the user should know that does not stop the build. */
  onWarning?: (message: string) => void;
}

export interface BuildResult {
  briefing: Briefing;
  /** The view model every output was made from. */
  model: DeckModel;
  html: string;
  pdf?: string;
  handout?: string;
  singleFile?: string;
  slideCount: number;
  overflows: Overflow[];
}

/** A rendered deck, not yet written. */
export interface PreparedDeck {
  briefing: Briefing;
  /** The output's base name: `briefing` for `briefing.yaml`. */
  name: string;
  outDir: string;
  /** Where the deck goes: `OUT/NAME.html`. */
  htmlFile: string;
  html: string;
  slideCount: number;
  title: string;
  subject: string;
  /** The view model the deck was rendered from (the handout and the mail draft are made from it too). */
  model: DeckModel;
  /** The slide PDF's bookmarks. */
  outline: OutlineEntry[];
}

/** Whether a build needs a browser: to print, to measure the slides (`strict`), or for the handout. */
export function needsBrowser(options: { pdf: boolean; strict: boolean; handout?: unknown }): boolean {
  return options.pdf || options.strict || options.handout !== undefined;
}

/** The output's base name of a briefing file: `briefing` for `briefing.yaml`. */
export function briefingName(file: string): string {
  return path.basename(file).replace(/\.ya?ml$/i, '');
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
  // The briefing is valid, so its deck will be written: the assets, the same for every deck, are
  // copied while it is rendered, the disk working while the processor does.
  const assets = copyDeckAssets(path.resolve(options.cwd, options.outDir));
  let deck: PreparedDeck;
  try {
    deck = renderBriefing(briefing, options, timer);
    // Nothing may stand where an output goes: found now, a failed write never leaves a PDF without its deck.
    await checkDestinations(destinations(deck, options));
  } catch (error) {
    await assets.catch(() => {});
    throw error;
  }
  const result: BuildResult = {
    briefing: deck.briefing,
    model: deck.model,
    html: deck.htmlFile,
    slideCount: deck.slideCount,
    overflows: [],
  };
  const where = (file: string) => path.relative(options.cwd, file) || file;
  if (!session) {
    await writeDeck(deck, deck.htmlFile, assets);
    timer('write', where(deck.htmlFile));
    if (options.singleFile) {
      result.singleFile = await writeSingleFile(deck);
      timer('single', where(result.singleFile));
    }
    return result;
  }

  // The deck is printed from a temporary copy next to where it goes, and every output is put in place
  // only once all are made: a failed print leaves the previous ones as they were, together.
  const draft = path.join(deck.outDir, `.${deck.name}.${process.pid}.${randomBytes(4).toString('hex')}.html`);
  const untrack = trackTemp(draft);
  // The theme is written in its place before printing (the draft loads it from there): a failed
  // print puts the previous one back, or the deck already there would show the new theme.
  const restoreTheme = await keepTheme(deck);
  try {
    await writeDeck(deck, draft, assets);
    timer('write', where(deck.htmlFile));
    const printed = await printDeck(deck, draft, session, options);
    result.overflows = printed.overflows;
    if (printed.pdf) timer('print', `${where(outputPath(deck, 'pdf'))}, ${deck.slideCount} pages`);
    else if (options.pdf || options.strict) timer('measure', `${deck.slideCount} slides fit`);
    const handout =
      options.handout === undefined
        ? undefined
        : await printHandout(deck, session, { ...options, paper: options.handout });
    if (handout) timer('handout', `${where(outputPath(deck, 'handout'))}, ${handout.pageCount} pages`);
    const single = options.singleFile ? await renderSingleFile(singleFileInput(deck)) : undefined;

    const made = { pdf: printed.pdf, handout: handout?.pdf, singleFile: single };
    for (const output of ['pdf', 'handout', 'singleFile'] as const) {
      const data = made[output];
      if (data === undefined) continue;
      result[output] = outputPath(deck, output);
      await writeFileAtomic(result[output], data);
    }
    if (result.singleFile) timer('single', where(result.singleFile));
    await rename(draft, deck.htmlFile).catch(cannotWrite(deck.htmlFile));
  } catch (error) {
    await restoreTheme();
    throw error;
  } finally {
    await unlink(draft).catch(() => {});
    untrack();
  }
  return result;
}

/** Remembers the deck's theme file as it is now; the function returned puts it back (or removes it). */
async function keepTheme(deck: PreparedDeck): Promise<() => Promise<void>> {
  if (!('css' in deck.briefing.deck.theme)) return async () => {};
  const file = themePath(deck);
  const before = await readFile(file).catch(() => undefined);
  return async () => {
    if (before === undefined) await unlink(file).catch(() => {});
    else await writeFileAtomic(file, before).catch(() => {});
  };
}

export type OutputKind = 'html' | 'pdf' | 'handout' | 'singleFile' | 'mail';

const OUTPUT_NAMES: Record<OutputKind, (name: string) => string> = {
  html: (name) => `${name}.html`,
  pdf: (name) => `${name}.pdf`,
  handout: (name) => `${name}-handout.pdf`,
  singleFile: (name) => `${name}.single.html`,
  mail: (name) => `${name}.eml`,
};

/** The file names a briefing called `name` writes into the output folder, with these outputs asked for. */
export function outputFiles(
  name: string,
  outputs: { pdf: boolean; handout?: unknown; singleFile?: boolean; mail?: boolean },
): Partial<Record<OutputKind, string>> {
  const asked: Record<OutputKind, boolean> = {
    html: true,
    pdf: outputs.pdf,
    handout: outputs.handout !== undefined,
    singleFile: outputs.singleFile === true,
    mail: outputs.mail === true,
  };
  const kinds = (Object.keys(asked) as OutputKind[]).filter((kind) => asked[kind]);
  return Object.fromEntries(kinds.map((kind) => [kind, OUTPUT_NAMES[kind](name)]));
}

/** The file name of one output of the briefing called `name` (`briefing.eml` for its mail draft). */
export function outputName(name: string, kind: OutputKind): string {
  return OUTPUT_NAMES[kind](name);
}

/** Where each output of a deck goes: `OUT/NAME.pdf`, `OUT/NAME-handout.pdf`, `OUT/NAME.single.html`. */
export function outputPath(deck: PreparedDeck, output: Exclude<OutputKind, 'html'>): string {
  return path.join(deck.outDir, OUTPUT_NAMES[output](deck.name));
}

/** Every file a build of `deck` writes, with these options. */
function destinations(
  deck: PreparedDeck,
  options: Pick<BuildOptions, 'pdf' | 'handout' | 'singleFile'>,
): string[] {
  const files = Object.values(outputFiles(deck.name, options)).map((name) => path.join(deck.outDir, name));
  if ('css' in deck.briefing.deck.theme) files.push(themePath(deck));
  return files;
}

function themePath(deck: PreparedDeck): string {
  return path.join(deck.outDir, `${deck.name}.theme.css`);
}

function singleFileInput(deck: PreparedDeck): SingleFileInput {
  const theme = deck.briefing.deck.theme;
  return { html: deck.html, name: deck.name, userThemeCss: 'css' in theme ? theme.css.bytes : undefined };
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
  return renderBriefing(await readValidBriefing(options, timer), options, timer);
}

type PrepareOptions = Pick<BuildOptions, 'file' | 'cwd' | 'outDir' | 'deck' | 'templatesDir' | 'templates'>;

/** Load and validate, with the command line's deck settings applied. */
async function readValidBriefing(
  options: PrepareOptions,
  timer: (step: string, detail?: string) => void,
): Promise<Briefing> {
  const briefing = withDeck(await readBriefing(options.file, options.cwd), options.deck);
  timer('validate', `${options.file} is valid`);
  return briefing;
}

/** Model and render a valid briefing. */
function renderBriefing(
  briefing: Briefing,
  options: PrepareOptions,
  timer: (step: string, detail?: string) => void,
): PreparedDeck {
  const model = buildDeckModel(briefing);
  const templates =
    options.templates ??
    loadTemplates(options.templatesDir && path.resolve(options.cwd, options.templatesDir));
  const name = briefingName(options.file);
  const page = buildPage(model, {
    version: packageVersion(),
    speakerViewHashes: speakerViewScriptHashes(),
    userThemeHref: 'css' in briefing.deck.theme ? `${encodeURIComponent(name)}.theme.css` : undefined,
  });
  const html = renderDeck(page, templates);
  timer('render', `${model.slides.length} slides`);
  const outDir = path.resolve(options.cwd, options.outDir);
  return {
    briefing,
    name,
    outDir,
    htmlFile: path.join(outDir, `${name}.html`),
    html,
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
function copyDeckAssets(outDir: string): Promise<number> {
  const dir = path.join(outDir, ASSETS_DIR);
  let copy = copying.get(dir);
  if (!copy) {
    copy = copyAssets(assetFiles(), dir).finally(() => copying.delete(dir));
    copying.set(dir, copy);
  }
  return copy;
}

export interface PrintedDeck {
  /** The PDF, with its bookmarks and metadata; undefined when only measuring. Not yet written. */
  pdf?: Uint8Array;
  overflows: Overflow[];
}

/**
 * Prints the deck written at `htmlFile` and measures every slide; overflows
 * are warnings, or an error with `strict`. The caller writes the PDF
 * (`OUT/NAME.pdf`, see `outputPath`).
 */
export async function printDeck(
  deck: PreparedDeck,
  htmlFile: string,
  session: BrowserSession,
  options: Pick<BuildOptions, 'file' | 'pdf' | 'strict' | 'timeoutMs' | 'onWarning' | 'templatesDir'>,
): Promise<PrintedDeck> {
  const printed = await printPdf(session, {
    htmlFile,
    root: deck.outDir,
    timeoutMs: options.timeoutMs,
    pdf: options.pdf,
    onPageMessage: options.onWarning,
    marking: deck.model.classification || undefined,
  });
  const overflows = printed.overflows.map((overflow): Problem => {
    const place = deck.briefing.positions.get(overflow.yamlPath) ?? { line: 1, col: 1 };
    return {
      file: options.file,
      ...place,
      path: overflow.yamlPath,
      message: `slide "${overflow.heading}" overflows by ${overflow.pixels}px`,
      hint: 'shorten the text',
    };
  });
  for (const overflow of overflows) options.onWarning?.(formatProblem(overflow));
  if (options.strict && overflows.length > 0) throw new OverflowError(overflows);
  if (!printed.pdf) return { overflows: printed.overflows };
  if (printed.pageCount !== deck.slideCount) {
    // Named after what the user gave that can break it: the partials, else the theme.
    const culprit = options.templatesDir
      ? 'A template override may have broken the slide structure; check --templates.'
      : 'css' in deck.briefing.deck.theme
        ? 'The theme may have broken the slide structure (each slide prints as one page); check its CSS.'
        : 'This is a bug in briefdeck; please report it.';
    throw new RenderError(`The print view has ${printed.pageCount} pages for ${deck.slideCount} slides.`, {
      hint: culprit,
    });
  }
  const pdf = finishPdf(() => setPdfInfo(addOutline(printed.pdf as Uint8Array, deck.outline), pdfInfo(deck)));
  return { pdf, overflows: printed.overflows };
}

/**
 * Prints the handout: the same view model as a document on A4 or US
 * Letter. Its HTML is a temporary file beside the outputs (it loads the
 * deck's fonts), removed once printed. The caller writes the PDF.
 */
export async function printHandout(
  deck: PreparedDeck,
  session: BrowserSession,
  options: Pick<BuildOptions, 'timeoutMs' | 'onWarning'> & { paper: Paper },
): Promise<{ pdf: Uint8Array; pageCount: number }> {
  const model = buildHandoutModel(deck.model);
  const html = renderHandout(buildHandoutPage(model, { paper: options.paper, version: packageVersion() }));
  const draft = path.join(
    deck.outDir,
    `.${deck.name}-handout.${process.pid}.${randomBytes(4).toString('hex')}.html`,
  );
  const untrack = trackTemp(draft);
  // A draft, removed once printed: written plainly (it is tracked, and nothing reads it but the print).
  await writeFile(draft, html);
  try {
    const printed = await printDocument(session, {
      htmlFile: draft,
      root: deck.outDir,
      timeoutMs: options.timeoutMs,
      onPageMessage: options.onWarning,
      marking: model.classification || undefined,
    });
    const pdf = finishPdf(() => {
      const outline = handoutOutline(model, namedDestinations(printed.pdf));
      return setPdfInfo(addOutline(printed.pdf, outline), pdfInfo(deck));
    });
    return { pdf, pageCount: printed.pageCount };
  } finally {
    await unlink(draft).catch(() => {});
    untrack();
  }
}

/**
 * Adds the title, author and bookmarks to the PDF Chromium wrote. That reads
 * Chromium's file layout; a browser that writes it differently is not the
 * user's mistake, so it is said plainly, with what to do.
 */
function finishPdf(add: () => Uint8Array): Uint8Array {
  try {
    return add();
  } catch (cause) {
    throw new RenderError(
      `The browser wrote a PDF that briefdeck cannot add its title and bookmarks to (${cause instanceof Error ? cause.message : String(cause)}).`,
      {
        hint: 'Run again; if it persists, point CHROME_PATH at another Chrome or Chromium, and report it with the browser version.',
        cause,
      },
    );
  }
}

/** The PDFs' document information: title, author, subject, keywords. */
function pdfInfo(deck: PreparedDeck): PdfInfo {
  return {
    title: deck.title,
    author: deck.briefing.author ?? deck.briefing.organization,
    subject: deck.subject,
    keywords: deck.briefing.classification,
    creator: `briefdeck ${packageVersion()}`,
  };
}

/** Load and validate only (`briefdeck validate`). */
export async function readBriefing(file: string, cwd: string): Promise<Briefing> {
  return validateBriefing(await loadBriefing(file, { cwd }));
}

function withDeck(briefing: Briefing, deck: BuildOptions['deck']): Briefing {
  if (!deck?.theme && !deck?.aspect) return briefing;
  return {
    ...briefing,
    deck: {
      ...briefing.deck,
      ...(deck.theme ? { theme: { builtIn: deck.theme } } : {}),
      ...(deck.aspect ? { aspect: deck.aspect } : {}),
    },
  };
}

function stepTimer(onStep: BuildOptions['onStep']): (step: string, detail?: string) => void {
  let last = performance.now();
  return (step, detail) => {
    const now = performance.now();
    onStep?.(step, now - last, detail);
    last = now;
  };
}
