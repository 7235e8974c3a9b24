#!/usr/bin/env node
'use strict';
// The command-line tool is one CommonJS bundle (lib/bundle/), run with the code V8 compiled for it in
// earlier runs (kept in lib/bundle/.cache/): see src/bundleLoader.cts. This file and the loader are
// CommonJS too: starting Node's ES module loader would slow every start (see README, Speed).
const path = require('node:path');
const { loadBundle } = require('../lib/bundleLoader.cjs');

const bundle = path.join(__dirname, '..', 'lib', 'bundle');
const cli = loadBundle(path.join(bundle, 'briefdeck.cjs'), path.join(bundle, '.cache'));
const args = process.argv.slice(2);
cli.exports.main(args).then((code) => {
  process.exitCode = code;
  // A cache holds the code of the functions that ran, and is written once: let only a command that
  // built a briefing write it, not --version or a briefing with a mistake.
  if (code === 0 && cli.exports.buildsBriefing(args)) cli.saveCache();
});
