/**
 * The review tool works: `npm run screenshots` saves every slide as a PNG.
 */
import { execFile } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { expect, it } from 'vitest';
import { ROOT, tempDir } from './_helpers.js';

it('saves one PNG per slide of a briefing, in the theme and aspect asked for', async () => {
  const out = tempDir();
  await promisify(execFile)(
    process.execPath,
    [
      path.join(ROOT, 'scripts', 'screenshots.mjs'),
      'tests/fixtures/minimal.yaml',
      '--theme',
      'dark',
      '--aspect',
      '4:3',
      '--out',
      out,
    ],
    { cwd: ROOT },
  );
  const dir = path.join(out, 'minimal-dark-4x3');
  const shots = readdirSync(dir).filter((name) => name.endsWith('.png'));
  const slides = readFileSync(path.join(dir, 'deck', 'minimal.html'), 'utf8').match(/<section id=/g)?.length;
  expect(shots).toHaveLength(slides as number);
  const png = readFileSync(path.join(dir, shots[0] as string));
  expect(png.subarray(1, 4).toString()).toBe('PNG');
  // 1024 × 768: the width and height in the PNG header.
  expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([1024, 768]);
});
