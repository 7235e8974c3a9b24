/**
 * The command line. `main(argv)` returns the exit code; the bin only sets
 * `process.exitCode`, so tests call `main` directly. User errors print as
 * one line each without a stack; anything else is a bug and prints its stack.
 */
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { packageVersion } from './assets.js';
import { type BriefingOutcome, build, findBriefings } from './batch.js';
import { BrowserSession } from './browser/session.js';
import { type BuildOptions, buildBriefing, needsBrowser, readBriefing } from './build.js';
import { BriefingError, ExitCode, problemsAsJson, UsageError, UserError } from './errors.js';
import { schemaRefFor, starterBriefing } from './init.js';
import {
  checkDeckOverrides,
  checkJobs,
  checkPaper,
  checkTimeout,
  DEFAULT_JOBS,
  DEFAULT_OUT_DIR,
  DEFAULT_TIMEOUT_MS,
} from './options.js';
import { briefingSchema } from './schema.js';
import { printable } from './terminalText.js';
import type { watchBriefing } from './watch/watch.js';
import { checkOutputFolder, removeTempFiles, writeFileAtomic } from './write.js';

/** The preview server's port for `watch` (the next free one is taken if it is busy). */
const DEFAULT_PORT = 4870;

const HELP = `briefdeck — turn a YAML briefing into a reveal.js deck and a PDF

Usage:
  briefdeck build [FILE|DIR...] [options]
                                      write OUT/NAME.html and OUT/NAME.pdf for each briefing
                                      (a folder: every *.yaml and *.yml in it; one browser for all)
  briefdeck watch [FILE] [options]    build, serve the deck, rebuild and reload on every save
  briefdeck mail [FILE] --to ADDR... [--cc ADDR...] [--from ADDR] [--send] [options]
                                      build, then write OUT/NAME.eml, a mail draft with the
                                      PDF attached (and the handout with --handout)
  briefdeck validate [FILE] [--format json]
                                      check FILE and report every problem (as JSON for editors)
  briefdeck init [FILE]               write a starter briefing (never over an existing file)
  briefdeck schema                    print the JSON Schema of the briefing format
  briefdeck --help | --version

FILE defaults to briefing.yaml; NAME is its base name (briefing).

Options for build and watch:
  -o, --out DIR         output folder (default: dist)
      --no-pdf          no slide PDF (and no browser needed, unless --handout)
      --strict          fail when a slide overflows (exit 3)
      --theme NAME      use a built-in theme (light, dark) instead of deck.theme
      --aspect RATIO    16:9 or 4:3, instead of deck.aspect
      --templates DIR   partials (NAME.hbs) that replace the built-in ones
      --timeout MS      limit for each browser step: launch, load, print
                        (default: ${DEFAULT_TIMEOUT_MS})
      --handout         also print OUT/NAME-handout.pdf, a document-style brief
      --paper SIZE      the handout's paper: a4 (default) or letter
      --single-file     also write OUT/NAME.single.html, the whole deck in one file
  -q, --quiet           no progress lines

Options for build:
  -r, --recursive       look for briefings in the folders' subfolders too
  -j, --jobs N          briefings built at the same time (default: ${DEFAULT_JOBS})

Options for mail:
      --to ADDR         a recipient (repeat, or separate with commas)
      --cc ADDR         a copy recipient
      --from ADDR       the sender (a draft without it takes your mail account's)
      --send            also send it over SMTP, to the server in BRIEFDECK_SMTP_URL
                        (smtp://user:password@host:587 with STARTTLS, smtps:// for TLS;
                        ?tls=off allows plain text)

Options for watch:
      --port N          port of the preview server (default: ${DEFAULT_PORT}, or the next
                        free one)
      --host ADDR       address to listen on (default: 127.0.0.1, this machine only)
      --open            open the deck in the default browser

  -h, --help            this help
  -v, --version         the version

Browser: PUPPETEER_EXECUTABLE_PATH or CHROME_PATH, else an installed Chrome,
Chromium, Edge or Brave, else Puppeteer's cache. Run as root, Chromium's sandbox
is turned off (--no-sandbox), as Chromium requires.

Exit codes: 0 done, 1 a briefing is invalid, 2 wrong usage (nothing is built),
3 the deck or PDF could not be made (no browser, crash, timeout, an overflow
with --strict) or the mail could not be sent. With many briefings, the worst.
`;

export interface Io {
  stdout: (line: string) => void;
  stderr: (line: string) => void;
  env: NodeJS.ProcessEnv;
  cwd: string;
  /** Whether progress lines may be shown (stderr is a terminal). */
  isTTY: boolean;
}

const defaultIo = (): Io => ({
  stdout: (line) => process.stdout.write(`${line}\n`),
  stderr: (line) => process.stderr.write(`${line}\n`),
  env: process.env,
  cwd: process.cwd(),
  isTTY: process.stderr.isTTY === true,
});

export async function main(argv: string[], io: Io = defaultIo()): Promise<number> {
  const paint = colours(io);
  try {
    return await run(argv, io, paint);
  } catch (error) {
    if (error instanceof BriefingError) {
      // One problem a line, exactly FILE:LINE:COL: path: message, so editors and scripts can read them.
      for (const line of error.lines()) io.stderr(line);
      return error.exitCode;
    }
    if (error instanceof UserError) {
      const [first, ...rest] = error.lines();
      io.stderr(`${paint.red('error:')} ${first}`);
      for (const line of rest) io.stderr(line);
      return error.exitCode;
    }
    io.stderr(
      `briefdeck: internal error (a bug; please report it):\n${(error instanceof Error ? (error.stack ?? error.message) : String(error)).split('\n').map(printable).join('\n')}`,
    );
    return 70;
  }
}

/**
 * Whether `argv` asks for a command that builds a briefing (build, watch, mail; build is the
 * default), as `main` reads it. bin/briefdeck.cjs lets only those write the code cache.
 */
export function buildsBriefing(argv: string[]): boolean {
  try {
    const { values, positionals } = parse(argv);
    return !values.help && !values.version && ['build', 'watch', 'mail'].includes(positionals[0] ?? 'build');
  } catch {
    return false;
  }
}

async function run(argv: string[], io: Io, paint: Paint): Promise<number> {
  let parsed: ReturnType<typeof parse>;
  try {
    parsed = parse(argv);
  } catch (cause) {
    throw new UsageError(cause instanceof Error ? cause.message : String(cause), {
      hint: 'See briefdeck --help.',
    });
  }
  const { values, positionals } = parsed;
  if (values.help) {
    io.stdout(HELP.trimEnd());
    return ExitCode.ok;
  }
  if (values.version) {
    io.stdout(packageVersion());
    return ExitCode.ok;
  }
  const [command = 'build', ...inputs] = positionals;
  const file = inputs[0] ?? 'briefing.yaml';
  if (command !== 'build' && inputs.length > 1)
    throw new UsageError(`unexpected argument "${inputs[1]}"`, {
      hint: `${command} takes one briefing; build takes many. See briefdeck --help.`,
    });
  if (!['build', 'watch', 'mail', 'validate', 'init', 'schema'].includes(command)) {
    throw new UsageError(`unknown command "${command}"`, {
      hint: 'Commands: build, watch, mail, validate, init, schema. See briefdeck --help.',
    });
  }
  const given = (parsed.tokens ?? [])
    .filter((token) => token.kind === 'option')
    .map((token) => token.rawName);
  for (const [options, owner] of [
    [['--port', '--host', '--open'], 'watch'],
    [['--to', '--cc', '--from', '--send'], 'mail'],
  ] as const) {
    const misplaced = given.filter((name) => (options as readonly string[]).includes(name));
    if (command !== owner && misplaced.length > 0) {
      throw new UsageError(`${command} takes no ${owner} options (${misplaced.join(', ')})`, {
        hint: `Use: briefdeck ${owner} [FILE] ${misplaced.join(' ')}`,
      });
    }
  }
  const quiet = values.quiet || !io.isTTY;
  const progress = (line: string) => {
    if (!quiet) io.stderr(line);
  };

  if (command !== 'validate' && values.format !== undefined) {
    throw new UsageError('--format is for validate', {
      hint: 'Use: briefdeck validate [FILE] --format json',
    });
  }
  if (command === 'validate' || command === 'init' || command === 'schema') {
    const allowed = command === 'validate' ? ['-q', '--quiet', '--format'] : [];
    const others = given.filter((name) => !allowed.includes(name));
    if (others.length > 0) {
      throw new UsageError(`${command} takes no options (${others.join(', ')})`, {
        hint: `Use: briefdeck ${command}${command === 'schema' ? '' : ' [FILE]'}`,
      });
    }
  }
  if (command === 'schema') {
    if (inputs.length > 0)
      throw new UsageError(`unexpected argument "${inputs[0]}"`, { hint: 'Use: briefdeck schema' });
    io.stdout(JSON.stringify(briefingSchema(), null, 2));
    return ExitCode.ok;
  }
  if (command === 'init') return initBriefing(file, io);
  if (command === 'validate') return validate(file, values.format ?? 'text', { io, paint });

  const timeoutMs = checkTimeout(values.timeout, '--timeout');
  const outputs = extraOutputs(values);
  const deck = checkDeckOverrides(values.theme, values.aspect, '--');
  // What build, watch and mail pass to the pipeline from the command line.
  const pipeline = {
    outDir: values.out,
    cwd: io.cwd,
    pdf: values.pdf,
    strict: values.strict,
    templatesDir: values.templates,
    deck,
    ...outputs,
    timeoutMs,
  } satisfies Partial<BuildOptions>;
  const context: BuildContext = { io, paint, progress, pipeline };
  const batchOnly = given.filter((name) => ['--jobs', '--recursive', '-j', '-r'].includes(name));
  if (command !== 'build' && batchOnly.length > 0) {
    throw new UsageError(`${command} takes no ${batchOnly.join(', ')}`, { hint: 'Those are for build.' });
  }
  if (command === 'watch') return watch(file, values, context);
  if (command === 'build')
    return buildCommand(inputs.length > 0 ? inputs : ['briefing.yaml'], values, context);
  // The mail's addresses (and where to send it) are checked before anything is built.
  const mail = command === 'mail' ? await mailRequest(values, io.env) : undefined;
  await checkOutputFolder(path.resolve(io.cwd, values.out), values.out);
  const session = new BrowserSession({ env: io.env, timeoutMs });
  return interruptible(io, session, async (interrupted) => {
    const result = await buildBriefing({
      file,
      ...pipeline,
      session,
      onStep: (step, ms, detail) => progress(stepLine(paint, step, ms, detail)),
      onWarning: (message) => {
        if (!interrupted()) io.stderr(`${paint.yellow('warning')} ${printable(message)}`);
      },
    });
    if (interrupted()) return EXIT_INTERRUPTED;
    progress(`${paint.green('done')}     ${result.slideCount} slides`);
    if (mail) await sendOrDraft(mail, result, { io, paint, cwd: io.cwd });
    return ExitCode.ok;
  });
}

/**
 * Runs a build with Ctrl-C (and SIGTERM) handled: the first closes the browser and `abort`s, so the
 * build winds down (atomic writes finish or clean up after themselves) and this returns 130; a second
 * exits at once, removing every temporary file. The browser is closed at the end in any case.
 */
async function interruptible(
  io: Io,
  session: BrowserSession | undefined,
  run: (interrupted: () => boolean, abort: AbortSignal) => Promise<number>,
): Promise<number> {
  const abort = new AbortController();
  const stop = () => {
    if (abort.signal.aborted) {
      removeTempFiles();
      session?.discardNow();
      process.exit(EXIT_INTERRUPTED);
    }
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

/** A progress line for one step of a build: its name, its time, what it made. */
function stepLine(paint: Paint, step: string, ms: number, detail = ''): string {
  return `${paint.dim(`${step.padEnd(8)} ${formatMs(ms).padStart(7)}`)}  ${printable(detail)}`;
}

interface MailRequest {
  to: string[];
  cc: string[];
  from?: string;
  /** BRIEFDECK_SMTP_URL, when --send. */
  smtpUrl?: string;
}

/** `briefdeck mail`: its addresses, checked (a wrong one is a usage error naming it), and the SMTP server. */
async function mailRequest(
  values: ReturnType<typeof parse>['values'],
  env: NodeJS.ProcessEnv,
): Promise<MailRequest> {
  const { parseAddresses, SMTP_URL_VARIABLE } = await import('./mail.js');
  if (!values.to?.length) {
    throw new UsageError('mail needs at least one --to address', {
      hint: 'For example: briefdeck mail briefing.yaml --to desk@example.org',
    });
  }
  if (!values.pdf) throw new UsageError('mail attaches the PDF; it cannot be used with --no-pdf');
  const smtpUrl = values.send ? env[SMTP_URL_VARIABLE] : undefined;
  if (values.send && !smtpUrl) {
    throw new UsageError(`mail --send needs the SMTP server in ${SMTP_URL_VARIABLE}`, {
      hint: `For example: ${SMTP_URL_VARIABLE}=smtp://user:password@smtp.example.org:587`,
    });
  }
  return {
    to: parseAddresses(values.to, '--to'),
    cc: parseAddresses(values.cc ?? [], '--cc'),
    from: values.from === undefined ? undefined : parseAddresses([values.from], '--from')[0],
    smtpUrl,
  };
}

/**
 * Writes the mail draft `OUT/NAME.eml` (the PDF attached, and the handout when built), then sends
 * the same message when --send was given. The draft is written first, so it is there even when
 * sending fails.
 */
async function sendOrDraft(
  request: MailRequest,
  result: Awaited<ReturnType<typeof buildBriefing>>,
  { io, paint, cwd }: { io: Io; paint: Paint; cwd: string },
): Promise<void> {
  const { composeDraft, mailContent, sendDraft } = await import('./mail.js');
  const content = mailContent(result.model);
  const attachments = [result.pdf, result.handout]
    .filter((file): file is string => file !== undefined)
    .map((file) => ({ path: file, filename: path.basename(file), contentType: 'application/pdf' as const }));
  const options = { to: request.to, cc: request.cc, from: request.from, attachments };
  const eml = result.html.replace(/\.html$/, '.eml');
  await writeFileAtomic(eml, await composeDraft(content, options));
  const relative = path.relative(cwd, eml);
  io.stdout(printable(relative.startsWith('..') || path.isAbsolute(relative) ? eml : relative));
  if (!request.smtpUrl) return;
  const sent = await sendDraft(content, options, request.smtpUrl);
  io.stderr(`${paint.green('sent')} to ${printable(sent.accepted.join(', '))}`);
  if (sent.rejected.length > 0)
    io.stderr(`${paint.yellow('warning')} the server refused ${printable(sent.rejected.join(', '))}`);
}

/** `briefdeck validate [FILE] [--format json]`: the problems as text lines (the default) or as JSON. */
async function validate(
  file: string,
  format: string,
  { io, paint }: { io: Io; paint: Paint },
): Promise<number> {
  if (format !== 'text' && format !== 'json') {
    throw new UsageError(`--format takes text or json, got "${format}"`, {
      hint: 'For editors and CI: --format json',
    });
  }
  let briefing: Awaited<ReturnType<typeof readBriefing>>;
  try {
    briefing = await readBriefing(file, io.cwd);
  } catch (error) {
    if (format === 'json' && error instanceof BriefingError) {
      io.stdout(JSON.stringify(problemsAsJson(error.problems), null, 2));
      return error.exitCode;
    }
    throw error;
  }
  if (format === 'json') {
    io.stdout('[]');
    return ExitCode.ok;
  }
  io.stdout(
    `${paint.green('ok')} ${printable(file)}: ${briefing.actors.length} actors, ${briefing.risks.length} risks, ${briefing.recommendations.length} recommendations`,
  );
  return ExitCode.ok;
}

/**
 * `briefdeck init [FILE]`: a starter briefing with every section, a comment on what goes in each,
 * and the line that gives editors the schema. It never replaces a file that exists.
 */
async function initBriefing(file: string, io: Io): Promise<number> {
  const target = path.resolve(io.cwd, file);
  const text = starterBriefing({ schemaRef: schemaRefFor(target) });
  try {
    await writeFile(target, text, { flag: 'wx' });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') {
      throw new UsageError(`${file} exists; init never overwrites a file`, {
        hint: `Name another file: briefdeck init new-briefing.yaml`,
      });
    }
    if (code === 'ENOENT') {
      throw new UsageError(`${file}: its folder does not exist`, {
        hint: `Make it first (mkdir -p ${path.dirname(file)}), or name a file in a folder that exists.`,
      });
    }
    throw error;
  }
  io.stdout(printable(file));
  io.stderr(printable(`Wrote a starter briefing to ${file}. Fill it in, then: briefdeck watch ${file}`));
  return ExitCode.ok;
}

/**
 * `briefdeck build FILE|DIR...`: one briefing or many in one run, through the API (`build`). One
 * briefing prints its steps as it goes; many print a line each as they finish (on a terminal) and
 * a summary. Problems and failures are always printed. Ctrl-C stops starting briefings and closes
 * the browser, so the ones under way fail without writing; a second Ctrl-C quits at once, removing
 * every temporary file.
 */
async function buildCommand(
  inputs: string[],
  values: ReturnType<typeof parse>['values'],
  { io, paint, progress, pipeline }: BuildContext,
): Promise<number> {
  const jobs = checkJobs(values.jobs, '--jobs');
  const files = await findBriefings(inputs, { cwd: io.cwd, recursive: values.recursive });
  const many = files.length > 1;
  const { timeoutMs, deck, handout, singleFile } = pipeline;
  const session = needsBrowser(pipeline)
    ? new BrowserSession({ env: io.env, timeoutMs, keepPage: true })
    : undefined;
  return interruptible(io, session, async (interrupted, signal) => {
    const report = await build({
      inputs: files,
      cwd: io.cwd,
      outDir: values.out,
      pdf: values.pdf,
      strict: values.strict,
      theme: deck?.theme,
      aspect: deck?.aspect,
      templates: values.templates,
      handout,
      singleFile,
      timeoutMs,
      jobs,
      browser: session,
      env: io.env,
      signal,
      onStep: (_file, step, ms, detail) => {
        if (!many) progress(stepLine(paint, step, ms, detail));
      },
      onWarning: (file, message) => {
        if (!interrupted())
          io.stderr(`${paint.yellow('warning')} ${printable(`${many ? `${file}: ` : ''}${message}`)}`);
      },
      onBriefing: (outcome) => {
        if (interrupted() && outcome.status === 'failed') return;
        reportBriefing(outcome, { io, paint, many, progress });
      },
    });
    if (interrupted()) return EXIT_INTERRUPTED;
    if (many) {
      io.stderr(
        `${report.built} built, ${report.invalid} invalid, ${report.failed} failed in ${(report.ms / 1000).toFixed(1)} s`,
      );
    }
    return report.exitCode;
  });
}

/** What the terminal shows when a briefing is done: problems and failures always, the rest as progress. */
function reportBriefing(
  outcome: BriefingOutcome,
  { io, paint, many, progress }: { io: Io; paint: Paint; many: boolean; progress: (line: string) => void },
): void {
  if (outcome.status === 'invalid') {
    // One problem a line, exactly FILE:LINE:COL: path: message, so editors and scripts can read them.
    const error = new BriefingError(outcome.problems, outcome.moreProblems);
    const lines = error.lines();
    for (const line of lines.slice(0, -1)) io.stderr(line);
    io.stderr(
      many
        ? (lines.at(-1) ?? '').replace(
            /; nothing was written\.$/,
            ` in ${printable(outcome.file)}; nothing was written for it.`,
          )
        : (lines.at(-1) ?? ''),
    );
  } else if (outcome.status === 'failed') {
    io.stderr(
      `${paint.red('error:')} ${printable(`${many ? `${outcome.file}: ` : ''}${outcome.error?.message ?? 'failed'}`)}`,
    );
    if (outcome.error?.hint) io.stderr(printable(outcome.error.hint));
  } else if (outcome.status === 'built') {
    if (many) {
      progress(
        `${paint.green('built')}    ${printable(outcome.file)}  ${paint.dim(`${outcome.slideCount} slides, ${formatMs(outcome.ms)}`)}`,
      );
    } else progress(`${paint.green('done')}     ${outcome.slideCount} slides`);
  }
}

/** The shell's code for a process ended by Ctrl-C. */
const EXIT_INTERRUPTED = 130;

function parse(argv: string[]) {
  return parseArgs({
    args: argv,
    allowPositionals: true,
    allowNegative: true,
    strict: true,
    tokens: true,
    options: {
      out: { type: 'string', short: 'o', default: DEFAULT_OUT_DIR },
      pdf: { type: 'boolean', default: true },
      strict: { type: 'boolean', default: false },
      templates: { type: 'string' },
      theme: { type: 'string' },
      aspect: { type: 'string' },
      timeout: { type: 'string' },
      quiet: { type: 'boolean', short: 'q', default: false },
      port: { type: 'string' },
      host: { type: 'string', default: '127.0.0.1' },
      open: { type: 'boolean', default: false },
      handout: { type: 'boolean', default: false },
      paper: { type: 'string' },
      'single-file': { type: 'boolean', default: false },
      to: { type: 'string', multiple: true },
      cc: { type: 'string', multiple: true },
      from: { type: 'string' },
      send: { type: 'boolean', default: false },
      jobs: { type: 'string', short: 'j' },
      format: { type: 'string' },
      recursive: { type: 'boolean', short: 'r', default: false },
      help: { type: 'boolean', short: 'h', default: false },
      version: { type: 'boolean', short: 'v', default: false },
    },
  });
}

/**
 * `briefdeck watch`: runs until Ctrl-C (or SIGTERM), then closes the browser,
 * the server and the watchers and returns 0: stopping is how watch ends.
 */
async function watch(
  file: string,
  values: ReturnType<typeof parse>['values'],
  { io, paint, pipeline }: BuildContext,
): Promise<number> {
  const port = parsePort(values.port);
  const host = values.host;
  if (!/^[0-9a-z.:-]+$/i.test(host)) throw new UsageError(`--host takes an address, got "${host}"`);
  const quiet = values.quiet;
  const loopback = ['127.0.0.1', 'localhost', '::1'].includes(host);
  if (!loopback) {
    io.stderr(
      `${paint.yellow('warning')} serving on ${host}: anyone who can reach this machine there can read the deck.`,
    );
  }
  // Ctrl-C is how watch ends, at any time, the first build included.
  let stop = () => {};
  const stopped = new Promise<void>((resolve) => {
    stop = () => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      resolve();
    };
  });
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  let watching: Awaited<ReturnType<typeof watchBriefing>>;
  try {
    // Loaded only for watch: its server needs node:http, which would slow every other command's start.
    const { watchBriefing } = await import('./watch/watch.js');
    watching = await watchBriefing(
      {
        file,
        ...pipeline,
        env: io.env,
        host,
        port: port ?? DEFAULT_PORT,
        portFallback: port === undefined,
      },
      {
        rebuilt: ({ deckMs, pdfMs, handoutMs, slides }) => {
          if (quiet) return;
          const pdf =
            (pdfMs === undefined ? '' : ` · PDF in ${formatMs(pdfMs)}`) +
            (handoutMs === undefined ? '' : ` · handout in ${formatMs(handoutMs)}`);
          io.stderr(
            `${paint.green('rebuilt')} in ${formatMs(deckMs)}${pdf} ${paint.dim(`(${slides} slides)`)}`,
          );
        },
        problems: (lines, summary) => {
          for (const line of lines) io.stderr(printable(line));
          io.stderr(printable(summary));
        },
        renderFailed: ([first, ...rest]) => {
          io.stderr(`${paint.red('error:')} ${printable(first ?? '')}`);
          for (const line of rest) io.stderr(printable(line));
        },
        warning: (message) => io.stderr(`${paint.yellow('warning')} ${printable(message)}`),
      },
    );
  } catch (error) {
    stop();
    throw error;
  }
  const interrupted = await Promise.race([watching.ready.then(() => false), stopped.then(() => true)]);
  if (!interrupted) {
    io.stdout(watching.url);
    if (!quiet) io.stderr(paint.dim(`watching ${printable(file)}; Ctrl-C to stop`));
    if (values.open) void openInBrowser(watching.url);
    await stopped;
  }
  await watching.close();
  removeTempFiles();
  return ExitCode.ok;
}

function parsePort(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const port = Number(value);
  if (!Number.isInteger(port) || port < 1 || port > 65535) {
    throw new UsageError(`--port takes a port number (1–65535), got "${value}"`);
  }
  return port;
}

/** The user's browser, the way the platform opens a link; nothing happens if it cannot. */
async function openInBrowser(url: string): Promise<void> {
  const { spawn } = await import('node:child_process');
  const [command, args] =
    process.platform === 'darwin'
      ? ['open', [url]]
      : process.platform === 'win32'
        ? ['cmd', ['/c', 'start', '""', url]]
        : ['xdg-open', [url]];
  try {
    const child = spawn(command, args, { stdio: 'ignore', detached: true });
    child.on('error', () => {});
    child.unref();
  } catch {
    // no browser to open: the address is printed anyway
  }
}

/** What the build, mail and watch commands share, checked once. */
interface BuildContext {
  io: Io;
  paint: Paint;
  /** A progress line, shown on a terminal unless --quiet. */
  progress: (line: string) => void;
  /** What every command passes to the pipeline from the command line, less the file. */
  pipeline: Omit<BuildOptions, 'file' | 'session' | 'onStep' | 'onWarning' | 'templates'>;
}

/** The outputs besides the deck and the slide PDF: `--handout [--paper]`, `--single-file`. */
function extraOutputs(
  values: ReturnType<typeof parse>['values'],
): Pick<BuildOptions, 'handout' | 'singleFile'> {
  const paper = values.paper === undefined ? 'a4' : checkPaper(values.paper, '--paper');
  if (values.paper !== undefined && !values.handout) {
    throw new UsageError("--paper sets the handout's paper; it needs --handout", {
      hint: 'For example: briefdeck build --handout --paper letter',
    });
  }
  return {
    handout: values.handout ? paper : undefined,
    singleFile: values['single-file'],
  };
}

function formatMs(ms: number): string {
  return ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${Math.round(ms)} ms`;
}

interface Paint {
  red(text: string): string;
  green(text: string): string;
  yellow(text: string): string;
  dim(text: string): string;
}

/** ANSI colours on a terminal, none when NO_COLOR is set or output is not a terminal. */
function colours(io: Io): Paint {
  const on = io.isTTY && !io.env.NO_COLOR && io.env.TERM !== 'dumb';
  const wrap = (code: number) => (text: string) => (on ? `\u001b[${code}m${text}\u001b[0m` : text);
  return { red: wrap(31), green: wrap(32), yellow: wrap(33), dim: wrap(2) };
}
