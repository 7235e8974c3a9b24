/**
 * briefdeck's own files as the single file reads them (once each), and how
 * an address in the deck maps to one of them; anything else cannot be
 * inlined.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { RenderError } from '../../errors.js';
import { ASSETS_DIR, assetFiles } from '../assets.js';

export interface Assets {
  /** Whether `to` (a path in the assets folder) is one of briefdeck's files. */
  has(to: string): boolean;
  /** Its bytes, read once. */
  read(to: string): Promise<Buffer>;
}

export function shippedAssets(): Assets {
  const files = new Map(assetFiles().map((file) => [file.to, file.from]));
  const cache = new Map<string, Promise<Buffer>>();
  return {
    has: (to) => files.has(to),
    read: (to) => {
      const from = files.get(to);
      if (from === undefined)
        return Promise.reject(new Error(`singleFile: ${to} is not one of briefdeck's assets`));
      let bytes = cache.get(to);
      if (!bytes) {
        bytes = readFile(from);
        cache.set(to, bytes);
      }
      return bytes;
    },
  };
}

export function cannotInline(what: string): RenderError {
  return new RenderError(`The single-file deck cannot include ${what}: it is not one of briefdeck's files.`, {
    hint: 'Only briefdeck’s own stylesheets and script and the theme CSS can be inlined; check the layout of --templates.',
  });
}

/** `briefdeck-assets/x/y.css` → `x/y.css`; undefined for anything outside the assets folder. */
export function assetPath(href: string): string | undefined {
  if (!href.startsWith(`${ASSETS_DIR}/`)) return undefined;
  return resolveUrl(href.slice(ASSETS_DIR.length + 1), '');
}

/** A URL relative to the file at `from` (a path in the assets folder), as a path in that folder. */
export function resolveUrl(url: string, from: string): string | undefined {
  if (/^[a-z][a-z0-9+.-]*:/i.test(url) || url.startsWith('/')) return undefined;
  let file = url.replace(/[?#].*$/s, '');
  try {
    file = decodeURIComponent(file);
  } catch {
    return undefined;
  }
  const resolved = path.posix.normalize(path.posix.join(path.posix.dirname(from || '.'), file));
  return resolved.startsWith('../') || resolved === '..' ? undefined : resolved;
}
