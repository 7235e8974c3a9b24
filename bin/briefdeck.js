#!/usr/bin/env node
import module from 'node:module';

// On Node 22.1 and later, V8's compiled code for the bundle is kept between runs (beside the bundle,
// not in the temporary folder), so a cold start skips most of the parsing. Where that folder cannot be
// written, or on Node 20, nothing changes.
module.enableCompileCache?.(new URL('../lib/bundle/.compile-cache/', import.meta.url).pathname);
const { main } = await import('../lib/bundle/briefdeck.js');
process.exitCode = await main(process.argv.slice(2));
