/**
 * The previous version (a file, or `git:REV` in a temporary repository) and
 * `briefdeck diff`: its text and JSON, and its exit codes (0 no changes,
 * 1 changes, 2 trouble), called as `main` and once as the built command.
 */
import { execFileSync, spawn } from 'node:child_process';
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { type Changes, NotAtRevisionError, readPrevious } from '../src/changes/index.js';
import { type Io, main } from '../src/cli/index.js';
import { BriefingError, UsageError } from '../src/errors.js';
import { FIXTURES, ROOT, runCli, tempDir } from './_helpers.js';

const CHANGES = path.join(FIXTURES, 'changes');
const SAMPLE = readFileSync(path.join(ROOT, 'briefing.yaml'), 'utf8').replace('  logo: brand/logo.svg\n', '');
const EDITED = readFileSync(path.join(CHANGES, 'sample-edited.yaml'), 'utf8');

/** Runs `main` with its output kept. */
async function diff(
  cwd: string,
  ...args: string[]
): Promise<{ code: number; stdout: string; stderr: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const io: Io = {
    stdout: (line) => out.push(line),
    stderr: (line) => err.push(line),
    env: {},
    cwd,
    isTTY: false,
  };
  const code = await main(['diff', ...args], io);
  return { code, stdout: out.join('\n'), stderr: err.join('\n') };
}

/** A git repository with `sub/b.yaml` committed as the sample, then as the edited sample. */
function repository(): string {
  const dir = tempDir('git-');
  const git = (...args: string[]) => execFileSync('git', args, { cwd: dir, stdio: 'pipe' });
  git('init', '--quiet', '--initial-branch=main');
  git('config', 'user.name', 'Briefdeck Test');
  git('config', 'user.email', 'test@example.org');
  git('config', 'commit.gpgsign', 'false');
  mkdirSync(path.join(dir, 'sub', 'brand'), { recursive: true });
  // At the first revision the deck names a logo that is no longer there: it is not read.
  writeFileSync(path.join(dir, 'sub', 'b.yaml'), `${SAMPLE}  logo: brand/gone.svg\n`);
  git('add', '.');
  git('commit', '--quiet', '-m', 'v1');
  git('tag', 'v1');
  writeFileSync(path.join(dir, 'sub', 'b.yaml'), EDITED);
  writeFileSync(path.join(dir, 'sub', 'added.yaml'), EDITED);
  git('add', '.');
  git('commit', '--quiet', '-m', 'v2');
  writeFileSync(
    path.join(dir, 'sub', 'broken.yaml'),
    SAMPLE.replace('likelihood: 70%', 'likelihood: probable'),
  );
  git('add', '.');
  git('commit', '--quiet', '-m', 'broken');
  writeFileSync(path.join(dir, 'sub', 'broken.yaml'), SAMPLE);
  return dir;
}

describe('readPrevious', () => {
  let repo: string;
  beforeAll(() => {
    repo = repository();
  });

  it('reads a file, validated like any briefing', async () => {
    const previous = await readPrevious('briefing.yaml', 'tests/fixtures/changes/sample-edited.yaml', ROOT);
    expect(previous.version).toBe('1.0');
    expect(previous.file).toBe('briefing.yaml');
  });

  it('reports the problems of an invalid previous file, naming it', async () => {
    const error = await readPrevious('invalid.yaml', 'sample-edited.yaml', CHANGES).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BriefingError);
    expect((error as BriefingError).problems[0]).toMatchObject({
      file: 'invalid.yaml',
      path: 'risks[0].likelihood',
    });
  });

  it('reads git:REV: the file at that revision, from a subfolder of the repository', async () => {
    const sub = path.join(repo, 'sub');
    const previous = await readPrevious('git:HEAD~2', 'b.yaml', sub);
    expect(previous.version).toBe('1.0');
    expect(previous.file).toBe('HEAD~2:sub/b.yaml');
    expect((await readPrevious('git:v1', 'sub/b.yaml', repo)).version).toBe('1.0');
    expect((await readPrevious('git:HEAD', path.join(sub, 'b.yaml'), '/')).version).toBe('1.1');
  });

  it('says a file that is new since that revision is not there, as its own error', async () => {
    const error = await readPrevious('git:v1', 'added.yaml', path.join(repo, 'sub')).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NotAtRevisionError);
    expect(error).toBeInstanceOf(UsageError);
    expect(error).toMatchObject({ revision: 'v1', repoPath: 'sub/added.yaml' });
    expect((error as Error).message).toBe('sub/added.yaml is not at v1: it is new since then, or was moved');
  });

  it('reports an invalid file at a revision as REV:path', async () => {
    const error = await readPrevious('git:HEAD', 'broken.yaml', path.join(repo, 'sub')).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(BriefingError);
    expect((error as BriefingError).problems[0]).toMatchObject({
      file: 'HEAD:sub/broken.yaml',
      path: 'risks[0].likelihood',
    });
  });

  it('refuses what is not a revision, a revision that does not exist, and a folder outside git', async () => {
    const sub = path.join(repo, 'sub');
    const outside = tempDir('plain-');
    const cases: [string, string, string, RegExp][] = [
      ['git:HEAD~9', 'b.yaml', sub, /^git:HEAD~9: no such revision in the repository of b\.yaml$/],
      ['git:--output=x', 'b.yaml', sub, /does not name a revision/],
      ['git:', 'b.yaml', sub, /does not name a revision/],
      ['git:HEAD', 'b.yaml', outside, /^b\.yaml is not in a git repository/],
      ['git:HEAD', 'nowhere/b.yaml', outside, /its folder does not exist/],
    ];
    for (const [spec, file, cwd, message] of cases) {
      const error = await readPrevious(spec, file, cwd).catch((e: unknown) => e);
      expect(error, spec).toBeInstanceOf(UsageError);
      expect(error, spec).not.toBeInstanceOf(NotAtRevisionError);
      expect((error as Error).message, spec).toMatch(message);
    }
  });

  it('is a folder at that revision: not a briefing', async () => {
    const dir = tempDir('git-folder-');
    const git = (...args: string[]) => execFileSync('git', args, { cwd: dir, stdio: 'pipe' });
    git('init', '--quiet');
    git('config', 'user.name', 'T');
    git('config', 'user.email', 't@example.org');
    mkdirSync(path.join(dir, 'b.yaml'));
    writeFileSync(path.join(dir, 'b.yaml', 'x'), 'x');
    git('add', '.');
    git('-c', 'commit.gpgsign=false', 'commit', '--quiet', '-m', 'folder');
    const error = await readPrevious('git:HEAD', 'b.yaml', dir).catch((e: unknown) => e);
    expect((error as Error).message).toBe('b.yaml is not a file at HEAD');
  });
});

describe('briefdeck diff', () => {
  it('prints the changes and exits 1 when there are some', async () => {
    const result = await diff(ROOT, 'briefing.yaml', 'tests/fixtures/changes/sample-edited.yaml');
    expect(result.code).toBe(1);
    expect(result.stdout.split('\n')).toEqual([
      'Changes since version 1.0 (30 June 2015, 16:00 UTC)',
      'briefing.yaml → tests/fixtures/changes/sample-edited.yaml',
      '',
      'Actors',
      '  NEW      actors[7]  Tunisian volunteers',
      '',
      'Risks',
      '  UPDATED  risks[0]  IS reprisal attacks: likelihood',
      '           likely → very likely ▲',
      '           why: IS claimed two attacks near Qubba since 30 June.',
      '',
      'Recommendations',
      '  REMOVED  Create an environment in which civil society organisations can flourish.',
      '',
      '1 new, 1 updated, 1 removed; 1 judgment moved.',
    ]);
    expect(result.stderr).toBe('');
  });

  it('exits 0 when nothing changed', async () => {
    const result = await diff(ROOT, 'briefing.yaml', 'briefing.yaml');
    expect(result.code).toBe(0);
    expect(result.stdout.split('\n').at(-1)).toBe('No changes since version 1.0 (30 June 2015, 16:00 UTC).');
  });

  it('prints the Changes object with --format json', async () => {
    const result = await diff(
      ROOT,
      'briefing.yaml',
      'tests/fixtures/changes/sample-edited.yaml',
      '--format',
      'json',
    );
    expect(result.code).toBe(1);
    const changes = JSON.parse(result.stdout) as Changes;
    expect(changes.changed).toBe(true);
    expect(changes.since.heading).toBe('Changes since version 1.0 (30 June 2015, 16:00 UTC)');
    expect(changes.actors.items[7]).toMatchObject({ status: 'new', label: 'Tunisian volunteers' });
    expect(changes.recommendations.removed).toMatchObject([{ index: 2, path: 'recommendations[2]' }]);
    expect(changes.risks.items[0]?.judgments[0]).toMatchObject({
      from: 'likely',
      to: 'very likely',
      direction: 'up',
    });
  });

  it('prints a judgment moved without a reason, and warns of it at its place', async () => {
    const dir = tempDir('diff-');
    copyFileSync(path.join(ROOT, 'briefing.yaml'), path.join(dir, 'old.yaml'));
    mkdirSync(path.join(dir, 'brand'));
    copyFileSync(path.join(ROOT, 'brand', 'logo.svg'), path.join(dir, 'brand', 'logo.svg'));
    writeFileSync(
      path.join(dir, 'new.yaml'),
      SAMPLE.replace('    impact: high\n    confidence: low', '    impact: moderate\n    confidence: low'),
    );
    const result = await diff(dir, 'old.yaml', 'new.yaml');
    expect(result.code).toBe(1);
    expect(result.stdout).toContain(
      '  UPDATED  risks[2]  Extremists regain ground under DMSC watch: impact\n           impact high → moderate ▼\n           (no new change_note says why)',
    );
    expect(result.stderr).toMatch(
      /^warning new\.yaml:\d+:5: risks\[2\]: impact high → moderate ▼, without a change_note saying why; say why/,
    );
  });

  it('compares with git:REV', async () => {
    const repo = repository();
    const result = await diff(path.join(repo, 'sub'), 'git:v1', 'b.yaml');
    expect(result.code).toBe(1);
    expect(result.stdout.split('\n').slice(0, 2)).toEqual([
      'Changes since version 1.0 (30 June 2015, 16:00 UTC)',
      'v1:sub/b.yaml → b.yaml',
    ]);
    expect((await diff(path.join(repo, 'sub'), 'git:HEAD', 'b.yaml')).code).toBe(0);
    const added = await diff(path.join(repo, 'sub'), 'git:v1', 'added.yaml');
    expect(added.code).toBe(2);
    expect(added.stderr).toContain('error: sub/added.yaml is not at v1: it is new since then, or was moved');
  });

  it('exits 2 for trouble: no PREVIOUS, a wrong --format, three files, an invalid briefing', async () => {
    const none = await diff(ROOT);
    expect(none).toMatchObject({ code: 2, stdout: '' });
    expect(none.stderr).toContain('error: diff needs the previous version: briefdeck diff PREVIOUS [FILE]');
    expect((await diff(ROOT, 'briefing.yaml', 'briefing.yaml', '--format', 'yaml')).code).toBe(2);
    expect((await diff(ROOT, 'a.yaml', 'b.yaml', 'c.yaml')).code).toBe(2);
    const invalid = await diff(CHANGES, 'invalid.yaml', 'missing.yaml');
    expect(invalid.code).toBe(2);
    expect(invalid.stdout).toBe('');
    // Both files' problems, each naming its file.
    expect(invalid.stderr.split('\n')).toEqual([
      expect.stringMatching(
        /^invalid\.yaml:\d+:\d+: risks\[0\]\.likelihood: "probable" is not a likelihood term/,
      ),
      '1 problem found in invalid.yaml.',
      'missing.yaml:1:1: no such file',
      '1 problem found in missing.yaml.',
    ]);
  });

  it('is a command of the built CLI, with its exit codes', async () => {
    const changed = await runCli(ROOT, [
      'diff',
      'briefing.yaml',
      'tests/fixtures/changes/sample-edited.yaml',
    ]);
    expect(changed.code).toBe(1);
    expect(changed.stdout).toContain('  NEW      actors[7]  Tunisian volunteers');
    expect((await runCli(ROOT, ['diff', 'briefing.yaml'])).code).toBe(0);
    const help = await runCli(ROOT, ['--help']);
    expect(help.stdout).toContain('briefdeck diff PREVIOUS [FILE] [--format json]');
  });

  it('ends quietly when its reader stops reading (diff … | head -1)', async () => {
    // Sixty new risks against the sample: more than a pipe holds, so writes go on after the reader left.
    const child = spawn(
      process.execPath,
      [path.join(ROOT, 'bin', 'briefdeck.cjs'), 'diff', 'briefing.yaml', 'tests/fixtures/many-risks.yaml'],
      {
        cwd: ROOT,
        env: { ...process.env, NO_COLOR: '1' },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      stderr += chunk;
    });
    child.stdout.once('data', () => child.stdout.destroy());
    const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
    expect(stderr).toBe('');
    expect(code).toBe(1);
  });
});
