/**
 * Stage 4: write the deck and its assets into the output folder. Files are
 * written atomically (a temporary file in the same folder, then a rename),
 * so a failed or interrupted build never leaves a truncated deck or PDF and
 * never removes the previous one. Assets are copied only when they changed.
 */
import { randomBytes } from 'node:crypto';
import { constants, mkdirSync, statSync, unlinkSync } from 'node:fs';
import {
  access,
  copyFile,
  mkdir,
  open,
  readFile,
  rename,
  rm,
  stat,
  unlink,
  writeFile,
} from 'node:fs/promises';
import path from 'node:path';
import { RenderError, UsageError } from '../errors.js';
import { ASSETS_DIR, type AssetFile } from './assets.js';

const pending = new Set<string>();
/** Calls under way that create a temporary file: a quick exit waits for them before it removes the files. */
const creating = new Set<Promise<unknown>>();

/**
 * Notes a temporary file (a draft deck, a file being copied) so that an
 * immediate exit removes it; returns what to call once it is gone or renamed.
 */
export function trackTemp(file: string): () => void {
  pending.add(file);
  return () => pending.delete(file);
}

/** Notes `call`, one that creates a tracked temporary file, until it settles. */
function creates<T>(call: Promise<T>): Promise<T> {
  creating.add(call);
  const settled = () => creating.delete(call);
  call.then(settled, settled);
  return call;
}

/** Writes a temporary file that nothing reads but a print (a draft), tracked; returns what `trackTemp` returns. */
export async function writeTemp(file: string, data: string): Promise<() => void> {
  const untrack = trackTemp(file);
  try {
    await creates(writeFile(file, data));
  } catch (error) {
    await unlink(file).catch(() => {});
    untrack();
    throw error;
  }
  return untrack;
}

/**
 * Removes the temporary files of writes still in progress (a second Ctrl-C, or watch stopping). A call
 * that creates one may be running in libuv's pool as they are removed, and make its file just after:
 * they are removed again once such calls have ended (waited for up to `waitMs`).
 */
export async function removeTempFiles(waitMs = 1000): Promise<void> {
  const sweep = () => {
    for (const file of pending) {
      try {
        unlinkSync(file);
      } catch {
        // not made yet, or already gone
      }
    }
  };
  sweep();
  const until = Date.now() + waitMs;
  while (creating.size > 0 && Date.now() < until) {
    const left = until - Date.now();
    await Promise.race([
      Promise.allSettled([...creating]),
      new Promise((resolve) => setTimeout(resolve, left)),
    ]);
  }
  sweep();
  pending.clear();
}

export async function writeFileAtomic(file: string, data: string | Uint8Array): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true }).catch(cannotWrite(file));
  const temp = path.join(
    path.dirname(file),
    `.${path.basename(file)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`,
  );
  const untrack = trackTemp(temp);
  try {
    const handle = await creates(open(temp, 'w'));
    try {
      await handle.writeFile(data);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temp, file);
  } catch (error) {
    await unlink(temp).catch(() => {});
    cannotWrite(file)(error);
  } finally {
    untrack();
  }
}

/** Why the file system refused a write, in words; undefined for a cause that is not the user's to fix. */
const REFUSALS: Record<string, string> = {
  EISDIR: 'a folder stands where the file goes',
  ENOTDIR: 'a file stands where a folder is needed',
  EEXIST: 'a file stands where a folder is needed',
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  EROFS: 'the file system is read-only',
  ENOSPC: 'the disk is full',
  EDQUOT: 'the disk quota is used up',
  ENAMETOOLONG: 'the name is too long',
  ENOENT: 'its folder was removed',
};

/**
 * Turns a refused write of `file` into a `RenderError` (exit 3) that names the path in the way, so a
 * folder where the deck goes, or a file where an assets folder goes, is said plainly; anything else is
 * thrown as it is (a bug).
 */
export function cannotWrite(file: string, folder = false): (cause: unknown) => never {
  return (cause) => {
    if (cause instanceof RenderError) throw cause;
    const why = REFUSALS[(cause as NodeJS.ErrnoException)?.code ?? ''];
    if (!why) throw cause;
    const blocker = inTheWay(file, folder) ?? file;
    throw new RenderError(`could not write ${blocker}: ${why}`, {
      hint: 'Move or remove what is in the way, or choose another folder with --out.',
      cause,
    });
  };
}

/** The path that stops `file` (or the folder) being written: a folder at its place, or a file at a folder's. */
function inTheWay(file: string, folder = false): string | undefined {
  const kind = (at: string) => {
    try {
      // Followed through symlinks: a link to a folder is a folder to write in (/tmp on macOS is one).
      return statSync(at).isDirectory() ? 'folder' : 'file';
    } catch {
      return undefined;
    }
  };
  const parts: string[] = [];
  for (let at = folder ? file : path.dirname(file); at !== path.dirname(at); at = path.dirname(at))
    parts.unshift(at);
  const fileOnTheWay = parts.find((at) => kind(at) === 'file');
  if (fileOnTheWay || folder) return fileOnTheWay;
  return kind(file) === 'folder' ? file : undefined;
}

/**
 * The files as they are now, to be put back: `restore` writes each one again as it was, and removes
 * one that was not there (what a build that fails after writing them must leave behind).
 */
export async function keepFiles(files: readonly string[]): Promise<() => Promise<void>> {
  const before = await Promise.all(files.map((file) => readFile(file).catch(() => undefined)));
  return async () => {
    await Promise.all(
      files.map((file, index) => {
        const bytes = before[index];
        return (bytes === undefined ? rm(file, { force: true }) : writeFileAtomic(file, bytes)).catch(
          () => {},
        );
      }),
    );
  };
}

/**
 * Checks, before anything is written, that nothing stands where these files go (a folder named like
 * the deck, a file where a folder is needed), so a build never writes some of its outputs and then
 * fails on another.
 */
export async function checkDestinations(files: readonly string[]): Promise<void> {
  for (const file of files) {
    const blocker = inTheWay(file);
    if (blocker === undefined) continue;
    // The same words as a refused write.
    const code = blocker === file ? 'EISDIR' : 'ENOTDIR';
    cannotWrite(file)(Object.assign(new Error(code), { code }));
  }
}

/**
 * Checks the output folder before any work starts: it is a folder or can be
 * made, this user may write there, and it is not inside a deck's assets
 * folder. `given` is the folder as the user wrote it, for the message.
 */
export async function checkOutputFolder(dir: string, given: string): Promise<void> {
  const fail = (why: string, hint: string): never => {
    throw new UsageError(`--out ${given}: ${why}`, { hint });
  };
  if (dir.split(path.sep).includes(ASSETS_DIR)) {
    fail(`is inside a deck's ${ASSETS_DIR} folder`, 'Choose a folder of its own, such as dist.');
  }
  // The folder, or the nearest folder above it that exists (where it would be made).
  let existing = dir;
  let info = await stat(existing).catch(() => undefined);
  while (!info && path.dirname(existing) !== existing) {
    existing = path.dirname(existing);
    info = await stat(existing).catch(() => undefined);
  }
  if (info && !info.isDirectory()) {
    fail(
      existing === dir ? 'is a file, not a folder' : `cannot be made: ${existing} is a file`,
      'Name a folder for the outputs, such as dist.',
    );
  }
  try {
    await access(existing, constants.W_OK);
  } catch {
    fail(`this user may not write in ${existing}`, 'Choose a folder you can write to.');
  }
}

/**
 * Copies the assets into `dir`, skipping files that are already there and
 * unchanged. Returns how many were copied.
 */
export async function copyAssets(files: readonly AssetFile[], dir: string): Promise<number> {
  const targets = files.map((file) => ({ from: file.from, to: path.join(dir, ...file.to.split('/')) }));
  // The folders are made at once (microseconds), so that the first step of every file's copy (the
  // copy itself into a new folder, the comparison in an old one) has started when this returns its
  // promise: a build renders the deck meanwhile.
  let made: string | undefined;
  let folder = dir;
  try {
    made = mkdirSync(dir, { recursive: true });
    for (folder of new Set(targets.map((target) => path.dirname(target.to))))
      mkdirSync(folder, { recursive: true });
  } catch (error) {
    cannotWrite(folder, true)(error);
  }
  // A folder made just now holds nothing yet: there is nothing to compare.
  const copies = await Promise.allSettled(
    targets.map((target) => (made === undefined ? copyIfChanged(target) : copyAtomic(target))),
  );
  // Every copy has ended, and removed its temporary file, before a failure is reported.
  const failed = copies.find((copy) => copy.status === 'rejected');
  if (failed) throw failed.reason;
  return copies.reduce((sum, copy) => sum + (copy.status === 'fulfilled' ? copy.value : 0), 0);
}

interface Target {
  from: string;
  to: string;
}

async function copyIfChanged(target: Target): Promise<number> {
  const [source, existing] = await Promise.all([
    stat(target.from).catch(ownFileMissing(target.from)),
    stat(target.to).catch(() => undefined),
  ]);
  if (existing && existing.size === source.size && existing.mtimeMs >= source.mtimeMs) return 0;
  return copyAtomic(target);
}

/** Copies to a temporary file beside the target, then renames it into place. */
async function copyAtomic({ from, to }: Target): Promise<number> {
  const temp = `${to}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  const untrack = trackTemp(temp);
  try {
    await creates(copyFile(from, temp));
    await rename(temp, to);
    return 1;
  } catch (error) {
    await unlink(temp).catch(() => {});
    await stat(from).catch(ownFileMissing(from));
    return cannotWrite(to)(error);
  } finally {
    untrack();
  }
}

/** Not the user's doing: briefdeck's own installation is incomplete. */
function ownFileMissing(file: string): (cause: unknown) => never {
  return (cause) => {
    throw new RenderError(
      `briefdeck's own file ${file} is missing (${(cause as NodeJS.ErrnoException).code})`,
      {
        hint: 'Its installation is incomplete: reinstall it (npm ci in a checkout, or npm install briefdeck).',
        cause,
      },
    );
  };
}
