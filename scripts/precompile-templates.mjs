#!/usr/bin/env node
// npm run build: precompiles the built-in Handlebars templates into lib/templates.json, so a cold
// build does not spend its time compiling them (src/outputs/deck.ts uses an entry only while the
// template's text still has the hash recorded here).
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Handlebars from 'handlebars';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const templates = path.join(root, 'templates');
const files = [
  'layout.hbs',
  'handout.hbs',
  ...readdirSync(path.join(templates, 'partials'))
    .filter((name) => name.endsWith('.hbs'))
    .sort()
    .map((name) => `partials/${name}`),
];
const out = { handlebars: Handlebars.VERSION, templates: {} };
for (const file of files) {
  const source = readFileSync(path.join(templates, file), 'utf8');
  out.templates[file] = {
    sha256: createHash('sha256').update(source).digest('hex'),
    spec: Handlebars.precompile(source, { strict: false }),
  };
}
mkdirSync(path.join(root, 'lib'), { recursive: true });
writeFileSync(path.join(root, 'lib', 'templates.json'), `${JSON.stringify(out)}\n`);
