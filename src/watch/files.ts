/**
 * Watches the files a briefing is made of (the YAML, its theme CSS, its
 * logo, the partials of `--templates`) and nothing else.
 *
 * It watches their folders, not the files: editors save in place, by
 * writing a temporary file and renaming it over the original, or by
 * deleting and re-creating it, and a watch on the file itself loses track
 * after the last two (the inode it watched is gone). A folder watch sees
 * every one of them as an event naming the file. Events for other names in
 * the folder (the editor's temporary files, the output folder) are ignored.
 */
import { type FSWatcher, watch } from 'node:fs';
import path from 'node:path';

export interface WatchedFiles {
  /** Files whose changes count. */
  files: readonly string[];
  /** Folders in which any `*.hbs` file counts (the `--templates` folder). */
  templateDirs: readonly string[];
}

export interface FileWatcher {
  /** Replaces what is watched (the theme or logo may change with the briefing). */
  update(watched: WatchedFiles): void;
  close(): void;
}

export function watchFiles(watched: WatchedFiles, onChange: (file: string) => void): FileWatcher {
  const watchers = new Map<string, FSWatcher>();
  let files = new Set<string>();
  let templateDirs = new Set<string>();
  let closed = false;

  const counts = (dir: string, name: string | null): string | undefined => {
    // Some platforms do not say which file changed: then anything in the folder might have.
    if (name === null) return dir;
    const file = path.join(dir, name);
    if (files.has(file)) return file;
    if (templateDirs.has(dir) && name.endsWith('.hbs')) return file;
    return undefined;
  };

  const update = (next: WatchedFiles) => {
    files = new Set(next.files.map((file) => path.resolve(file)));
    templateDirs = new Set(next.templateDirs.map((dir) => path.resolve(dir)));
    const dirs = new Set([...[...files].map((file) => path.dirname(file)), ...templateDirs]);
    for (const [dir, watcher] of watchers) {
      if (!dirs.has(dir)) {
        watcher.close();
        watchers.delete(dir);
      }
    }
    for (const dir of dirs) {
      if (watchers.has(dir) || closed) continue;
      try {
        const watcher = watch(dir, { persistent: true }, (_event, name) => {
          const file = counts(dir, typeof name === 'string' ? name : null);
          if (file !== undefined) onChange(file);
        });
        // A folder that goes away stops its watch; it is watched again at the next update.
        watcher.on('error', () => {
          watcher.close();
          if (watchers.get(dir) === watcher) watchers.delete(dir);
        });
        watchers.set(dir, watcher);
      } catch {
        // The folder does not exist (yet): nothing to see there until the next update.
      }
    }
  };

  update(watched);
  return {
    update: (next) => update(next),
    close() {
      closed = true;
      for (const watcher of watchers.values()) watcher.close();
      watchers.clear();
    },
  };
}
