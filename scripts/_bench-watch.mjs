/**
 * The watch scenario of the benchmark (scripts/bench.mjs): the real
 * `briefdeck watch` on a copy of the sample, a real Chromium showing the
 * served deck, and N edits of the file, each timed from the save to
 *   - the deck written (OUT/briefing.html holds the edit),
 *   - the open deck showing it (the page reloaded and the slide on show has the edit),
 *   - the PDF written (OUT/briefing.pdf replaced).
 * In the same run, Marp CLI `--watch --pdf` on the equivalent Marp deck, save
 * to PDF written. A soak run (`soak` saves in all, from the first, one every
 * 0.9 s after the timed ones) records the memory of the process tree (watch and
 * its Chromium: the sum of each process's PSS) from before the first save,
 * with the deck open, at 20, 40, 150… saves.
 */
import { spawn } from 'node:child_process';
import { cpSync, existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { performance } from 'node:perf_hooks';

/** Time between two edits, after the previous one is fully done: a person saving, quickly. */
const PAUSE_MS = 250;
/** A soak saves once every this long, as someone saving often does. */
const SOAK_EVERY_MS = 900;
/** A soak stops after this long, however many saves it has made. */
const SOAK_LIMIT_MS = 15 * 60_000;
/** The saves after which the soak records the memory (and after its last). */
const SOAK_CHECKPOINTS = [1, 20, 40, 150, 300, 500, 1000];
/** An edit whose effect has not shown after this long fails the benchmark. */
const EDIT_TIMEOUT_MS = 30_000;

/**
 * @param {{ root: string, tmp: string, chrome: string, env: NodeJS.ProcessEnv, edits: number, soak: number,
 *   marp?: { cli: string, args: string[], env: NodeJS.ProcessEnv, writeDeck: (yaml: string, dir: string) => Promise<{ deckPath: string }> },
 *   progress: (line: string) => void }} options
 */
export async function benchWatch(options) {
  const { root, tmp, env, edits, progress } = options;
  const dir = path.join(tmp, 'watch');
  await mkdir(dir, { recursive: true });
  cpSync(path.join(root, 'briefing.yaml'), path.join(dir, 'briefing.yaml'));
  cpSync(path.join(root, 'brand'), path.join(dir, 'brand'), { recursive: true });
  const file = path.join(dir, 'briefing.yaml');
  const original = readFileSync(file, 'utf8');
  const edit = (marker) =>
    original.replace('in one day of fighting from 9 June', `in one day of fighting from 9 June ${marker}`);
  const out = path.join(dir, 'out');

  const watch = startProcess(
    process.execPath,
    [path.join(root, 'bin', 'briefdeck.cjs'), 'watch', 'briefing.yaml', '-o', out],
    {
      cwd: dir,
      env: { ...env, NO_COLOR: '1' },
    },
  );
  const { BrowserSession } = await import(path.join(root, 'lib', 'browser', 'session.js'));
  const session = new BrowserSession({ env: { ...env, CHROME_PATH: options.chrome }, timeoutMs: 60_000 });
  try {
    const url = (
      await watch.waitFor(/^(http:\/\/127\.0\.0\.1:\d+\/briefing\.html\?token=[\w-]+)$/m, 'stdout')
    )[1];
    const browser = await session.get();
    const page = await browser.newPage();
    await page.goto(`${url}#/1`, { waitUntil: 'load' });
    await page.waitForFunction(() => window.Reveal?.isReady());

    const html = path.join(out, 'briefing.html');
    const pdf = path.join(out, 'briefing.pdf');
    /** One edit: saves, then waits for the three effects; returns their times after the save. */
    const once = async (n) => {
      const marker = `BENCH-EDIT-${n}-`;
      const builds = watch.count(/^rebuilt in /gm);
      const pdfBefore = statSync(pdf).mtimeMs;
      const start = performance.now();
      writeFileSync(file, edit(marker));
      const deck = poll(() => readFileSync(html, 'utf8').includes(marker)).then(
        () => performance.now() - start,
      );
      const shown = page
        .waitForFunction(
          (m) => (document.querySelector('.reveal .slides section.present')?.textContent ?? '').includes(m),
          // Checked on every change of the page (and on each new page after the reload), not on a timer.
          { polling: 'mutation', timeout: EDIT_TIMEOUT_MS },
          marker,
        )
        .then(() => performance.now() - start);
      const printed = poll(() => statSync(pdf).mtimeMs !== pdfBefore).then(() => performance.now() - start);
      const times = { deck: await deck, shown: await shown, pdf: await printed };
      // The rebuild's own line, so the next edit does not land in this one's tail.
      await poll(() => watch.count(/^rebuilt in /gm) > builds);
      return times;
    };

    // The memory is measured as a user has it, from before the first save: the deck open, settled.
    const soak = options.soak > 0 ? startSoak(watch.pid) : undefined;
    let saves = 0;
    const saved = async (n) => {
      const times = await once(n);
      saves += 1;
      soak?.checkpoint(saves, progress);
      return times;
    };
    // Warm-up edits (not counted): the first print in a new page loads the fonts, for example.
    for (let n = 0; n < 2; n++) {
      await saved(`warm${n}`);
      await sleep(PAUSE_MS);
    }
    const samples = [];
    for (let n = 1; n <= edits; n++) {
      const times = await saved(n);
      samples.push(times);
      progress(
        `  watch edit ${String(n).padStart(3)}/${edits}  deck ${fmt(times.deck)}  shown ${fmt(times.shown)}  PDF ${fmt(times.pdf)}`,
      );
      await sleep(PAUSE_MS);
    }

    let memory;
    if (soak) {
      // A save every SOAK_EVERY_MS (from save to save, or at once when one took longer), up to `soak`
      // saves in all and SOAK_LIMIT_MS.
      progress(`  soak: up to ${options.soak} saves in all, one every ${SOAK_EVERY_MS} ms`);
      const started = performance.now();
      while (saves < options.soak && performance.now() - started < SOAK_LIMIT_MS) {
        const at = performance.now();
        await saved(`soak${saves}`);
        await sleep(Math.max(0, SOAK_EVERY_MS - (performance.now() - at)));
      }
      memory = soak.result(saves);
    }
    await page.close();

    // Ctrl-C, as a user ends it; timed.
    const stopStart = performance.now();
    watch.child.kill('SIGINT');
    const code = await watch.exited;
    const stopMs = performance.now() - stopStart;
    if (code !== 0) throw new Error(`watch exited with ${code} on Ctrl-C:\n${watch.stderr}`);

    const result = {
      edits,
      deckMs: stats(samples.map((s) => s.deck)),
      shownMs: stats(samples.map((s) => s.shown)),
      pdfMs: stats(samples.map((s) => s.pdf)),
      stopMs: Math.round(stopMs),
      memory,
    };
    if (options.marp) result.marp = await benchMarpWatch({ ...options, dir: path.join(tmp, 'marp-watch') });
    return result;
  } catch (error) {
    if (error instanceof Error) error.message += `\nwatch stderr:\n${watch.stderr}`;
    throw error;
  } finally {
    watch.child.kill('SIGKILL');
    await session.close();
  }
}

/** Marp CLI `--watch --pdf`: save → PDF written, on the Marp deck made from the same briefing. */
async function benchMarpWatch({ root, edits, marp, progress, dir }) {
  await mkdir(dir, { recursive: true });
  const { deckPath } = await marp.writeDeck(path.join(root, 'briefing.yaml'), dir);
  const original = readFileSync(deckPath, 'utf8');
  const pdf = path.join(dir, 'deck.pdf');
  const child = startProcess(
    process.execPath,
    [marp.cli, ...marp.args, deckPath, '--pdf', '--watch', '-o', pdf],
    {
      cwd: dir,
      env: marp.env,
    },
  );
  try {
    await poll(() => existsSync(pdf) && statSync(pdf).size > 0, 120_000);
    await child.waitFor(/Start watching/);
    await sleep(500);
    // Marp prints "[  INFO ] deck.md => deck.pdf" per conversion: counted to know one is done.
    const done = () => child.count(/=> .*deck\.pdf/g);
    const once = async (n) => {
      const before = statSync(pdf).mtimeMs;
      const count = done();
      const start = performance.now();
      // The edit goes into the first slide's title, like briefdeck's into the briefing.
      writeFileSync(deckPath, original.replace(/^# (.*)$/m, `# $1 BENCH-EDIT-${n}`));
      await poll(() => existsSync(pdf) && statSync(pdf).mtimeMs !== before);
      const ms = performance.now() - start;
      await poll(() => done() > count);
      return ms;
    };
    for (let n = 0; n < 2; n++) {
      await once(`warm${n}`);
      await sleep(PAUSE_MS);
    }
    const samples = [];
    for (let n = 1; n <= edits; n++) {
      const ms = await once(n);
      samples.push(ms);
      progress(`  Marp watch edit ${String(n).padStart(3)}/${edits}  PDF ${fmt(ms)}`);
      await sleep(PAUSE_MS);
    }
    return { edits, pdfMs: stats(samples) };
  } catch (error) {
    if (error instanceof Error) error.message += `\nMarp output:\n${child.stdout}\n${child.stderr}`;
    throw error;
  } finally {
    try {
      process.kill(-child.pid, 'SIGKILL');
    } catch {
      child.child.kill('SIGKILL');
    }
  }
}

/**
 * The memory of the watch process tree (PSS, each process's share of the pages it uses, summed) from
 * now, the deck open and no save made, at each checkpoint: in all and by kind of process.
 */
function startSoak(pid) {
  const baseline = treeBreakdown(pid);
  const points = [{ saves: 0, ...baseline }];
  return {
    checkpoint(saves, progress) {
      if (!SOAK_CHECKPOINTS.includes(saves)) return;
      const now = treeBreakdown(pid);
      points.push({ saves, ...now });
      const kinds = Object.entries(now.byKind)
        .map(([kind, bytes]) => `${kind} ${mib(bytes)}`)
        .join(', ');
      progress(
        `  memory after ${saves} saves: ${mib(now.pss)} PSS (+${mib(now.pss - baseline.pss)}; ${kinds})`,
      );
    },
    result(saves) {
      const last = treeBreakdown(pid);
      if (points.at(-1)?.saves !== saves) points.push({ saves, ...last });
      const at = (n) => points.find((point) => point.saves === n);
      const from20 = at(20);
      return {
        edits: saves,
        pssBeforeBytes: baseline.pss,
        pssAfterBytes: last.pss,
        growthBytes: last.pss - baseline.pss,
        growthFrom20Bytes: from20 ? last.pss - from20.pss : undefined,
        rssBeforeBytes: baseline.rss,
        rssAfterBytes: last.rss,
        points,
      };
    },
  };
}

/** The tree's PSS and RSS, and its PSS by kind of process (node, Chromium's browser, renderer, gpu…). */
function treeBreakdown(pid) {
  const byKind = {};
  let pss = 0;
  let rss = 0;
  for (const p of tree(pid)) {
    try {
      const own =
        Number(/^Pss:\s+(\d+) kB/m.exec(readFileSync(`/proc/${p}/smaps_rollup`, 'utf8'))?.[1] ?? 0) * 1024;
      rss += Number(/^VmRSS:\s+(\d+) kB/m.exec(readFileSync(`/proc/${p}/status`, 'utf8'))?.[1] ?? 0) * 1024;
      const cmdline = readFileSync(`/proc/${p}/cmdline`, 'utf8');
      const kind =
        p === pid
          ? 'node'
          : (/--type=([\w-]+)/.exec(cmdline)?.[1] ?? (/chrom/i.test(cmdline) ? 'browser' : 'other'));
      byKind[kind] = (byKind[kind] ?? 0) + own;
      pss += own;
    } catch {
      // gone
    }
  }
  return { pss, rss, byKind };
}

function startProcess(file, args, { cwd, env }) {
  const child = spawn(file, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  const state = {
    child,
    pid: child.pid,
    stdout: '',
    stderr: '',
    exited: new Promise((resolve) => child.on('exit', (code) => resolve(code))),
    count: (pattern) => (state.stdout + state.stderr).match(pattern)?.length ?? 0,
    async waitFor(pattern, stream = 'stderr') {
      await poll(() => pattern.test(state[stream]), 120_000);
      return state[stream].match(pattern);
    },
  };
  child.stdout.setEncoding('utf8').on('data', (d) => {
    state.stdout += d;
  });
  child.stderr.setEncoding('utf8').on('data', (d) => {
    state.stderr += d;
  });
  return state;
}

/** Polls `test` every 2 ms until it holds (a file being replaced may be missing for a moment). */
async function poll(test, timeoutMs = EDIT_TIMEOUT_MS) {
  const start = performance.now();
  for (;;) {
    try {
      if (test()) return;
    } catch {
      // not there yet
    }
    if (performance.now() - start > timeoutMs) throw new Error(`timed out after ${timeoutMs} ms waiting`);
    await sleep(2);
  }
}

/** The processes under `pid` (it included), from /proc. */
function tree(pid) {
  const children = new Map();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (!children.has(ppid)) children.set(ppid, []);
      children.get(ppid).push(Number(entry));
    } catch {
      // gone
    }
  }
  const all = [];
  const visit = (p) => {
    all.push(p);
    for (const child of children.get(p) ?? []) visit(child);
  };
  visit(pid);
  return all;
}

function stats(xs) {
  const sorted = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  const median = sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
  const r = (x) => Math.round(x * 10) / 10;
  return { median: r(median), min: r(sorted[0]), max: r(sorted.at(-1)), samples: xs.map(r) };
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const fmt = (ms) => `${Math.round(ms)} ms`.padStart(7);
const mib = (bytes) => `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
