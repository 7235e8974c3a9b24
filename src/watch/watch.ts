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
import { existsSync } from 'node:fs';
import { mkdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { BrowserSession } from '../browser/session.js';
import {
  type BuildOptions,
  needsBrowser,
  type PreparedDeck,
  prepareDeck,
  writeDeck,
  writeSingleFile,
} from '../build.js';
import {
  BriefingError,
  formatProblem,
  MarkingError,
  OverflowError,
  RenderError,
  UserError,
} from '../errors.js';
import { checkTemplatesFolder, loadTemplates, type Templates } from '../outputs/deck.js';
import { briefingName, outputPath, themePath } from '../outputs/names.js';
import { printDeck, printHandout } from '../outputs/pdf.js';
import { checkOutputFolder, keepFiles, writeFileAtomic } from '../outputs/write.js';
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
  /** What open decks are told: the deck on disk, and what is wrong with the last save. */
  let state: DeckState = { build: 0, problems: [] };
  const publish = (next: DeckState) => {
    state = next;
    server?.publish(state);
  };
  let watched: string[] = [briefingFile];
  /** The output folder as the terminal shows it. */
  const shownOut = () => path.relative(options.cwd, outDir) || '.';
  /**
   * What the files in the output folder were made of, as the last builds left them (not what the last
   * good build was made of: a failed print leaves a newer deck beside an older PDF). A save is compared
   * with these, so that one that changes nothing rebuilds nothing, and one back to the last good text
   * after a failed print rewrites what that print left.
   */
  const onDisk: { deck?: string; prints?: string } = {};

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
        `${count} problem${count === 1 ? '' : 's'} found; the last good deck stays in ${shownOut()}/.`,
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
    // whether anything the outputs are made of differs from what is on disk.
    const theme = deck.briefing.deck.theme;
    const made = `${deck.html}\0${'css' in theme ? createHash('sha256').update(theme.css.bytes).digest('hex') : ''}`;
    const deckMs = performance.now() - start;
    const deckChanged = made !== onDisk.deck;
    // What this save replaces: put back if its classification turns out not to be shown as it must be.
    const replaced =
      deckChanged && session
        ? {
            made: onDisk.deck,
            restore: await keepFiles([deck.htmlFile, themePath(deck), outputPath(deck, 'singleFile')]),
          }
        : undefined;
    if (deckChanged) {
      onDisk.deck = undefined; // a write that fails part way leaves the folder unknown
      await writeDeck(deck);
      if (options.singleFile) await writeSingleFile(deck);
      onDisk.deck = made;
      build += 1;
    }
    // Published after every save, even one that changes nothing: open decks drop the last save's problems.
    publish({ build, problems: [] });
    if (!session || made === onDisk.prints) {
      // Saved without a change, or back to what the folder holds after a mistake: nothing more to do.
      if (deckChanged) report.rebuilt({ deckMs, slides: deck.slideCount });
      return;
    }
    if (dirty || closed) return;
    await printOutputs(deck, made, session, deckMs, replaced);
    // An event may have been missed while the file was being read: compare it with what was read.
    if ((await stamp()) !== before) dirty = true;
  };

  /**
   * Prints the PDF and the handout of the deck on disk and writes them. When they cannot be made, the
   * deck stays (it is this save's, as is everything beside it) and the terminal and open decks are told
   * which of them are stale.
   */
  const printOutputs = async (
    deck: PreparedDeck,
    made: string,
    session: BrowserSession,
    deckMs: number,
    replaced: { made: string | undefined; restore: () => Promise<void> } | undefined,
  ): Promise<void> => {
    const written = new Set<'pdf' | 'handout'>();
    try {
      const printStart = performance.now();
      let pdfMs: number | undefined;
      let handoutMs: number | undefined;
      if (options.pdf || options.strict) {
        const printed = await printDeck(deck, deck.htmlFile, session, {
          ...options,
          onWarning: (message) => {
            // Under --strict the overflows come back as the error's problems.
            if (!closed && !options.strict) report.warning(message);
          },
        });
        // A newer save is waiting: its own print replaces this one.
        if (dirty || closed) return;
        if (printed.pdf) {
          onDisk.prints = undefined;
          await writeFileAtomic(outputPath(deck, 'pdf'), printed.pdf);
          written.add('pdf');
          pdfMs = performance.now() - printStart;
        }
      }
      if (options.handout) {
        const handoutStart = performance.now();
        const handout = await printHandout(deck, session, { ...options, paper: options.handout });
        if (dirty || closed) return;
        onDisk.prints = undefined;
        await writeFileAtomic(outputPath(deck, 'handout'), handout.pdf);
        written.add('handout');
        handoutMs = performance.now() - handoutStart;
      }
      onDisk.prints = made;
      report.rebuilt({ deckMs, pdfMs, handoutMs, slides: deck.slideCount });
    } catch (error) {
      if (closed) return;
      if (!(error instanceof RenderError)) throw error;
      if (error instanceof MarkingError && replaced) {
        // A deck that does not show its classification is never left in the folder: the one it
        // replaced is put back, shown to open decks under the problems, as a mistake is.
        await replaced.restore();
        onDisk.deck = replaced.made;
        build += 1;
        const lines = error.lines().map((line, index) => (index === 0 ? `error: ${line}` : line));
        publish({ build, problems: lines });
        report.problems(lines, `The deck was not replaced; the last good one stays in ${shownOut()}/.`);
        return;
      }
      const stale = staleOutputs(deck, written);
      if (error instanceof OverflowError) {
        const overflows = error.problems.map(formatProblem);
        // --strict: overflows are the file's problems, shown like any other.
        publish({ build, problems: [...overflows, ...stale], current: true });
        report.problems(
          [...overflows, ...stale],
          `${overflows.length} slide(s) overflow (--strict); shorten the texts named above.`,
        );
        return;
      }
      // A timeout, a crashed browser, a print that went wrong: the next rebuild starts a new browser.
      await session.restart();
      const [first = '', ...rest] = [...error.lines(), ...stale];
      publish({ build, problems: [`error: ${first}`, ...rest], current: true });
      report.renderFailed([first, ...rest]);
    }
  };

  /** A line for each PDF asked for that this save's print did not write: it is older than the deck, or missing. */
  const staleOutputs = (deck: PreparedDeck, written: ReadonlySet<'pdf' | 'handout'>): string[] => {
    const wanted = [
      ...(options.pdf ? ['pdf' as const] : []),
      ...(options.handout ? ['handout' as const] : []),
    ];
    return wanted
      .filter((output) => !written.has(output))
      .map((output) => {
        const file = outputPath(deck, output);
        const shown = path.relative(options.cwd, file) || file;
        return existsSync(file)
          ? `${shown} is stale: it was made from an earlier save, not the deck now in ${shownOut()}/.`
          : `${shown} was not made.`;
      });
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
