// The command-line tool is shipped as one bundle (lib/bundle/): Node loads a few files instead of a
// few hundred, and bin/briefdeck.cjs runs them with V8's code cache (src/bundleLoader.cts), which needs
// CommonJS. The library API (lib/index.js) stays as tsc emits it.
import { defineConfig } from 'rolldown';

export default defineConfig({
  input: { briefdeck: 'lib/cli/index.js' },
  platform: 'node',
  // Loaded by Puppeteer only for Firefox (WebDriver BiDi), which briefdeck does not use.
  external: ['chromium-bidi', /^chromium-bidi\//],
  output: {
    dir: 'lib/bundle',
    format: 'cjs',
    entryFileNames: '[name].cjs',
    chunkFileNames: '[name]-[hash].cjs',
    sourcemap: false,
    cleanDir: true,
  },
  logLevel: 'warn',
});
