/**
 * `briefdeck watch`: build once, serve the output folder, and rebuild on
 * every save of the briefing, its theme, its logo or a partial, in this
 * process, with one browser kept warm for the PDF.
 *
 * The parts: the file watcher (files.ts) tells the rebuild loop
 * (rebuildLoop.ts) of every save; the loop runs one rebuild at a time
 * (rebuild.ts), aborting one that a newer save makes out of date; what a
 * rebuild reports (outcome.ts) goes to open decks through the preview
 * server (server.ts) and to the terminal through the reporter.
 */
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { BrowserSession } from '../browser/session.js';
import { needsBrowser } from '../build.js';
import type { Warning } from '../errors.js';
import { checkTemplatesFolder } from '../outputs/deck.js';
import { briefingName } from '../outputs/names.js';
import { checkOutputFolder } from '../outputs/write.js';
import { type FileWatcher, watchFiles } from './files.js';
import { type Bug, type Built, type Current, overlayState, type RebuildFailure } from './outcome.js';
import { DeckRebuilder, type RebuildListener, type RebuildOptions } from './rebuild.js';
import { RebuildLoop } from './rebuildLoop.js';
import { type DeckState, type PreviewServer, startPreviewServer } from './server.js';

/**
 * Prints made in one page before it is closed and a new one opened: the renderer of a page that loads
 * the deck again and again keeps growing (see the README's Speed section). A new page costs its first
 * print about a cold load of the fonts.
 */
const PRINT_PAGE_USES = 20;

/** Quiet time after the last file event before a rebuild starts: editors write in several steps. */
const SETTLE_MS = 15;

export interface WatchOptions extends RebuildOptions {
  env: NodeJS.ProcessEnv;
  host: string;
  port: number;
  /** Move to the next free port when `port` is taken (when no port was asked for). */
  portFallback: boolean;
}

/** What watch mode tells the user; the CLI prints it. */
export interface WatchReporter {
  /** A rebuild is done: how long the deck and the PDF took. */
  rebuilt(built: Built): void;
  /** A save needed no rebuild: the outputs in the folder are this save's already (after a failure, it fixed it). */
  unchanged(current: Current): void;
  /** The last save did not make everything, or a rebuild hit a bug. */
  failed(failure: RebuildFailure | Bug): void;
  warning(warning: Warning): void;
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
  const session = await prepare(options, outDir, templatesDir);

  let server: PreviewServer | undefined;
  /** What open decks are told: the deck on disk, and what is wrong with the last save. */
  let state: DeckState = { build: 0, problems: [] };
  const publish = (next: DeckState) => {
    state = next;
    server?.publish(state);
  };
  const templateDirs = templatesDir ? [templatesDir] : [];
  let watched: string[] = [briefingFile];
  const inputs = (next: string[]) => {
    if (next.join('\n') === watched.join('\n')) return;
    watched = next;
    files.update({ files: watched, templateDirs });
  };
  const listener = tellUser(publish, () => state, report, inputs);
  const rebuilder: DeckRebuilder = new DeckRebuilder(options, session, listener, () => loop.closed);
  const loop: RebuildLoop = new RebuildLoop({
    settleMs: SETTLE_MS,
    run: (signal) => rebuilder.run(signal),
    // A bug, not the user's doing: say so, keep watching.
    onError: (error) => {
      if (!loop.closed) report.failed({ kind: 'bug', error });
    },
  });
  const files: FileWatcher = watchFiles({ files: watched, templateDirs }, (file) => {
    // A partial, or the whole folder (gone, back, or a platform that does not name the file).
    if (templatesDir && (file === templatesDir || path.dirname(file) === templatesDir))
      rebuilder.forgetTemplates();
    loop.saved();
  });

  let ready: Promise<void>;
  try {
    // The server and the first build start together; the address is given once the first build is done.
    const serving = startPreviewServer({
      root: outDir,
      deckFile: `${briefingName(options.file)}.html`,
      host: options.host,
      port: options.port,
      fallback: options.portFallback,
    });
    ready = loop.start();
    server = await serving;
  } catch (error) {
    const ended = loop.close();
    files.close();
    await session?.close();
    await ended;
    throw error;
  }
  server.publish(state);

  return {
    url: server.url,
    ready,
    async close() {
      const ended = loop.close();
      files.close();
      await Promise.all([server?.close(), session?.close()]);
      await ended;
    },
  };
}

/** Checks the folders (the command line's mistakes, found before anything starts); starts the browser, if one is needed. */
async function prepare(
  options: WatchOptions,
  outDir: string,
  templatesDir: string | undefined,
): Promise<BrowserSession | undefined> {
  if (templatesDir) checkTemplatesFolder(templatesDir, options.templatesDir);
  await checkOutputFolder(outDir, options.outDir);
  await mkdir(outDir, { recursive: true });
  const session = needsBrowser(options)
    ? new BrowserSession({
        env: options.env,
        timeoutMs: options.timeoutMs,
        keepPage: true,
        pageUses: PRINT_PAGE_USES,
      })
    : undefined;
  // The browser starts while the first build runs.
  session?.get().catch(() => {});
  return session;
}

/** A rebuild's news for open decks (the overlay's state, published) and for the terminal (the reporter). */
function tellUser(
  publish: (state: DeckState) => void,
  last: () => DeckState,
  report: WatchReporter,
  inputs: (files: string[]) => void,
): RebuildListener {
  return {
    deck: (build, shell) => publish({ build, shell, problems: [] }),
    rebuilt: (built) => report.rebuilt(built),
    unchanged: (current) => report.unchanged(current),
    failed: (failure, build) => {
      // The same build keeps its shell; a deck put back (a new build) is reloaded: its shell is not known here.
      publish({ build, shell: build === last().build ? last().shell : undefined, ...overlayState(failure) });
      report.failed(failure);
    },
    warning: (warning) => report.warning(warning),
    inputs,
  };
}
