/**
 * `briefdeck watch` as a user runs it: the built CLI as a process on a copy
 * of the sample, a real Chromium showing the served deck, and the file
 * edited the ways editors save it. Asserts what the page, the terminal and
 * the output folder show.
 */
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import {
  cpSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  unlinkSync,
  writeFileSync,
} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'puppeteer-core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { BrowserSession } from '../src/browser/session.js';
import { newSession, ROOT, readPdf, tempDir } from './_helpers.js';

const BIN = path.join(ROOT, 'bin', 'briefdeck.cjs');
const WAIT_MS = 20_000;

/** A running `briefdeck watch`, with what it has printed so far. */
class WatchProcess {
  stdout = '';
  stderr = '';
  readonly exited: Promise<number | null>;
  private readonly child: ChildProcess;

  constructor(args: string[], options: { cwd: string; tmp: string }) {
    this.child = spawn(process.execPath, [BIN, 'watch', ...args], {
      cwd: options.cwd,
      env: { ...process.env, NO_COLOR: '1', TMPDIR: options.tmp },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
      this.stdout += chunk;
    });
    this.child.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
      this.stderr += chunk;
    });
    this.exited = new Promise((resolve) => this.child.on('exit', (code) => resolve(code)));
  }

  get pid(): number {
    return this.child.pid as number;
  }

  /** Waits until the output (from `from` on) matches; returns the match. */
  async waitFor(stream: 'stdout' | 'stderr', pattern: RegExp, from = 0): Promise<RegExpMatchArray> {
    const started = Date.now();
    for (;;) {
      const match = this[stream].slice(from).match(pattern);
      if (match) return match;
      if (Date.now() - started > WAIT_MS)
        throw new Error(`no ${pattern} in ${stream}:\n${this.stdout}\n---\n${this.stderr}`);
      await sleep(20);
    }
  }

  /** Waits until no build has ended for a second: the last save is built, PDF included. */
  async settled(): Promise<void> {
    let count = -1;
    let since = Date.now();
    const started = Date.now();
    while (Date.now() - since < 1_000) {
      if (Date.now() - started > WAIT_MS) throw new Error(`watch never settled:\n${this.stderr}`);
      const now = this.stderr.length;
      if (now !== count) {
        count = now;
        since = Date.now();
      }
      await sleep(50);
    }
  }

  /** Counts the "rebuilt" lines so far. */
  rebuilds(): number {
    return this.stderr.match(/^rebuilt in /gm)?.length ?? 0;
  }

  interrupt(): void {
    this.child.kill('SIGINT');
  }

  kill(): void {
    this.child.kill('SIGKILL');
  }
}

/**
 * A TMPDIR for one watch process, to check it leaves nothing there. Short: Chromium puts a socket
 * in it, and a socket path may be at most 107 bytes.
 */
function shortTempDir(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'bdw-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The address watch prints for the deck `name` (the one place that knows what it looks like). */
async function deckUrl(watch: WatchProcess, name: string): Promise<string> {
  const [url] = await watch.waitFor(
    'stdout',
    new RegExp(`^http://127\\.0\\.0\\.1:\\d+/${name}\\.html\\?token=[\\w-]+$`, 'm'),
  );
  return url;
}

/** Opens `url` in `page` and waits until the deck is ready. */
async function openDeck(page: Page, url: string): Promise<void> {
  await page.goto(url, { waitUntil: 'load' });
  await page.waitForFunction(() =>
    (window as unknown as { Reveal?: { isReady(): boolean } }).Reveal?.isReady(),
  );
}

type Channel = { count: number; problems: number };

/**
 * Listens, from the page (its origin, its cookies), to what the watch server tells open decks; returns
 * a check that waits for a message with no problems after this call, or for the page to be reloaded.
 * Every save the watcher handles ends in such a message, a save that changes nothing included: it
 * proves the save was seen before anything is said about what it did not do.
 */
async function listenToChannel(page: Page): Promise<() => Promise<void>> {
  const loadedAt = await page.evaluate(
    () =>
      new Promise<number>((resolve) => {
        const channel: Channel = { count: -1, problems: 0 };
        (window as unknown as { bdChannel: Channel }).bdChannel = channel;
        new EventSource('/__briefdeck/events').onmessage = (message) => {
          channel.count += 1;
          channel.problems = (JSON.parse(message.data) as { problems: string[] }).problems.length;
          // The first message is the state as it is now.
          if (channel.count === 0) resolve(performance.timeOrigin);
        };
      }),
  );
  return async () => {
    await page.waitForFunction(
      (origin) => {
        const channel = (window as unknown as { bdChannel?: Channel }).bdChannel;
        return performance.timeOrigin !== origin || (channel && channel.count > 0 && channel.problems === 0);
      },
      { polling: 20, timeout: WAIT_MS },
      loadedAt,
    );
  };
}

/** The briefing with a marker written into its first key judgment (the second slide). */
const withMarker = (source: string, marker: string) =>
  source.replace('in one day of fighting from 9 June', `in one day of fighting from 9 June ${marker}`);

/** Opens the printed address (it carries the session's token) as a browser does: returns the cookie it sets. */
async function signIn(url: string): Promise<string> {
  const response = await fetch(url, { redirect: 'manual' });
  return (response.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
}

/** Fetches the printed address as a browser does: the token's cookie, then the address without the token. */
async function fetchSignedIn(url: string): Promise<Response> {
  const cookie = await signIn(url);
  return fetch(url.replace(/\?token=.*$/, ''), { headers: { cookie } });
}

/** What the watch server tells open decks, read from its event channel as a deck does (signed in). */
async function eventStream(url: string): Promise<{ messages: { build: number }[]; close(): void }> {
  const cookie = await signIn(url);
  const abort = new AbortController();
  const response = await fetch(new URL('/__briefdeck/events', url), {
    headers: { cookie },
    signal: abort.signal,
  });
  const messages: { build: number }[] = [];
  const reader = (response.body as ReadableStream<Uint8Array>).getReader();
  const decoder = new TextDecoder();
  void (async () => {
    let buffer = '';
    for (;;) {
      const { value, done } = await reader.read().catch(() => ({ value: undefined, done: true }));
      if (done) return;
      buffer += decoder.decode(value, { stream: true });
      for (let end = buffer.indexOf('\n\n'); end >= 0; end = buffer.indexOf('\n\n')) {
        const data = /^data: (.*)$/m.exec(buffer.slice(0, end))?.[1];
        if (data) messages.push(JSON.parse(data) as { build: number });
        buffer = buffer.slice(end + 2);
      }
    }
  })();
  return { messages, close: () => abort.abort() };
}

/** Waits until the slide on show contains `text`, across reloads. */
async function slideShows(page: Page, text: string): Promise<void> {
  await page.waitForFunction(
    (wanted) =>
      (document.querySelector('.reveal .slides section.present')?.textContent ?? '').includes(wanted),
    { polling: 25, timeout: WAIT_MS },
    text,
  );
}

function chromiumOf(pid: number): string {
  try {
    return execFileSync('pgrep', ['-P', String(pid)])
      .toString()
      .trim();
  } catch {
    return '';
  }
}

describe('briefdeck watch on a copy of the sample', () => {
  let dir: string;
  let tmp: string;
  let file: string;
  let original: string;
  let watch: WatchProcess;
  let session: BrowserSession;
  let browser: Browser;
  let page: Page;
  let url: string;

  beforeAll(async () => {
    dir = tempDir('watch-');
    tmp = shortTempDir();
    cpSync(path.join(ROOT, 'briefing.yaml'), path.join(dir, 'briefing.yaml'));
    cpSync(path.join(ROOT, 'brand'), path.join(dir, 'brand'), { recursive: true });
    file = path.join(dir, 'briefing.yaml');
    original = readFileSync(file, 'utf8');
    watch = new WatchProcess(['briefing.yaml'], { cwd: dir, tmp });
    session = newSession();
    browser = await session.get();
    url = await deckUrl(watch, 'briefing');
    page = await browser.newPage();
    await openDeck(page, `${url}#/1`);
  }, 60_000);

  afterAll(async () => {
    await session?.close();
    watch?.kill();
  });

  // Every test edits the bottom line's slide and looks for it on show. A test that reloads the deck
  // (the theme) leaves it to put itself back on its slide a moment later, which under a loaded machine
  // can come after the test has moved on: each test starts on that slide, once the deck is ready.
  beforeEach(async () => {
    await page.waitForFunction(
      () => (window as unknown as { Reveal?: { isReady(): boolean } }).Reveal?.isReady(),
      {
        timeout: WAIT_MS,
      },
    );
    await page.evaluate(() => {
      const reveal = (
        window as unknown as { Reveal: { getIndices(): { h: number }; slide(h: number): void } }
      ).Reveal;
      if (reveal.getIndices().h !== 1) reveal.slide(1);
    });
  });

  it('builds once, prints the address, and writes exactly what build writes', async () => {
    const out = path.join(dir, 'dist');
    expect(readdirSync(out).sort()).toEqual(['briefdeck-assets', 'briefing.html', 'briefing.pdf']);
    const reference = tempDir('reference-');
    execFileSync(process.execPath, [BIN, 'build', 'briefing.yaml', '--no-pdf', '-o', reference], {
      cwd: dir,
    });
    expect(readFileSync(path.join(out, 'briefing.html'))).toEqual(
      readFileSync(path.join(reference, 'briefing.html')),
    );
    expect(watch.stderr).toMatch(/^rebuilt in [\d.]+ m?s · PDF in [\d.]+ m?s \(\d+ slides\)$/m);
  });

  it('serves the deck with the reload client and a policy open only to its own origin', async () => {
    const served = await (await fetchSignedIn(url)).text();
    expect(served).toContain('<script src="/__briefdeck/live-reload.js"');
    const policy = served.match(/http-equiv="Content-Security-Policy" content="([^"]*)"/)?.[1] ?? '';
    expect(policy).toContain('connect-src &#x27;self&#x27;');
    expect(policy).toContain('default-src &#x27;none&#x27;');
    const onDisk = readFileSync(path.join(dir, 'dist', 'briefing.html'), 'utf8');
    expect(onDisk).not.toContain('__briefdeck');
    expect(onDisk).toContain('connect-src &#x27;none&#x27;');
  });

  it('reloads the open deck on the slide it showed after a save in place', async () => {
    const inode = statSync(file).ino;
    const hash = await page.evaluate(() => location.hash);
    expect(hash).not.toBe('');
    writeFileSync(file, withMarker(original, 'MARK-IN-PLACE'));
    expect(statSync(file).ino).toBe(inode);
    await slideShows(page, 'MARK-IN-PLACE');
    expect(await page.evaluate(() => location.hash)).toBe(hash);
  });

  it('sees a save that writes a temporary file and renames it over the original', async () => {
    const temp = path.join(dir, '.briefing.yaml.swp');
    writeFileSync(temp, withMarker(original, 'MARK-RENAMED'));
    renameSync(temp, file);
    await slideShows(page, 'MARK-RENAMED');
  });

  it('sees a save that deletes the file and creates it again', async () => {
    unlinkSync(file);
    await sleep(150);
    writeFileSync(file, withMarker(original, 'MARK-RECREATED'));
    await slideShows(page, 'MARK-RECREATED');
    // The moment the file was missing may be reported, but it ends in a good build with no overlay.
    await page.waitForFunction(() => !document.querySelector('[role="alert"]'), { timeout: WAIT_MS });
  });

  it('swaps only the slides in place after a save that changes only them: same slide and fragment, no reload', async () => {
    await watch.settled();
    type Kept = { bdKept?: string; Reveal: { slide(h: number): void; getIndices(): unknown } };
    const risk = await page.evaluate(() => {
      const slides = Array.from(document.querySelectorAll('.reveal .slides > section'));
      const index = slides.findIndex((slide) => slide.textContent?.includes('IS reprisal attacks'));
      const kept = window as unknown as Kept;
      kept.Reveal.slide(index);
      // Gone if the page is reloaded.
      kept.bdKept = 'kept';
      return index;
    });
    expect(risk).toBeGreaterThan(2);
    // reveal.js writes the slide into the address a moment later.
    await page.waitForFunction(
      () => location.hash === `#/${document.querySelector('.reveal .slides > section.present')?.id}`,
      { timeout: WAIT_MS },
    );
    const before = await page.evaluate(() => ({
      indices: (window as unknown as Kept).Reveal.getIndices(),
      origin: performance.timeOrigin,
      hash: location.hash,
    }));
    writeFileSync(
      file,
      original.replace('title: IS reprisal attacks', 'title: IS reprisal attacks MARK-RISK'),
    );
    await slideShows(page, 'MARK-RISK');
    const after = await page.evaluate(() => ({
      indices: (window as unknown as Kept).Reveal.getIndices(),
      origin: performance.timeOrigin,
      hash: location.hash,
      kept: (window as unknown as Kept).bdKept,
      present: document.querySelectorAll('.reveal .slides > section.present').length,
    }));
    expect(after).toEqual({ ...before, kept: 'kept', present: 1 });
  });

  it('reloads the open deck when the page around the slides changes (the theme), on the slide it showed', async () => {
    await watch.settled();
    const before = await page.evaluate(() => ({
      indices: (window as unknown as { Reveal: { getIndices(): unknown } }).Reveal.getIndices(),
      origin: performance.timeOrigin,
    }));
    writeFileSync(file, original.replace('theme: light', 'theme: dark'));
    await page.waitForFunction(
      (origin) => performance.timeOrigin !== origin,
      { timeout: WAIT_MS },
      before.origin,
    );
    await page.waitForFunction(
      () =>
        document.querySelector('link[href$="theme-dark.css"]') !== null &&
        (window as unknown as { Reveal?: { isReady(): boolean } }).Reveal?.isReady(),
      { timeout: WAIT_MS },
    );
    await expect
      .poll(
        () =>
          page.evaluate(() =>
            (window as unknown as { Reveal: { getIndices(): unknown } }).Reveal.getIndices(),
          ),
        {
          timeout: WAIT_MS,
        },
      )
      .toEqual(before.indices);
    writeFileSync(file, original);
    await page.waitForFunction(() => document.querySelector('link[href$="theme-light.css"]') !== null, {
      timeout: WAIT_MS,
    });
    await page.waitForFunction(() =>
      (window as unknown as { Reveal?: { isReady(): boolean } }).Reveal?.isReady(),
    );
    // The reloaded deck puts itself back on its slide a moment after it is ready: wait for that, so
    // that it cannot undo the move below.
    await expect
      .poll(
        () =>
          page.evaluate(() =>
            (window as unknown as { Reveal: { getIndices(): unknown } }).Reveal.getIndices(),
          ),
        { timeout: WAIT_MS },
      )
      .toEqual(before.indices);
    // Back on the slide the other tests edit.
    await page.evaluate(() => (window as unknown as { Reveal: { slide(h: number): void } }).Reveal.slide(1));
    await slideShows(page, 'from 9 June');
  });

  it('ends a burst of saves with a build of the last one', async () => {
    const before = watch.rebuilds();
    for (let n = 1; n <= 12; n++) {
      writeFileSync(file, withMarker(original, `MARK-BURST-${n}-`));
      await sleep(5);
    }
    await slideShows(page, 'MARK-BURST-12-');
    const html = () => readFileSync(path.join(dir, 'dist', 'briefing.html'), 'utf8');
    await expect.poll(html, { timeout: WAIT_MS }).toContain('MARK-BURST-12-');
    await sleep(800);
    expect(html()).toContain('MARK-BURST-12-');
    // Fewer builds than saves: the burst was not built save by save.
    expect(watch.rebuilds() - before).toBeLessThan(12);
  });

  it('shows a broken save over the last good deck, exactly as the terminal does, and keeps the outputs', async () => {
    const out = path.join(dir, 'dist');
    // After the burst: no build under way or due (a save landing during a build is built again).
    await watch.settled();
    const html = readFileSync(path.join(out, 'briefing.html'));
    const pdf = readFileSync(path.join(out, 'briefing.pdf'));
    const from = watch.stderr.length;
    writeFileSync(
      file,
      original.replace('likelihood: likely', 'likelihood: probable').replace('\ndate:', '\ndtae:'),
    );
    const [line] = await watch.waitFor('stderr', /^briefing\.yaml:\d+:\d+: \S+: .+$/m, from);
    const alert = await page.waitForSelector('[role="alert"]', { timeout: WAIT_MS });
    const shown = (await alert?.evaluate((element) => element.textContent)) ?? '';
    expect(shown).toContain(line);
    const terminal = watch.stderr
      .slice(from)
      .split('\n')
      .filter((l) => /^briefing\.yaml:\d+:\d+: /.test(l));
    for (const problem of terminal) expect(shown).toContain(problem);
    expect(terminal.length).toBeGreaterThanOrEqual(1);
    // The last good slides are still there under it, the classification banner below it in sight.
    expect(await page.evaluate(() => document.querySelectorAll('section.bd-slide').length)).toBeGreaterThan(
      5,
    );
    const [panelBottom, bannerTop] = await page.evaluate(() => [
      document.querySelector('[role="alert"]')?.getBoundingClientRect().bottom,
      document.querySelector('section.present .bd-banner-bottom')?.getBoundingClientRect().top,
    ]);
    expect(panelBottom).toBeLessThanOrEqual(bannerTop as number);
    await sleep(300);
    expect(readFileSync(path.join(out, 'briefing.html'))).toEqual(html);
    expect(readFileSync(path.join(out, 'briefing.pdf'))).toEqual(pdf);
    expect(watch.stderr.slice(from)).not.toMatch(/\n\s+at /);

    const fixed = watch.stderr.length;
    writeFileSync(file, withMarker(original, 'MARK-FIXED'));
    await slideShows(page, 'MARK-FIXED');
    await page.waitForFunction(() => !document.querySelector('[role="alert"]'), { timeout: WAIT_MS });
    // Its PDF too: the next test starts with nothing under way.
    await watch.waitFor('stderr', /^rebuilt in .* · PDF in /m, fixed);
  });

  it('rebuilds nothing for a save that changes nothing, and clears a mistake undone', async () => {
    // The last save is built, PDF included (the previous test waits for it): nothing is under way.
    const builds = watch.rebuilds();
    const from = watch.stderr.length;
    const loadedAt = await page.evaluate(() => performance.timeOrigin);
    const seen = await listenToChannel(page);
    writeFileSync(file, readFileSync(file));
    await seen();
    expect(watch.rebuilds(), watch.stderr.slice(from)).toBe(builds);
    // Nothing was wrong: nothing to say.
    expect(watch.stderr.slice(from)).toBe('');
    expect(await page.evaluate(() => performance.timeOrigin)).toBe(loadedAt);
    const good = readFileSync(file);
    writeFileSync(file, good.toString().replace('\nrisks:', '\nrisks: [oops'));
    await page.waitForSelector('[role="alert"]', { timeout: WAIT_MS });
    await watch.waitFor('stderr', /^\d+ problems? found; the last good deck stays in dist\/\.\n/m, from);
    const undone = watch.stderr.length;
    writeFileSync(file, good);
    await page.waitForFunction(() => !document.querySelector('[role="alert"]'), { timeout: WAIT_MS });
    // Undone: the overlay goes, and the deck shown is the good one (rebuilt or not).
    await slideShows(page, 'MARK-FIXED');
    // The terminal says so too, its last word not the mistake: the deck and PDF on disk are this
    // save's, not rebuilt.
    await watch.waitFor(
      'stderr',
      /^fixed: the deck and PDF in dist\/ are current; nothing to rebuild \(\d+ slides\)\n$/,
      undone,
    );
    expect(watch.rebuilds()).toBe(builds);
    expect(watch.stderr.slice(from)).not.toMatch(/error:/);
  });

  it('builds the finished file after a half-written save', async () => {
    const complete = withMarker(original, 'MARK-HALF');
    const cut = complete.indexOf('\nrisks:') + 20; // in the middle of the risks
    writeFileSync(file, complete.slice(0, cut));
    await sleep(120);
    writeFileSync(file, complete.slice(cut), { flag: 'a' });
    await slideShows(page, 'MARK-HALF');
    await page.waitForFunction(() => !document.querySelector('[role="alert"]'), { timeout: WAIT_MS });
    await expect
      .poll(() => readFileSync(path.join(dir, 'dist', 'briefing.html'), 'utf8'), { timeout: WAIT_MS })
      .toContain('MARK-HALF');
  });

  it('re-prints the PDF with the warm browser after every good build', async () => {
    writeFileSync(file, withMarker(original, 'MARKPDF1'));
    await expect
      .poll(async () => (await readPdf(path.join(dir, 'dist', 'briefing.pdf'))).pages.join('\n'), {
        timeout: WAIT_MS,
        interval: 100,
      })
      .toContain('MARKPDF1');
  });

  it('starts a new browser for the next build when Chromium crashes', async () => {
    const chromium = chromiumOf(watch.pid);
    expect(chromium).not.toBe('');
    for (const pid of chromium.split('\n')) {
      try {
        process.kill(-Number(pid), 'SIGKILL');
      } catch {
        process.kill(Number(pid), 'SIGKILL');
      }
    }
    await sleep(300);
    writeFileSync(file, withMarker(original, 'MARKPDF2'));
    await expect
      .poll(async () => (await readPdf(path.join(dir, 'dist', 'briefing.pdf'))).pages.join('\n'), {
        timeout: WAIT_MS,
        interval: 100,
      })
      .toContain('MARKPDF2');
    await slideShows(page, 'MARKPDF2');
    expect(chromiumOf(watch.pid)).not.toBe('');
  });

  it('reloads the presenter view too, on the slide it showed', async () => {
    const popup = new Promise<Page | null>((resolve) => page.once('popup', resolve));
    await page.keyboard.press('s');
    const view = (await popup) as Page;
    expect(view).not.toBeNull();
    const currentShows = (text: string) =>
      view.waitForFunction(
        (wanted) => {
          const frame = document.querySelector<HTMLIFrameElement>('#current-slide iframe');
          const shown = frame?.contentDocument?.querySelector('.reveal .slides section.present');
          return (shown?.textContent ?? '').includes(wanted);
        },
        { polling: 50, timeout: WAIT_MS },
        text,
      );
    await currentShows('MARKPDF2');
    const loadedAt = await page.evaluate(() => performance.timeOrigin);
    // The slide and its speaker notes, changed together: the notes shown follow without a reload.
    writeFileSync(
      file,
      withMarker(original, 'MARK-PRESENTER').replace(/(\n {2}bluf: \|\n {4})/, '$1MARK-NOTES '),
    );
    await slideShows(page, 'MARK-PRESENTER');
    await currentShows('MARK-PRESENTER');
    await view.waitForFunction(
      () =>
        (document.querySelector('.speaker-controls-notes .value')?.textContent ?? '').includes('MARK-NOTES'),
      { polling: 50, timeout: WAIT_MS },
    );
    expect(await page.evaluate(() => performance.timeOrigin)).toBe(loadedAt);
    await view.close();
  });

  it('serves nothing to a foreign Host (DNS rebinding) and not the YAML', async () => {
    const { port } = new URL(url);
    const cookie = await signIn(url);
    const { request } = await import('node:http');
    const get = (pathname: string, host: string) =>
      new Promise<number>((resolve, reject) => {
        request({ host: '127.0.0.1', port, path: pathname, headers: { host, cookie } }, (response) => {
          response.resume();
          resolve(response.statusCode ?? 0);
        })
          .on('error', reject)
          .end();
      });
    expect(await get('/briefing.html', `attacker.example:${port}`)).toBe(421);
    expect(await get('/briefing.html', `localhost:${port}`)).toBe(200);
    expect(await get('/../briefing.yaml', `127.0.0.1:${port}`)).toBe(404);
    expect(await get('/%2e%2e/briefing.yaml', `127.0.0.1:${port}`)).toBe(404);
  });

  it('stops on Ctrl-C within 2 s, leaving no process and no temporary file', async () => {
    const chromium = chromiumOf(watch.pid);
    const started = Date.now();
    watch.interrupt();
    expect(await watch.exited).toBe(0);
    expect(Date.now() - started).toBeLessThan(2_000);
    await sleep(200);
    for (const pid of chromium.split('\n').filter(Boolean)) {
      expect(() => process.kill(Number(pid), 0)).toThrow();
    }
    expect(readdirSync(tmp)).toEqual([]);
    const leftovers = readdirSync(path.join(dir, 'dist'), { recursive: true }).filter((name) =>
      /(^|\/)\.|\.tmp$/.test(String(name)),
    );
    expect(leftovers).toEqual([]);
    await expect(fetch(url)).rejects.toThrow();
  });
});

describe('briefdeck watch follows the theme, the logo and the partials', () => {
  it('rebuilds when any of them is saved, and not for other files', async () => {
    const dir = tempDir('watch-inputs-');
    const tmp = shortTempDir();
    const partials = path.join(dir, 'partials');
    mkdirSync(partials);
    cpSync(path.join(ROOT, 'templates', 'partials', 'sources.hbs'), path.join(partials, 'sources.hbs'));
    writeFileSync(path.join(dir, 'house.css'), ':root { --bd-accent: #123456; }\n');
    writeFileSync(
      path.join(dir, 'logo.svg'),
      '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><rect width="10" height="10" fill="#111"/></svg>\n',
    );
    writeFileSync(
      path.join(dir, 'brief.yaml'),
      `${readFileSync(path.join(ROOT, 'tests', 'fixtures', 'minimal.yaml'), 'utf8')}deck:\n  theme: house.css\n  logo: logo.svg\n`,
    );
    const watch = new WatchProcess(
      ['brief.yaml', '--no-pdf', '--single-file', '--templates', 'partials', '-o', 'out'],
      {
        cwd: dir,
        tmp,
      },
    );
    try {
      const url = await deckUrl(watch, 'brief');
      await watch.waitFor('stderr', /^rebuilt in /m);
      const out = (name: string) => readFileSync(path.join(dir, 'out', name), 'utf8');
      let count = watch.rebuilds();
      const next = async () => {
        await expect.poll(() => watch.rebuilds(), { timeout: WAIT_MS }).toBeGreaterThan(count);
        count = watch.rebuilds();
      };

      writeFileSync(path.join(dir, 'house.css'), ':root { --bd-accent: #654321; }\n');
      await next();
      expect(out('brief.theme.css')).toContain('#654321');

      writeFileSync(
        path.join(dir, 'logo.svg'),
        '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><circle r="5" cx="5" cy="5"/></svg>\n',
      );
      await next();
      expect(out('brief.html')).toContain(
        Buffer.from(readFileSync(path.join(dir, 'logo.svg')))
          .toString('base64')
          .slice(0, 60),
      );

      writeFileSync(
        path.join(partials, 'title.hbs'),
        '{{#> slide}}<h1>{{title}} MARK-PARTIAL</h1>{{/slide}}\n',
      );
      await next();
      expect(out('brief.html')).toContain('MARK-PARTIAL');
      // The outputs asked for besides the deck follow too.
      expect(out('brief.single.html')).toContain('MARK-PARTIAL');

      // Other files in the same folders, and the output folder, are not the briefing's: the watcher
      // handles no save of theirs. Every save it handles ends in one message to open decks, so the one
      // message after them must be the one of the real save that follows (events arrive in order).
      const events = await eventStream(url);
      try {
        await expect.poll(() => events.messages.length, { timeout: WAIT_MS }).toBe(1);
        const shown = events.messages[0]?.build ?? 0;
        writeFileSync(path.join(dir, 'notes.txt'), 'not an input\n');
        writeFileSync(path.join(partials, 'README.md'), 'not a partial\n');
        writeFileSync(path.join(dir, 'out', 'extra.txt'), 'output\n');
        // Apart from the real save, so that one of theirs would not be merged into it.
        await sleep(100);
        writeFileSync(path.join(dir, 'house.css'), ':root { --bd-accent: #abcdef; }\n');
        await next();
        await expect.poll(() => events.messages.at(-1)?.build, { timeout: WAIT_MS }).toBeGreaterThan(shown);
        expect(events.messages).toHaveLength(2);
      } finally {
        events.close();
      }

      // A template mistake is reported and watch goes on.
      writeFileSync(path.join(partials, 'title.hbs'), '{{#> slide}}<h1>{{title}</h1>{{/slide}}\n');
      await watch.waitFor('stderr', /title\.hbs: Parse error/);
      writeFileSync(
        path.join(partials, 'title.hbs'),
        '{{#> slide}}<h1>{{title}} MARK-AGAIN</h1>{{/slide}}\n',
      );
      await next();
      expect(out('brief.html')).toContain('MARK-AGAIN');
    } finally {
      watch.interrupt();
      expect(await watch.exited).toBe(0);
    }
  });

  it('re-prints the handout too when it was asked for', async () => {
    const dir = tempDir('watch-handout-');
    const tmp = shortTempDir();
    const file = path.join(dir, 'brief.yaml');
    const minimal = readFileSync(path.join(ROOT, 'tests', 'fixtures', 'minimal.yaml'), 'utf8');
    writeFileSync(file, minimal);
    const watch = new WatchProcess(['brief.yaml', '--handout', '--paper', 'letter', '-o', 'out'], {
      cwd: dir,
      tmp,
    });
    try {
      await watch.waitFor('stderr', /^rebuilt in .* · handout in /m);
      writeFileSync(file, minimal.replace('Something happened.', 'Something happened. MARKHANDOUT'));
      await expect
        .poll(async () => (await readPdf(path.join(dir, 'out', 'brief-handout.pdf'))).pages.join('\n'), {
          timeout: WAIT_MS,
          interval: 100,
        })
        .toContain('MARKHANDOUT');
      expect((await readPdf(path.join(dir, 'out', 'brief-handout.pdf'))).pageSizes[0]).toEqual({
        width: 612,
        height: 792,
      });
    } finally {
      watch.interrupt();
      expect(await watch.exited).toBe(0);
    }
  });

  it('leaves one consistent set after a failed print is undone, and says which PDF is stale', async () => {
    const dir = tempDir('watch-stale-');
    const tmp = shortTempDir();
    const file = path.join(dir, 'brief.yaml');
    const theme = path.join(dir, 'house.css');
    const goodTheme = ':root { --bd-accent: #123456; }\n';
    const minimal = readFileSync(path.join(ROOT, 'tests', 'fixtures', 'minimal.yaml'), 'utf8');
    const good = `${minimal}deck:\n  theme: house.css\n`;
    writeFileSync(theme, goodTheme);
    writeFileSync(file, good);
    const watch = new WatchProcess(['brief.yaml', '--strict', '-o', 'out'], { cwd: dir, tmp });
    const session = newSession();
    const out = (name: string) => path.join(dir, 'out', name);
    const overlay = async (page: Page) => {
      const alert = await page.waitForSelector('[role="alert"]', { timeout: WAIT_MS });
      return (await alert?.evaluate((element) => element.textContent)) ?? '';
    };
    /** The deck, its theme and its PDF on disk are of the good save (once the save from `from` is built). */
    const consistent = async (from: number) => {
      await expect
        .poll(() => readFileSync(out('brief.html'), 'utf8'), { timeout: WAIT_MS })
        .not.toContain('MARK-LONG');
      // Rebuilt: the deck again; the PDF only if the one there is not of the good save already.
      await watch.waitFor('stderr', /^rebuilt in /m, from);
      expect(readFileSync(out('brief.theme.css'), 'utf8')).toBe(goodTheme);
      const pdf = (await readPdf(out('brief.pdf'))).pages.join('\n');
      expect(pdf).toContain('Something happened.');
      expect(pdf).not.toContain('MARK-LONG');
    };
    try {
      const page = await (await session.get()).newPage();
      await openDeck(page, await deckUrl(watch, 'brief'));
      await watch.waitFor('stderr', /^rebuilt in .* · PDF in /m);

      // A save that overflows: the deck shows it, the PDF cannot be made from it (--strict), and both
      // the terminal and the deck say that the PDF is the earlier save's.
      let from = watch.stderr.length;
      const long = Array.from(
        { length: 60 },
        (_, n) => `MARK-LONG sentence ${n} of a far too long text.`,
      ).join(' ');
      writeFileSync(file, good.replace('Something happened.', long));
      await watch.waitFor('stderr', /overflows by \d+px/, from);
      const [stale] = await watch.waitFor('stderr', /^out\/brief\.pdf is stale: .*$/m, from);
      expect(await overlay(page)).toContain(stale);
      expect(await overlay(page)).toContain('This deck is the last save');
      expect(readFileSync(out('brief.html'), 'utf8')).toContain('MARK-LONG');

      // Undone: the deck and the PDF are the good save's again, not the overflowing deck beside an older PDF.
      from = watch.stderr.length;
      writeFileSync(file, good);
      await page.waitForFunction(() => !document.querySelector('[role="alert"]'), { timeout: WAIT_MS });
      await consistent(from);

      // A theme that breaks the print: said so, naming the theme, not --templates (none was given).
      from = watch.stderr.length;
      writeFileSync(theme, 'html, body { display: none !important; }\n');
      await watch.waitFor('stderr', /^out\/brief\.pdf is stale: /m, from);
      expect(watch.stderr.slice(from)).toMatch(/^error: /m);
      expect(watch.stderr.slice(from)).not.toContain('--templates');
      expect(await overlay(page)).toContain('out/brief.pdf is stale');
      // Undone: the theme on disk is the good one again.
      from = watch.stderr.length;
      writeFileSync(theme, goodTheme);
      await consistent(from);
    } finally {
      await session.close();
      watch.interrupt();
      expect(await watch.exited).toBe(0);
    }
  });

  it('never leaves a deck whose theme hides the classification: the one before is put back', async () => {
    const dir = tempDir('watch-marking-');
    const tmp = shortTempDir();
    const theme = path.join(dir, 'house.css');
    const goodTheme = ':root { --bd-accent: #123456; }\n';
    const minimal = readFileSync(path.join(ROOT, 'tests', 'fixtures', 'minimal.yaml'), 'utf8');
    writeFileSync(theme, goodTheme);
    writeFileSync(
      path.join(dir, 'brief.yaml'),
      `${minimal}classification: SECRET\ndeck:\n  theme: house.css\n`,
    );
    const watch = new WatchProcess(['brief.yaml', '-o', 'out'], { cwd: dir, tmp });
    const out = (name: string) => readFileSync(path.join(dir, 'out', name), 'utf8');
    try {
      await deckUrl(watch, 'brief');
      await watch.waitFor('stderr', /^rebuilt in .* · PDF in /m);
      const deck = out('brief.html');
      const from = watch.stderr.length;
      writeFileSync(theme, `${goodTheme}.bd-banner { display: none !important; }\n`);
      await watch.waitFor('stderr', /The deck was not replaced; the last good one stays in out\/\./, from);
      expect(watch.stderr.slice(from)).toContain('the top banner is hidden');
      expect(out('brief.theme.css')).toBe(goodTheme);
      expect(out('brief.html')).toBe(deck);
    } finally {
      watch.interrupt();
      expect(await watch.exited).toBe(0);
    }
  });

  // Found by a new user: the mistake undone cleared the overlay, but the terminal's last word stayed the error.
  it('says a mistake undone is fixed, to the byte or but for comments and blank lines, without rebuilding', async () => {
    const dir = tempDir('watch-undo-');
    const tmp = shortTempDir();
    const file = path.join(dir, 'brief.yaml');
    const good = readFileSync(path.join(ROOT, 'tests', 'fixtures', 'minimal.yaml'));
    writeFileSync(file, good);
    const watch = new WatchProcess(['brief.yaml', '--no-pdf', '-o', 'out'], { cwd: dir, tmp });
    const fixed = /^fixed: the deck in out\/ is current; nothing to rebuild \(4 slides\)\n$/;
    try {
      await watch.waitFor('stderr', /^rebuilt in /m);
      const deck = readFileSync(path.join(dir, 'out', 'brief.html'));
      const broken = good.toString().replace('likelihood: unlikely', 'likelihood: probable');
      for (const undone of [good, `# Undone.\n\n${good}\n   # by hand\n`]) {
        const from = watch.stderr.length;
        writeFileSync(file, broken);
        await watch.waitFor('stderr', /^1 problem found; the last good deck stays in out\/\.\n/m, from);
        const after = watch.stderr.length;
        writeFileSync(file, undone);
        await watch.waitFor('stderr', fixed, after);
      }
      expect(watch.rebuilds()).toBe(1);
      expect(readFileSync(path.join(dir, 'out', 'brief.html'))).toEqual(deck);
    } finally {
      watch.interrupt();
      expect(await watch.exited).toBe(0);
    }
  });

  it('follows the briefing when its folder is deleted and made again, or renamed away and back', async () => {
    const dir = tempDir('watch-folder-');
    const tmp = shortTempDir();
    const folder = path.join(dir, 'sub');
    const minimal = readFileSync(path.join(ROOT, 'tests', 'fixtures', 'minimal.yaml'), 'utf8');
    const marked = (marker: string) =>
      minimal.replace('Something happened.', `Something happened. ${marker}`);
    mkdirSync(folder);
    writeFileSync(path.join(folder, 'brief.yaml'), minimal);
    const watch = new WatchProcess([path.join('sub', 'brief.yaml'), '--no-pdf', '-o', 'out'], {
      cwd: dir,
      tmp,
    });
    const deck = () => readFileSync(path.join(dir, 'out', 'brief.html'), 'utf8');
    try {
      await watch.waitFor('stderr', /^rebuilt in /m);

      let from = watch.stderr.length;
      rmSync(folder, { recursive: true });
      await watch.waitFor('stderr', /brief\.yaml:1:1: no such file/, from);
      mkdirSync(folder);
      writeFileSync(path.join(folder, 'brief.yaml'), marked('MARK-MADE-AGAIN'));
      await watch.waitFor('stderr', /^rebuilt in /m, from);
      expect(deck()).toContain('MARK-MADE-AGAIN');

      // Renamed away, changed there (not the briefing any more), and renamed back: the change is built.
      from = watch.stderr.length;
      renameSync(folder, `${folder}.away`);
      await watch.waitFor('stderr', /brief\.yaml:1:1: no such file/, from);
      writeFileSync(path.join(`${folder}.away`, 'brief.yaml'), marked('MARK-BACK'));
      renameSync(`${folder}.away`, folder);
      await watch.waitFor('stderr', /^rebuilt in /m, from);
      expect(deck()).toContain('MARK-BACK');
    } finally {
      watch.interrupt();
      expect(await watch.exited).toBe(0);
    }
  });

  it('reports wrong options as usage errors before it starts (exit 2), like build', async () => {
    const dir = tempDir('watch-usage-');
    writeFileSync(path.join(dir, 'a-file'), 'not a folder');
    const minimal = path.join(ROOT, 'tests', 'fixtures', 'minimal.yaml');
    const cases: [string[], RegExp][] = [
      [[minimal, '-o', 'a-file'], /error: --out a-file: is a file, not a folder/],
      [[minimal, '--templates', 'nowhere'], /error: --templates nowhere: not a folder/],
      [[minimal, '--port', 'eighty'], /error: --port takes a port number/],
      [[minimal, '--theme', 'neon'], /error: --theme takes a built-in theme/],
    ];
    for (const [args, message] of cases) {
      const watch = new WatchProcess(args, { cwd: dir, tmp: dir });
      expect(await watch.exited, args.join(' ')).toBe(2);
      expect(watch.stderr).toMatch(message);
      expect(watch.stdout).toBe('');
    }
    expect(readdirSync(dir)).toEqual(['a-file']);
  });

  it('refuses a port in use when one was asked for', async () => {
    const { createServer } = await import('node:net');
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const port = (blocker.address() as { port: number }).port;
    const dir = tempDir('watch-port-');
    try {
      const taken = new WatchProcess(
        [path.join(ROOT, 'tests', 'fixtures', 'minimal.yaml'), '--no-pdf', '-o', dir, '--port', String(port)],
        { cwd: dir, tmp: dir },
      );
      expect(await taken.exited).toBe(2);
      expect(taken.stderr).toContain(`error: port ${port} is in use`);
    } finally {
      blocker.close();
    }
  });
});
