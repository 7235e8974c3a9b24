#!/usr/bin/env node
// npm run build: packs world-atlas's country outlines (1:50m and 1:110m) into lib/world-*.bin for the
// locator map (src/slides/visuals/_mapWorldFile.ts), so that a build with a map reads one file instead
// of parsing and converting TopoJSON on every start.
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const { worldFromTopology } = await import(path.join(root, 'lib/slides/visuals/_mapTopology.js'));
const { encodeWorld } = await import(path.join(root, 'lib/slides/visuals/_mapWorldFile.js'));

for (const resolution of ['50m', '110m']) {
  const topology = JSON.parse(
    readFileSync(require.resolve(`world-atlas/countries-${resolution}.json`), 'utf8'),
  );
  const { scale, translate } = topology.transform;
  const bytes = encodeWorld(worldFromTopology(topology), [scale[0], scale[1], translate[0], translate[1]]);
  writeFileSync(path.join(root, 'lib', `world-${resolution}.bin`), bytes);
}
