/**
 * The speaker notes stay with the presenter: in a real Chromium, a page of
 * another origin tries reveal.js's two ways of reading them, and gets
 * nothing, from the deck served by `watch`, from the same deck on a plain
 * web server (an intranet), and from the deck and the single file opened
 * from disk. The presenter view still works in each.
 *
 * The two ways: frame the deck and ask its postMessage API
 * (`configure` postMessageEvents, then `getSlideNotes`), or open it in a
 * window and say "heartbeat" as the notes plugin's speaker window does.
 */
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser, Frame, Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserSession } from '../src/browser/session.js';
import { type PreviewServer, startPreviewServer } from '../src/watch/server.js';
import { build, newSession, tempDir } from './_helpers.js';

const WAIT = { timeout: 15_000, polling: 25 };

interface RevealWindow {
  Reveal?: {
    isReady(): boolean;
    getIndices(): { h: number };
    slide(h: number): void;
    next(): void;
  };
  received: string[];
  seen?: string[];
  target?: Window | null;
}

/** What another site sends: both ways of asking for the notes, then a sign that the deck heard them. */
const ATTACK = [
  JSON.stringify({ method: 'configure', args: [{ postMessageEvents: true }] }),
  JSON.stringify({ method: 'getSlideNotes' }),
  JSON.stringify({ namespace: 'reveal-notes', type: 'heartbeat' }),
];

/** The other site's page: it keeps every message any window sends it. */
const ATTACKER_PAGE = `<!doctype html>
<meta charset="utf-8"><title>another site</title>
<script>
window.received = [];
addEventListener('message', (event) => received.push(String(event.data)));
</script>
`;

/**
 * Records every message the deck's window receives, before anything of the deck sees it: the proof
 * that the attack reached the deck (a test copy of the deck only; its hash is added to the policy).
 */
const RECORDER = `window.seen = []; addEventListener('message', (event) => seen.push(String(event.data)), true);`;

function withRecorder(html: string): string {
  const hash = `&#x27;sha256-${createHash('sha256').update(RECORDER).digest('base64')}&#x27;`;
  const policy = html.replace(
    /(http-equiv="Content-Security-Policy" content="[^"]*script-src )/,
    `$1${hash} `,
  );
  expect(policy).not.toBe(html);
  return policy.replace('<title>', `<script>${RECORDER}</script>\n<title>`);
}

/** A static web server for `root`, as an intranet serves a built deck: no headers of watch's. */
async function serveFolder(root: string): Promise<{ origin: string; server: Server }> {
  const types: Record<string, string> = {
    '.html': 'text/html',
    '.js': 'text/javascript',
    '.css': 'text/css',
  };
  const server = createServer((request, response) => {
    const file = path.join(root, decodeURIComponent((request.url ?? '/').split('?')[0] ?? '/'));
    try {
      const body = readFileSync(file);
      response.writeHead(200, { 'Content-Type': types[path.extname(file)] ?? 'application/octet-stream' });
      response.end(body);
    } catch {
      response.writeHead(404).end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server };
}

function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
}

async function revealReady(frame: Page | Frame): Promise<void> {
  await frame.waitForFunction(() => (window as unknown as RevealWindow).Reveal?.isReady?.() === true, WAIT);
}

/** The frame of `page` that shows `url` (without its hash). */
async function frameShowing(page: Page, matches: (url: string) => boolean): Promise<Frame> {
  const started = Date.now();
  for (;;) {
    const frame = page
      .frames()
      .find((candidate) => candidate !== page.mainFrame() && matches(candidate.url()));
    if (frame) return frame;
    if (Date.now() - started > WAIT.timeout)
      throw new Error(`no frame: ${page.frames().map((f) => f.url())}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

/**
 * Sends the attack to the deck in `deck` (a frame or window of the attacker's), waits until the deck
 * has received every message of it, then has the deck post a last message to the attacker. Messages
 * from one window to another arrive in order: whatever the deck answered arrived before that one.
 * Returns what the attacker received before it.
 */
async function attack(attacker: Page, deck: Page | Frame, toward: 'parent' | 'opener'): Promise<string[]> {
  await revealReady(deck);
  await attacker.evaluate((messages) => {
    const own = window as unknown as RevealWindow;
    const target =
      own.target ?? (document.querySelector('iframe') as HTMLIFrameElement | null)?.contentWindow ?? null;
    for (const message of messages) target?.postMessage(message, '*');
  }, ATTACK);
  await deck.waitForFunction(
    (messages) => messages.every((message) => (window as unknown as RevealWindow).seen?.includes(message)),
    WAIT,
    ATTACK,
  );
  await deck.evaluate((to) => window[to]?.postMessage('END-OF-ATTACK', '*'), toward);
  await attacker.waitForFunction(
    () => (window as unknown as RevealWindow).received.includes('END-OF-ATTACK'),
    WAIT,
  );
  return attacker.evaluate(() => {
    const { received } = window as unknown as RevealWindow;
    return received.slice(0, received.indexOf('END-OF-ATTACK'));
  });
}

/** The attacker frames the deck and asks it; returns what came back. */
async function throughFrame(attacker: Page, deckUrl: string): Promise<string[]> {
  await attacker.evaluate((url) => {
    const frame = document.createElement('iframe');
    frame.src = url;
    document.body.append(frame);
  }, deckUrl);
  return attack(attacker, await frameShowing(attacker, (url) => url.split('#')[0] === deckUrl), 'parent');
}

/** The attacker opens the deck in a window and asks it; returns what came back. */
async function throughWindow(attacker: Page, deckUrl: string): Promise<string[]> {
  const opened = new Promise<Page | null>((resolve) => attacker.once('popup', resolve));
  await attacker.evaluate((url) => {
    (window as unknown as RevealWindow).target = window.open(url, '_blank');
  }, deckUrl);
  const deck = (await opened) as Page;
  try {
    return await attack(attacker, deck, 'opener');
  } finally {
    await deck.close();
  }
}

/**
 * The presenter view of the deck in `page`: 'S' opens it, it shows the notes of the slide on show and
 * follows the deck; keys pressed in it move the deck; and after the deck reloads it follows again.
 */
async function presenterViewWorks(page: Page): Promise<void> {
  await revealReady(page);
  const notesOf = (index: number) =>
    page.evaluate(
      (h) =>
        (
          document.querySelectorAll('.reveal .slides > section')[h]?.querySelector('aside.notes')
            ?.textContent ?? ''
        )
          .trim()
          .split('\n')[0] ?? '',
      index,
    );
  const opened = new Promise<Page | null>((resolve) => page.once('popup', resolve));
  await page.keyboard.press('s');
  const speaker = (await opened) as Page;
  const shows = async (index: number) => {
    const notes = await notesOf(index);
    expect(notes.length, `notes of slide ${index}`).toBeGreaterThan(10);
    await speaker.waitForFunction(
      (wanted) =>
        (document.querySelector('.speaker-controls-notes .value')?.textContent ?? '').includes(wanted),
      WAIT,
      notes,
    );
    // The current-slide preview follows too (a frame of the deck; from disk, of another origin).
    const preview = await frameShowing(speaker, (url) => url.includes('postMessageEvents=true'));
    await preview.waitForFunction(
      (h) => {
        const reveal = (window as unknown as RevealWindow).Reveal;
        return reveal?.isReady() === true && reveal.getIndices().h === h;
      },
      WAIT,
      index,
    );
  };
  try {
    await shows(0);
    // The deck moves: the speaker view follows.
    await page.evaluate(() => (window as unknown as Required<RevealWindow>).Reveal.slide(1));
    await shows(1);
    // A key in the speaker view moves the deck (the preview tells the speaker window, which tells the deck).
    await speaker.bringToFront();
    await speaker.keyboard.press('ArrowRight');
    await page.waitForFunction(
      () => (window as unknown as Required<RevealWindow>).Reveal.getIndices().h === 2,
      WAIT,
    );
    await shows(2);
    // The deck reloads (a rebuild): the speaker window finds it again.
    await page.bringToFront();
    await page.reload({ waitUntil: 'load' });
    await revealReady(page);
    await page.evaluate(() => (window as unknown as Required<RevealWindow>).Reveal.slide(3));
    await shows(3);
  } finally {
    await speaker.close();
  }
}

let session: BrowserSession;
let browser: Browser;
let out: string;
let attackerServer: { origin: string; server: Server };

beforeAll(async () => {
  session = newSession();
  // The single file keeps its notes only with withNotes: these tests are about the notes not leaking, so it has them.
  const built = await build('briefing.yaml', { pdf: false, singleFile: true, withNotes: true });
  out = built.outDir;
  // Test copies of both decks that record what reaches them (same folder: same assets).
  writeFileSync(
    path.join(out, 'recorded.html'),
    withRecorder(readFileSync(path.join(out, 'briefing.html'), 'utf8')),
  );
  writeFileSync(
    path.join(out, 'recorded.single.html'),
    withRecorder(readFileSync(path.join(out, 'briefing.single.html'), 'utf8')),
  );
  const elsewhere = tempDir('elsewhere-');
  writeFileSync(path.join(elsewhere, 'attacker.html'), ATTACKER_PAGE);
  attackerServer = await serveFolder(elsewhere);
  browser = await session.get();
}, 120_000);

afterAll(async () => {
  await session?.close();
  if (attackerServer) await closeServer(attackerServer.server);
});

/** A new page of the other site, from another port of 127.0.0.1 (or from disk). */
async function attackerPage(url = `${attackerServer.origin}/attacker.html`): Promise<Page> {
  const page = await browser.newPage();
  await page.goto(url, { waitUntil: 'load' });
  return page;
}

describe('the deck served by watch', () => {
  let server: PreviewServer;
  let deckUrl: string;

  beforeAll(async () => {
    server = await startPreviewServer({
      root: out,
      deckFile: 'briefing.html',
      host: '127.0.0.1',
      port: 0,
      fallback: false,
    });
    deckUrl = `http://127.0.0.1:${server.port}/briefing.html`;
  });

  afterAll(() => server?.close());

  it('cannot be framed or kept in a window by another site, even in the browser that has it open', async () => {
    // The user has the deck open (this browser holds the session's cookie).
    const own = await browser.newPage();
    await own.goto(server.url, { waitUntil: 'load' });
    expect(own.url().split('#')[0]).toBe(deckUrl);
    await revealReady(own);
    const attacker = await attackerPage();
    try {
      // Framed: the browser refuses to show it (frame-ancestors), so nothing in the frame can answer.
      await attacker.evaluate(
        (url) =>
          new Promise((resolve) => {
            const frame = document.createElement('iframe');
            frame.onload = resolve;
            frame.src = url;
            document.body.append(frame);
          }),
        deckUrl,
      );
      const frame = await frameShowing(attacker, () => true);
      expect(frame.url()).not.toBe(deckUrl);
      expect(await frame.evaluate(() => 'Reveal' in window)).toBe(false);

      // Opened: it loads, but in a browsing context group of its own; the other site's handle is dead.
      const opened = new Promise<Page | null>((resolve) => attacker.once('popup', resolve));
      await attacker.evaluate((url) => {
        (window as unknown as RevealWindow).target = window.open(url, '_blank');
      }, deckUrl);
      const deck = (await opened) as Page;
      await revealReady(deck);
      expect(await deck.evaluate(() => window.opener)).toBeNull();
      expect(await attacker.evaluate(() => (window as unknown as RevealWindow).target?.closed)).toBe(true);
      await attacker.evaluate((messages) => {
        for (const message of messages) (window as unknown as RevealWindow).target?.postMessage(message, '*');
      }, ATTACK);
      expect(await attacker.evaluate(() => (window as unknown as RevealWindow).received)).toEqual([]);
      await deck.close();
    } finally {
      await attacker.close();
      await own.close();
    }
  });

  it('still has a working presenter view', async () => {
    const page = await browser.newPage();
    try {
      await page.goto(server.url, { waitUntil: 'load' });
      await presenterViewWorks(page);
    } finally {
      await page.close();
    }
  });
});

describe('the deck on a plain web server (an intranet)', () => {
  let site: { origin: string; server: Server };

  beforeAll(async () => {
    site = await serveFolder(out);
  });

  afterAll(() => closeServer(site.server));

  for (const file of ['recorded.html', 'recorded.single.html']) {
    it(`answers another site nothing, framed or opened (${file})`, async () => {
      const attacker = await attackerPage();
      try {
        expect(await throughFrame(attacker, `${site.origin}/${file}`)).toEqual([]);
        expect(await throughWindow(attacker, `${site.origin}/${file}`)).toEqual([]);
      } finally {
        await attacker.close();
      }
    });
  }

  it('still has a working presenter view', async () => {
    const page = await browser.newPage();
    try {
      await page.goto(`${site.origin}/briefing.html`, { waitUntil: 'load' });
      await presenterViewWorks(page);
    } finally {
      await page.close();
    }
  });
});

describe('the deck and the single file opened from disk', () => {
  for (const file of ['recorded.html', 'recorded.single.html']) {
    it(`answer another file nothing, framed or opened (${file})`, async () => {
      const elsewhere = tempDir('file-attacker-');
      writeFileSync(path.join(elsewhere, 'attacker.html'), ATTACKER_PAGE);
      const attacker = await attackerPage(pathToFileURL(path.join(elsewhere, 'attacker.html')).href);
      const deckUrl = pathToFileURL(path.join(out, file)).href;
      try {
        expect(await throughFrame(attacker, deckUrl)).toEqual([]);
        expect(await throughWindow(attacker, deckUrl)).toEqual([]);
      } finally {
        await attacker.close();
      }
    });
  }

  for (const file of ['briefing.html', 'briefing.single.html']) {
    it(`still have a working presenter view (${file})`, async () => {
      const page = await browser.newPage();
      try {
        await page.goto(pathToFileURL(path.join(out, file)).href, { waitUntil: 'load' });
        await presenterViewWorks(page);
      } finally {
        await page.close();
      }
    });
  }
});
