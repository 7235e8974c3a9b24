import {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { build } from '../src/batch.js';
import { BriefingError, UsageError } from '../src/errors.js';
import { loadBriefing } from '../src/format/load.js';
import { validateBriefing } from '../src/format/validate.js';
import { printable } from '../src/terminalText.js';
import { BIN, FIXTURES, runCli, tempDir } from './_helpers.js';

const MINIMAL = readFileSync(path.join(FIXTURES, 'minimal.yaml'), 'utf8');

const run = (cwd: string, ...args: string[]) => runCli(cwd, args);

/** A folder holding `files` (name → YAML text). */
function folder(files: Record<string, string>): string {
  const dir = tempDir('hard-');
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    writeFileSync(path.join(dir, name), text);
  }
  return dir;
}

async function problemsOf(text: string): Promise<string[]> {
  const dir = folder({ 'b.yaml': text });
  try {
    await validateBriefing(await loadBriefing('b.yaml', { cwd: dir }));
    return [];
  } catch (error) {
    if (!(error instanceof BriefingError)) throw error;
    return error.lines().slice(0, -1);
  }
}

describe('terminal escapes (item 5)', () => {
  it('shows control and bidi characters escaped, and leaves other text as it is', () => {
    expect(printable('a\u001b]0;owned\u0007b')).toBe('a\\u001b]0;owned\\u0007b');
    expect(printable('x\u001b[31my\r\nz\u202e\u2066')).toBe('x\\u001b[31my\\r\\nz\\u202e\\u2066');
    expect(printable('Derna – درنة, Zürich "ok"\ttab')).toBe('Derna – درنة, Zürich "ok"\\ttab');
  });

  it('never lets a key, a value or a file name from a briefing reach the terminal raw', async () => {
    const evil = '\u001b]0;pwned\u0007\u001b[31m';
    const dir = folder({
      [`x${evil}.yaml`]: `${MINIMAL}"k${evil}": 1\n`.replace(
        'likelihood: unlikely',
        `likelihood: "u${evil}"`,
      ),
    });
    const file = readdirSync(dir)[0] as string;
    for (const args of [
      ['validate', file],
      ['build', file, '--no-pdf'],
      ['build', '.', '--no-pdf'],
    ]) {
      const { code, stdout, stderr } = await run(dir, ...args);
      expect(code).toBe(1);
      // No ESC and no BEL at all: the colours are off (NO_COLOR), so any would be the briefing's.
      expect(stdout + stderr).not.toContain('\u001b');
      expect(stdout + stderr).not.toContain('\u0007');
      expect(stderr).toContain('\\u001b]0;pwned\\u0007');
    }
  });
});

describe('output names that clash across outputs (item 6)', () => {
  it("refuses a batch where one briefing would write over another one's output, naming both", async () => {
    const dir = folder({ 'in/a.yaml': MINIMAL, 'in/a-handout.yaml': MINIMAL });
    const { code, stderr } = await run(dir, 'build', 'in', '--handout', '-o', 'out');
    expect(code).toBe(2);
    expect(stderr).toMatch(/in\/a-handout\.yaml and in\/a\.yaml would both write a-handout\.pdf/);
    expect(existsSync(path.join(dir, 'out'))).toBe(false);
    // The same folder without the outputs that clash builds.
    const plain = await run(dir, 'build', 'in', '--no-pdf', '-o', 'out');
    expect(plain.code, plain.stderr).toBe(0);
  });

  it('finds the clash of a single file with another deck', async () => {
    const dir = folder({ 'a.yaml': MINIMAL, 'a.single.yaml': MINIMAL });
    await expect(
      build({ inputs: ['a.yaml', 'a.single.yaml'], cwd: dir, pdf: false, singleFile: true }),
    ).rejects.toThrow(/a\.yaml and a\.single\.yaml would both write a\.single\.html/);
  });
});

describe('file-system refusals while writing (item 9)', () => {
  it('names the path, exits 3, writes nothing for that briefing and builds the others', async () => {
    const dir = folder({ 'in/a.yaml': MINIMAL, 'in/b.yaml': MINIMAL });
    mkdirSync(path.join(dir, 'out', 'a.pdf'), { recursive: true });
    const { code, stderr } = await run(dir, 'build', 'in', '-o', 'out');
    expect(code).toBe(3);
    expect(stderr).toContain(
      `could not write ${path.join(dir, 'out', 'a.pdf')}: a folder stands where the file goes`,
    );
    expect(stderr).not.toMatch(/internal error|interrupted|browser was closed/i);
    expect(stderr).toContain('1 built, 0 unchanged, 0 invalid, 1 failed');
    // a's deck was not written without its PDF; b was built in full.
    expect(existsSync(path.join(dir, 'out', 'a.html'))).toBe(false);
    expect(existsSync(path.join(dir, 'out', 'b.html'))).toBe(true);
    expect(existsSync(path.join(dir, 'out', 'b.pdf'))).toBe(true);
  });

  it('says which file stands where an assets folder goes', async () => {
    const dir = folder({ 'a.yaml': MINIMAL });
    mkdirSync(path.join(dir, 'out', 'briefdeck-assets'), { recursive: true });
    writeFileSync(path.join(dir, 'out', 'briefdeck-assets', 'reveal'), 'in the way');
    const { code, stderr } = await run(dir, 'build', 'a.yaml', '--no-pdf', '-o', 'out');
    expect(code).toBe(3);
    expect(stderr).toContain(
      `could not write ${path.join(dir, 'out', 'briefdeck-assets', 'reveal')}: a file stands where a folder is needed`,
    );
    expect(stderr).not.toContain('internal error');
  });

  it('returns the briefing as failed from the API instead of rejecting', async () => {
    const dir = folder({ 'a.yaml': MINIMAL, 'b.yaml': MINIMAL });
    mkdirSync(path.join(dir, 'dist', 'a.html'), { recursive: true });
    const report = await build({ inputs: ['a.yaml', 'b.yaml'], cwd: dir, pdf: false });
    expect(report.briefings.map((b) => b.status)).toEqual(['failed', 'built']);
    expect(report.briefings[0]?.error?.message).toContain('a.html: a folder stands where the file goes');
    expect(report.exitCode).toBe(3);
  });
});

describe('symlinked briefings in a folder (item 13)', () => {
  it('builds a briefing that is a symlink to a file, and does not follow a symlinked folder', async () => {
    const dir = folder({ 'real/a.yaml': MINIMAL });
    mkdirSync(path.join(dir, 'in'));
    symlinkSync(path.join(dir, 'real', 'a.yaml'), path.join(dir, 'in', 'linked.yaml'));
    symlinkSync(path.join(dir, 'in'), path.join(dir, 'in', 'loop'));
    const { code, stderr } = await run(dir, 'build', 'in', '--recursive', '--no-pdf', '-o', 'out');
    expect(code, stderr).toBe(0);
    expect(readdirSync(path.join(dir, 'out')).filter((name) => name.endsWith('.html'))).toEqual([
      'linked.html',
    ]);
  });
});

describe('echoed values (item 15)', () => {
  it('cuts a huge enum value in its message', async () => {
    const huge = 'x'.repeat(900_000);
    const lines = await problemsOf(MINIMAL.replace('likelihood: unlikely', `likelihood: ${huge}`));
    expect(lines).toHaveLength(1);
    expect(lines[0]?.length).toBeLessThan(400);
    expect(lines[0]).toContain('"xxxxxxxx');
  });
});

describe("the API's options (item 16)", () => {
  const cases: [string, Record<string, unknown>, RegExp][] = [
    ['a paper that does not exist', { handout: 'a5' }, /handout takes a4 or letter, got "a5"/],
    [
      'a timeout that is not a number',
      { timeoutMs: Number.NaN },
      /timeoutMs takes a whole number of milliseconds, got NaN/,
    ],
    ['a negative timeout', { timeoutMs: -5 }, /timeoutMs takes/],
    ['a list holding null', { inputs: [null] }, /inputs\[0\] must be a path, got null/],
    ['no inputs at all', { inputs: undefined }, /inputs takes a path or a list of paths/],
    ['jobs as a fraction', { jobs: 1.5 }, /jobs takes a whole number ≥ 1, got 1\.5/],
    ['pdf as a string', { pdf: 'no' }, /pdf takes a boolean, got "no"/],
    ['a theme file instead of a built-in', { theme: 'mine.css' }, /theme takes a built-in theme/],
    ['an aspect that does not exist', { aspect: '21:9' }, /aspect takes 16:9 or 4:3, got "21:9"/],
    ['a callback that is not a function', { onBriefing: 'print' }, /onBriefing takes a function/],
  ];
  it.each(cases)('refuses %s with a UsageError before building anything', async (_, options, message) => {
    const dir = folder({ 'a.yaml': MINIMAL });
    const error = await build({ inputs: 'a.yaml', cwd: dir, pdf: false, ...options } as never).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(UsageError);
    expect((error as Error).message).toMatch(message);
    expect(existsSync(path.join(dir, 'dist'))).toBe(false);
  });

  it('takes the same values the command line does', async () => {
    const dir = folder({ 'a.yaml': MINIMAL });
    const report = await build({
      inputs: ['a.yaml'],
      cwd: dir,
      pdf: false,
      handout: false,
      jobs: 1,
      timeoutMs: 5000,
    });
    expect(report.exitCode).toBe(0);
  });
});

describe('look-alike names (item 17)', () => {
  it('refuses a zero-width or bidi character in a name, at its place', async () => {
    const text = MINIMAL.replace(
      '    role: Did it.\n',
      '    role: Did it.\n  - name: "Someone\u200b"\n    role: Twin.\n  - name: "\u202eenoemos"\n    role: Mirror.\n',
    );
    const lines = await problemsOf(text);
    expect(lines).toEqual([
      expect.stringMatching(/^b\.yaml:8:19: actors\[1\]\.name: holds the invisible character U\+200B/),
      expect.stringMatching(/^b\.yaml:10:12: actors\[2\]\.name: holds the invisible character U\+202E/),
    ]);
  });

  it('compares names after NFKC, so a full-width twin is a duplicate', async () => {
    const text = MINIMAL.replace(
      '    role: Did it.\n',
      '    role: Did it.\n  - name: Ｓomeone\n    role: Twin.\n',
    );
    expect(await problemsOf(text)).toEqual([
      expect.stringMatching(
        /actors\[1\]\.name: duplicate actor name "Someone" \(first used at actors\[0\]\.name\)/,
      ),
    ]);
  });

  it('matches a relation written in another normal form', async () => {
    const text = MINIMAL.replace(
      '    role: Did it.\n',
      '    role: Did it.\n  - name: Café\n    role: Other.\n    relations:\n      - with: Someone\n        type: conflict\n  - name: Third\n    role: x\n    relations:\n      - with: "Cafe\u0301"\n        type: support\n',
    );
    expect(await problemsOf(text)).toEqual([]);
  });
});

describe('control characters in text (item 18)', () => {
  it('refuses a raw NUL or ESC in any text field, at its place, and writes nothing', async () => {
    const text = MINIMAL.replace('title: Minimal briefing', 'title: Mini\u0000mal').replace(
      'summary: Something happened.',
      'summary: Some\u001b[2Jthing.',
    );
    const lines = await problemsOf(text);
    expect(lines).toEqual([
      expect.stringMatching(/^b\.yaml:2:12: title: holds the control character U\+0000/),
      expect.stringMatching(/^b\.yaml:4:16: situation\.summary: holds the control character U\+001B/),
    ]);
    const dir = folder({ 'b.yaml': text });
    const { code } = await run(dir, 'build', 'b.yaml', '--no-pdf');
    expect(code).toBe(1);
    expect(existsSync(path.join(dir, 'dist'))).toBe(false);
  });

  it('keeps tabs and line breaks', async () => {
    const text = MINIMAL.replace('summary: Something happened.', 'summary: "Some\\tthing\\nhappened."');
    expect(await problemsOf(text)).toEqual([]);
  });
});

describe('watch --open (issue 14, item 2)', () => {
  it('gives the browser a file only this user can read, never the token on a command line, and removes it', async () => {
    const dir = folder({ 'brief.yaml': MINIMAL });
    // A stand-in for the desktop's opener: it records the command line it was given.
    const bin = path.join(dir, 'bin');
    mkdirSync(bin);
    const record = path.join(dir, 'opened.txt');
    writeFileSync(path.join(bin, 'xdg-open'), `#!/bin/sh\necho "$@" > "${record}"\n`, { mode: 0o755 });
    const { spawn } = await import('node:child_process');
    const child = spawn(process.execPath, [BIN, 'watch', 'brief.yaml', '--no-pdf', '--open', '-o', 'out'], {
      cwd: dir,
      env: { ...process.env, NO_COLOR: '1', PATH: `${bin}:${process.env.PATH}` },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      stdout += chunk;
    });
    const exited = new Promise((resolve) => child.on('exit', resolve));
    try {
      await expect.poll(() => existsSync(record), { timeout: 20_000 }).toBe(true);
      const opened = readFileSync(record, 'utf8').trim();
      expect(opened).toMatch(/^file:\/\//);
      expect(opened).not.toContain('token');
      const file = new URL(opened).pathname;
      expect(statSync(file).mode & 0o777).toBe(0o600);
      const url = stdout.trim().split('\n')[0] as string;
      expect(url).toMatch(/\?token=/);
      expect(readFileSync(file, 'utf8')).toContain(url);
      child.kill('SIGINT');
      await exited;
      expect(existsSync(file)).toBe(false);
    } finally {
      child.kill('SIGKILL');
    }
  });
});

describe('validate --format json (item 5)', () => {
  it('writes C1 and bidi controls as escapes, so the JSON on a terminal is the JSON read', async () => {
    const dir = folder({ 'c.yaml': 'title: x\nbo\u009b2Jgus\u202e: 1\n' });
    const { stdout } = await run(dir, 'validate', 'c.yaml', '--format', 'json');
    expect(stdout).not.toMatch(/[\u0080-\u009f\u202e]/);
    expect(stdout).toContain('bo\\u009b2Jgus\\u202e');
    const problems = JSON.parse(stdout) as { path: string }[];
    expect(problems.map((p) => p.path)).toContain('bo\u009b2Jgus\u202e');
  });
});

describe('found by review', () => {
  it('builds into an output folder that is a symlink to a folder', async () => {
    const dir = folder({ 'a.yaml': MINIMAL });
    mkdirSync(path.join(dir, 'real'));
    symlinkSync(path.join(dir, 'real'), path.join(dir, 'dist'));
    const { code, stderr } = await run(dir, 'build', 'a.yaml', '--no-pdf');
    expect(code, stderr).toBe(0);
    expect(existsSync(path.join(dir, 'real', 'a.html'))).toBe(true);
  });

  it('says a broken partial once, not once for each briefing', async () => {
    const dir = folder({
      'a.yaml': MINIMAL,
      'b.yaml': MINIMAL,
      'tpl/title.hbs': '<section>{{> nope}}</section>\n',
    });
    const { code, stderr } = await run(dir, 'build', 'a.yaml', 'b.yaml', '--no-pdf', '--templates', 'tpl');
    expect(code).toBe(2);
    expect(stderr.match(/The partial nope could not be found/g)).toHaveLength(1);
    expect(stderr).not.toContain('UsageError');
  });

  it('keeps a name as written and takes the joiners that spell it, while comparing in NFKC', async () => {
    const persian = 'می\u200cخواهم';
    const text = MINIMAL.replace(
      '    role: Did it.\n',
      `    role: Did it.\n  - name: "${persian}"\n    role: Other.\n  - name: ＵＮ ﬁrm\n    role: Third.\n`,
    );
    expect(await problemsOf(text)).toEqual([]);
    const dir = folder({ 'b.yaml': text });
    const briefing = await validateBriefing(await loadBriefing('b.yaml', { cwd: dir }));
    expect(briefing.actors.map((actor) => actor.name)).toEqual(['Someone', persian, 'ＵＮ ﬁrm']);
    // A joiner beside ASCII joins nothing: refused, so "A" and "A" + ZWJ cannot be two actors.
    expect(await problemsOf(MINIMAL.replace('name: Someone', 'name: "Some\u200done"'))).toEqual([
      expect.stringMatching(/holds the invisible character U\+200D/),
    ]);
  });

  it('takes --no-X for any switch, and --help over anything else on the line', async () => {
    const dir = folder({ 'a.yaml': MINIMAL });
    expect((await run(dir, 'build', 'a.yaml', '--no-pdf', '--no-strict', '--no-handout')).code).toBe(0);
    const help = await run(dir, 'build', '--port', '3', '--help');
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('briefdeck build [FILE|DIR...]');
  });
});
