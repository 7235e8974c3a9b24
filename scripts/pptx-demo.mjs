#!/usr/bin/env node
/**
 * Builds a briefing's PowerPoint deck from the compiled library (lib/), the
 * way `build --no-pdf --pptx` will once the output is wired into the build:
 *
 *   npm run build && node scripts/pptx-demo.mjs [FILE] [-o OUT.pptx] [--theme light|dark] [--aspect 16:9|4:3] [--font NAME] [--no-notes]
 *
 * Prints the time from start to the file written (loading lib/'s modules included: they are tsc's
 * output, not the CLI's bundle, which bin/briefdeck.cjs runs with V8's code cache, so a build from the
 * command line starts faster), and the time the PowerPoint stage itself took.
 */
import { performance } from 'node:perf_hooks';

const started = performance.now();
const { writeFile } = await import('node:fs/promises');
const path = await import('node:path');
const { parseArgs } = await import('node:util');
const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    out: { type: 'string', short: 'o' },
    theme: { type: 'string' },
    aspect: { type: 'string' },
    font: { type: 'string' },
    'no-notes': { type: 'boolean' },
  },
});
const file = positionals[0] ?? 'briefing.yaml';
const out = values.out ?? `${path.basename(file).replace(/\.ya?ml$/, '')}.pptx`;
const { loadBriefing } = await import('../lib/format/load.js');
const { validateBriefing } = await import('../lib/format/validate.js');
const { buildDeckModel } = await import('../lib/slides/index.js');
const { renderPptx } = await import('../lib/outputs/pptx/index.js');

let briefing = await validateBriefing(await loadBriefing(file, { cwd: process.cwd() }));
if (values.theme || values.aspect) {
  briefing = {
    ...briefing,
    deck: {
      ...briefing.deck,
      ...(values.theme ? { theme: { builtIn: values.theme } } : {}),
      ...(values.aspect ? { aspect: values.aspect } : {}),
    },
  };
}
const model = buildDeckModel(briefing);
const stage = performance.now();
const bytes = await renderPptx(model, { font: values.font, notes: !values['no-notes'] });
const rendered = performance.now();
await writeFile(out, bytes);
const ms = (from, to = performance.now()) => `${Math.round(to - from)} ms`;
const size = `${Math.round(bytes.length / 1024)} KB`;
console.log(
  `${out}: ${model.slides.length} slides, ${size} in ${ms(started)} (renderPptx ${ms(stage, rendered)})`,
);
