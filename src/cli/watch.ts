/**
 * `briefdeck watch`: runs until Ctrl-C (or SIGTERM), then closes the
 * browser, the server and the watchers and returns 0: stopping is how
 * watch ends.
 */
import { randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { readBaseline } from '../changes/index.js';
import { UsageError } from '../errors.js';
import { removeTempFiles, trackTemp } from '../outputs/write.js';
import { printable } from '../terminalText.js';
import { failureText, type PrintedOutput } from '../watch/outcome.js';
import type { WatchReporter } from '../watch/watch.js';
import { defineCommand, listed } from './_command.js';
import { quitAtOnce } from './_interrupt.js';
import { PIPELINE_OPTIONS, resolvePipelineOptions } from './_pipeline.js';
import { type CliContext, formatMs, printError, printWarning } from './_terminal.js';

/** The preview server's port (the next free one is taken if it is busy). */
const DEFAULT_PORT = 4870;
const DEFAULT_HOST = '127.0.0.1';

const WATCH_OPTIONS = {
  port: {
    type: 'string',
    value: 'N',
    help: 'port of the preview server, or the next free one',
    shownDefault: DEFAULT_PORT,
  },
  host: {
    type: 'string',
    value: 'ADDR',
    help: `address to listen on (default: ${DEFAULT_HOST}, this machine only)`,
  },
  open: { type: 'boolean', help: 'open the deck in the default browser' },
} as const;

export const watchCommand = defineCommand({
  name: 'watch',
  args: '[FILE] [options]',
  maxArgs: 1,
  summary: 'build, serve the deck, rebuild and reload on every save',
  options: { ...PIPELINE_OPTIONS, ...WATCH_OPTIONS },
  async run({ args, values }, context: CliContext) {
    const { io, paint } = context;
    const file = args[0] ?? 'briefing.yaml';
    const pipeline = resolvePipelineOptions(values, context);
    const port = parsePort(values.port);
    const host = values.host ?? DEFAULT_HOST;
    if (!/^[0-9a-z.:-]+$/i.test(host))
      throw new UsageError(`--host takes an address, got "${printable(host)}"`);
    const quiet = values.quiet ?? false;
    if (!['127.0.0.1', 'localhost', '::1'].includes(host)) {
      printWarning(context, `serving on ${host}: anyone who can reach this machine there can read the deck.`);
    }
    // Ctrl-C is how watch ends, at any time, the first build included; a second one quits at once,
    // still removing the browser's profile and every temporary file.
    let stop = () => {};
    const stopped = new Promise<void>((resolve) => {
      stop = resolve;
    });
    let signals = 0;
    const onSignal = () => {
      signals += 1;
      if (signals === 1) {
        if (!quiet) io.stderr(paint.dim('stopping; Ctrl-C again to quit at once'));
        return stop();
      }
      void quitAtOnce();
    };
    process.on('SIGINT', onSignal);
    process.on('SIGTERM', onSignal);
    try {
      // Loaded only for watch: its server needs node:http, which would slow every other command's start.
      const { watchBriefing } = await import('../watch/watch.js');
      // Read once: the marks stay against the same previous version while the briefing is edited.
      const baseline =
        pipeline.since === undefined
          ? undefined
          : ((await readBaseline(pipeline.since, file, io.cwd, (warning) =>
              printWarning(context, warning),
            )) ?? null);
      const watching = await watchBriefing(
        {
          file,
          ...pipeline,
          ...(baseline === undefined ? {} : { baseline }),
          env: io.env,
          host,
          port: port ?? DEFAULT_PORT,
          portFallback: port === undefined,
        },
        reporter(context, quiet),
      );
      const interrupted = await Promise.race([watching.ready.then(() => false), stopped.then(() => true)]);
      if (!interrupted) {
        io.stdout(watching.url);
        if (!quiet) io.stderr(paint.dim(`watching ${printable(file)}; Ctrl-C to stop`));
        if (values.open) openInBrowser(watching.url);
        await stopped;
      }
      await watching.close();
      await removeTempFiles();
      return 0;
    } finally {
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
    }
  },
});

/**
 * What watch says on the terminal after each save: the rebuild's outcome as text, the same lines open
 * decks show. A save that needed no rebuild says nothing, unless the last thing said was a failure: the
 * save fixed it, and the terminal's last word must not stay the error.
 */
function reporter(context: CliContext, quiet: boolean): WatchReporter {
  const { io, paint } = context;
  let failing = false;
  return {
    rebuilt: ({ deckMs, pdfMs, handoutMs, notesMs, slides }) => {
      failing = false;
      if (quiet) return;
      const pdf =
        (pdfMs === undefined ? '' : ` · PDF in ${formatMs(pdfMs)}`) +
        (handoutMs === undefined ? '' : ` · handout in ${formatMs(handoutMs)}`) +
        (notesMs === undefined ? '' : ` · script in ${formatMs(notesMs)}`);
      io.stderr(`${paint.green('rebuilt')} in ${formatMs(deckMs)}${pdf} ${paint.dim(`(${slides} slides)`)}`);
    },
    unchanged: ({ slides, printed, outDir }) => {
      if (!failing) return;
      failing = false;
      if (quiet) return;
      const outputs = listed(['deck', ...printed.map((output) => PRINTED_NAMES[output])]);
      const are = printed.length === 0 ? 'is' : 'are';
      io.stderr(
        `${paint.green('fixed:')} the ${outputs} in ${printable(outDir)}/ ${are} current; nothing to rebuild ${paint.dim(`(${slides} slides)`)}`,
      );
    },
    failed: (failure) => {
      failing = true;
      const text = failureText(failure);
      if ('error' in text) return printError(context, text.error);
      for (const line of text.problems) io.stderr(printable(line));
      io.stderr(printable(text.summary));
    },
    warning: (warning) => printWarning(context, warning),
  };
}

/** The PDFs as the terminal names them (as the `rebuilt` line does). */
const PRINTED_NAMES: Record<PrintedOutput, string> = { pdf: 'PDF', handout: 'handout', notes: 'script' };

function parsePort(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const port = Number(value);
  if (!Number.isInteger(port) || port < 1 || port > 65535) {
    throw new UsageError(`--port takes a port number (1–65535), got "${printable(value)}"`);
  }
  return port;
}

/**
 * Opens the deck in the user's browser, the way the platform opens a link; nothing happens if it
 * cannot. The address carries the session's token, and a command line can be read by every user of
 * the machine (ps), so the browser is given a file that only this user can read and that goes on to
 * the address (as Jupyter does). The file is removed when watch ends.
 */
function openInBrowser(url: string): void {
  // Loaded only here (the other commands never need it); the bundle runs in a vm.Script, where a
  // dynamic import() of a Node module fails, so it is asked for as Node's own module.
  const { spawn } = process.getBuiltinModule('node:child_process') as typeof import('node:child_process');
  const file = path.join(os.tmpdir(), `briefdeck-open-${randomBytes(8).toString('hex')}.html`);
  const href = url.replace(/&/g, '&amp;').replace(/"/g, '&quot;');
  try {
    writeFileSync(
      file,
      `<!doctype html><meta charset="utf-8"><meta name="referrer" content="no-referrer"><meta http-equiv="refresh" content="0;url=${href}"><title>briefdeck</title><a href="${href}">Open the deck</a>\n`,
      { mode: 0o600, flag: 'wx' },
    );
    trackTemp(file);
    const target = pathToFileURL(file).href;
    const [command, args] =
      process.platform === 'darwin'
        ? ['open', [target]]
        : process.platform === 'win32'
          ? ['cmd', ['/c', 'start', '""', target]]
          : ['xdg-open', [target]];
    const child = spawn(command, args, { stdio: 'ignore', detached: true });
    child.on('error', () => {});
    child.unref();
  } catch {
    // no browser to open: the address is printed anyway
  }
}
