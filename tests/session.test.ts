/**
 * The browser session's lifetime as a user ends it: the built CLI as a
 * process, interrupted with Ctrl-C while its Chromium runs, and the
 * temporary folder it was given looked at afterwards.
 */
import { spawn } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { BrowserSession } from '../src/browser/session.js';
import { ROOT, tempDir } from './_helpers.js';

const BIN = path.join(ROOT, 'bin', 'briefdeck.cjs');
const WAIT_MS = 20_000;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A TMPDIR of this test's own (short: Chromium puts a socket in it), so other runs cannot interfere. */
function ownTempDir(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'bds-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** Waits until Chromium has made its profile in `tmp`: the browser is up. */
async function chromiumUp(tmp: string, exited: () => boolean): Promise<void> {
  const started = Date.now();
  for (;;) {
    const homes = readdirSync(tmp).filter((name) => name.startsWith('briefdeck-chromium-'));
    if (homes.some((home) => existsSync(path.join(tmp, home, 'profile')))) return;
    if (exited()) throw new Error('the build ended before its browser was up');
    if (Date.now() - started > WAIT_MS) throw new Error(`no Chromium profile in ${tmp}`);
    await sleep(5);
  }
}

/** A copy of the sample to build. */
function sampleFolder(prefix: string): string {
  const dir = tempDir(prefix);
  cpSync(path.join(ROOT, 'briefing.yaml'), path.join(dir, 'briefing.yaml'));
  cpSync(path.join(ROOT, 'brand'), path.join(dir, 'brand'), { recursive: true });
  return dir;
}

/**
 * Runs the CLI in `dir` with a temporary folder of its own, presses Ctrl-C once its Chromium is up and
 * again once the first is handled (two signals sent at once may arrive as one); returns the exit code,
 * what it printed, and what is left in its temporary folder.
 */
async function interruptTwice(
  dir: string,
  args: string[],
): Promise<{ code: number | null; stderr: string; left: string[] }> {
  const tmp = ownTempDir();
  const child = spawn(process.execPath, [BIN, ...args], {
    cwd: dir,
    env: { ...process.env, NO_COLOR: '1', TMPDIR: tmp },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
    stderr += chunk;
  });
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  await chromiumUp(tmp, () => child.exitCode !== null);
  child.kill('SIGINT');
  while (!stderr.includes('Ctrl-C again') && child.exitCode === null) await sleep(1);
  child.kill('SIGINT');
  const code = await exited;
  // What is left, with what is inside it: the names say which part of the browser wrote them.
  const left = readdirSync(tmp).map((name) => {
    const inside = path.join(tmp, name);
    return existsSync(inside) && statSync(inside).isDirectory()
      ? `${name}: ${readdirSync(inside, { recursive: true }).slice(0, 12).join(', ')}`
      : name;
  });
  return { code, stderr, left };
}

describe('Ctrl-C while the browser runs', () => {
  it('leaves no Chromium profile in the temporary folder when pressed twice at once', async () => {
    const dir = sampleFolder('interrupt-');
    // Several runs: the profile's removal races the second Ctrl-C, so one lucky run proves little.
    for (let run = 1; run <= 3; run++) {
      const { code, stderr, left } = await interruptTwice(dir, ['build', 'briefing.yaml', '-o', `out${run}`]);
      expect(code, stderr).toBe(130);
      expect(left, `run ${run}:\n${stderr}`).toEqual([]);
      const out = path.join(dir, `out${run}`);
      const leftovers = existsSync(out)
        ? readdirSync(out, { recursive: true }).filter((name) => /(^|\/)\.|\.tmp$/.test(String(name)))
        : [];
      expect(leftovers).toEqual([]);
    }
  });

  it('leaves no Chromium profile when watch is stopped with Ctrl-C twice', async () => {
    const dir = sampleFolder('interrupt-watch-');
    for (let run = 1; run <= 2; run++) {
      const { code, stderr, left } = await interruptTwice(dir, ['watch', 'briefing.yaml', '-o', `out${run}`]);
      expect([0, 130], stderr).toContain(code);
      expect(left, `run ${run}:\n${stderr}`).toEqual([]);
    }
  });
});

describe('closing a session', () => {
  it('makes every close() wait for the first: the profile is gone when any of them returns', async () => {
    const tmp = ownTempDir();
    const before = process.env.TMPDIR;
    process.env.TMPDIR = tmp; // os.tmpdir() is read when the browser starts
    try {
      const session = new BrowserSession({ env: process.env, timeoutMs: 60_000 });
      await session.get();
      expect(readdirSync(tmp).some((name) => name.startsWith('briefdeck-chromium-'))).toBe(true);
      // As after Ctrl-C: the signal starts closing, and the build that winds down closes again.
      const first = session.close();
      await session.close();
      expect(readdirSync(tmp)).toEqual([]);
      await first;
    } finally {
      if (before === undefined) delete process.env.TMPDIR;
      else process.env.TMPDIR = before;
    }
  });
});
