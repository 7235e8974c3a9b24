// The command-line tool is shipped as one bundle (lib/bundle/): Node loads one file instead of a few
// hundred, which is a fifth of the time of a build without a PDF. The library API (lib/index.js)
// stays as tsc emits it.
import { defineConfig } from 'rolldown';

export default defineConfig({
  input: { briefdeck: 'lib/cli.js' },
  platform: 'node',
  // Loaded by Puppeteer only for Firefox (WebDriver BiDi), which briefdeck does not use.
  external: ['chromium-bidi', /^chromium-bidi\//],
  output: { dir: 'lib/bundle', format: 'esm', sourcemap: false, cleanDir: true },
  logLevel: 'warn',
});
