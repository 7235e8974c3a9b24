/**
 * The YAML is untrusted: a briefing full of payloads must build, run no
 * script when the deck is opened, make no network request and leak no
 * local file into the deck or the PDF.
 */
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserSession } from '../src/browser/session.js';
import { build, newSession, readPdf } from './_helpers.js';

let session: BrowserSession;
let result: Awaited<ReturnType<typeof build>>;
beforeAll(async () => {
  session = newSession();
  result = await build('tests/fixtures/hostile.yaml', { session });
});
afterAll(async () => {
  await session.close();
});

const hostname = readFileSync('/etc/hostname', 'utf8').trim();

describe('a briefing full of payloads', () => {
  it("builds, and the page holds no script but briefdeck's own", () => {
    const html = readFileSync(result.html, 'utf8');
    const scripts = html.match(/<script[^>]*>/g);
    expect(scripts).toEqual([
      '<script type="application/json" id="bd-config">',
      '<script src="briefdeck-assets/briefdeck.js">',
    ]);
    expect(html).not.toMatch(
      /<(iframe|object|img src=x|svg onload|form|base|meta http-equiv="refresh"|link rel="stylesheet" href="https)/i,
    );
    expect(html).not.toMatch(/<[^>]*\son[a-z]+=/i);
    expect(html).not.toMatch(/href="(javascript|vbscript|data|file):/i);
  });

  it('runs no script, opens no dialog and requests nothing outside the deck when presented', async () => {
    const requests: string[] = [];
    const dialogs: string[] = [];
    const pwned = await session.withPage(async (page) => {
      page.on('request', (request) => requests.push(request.url()));
      page.on('dialog', (dialog) => {
        dialogs.push(dialog.message());
        void dialog.dismiss();
      });
      await page.goto(pathToFileURL(result.html).href, { waitUntil: 'load' });
      await page.waitForFunction(() =>
        (window as unknown as { Reveal?: { isReady(): boolean } }).Reveal?.isReady(),
      );
      // Visit every slide and hover and click every element, so any handler that slipped through would fire.
      return page.evaluate(async () => {
        const reveal = (window as unknown as { Reveal: { getTotalSlides(): number; slide(h: number): void } })
          .Reveal;
        for (let i = 0; i < reveal.getTotalSlides(); i++) {
          reveal.slide(i);
          await new Promise((resolve) => requestAnimationFrame(resolve));
        }
        for (const element of document.querySelectorAll('.slides *:not(a)')) {
          for (const type of ['mouseover', 'click', 'focus'])
            element.dispatchEvent(new MouseEvent(type, { bubbles: true }));
        }
        return (window as unknown as { __pwned?: unknown }).__pwned ?? null;
      });
    });
    expect(pwned).toBeNull();
    expect(dialogs).toEqual([]);
    const outside = requests.filter(
      (url) => !url.startsWith(pathToFileURL(result.outDir).href) && !url.startsWith('data:'),
    );
    expect(outside).toEqual([]);
  });

  it('leaks no local file into the deck or the PDF, and the PDF printed with no blocked request', async () => {
    expect(result.warnings).toEqual([]);
    const html = readFileSync(result.html, 'utf8');
    expect(html).not.toContain('root:x:0:0');
    if (hostname.length > 3) expect(html.replace(/file:\/\/\/etc\/hostname/g, '')).not.toContain(hostname);
    const pdf = await readPdf(result.pdf as string);
    const text = pdf.pages.join('\n');
    expect(text).not.toContain('root:x:0:0');
    // The payloads are shown as text, which proves they reached the page and were escaped.
    expect(text.replace(/\s+/g, '')).toContain("<script>window.__pwned='actor'</script>");
  });
});
