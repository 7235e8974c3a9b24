/**
 * Black box: the built CLI run as a process, the way a user runs it.
 */
import { execFile } from 'node:child_process';
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import type { ProblemJson } from '../src/errors.js';
import { ROOT, tempDir } from './_helpers.js';

const BIN = path.join(ROOT, 'bin', 'briefdeck.cjs');

async function run(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return runWith({}, ...args);
}

async function runWith(
  env: NodeJS.ProcessEnv,
  ...args: string[]
): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, [BIN, ...args], {
      cwd: ROOT,
      env: { ...process.env, NO_COLOR: '1', ...env },
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

describe('briefdeck (the built CLI)', () => {
  it('prints help with the options and their defaults, and the version', async () => {
    const help = await run('--help');
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('briefdeck build [FILE|DIR...]');
    expect(help.stdout).toMatch(/--timeout MS[\s\S]*default: 30000/);
    // Each form of a boolean that has two says what it does, not what the other does.
    expect(help.stdout).toMatch(/^ +--incremental +skip a briefing whose inputs and outputs are unchanged$/m);
    expect(help.stdout).toMatch(/^ +--no-incremental +do not check whether a briefing is up to date$/m);
    const version = await run('--version');
    expect(version.stdout.trim()).toBe(
      JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')).version,
    );
  });

  it('validates the sample', async () => {
    const result = await run('validate');
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^ok briefing\.yaml: \d+ actors/);
  });

  // A trial: build warned of a passed deadline, validate said only "ok".
  it('validates a briefing whose deadline has passed, with the warning a build gives', async () => {
    const result = await run('validate', 'tests/fixtures/decisions.yaml');
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^ok tests\/fixtures\/decisions\.yaml: /);
    expect(result.stderr).toMatch(
      /^warning tests\/fixtures\/decisions\.yaml:17:\d+: decisions\[0\]\.deadline: the deadline 2015-06-30T12:00Z had passed/,
    );
    const json = await run('validate', 'tests/fixtures/decisions.yaml', '--format', 'json');
    expect(json.stdout.trim()).toBe('[]');
  });

  it('reports every problem of an invalid briefing, one per line, without a stack, exit 1', async () => {
    const result = await run('validate', 'tests/fixtures/many-problems.yaml');
    expect(result.code).toBe(1);
    const lines = result.stderr.trim().split('\n');
    expect(
      lines
        .slice(0, -1)
        .every((line) => /^tests\/fixtures\/many-problems\.yaml:\d+:\d+: [\w.[\]]+: .+/.test(line)),
    ).toBe(true);
    expect(lines).toHaveLength(17);
    // validate never writes: it does not say that nothing was written (build does).
    expect(lines.at(-1)).toBe('16 problems found.');
    expect(result.stderr).not.toMatch(/\n\s+at /);
    const build = await run('build', 'tests/fixtures/many-problems.yaml', '-o', tempDir(), '--no-pdf');
    expect(build.code).toBe(1);
    expect(build.stderr.trim().split('\n').at(-1)).toBe('16 problems found; nothing was written.');
  });

  it('builds the deck without a browser with --no-pdf', async () => {
    const out = tempDir();
    const result = await run('build', 'briefing.yaml', '--no-pdf', '-o', out);
    expect(result.code).toBe(0);
    expect(statSync(path.join(out, 'briefing.html')).size).toBeGreaterThan(10_000);
    expect(existsSync(path.join(out, 'briefing.pdf'))).toBe(false);
  });

  it('builds the deck and the PDF', async () => {
    const out = tempDir();
    const result = await run('build', 'tests/fixtures/minimal.yaml', '-o', out, '--quiet');
    expect(result).toMatchObject({ code: 0, stderr: '' });
    expect(readFileSync(path.join(out, 'minimal.pdf')).subarray(0, 5).toString()).toBe('%PDF-');
  });

  it('writes the handout and the single-file deck when asked, and nothing else', async () => {
    const out = tempDir();
    const result = await run(
      'build',
      'tests/fixtures/minimal.yaml',
      '-o',
      out,
      '--handout',
      '--paper',
      'letter',
      '--single-file',
      '--quiet',
    );
    expect(result).toMatchObject({ code: 0, stderr: '' });
    const { readdirSync } = await import('node:fs');
    expect(readdirSync(out).sort()).toEqual([
      '.minimal.briefdeck.json',
      'briefdeck-assets',
      'minimal-handout.pdf',
      'minimal.html',
      'minimal.pdf',
      'minimal.single.html',
    ]);
    expect(readFileSync(path.join(out, 'minimal-handout.pdf')).subarray(0, 5).toString()).toBe('%PDF-');
    expect(readFileSync(path.join(out, 'minimal.single.html'), 'utf8')).not.toMatch(/src="briefdeck-assets/);
  });

  it('exits 2 on wrong usage, with a hint', async () => {
    for (const args of [
      ['--frobnicate'],
      ['validate', '-o', 'x'],
      ['publish'],
      ['build', '--timeout', 'soon'],
      ['build', '--theme', 'neon'],
      ['validate', 'a.yaml', 'b.yaml'],
      ['build', '--port', '8080'],
      ['validate', '--open'],
      ['build', '--paper', 'letter'],
      ['build', '--handout', '--paper', 'a5'],
      ['build', '--to', 'a@b.org'],
    ]) {
      const result = await run(...args);
      expect(result.code, args.join(' ')).toBe(2);
      expect(result.stderr, args.join(' ')).toMatch(/^error: .+\n.+/);
    }
  });

  it('exits 3 when the PDF cannot be made in time, saying what to do', async () => {
    const result = await run('build', 'tests/fixtures/minimal.yaml', '-o', tempDir(), '--timeout', '1');
    expect(result.code).toBe(3);
    expect(result.stderr).toMatch(/^error: (Timed out after 1 ms|Could not start the browser)/);
    expect(result.stderr).toMatch(/--timeout/);
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });

  // Found by a trial: --strict said "nothing was written", and the assets a deck needs were there.
  it('exits 3 under --strict when a slide overflows, saying truly what was not written', async () => {
    const dir = tempDir('strict-');
    const minimal = readFileSync(path.join(ROOT, 'tests', 'fixtures', 'minimal.yaml'), 'utf8');
    const long = Array(40).fill('The situation goes on with more words that fill the slide.').join(' ');
    writeFileSync(
      path.join(dir, 'b.yaml'),
      minimal.replace('summary: Something happened.', `summary: ${long}`),
    );
    const result = await run('build', path.join(dir, 'b.yaml'), '-o', path.join(dir, 'out'), '--strict');
    expect(result.code).toBe(3);
    expect(result.stderr).toMatch(/^warning .*b\.yaml:\d+:\d+: .*overflows by \d+px/m);
    expect(result.stderr).toContain(
      'error: 1 slide(s) overflow; no deck or PDF was written (--strict), the previous ones are as they were.',
    );
    expect(existsSync(path.join(dir, 'out', 'b.html'))).toBe(false);
    expect(existsSync(path.join(dir, 'out', 'b.pdf'))).toBe(false);
  });

  it('exits 3 when CHROME_PATH names no browser, rather than quietly using another', async () => {
    const result = await new Promise<{ code: number; stderr: string }>((resolve) => {
      execFile(
        process.execPath,
        [BIN, 'build', 'tests/fixtures/minimal.yaml', '-o', tempDir()],
        { cwd: ROOT, env: { ...process.env, NO_COLOR: '1', CHROME_PATH: '/nonexistent/chrome' } },
        (error, _stdout, stderr) => resolve({ code: (error as { code?: number } | null)?.code ?? 0, stderr }),
      );
    });
    expect(result.code).toBe(3);
    expect(result.stderr).toContain('CHROME_PATH=/nonexistent/chrome: not an executable browser.');
  });

  it('exits 1 for a file that does not exist', async () => {
    const result = await run('build', 'nope.yaml', '--no-pdf', '-o', tempDir());
    expect(result).toMatchObject({ code: 1 });
    expect(result.stderr).toContain('nope.yaml:1:1: no such file');
  });
});

describe('authoring help', () => {
  it('init writes a starter briefing that validates and builds, and never overwrites', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'new.yaml');
    const first = await run('init', file);
    expect(first.code).toBe(0);
    const text = readFileSync(file, 'utf8');
    expect(text.split('\n')[0]).toMatch(/^# yaml-language-server: \$schema=\S+briefing\.schema\.json$/);
    expect(text).toMatch(
      /almost no chance.*very unlikely.*unlikely.*roughly even chance.*likely.*very likely.*almost certain/s,
    );
    const valid = await run('validate', file);
    expect(valid.code).toBe(0);
    // One of each is counted as one, not as "1 risks".
    expect(valid.stdout.trim()).toBe(`ok ${file}: 2 actors, 1 risk, 1 recommendation`);
    const built = await run('build', file, '-o', path.join(dir, 'out'), '--no-pdf', '-q');
    expect(built.code).toBe(0);
    writeFileSync(file, 'mine\n');
    const again = await run('init', file);
    expect(again.code).toBe(2);
    expect(again.stderr).toContain('exists; init never overwrites a file');
    expect(readFileSync(file, 'utf8')).toBe('mine\n');
  });

  it('schema prints the JSON Schema the package ships', async () => {
    const result = await run('schema');
    expect(result.code).toBe(0);
    const schema = JSON.parse(result.stdout);
    expect(schema.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
    expect(schema).toEqual(
      JSON.parse(readFileSync(path.join(ROOT, 'schema', 'briefing.schema.json'), 'utf8')),
    );
  });

  it('validate --format json lists the same problems as the text, as data', async () => {
    const text = await run('validate', 'tests/fixtures/many-problems.yaml');
    const json = await run('validate', 'tests/fixtures/many-problems.yaml', '--format', 'json');
    expect(json.code).toBe(1);
    const problems = JSON.parse(json.stdout) as ProblemJson[];
    const lines = text.stderr.trim().split('\n').slice(0, -1);
    expect(problems).toHaveLength(lines.length);
    problems.forEach((p, i) => {
      expect(lines[i]).toBe(
        `${p.file}:${p.line}:${p.column}: ${p.path}: ${p.message}${p.hint ? `; ${p.hint}` : ''}`,
      );
    });
    const ok = await run('validate', 'briefing.yaml', '--format', 'json');
    expect(ok).toMatchObject({ code: 0, stdout: '[]\n' });
  });
});

describe('the output folder', () => {
  it('is checked before any work starts: a file, or inside an assets folder, is a usage error naming it', async () => {
    const dir = tempDir();
    writeFileSync(path.join(dir, 'a-file'), 'x');
    for (const [out, message] of [
      [path.join(dir, 'a-file'), 'is a file, not a folder'],
      [path.join(dir, 'a-file', 'sub'), 'cannot be made'],
      [path.join(dir, 'dist', 'briefdeck-assets', 'x'), "is inside a deck's briefdeck-assets folder"],
    ]) {
      const result = await run('build', 'briefing.yaml', '-o', out as string);
      expect(result.code, out).toBe(2);
      expect(result.stderr).toContain(`error: --out ${out}: ${message}`);
      expect(result.stderr).not.toMatch(/internal error|\n\s+at /);
    }
    const yaml = await run('build', 'briefing.yaml', '--out', 'briefing.yaml');
    expect(yaml.code).toBe(2);
    expect(yaml.stderr).toContain('error: --out briefing.yaml: is a file, not a folder');
  });
});

describe('briefdeck mail', () => {
  it('refuses a wrong address before building anything (exit 2), naming it', async () => {
    const out = path.join(tempDir(), 'out');
    const result = await run(
      'mail',
      'tests/fixtures/minimal.yaml',
      '-o',
      out,
      '--to',
      'a@b.org',
      '--cc',
      'desk@@example.org',
    );
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('"desk@@example.org"');
    expect(existsSync(out)).toBe(false);
    expect((await run('mail', 'tests/fixtures/minimal.yaml', '-o', out)).code).toBe(2);
    expect(
      (await run('mail', 'tests/fixtures/minimal.yaml', '-o', out, '--to', 'a@b.org', '--send')).code,
    ).toBe(2);
    expect(existsSync(out)).toBe(false);
  });

  it('writes a draft with the title as subject and the PDF and handout attached', async () => {
    const out = tempDir();
    const result = await run(
      'mail',
      'briefing.yaml',
      '-o',
      out,
      '--to',
      'Desk <desk@example.org>',
      '--handout',
      '-q',
    );
    expect(result.code).toBe(0);
    expect(result.stdout.trim()).toBe(path.join(out, 'briefing.eml'));
    const eml = readFileSync(path.join(out, 'briefing.eml'), 'utf8');
    expect(eml).toMatch(/^X-Unsent: 1\r?$/m);
    expect(eml).toMatch(/^Subject: \[UNCLASSIFIED\] ISIS in Libya: the fall of IS in Derna\r?$/m);
    expect(eml).toMatch(/^To: Desk <desk@example\.org>\r?$/m);
    expect(eml).toMatch(/filename=briefing\.pdf/);
    expect(eml).toMatch(/filename=briefing-handout\.pdf/);
  });

  it('keeps the draft and exits 3 with one line when sending fails, never showing the password', async () => {
    const { createServer } = await import('node:net');
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = (server.address() as { port: number }).port;
    await new Promise((resolve) => server.close(resolve));
    const out = tempDir();
    const result = await runWith(
      { BRIEFDECK_SMTP_URL: `smtp://desk:hunter2secret@127.0.0.1:${port}` },
      'mail',
      'tests/fixtures/minimal.yaml',
      '-o',
      out,
      '--to',
      'a@b.org',
      '--from',
      'desk@example.org',
      '--send',
      '-q',
    );
    expect(result.code).toBe(3);
    expect(result.stderr).toMatch(/^error: .*refused the connection/);
    expect(result.stderr).not.toContain('hunter2secret');
    expect(existsSync(path.join(out, 'minimal.eml'))).toBe(true);
  });
});

describe('Ctrl-C during a build', () => {
  it('closes the browser, removes its profile and temporary files, and keeps the previous PDF', async () => {
    const { spawn, execFileSync } = await import('node:child_process');
    const { mkdirSync, readdirSync } = await import('node:fs');
    const out = tempDir();
    const first = await run('build', 'tests/fixtures/long.yaml', '-o', out, '--quiet');
    expect(first.code).toBe(0);
    const before = readFileSync(path.join(out, 'long.pdf'));
    const tmp = path.join(tempDir(), 'tmp');
    mkdirSync(tmp);
    const child = spawn(process.execPath, [BIN, 'build', 'tests/fixtures/long.yaml', '-o', out, '--quiet'], {
      cwd: ROOT,
      env: { ...process.env, TMPDIR: tmp },
      stdio: 'ignore',
    });
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    // Wait until Chromium is up (its profile folder exists), then interrupt.
    const started = Date.now();
    while (readdirSync(tmp).length === 0 && Date.now() - started < 20_000)
      await new Promise((r) => setTimeout(r, 20));
    expect(readdirSync(tmp).length).toBeGreaterThan(0);
    child.kill('SIGINT');
    expect(await exited).toBe(130);
    await new Promise((r) => setTimeout(r, 300));
    const leftover = (() => {
      try {
        return execFileSync('pgrep', ['-f', tmp]).toString().trim();
      } catch {
        return '';
      }
    })();
    expect(leftover).toBe('');
    expect(readdirSync(tmp)).toEqual([]);
    expect(readdirSync(out).filter((name) => name.endsWith('.tmp'))).toEqual([]);
    expect(readFileSync(path.join(out, 'long.pdf'))).toEqual(before);
  });
});

describe('--templates mistakes', () => {
  it('are usage errors naming the file, not crashes', async () => {
    const { mkdirSync, writeFileSync } = await import('node:fs');
    const dir = path.join(tempDir(), 'partials');
    mkdirSync(dir);
    writeFileSync(path.join(dir, 'sources.hbs'), '{{#> slide}}<p>{{title}</p>{{/slide}}');
    const broken = await run('build', '--no-pdf', '-o', tempDir(), '--templates', dir);
    expect(broken.code).toBe(2);
    expect(broken.stderr).toContain(`${path.join(dir, 'sources.hbs')}: Parse error on line 1:`);
    writeFileSync(path.join(dir, 'sources.hbs'), '{{#> slide}}{{> nothere}}{{/slide}}');
    const missing = await run('build', '--no-pdf', '-o', tempDir(), '--templates', dir);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('The partial nothere could not be found');
    const nowhere = await run('build', '--no-pdf', '-o', tempDir(), '--templates', '/nonexistent/dir');
    expect(nowhere.code).toBe(2);
    expect(nowhere.stderr).toContain('not a folder');
    expect(`${broken.stderr}${missing.stderr}${nowhere.stderr}`).not.toMatch(/\n\s+at /);
  });
});
