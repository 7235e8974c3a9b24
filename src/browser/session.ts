/**
 * The browser is a resource with a lifetime: found, launched lazily, every
 * page used inside `withPage` and closed in `finally`, the browser closed by
 * whoever opened the session (the CLI also does it on Ctrl-C). Puppeteer is
 * imported only here, and only when a browser is first needed.
 */
import type { ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'puppeteer-core';
import { RenderError } from '../errors.js';
import { badBrowserEnv, type FoundBrowser, findBrowser, noBrowserHint } from './find.js';
import type { Launched } from './launch.js';
import { span } from './trace.js';

export interface SessionOptions {
  env: NodeJS.ProcessEnv;
  /** Budget for each step (launch, load, print), in milliseconds. */
  timeoutMs: number;
  /** Whether this process runs as root, which needs Chromium's sandbox off. */
  isRoot?: boolean;
  /**
   * Keep pages open between uses (watch mode prints the same deck again and again, a batch prints
   * one briefing after another; a new page costs more than a print). A page that failed is closed.
   */
  keepPage?: boolean;
  /**
   * With keepPage: a kept page is closed instead after this many uses, and the next use opens a new
   * one (its renderer's memory grows with every document loaded in it; watch mode bounds it so).
   */
  pageUses?: number;
}

export class BrowserSession {
  private browser: Promise<Browser> | undefined;
  private initialPage: Promise<Page | undefined> | undefined;
  private closed = false;
  /** The first `close()`, which every later call waits for. */
  private closing: Promise<void> | undefined;
  private home: string | undefined;
  /**
   * Every profile folder made and not yet removed, the current one and any still being removed after
   * its browser was stopped: a second Ctrl-C during that removal must still find them.
   */
  private readonly homes = new Set<string>();
  private child: ChildProcess | undefined;
  /** Pages kept open for the next use (keepPage). */
  private idle: Page[] = [];
  /** How many times each kept page has been used (pageUses). */
  private readonly uses = new WeakMap<Page, number>();
  /** Counts launches, so that the end of an old browser does not reset a newer one. */
  private generation = 0;

  /** Sessions not yet closed, for an immediate exit that must leave no browser and no profile behind. */
  private static readonly open = new Set<BrowserSession>();

  constructor(private readonly options: SessionOptions) {
    BrowserSession.open.add(this);
  }

  /** For an immediate exit (a second Ctrl-C): `discardNow` on every session not yet closed. @internal */
  static discardAll(): void {
    for (const session of BrowserSession.open) session.discardNow();
  }

  /** The browser, launched on first use. @internal */
  async get(): Promise<Browser> {
    if (this.closed) throw new RenderError('The browser was closed (interrupted).');
    this.browser ??= this.launch();
    return this.browser;
  }

  private async launch(): Promise<Browser> {
    const found = browserToLaunch(this.options.env);
    // Loaded only now: a build without a PDF starts no browser and need not load node:child_process.
    const { launchChromium } = await import('./launch.js');
    if (this.closed) throw new RenderError('The browser was closed (interrupted).');
    // The browser's profile and its temporary files live in one folder of ours, removed on close.
    const home = mkdtempSync(path.join(os.tmpdir(), 'briefdeck-chromium-'));
    this.home = home;
    this.homes.add(home);
    const generation = ++this.generation;
    const launched = launchChromium(found.executablePath, {
      userDataDir: path.join(home, 'profile'),
      env: { ...this.options.env, TMPDIR: home },
      noSandbox: this.options.isRoot ?? process.getuid?.() === 0,
    });
    this.child = launched.process;
    const { timeoutMs } = this.options;
    const timeout = launchTimeout(found, timeoutMs);
    const died = launched.exited.then((why) => {
      throw couldNotStart(found, why);
    });
    died.catch(() => {}); // it always ends in an exit; only the race below listens before that
    try {
      const browser = await span('launch the browser', () =>
        Promise.race([connectTo(launched, timeoutMs), died, timeout.expired]),
      );
      // A browser that crashes or is killed is forgotten, so the next use starts a new one.
      browser.once('disconnected', () => {
        if (generation === this.generation && !this.closed) void this.forget();
      });
      this.initialPage = browser.pages().then(
        (pages) => pages[0],
        () => undefined,
      );
      return browser;
    } catch (error) {
      killChromium(launched.process);
      await this.removeHome(home);
      if (error instanceof RenderError) throw error;
      // The connection broke before the browser answered: say why it exited, if it did.
      const why = await Promise.race([
        launched.exited,
        new Promise<string>((r) => setTimeout(() => r(''), 500)),
      ]);
      const message =
        why || (error instanceof Error ? (error.message.split('\n')[0] as string) : String(error));
      throw couldNotStart(found, message, error);
    } finally {
      timeout.clear();
    }
  }

  /** Runs `fn` with a page, closed afterwards whatever happens (kept for next time with `keepPage`). @internal */
  async withPage<T>(fn: (page: Page) => Promise<T>): Promise<T> {
    const browser = await this.get();
    let page = this.idle.pop();
    while (page?.isClosed()) page = this.idle.pop();
    if (!page) {
      // The blank tab Chromium opens at start is used first: opening another costs half a second.
      const initial = this.initialPage;
      this.initialPage = undefined;
      page = (await initial) ?? (await browser.newPage());
    }
    let ok = false;
    try {
      const result = await fn(page);
      ok = true;
      return result;
    } finally {
      const used = (this.uses.get(page) ?? 0) + 1;
      this.uses.set(page, used);
      const worn = used >= (this.options.pageUses ?? Number.POSITIVE_INFINITY);
      if (ok && this.options.keepPage && !worn && !this.closed && browser.connected && this.browser)
        this.idle.push(page);
      // A worn page closes while the result goes on (the next use opens another).
      else if (ok && worn) void page.close().catch(() => {});
      else await page.close().catch(() => {});
    }
  }

  /**
   * Stops the browser, if one runs, but keeps the session open: the next use starts a new one.
   * For a browser that timed out or crashed.
   * @internal
   */
  async restart(): Promise<void> {
    await this.forget();
  }

  /** Kills the current browser and removes its folder; the session stays usable. */
  private async forget(): Promise<void> {
    this.generation += 1;
    const pending = this.browser;
    this.browser = undefined;
    this.idle = [];
    this.initialPage = undefined;
    const child = this.child;
    this.child = undefined;
    const home = this.home;
    this.home = undefined;
    if (child) {
      const gone = new Promise((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) resolve(undefined);
        else child.once('exit', resolve);
      });
      killChromium(child);
      await gone;
    }
    const browser = await pending?.catch(() => undefined);
    await browser?.disconnect().catch(() => {});
    if (home) await this.removeHome(home);
  }

  /**
   * Removes a profile folder; it stays listed for `discardNow` until it is gone. A process of the
   * browser's that is still ending may write into it while it goes: tried again until it is gone.
   */
  private async removeHome(home: string): Promise<void> {
    for (let attempt = 0; attempt < 10 && existsSync(home); attempt++) {
      if (attempt > 0) await new Promise((resolve) => setTimeout(resolve, 50));
      await rm(home, { recursive: true, force: true, maxRetries: 3 }).catch(() => {});
    }
    this.homes.delete(home);
  }

  /** For an immediate exit: stops the browser and removes its folder synchronously. @internal */
  discardNow(): void {
    this.closed = true;
    BrowserSession.open.delete(this);
    if (this.child) killChromium(this.child);
    for (const home of this.homes) {
      for (let attempt = 0; attempt < 10 && existsSync(home); attempt++) {
        try {
          rmSync(home, { recursive: true, force: true, maxRetries: 3 });
        } catch {
          // Removed by the first Ctrl-C's close at the same time, or written into while it went: again.
        }
      }
    }
    this.homes.clear();
  }

  /**
   * Closes the browser if it was started; safe to call more than once, and every call waits for the
   * first to finish (a build that winds down after Ctrl-C closes the session that the Ctrl-C is
   * already closing: returning early would let the process exit before the profile is removed).
   * No browser is started after it.
   */
  close(): Promise<void> {
    this.closed = true;
    this.closing ??= (async () => {
      // The PDF is already in hand and the profile is thrown away, so the browser is stopped at once
      // rather than shut down gracefully (which takes a quarter of a second).
      await this.forget();
      // Listed until its profile is removed: a second Ctrl-C meanwhile still finds it.
      BrowserSession.open.delete(this);
    })();
    return this.closing;
  }
}

/** Stops the browser and all its processes at once. */
function killChromium(child: ChildProcess): void {
  if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
  try {
    process.kill(process.platform === 'win32' ? child.pid : -child.pid, 'SIGKILL');
  } catch {
    child.kill('SIGKILL');
  }
}

/** The browser to launch: the one the environment names, else the one found; a usage error when there is none. */
function browserToLaunch(env: NodeJS.ProcessEnv): FoundBrowser {
  const bad = badBrowserEnv(env);
  if (bad.length > 0) {
    // A browser named explicitly is never silently replaced by another.
    throw new RenderError(`${bad.join(' and ')}: not an executable browser.`, {
      hint: 'Point it at Chrome, Chromium or Edge, or unset it to use the installed browser.',
    });
  }
  const found = findBrowser({ env });
  if (!found) {
    throw new RenderError('No Chrome, Chromium or Edge was found to print the PDF.', {
      hint: noBrowserHint(),
    });
  }
  return found;
}

/** A promise that rejects when the browser has taken `timeoutMs` to start, and what clears it. */
function launchTimeout(found: FoundBrowser, timeoutMs: number): { expired: Promise<never>; clear(): void } {
  let timer: NodeJS.Timeout | undefined;
  const expired = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () =>
        reject(
          new RenderError(
            `Timed out after ${timeoutMs} ms while trying to start the browser (${found.executablePath}).`,
            { hint: 'Raise the limit with --timeout MS, or build without the PDF (--no-pdf).' },
          ),
        ),
      timeoutMs,
    );
  });
  return { expired, clear: () => clearTimeout(timer) };
}

/**
 * Puppeteer connected to the launched browser. Puppeteer is loaded while the browser boots: its
 * browser entry, the protocol client without the launcher and downloader we do not use, which loads
 * in half the time. Same classes, other typings.
 */
async function connectTo(launched: Launched, timeoutMs: number): Promise<Browser> {
  const { default: puppeteer } = await import('puppeteer-core/internal/puppeteer-core-browser.js');
  return (await puppeteer.connect({
    transport: launched.transport,
    defaultViewport: null,
    protocolTimeout: timeoutMs,
  })) as unknown as Browser;
}

function couldNotStart(found: FoundBrowser, why: string, cause?: unknown): RenderError {
  return new RenderError(`Could not start the browser at ${found.executablePath} (${found.source}): ${why}`, {
    hint: `Check that it runs (${found.executablePath} --version), or set CHROME_PATH to another browser.`,
    ...(cause === undefined ? {} : { cause }),
  });
}
