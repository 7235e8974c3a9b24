/**
 * Loads the command-line bundle (`lib/bundle/*.cjs`, CommonJS) with V8's
 * code cache, so that a cold start does not compile it again.
 *
 * Compiling the half megabyte of JavaScript that a deck-only build runs is
 * a sixth of its time. V8 can hand back the code it compiled for a script it
 * ran before (`vm.Script`'s `cachedData`). This keeps that code per bundle
 * file in `cacheDir`, written after the work is done so that it holds the
 * functions the command ran, not just the top level. Node 22 has
 * `module.enableCompileCache` for this; this works the same on Node 20.
 *
 * A cache file is named by a hash of the bundle file's content (V8 itself
 * checks only the source's length) and by V8's version, and starts with a
 * hash of its own bytes (V8 does not check them), so stale, foreign or
 * damaged code is never run. A cache that is missing, unusable or in a folder
 * that cannot be written only makes a start slower: the file is compiled as
 * usual. Each file's cache is written once, by the first run that lacked it,
 * and the caller decides which runs may write (see bin/briefdeck.cjs).
 *
 * CommonJS itself (`.cts`), like bin/briefdeck.cjs that requires it: an ES
 * module entry would start Node's ES module loader, which slows a cold start.
 */
import crypto = require('node:crypto');
import fs = require('node:fs');
import Module = require('node:module');
import path = require('node:path');
import v8 = require('node:v8');
import vm = require('node:vm');

/**
 * Runs the CommonJS file `entry`. Its `require('./…')` of files beside it
 * load the same way; anything else is Node's own `require`.
 */
function loadBundle<T>(entry: string, cacheDir: string) {
  const modules = new Map<string, { exports: unknown }>();
  const unsaved: { file: string; script: vm.Script; cacheFile: string }[] = [];
  const nodeRequire = Module.createRequire(entry);
  const v8Version = v8.cachedDataVersionTag().toString(16);

  const load = (file: string): unknown => {
    const known = modules.get(file);
    if (known) return known.exports;
    const source = fs.readFileSync(file, 'utf8');
    const key = sha256(source).toString('hex').slice(0, 16);
    const cacheFile = path.join(cacheDir, `${path.basename(file)}.${key}.${v8Version}.v8`);
    const cachedData = readVerified(cacheFile);
    const script = new vm.Script(Module.wrap(source), {
      filename: file,
      cachedData,
      importModuleDynamically: vm.constants.USE_MAIN_CONTEXT_DEFAULT_LOADER,
    });
    if (!cachedData || script.cachedDataRejected) unsaved.push({ file, script, cacheFile });

    const module = { exports: {} as unknown };
    modules.set(file, module);
    const dir = path.dirname(file);
    const require = (id: string) => (id.startsWith('./') ? load(path.join(dir, id)) : nodeRequire(id));
    script.runInThisContext()(module.exports, require, module, file, dir);
    return module.exports;
  };

  return {
    /** What the entry file exports. */
    exports: load(path.resolve(entry)) as T,
    /** The files loaded so far that had no usable cache: their code is what `saveCache` writes. */
    get compiled(): readonly string[] {
      return unsaved.map(({ file }) => file);
    },
    /** Writes the compiled code of every file loaded without a usable cache. Never throws. */
    saveCache(): void {
      for (const { file, script, cacheFile } of unsaved.splice(0)) {
        // Another run may write the same file at the same time: each writes its own and renames.
        const temp = `${cacheFile}.${process.pid}.${crypto.randomBytes(4).toString('hex')}.tmp`;
        try {
          fs.mkdirSync(cacheDir, { recursive: true });
          const data = script.createCachedData();
          const fd = fs.openSync(temp, 'w');
          try {
            fs.writeFileSync(fd, Buffer.concat([sha256(data), data]));
            fs.fsyncSync(fd);
          } finally {
            fs.closeSync(fd);
          }
          fs.renameSync(temp, cacheFile);
          removeStale(cacheDir, path.basename(file), v8Version, path.basename(cacheFile));
        } catch {
          removeQuietly(temp);
          return;
        }
      }
    },
  };
}

function removeQuietly(file: string): void {
  try {
    fs.rmSync(file, { force: true });
  } catch {
    // Nothing more to do: the cache is only an optimisation.
  }
}

function sha256(data: string | Uint8Array): Buffer {
  return crypto.createHash('sha256').update(data).digest();
}

/** The code in a cache file, if the file is there and its bytes are those that were written. */
function readVerified(file: string): Buffer | undefined {
  let bytes: Buffer;
  try {
    bytes = fs.readFileSync(file);
  } catch {
    return undefined;
  }
  const data = bytes.subarray(32);
  return bytes.length > 32 && sha256(data).equals(bytes.subarray(0, 32)) ? data : undefined;
}

/** Removes the caches of earlier contents of the bundle file `name` for this V8: `NAME.KEY.VERSION.v8`. */
function removeStale(dir: string, name: string, v8Version: string, keep: string): void {
  const suffix = `.${v8Version}.v8`;
  for (const other of fs.readdirSync(dir)) {
    if (other === keep || !other.startsWith(`${name}.`) || !other.endsWith(suffix)) continue;
    if (/^[0-9a-f]{16}$/.test(other.slice(name.length + 1, -suffix.length)))
      removeQuietly(path.join(dir, other));
  }
}

export = { loadBundle };
