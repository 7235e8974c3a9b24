#!/usr/bin/env node
import module from 'node:module';

// On Node 22.1 and later, V8's compiled code for the bundle is kept on disk between runs, so a cold
// start skips most of the parsing (Node 20 has no such cache and just goes on).
module.enableCompileCache?.();
const { main } = await import('../lib/bundle/briefdeck.js');
process.exitCode = await main(process.argv.slice(2));
