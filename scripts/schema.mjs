#!/usr/bin/env node
// Writes schema/briefing.schema.json, the JSON Schema of the briefing format, from the compiled
// definition (run after tsc: `npm run build` does). tests/schema.test.ts checks the file is current.
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const { briefingSchema } = await import('../lib/format/schema.js');
const file = fileURLToPath(new URL('../schema/briefing.schema.json', import.meta.url));
writeFileSync(file, `${JSON.stringify(briefingSchema(), null, 2)}\n`);
