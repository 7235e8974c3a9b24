/**
 * The single-file deck: written alone into an empty folder and opened from
 * file:// in Chromium, it loads nothing but itself (every other request is
 * blocked and recorded), starts reveal.js, shows the deck's font and opens
 * the presenter view; its policy allows scripts only by hash; it carries the
 * font subsets its text needs and no others.
 */
import { createHash } from 'node:crypto';
import { copyFileSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserSession } from '../src/browser/session.js';
import { type PreparedDeck, prepareDeck, writeDeck } from '../src/build.js';
import { checkThemeCss } from '../src/format/themeCss.js';
import { speakerViewScriptHashes } from '../src/outputs/assets.js';
import { shippedAssets } from '../src/outputs/singleFile/_assets.js';
import { inlineCss } from '../src/outputs/singleFile/css.js';
import { parseUnicodeRange, renderSingleFile } from '../src/outputs/singleFile/index.js';
import { newSession, ROOT, tempDir } from './_helpers.js';

let session: BrowserSession;
let deck: PreparedDeck;
let single: string;
beforeAll(async () => {
  session = newSession();
  deck = await prepareDeck({ file: 'briefing.yaml', cwd: ROOT, outDir: tempDir() });
  single = await renderSingleFile({ html: deck.html, name: deck.name });
});
afterAll(async () => {
  await session.close();
});

type RevealWindow = { Reveal?: { isReady(): boolean; getTotalSlides(): number } };

/** Writes the deck as the only file of a new folder; returns its file:// URL. */
function writeAlone(html: string): string {
  const dir = tempDir('single-');
  const file = path.join(dir, `${deck.name}.single.html`);
  writeFileSync(file, html);
  expect(readdirSync(dir)).toEqual([path.basename(file)]);
  return pathToFileURL(file).href;
}

interface Watched {
  /** Requests for anything but the file itself, data: and about:blank; each was blocked. */
  blocked: string[];
  /** Console errors and warnings (CSP violations among them), page errors, failed requests. */
  problems: string[];
}

/** Blocks and records every request of `page` (and its frames) for anything but `fileUrl` itself. */
async function watch(page: Page, fileUrl: string): Promise<Watched> {
  const watched: Watched = { blocked: [], problems: [] };
  await page.setRequestInterception(true);
  page.on('request', (request) => {
    const url = request.url();
    if (url.replace(/[?#].*$/s, '') === fileUrl || url.startsWith('data:') || url === 'about:blank') {
      void request.continue();
    } else {
      watched.blocked.push(url);
      void request.abort('blockedbyclient');
    }
  });
  page.on('console', (message) => {
    if (message.type() === 'error' || message.type() === 'warn') watched.problems.push(message.text());
  });
  page.on('pageerror', (error) => watched.problems.push(String(error)));
  page.on('requestfailed', (request) => {
    if (!watched.blocked.includes(request.url())) watched.problems.push(`failed: ${request.url()}`);
  });
  return watched;
}

async function open(page: Page, fileUrl: string): Promise<Watched> {
  const watched = await watch(page, fileUrl);
  await page.evaluateOnNewDocument(() => {
    document.addEventListener('securitypolicyviolation', (event) =>
      console.error(`CSP violation: ${event.violatedDirective} ${event.blockedURI}`),
    );
  });
  await page.goto(fileUrl, { waitUntil: 'load' });
  await page
    .waitForFunction(() => (window as unknown as RevealWindow).Reveal?.isReady(), { timeout: 10_000 })
    .catch((error: unknown) => {
      throw new Error(`reveal.js did not start: ${JSON.stringify(watched)}`, { cause: error });
    });
  await page.evaluate(() => document.fonts.ready.then(() => undefined));
  return watched;
}

describe('the single-file deck of the sample', () => {
  it('works alone from file://: nothing else requested, no error, every slide, the deck’s font', async () => {
    const url = writeAlone(single);
    await session.withPage(async (page) => {
      const watched = await open(page, url);
      const state = await page.evaluate(() => ({
        slides: (window as unknown as Required<RevealWindow>).Reveal.getTotalSlides(),
        fontReady: document.fonts.check('16px "Source Sans 3"'),
        loaded: [...document.fonts]
          .filter((face) => face.status === 'loaded')
          .map((face) => face.family.replace(/"/g, '')),
      }));
      expect(watched.blocked).toEqual([]);
      expect(watched.problems).toEqual([]);
      expect(state.slides).toBe(deck.slideCount);
      expect(state.fontReady).toBe(true);
      expect(state.loaded).toContain('Source Sans 3');
    });
  });

  it('opens the presenter view with the current slide and the notes', async () => {
    const url = writeAlone(single);
    await session.withPage(async (page) => {
      const watched = await open(page, url);
      const popup = new Promise<Page | null>((resolve) => page.once('popup', resolve));
      await page.keyboard.press('s');
      const view = await popup;
      expect(view).not.toBeNull();
      const speaker = view as Page;
      const speakerWatched = await watch(speaker, url);
      await speaker.waitForSelector('#current-slide iframe', { timeout: 15_000 });
      await speaker.waitForFunction(
        () => (document.querySelector('.speaker-controls-notes .value')?.textContent ?? '').length > 20,
        { timeout: 15_000 },
      );
      // The current slide's frame is this same file, started as reveal's receiver.
      const frame = speaker.frames().find((f) => f.url().startsWith(`${url}?receiver`));
      expect(frame).toBeDefined();
      await frame?.waitForFunction(() => (window as unknown as RevealWindow).Reveal?.isReady(), {
        timeout: 15_000,
      });
      expect(await frame?.evaluate(() => document.querySelectorAll('section.bd-slide').length)).toBe(
        deck.slideCount,
      );
      const notes = await speaker.$eval('.speaker-controls-notes .value', (element) => element.textContent);
      expect(notes?.length).toBeGreaterThan(20);
      expect(watched.blocked).toEqual([]);
      expect(watched.problems).toEqual([]);
      expect(speakerWatched.blocked).toEqual([]);
      expect(speakerWatched.problems).toEqual([]);
      await speaker.close();
    });
  });

  it('keeps the slides as rendered and inlines every stylesheet and script', () => {
    const slides = (html: string) =>
      html.slice(html.indexOf('<body'), html.indexOf('<script type="application/json"'));
    expect(slides(single)).toBe(slides(deck.html));
    expect(single).not.toMatch(/<link\b/i);
    expect(single).not.toMatch(/(href|src)="briefdeck-assets\//);
    const styles = [...single.matchAll(/<style>([\s\S]*?)<\/style>/g)].map((match) => match[1]).join('\n');
    expect(styles).toContain('.bd-frame');
    expect(styles).not.toMatch(/@import|url\((?!data:)/);
  });
});

describe('the single-file deck with a theme CSS file', () => {
  const rules = ':root { --bd-heading: rgb(122, 31, 92); } .bd-slide-title h1 { letter-spacing: 0.031em; }';
  // A theme is checked when the briefing is read, but text like this passes: it must stay CSS.
  const theme = `${rules}\n.bd-foot-title::after { content: "</style><b id=injected>x</b>"; }`;

  it('inlines the theme; its policy allows scripts only by hash: every inline script, the speaker view’s', async () => {
    const dir = tempDir('theme-');
    mkdirSync(path.join(dir, 'brand'));
    copyFileSync(path.join(ROOT, 'brand', 'logo.svg'), path.join(dir, 'brand', 'logo.svg'));
    writeFileSync(path.join(dir, 'house.css'), theme);
    const yaml = readFileSync(path.join(ROOT, 'briefing.yaml'), 'utf8');
    expect(yaml).toContain('  theme: light\n');
    writeFileSync(path.join(dir, 'briefing.yaml'), yaml.replace('  theme: light\n', '  theme: house.css\n'));
    const themed = await prepareDeck({ file: 'briefing.yaml', cwd: dir, outDir: tempDir() });
    expect(themed.html).toContain('href="briefing.theme.css"');
    const css = 'css' in themed.briefing.deck.theme ? themed.briefing.deck.theme.css.bytes : undefined;
    expect(css).toBeDefined();
    const html = await renderSingleFile({ html: themed.html, name: themed.name, userThemeCss: css });
    expect(html).toContain(rules);
    expect(html).not.toContain('theme-light.css');

    const policy = decodeAttribute(
      /<meta http-equiv="Content-Security-Policy" content="([^"]*)">/.exec(html)?.[1] ?? '',
    );
    const directives = new Map(
      policy.split(';').map((d) => {
        const [name = '', ...values] = d.trim().split(/\s+/);
        return [name, values];
      }),
    );
    expect(directives.get('default-src')).toEqual(["'none'"]);
    expect(directives.get('connect-src')).toEqual(["'none'"]);
    expect(directives.get('font-src')).toEqual(['data:']);
    expect(directives.get('img-src')).toEqual(['data:']);
    const scriptSrc = directives.get('script-src') ?? [];
    expect(scriptSrc.every((value) => value.startsWith("'sha256-"))).toBe(true);
    expect(scriptSrc).toEqual(expect.arrayContaining(speakerViewScriptHashes()));
    // In a file:// page 'self' means any local file; only the presenter view's frames of this file need it.
    for (const [name, values] of directives)
      if (name !== 'frame-src') expect(values, name).not.toContain("'self'");
    expect(directives.get('frame-src')).toEqual(["'self'"]);

    const url = writeAlone(html);
    await session.withPage(async (page) => {
      const watched = await open(page, url);
      const state = await page.evaluate(() => ({
        heading: getComputedStyle(document.querySelector('.bd-head h2') as Element).color,
        spacing: getComputedStyle(document.querySelector('.bd-slide-title h1') as Element).letterSpacing,
        scripts: [...document.scripts].map((script) => ({ type: script.type, text: script.text })),
        injected: document.getElementById('injected') !== null,
        after: getComputedStyle(document.querySelector('.bd-foot-title') as Element, '::after').content,
      }));
      expect(watched.blocked).toEqual([]);
      expect(watched.problems).toEqual([]);
      expect(state.heading).toBe('rgb(122, 31, 92)');
      expect(state.spacing).not.toBe('normal');
      expect(state.injected).toBe(false);
      expect(state.after).toBe('"</style><b id=injected>x</b>"');
      // Every script the browser would run (all but the JSON settings block) is allowed by its hash.
      const code = state.scripts.filter((script) => script.type === '');
      expect(code).toHaveLength(3);
      for (const script of code) {
        expect(scriptSrc).toContain(`'sha256-${createHash('sha256').update(script.text).digest('base64')}'`);
      }
      expect(state.scripts.filter((script) => script.type !== '').map((script) => script.type)).toEqual([
        'application/json',
      ]);
    });
  });
});

describe('the stylesheets inlined', () => {
  it('drop comments without running the tokens on either side together', async () => {
    const theme = checkThemeCss(
      '.a{margin:1/* x */%}.b{background:url/* x */(x)}.c{left:./**/5em}.d{font:bold/**/serif}.e{unicode-range:U/**/+0041}',
    );
    const css = 'css' in theme ? theme.css : '';
    const fonts = { codePoints: new Set<number>(), keepAll: true };
    // `1%`, `url(x)` and `.5em` would be other tokens; `U+0041` and `bold serif` read as they did.
    expect(await inlineCss({ css }, shippedAssets(), fonts, new Set())).toBe(
      '.a{margin:1/**/%}.b{background:url/**/(x)}.c{left:./**/5em}.d{font:bold serif}.e{unicode-range:U+0041}',
    );
  });
});

describe('font subsets', () => {
  it('reads unicode-range as CSS does: single code points, ranges, wildcards', () => {
    expect(parseUnicodeRange('U+0000-00FF, U+0131,u+4??, U+1F00-1FFF')).toEqual([
      [0, 0xff],
      [0x131, 0x131],
      [0x400, 0x4ff],
      [0x1f00, 0x1fff],
    ]);
    expect(parseUnicodeRange('U+??????')).toEqual([[0, 0x10ffff]]);
    expect(parseUnicodeRange('U+10FFFF-110000')).toEqual([[0x10ffff, 0x10ffff]]);
    // An invalid descriptor is ignored by the browser (the face covers everything): undefined.
    expect(parseUnicodeRange('U+4?-4FF')).toBeUndefined();
    expect(parseUnicodeRange('U+?4')).toBeUndefined();
    expect(parseUnicodeRange('U+00FF-0000')).toBeUndefined();
    expect(parseUnicodeRange('0000-00FF')).toBeUndefined();
  });

  it('drops the subsets the English sample does not use (Cyrillic, Greek, Vietnamese)', () => {
    const ranges = fontRanges(single);
    expect(ranges.length).toBeGreaterThanOrEqual(5); // Latin, in each of the five weights and styles
    for (const [name, point] of [
      ['Cyrillic', 0x0414],
      ['Cyrillic extended', 0x0460],
      ['Greek', 0x03b1],
      ['Greek extended', 0x1f00],
      ['Vietnamese', 0x1ea0],
    ] as const) {
      expect(
        ranges.filter((range) => covers(range, point)),
        name,
      ).toEqual([]);
    }
    expect(ranges.filter((range) => covers(range, 0x41))).toHaveLength(5);
  });

  it('decodes character references to see the text; one it cannot decode keeps every subset', async () => {
    const greek = await renderSingleFile({
      html: deck.html.replace('</h1>', ' &#x3b1;</h1>'),
      name: deck.name,
    });
    expect(fontRanges(greek).filter((range) => covers(range, 0x03b1))).toHaveLength(5);
    expect(fontRanges(greek).filter((range) => covers(range, 0x0414))).toEqual([]);
    const unknown = await renderSingleFile({
      html: deck.html.replace('</h1>', ' &alpha;</h1>'),
      name: deck.name,
    });
    // All of them: Source Sans 3's 7 subsets in 5 weights and styles, and the Arabic faces in 3 weights
    // (issue 17) and as the italic face.
    expect(fontRanges(unknown)).toHaveLength(7 * 5 + 4);
  });

  it('keeps every glyph the text needs: Chromium draws each character with the same fonts as the full deck', async () => {
    const { full, alone } = await drawnWith(deck.html);
    expect(alone).toEqual(full);
    for (const fonts of alone)
      expect(fonts.some((font) => /^SourceSans3\S* \(web font\)/.test(font))).toBe(true);
  });

  it('takes the subsets of each script the text has, and draws it as the full deck does', async () => {
    const words = 'Łódź, Ђорђе, Ελλάδα, ἀρχή, Tiếng Việt';
    const html = deck.html.replace('</h1>', ` — ${words}</h1>`);
    const ranges = fontRanges(await renderSingleFile({ html, name: deck.name }));
    // Latin Extended (Ł), Cyrillic (Ђ), Greek (Ε), Greek Extended (ἀ), Vietnamese (ế): each in five faces.
    for (const point of [0x0141, 0x0402, 0x0395, 0x1f00, 0x1ebf])
      expect(
        ranges.filter((range) => covers(range, point)),
        point.toString(16),
      ).toHaveLength(5);
    expect(ranges.filter((range) => covers(range, 0x0460))).toEqual([]); // Cyrillic Extended: not used
    const { full, alone } = await drawnWith(html);
    expect(alone).toEqual(full);
    const { alone: added } = await drawnWith(html, words);
    for (const fonts of added) expect(fonts).toEqual([expect.stringMatching(/^SourceSans3\S* \(web font\)/)]);
  });
});

/**
 * The fonts Chromium draws `text` (every character of the slides and notes by default) with, in the
 * deck `html` written beside its assets (`full`) and as a single file alone (`alone`).
 */
async function drawnWith(html: string, text?: string): Promise<{ full: string[][]; alone: string[][] }> {
  const outDir = tempDir();
  const htmlFile = path.join(outDir, `${deck.name}.html`);
  await writeDeck({ ...deck, outDir, htmlFile, html });
  const full = await probeFonts(async (page) => {
    await page.goto(pathToFileURL(htmlFile).href, { waitUntil: 'load' });
    await page.waitForFunction(() => (window as unknown as RevealWindow).Reveal?.isReady());
  }, text);
  const file = await renderSingleFile({ html, name: deck.name });
  const alone = await probeFonts(async (page) => {
    await open(page, writeAlone(file));
  }, text);
  return { full, alone };
}

function decodeAttribute(value: string): string {
  return value
    .replace(/&quot;/g, '"')
    .replace(/&#x27;/g, "'")
    .replace(/&amp;/g, '&');
}

/** The unicode-range of every @font-face rule in the page. */
function fontRanges(html: string): [number, number][][] {
  return [...html.matchAll(/@font-face\s*\{[^}]*\}/g)].map((rule) => {
    const range = /unicode-range:\s*([^;}]*)/.exec(rule[0])?.[1];
    return range === undefined ? [[0, 0x10ffff]] : (parseUnicodeRange(range) ?? [[0, 0x10ffff]]);
  });
}

function covers(ranges: [number, number][], point: number): boolean {
  return ranges.some(([first, last]) => point >= first && point <= last);
}

const FACES = [
  ['400', 'normal'],
  ['400', 'italic'],
  ['600', 'normal'],
  ['600', 'italic'],
  ['700', 'normal'],
];

/**
 * For each weight and style of the deck's font, the fonts Chromium draws
 * `text` with (by default every character of the slides and notes), as
 * "PostScriptName (web font): N glyphs" or "… (system): …" (the PostScript
 * name tells the weight and style apart, which the family name does not).
 */
async function probeFonts(load: (page: Page) => Promise<void>, text?: string): Promise<string[][]> {
  return session.withPage(async (page) => {
    await load(page);
    await page.evaluate(
      async (given, faces) => {
        const characters =
          given ?? [...new Set(document.querySelector('.slides')?.textContent ?? '')].join('');
        for (const [weight = '400', style = 'normal'] of faces) {
          const probe = document.createElement('div');
          probe.className = 'bd-probe';
          probe.textContent = characters;
          Object.assign(probe.style, {
            position: 'fixed',
            inset: '0',
            zIndex: '100',
            fontFamily: '"Source Sans 3"',
            fontWeight: weight,
            fontStyle: style,
            fontSize: '16px',
            whiteSpace: 'pre-wrap',
          });
          document.body.append(probe);
          await document.fonts.load(`${style} ${weight} 16px "Source Sans 3"`, characters);
        }
        await document.fonts.ready;
      },
      text,
      FACES,
    );
    const cdp = await page.createCDPSession();
    await cdp.send('DOM.enable');
    await cdp.send('CSS.enable');
    const { root } = await cdp.send('DOM.getDocument');
    const { nodeIds } = await cdp.send('DOM.querySelectorAll', {
      nodeId: root.nodeId,
      selector: '.bd-probe',
    });
    const used: string[][] = [];
    for (const nodeId of nodeIds) {
      const { fonts } = await cdp.send('CSS.getPlatformFontsForNode', { nodeId });
      used.push(
        fonts
          .map(
            (font) =>
              `${font.postScriptName} (${font.isCustomFont ? 'web font' : 'system'}): ${font.glyphCount} glyphs`,
          )
          .sort(),
      );
    }
    await cdp.detach();
    return used;
  });
}

describe('a theme at the size limit', () => {
  it('is inlined in linear time, however many comments it has', async () => {
    // 2 MiB of `a/**/`: each comment between two words leaves a space, which was found by reading the
    // whole output so far (339 s at this size before).
    const dir = tempDir('big-theme-');
    writeFileSync(path.join(dir, 'big.css'), 'a/**/'.repeat(Math.floor((2 * 1024 * 1024) / 5)));
    const yaml = readFileSync(path.join(ROOT, 'tests', 'fixtures', 'minimal.yaml'), 'utf8');
    writeFileSync(path.join(dir, 'briefing.yaml'), `${yaml}deck:\n  theme: big.css\n`);
    const themed = await prepareDeck({ file: 'briefing.yaml', cwd: dir, outDir: tempDir() });
    const css = 'css' in themed.briefing.deck.theme ? themed.briefing.deck.theme.css.bytes : undefined;
    const before = process.cpuUsage();
    const html = await renderSingleFile({ html: themed.html, name: themed.name, userThemeCss: css });
    const { user, system } = process.cpuUsage(before);
    expect(html).toContain('a a a a');
    expect((user + system) / 1000).toBeLessThan(5_000);
  });
});
