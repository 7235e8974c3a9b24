/**
 * Stage 4: write the deck and its assets into the output folder. Files are
 * written atomically (a temporary file in the same folder, then a rename),
 * so a failed or interrupted build never leaves a truncated deck or PDF and
 * never removes the previous one. Assets are copied only when they changed.
 */
import { randomBytes } from 'node:crypto';
import { unlinkSync } from 'node:fs';
import { copyFile, mkdir, open, rename, stat, unlink } from 'node:fs/promises';
import path from 'node:path';
import type { AssetFile } from './assets.js';

const pending = new Set<string>();

/** Removes temporary files of writes still in progress (on Ctrl-C). */
export function removeTempFiles(): void {
  for (const file of pending) {
    try {
      unlinkSync(file);
    } catch {
      // already gone
    }
  }
  pending.clear();
}

export async function writeFileAtomic(file: string, data: string | Uint8Array): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true });
  const temp = path.join(
    path.dirname(file),
    `.${path.basename(file)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`,
  );
  pending.add(temp);
  try {
    const handle = await open(temp, 'w');
    try {
      await handle.writeFile(data);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temp, file);
  } catch (error) {
    await unlink(temp).catch(() => {});
    throw error;
  } finally {
    pending.delete(temp);
  }
}

/** Copies the assets into `dir`, skipping files that are already there and unchanged. */
export async function copyAssets(files: readonly AssetFile[], dir: string): Promise<number> {
  let copied = 0;
  const made = new Set<string>();
  for (const file of files) {
    const target = path.join(dir, ...file.to.split('/'));
    const [source, existing] = await Promise.all([stat(file.from), stat(target).catch(() => undefined)]);
    if (existing && existing.size === source.size && existing.mtimeMs >= source.mtimeMs) continue;
    const folder = path.dirname(target);
    if (!made.has(folder)) {
      await mkdir(folder, { recursive: true });
      made.add(folder);
    }
    const temp = `${target}.${process.pid}.tmp`;
    await copyFile(file.from, temp);
    await rename(temp, target);
    copied += 1;
  }
  return copied;
}
