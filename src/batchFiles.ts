/**
 * The briefing files a batch builds: found in the folders named (sorted, a
 * symlink to a file counted), and checked for two that would write the same
 * output before anything is built.
 */
import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { UsageError } from './errors.js';
import type { Paper } from './outputs/handout/index.js';
import { briefingName, type OutputKind, outputFiles } from './outputs/names.js';

/**
 * The briefing files the inputs name, in a stable order: files as given, folders' `*.yaml` and
 * `*.yml` sorted by name (a symlink to a file counts; one to a folder is not followed, so no loop).
 * A file named twice is built once.
 */
export async function findBriefings(
  inputs: string | readonly string[],
  options: { cwd: string; recursive: boolean },
): Promise<string[]> {
  const list = typeof inputs === 'string' ? [inputs] : [...inputs];
  if (list.length === 0)
    throw new UsageError('no briefing given', { hint: 'Name a briefing file or a folder of them.' });
  const files: string[] = [];
  for (const input of list) {
    const info = await stat(path.resolve(options.cwd, input)).catch(() => undefined);
    if (!info?.isDirectory()) {
      // A file, or a path that does not exist: the build reports it as the briefing's problem.
      files.push(input);
      continue;
    }
    const found = await briefingsIn(input, options);
    if (found.length === 0) {
      throw new UsageError(`${input}: no briefing (*.yaml, *.yml) in this folder`, {
        hint: options.recursive ? 'Name another folder.' : 'Add --recursive to look in its subfolders.',
      });
    }
    files.push(...found);
  }
  const seen = new Set<string>();
  return files.filter((file) => {
    const resolved = path.resolve(options.cwd, file);
    if (seen.has(resolved)) return false;
    seen.add(resolved);
    return true;
  });
}

/**
 * Two briefings would write the same output file (`a.yaml`'s handout and `a-handout.yaml`'s PDF are
 * both `a-handout.pdf`): a usage error naming both, found before anything is built. Names are
 * compared without case where the file system usually ignores it.
 */
export function checkOutputClashes(
  files: readonly string[],
  outputs: { pdf: boolean; handout?: Paper; singleFile?: boolean; mail?: boolean },
): void {
  const fold = process.platform === 'darwin' || process.platform === 'win32';
  const writer = new Map<string, { file: string; kind: OutputKind }>();
  for (const file of files) {
    const written = outputFiles(briefingName(file), outputs);
    for (const [kind, name] of Object.entries(written) as [OutputKind, string][]) {
      const key = fold ? name.toLowerCase() : name;
      const other = writer.get(key);
      if (other && other.file !== file) {
        throw new UsageError(
          `${other.file} and ${file} would both write ${name}${other.kind === kind ? '' : ` (${describe(other.kind)} and ${describe(kind)})`}`,
          { hint: 'Rename one, or build them into different folders with --out.' },
        );
      }
      writer.set(key, { file, kind });
    }
  }
}

function describe(kind: OutputKind): string {
  const names: Record<OutputKind, string> = {
    html: 'deck',
    pdf: 'PDF',
    handout: 'handout',
    notes: 'briefer’s script',
    pptx: 'PowerPoint deck',
    singleFile: 'single file',
    mail: 'mail draft',
  };
  return names[kind];
}

async function briefingsIn(dir: string, options: { cwd: string; recursive: boolean }): Promise<string[]> {
  const entries = await readdir(path.resolve(options.cwd, dir), { withFileTypes: true });
  entries.sort((a, b) => a.name.localeCompare(b.name));
  const files: string[] = [];
  for (const entry of entries) {
    if (entry.name.startsWith('.')) continue;
    const file = path.join(dir, entry.name);
    if (
      /\.ya?ml$/i.test(entry.name) &&
      (entry.isFile() || (entry.isSymbolicLink() && (await isFile(file, options))))
    )
      files.push(file);
    else if (options.recursive && entry.isDirectory() && entry.name !== 'node_modules')
      files.push(...(await briefingsIn(file, options)));
  }
  return files;
}

/** Whether a symlink leads to a regular file (a dangling one does not). */
async function isFile(file: string, options: { cwd: string }): Promise<boolean> {
  return (await stat(path.resolve(options.cwd, file)).catch(() => undefined))?.isFile() ?? false;
}
