/**
 * `briefdeck watch`: build once, serve the output folder, and rebuild on
 * every save of the briefing, its theme, its logo or a partial, in this
 * process, with one browser kept warm for the PDF.
 *
 * A rebuild is the build pipeline with the deck written first (every open
 * deck reloads at once) and the PDF printed after it. Saves during a
 * rebuild are never lost and never build at the same time: they mark the
 * inputs dirty, the running rebuild stops before its next write, and one
 * more rebuild follows. A file that changed while it was being read is
 * read again before its problems are reported, so a half-written save is
 * never shown as the user's mistake.
 */
import { createHash } from 'node:crypto';
import { mkdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { BrowserSession } from '../browser/session.js';
import {
  type BuildOptions,
  briefingName,
  needsBrowser,
  outputPath,
  type PreparedDeck,
  prepareDeck,
  printDeck,
  printHandout,
  writeDeck,
  writeSingleFile,
} from '../build.js';
import { BriefingError, RenderError, UserError } from '../errors.js';
import { checkTemplatesFolder, loadTemplates, type Templates } from '../render.js';
import { checkOutputFolder, writeFileAtomic } from '../write.js';
import { type FileWatcher, watchFiles } from './files.js';
import { type DeckState, type PreviewServer, startPreviewServer } from './server.js';

/** Quiet time after the last file event before a rebuild starts: editors write in several steps. */
const SETTLE_MS = 15;

export interface WatchOptions
  extends Pick<
    BuildOptions,
    | 'file'
    | 'outDir'
    | 'cwd'
    | 'pdf'
    | 'strict'
    | 'deck'
    | 'templatesDir'
    | 'timeoutMs'
    | 'handout'
    | 'singleFile'
  > {
  env: NodeJS.ProcessEnv;
  host: string;
  port: number;
  /** Move to the next free port when `port` is taken (when no port was asked for). */
  portFallback: boolean;
}

/** What watch mode tells the user; the CLI prints it. */
export interface WatchReporter {
  /** A rebuild is done: how long the deck and the PDF took. */
  rebuilt(times: { deckMs: number; pdfMs?: number; handoutMs?: number; slides: number }): void;
  /** The last save did not build: its problems, one line each, and a closing line. */
  problems(lines: string[], summary: string): void;
  /** The deck was written but the PDF could not be made (timeout, crash): the error's lines. */
  renderFailed(lines: string[]): void;
  warning(message: string): void;
}

export interface Watching {
  url: string;
  /** Settles when the first build is done, good or not. */
  ready: Promise<void>;
  /** Stops the watchers, the server and the browser; removes nothing that was built. */
  close(): Promise<void>;
}

export async function watchBriefing(options: WatchOptions, report: WatchReporter): Promise<Watching> {
  const briefingFile = path.resolve(options.cwd, options.file);
  const outDir = path.resolve(options.cwd, options.outDir);
  const templatesDir = options.templatesDir && path.resolve(options.cwd, options.templatesDir);
  // Wrong folders are the command line's mistakes, found before anything starts.
  if (templatesDir) checkTemplatesFolder(templatesDir, options.templatesDir);
  await checkOutputFolder(outDir, options.outDir);
  await mkdir(outDir, { recursive: true });
  const name = briefingName(options.file);
  const session = needsBrowser(options)
    ? new BrowserSession({ env: options.env, timeoutMs: options.timeoutMs, keepPage: true })
    : undefined;
  // The browser starts while the first build runs.
  session?.get().catch(() => {});

  let templates: Templates | undefined;
  let build = 0;
  let closed = false;
  let dirty = true;
  let running: Promise<void> | undefined;
  let timer: NodeJS.Timeout | undefined;
  let server: PreviewServer | undefined;
  /** What open decks are told: the last good build, and what is wrong with the last save. */
  let state: DeckState = { build: 0, problems: [] };
  const publish = (next: DeckState) => {
    state = next;
    server?.publish(state);
  };
  let watched: string[] = [briefingFile];
  /** What the last build that fully succeeded was made of: a save that changes nothing rebuilds nothing. */
  let lastGood: string | undefined;

  const onChange = (file: string) => {
    if (closed) return;
    // A partial, or the whole folder (gone, back, or a platform that does not name the file).
    if (templatesDir && (file === templatesDir || path.dirname(file) === templatesDir)) templates = undefined;
    dirty = true;
    clearTimeout(timer);
    timer = setTimeout(kick, SETTLE_MS);
  };
  const files: FileWatcher = watchFiles(
    { files: watched, templateDirs: templatesDir ? [templatesDir] : [] },
    onChange,
  );

  /** Starts a rebuild unless one runs; the running one starts the next when it ends. */
  const kick = () => {
    timer = undefined;
    if (running || closed) return;
    if (!dirty) return;
    running = rebuild()
      .catch((error: unknown) => {
        // A bug, not the user's doing: say so, keep watching.
        if (!closed)
          report.renderFailed([
            `internal error (a bug; please report it): ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
          ]);
      })
      .finally(() => {
        running = undefined;
        kick();
      });
  };

  /** The briefing file's identity now, to tell whether it changed while it was read. */
  const stamp = async () => {
    const info = await stat(briefingFile).catch(() => undefined);
    return info ? `${info.ino}:${info.size}:${info.mtimeMs}` : 'missing';
  };

  const rebuild = async (): Promise<void> => {
    dirty = false;
    const start = performance.now();
    const before = await stamp();
    let deck: PreparedDeck;
    try {
      templates ??= loadTemplates(templatesDir);
      deck = await prepareDeck({ ...options, templates });
    } catch (error) {
      if (!(error instanceof UserError)) throw error;
      // Changed while being read (an editor still writing): the finished file is built next.
      if (dirty || (await stamp()) !== before) {
        dirty = true;
        return;
      }
      const lines = error instanceof BriefingError ? error.lines().slice(0, -1) : error.lines();
      const count = error instanceof BriefingError ? error.problems.length + error.more : 1;
      const shown = error instanceof BriefingError ? lines : lines.map((line) => `error: ${line}`);
      publish({ build, problems: shown });
      report.problems(
        shown,
        `${count} problem${count === 1 ? '' : 's'} found; the last good deck stays in ${path.relative(options.cwd, outDir) || '.'}/.`,
      );
      return;
    }
    // Changed since it was read: this build is already out of date, and may be of a half-written file.
    if (dirty || closed || (await stamp()) !== before) {
      dirty = true;
      return;
    }
    watchInputsOf(deck);
    // The deck's HTML holds everything but the theme's bytes (the logo is inlined): with those, it says
    // whether anything the outputs are made of changed since the last good build.
    const theme = deck.briefing.deck.theme;
    const made = `${deck.html}\0${'css' in theme ? createHash('sha256').update(theme.css.bytes).digest('hex') : ''}`;
    if (made === lastGood) {
      // Saved without a change, or back to the last good text after a mistake: nothing to redo.
      if (state.problems.length > 0) publish({ build, problems: [] });
      return;
    }
    await writeDeck(deck);
    if (options.singleFile) await writeSingleFile(deck);
    const deckMs = performance.now() - start;
    build += 1;
    publish({ build, problems: [] });
    if (!session) {
      report.rebuilt({ deckMs, slides: deck.slideCount });
      lastGood = made;
      return;
    }
    if (dirty || closed) return;
    const overflows: string[] = [];
    try {
      const printStart = performance.now();
      let pdfMs: number | undefined;
      let handoutMs: number | undefined;
      if (options.pdf || options.strict) {
        const printed = await printDeck(deck, deck.htmlFile, session, {
          ...options,
          onWarning: (message) => {
            if (closed) return;
            if (/ overflows by \d+px/.test(message)) overflows.push(message);
            if (!options.strict) report.warning(message);
          },
        });
        // A newer save is waiting: its own print replaces this one.
        if (dirty || closed) return;
        if (printed.pdf) {
          await writeFileAtomic(outputPath(deck, 'pdf'), printed.pdf);
          pdfMs = performance.now() - printStart;
        }
      }
      if (options.handout && !dirty && !closed) {
        const handoutStart = performance.now();
        const handout = await printHandout(deck, session, { ...options, paper: options.handout });
        if (dirty || closed) return;
        await writeFileAtomic(outputPath(deck, 'handout'), handout.pdf);
        handoutMs = performance.now() - handoutStart;
      }
      report.rebuilt({ deckMs, pdfMs, handoutMs, slides: deck.slideCount });
      lastGood = made;
    } catch (error) {
      if (closed) return;
      if (!(error instanceof RenderError)) throw error;
      if (options.strict && overflows.length > 0) {
        // --strict: overflows are the file's problems, shown like any other; the PDF is not replaced.
        publish({ build, problems: overflows });
        report.problems(
          overflows,
          `${overflows.length} slide(s) overflow; the PDF was not replaced (--strict).`,
        );
        return;
      }
      // A timeout or a crashed browser: the next rebuild starts a new one.
      await session.restart();
      report.renderFailed([...error.lines(), 'The deck is up to date; the PDFs were not updated.']);
    }
    // An event may have been missed while the file was being read: compare it with what was read.
    if ((await stamp()) !== before) dirty = true;
  };

  /** Watches the theme CSS and the logo the briefing names now, besides the briefing itself. */
  const watchInputsOf = (deck: PreparedDeck) => {
    const theme = deck.briefing.deck.theme;
    const next = [
      briefingFile,
      ...('css' in theme ? [theme.css.path] : []),
      ...(deck.briefing.deck.logo ? [deck.briefing.deck.logo.path] : []),
    ];
    if (next.join('\n') === watched.join('\n')) return;
    watched = next;
    files.update({ files: watched, templateDirs: templatesDir ? [templatesDir] : [] });
  };

  try {
    // The server and the first build start together; the address is given once the first build is done.
    const serving = startPreviewServer({
      root: outDir,
      deckFile: `${name}.html`,
      host: options.host,
      port: options.port,
      fallback: options.portFallback,
    });
    kick();
    server = await serving;
  } catch (error) {
    closed = true;
    files.close();
    await session?.close();
    throw error;
  }
  server.publish(state);

  const first = running;
  return {
    url: server.url,
    ready: (first ?? Promise.resolve()).then(() => undefined),
    async close() {
      closed = true;
      clearTimeout(timer);
      files.close();
      await Promise.all([server?.close(), session?.close()]);
      await running?.catch(() => {});
    },
  };
}
