/**
 * The files a briefing names (`deck.theme`, `deck.logo`), read and checked:
 * each must lie inside the briefing's folder and be of the type expected, and
 * a theme must load nothing (themeCss.ts). What is kept is what the deck
 * gets: for a theme, the CSS as re-written from its checked tokens.
 */
import { realpathSync } from 'node:fs';
import path from 'node:path';
import type { Asset } from './briefing.js';
import { type Message, truncate } from './format.js';
import { firstInvalidUtf8, readSmallFile, type SmallFile } from './load.js';
import { checkThemeCss } from './themeCss.js';

export const MAX_ASSET_BYTES = 2 * 1024 * 1024;

/**
 * Reads `written` (as in the YAML) relative to `dir`, the briefing's folder;
 * `briefing` names the briefing file in messages.
 */
export async function readDeckFile(
  dir: string,
  briefing: string,
  written: string,
  accept: readonly Asset['mediaType'][],
): Promise<{ asset: Asset } | { problems: Message[] }> {
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
    read = readSmallFile(real, MAX_ASSET_BYTES);
  } catch {
    return fail(`${name} cannot be read`);
  }
  if (!('bytes' in read)) {
    if (read.refused === 'too large')
      return fail(`${name} is larger than ${MAX_ASSET_BYTES / 1024 / 1024} MiB`);
    return fail(`${name} is not a file`);
  }
  const bytes = read.bytes;
  const mediaType = sniff(bytes, real);
  if (!mediaType || !accept.includes(mediaType)) {
    const names = accept.map((type) =>
      type === 'text/css' ? 'CSS' : type.replace('image/', '').replace('+xml', '').toUpperCase(),
    );
    return fail(`${name} is not a ${names.join(', ')} file`);
  }
  if (mediaType !== 'text/css')
    return { asset: { path: real, written, mediaType, bytes: new Uint8Array(bytes) } };

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
    asset: { path: real, written, mediaType, bytes: new Uint8Array(Buffer.from(checked.css, 'utf8')) },
  };
}

function sniff(bytes: Buffer, file: string): Asset['mediaType'] | undefined {
  if (bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])))
    return 'image/png';
  if (bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'image/jpeg';
  const head = bytes.subarray(0, 1024).toString('utf8').trimStart();
  if (/^(<\?xml[^>]*>\s*)?(<!--[\s\S]*?-->\s*)*(<!DOCTYPE svg[^>]*>\s*)?<svg[\s>]/i.test(head))
    return 'image/svg+xml';
  if (file.toLowerCase().endsWith('.css') && bytes.indexOf(0) < 0) return 'text/css';
  return undefined;
}
