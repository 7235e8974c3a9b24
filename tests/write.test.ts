/** Copying a deck's assets: all of them into a new folder, only the changed ones into an old one. */

import { pbkdf2 } from 'node:crypto';
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { RenderError } from '../src/errors.js';
import { ASSETS_DIR, assetFiles } from '../src/outputs/assets.js';
import { copyAssets, removeTempFiles, writeTemp } from '../src/outputs/write.js';
import { tempDir } from './_helpers.js';

function filesIn(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => path.relative(dir, path.join(entry.parentPath, entry.name)).split(path.sep).join('/'))
    .sort();
}

describe('copyAssets', () => {
  const files = assetFiles();

  it('copies every asset into a new folder, byte for byte, and leaves nothing else', async () => {
    const dir = path.join(tempDir(), 'out', ASSETS_DIR);
    expect(await copyAssets(files, dir)).toBe(files.length);
    expect(filesIn(dir)).toEqual(files.map((file) => file.to).sort());
    for (const file of files) {
      expect(readFileSync(path.join(dir, file.to)).equals(readFileSync(file.from))).toBe(true);
    }
  });

  it('copies into an existing folder only what is missing or differs', async () => {
    const dir = path.join(tempDir(), ASSETS_DIR);
    await copyAssets(files, dir);
    expect(await copyAssets(files, dir)).toBe(0);
    const [damaged, removed] = [files[0], files[1]].map((file) => path.join(dir, file?.to as string));
    writeFileSync(damaged as string, 'half');
    const kept = statSync(path.join(dir, files[2]?.to as string)).mtimeMs;
    writeFileSync(removed as string, '');
    expect(await copyAssets(files, dir)).toBe(2);
    expect(filesIn(dir)).toEqual(files.map((file) => file.to).sort());
    expect(statSync(path.join(dir, files[2]?.to as string)).mtimeMs).toBe(kept);
  });

  it.each([
    ['a new folder', false],
    ['an existing folder', true],
  ])('names briefdeck’s own missing file, into %s', async (_, existing) => {
    const dir = path.join(tempDir(), ASSETS_DIR);
    if (existing) await copyAssets(files, dir);
    const missing = path.join(tempDir(), 'not-there.css');
    const broken = [...files, { from: missing, to: 'extra.css' }];
    const error = await copyAssets(broken, dir).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(RenderError);
    expect((error as RenderError).message).toContain(`briefdeck's own file ${missing} is missing (ENOENT)`);
    expect(filesIn(dir).filter((name) => name.endsWith('.tmp'))).toEqual([]);
  });
});

describe('removeTempFiles (a second Ctrl-C)', () => {
  it('removes a temporary file whose write was still being started when it was called', async () => {
    const dir = tempDir();
    // libuv's pool kept busy (as a build's other file work may keep it), so the writes' open() calls wait in
    // its queue when the removal begins, and only make their files after it has looked for them.
    const busy = Array.from({ length: 8 }, () => promisify(pbkdf2)('x', 'y', 100_000, 32, 'sha256'));
    const drafts = Array.from({ length: 8 }, (_, index) =>
      writeTemp(path.join(dir, `.draft-${index}.html`), 'x'),
    );
    await removeTempFiles();
    await Promise.allSettled([...drafts, ...busy]);
    expect(readdirSync(dir)).toEqual([]);
  });
});
