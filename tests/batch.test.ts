/**
 * Many briefings in one run: the CLI on a folder of valid, invalid and
 * overflowing briefings, each output compared with its single build; name
 * clashes; the typed API used the way a program uses it (from the built
 * package); Ctrl-C in the middle of a batch.
 */
import { spawn } from 'node:child_process';
import { cpSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BIN, FIXTURES, ROOT, readPdf, runCli, tempDir } from './_helpers.js';

const run = (cwd: string, ...args: string[]) => runCli(cwd, args);

/** A folder of briefings: the sample (with its logo), the minimal one, the long one, an invalid one, one that overflows. */
function briefingsFolder(): string {
  const dir = tempDir('batch-');
  const briefings = path.join(dir, 'briefings');
  mkdirSync(briefings);
  cpSync(path.join(ROOT, 'briefing.yaml'), path.join(briefings, 'sample.yaml'));
  cpSync(path.join(ROOT, 'brand'), path.join(briefings, 'brand'), { recursive: true });
  cpSync(path.join(FIXTURES, 'minimal.yaml'), path.join(briefings, 'minimal.yml'));
  cpSync(path.join(FIXTURES, 'long.yaml'), path.join(briefings, 'long.yaml'));
  cpSync(path.join(FIXTURES, 'unknown-key.yaml'), path.join(briefings, 'broken.yaml'));
  const huge = Array.from({ length: 400 }, (_, i) => `word${i}`).join(' ');
  writeFileSync(
    path.join(briefings, 'overflowing.yaml'),
    readFileSync(path.join(FIXTURES, 'minimal.yaml'), 'utf8').replace(
      '    role: Did it.\n',
      `    role: Did it.\n  - name: Someone else\n    role: "${huge}"\n`,
    ),
  );
  writeFileSync(path.join(briefings, 'notes.txt'), 'not a briefing');
  return dir;
}

describe('briefdeck build on a folder', () => {
  let dir: string;
  let batch: Awaited<ReturnType<typeof run>>;

  beforeAll(async () => {
    dir = briefingsFolder();
    batch = await run(dir, 'build', 'briefings', '-o', 'out', '--jobs', '2');
  }, 120_000);

  it('builds every valid briefing, lists the problems of the invalid one, and exits with the worst code', () => {
    expect(batch.code).toBe(1);
    expect(batch.stderr).toMatch(/^briefings\/broken\.yaml:\d+:\d+: /m);
    expect(batch.stderr).toMatch(
      /problems? found in briefings\/broken\.yaml; nothing was written for it\.$/m,
    );
    expect(batch.stderr).toMatch(
      /^warning briefings\/overflowing\.yaml:\d+:\d+: actors\[1\]: slide "Actors[^"]*" overflows/m,
    );
    expect(batch.stderr.trim().split('\n').at(-1)).toMatch(
      /^4 built, 0 unchanged, 1 invalid, 0 failed in \d+\.\d s$/,
    );
  });

  it('leaves nothing else in the output folder', () => {
    const names = readdirSync(path.join(dir, 'out')).sort();
    expect(names).toEqual([
      '.long.briefdeck.json',
      '.minimal.briefdeck.json',
      '.overflowing.briefdeck.json',
      '.sample.briefdeck.json',
      'briefdeck-assets',
      'long.html',
      'long.pdf',
      'minimal.html',
      'minimal.pdf',
      'overflowing.html',
      'overflowing.pdf',
      'sample.html',
      'sample.pdf',
    ]);
    // Hidden files are temporary, but for each briefing's record of its build (incremental builds).
    const hidden = readdirSync(path.join(dir, 'out'), { recursive: true }).filter(
      (name) => /(^|\/)\.|\.tmp$/.test(String(name)) && !/^\.[^/]+\.briefdeck\.json$/.test(String(name)),
    );
    expect(hidden).toEqual([]);
  });

  it('writes for each briefing the HTML and the pages a single build of it writes', async () => {
    for (const name of ['sample.yaml', 'minimal.yml', 'long.yaml']) {
      const out = tempDir('single-');
      const single = await run(dir, 'build', path.join('briefings', name), '-o', out, '-q');
      expect(single.code).toBe(0);
      const base = name.replace(/\.ya?ml$/, '');
      expect(readFileSync(path.join(dir, 'out', `${base}.html`))).toEqual(
        readFileSync(path.join(out, `${base}.html`)),
      );
      const [inBatch, alone] = await Promise.all([
        readPdf(path.join(dir, 'out', `${base}.pdf`)),
        readPdf(path.join(out, `${base}.pdf`)),
      ]);
      expect(inBatch.pages).toEqual(alone.pages);
      expect(inBatch.pageSizes).toEqual(alone.pageSizes);
      expect(inBatch.outline).toEqual(alone.outline);
    }
  });

  it('refuses two briefings with the same name before building anything (exit 2)', async () => {
    const other = path.join(dir, 'other');
    mkdirSync(other);
    cpSync(path.join(FIXTURES, 'minimal.yaml'), path.join(other, 'long.yaml'));
    const out = path.join(dir, 'clash-out');
    const result = await run(dir, 'build', 'briefings', 'other', '-o', out);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(
      'error: briefings/long.yaml and other/long.yaml would both write long.html',
    );
    expect(() => readdirSync(out)).toThrow();
  });

  it('finds briefings in subfolders with --recursive only', async () => {
    const root = tempDir('recursive-');
    mkdirSync(path.join(root, 'a', 'b'), { recursive: true });
    cpSync(path.join(FIXTURES, 'minimal.yaml'), path.join(root, 'a', 'b', 'deep.yaml'));
    const flat = await run(root, 'build', 'a', '--no-pdf', '-o', 'out');
    expect(flat.code).toBe(2);
    expect(flat.stderr).toContain('a: no briefing (*.yaml, *.yml) in this folder');
    const deep = await run(root, 'build', 'a', '--recursive', '--no-pdf', '-o', 'out');
    expect(deep.code).toBe(0);
    expect(readdirSync(path.join(root, 'out'))).toContain('deep.html');
  });
});

describe('Ctrl-C in the middle of a batch', () => {
  it('stops, leaving only complete outputs and no temporary file', async () => {
    const dir = tempDir('batch-stop-');
    const briefings = path.join(dir, 'in');
    mkdirSync(briefings);
    for (let n = 1; n <= 12; n++)
      cpSync(path.join(FIXTURES, 'long.yaml'), path.join(briefings, `long-${n}.yaml`));
    const out = path.join(dir, 'out');
    const child = spawn(process.execPath, [BIN, 'build', 'in', '-o', 'out', '--jobs', '2'], {
      cwd: dir,
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    // Interrupt once the first briefings are done.
    const started = Date.now();
    const done = () => {
      try {
        return readdirSync(out).filter((name) => name.endsWith('.pdf')).length;
      } catch {
        return 0;
      }
    };
    while (done() < 2 && Date.now() - started < 60_000) await new Promise((r) => setTimeout(r, 20));
    child.kill('SIGINT');
    expect(await exited).toBe(130);
    const names = readdirSync(out).filter((name) => name !== 'briefdeck-assets');
    expect(
      names.filter(
        (name) => (name.startsWith('.') && !name.endsWith('.briefdeck.json')) || name.endsWith('.tmp'),
      ),
    ).toEqual([]);
    const pdfs = names.filter((name) => name.endsWith('.pdf')).map((name) => name.slice(0, -4));
    const htmls = names.filter((name) => name.endsWith('.html')).map((name) => name.slice(0, -5));
    expect(pdfs.length).toBeGreaterThanOrEqual(2);
    expect(pdfs.length).toBeLessThan(12);
    // Every deck has its PDF and every PDF is whole.
    expect(htmls.sort()).toEqual(pdfs.sort());
    for (const name of pdfs) {
      const bytes = readFileSync(path.join(out, `${name}.pdf`)).toString('latin1');
      expect(bytes.startsWith('%PDF-')).toBe(true);
      expect(bytes.trimEnd().endsWith('%%EOF')).toBe(true);
    }
  });
});

describe('the typed API, as a program uses it', () => {
  // The built package, as `import { build } from 'briefdeck'` loads it (typed by its source).
  type Api = typeof import('../src/index.js');
  let api: Api;
  beforeAll(async () => {
    api = (await import(path.join(ROOT, 'lib', 'index.js'))) as Api;
  });
  afterAll(() => {});

  it('builds one briefing and returns its outputs as data, printing nothing', async () => {
    const out = tempDir('api-one-');
    const writes: string[] = [];
    const write = process.stderr.write;
    process.stderr.write = ((chunk: string) => {
      writes.push(String(chunk));
      return true;
    }) as typeof process.stderr.write;
    let report: Awaited<ReturnType<Api['build']>>;
    try {
      report = await api.build({ inputs: 'tests/fixtures/minimal.yaml', cwd: ROOT, outDir: out });
    } finally {
      process.stderr.write = write;
    }
    expect(writes).toEqual([]);
    expect(report.exitCode).toBe(0);
    expect(report.briefings).toEqual([
      expect.objectContaining({
        file: 'tests/fixtures/minimal.yaml',
        name: 'minimal',
        status: 'built',
        slideCount: expect.any(Number),
        overflows: [],
        problems: [],
        outputs: { html: path.join(out, 'minimal.html'), pdf: path.join(out, 'minimal.pdf') },
      }),
    ]);
  });

  it('builds many with a caller’s browser, which it leaves open, and reports problems as data', async () => {
    const out = tempDir('api-many-');
    const browser = new api.BrowserSession({ env: process.env, timeoutMs: 60_000, keepPage: true });
    try {
      const done: string[] = [];
      const report = await api.build({
        inputs: ['tests/fixtures/minimal.yaml', 'tests/fixtures/unknown-key.yaml', 'briefing.yaml'],
        cwd: ROOT,
        outDir: out,
        browser,
        jobs: 2,
        handout: true,
        onBriefing: (outcome) => done.push(outcome.name),
      });
      expect(report).toMatchObject({ built: 2, invalid: 1, failed: 0, exitCode: 1 });
      expect(done.sort()).toEqual(['briefing', 'minimal', 'unknown-key']);
      const invalid = report.briefings.find((b) => b.name === 'unknown-key');
      expect(invalid?.problems[0]).toMatchObject({
        file: 'tests/fixtures/unknown-key.yaml',
        line: expect.any(Number),
      });
      expect(invalid?.outputs).toEqual({});
      expect(report.briefings.find((b) => b.name === 'briefing')?.outputs.handout).toBe(
        path.join(out, 'briefing-handout.pdf'),
      );
      // Still usable: the run did not close it.
      const again = await api.build({
        inputs: 'tests/fixtures/minimal.yaml',
        cwd: ROOT,
        outDir: out,
        browser,
      });
      expect(again.exitCode).toBe(0);
    } finally {
      await browser.close();
    }
  });

  it('gives a warning at a place in the file with its problem, as data', async () => {
    const warnings: { file: string; message: string; problem?: unknown }[] = [];
    const report = await api.build({
      inputs: 'tests/fixtures/decisions.yaml',
      cwd: ROOT,
      outDir: tempDir('api-warnings-'),
      pdf: false,
      onWarning: (file, message, problem) => warnings.push({ file, message, problem }),
    });
    expect(report.exitCode).toBe(0);
    const passed = warnings.filter(({ message }) => message.includes('had passed'));
    expect(passed).toHaveLength(2);
    expect(passed[0]).toEqual({
      file: 'tests/fixtures/decisions.yaml',
      message: expect.stringMatching(
        /^tests\/fixtures\/decisions\.yaml:17:\d+: decisions\[0\]\.deadline: the deadline 2015-06-30T12:00Z had passed/,
      ),
      problem: expect.objectContaining({
        file: 'tests/fixtures/decisions.yaml',
        line: 17,
        path: 'decisions[0].deadline',
        message: expect.stringMatching(/^the deadline 2015-06-30T12:00Z had passed/),
      }),
    });
  });

  it('throws a usage error for a request that cannot start, and builds nothing', async () => {
    const out = path.join(tempDir('api-usage-'), 'out');
    await expect(api.build({ inputs: [], cwd: ROOT, outDir: out })).rejects.toBeInstanceOf(api.UsageError);
    await expect(
      api.build({ inputs: 'briefing.yaml', cwd: ROOT, outDir: out, theme: 'neon' }),
    ).rejects.toThrow(/built-in theme/);
    expect(() => readdirSync(out)).toThrow();
  });
});

describe('the public API', () => {
  it('is build, validate, the schema, the browser to share, and the result and problem types: nothing internal', async () => {
    const api = await import(path.join(ROOT, 'lib', 'index.js'));
    expect(Object.keys(api).sort()).toEqual([
      'BriefingError',
      'BrowserSession',
      'DEFAULT_JOBS',
      'RenderError',
      'UsageError',
      'UserError',
      'briefingSchema',
      'build',
      'problemsAsJson',
      'validate',
    ]);
  });

  it('validates a file into the typed briefing, or lists every problem', async () => {
    const api = (await import(path.join(ROOT, 'lib', 'index.js'))) as typeof import('../src/index.js');
    const briefing = await api.validate('briefing.yaml', { cwd: ROOT });
    expect(briefing.title).toContain('Derna');
    const error = await api
      .validate('tests/fixtures/many-problems.yaml', { cwd: ROOT })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(api.BriefingError);
    expect((error as InstanceType<typeof api.BriefingError>).problems.length).toBeGreaterThan(1);
  });
});
