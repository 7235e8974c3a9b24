/**
 * The previous version of a briefing, read and validated like any briefing:
 * a file (`old/briefing.yaml`), or `git:REV`, the current file as it was at
 * a git revision (`git:HEAD~1`, `git:main`, `git:v1.0`). Its problems are
 * reported as usual, naming it: the file as given, or `REV:path` as git
 * names a file at a revision (`HEAD~1:briefings/libya.yaml`).
 *
 * At a revision, the briefing's `deck` settings are left out before it is
 * validated: its theme and logo are files at that revision, not on disk,
 * and what changed never includes them.
 */
import { execFile } from 'node:child_process';
import { stat } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { isMap } from 'yaml';
import { BriefingError, UsageError } from '../errors.js';
import type { Briefing } from '../format/briefing.js';
import { loadBriefing, MAX_FILE_BYTES, parseBriefing } from '../format/load.js';
import { validateBriefing } from '../format/validate.js';
import { printable } from '../terminalText.js';

/** What names a git revision: `git:HEAD~1`. */
export const GIT_PREFIX = 'git:';

/**
 * The briefing is not at that revision: it is new since then (or was moved). A batch says "no
 * changes to show" for it; `briefdeck diff` says so and stops.
 */
export class NotAtRevisionError extends UsageError {
  constructor(
    readonly revision: string,
    /** The file's path from the top of the repository. */
    readonly repoPath: string,
  ) {
    super(`${repoPath} is not at ${revision}: it is new since then, or was moved`, {
      hint: 'There is no previous version to compare it with; name an earlier file instead, or another revision.',
    });
  }
}

/**
 * Reads `spec`, the previous version of `currentFile` (both as the user named them, relative to
 * `cwd`): a file, or `git:REV`. Throws a `BriefingError` naming the previous file when it is invalid,
 * a `UsageError` when it names nothing to read: no such file or a folder, or what git cannot give
 * (not in a repository, no such revision, no such file there: `NotAtRevisionError`).
 */
export async function readPrevious(spec: string, currentFile: string, cwd: string): Promise<Briefing> {
  if (spec.startsWith(GIT_PREFIX)) return readAtRevision(spec.slice(GIT_PREFIX.length), currentFile, cwd);
  if (spec.trim() === '') throw new UsageError('the previous version is empty: name a file or git:REV');
  await checkPreviousFile(spec, cwd);
  return validateBriefing(await loadBriefing(spec, { cwd }));
}

/**
 * A previous version named as a file must be one: naming a file that does not exist, or a folder, is
 * a mistake on the command line (exit 2), as naming a revision that does not exist is, not a problem
 * in a briefing. A file that cannot be read is left to `loadBriefing`, which says why.
 */
async function checkPreviousFile(spec: string, cwd: string): Promise<void> {
  const hint = 'Name an earlier briefing file, or git:REV for this one at a git revision (git:HEAD~1).';
  let folder: boolean;
  try {
    folder = (await stat(path.resolve(cwd, spec))).isDirectory();
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR')
      throw new UsageError(`the previous version ${printable(spec)} does not exist`, { hint });
    return;
  }
  if (folder)
    throw new UsageError(`the previous version ${printable(spec)} is a folder, not a briefing file`, {
      hint,
    });
}

async function readAtRevision(revision: string, currentFile: string, cwd: string): Promise<Briefing> {
  checkRevision(revision);
  const absolute = path.resolve(cwd, currentFile);
  const dir = path.dirname(absolute);
  const isDir = await stat(dir).then(
    (info) => info.isDirectory(),
    () => false,
  );
  if (!isDir) throw new UsageError(`${printable(currentFile)}: its folder does not exist`);
  const prefix = await git(['rev-parse', '--show-prefix'], dir);
  if (!prefix.ok) {
    throw new UsageError(
      `${printable(currentFile)} is not in a git repository, so git:${revision} means nothing`,
      {
        hint: prefix.missing
          ? 'git is not installed (or not on PATH).'
          : 'Name the previous version as a file instead: briefdeck diff old.yaml briefing.yaml',
      },
    );
  }
  const commit = await git(['rev-parse', '--verify', '--quiet', `${revision}^{commit}`], dir);
  if (!commit.ok) {
    throw new UsageError(`git:${revision}: no such revision in the repository of ${printable(currentFile)}`, {
      hint: 'Name a commit, branch or tag: git:HEAD~1, git:main, git:v1.0',
    });
  }
  // The path from the top of the repository, in git's own notation: `REV:path`.
  const repoPath = `${prefix.stdout.toString('utf8').trim()}${path.basename(absolute)}`;
  const object = `${revision}:${repoPath}`;
  const kind = await git(['cat-file', '-t', object], dir);
  if (!kind.ok) throw new NotAtRevisionError(revision, repoPath);
  if (kind.stdout.toString('utf8').trim() !== 'blob')
    throw new UsageError(`${repoPath} is not a file at ${revision}`);
  const size = Number((await git(['cat-file', '-s', object], dir)).stdout?.toString('utf8'));
  if (size > MAX_FILE_BYTES) {
    throw new BriefingError([
      {
        file: object,
        line: 1,
        col: 1,
        path: '',
        message: `the file is ${size} bytes`,
        hint: `a briefing may be at most ${MAX_FILE_BYTES} bytes`,
      },
    ]);
  }
  const shown = await git(['show', object], dir, MAX_FILE_BYTES + 1);
  if (!shown.ok) throw new UsageError(`git show ${object} failed: ${printable(shown.stderr.trim())}`);
  const loaded = parseBriefing(shown.stdout, object, dir);
  const root: unknown = loaded.doc.contents;
  if (isMap(root)) root.delete('deck');
  return validateBriefing(loaded);
}

/** A revision git reads as a revision and never as an option (`git:--output=x` must not reach git show). */
function checkRevision(revision: string): void {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: refusing them is the point
  if (revision === '' || revision.startsWith('-') || /[\u0000-\u001f\u007f]/.test(revision)) {
    throw new UsageError(`"git:${printable(revision)}" does not name a revision`, {
      hint: 'Name a commit, branch or tag after git: (git:HEAD~1, git:main, git:v1.0).',
    });
  }
}

type GitResult =
  | { ok: true; stdout: Buffer }
  | { ok: false; stdout?: undefined; missing: boolean; stderr: string };

/** Runs git in `dir` without a shell; a failure is data (exit code, or git not found). */
async function git(args: string[], dir: string, maxBuffer = 1024 * 1024): Promise<GitResult> {
  try {
    const { stdout } = await promisify(execFile)('git', args, {
      cwd: dir,
      encoding: 'buffer',
      maxBuffer,
      timeout: 60_000,
      windowsHide: true,
    });
    return { ok: true, stdout };
  } catch (error) {
    const failure = error as NodeJS.ErrnoException & { stderr?: Buffer | string };
    return {
      ok: false,
      missing: failure.code === 'ENOENT',
      stderr: String(failure.stderr ?? failure.message),
    };
  }
}
