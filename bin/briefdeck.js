#!/usr/bin/env node
import { fileURLToPath } from 'node:url';
import { loadBundle } from '../lib/bundleLoader.js';

// The command-line tool is one CommonJS bundle (lib/bundle/), run with the code V8 compiled for it
// in earlier runs (kept in lib/bundle/.cache/): see src/bundleLoader.ts.
const bundle = (name) => fileURLToPath(new URL(`../lib/bundle/${name}`, import.meta.url));
const cli = loadBundle(bundle('briefdeck.cjs'), bundle('.cache'));
process.exitCode = await cli.exports.main(process.argv.slice(2));
cli.saveCache();
