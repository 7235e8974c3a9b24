/**
 * Ctrl-C (and SIGTERM) during a build: the first closes the browser and
 * aborts, so the build winds down (atomic writes finish or clean up after
 * themselves) and the command returns 130; a second exits at once, removing
 * every temporary file. The browser is closed at the end in any case.
 */
import { BrowserSession } from '../browser/session.js';
import { removeTempFiles } from '../outputs/write.js';
import type { Io } from './_terminal.js';

/** The shell's code for a process ended by Ctrl-C. */
export const EXIT_INTERRUPTED = 130;

let quitting: Promise<never> | undefined;

/**
 * A second Ctrl-C: stops every browser of this process and removes its profile (none may be left
 * behind), removes every temporary file, and exits with 130. Calls after the first wait for it.
 */
export function quitAtOnce(): Promise<never> {
  quitting ??= (async () => {
    BrowserSession.discardAll();
    await removeTempFiles();
    process.exit(EXIT_INTERRUPTED);
  })();
  return quitting;
}

export async function interruptible(
  io: Io,
  session: BrowserSession | undefined,
  run: (interrupted: () => boolean, abort: AbortSignal) => Promise<number>,
): Promise<number> {
  const abort = new AbortController();
  const stop = () => {
    if (abort.signal.aborted) return void quitAtOnce();
    abort.abort();
    io.stderr('briefdeck: interrupted; closing the browser (Ctrl-C again to quit at once)');
    void session?.close();
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  try {
    return await run(() => abort.signal.aborted, abort.signal);
  } catch (error) {
    if (abort.signal.aborted) return EXIT_INTERRUPTED;
    throw error;
  } finally {
    process.off('SIGINT', stop);
    process.off('SIGTERM', stop);
    await session?.close();
  }
}
