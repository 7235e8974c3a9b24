/**
 * The browser is a resource with a lifetime: found, launched lazily, every
 * page used inside `withPage` and closed in `finally`, the browser closed by
 * whoever opened the session (the CLI also does it on Ctrl-C). Puppeteer is imported only
 * here, and only when a browser is first needed.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Browser, LaunchOptions, Page } from 'puppeteer-core';
import { RenderError } from '../errors.js';
import { badBrowserEnv, type FoundBrowser, findBrowser, noBrowserHint } from './find.js';

/**
 * Flags for a machine with no network beyond what it needs: without them
 * Chromium keeps trying to reach its update and metrics services and stalls
 * on refused connections.
 */
export const QUIET_FLAGS = [
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-default-apps',
  '--disable-extensions',
  '--disable-domain-reliability',
  '--no-first-run',
  '--no-default-browser-check',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--font-render-hinting=none',
];

export interface SessionOptions {
  env: NodeJS.ProcessEnv;
  /** Budget for each step (launch, load, print), in milliseconds. */
  timeoutMs: number;
  /** Whether this process runs as root, which needs Chromium's sandbox off. */
  isRoot?: boolean;
}

export class BrowserSession {
  private browser: Promise<Browser> | undefined;
  private found: FoundBrowser | undefined;
  private initialPage: Promise<Page | undefined> | undefined;
  private closed = false;
  private home: string | undefined;

  constructor(private readonly options: SessionOptions) {}

  /** The browser, launched on first use. */
  async get(): Promise<Browser> {
    if (this.closed) throw new RenderError('The browser was closed (interrupted).');
    this.browser ??= this.launch();
    return this.browser;
  }

  get executable(): FoundBrowser | undefined {
    return this.found;
  }

  private async launch(): Promise<Browser> {
    const found = findBrowser({ env: this.options.env });
    if (!found) {
      const bad = badBrowserEnv(this.options.env);
      const prefix = bad.length ? `${bad.join(' and ')} is not an executable browser, and no other ` : 'No ';
      throw new RenderError(`${prefix}Chrome, Chromium or Edge was found to print the PDF.`, {
        hint: noBrowserHint(),
      });
    }
    this.found = found;
    const isRoot = this.options.isRoot ?? process.getuid?.() === 0;
    // The browser's profile and its temporary files live in one folder of ours, removed on close.
    const home = await mkdtemp(path.join(os.tmpdir(), 'briefdeck-chromium-'));
    this.home = home;
    const launchOptions: LaunchOptions = {
      executablePath: found.executablePath,
      userDataDir: path.join(home, 'profile'),
      env: { ...this.options.env, TMPDIR: home },
      headless: true,
      pipe: true,
      // Chromium refuses to start as root with its sandbox on; only then is it turned off.
      args: [...QUIET_FLAGS, ...(isRoot ? ['--no-sandbox'] : [])],
      timeout: this.options.timeoutMs,
      protocolTimeout: this.options.timeoutMs,
      handleSIGINT: false,
      handleSIGTERM: false,
      handleSIGHUP: false,
    };
    const { default: puppeteer } = await import('puppeteer-core');
    try {
      const browser = await puppeteer.launch(launchOptions);
      this.initialPage = browser.pages().then((pages) => pages[0]);
      return browser;
    } catch (cause) {
      this.browser = undefined;
      const message = cause instanceof Error ? cause.message.split('\n')[0] : String(cause);
      if (cause instanceof Error && cause.name === 'TimeoutError') {
        throw new RenderError(
          `Timed out after ${this.options.timeoutMs} ms while trying to start the browser (${found.executablePath}).`,
          {
            hint: 'Raise the limit with --timeout MS, or build without the PDF (--no-pdf).',
            cause,
          },
        );
      }
      throw new RenderError(
        `Could not start the browser at ${found.executablePath} (${found.source}): ${message}`,
        {
          hint: `Check that it runs (${found.executablePath} --version), raise --timeout, or set CHROME_PATH to another browser.`,
          cause,
        },
      );
    }
  }

  /** Runs `fn` with a fresh page, closed afterwards whatever happens. */
  async withPage<T>(fn: (page: Page) => Promise<T>): Promise<T> {
    const browser = await this.get();
    // The blank tab Chromium opens at start is used first: opening another costs half a second.
    const initial = this.initialPage;
    this.initialPage = undefined;
    const page = (await initial) ?? (await browser.newPage());
    try {
      return await fn(page);
    } finally {
      await page.close().catch(() => {});
    }
  }

  /** Closes the browser if it was started; safe to call more than once. No browser is started after it. */
  async close(): Promise<void> {
    this.closed = true;
    const pending = this.browser;
    this.browser = undefined;
    if (!pending) return;
    const browser = await pending.catch(() => undefined);
    if (browser) {
      // The PDF is already in hand and the profile is thrown away, so the browser is stopped at once
      // rather than shut down gracefully (which takes a quarter of a second); then Puppeteer's own
      // clean-up runs.
      const child = browser.process();
      if (child?.pid !== undefined && child.exitCode === null) {
        try {
          process.kill(process.platform === 'win32' ? child.pid : -child.pid, 'SIGKILL');
        } catch {
          child.kill('SIGKILL');
        }
      }
      await browser.close().catch(() => {});
    }
    if (this.home) await rm(this.home, { recursive: true, force: true, maxRetries: 3 }).catch(() => {});
    this.home = undefined;
  }
}
