#!/usr/bin/env node
// npm run screenshots -- [FILE] [--theme light|dark] [--aspect 16:9|4:3] [--out DIR]
// Builds FILE (default briefing.yaml) and saves every slide of the deck, as presented, to PNG:
// DIR/<name>-<theme>-<aspect>/slide-NN.png (DIR defaults to screenshots/). For reviewing how slides look.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { BrowserSession } from '../lib/browser/session.js';
import { buildBriefing } from '../lib/build.js';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    theme: { type: 'string' },
    aspect: { type: 'string' },
    out: { type: 'string', default: 'screenshots' },
  },
});
const file = positionals[0] ?? 'briefing.yaml';
const name = path.basename(file).replace(/\.ya?ml$/i, '');
const session = new BrowserSession({ env: process.env, timeoutMs: 60_000 });
try {
  const tag = `${name}-${values.theme ?? 'default'}-${(values.aspect ?? 'default').replace(':', 'x')}`;
  const dir = path.resolve(values.out, tag);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const result = await buildBriefing({
    file,
    outDir: path.join(dir, 'deck'),
    cwd: process.cwd(),
    pdf: true,
    strict: false,
    timeoutMs: 60_000,
    deck: { theme: values.theme, aspect: values.aspect },
    session,
    onWarning: (message) => console.warn(`warning ${message}`),
  });
  const { width, height } = result.model;
  await session.withPage(async (page) => {
    await page.setViewport({ width, height });
    await page.goto(pathToFileURL(result.html).href, { waitUntil: 'load' });
    await page.waitForFunction(() => window.Reveal?.isReady() && document.fonts.status === 'loaded');
    const total = await page.evaluate(() => window.Reveal.getTotalSlides());
    for (let i = 0; i < total; i++) {
      await page.evaluate((index) => window.Reveal.slide(index), i);
      await page.evaluate(
        () => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))),
      );
      // Puppeteer's protocol client has no file access: write the image ourselves.
      writeFileSync(path.join(dir, `slide-${String(i + 1).padStart(2, '0')}.png`), await page.screenshot());
    }
    console.log(
      `${total} slides → ${path.relative(process.cwd(), dir)}/ (PDF: ${path.relative(process.cwd(), result.pdf)})`,
    );
  });
} finally {
  await session.close();
}
