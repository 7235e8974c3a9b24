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
 *
 * A folder can go too (deleted, or renamed away) and come back. A watch
 * follows the folder's inode, not its name, so then the nearest folder on
 * its path that exists is watched instead, until the folder is back.
 */
import { type FSWatcher, statSync, watch } from 'node:fs';
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

/** A watch kept for one folder of inputs: on the folder itself, or on the nearest ancestor that exists. */
interface FolderWatch {
  /** The folder watched: the inputs' folder, or an ancestor while that is missing. */
  target: string;
  /** The watched folder's identity (device and inode): a folder re-created under the name is another. */
  identity: string;
  watcher: FSWatcher;
}

export function watchFiles(watched: WatchedFiles, onChange: (file: string) => void): FileWatcher {
  return new InputWatcher(watched, onChange);
}

/** The folders of the inputs, each watched (or its nearest ancestor while it is missing). */
class InputWatcher implements FileWatcher {
  private readonly watches = new Map<string, FolderWatch>();
  private files = new Set<string>();
  private templateDirs = new Set<string>();
  private closed = false;

  constructor(
    watched: WatchedFiles,
    private readonly onChange: (file: string) => void,
  ) {
    this.update(watched);
  }

  update(next: WatchedFiles): void {
    this.files = new Set(next.files.map((file) => path.resolve(file)));
    this.templateDirs = new Set(next.templateDirs.map((dir) => path.resolve(dir)));
    const dirs = new Set([...[...this.files].map((file) => path.dirname(file)), ...this.templateDirs]);
    for (const [dir, entry] of this.watches) {
      if (!dirs.has(dir)) {
        entry.watcher.close();
        this.watches.delete(dir);
      }
    }
    for (const dir of dirs) this.place(dir);
  }

  close(): void {
    this.closed = true;
    for (const entry of this.watches.values()) entry.watcher.close();
    this.watches.clear();
  }

  /** The input an event in `dir` about `name` is about, if it is one. */
  private counts(dir: string, name: string | null): string | undefined {
    // Some platforms do not say which file changed: then anything in the folder might have.
    if (name === null) return dir;
    const file = path.join(dir, name);
    if (this.files.has(file)) return file;
    if (this.templateDirs.has(dir) && name.endsWith('.hbs')) return file;
    return undefined;
  }

  /** Everything in `dir` may have changed (it went away, or came back): each input there is reported. */
  private changedAll(dir: string): void {
    if (this.templateDirs.has(dir)) this.onChange(dir);
    for (const file of this.files) if (path.dirname(file) === dir) this.onChange(file);
  }

  /**
   * Puts the watch for `dir` on `dir`, or on its nearest existing ancestor while it is missing.
   * Says whether the watch moved to or from `dir` itself: its inputs went or came back.
   */
  private place(dir: string): boolean {
    const current = this.watches.get(dir);
    let target = dir;
    let identity = folderIdentity(target);
    while (identity === undefined && path.dirname(target) !== target) {
      target = path.dirname(target);
      identity = folderIdentity(target);
    }
    if (identity === undefined || this.closed) return false;
    if (current?.target === target && current.identity === identity) return false;
    current?.watcher.close();
    this.watches.delete(dir);
    try {
      const watcher = watch(target, { persistent: true }, (_event, name) =>
        this.seen(dir, target, typeof name === 'string' ? name : null),
      );
      // The folder went away under the watch: find where to watch now.
      watcher.on('error', () => {
        watcher.close();
        if (this.watches.get(dir)?.watcher !== watcher) return;
        this.watches.delete(dir);
        if (this.place(dir)) this.changedAll(dir);
      });
      this.watches.set(dir, { target, identity, watcher });
    } catch {
      // Gone between the look and the watch, or not readable: looked at again at the next update.
    }
    return current?.target === dir || target === dir;
  }

  /** An event in `target`, watched for the inputs in `dir`. */
  private seen(dir: string, target: string, name: string | null): void {
    if (this.watches.get(dir)?.target !== target) return; // an old watch's last events
    if (target === dir) {
      const file = this.counts(dir, name);
      if (file !== undefined) this.onChange(file);
    }
    // The watched folder itself renamed or deleted (its own name), or on the way back (in an ancestor).
    const aboutFolder = name === null || target !== dir || name === path.basename(target);
    if (aboutFolder && this.place(dir)) this.changedAll(dir);
  }
}

/** A folder's device and inode, or undefined when there is no folder at that path. */
function folderIdentity(dir: string): string | undefined {
  try {
    const info = statSync(dir);
    return info.isDirectory() ? `${info.dev}:${info.ino}` : undefined;
  } catch {
    return undefined;
  }
}
