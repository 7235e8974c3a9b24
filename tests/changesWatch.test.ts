/**
 * `briefdeck watch --since`: the previous version is read once, when watch
 * starts, and every save is marked against it, even when the previous file
 * itself changes on disk meanwhile. Run as the built command, the way a
 * user runs it.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { BIN, FIXTURES, ROOT, tempDir } from './_helpers.js';

const SAMPLE = readFileSync(path.join(ROOT, 'briefing.yaml'), 'utf8').replace('  logo: brand/logo.svg\n', '');
const EDITED = readFileSync(path.join(FIXTURES, 'changes', 'sample-edited.yaml'), 'utf8');
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

let child: ChildProcess | undefined;
afterAll(() => {
  child?.kill('SIGKILL');
});

it('keeps the marks against the previous version read when it started', async () => {
  const dir = tempDir('since-watch-');
  writeFileSync(path.join(dir, 'old.yaml'), SAMPLE);
  writeFileSync(path.join(dir, 'new.yaml'), EDITED);
  let stdout = '';
  let stderr = '';
  child = spawn(process.execPath, [BIN, 'watch', 'new.yaml', '--no-pdf', '--since', 'old.yaml'], {
    cwd: dir,
    env: { ...process.env, NO_COLOR: '1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
    stdout += chunk;
  });
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
    stderr += chunk;
  });
  const waitFor = async (check: () => boolean, what: string) => {
    const started = Date.now();
    while (!check()) {
      if (Date.now() - started > 20_000) throw new Error(`no ${what}:\n${stdout}\n---\n${stderr}`);
      await sleep(50);
    }
  };
  await waitFor(() => /^http:\/\//m.test(stdout), 'address');
  const deck = () => readFileSync(path.join(dir, 'dist', 'new.html'), 'utf8');
  expect(deck()).toContain('Changes since version 1.0');
  expect(deck()).not.toContain('Libyan coastguard');

  await waitFor(() => /^rebuilt in /m.test(stderr), 'first build');
  const before = stderr.length;
  // The previous file changes on disk: watch does not read it again.
  writeFileSync(path.join(dir, 'old.yaml'), SAMPLE.replace('version: "1.0"', 'version: "0.5"'));
  await sleep(300);
  // The briefing is edited: one more new actor, marked against the same previous version.
  writeFileSync(
    path.join(dir, 'new.yaml'),
    EDITED.replace(
      '  - name: Tunisian volunteers',
      '  - name: Libyan coastguard\n    role: Patrols the coast off Derna.\n\n  - name: Tunisian volunteers',
    ),
  );
  await waitFor(() => /^rebuilt in /m.test(stderr.slice(before)), 'rebuild');
  const html = deck().replace(/\u00AD/g, '');
  expect(html).toContain('Changes since version 1.0');
  expect(html).not.toContain('version 0.5');
  const actors = /New actors[\s\S]*?<\/ul>/.exec(html)?.[0] ?? '';
  expect(actors).toContain('Libyan coastguard');
  expect(actors).toContain('Tunisian volunteers');
  child.kill('SIGINT');
  await new Promise((resolve) => child?.on('exit', resolve));
}, 60_000);
