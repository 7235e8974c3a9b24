/**
 * The loader of the command-line bundle: it runs CommonJS files with V8's code
 * cache, and a stale, broken or unwritable cache never changes what runs.
 * Each load is a fresh process, as a cold start is.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, tempDir } from './_helpers.js';

const LOADER = path.join(ROOT, 'lib', 'bundleLoader.cjs');

/** Loads `dir/entry.cjs` in a new Node process; returns what it answered and which files it compiled. */
function loadInChild(
  dir: string,
  cacheDir = path.join(dir, '.cache'),
): { answer: string; compiled: string[] } {
  const script = `
    import { loadBundle } from ${JSON.stringify(LOADER)};
    const bundle = loadBundle(${JSON.stringify(path.join(dir, 'entry.cjs'))}, ${JSON.stringify(cacheDir)});
    const answer = bundle.exports.answer();
    const compiled = bundle.compiled.map((file) => file.split(/[\\\\/]/).pop());
    bundle.saveCache();
    console.log(JSON.stringify({ answer, compiled }));
  `;
  return JSON.parse(
    execFileSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' }),
  );
}

function writeBundle(dir: string, word: string): void {
  mkdirSync(dir, { recursive: true });
  writeFileSync(
    path.join(dir, 'entry.cjs'),
    `const { word } = require('./dep.cjs');\nconst path = require('node:path');\nexports.answer = () => path.basename('/x/' + word());\n`,
  );
  writeFileSync(path.join(dir, 'dep.cjs'), `exports.word = () => '${word}';\n`);
}

describe('loadBundle', () => {
  it('runs the entry and the files it requires beside it, and uses the saved code on the next start', () => {
    const dir = tempDir();
    writeBundle(dir, 'alpha');
    expect(loadInChild(dir)).toEqual({ answer: 'alpha', compiled: ['entry.cjs', 'dep.cjs'] });
    // NAME.CONTENT.V8.v8: by the file's content and by V8's version.
    expect(readdirSync(path.join(dir, '.cache')).sort()).toEqual([
      expect.stringMatching(/^dep\.cjs\.[0-9a-f]{16}\.[0-9a-f]+\.v8$/),
      expect.stringMatching(/^entry\.cjs\.[0-9a-f]{16}\.[0-9a-f]+\.v8$/),
    ]);
    expect(loadInChild(dir)).toEqual({ answer: 'alpha', compiled: [] });
  });

  it('never runs stale code: a file changed to another of the same length is compiled again', () => {
    const dir = tempDir();
    writeBundle(dir, 'alpha');
    loadInChild(dir);
    const before = readdirSync(path.join(dir, '.cache')).filter((name) => name.startsWith('dep.'));
    writeBundle(dir, 'omega'); // Same length: V8 alone would take the old cache.
    expect(loadInChild(dir)).toEqual({ answer: 'omega', compiled: ['dep.cjs'] });
    expect(loadInChild(dir)).toEqual({ answer: 'omega', compiled: [] });
    // The old content's cache is gone, the new one is there.
    const after = readdirSync(path.join(dir, '.cache')).filter((name) => name.startsWith('dep.'));
    expect(after).toHaveLength(1);
    expect(after).not.toEqual(before);
  });

  it('compiles as usual when the cache is damaged, and repairs it', () => {
    const dir = tempDir();
    writeBundle(dir, 'alpha');
    loadInChild(dir);
    const cacheDir = path.join(dir, '.cache');
    // In the middle of the code, where V8 itself does not look.
    for (const name of readdirSync(cacheDir)) {
      const file = path.join(cacheDir, name);
      const bytes = readFileSync(file);
      const middle = Math.floor(bytes.length / 2);
      bytes.fill(7, middle, middle + 8);
      writeFileSync(file, bytes);
    }
    expect(loadInChild(dir)).toEqual({ answer: 'alpha', compiled: ['entry.cjs', 'dep.cjs'] });
    expect(loadInChild(dir)).toEqual({ answer: 'alpha', compiled: [] });
  });

  it('runs without a cache where none can be written', () => {
    const dir = tempDir();
    writeBundle(dir, 'alpha');
    const blocked = path.join(dir, 'a-file');
    writeFileSync(blocked, '');
    const cacheDir = path.join(blocked, 'cache');
    expect(loadInChild(dir, cacheDir)).toEqual({ answer: 'alpha', compiled: ['entry.cjs', 'dep.cjs'] });
    expect(loadInChild(dir, cacheDir)).toEqual({ answer: 'alpha', compiled: ['entry.cjs', 'dep.cjs'] });
  });
});
