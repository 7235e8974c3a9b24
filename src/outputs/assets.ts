/**
 * The files a deck needs beside it, all shipped with briefdeck: reveal.js
 * and its notes plugin, the Source Sans 3 font, the stylesheets and the
 * small script that starts the deck. Nothing is loaded from the network.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { PACKAGE_ROOT } from '../packageRoot.js';

export { PACKAGE_ROOT };

/** The folder, next to the deck, that holds the shared assets. */
export const ASSETS_DIR = 'briefdeck-assets';

export interface AssetFile {
  /** Absolute source path. */
  from: string;
  /** Path inside the assets folder, with forward slashes. */
  to: string;
}

const require = createRequire(import.meta.url);

/**
 * The folder of an installed package: the first `node_modules/NAME` above
 * briefdeck's own folder, as Node looks for it, else where Node resolves it
 * (other layouts). Not `require.resolve` first: reading the packages'
 * export maps costs a cold start more than the rest of this file.
 */
function packageDir(name: string): string {
  for (let dir = PACKAGE_ROOT; path.dirname(dir) !== dir; dir = path.dirname(dir)) {
    if (path.basename(dir) === 'node_modules') continue;
    const candidate = path.join(dir, 'node_modules', ...name.split('/'));
    if (existsSync(path.join(candidate, 'package.json'))) return candidate;
  }
  // Some packages do not export their package.json: walk up from their entry point.
  let dir = path.dirname(require.resolve(name));
  while (!existsSync(path.join(dir, 'package.json')) || !dir.endsWith(name.split('/').join(path.sep))) {
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error(`cannot find the folder of package ${name}`);
    dir = parent;
  }
  return dir;
}

/** The weights and styles of Source Sans 3 the stylesheets use. */
const FONT_STYLES = ['400', '400-italic', '600', '600-italic', '700'];

/** Noto Sans Arabic's Arabic subset, in the weights themes/fonts-arabic.css declares as faces of Source Sans 3. */
function arabicFontFiles(): AssetFile[] {
  const arabic = packageDir('@fontsource/noto-sans-arabic');
  return [
    { from: path.join(PACKAGE_ROOT, 'themes', 'fonts-arabic.css'), to: 'fonts/arabic.css' },
    { from: path.join(arabic, 'LICENSE'), to: 'fonts/LICENSE-noto-sans-arabic' },
    ...['400', '600', '700'].map((weight) => {
      const file = `noto-sans-arabic-arabic-${weight}-normal.woff2`;
      return { from: path.join(arabic, 'files', file), to: `fonts/files/${file}` };
    }),
  ];
}

let cached: AssetFile[] | undefined;

/** Every file to copy into `briefdeck-assets/`. */
export function assetFiles(): AssetFile[] {
  if (cached) return cached;
  const reveal = path.join(packageDir('reveal.js'), 'dist');
  const font = packageDir('@fontsource/source-sans-3');
  const themes = path.join(PACKAGE_ROOT, 'themes');
  // Static weights, not the variable font: Chromium embeds variable fonts in PDFs as Type 3 glyphs,
  // which makes the file several times larger and the text worse in some readers.
  const fontFiles = FONT_STYLES.flatMap((style) => {
    const css = readFileSync(path.join(font, `${style}.css`), 'utf8');
    const files = [...css.matchAll(/url\(\.\/files\/([^)]+\.woff2)\)/g)].map((match) => match[1] as string);
    return [
      { from: path.join(font, `${style}.css`), to: `fonts/${style}.css` },
      ...files.map((file) => ({ from: path.join(font, 'files', file), to: `fonts/files/${file}` })),
    ];
  });
  cached = [
    { from: path.join(reveal, 'reveal.css'), to: 'reveal/reveal.css' },
    { from: path.join(reveal, 'reveal.js'), to: 'reveal/reveal.js' },
    { from: path.join(reveal, 'plugin', 'notes.js'), to: 'reveal/plugin/notes.js' },
    { from: path.join(font, 'LICENSE'), to: 'fonts/LICENSE' },
    ...fontFiles,
    ...arabicFontFiles(),
    { from: path.join(themes, 'briefdeck.css'), to: 'briefdeck.css' },
    { from: path.join(themes, 'visuals.css'), to: 'visuals.css' },
    { from: path.join(themes, 'map.css'), to: 'map.css' },
    { from: path.join(themes, 'figures.css'), to: 'figures.css' },
    { from: path.join(themes, 'changes.css'), to: 'changes.css' },
    { from: path.join(themes, 'theme-light.css'), to: 'theme-light.css' },
    { from: path.join(themes, 'theme-dark.css'), to: 'theme-dark.css' },
    { from: path.join(themes, 'briefdeck.js'), to: 'briefdeck.js' },
    { from: path.join(themes, 'handout.css'), to: 'handout.css' },
    { from: path.join(themes, 'notes.css'), to: 'notes.css' },
  ];
  return cached;
}

let notesHashes: string[] | undefined;

/**
 * CSP hashes of the inline script in reveal.js's speaker view. The notes
 * plugin writes that page into an `about:blank` window, which inherits the
 * deck's Content-Security-Policy; allowing exactly this script by hash keeps
 * the presenter view working without allowing inline script in general.
 * This reads the plugin's code, so reveal.js is pinned to the exact version
 * the tests ran (package.json).
 */
export function speakerViewScriptHashes(): string[] {
  if (notesHashes) return notesHashes;
  const file = path.join(packageDir('reveal.js'), 'dist', 'plugin', 'notes.js');
  const code = readFileSync(file, 'utf8');
  const start = code.indexOf('document.write(`');
  if (start < 0) throw new Error(`reveal.js notes plugin changed: no document.write in ${file}`);
  let end = code.indexOf('`', start + 16);
  while (code[end - 1] === '\\') end = code.indexOf('`', end + 1);
  if (end < 0) throw new Error(`reveal.js notes plugin changed: the speaker view does not end in ${file}`);
  const literal = code.slice(start + 16, end);
  if (literal.includes('${'))
    throw new Error('reveal.js notes plugin changed: the speaker view has interpolations');
  // The literal has no interpolation (checked above), so evaluating it only undoes its escapes.
  const html = new Function(`return \`${literal}\`;`)() as string;
  notesHashes = [...html.matchAll(/<script>([\s\S]*?)<\/script>/g)].map(
    (match) =>
      `'sha256-${createHash('sha256')
        .update(match[1] as string)
        .digest('base64')}'`,
  );
  return notesHashes;
}

/** The package version, shown by `--version` and in the deck's generator tag. */
let version: string | undefined;

export function packageVersion(): string {
  version ??= (
    JSON.parse(readFileSync(path.join(PACKAGE_ROOT, 'package.json'), 'utf8')) as { version: string }
  ).version;
  return version;
}
