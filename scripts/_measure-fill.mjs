#!/usr/bin/env node
// node scripts/_measure-fill.mjs [FILE...] [--aspect 16:9|4:3]... [--json]
// Builds each briefing (default: the sample, tests/fixtures/minimal.yaml and tests/fixtures/long.yaml)
// in each aspect (default both) and measures in Chromium, in the print view, how much of each slide's
// body its content uses: from the top of the body's content box to the bottom of the lowest thing
// drawn (text, a card's box, an image, a shape of an SVG as drawn), as a share of the body's height.
// The title slide is listed but left out of the mean and minimum (its block is centred by design).
// Run `npm run build` first: it uses lib/.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { BrowserSession } from '../lib/browser/session.js';
import { buildBriefing } from '../lib/build.js';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { aspect: { type: 'string', multiple: true }, json: { type: 'boolean', default: false } },
});
const files = positionals.length
  ? positionals
  : ['briefing.yaml', 'tests/fixtures/minimal.yaml', 'tests/fixtures/long.yaml'];
const aspects = values.aspect ?? ['16:9', '4:3'];

/** Runs in the page: each slide's kind, label and fill. */
function measureFill() {
  const drawn = (element) => {
    if (element instanceof SVGSVGElement) return false;
    if (element instanceof SVGGraphicsElement) return true;
    if (element.tagName === 'IMG') return true;
    if ([...element.childNodes].some((node) => node.nodeType === Node.TEXT_NODE && node.textContent?.trim()))
      return true;
    const style = getComputedStyle(element);
    const painted = (colour) => colour !== 'rgba(0, 0, 0, 0)' && colour !== 'transparent';
    return painted(style.backgroundColor) || Number.parseFloat(style.borderBottomWidth) > 0;
  };
  return [...document.querySelectorAll('section.bd-slide')].map((slide) => {
    const body = slide.querySelector('.bd-body');
    const box = body.getBoundingClientRect();
    const style = getComputedStyle(body);
    const top = box.top + Number.parseFloat(style.paddingTop);
    const height = box.bottom - Number.parseFloat(style.paddingBottom) - top;
    let bottom = top;
    for (const element of body.querySelectorAll('*')) {
      if (element.closest('.bd-sr-only') || !drawn(element)) continue;
      const rect = element.getBoundingClientRect();
      if (rect.width === 0 && rect.height === 0) continue;
      bottom = Math.max(bottom, rect.bottom);
    }
    const kind = [...slide.classList].find((c) => c.startsWith('bd-slide-'))?.slice('bd-slide-'.length);
    const part = slide.querySelector('.bd-part')?.textContent ?? '';
    return { kind, part, fill: (bottom - top) / height };
  });
}

const session = new BrowserSession({ env: process.env, timeoutMs: 60_000 });
const scratch = mkdtempSync(path.join(os.tmpdir(), 'briefdeck-fill-'));
const results = [];
try {
  for (const file of files) {
    for (const aspect of aspects) {
      const outDir = path.join(scratch, `${path.basename(file, '.yaml')}-${aspect.replace(':', 'x')}`);
      const result = await buildBriefing({
        file,
        outDir,
        cwd: process.cwd(),
        pdf: false,
        strict: false,
        timeoutMs: 60_000,
        deck: { aspect },
        onWarning: (message) => console.warn(`warning ${message}`),
      });
      const { width, height } = result.model;
      const slides = await session.withPage(async (page) => {
        await page.setViewport({ width, height });
        await page.goto(`${pathToFileURL(result.html).href}?print-pdf`, { waitUntil: 'load' });
        await page.waitForFunction(() => document.documentElement.dataset.pdfReady === 'true');
        return page.evaluate(measureFill);
      });
      const body = slides.filter((slide) => slide.kind !== 'title').map((slide) => slide.fill);
      results.push({
        file,
        aspect,
        slides: slides.length,
        mean: body.reduce((sum, fill) => sum + fill, 0) / body.length,
        min: Math.min(...body),
        perSlide: slides,
      });
    }
  }
} finally {
  await session.close();
  rmSync(scratch, { recursive: true, force: true });
}

const pct = (fill) => `${Math.round(fill * 100)}%`;
if (values.json) console.log(JSON.stringify(results, null, 2));
else {
  for (const r of results) {
    console.log(`\n${r.file} ${r.aspect}: ${r.slides} slides, mean ${pct(r.mean)}, min ${pct(r.min)}`);
    for (const slide of r.perSlide)
      console.log(`  ${`${slide.kind} ${slide.part}`.padEnd(28)} ${pct(slide.fill).padStart(5)}`);
  }
}
