/**
 * Where briefdeck's own files are: the package root (it holds templates/,
 * themes/ and the data that `npm run build` writes to lib/), found above
 * this module whether it runs from src/, lib/ or the bundle.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const PACKAGE_ROOT = findPackageRoot(path.dirname(fileURLToPath(import.meta.url)));

function findPackageRoot(start: string): string {
  for (let dir = start; ; dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, 'package.json')) && existsSync(path.join(dir, 'templates', 'layout.hbs')))
      return dir;
    if (path.dirname(dir) === dir)
      throw new Error(`briefdeck: cannot find its package folder above ${start}`);
  }
}
