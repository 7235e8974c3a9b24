/**
 * The pipeline, top to bottom:
 *   load (YAML → positions) → validate (→ Briefing) → model (→ view model)
 *   → render (→ HTML) → write (dist/, atomically) → print (HTML → PDF)
 * Nothing is written until the briefing is known to be valid.
 */
import { randomBytes } from 'node:crypto';
import { rename, unlink } from 'node:fs/promises';
import path from 'node:path';
import { ASSETS_DIR, assetFiles, packageVersion, speakerViewScriptHashes } from './assets.js';
import type { Aspect, Briefing } from './briefing.js';
import { setPdfInfo } from './browser/pdfInfo.js';
import { type Overflow, printPdf } from './browser/print.js';
import type { BrowserSession } from './browser/session.js';
import { RenderError } from './errors.js';
import { loadBriefing } from './load.js';
import { buildDeckModel } from './model.js';
import { buildPage, loadTemplates, renderDeck } from './render.js';
import { validateBriefing } from './validate.js';
import { copyAssets, writeFileAtomic } from './write.js';

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
  timeoutMs: number;
  /** The browser, when the PDF is wanted; opened and closed by the caller. */
  session?: BrowserSession;
  /** Progress: called when a step ends, with its duration. */
  onStep?: (step: string, ms: number, detail?: string) => void;
  /** Something the user should know that does not stop the build. */
  onWarning?: (message: string) => void;
}

export interface BuildResult {
  briefing: Briefing;
  html: string;
  pdf?: string;
  slideCount: number;
  overflows: Overflow[];
}

export async function buildBriefing(options: BuildOptions): Promise<BuildResult> {
  const timer = stepTimer(options.onStep);
  // Chromium takes longest to start: launch it while the briefing is read and rendered.
  if (options.pdf) options.session?.get().catch(() => {});
  const briefing = withDeck(await readBriefing(options.file, options.cwd), options.deck);
  timer('validate', `${options.file} is valid`);

  const model = buildDeckModel(briefing);
  const templates = loadTemplates(options.templatesDir && path.resolve(options.cwd, options.templatesDir));
  const name = path.basename(options.file).replace(/\.ya?ml$/i, '');
  const userTheme = 'css' in briefing.deck.theme ? briefing.deck.theme.css : undefined;
  const page = buildPage(model, {
    version: packageVersion(),
    speakerViewHashes: speakerViewScriptHashes(),
    userThemeHref: userTheme && `${encodeURIComponent(name)}.theme.css`,
  });
  const html = renderDeck(page, templates);
  timer('render', `${model.slides.length} slides`);

  const outDir = path.resolve(options.cwd, options.outDir);
  const htmlFile = path.join(outDir, `${name}.html`);
  await copyAssets(assetFiles(), path.join(outDir, ASSETS_DIR));
  if (userTheme) await writeFileAtomic(path.join(outDir, `${name}.theme.css`), userTheme.bytes);
  const result: BuildResult = { briefing, html: htmlFile, slideCount: model.slides.length, overflows: [] };
  const measure = options.pdf || options.strict;
  if (!measure) {
    await writeFileAtomic(htmlFile, html);
    timer('write', path.relative(options.cwd, htmlFile) || htmlFile);
    return result;
  }
  if (!options.session) throw new Error('buildBriefing: the browser is needed but no session was given');

  // The deck is printed from a temporary copy next to where it goes, and both files are put in place
  // only once the PDF is made: a failed print leaves the previous deck and PDF as they were, together.
  const draft = path.join(outDir, `.${name}.${process.pid}.${randomBytes(4).toString('hex')}.html`);
  await writeFileAtomic(draft, html);
  timer('write', path.relative(options.cwd, htmlFile) || htmlFile);
  try {
    const printed = await printPdf(options.session, {
      htmlFile: draft,
      root: outDir,
      timeoutMs: options.timeoutMs,
      pdf: options.pdf,
      onPageMessage: options.onWarning,
    });
    result.overflows = printed.overflows;
    for (const overflow of printed.overflows) {
      const place = briefing.positions.get(overflow.yamlPath);
      const where = place ? `${options.file}:${place.line}:${place.col}` : options.file;
      options.onWarning?.(
        `${where}: ${overflow.yamlPath}: slide "${overflow.heading}" overflows by ${overflow.pixels}px; shorten the text`,
      );
    }
    if (options.strict && printed.overflows.length > 0) {
      throw new RenderError(
        `${printed.overflows.length} slide(s) overflow; nothing was written (--strict).`,
        {
          hint: 'Shorten the texts named above, or build without --strict to accept them.',
        },
      );
    }
    if (printed.pdf) {
      if (printed.pageCount !== model.slides.length) {
        throw new RenderError(
          `The print view has ${printed.pageCount} pages for ${model.slides.length} slides.`,
          {
            hint: 'A template override may have broken the slide structure; check --templates.',
          },
        );
      }
      const pdf = setPdfInfo(printed.pdf, {
        title: model.title,
        author: briefing.author ?? briefing.organization,
        subject: model.subject,
        keywords: briefing.classification,
        creator: `briefdeck ${packageVersion()}`,
      });
      const pdfFile = path.join(outDir, `${name}.pdf`);
      await writeFileAtomic(pdfFile, pdf);
      result.pdf = pdfFile;
      timer('print', `${path.relative(options.cwd, pdfFile) || pdfFile}, ${printed.pageCount} pages`);
    } else timer('measure', `${printed.slideCount} slides fit`);
    await rename(draft, htmlFile);
  } finally {
    await unlink(draft).catch(() => {});
  }
  return result;
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
