/**
 * The browser is a resource with a lifetime: found, launched lazily, every
 * page used inside `withPage` and closed in `finally`, the browser closed by
 * whoever opened the session (the CLI also does it on Ctrl-C). Puppeteer is imported only
 * here, and only when a browser is first needed.
 */
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
    const launchOptions: LaunchOptions = {
      executablePath: found.executablePath,
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
    if (!browser) return;
    let timer: NodeJS.Timeout | undefined;
    const grace = new Promise((resolve) => {
      timer = setTimeout(resolve, 5000);
    });
    await Promise.race([browser.close(), grace]).catch(() => {});
    clearTimeout(timer);
    // A browser that did not close in time is killed; a closed one has no process left to kill.
    const child = browser.process();
    if (child && child.exitCode === null) child.kill('SIGKILL');
  }
}
