#!/usr/bin/env node
'use strict';
// The command-line tool is one CommonJS bundle (lib/bundle/), run with the code V8 compiled for it in
// earlier runs (kept in lib/bundle/.cache/): see src/bundleLoader.cts. This file and the loader are
// CommonJS too, because starting Node's ES module loader costs a cold start 5 ms.
const path = require('node:path');
const { loadBundle } = require('../lib/bundleLoader.cjs');

const bundle = path.join(__dirname, '..', 'lib', 'bundle');
const cli = loadBundle(path.join(bundle, 'briefdeck.cjs'), path.join(bundle, '.cache'));
cli.exports.main(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
  cli.saveCache();
});
