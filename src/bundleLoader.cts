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
 * The cache is named by a hash of the file's content, because V8 itself
 * checks only the source's length. A cache that is missing, stale, from
 * another V8 or in a folder that cannot be written only makes a start slower:
 * the file is compiled as usual.
 *
 * CommonJS itself (`.cts`), like bin/briefdeck.cjs that requires it: an ES
 * module entry would start Node's ES module loader, 5 ms of a cold start.
 */
import crypto = require('node:crypto');
import fs = require('node:fs');
import Module = require('node:module');
import path = require('node:path');
import vm = require('node:vm');

/**
 * Runs the CommonJS file `entry`. Its `require('./…')` of files beside it
 * load the same way; anything else is Node's own `require`.
 */
function loadBundle<T>(entry: string, cacheDir: string) {
  const modules = new Map<string, { exports: unknown }>();
  const unsaved: { file: string; script: vm.Script; cacheFile: string }[] = [];
  const nodeRequire = Module.createRequire(entry);

  const load = (file: string): unknown => {
    const known = modules.get(file);
    if (known) return known.exports;
    const source = fs.readFileSync(file, 'utf8');
    const key = crypto.createHash('sha256').update(source).digest('hex').slice(0, 16);
    const cacheFile = path.join(cacheDir, `${path.basename(file)}.${key}.v8`);
    const cachedData = readIfThere(cacheFile);
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
      for (const { script, cacheFile } of unsaved.splice(0)) {
        // Another run may write the same file at the same time: each writes its own and renames.
        const temp = `${cacheFile}.${process.pid}.${crypto.randomBytes(4).toString('hex')}.tmp`;
        try {
          fs.mkdirSync(cacheDir, { recursive: true });
          fs.writeFileSync(temp, script.createCachedData());
          fs.renameSync(temp, cacheFile);
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

function readIfThere(file: string): Buffer | undefined {
  try {
    return fs.readFileSync(file);
  } catch {
    return undefined;
  }
}

export = { loadBundle };
