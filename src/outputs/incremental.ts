/**
 * Incremental builds: a briefing whose inputs have not changed since its
 * last build, and whose outputs are all still as that build wrote them, is
 * not built again. The inputs are the YAML, the files it names (theme,
 * logo), the templates and themes, briefdeck's version and the options
 * that shape the outputs; their hash and each output's hash are kept beside
 * the outputs, in `OUT/.NAME.briefdeck.json`. An output that is missing or
 * was changed by hand is rebuilt; so is everything with `force`.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Changes } from '../changes/types.js';
import { buildContent } from '../content/index.js';
import type { Briefing } from '../format/briefing.js';
import type { DeckOverrides } from '../options.js';
import type { DeckModel } from '../slides/index.js';
import { buildDeckModel } from '../slides/index.js';
import { PACKAGE_ROOT, packageVersion } from './assets.js';
import type { PreparedDeck } from './deck.js';
import { briefingName, type OutputKind, outputFiles, outputName } from './names.js';
import { writeFileAtomic } from './write.js';

interface Manifest {
  inputs: string;
  /** Each output's path, relative to the output folder, and the SHA-256 of its bytes. */
  outputs: Record<string, string>;
}

const sha256 = (data: string | Uint8Array) => createHash('sha256').update(data).digest('hex');

export function manifestPath(outDir: string, name: string): string {
  return path.join(outDir, `.${name}.briefdeck.json`);
}

let builtIns: string | undefined;

/** The built-in templates and themes, hashed once a process: a change to them is a change of inputs. */
function builtInsHash(): string {
  if (builtIns === undefined) {
    const hash = createHash('sha256');
    for (const dir of ['templates', 'templates/partials', 'themes']) {
      const full = path.join(PACKAGE_ROOT, dir);
      // Sorted by code unit: a locale's collation would load ICU's, 5 ms of a cold start, for nothing.
      for (const entry of readdirSync(full, { withFileTypes: true }).sort((a, b) =>
        a.name < b.name ? -1 : 1,
      )) {
        if (entry.isFile()) hash.update(entry.name).update(readFileSync(path.join(full, entry.name)));
      }
    }
    builtIns = hash.digest('hex');
  }
  return builtIns;
}

/**
 * The hash of everything a build of `briefing` with `options` is made from: the YAML as written, and
 * every file it names (theme, logo, figures), taken from the validated briefing, where they are bytes.
 */
export async function inputsHash(
  briefing: Briefing,
  yamlFile: string,
  options: Record<string, unknown>,
  templatesDir?: string,
): Promise<string> {
  const hash = createHash('sha256');
  hash.update(packageVersion()).update(builtInsHash()).update(JSON.stringify(options));
  hash.update(await readFile(yamlFile));
  hash.update(briefingJson(briefing));
  if (templatesDir) {
    for (const entry of readdirSync(templatesDir).sort()) {
      if (entry.endsWith('.hbs')) hash.update(entry).update(readFileSync(path.join(templatesDir, entry)));
    }
  }
  return hash.digest('hex');
}

/** A validated briefing as JSON, without its positions, the files it names as their hashes. */
function briefingJson(briefing: Briefing): string {
  return JSON.stringify(briefing, (key, value: unknown) =>
    key === 'positions' ? undefined : value instanceof Uint8Array ? sha256(value) : value,
  );
}

/**
 * The outputs of the last build when it was made from `inputs` and every output it wrote is still
 * there, unchanged; undefined when the briefing must be built.
 */
export async function unchangedOutputs(
  outDir: string,
  name: string,
  inputs: string,
  expected: readonly string[],
): Promise<string[] | undefined> {
  let manifest: Manifest;
  try {
    manifest = JSON.parse(await readFile(manifestPath(outDir, name), 'utf8')) as Manifest;
  } catch {
    return undefined;
  }
  if (manifest.inputs !== inputs) return undefined;
  const files = Object.keys(manifest.outputs);
  if (expected.some((file) => !files.includes(file))) return undefined;
  for (const [file, digest] of Object.entries(manifest.outputs)) {
    const bytes = await readFile(path.join(outDir, file)).catch(() => undefined);
    if (!bytes || sha256(bytes) !== digest) return undefined;
  }
  return files.map((file) => path.join(outDir, file));
}

/** Records what a build was made from and what it wrote. */
export async function writeManifest(
  outDir: string,
  name: string,
  inputs: string,
  outputs: readonly string[],
) {
  const manifest: Manifest = { inputs, outputs: {} };
  for (const file of outputs) manifest.outputs[path.relative(outDir, file)] = sha256(await readFile(file));
  await writeFileAtomic(manifestPath(outDir, name), `${JSON.stringify(manifest, null, 2)}\n`);
}

/** What shapes a build's outputs, for the incremental check: the options, not where or how it runs. */
/** The options of a build that say what it writes and how: the incremental check's part of them. */
export interface BuildShape {
  file: string;
  cwd: string;
  outDir: string;
  templatesDir?: string;
  pdf: boolean;
  strict: boolean;
  deck?: DeckOverrides;
  handout?: unknown;
  notes?: unknown;
  pptx?: boolean;
  pptxFont?: string;
  pptxNotes?: boolean;
  singleFile?: boolean;
  withNotes?: boolean;
}

/** Where each output of a build is (the deck always), as a build's result gives them. */
export interface BuiltFiles {
  html: string;
  pdf?: string;
  handout?: string;
  notes?: string;
  pptx?: string;
  singleFile?: string;
}

/** `previous`: the version compared with (`--since`): its content is an input too. */
export function inputsOf(briefing: Briefing, options: BuildShape, previous?: Briefing): Promise<string> {
  const { pdf, strict, deck, handout, notes, pptx, pptxFont, pptxNotes, singleFile, withNotes } = options;
  const since = previous && sha256(briefingJson(previous));
  // The notes left out of the PowerPoint deck only (`--no-notes`), so that the records of other builds stay as they were.
  const shaping = {
    pdf,
    strict,
    deck,
    handout,
    notes,
    pptx,
    pptxFont,
    pptxNotes: pptxNotes === false ? false : undefined,
    singleFile,
    withNotes,
    since,
  };
  const templatesDir = options.templatesDir && path.resolve(options.cwd, options.templatesDir);
  return inputsHash(briefing, path.resolve(options.cwd, options.file), shaping, templatesDir);
}

/** The last build's result, when it was made from the same inputs and its outputs are as it wrote them. */
export async function keptOutputs(
  briefing: Briefing,
  inputs: string,
  options: BuildShape,
  changes?: Changes,
): Promise<(BuiltFiles & { model: DeckModel; slideCount: number }) | undefined> {
  const outDir = path.resolve(options.cwd, options.outDir);
  const name = briefingName(options.file);
  const expected = Object.values(outputFiles(name, options));
  const kept = await unchangedOutputs(outDir, name, inputs, expected);
  if (!kept) return undefined;
  const model = buildDeckModel(buildContent(briefing, undefined, undefined, changes), briefing.deck);
  const at = (kind: Exclude<OutputKind, 'html'>) => {
    const file = path.join(outDir, outputName(name, kind));
    return kept.includes(file) ? file : undefined;
  };
  return {
    model,
    html: path.join(outDir, outputName(name, 'html')),
    pdf: at('pdf'),
    handout: at('handout'),
    notes: at('notes'),
    pptx: at('pptx'),
    singleFile: at('singleFile'),
    slideCount: model.slides.length,
  };
}

export async function recordBuild(deck: PreparedDeck, inputs: string, result: BuiltFiles): Promise<void> {
  const files = [result.html, result.pdf, result.handout, result.notes, result.pptx, result.singleFile];
  await writeManifest(
    deck.outDir,
    deck.name,
    inputs,
    files.filter((file) => file !== undefined),
  );
}
