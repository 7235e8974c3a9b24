/**
 * The files a briefing names (`deck.theme`, `deck.logo`), read and checked:
 * each must lie inside the briefing's folder and be of the type expected, and
 * a theme must load nothing (themeCss.ts). What is kept is what the deck
 * gets: for a theme, the CSS as re-written from its checked tokens; for a
 * logo, an image checked as images.ts checks any image the briefing names.
 */
import { realpathSync } from 'node:fs';
import path from 'node:path';
import type { Asset } from './briefing.js';
import { type Message, truncate } from './format.js';
import { checkImage, type ImageMediaType, sniffImage } from './images.js';
import { firstInvalidUtf8, readSmallFile, type SmallFile } from './load.js';
import { checkThemeCss } from './themeCss.js';

export const MAX_ASSET_BYTES = 2 * 1024 * 1024;

/** A file the briefing names, read: its real path and bytes, or why not. */
export type BriefingFile = { real: string; bytes: Buffer } | { problems: Message[] };

/**
 * Reads `written` (as in the YAML) relative to `dir`, the briefing's folder,
 * refusing a URL, a path outside the folder and a file over `limit` bytes
 * (before reading it); `briefing` names the briefing file in messages.
 */
export function readBriefingFile(
  dir: string,
  briefing: string,
  written: string,
  limit: number,
): BriefingFile {
  const name = `"${truncate(written)}"`;
  const fail = (message: string, hint?: string) => ({ problems: [{ message, ...(hint ? { hint } : {}) }] });
  if (written.length === 0 || /^[a-z][a-z0-9+.-]*:/i.test(written) || written.startsWith('//'))
    return fail(`${name} must be a path to a file next to the briefing, not a URL`);
  if (written.includes('\0')) return fail('is not a valid path');
  let real: string;
  let folder: string;
  // Synchronously, as readSmallFile reads: small local files, and a cold start waits for the thread
  // pool at every asynchronous step.
  try {
    folder = realpathSync(dir);
    real = realpathSync(path.resolve(dir, written));
  } catch {
    return fail(`${name} does not exist (paths are relative to ${briefing})`);
  }
  const relative = path.relative(folder, real);
  if (relative === '..' || relative.startsWith(`..${path.sep}`) || path.isAbsolute(relative))
    return fail(`${name} is outside the briefing's folder`, `copy the file next to ${briefing}`);
  let read: SmallFile;
  try {
    read = readSmallFile(real, limit);
  } catch {
    return fail(`${name} cannot be read`);
  }
  if (!('bytes' in read)) {
    if (read.refused === 'too large')
      return fail(
        `${name} is ${(read.size / 1024 / 1024).toFixed(0)} MiB; it may be at most ${limit / 1024 / 1024} MiB`,
      );
    return fail(`${name} is not a file`);
  }
  return { real, bytes: read.bytes };
}

/**
 * Reads `written` (as in the YAML) relative to `dir`, the briefing's folder;
 * `briefing` names the briefing file in messages. An image is checked as
 * any image a briefing names (images.ts: by its content, an SVG refused if
 * it could run code or reach outside itself).
 */
export async function readDeckFile(
  dir: string,
  briefing: string,
  written: string,
  accept: readonly Asset['mediaType'][],
): Promise<{ asset: Asset } | { problems: Message[] }> {
  const name = `"${truncate(written)}"`;
  const fail = (message: string, hint?: string) => ({ problems: [{ message, ...(hint ? { hint } : {}) }] });
  const file = readBriefingFile(dir, briefing, written, MAX_ASSET_BYTES);
  if ('problems' in file) return file;
  const { real, bytes } = file;
  const images = accept.filter((type): type is ImageMediaType => type !== 'text/css');
  if (
    !(accept.includes('text/css') && real.toLowerCase().endsWith('.css') && sniffImage(bytes) === undefined)
  ) {
    if (images.length === 0) return fail(`${name} is not a CSS file`);
    const checked = checkImage(bytes, { name: written, accept: images });
    if ('problems' in checked) return checked;
    return {
      asset: { path: real, written, mediaType: checked.image.mediaType, bytes: new Uint8Array(bytes) },
    };
  }
  if (bytes.indexOf(0) >= 0) return fail(`${name} is not a CSS file`);
  if (firstInvalidUtf8(bytes) !== undefined) return fail(`${name} is not valid UTF-8`, 'save it as UTF-8');
  const checked = checkThemeCss(bytes.toString('utf8'));
  if (!('css' in checked)) {
    return {
      problems: checked.problems.map((problem) => ({
        message: `${name} (line ${problem.line}, column ${problem.col}) ${problem.message}`,
        hint: problem.hint,
      })),
    };
  }
  return {
    asset: {
      path: real,
      written,
      mediaType: 'text/css',
      bytes: new Uint8Array(Buffer.from(checked.css, 'utf8')),
    },
  };
}
