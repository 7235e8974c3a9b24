#!/usr/bin/env node
/**
 * Cold-start benchmark: briefdeck against Marp CLI on the same content.
 *
 *   npm run bench                  (builds first, then runs this script)
 *   node scripts/bench.mjs [--runs N] [--json] [--check] [--marp-only]
 *
 * Every sample is a fresh process (Node start + Chromium start included),
 * timed from spawn to exit with performance.now(). Scenarios run one after
 * the other (never in parallel), in rounds: each round runs every scenario
 * once, so a burst of background load hits all of them alike. One warm-up
 * round comes first and is not counted.
 *
 * Marp CLI is installed on first use into .bench/marp (git-ignored), not as
 * a project dependency. It converts a Marp deck generated from the same
 * briefing.yaml (scripts/_marp-deck.mjs) with the same Chromium.
 */
import { spawn } from 'node:child_process';
import { cpSync, existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { writeBatch } from './_bench-batch.mjs';
import { benchWatch } from './_bench-watch.mjs';
import { writeMarpDeck } from './_marp-deck.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const MARP_DIR = path.join(ROOT, '.bench', 'marp');
const MARP_CLI = path.join(MARP_DIR, 'node_modules', '@marp-team', 'marp-cli', 'marp-cli.js');
const MARP_SPEC = '@marp-team/marp-cli@4';
const BRIEFDECK = path.join(ROOT, 'bin', 'briefdeck.cjs');
const BRIEFING = path.join(ROOT, 'briefing.yaml');
/** A run that takes longer than this is killed and the benchmark fails. */
const RUN_TIMEOUT_MS = 180_000;

const HELP = `Usage: node scripts/bench.mjs [options]   (or: npm run bench)

Times cold builds of briefing.yaml with briefdeck and of the same content
with Marp CLI (installed on first use into .bench/marp), and prints the
medians and the ratios against the targets.

Options:
  --runs N      counted runs per scenario (default 5; one extra warm-up run is not counted)
  --json        print the results as JSON on stdout (progress still goes to stderr)
  --check       exit 1 when a target is missed (default: report only)
  --marp-only   measure Marp and Node only (while the briefdeck CLI is not built)
  --no-cold     skip the cold builds
  --no-watch    skip the watch scenario
  --no-batch    skip the batch scenario (20 briefings in one run, one by one, and Marp --parallel)
  --edits N     timed edits in the watch scenario (default 20)
  --soak N      N saves in all (the timed edits among them, then one every 0.9 s), measuring the memory
                of watch and its Chromium from before the first save (default 0: none)
  -h, --help    show this help

Environment:
  CHROME_PATH   the Chromium both tools use (default /usr/bin/chromium)`;

async function main() {
  const { values } = parseArgs({
    allowNegative: true,
    options: {
      runs: { type: 'string', default: '5' },
      json: { type: 'boolean', default: false },
      check: { type: 'boolean', default: false },
      'marp-only': { type: 'boolean', default: false },
      cold: { type: 'boolean', default: true },
      watch: { type: 'boolean', default: true },
      batch: { type: 'boolean', default: true },
      edits: { type: 'string', default: '20' },
      soak: { type: 'string', default: '0' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) {
    console.log(HELP);
    return 0;
  }
  const runs = Number(values.runs);
  if (!Number.isInteger(runs) || runs < 1)
    throw new UsageError(`--runs must be a whole number ≥ 1, not "${values.runs}"`);
  const marpOnly = values['marp-only'];
  const edits = Number(values.edits);
  const soak = Number(values.soak);
  if (!Number.isInteger(edits) || edits < 1) throw new UsageError(`--edits must be a whole number ≥ 1`);
  if (!Number.isInteger(soak) || soak < 0 || soak > 2000)
    throw new UsageError(`--soak must be a whole number from 0 to 2000`);
  const watch = values.watch && !marpOnly ? { edits, soak } : undefined;

  const chrome = process.env.CHROME_PATH || '/usr/bin/chromium';
  if (!existsSync(chrome)) throw new UsageError(`no Chromium at ${chrome}; set CHROME_PATH`);
  if (!existsSync(BRIEFING)) throw new UsageError(`no sample briefing at ${BRIEFING}`);
  if (!marpOnly && !existsSync(path.join(ROOT, 'lib', 'cli', 'index.js'))) {
    throw new UsageError(
      'lib/cli/index.js is missing: run `npm run build` first (or use npm run bench, which builds)',
    );
  }

  await ensureMarp();
  const tmp = await mkdtemp(path.join(os.tmpdir(), 'briefdeck-bench-'));
  try {
    return await bench({
      runs,
      json: values.json,
      check: values.check,
      marpOnly,
      chrome,
      tmp,
      cold: values.cold,
      watch,
      batch: values.batch && !marpOnly,
    });
  } finally {
    await rm(tmp, { recursive: true, force: true, maxRetries: 5 }).catch(() => {});
  }
}

async function bench({ runs, json, check, marpOnly, chrome, tmp, cold, watch, batch }) {
  const deckDir = path.join(tmp, 'marp');
  await mkdir(deckDir);
  const { deckPath: deck, slides: marpSlides, localFiles } = await writeMarpDeck(BRIEFING, deckDir);

  // Both tools get the same browser. Marp CLI (src/browser/browsers/chrome.ts)
  // adds --no-sandbox when CHROME_NO_SANDBOX is set or when running as root,
  // and --disable-gpu when CHROME_DISABLE_GPU is set; it always adds
  // --disable-component-update, and Puppeteer's defaults already carry
  // --disable-background-networking and --no-first-run. It has no option to
  // pass other Chromium flags.
  const env = { ...process.env, CHROME_PATH: chrome };
  // Marp CLI leaves a Chromium profile (marp-cli-*) in the temporary folder
  // after every PDF; give it ours, which is removed at the end.
  const marpTmp = path.join(tmp, 'marp-tmp');
  await mkdir(marpTmp);
  const marpEnv = { ...env, CHROME_DISABLE_GPU: '1', TMPDIR: marpTmp };
  if (process.getuid?.() === 0) marpEnv.CHROME_NO_SANDBOX = '1';
  const marpArgs = ['--no-stdin', '--no-config-file', '--browser', 'chrome', '--browser-path', chrome];
  // The deck shows the briefing's logo, a local file: Marp's PDF needs leave to load it.
  const marpPdfArgs = localFiles ? ['--allow-local-files'] : [];

  // The sample without its classification: the difference is what checking the banners costs.
  const unmarked = path.join(tmp, 'unmarked', 'briefing.yaml');
  cpSync(path.join(ROOT, 'brand'), path.join(tmp, 'unmarked', 'brand'), { recursive: true });
  writeFileSync(unmarked, readFileSync(BRIEFING, 'utf8').replace(/^classification:.*\n/m, ''));
  // The sample without its locator map (its `locations` and `map`): Marp's deck has no map, so this is
  // the like-for-like figure beside the HTML-only target, and the difference is what drawing it costs.
  const unmapped = path.join(tmp, 'unmapped', 'briefing.yaml');
  cpSync(path.join(ROOT, 'brand'), path.join(tmp, 'unmapped', 'brand'), { recursive: true });
  writeFileSync(unmapped, withoutMap(readFileSync(BRIEFING, 'utf8')));

  /** @type {Scenario[]} */
  const scenarios = [
    !marpOnly && {
      id: 'briefdeck-pdf',
      label: 'briefdeck HTML+PDF',
      args: (out) => [BRIEFDECK, 'build', BRIEFING, '-o', out, '--quiet'],
      env,
      expect: ['briefing.html', 'briefing.pdf'],
    },
    !marpOnly && {
      id: 'briefdeck-pdf-unmarked',
      label: 'the same, unclassified',
      args: (out) => [BRIEFDECK, 'build', unmarked, '-o', out, '--quiet'],
      env,
      expect: ['briefing.html', 'briefing.pdf'],
    },
    !marpOnly && {
      id: 'briefdeck-html',
      label: 'briefdeck HTML only',
      args: (out) => [BRIEFDECK, 'build', BRIEFING, '-o', out, '--no-pdf', '--quiet'],
      env,
      expect: ['briefing.html'],
    },
    !marpOnly && {
      id: 'briefdeck-html-unmapped',
      label: 'the same, without its map',
      args: (out) => [BRIEFDECK, 'build', unmapped, '-o', out, '--no-pdf', '--quiet'],
      env,
      expect: ['briefing.html'],
    },
    !marpOnly && {
      id: 'briefdeck-pptx',
      label: 'briefdeck --no-pdf --pptx',
      args: (out) => [BRIEFDECK, 'build', BRIEFING, '-o', out, '--no-pdf', '--pptx', '--quiet'],
      env,
      expect: ['briefing.html', 'briefing.pptx'],
    },
    {
      id: 'marp-pptx',
      label: 'Marp CLI --pptx',
      args: (out) => [
        MARP_CLI,
        ...marpArgs,
        ...marpPdfArgs,
        deck,
        '--pptx',
        '-o',
        path.join(out, 'deck.pptx'),
      ],
      env: marpEnv,
      expect: ['deck.pptx'],
    },
    {
      id: 'marp-pdf',
      label: 'Marp CLI --pdf',
      args: (out) => [MARP_CLI, ...marpArgs, ...marpPdfArgs, deck, '--pdf', '-o', path.join(out, 'deck.pdf')],
      env: marpEnv,
      expect: ['deck.pdf'],
    },
    {
      id: 'marp-html',
      label: 'Marp CLI HTML',
      args: (out) => [MARP_CLI, ...marpArgs, deck, '-o', path.join(out, 'deck.html')],
      env: marpEnv,
      expect: ['deck.html'],
    },
    { id: 'node', label: 'node -e 0 (reference)', args: () => ['-e', '0'], env, expect: [] },
  ].filter(Boolean);

  const info = {
    node: process.version,
    platform: `${os.platform()} ${os.arch()}, ${os.cpus().length} CPU`,
    chromium: await chromiumVersion(chrome),
    marpCli: JSON.parse(readFileSync(path.join(path.dirname(MARP_CLI), 'package.json'), 'utf8')).version,
    marpSlides,
  };
  progress(`Node ${info.node}, ${info.chromium} (${chrome}), Marp CLI ${info.marpCli}, ${info.platform}`);
  progress(
    `Each run is a fresh process; ${runs} counted run(s) per scenario, in rounds, after 1 warm-up round (not counted).`,
  );

  const samples = new Map(scenarios.map((s) => [s.id, []]));
  const outputs = new Map();
  let counter = 0;
  for (let round = 0; cold && round <= runs; round++) {
    const warmup = round === 0;
    for (const scenario of scenarios) {
      const out = path.join(tmp, `run-${++counter}`);
      await mkdir(out);
      const ms = await runOnce(scenario, out);
      progress(`  ${warmup ? 'warm-up' : `run ${round}/${runs}`}  ${scenario.label.padEnd(22)} ${fmtMs(ms)}`);
      if (!warmup) samples.get(scenario.id).push(ms);
      if (warmup) outputs.set(scenario.id, describeOutput(out));
      await rm(out, { recursive: true, force: true });
    }
  }

  const results = (cold ? scenarios : []).map((s) => {
    const xs = samples.get(s.id);
    return {
      id: s.id,
      label: s.label,
      command: ['node', ...s.args('<out>')].map(shortPath).join(' '),
      runs: xs.length,
      medianMs: round1(median(xs)),
      minMs: round1(Math.min(...xs)),
      maxMs: round1(Math.max(...xs)),
      samplesMs: xs.map(round1),
      output: outputs.get(s.id),
    };
  });
  const byId = Object.fromEntries(results.map((r) => [r.id, r]));
  const ratios =
    marpOnly || !cold
      ? []
      : [
          ratio('HTML+PDF', byId['briefdeck-pdf'], byId['marp-pdf'], 'Marp --pdf', 0.55),
          ratio('HTML only', byId['briefdeck-html'], byId['marp-html'], 'Marp HTML', 0.35),
          ...(byId['briefdeck-pptx']
            ? [ratio('PPTX (no PDF)', byId['briefdeck-pptx'], byId['marp-pptx'], 'Marp --pptx', 1)]
            : []),
        ];

  let batchResult;
  if (batch)
    batchResult = await benchBatch({ runs, tmp, env, marpEnv, marpArgs: [...marpArgs, ...marpPdfArgs] });
  if (batchResult) {
    ratios.push(
      ratio('batch of 20, one run', batchResult.oneRun, batchResult.oneByOne, 'the same 20 one by one', 0.35),
      ratio('batch of 20, one run', batchResult.oneRun, batchResult.marp, 'Marp --parallel', 0.7),
    );
  }

  let watchResult;
  let watchTargets = [];
  if (watch) {
    progress(
      `Watch: ${watch.edits} edits of a copy of briefing.yaml, a Chromium showing the served deck${watch.soak ? `, then a soak of ${watch.soak} edits` : ''}; then Marp CLI --watch --pdf.`,
    );
    watchResult = await benchWatch({
      root: ROOT,
      tmp,
      chrome,
      env,
      edits: watch.edits,
      soak: watch.soak,
      progress,
      marp: {
        cli: MARP_CLI,
        args: [...marpArgs, ...marpPdfArgs],
        env: marpEnv,
        writeDeck: writeMarpDeck,
      },
    });
    watchTargets = [
      target('save → deck written', watchResult.deckMs.median, 100, 'ms'),
      target('save → open deck shows it', watchResult.shownMs.median, 300, 'ms'),
      target('save → PDF written', watchResult.pdfMs.median, 600, 'ms'),
      target('Ctrl-C → exited', watchResult.stopMs, 2000, 'ms'),
      ...memoryTargets(watchResult.memory),
    ];
    if (watchResult.marp) {
      ratios.push(
        ratio(
          'watch, save → PDF',
          { medianMs: watchResult.pdfMs.median },
          { medianMs: watchResult.marp.pdfMs.median },
          'Marp --watch --pdf',
          0.35,
        ),
      );
    }
  }
  // The sample's PDF, as the cold build wrote it: tags, fonts and bookmarks kept, at most 150 KB.
  const samplePdf = byId['briefdeck-pdf']?.output?.find((f) => f.file.endsWith('.pdf'));
  const sizeTargets = samplePdf ? [target("the sample's PDF", samplePdf.bytes / 1024, 150, 'KB')] : [];
  const ok = ratios.every((r) => r.ok) && [...watchTargets, ...sizeTargets].every((t) => t.ok);

  if (json) {
    const marp = {
      cli: MARP_CLI,
      env: {
        CHROME_PATH: chrome,
        CHROME_DISABLE_GPU: marpEnv.CHROME_DISABLE_GPU,
        CHROME_NO_SANDBOX: marpEnv.CHROME_NO_SANDBOX,
      },
      args: marpArgs,
      pdfArgs: marpPdfArgs,
    };
    console.log(
      JSON.stringify(
        {
          info,
          runs,
          warmupRuns: 1,
          marp,
          results,
          batch: batchResult,
          watch: watchResult,
          watchTargets,
          sizeTargets,
          ratios,
          ok,
        },
        null,
        2,
      ),
    );
  } else {
    if (results.length)
      printReport(
        info,
        results,
        ratios.filter((r) => !r.name.startsWith('watch') && !r.name.startsWith('batch')),
      );
    for (const t of sizeTargets)
      console.log(
        `${t.name}: ${t.value} ${t.unit}  target ≤ ${t.limit} ${t.unit}  ${t.ok ? 'OK' : 'MISSED'}`,
      );
    if (batchResult)
      printBatchReport(
        batchResult,
        ratios.filter((r) => r.name.startsWith('batch')),
      );
    if (watchResult)
      printWatchReport(
        watchResult,
        watchTargets,
        ratios.filter((r) => r.name.startsWith('watch')),
      );
  }
  return check && !ok ? 1 : 0;
}

/**
 * One thing to time. `args(out)` are node's arguments for a run writing into the folder `out`;
 * `expect` names the files that run must leave there, non-empty.
 * @typedef {{ id: string, label: string, args: (out: string) => string[], env: NodeJS.ProcessEnv, expect: string[] }} Scenario
 */

/** Runs one sample; returns its wall time in ms, or throws with the command's output. */
async function runOnce(scenario, out) {
  const args = scenario.args(out);
  const start = performance.now();
  const { code, signal, stdout, stderr, timedOut } = await run(process.execPath, args, scenario.env);
  const ms = performance.now() - start;
  const command = `node ${args.join(' ')}`;
  if (timedOut)
    throw new RunError(
      `${scenario.label}: timed out after ${RUN_TIMEOUT_MS / 1000} s`,
      command,
      stdout,
      stderr,
    );
  if (code !== 0) {
    throw new RunError(
      `${scenario.label}: exited with ${signal ? `signal ${signal}` : `code ${code}`}`,
      command,
      stdout,
      stderr,
    );
  }
  const files = listFiles(out);
  for (const name of scenario.expect) {
    const file = files.find((f) => f.name === name);
    if (!file) throw new RunError(`${scenario.label}: it did not write ${name}`, command, stdout, stderr);
    if (file.size === 0)
      throw new RunError(`${scenario.label}: ${file.name} is empty`, command, stdout, stderr);
  }
  return ms;
}

function run(file, args, env) {
  return new Promise((resolve, reject) => {
    // Own process group, so that a run that hangs is killed with its Chromium.
    const child = spawn(file, args, { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    let stdout = '';
    let stderr = '';
    let timedOut = false;
    child.stdout.setEncoding('utf8').on('data', (d) => {
      stdout += d;
    });
    child.stderr.setEncoding('utf8').on('data', (d) => {
      stderr += d;
    });
    const timer = setTimeout(() => {
      timedOut = true;
      try {
        process.kill(-child.pid, 'SIGKILL');
      } catch {
        child.kill('SIGKILL');
      }
    }, RUN_TIMEOUT_MS);
    child.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stdout, stderr, timedOut });
    });
  });
}

/** Files under `dir`, recursively, with their sizes. */
function listFiles(dir) {
  const out = [];
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile()) continue;
    const full = path.join(entry.parentPath ?? entry.path, entry.name);
    out.push({ name: path.relative(dir, full), size: statSync(full).size });
  }
  return out.sort((a, b) => a.name.localeCompare(b.name));
}

/** What a run wrote, for the report: names, sizes, and the slide count of an HTML deck. */
function describeOutput(dir) {
  return listFiles(dir)
    .filter((f) => /^[^/\\]+\.(html|pdf)$/.test(f.name))
    .map((f) => {
      const entry = { file: f.name, bytes: f.size };
      if (f.name.endsWith('.html'))
        entry.sections = countSections(readFileSync(path.join(dir, f.name), 'utf8'));
      return entry;
    });
}

/** Top-level slides in a reveal.js or Marp HTML file (nested reveal.js sections not counted twice). */
function countSections(html) {
  let depth = 0;
  let top = 0;
  for (const match of html.matchAll(/<(\/?)section\b/g)) {
    if (match[1]) depth = Math.max(0, depth - 1);
    else if (depth++ === 0) top++;
  }
  return top;
}

function ratio(name, ours, theirs, theirLabel, target) {
  const value = ours.medianMs / theirs.medianMs;
  return {
    name,
    briefdeckMedianMs: ours.medianMs,
    marpMedianMs: theirs.medianMs,
    against: theirLabel,
    ratio: Math.round(value * 1000) / 1000,
    target,
    ok: value <= target,
  };
}

/**
 * 20 briefings of different lengths: built by one `briefdeck build DIR` run, built one by one (20
 * processes in a row, as a shell loop would), and converted by Marp CLI from 20 equivalent decks
 * with its default --parallel (5). Each is timed from the first spawn to the last exit, in rounds.
 */
async function benchBatch({ runs, tmp, env, marpEnv, marpArgs }) {
  const dir = path.join(tmp, 'batch');
  const { briefings, marp, files } = await writeBatch(ROOT, dir, 20);
  progress(
    `Batch: ${files.length} briefings of 1 to 24 items per list (and the sample), in ${shortPath(briefings)}.`,
  );
  const time = async (fn) => {
    const out = await mkdtemp(path.join(dir, 'out-'));
    const start = performance.now();
    await fn(out);
    const ms = performance.now() - start;
    await rm(out, { recursive: true, force: true, maxRetries: 5 }).catch(() => {});
    return ms;
  };
  const must = async (args, runEnv, what) => {
    const { code, stdout, stderr } = await run(process.execPath, args, runEnv);
    if (code !== 0)
      throw new RunError(`${what}: exited with code ${code}`, `node ${args.join(' ')}`, stdout, stderr);
  };
  const scenarios = {
    oneRun: (out) => must([BRIEFDECK, 'build', briefings, '-o', out, '-q'], env, 'briefdeck build DIR'),
    oneByOne: async (out) => {
      for (const file of files)
        await must([BRIEFDECK, 'build', file, '-o', out, '-q'], env, `briefdeck build ${file}`);
    },
    marp: (out) =>
      must(
        [MARP_CLI, ...marpArgs, '--pdf', '--parallel', '5', '-I', marp, '-o', out],
        marpEnv,
        'Marp CLI -I DIR --pdf',
      ),
  };
  const samples = { oneRun: [], oneByOne: [], marp: [] };
  for (let round = 0; round <= runs; round++) {
    for (const [id, fn] of Object.entries(scenarios)) {
      const ms = await time(fn);
      progress(`  ${round === 0 ? 'warm-up' : `run ${round}/${runs}`}  batch ${id.padEnd(9)} ${fmtMs(ms)}`);
      if (round > 0) samples[id].push(ms);
    }
  }
  const stat = (xs) => ({
    medianMs: round1(median(xs)),
    minMs: round1(Math.min(...xs)),
    maxMs: round1(Math.max(...xs)),
    samplesMs: xs.map(round1),
  });
  return {
    briefings: files.length,
    oneRun: stat(samples.oneRun),
    oneByOne: stat(samples.oneByOne),
    marp: stat(samples.marp),
  };
}

function printBatchReport(result, ratios) {
  console.log('');
  console.log(`batch of ${result.briefings} briefings               median       min       max`);
  const row = (label, r) =>
    `${label.padEnd(36)} ${fmtS(r.medianMs).padStart(7)}   ${fmtS(r.minMs).padStart(7)}   ${fmtS(r.maxMs).padStart(7)}`;
  console.log(row('briefdeck build DIR (one run)', result.oneRun));
  console.log(row('briefdeck build FILE, one by one', result.oneByOne));
  console.log(row('Marp CLI -I DIR --pdf --parallel 5', result.marp));
  console.log('');
  for (const r of ratios) {
    console.log(
      `${r.name}: ${fmtS(r.briefdeckMedianMs)} median = ${r.ratio.toFixed(2)}× ${r.against} (${fmtS(r.marpMedianMs)})` +
        `  target ≤ ${r.target}×  ${r.ok ? 'OK' : 'MISSED'}`,
    );
  }
}

/** The soak's targets: growth over the first 150 saves, and from the 20th to the last. */
function memoryTargets(memory) {
  if (!memory) return [];
  const point = (saves) => memory.points.find((p) => p.saves === saves);
  const at150 = point(150) ?? memory.points.at(-1);
  const targets = [
    target(
      `memory growth over the first ${at150.saves} saves`,
      (at150.pss - memory.pssBeforeBytes) / 2 ** 20,
      80,
      'MiB',
    ),
  ];
  if (memory.growthFrom20Bytes !== undefined && memory.edits > 150)
    targets.push(
      target(`memory growth from save 20 to ${memory.edits}`, memory.growthFrom20Bytes / 2 ** 20, 50, 'MiB'),
    );
  return targets;
}

function target(name, value, limit, unit) {
  return { name, value: Math.round(value * 10) / 10, limit, unit, ok: value <= limit };
}

function printWatchReport(result, targets, ratios) {
  const row = (label, st) =>
    `${label.padEnd(30)} ${fmtMs(st.median).padStart(8)} ${fmtMs(st.min).padStart(8)} ${fmtMs(st.max).padStart(8)}`;
  console.log('');
  console.log(
    `${'watch, per edit'.padEnd(30)} ${'median'.padStart(8)} ${'min'.padStart(8)} ${'max'.padStart(8)}`,
  );
  console.log(`${'-'.repeat(30)} ${'-'.repeat(8)} ${'-'.repeat(8)} ${'-'.repeat(8)}`);
  console.log(row('briefdeck: save → deck written', result.deckMs));
  console.log(row('briefdeck: save → deck shown', result.shownMs));
  console.log(row('briefdeck: save → PDF written', result.pdfMs));
  if (result.marp) console.log(row('Marp: save → PDF written', result.marp.pdfMs));
  console.log(`(${result.edits} edits each, after 2 warm-up edits; Ctrl-C took ${fmtMs(result.stopMs)})`);
  if (result.memory) {
    const m = result.memory;
    console.log(`Memory of watch and its Chromium (PSS), the deck open, from before the first save:`);
    for (const point of m.points) {
      const kinds = Object.entries(point.byKind)
        .map(([kind, bytes]) => `${kind} ${mib(bytes)}`)
        .join(', ');
      console.log(
        `  ${String(point.saves).padStart(4)} saves: ${mib(point.pss).padStart(10)} (${point.pss >= m.pssBeforeBytes ? '+' : ''}${mib(point.pss - m.pssBeforeBytes)}; ${kinds})`,
      );
    }
  }
  console.log('');
  for (const t of targets) {
    console.log(`${t.name}: ${t.value} ${t.unit}  target ≤ ${t.limit} ${t.unit}  ${t.ok ? 'OK' : 'MISSED'}`);
  }
  for (const r of ratios) {
    console.log(
      `${r.name}: ${fmtMs(r.briefdeckMedianMs)} median = ${r.ratio.toFixed(2)}× ${r.against} (${fmtMs(r.marpMedianMs)})` +
        `  target ≤ ${r.target}×  ${r.ok ? 'OK' : 'MISSED'}`,
    );
  }
}

const mib = (bytes) => `${(bytes / 2 ** 20).toFixed(1)} MiB`;

function printReport(info, results, ratios) {
  const header = ['scenario', 'median', 'min', 'max', 'runs'];
  const rows = results.map((r) => [
    r.label,
    fmtMs(r.medianMs),
    fmtMs(r.minMs),
    fmtMs(r.maxMs),
    String(r.runs),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i].length)));
  const line = (cells) =>
    cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
  console.log('');
  console.log(line(header));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const row of rows) console.log(line(row));
  console.log('');
  console.log(
    'Each run is a cold start: a fresh Node process, and a fresh Chromium for those that print a PDF.',
  );
  console.log('Runs were sequential, in rounds; a first warm-up run of each scenario was not counted.');
  const outputs = results
    .filter((r) => r.output?.length)
    .map(
      (r) =>
        `${r.label}: ${r.output.map((o) => `${o.file} ${kb(o.bytes)}${o.sections ? ` (${o.sections} slides)` : ''}`).join(', ')}`,
    );
  if (outputs.length) {
    console.log(`Outputs (warm-up run): ${outputs.join('; ')}`);
  }
  console.log(`Marp deck generated from briefing.yaml: ${info.marpSlides} slides.`);
  if (ratios.length) console.log('');
  const marked = results.find((r) => r.id === 'briefdeck-pdf');
  const unmarkedRun = results.find((r) => r.id === 'briefdeck-pdf-unmarked');
  if (marked && unmarkedRun) {
    console.log(
      `Classification check: ${fmtMs(marked.medianMs - unmarkedRun.medianMs)} (HTML+PDF of the sample, less the same without its classification)`,
    );
  }
  const mapped = results.find((r) => r.id === 'briefdeck-html');
  const unmapped = results.find((r) => r.id === 'briefdeck-html-unmapped');
  const marpHtml = results.find((r) => r.id === 'marp-html');
  if (mapped && unmapped && marpHtml) {
    console.log(
      `Locator map: ${fmtMs(mapped.medianMs - unmapped.medianMs)} (HTML only of the sample, less the same without its map, which is ${(unmapped.medianMs / marpHtml.medianMs).toFixed(2)}× Marp HTML)`,
    );
  }
  for (const r of ratios) {
    console.log(
      `${r.name}: ${fmtS(r.briefdeckMedianMs)} median = ${r.ratio.toFixed(2)}× ${r.against} (${fmtS(r.marpMedianMs)})` +
        `  target ≤ ${r.target}×  ${r.ok ? 'OK' : 'MISSED'}`,
    );
  }
}

/** A briefing's YAML without its top-level `locations` and `map` blocks. */
function withoutMap(yaml) {
  return yaml.replace(/^(locations|map):.*\n(?:(?:[ \t#].*)?\n)*/gm, '');
}

/** Installs Marp CLI into .bench/marp unless it is already there. */
async function ensureMarp() {
  if (existsSync(MARP_CLI)) return;
  progress(`Installing ${MARP_SPEC} into ${path.relative(ROOT, MARP_DIR)} (once; not a project dependency)…`);
  await mkdir(MARP_DIR, { recursive: true });
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const args = ['install', '--prefix', MARP_DIR, MARP_SPEC, '--no-audit', '--no-fund', '--loglevel=error'];
  // Keep Puppeteer from downloading a browser of its own: the system Chromium is used.
  const env = { ...process.env, PUPPETEER_SKIP_DOWNLOAD: '1' };
  const { code, stdout, stderr } = await new Promise((resolve, reject) => {
    const child = spawn(npm, args, { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => {
      stdout += d;
    });
    child.stderr.on('data', (d) => {
      stderr += d;
    });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
  if (code !== 0 || !existsSync(MARP_CLI)) {
    throw new RunError(
      `could not install ${MARP_SPEC} (npm exited with ${code})`,
      `npm ${args.join(' ')}`,
      stdout,
      stderr,
    );
  }
}

async function chromiumVersion(chrome) {
  const { stdout } = await run(chrome, ['--version'], process.env).catch(() => ({ stdout: '' }));
  return stdout.trim().split('\n')[0] || 'Chromium (version unknown)';
}

/** A path under the repository relative to it, for messages; the temporary folder as $TMP. */
function shortPath(arg) {
  if (!path.isAbsolute(arg)) return arg;
  if (arg.startsWith(ROOT + path.sep)) return path.relative(ROOT, arg);
  if (arg.startsWith(os.tmpdir())) return arg.replace(/^.*briefdeck-bench-[^/\\]+/, '$TMP');
  return arg;
}

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

const round1 = (ms) => Math.round(ms * 10) / 10;
const fmtMs = (ms) => `${Math.round(ms)} ms`;
const fmtS = (ms) => `${(ms / 1000).toFixed(2)} s`;
const kb = (bytes) => `${Math.round(bytes / 1024)} kB`;
const progress = (message) => process.stderr.write(`${message}\n`);

class UsageError extends Error {}

class RunError extends Error {
  constructor(message, command, stdout, stderr) {
    super(message);
    this.command = command;
    this.stdout = stdout;
    this.stderr = stderr;
  }
}

try {
  process.exitCode = await main();
} catch (error) {
  if (error instanceof UsageError) {
    console.error(`bench: ${error.message}`);
    process.exitCode = 2;
  } else if (error instanceof RunError) {
    console.error(`\nbench: FAILED: ${error.message}\n  command: ${error.command}`);
    if (error.stderr.trim()) console.error(`  stderr:\n${indent(error.stderr)}`);
    if (error.stdout.trim()) console.error(`  stdout:\n${indent(error.stdout)}`);
    process.exitCode = 1;
  } else {
    console.error(error);
    process.exitCode = 1;
  }
}

function indent(text) {
  return text
    .trimEnd()
    .split('\n')
    .map((l) => `    ${l}`)
    .join('\n');
}
