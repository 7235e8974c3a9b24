/** Shared by the tests: build a briefing into a fresh folder, read a PDF back. */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll } from 'vitest';
import { BrowserSession } from '../src/browser/session.js';
import { type BuildOptions, type BuildResult, buildBriefing } from '../src/build.js';
import { buildContent } from '../src/content/index.js';
import { formatWarning } from '../src/errors.js';
import type { Briefing } from '../src/format/briefing.js';
import { buildDeckModel, type DeckModel } from '../src/slides/index.js';
import type { LayoutTable } from '../src/slides/layout.js';

export const ROOT = path.resolve(import.meta.dirname, '..');
export const FIXTURES = path.join(ROOT, 'tests', 'fixtures');
/** The built command, as a user runs it. */
export const BIN = path.join(ROOT, 'bin', 'briefdeck.cjs');

/** Runs the built CLI in `cwd` (colours off) and returns its exit code and output, whatever the code. */
export async function runCli(
  cwd: string,
  args: readonly string[],
  env: NodeJS.ProcessEnv = {},
): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, [BIN, ...args], {
      cwd,
      env: { ...process.env, NO_COLOR: '1', ...env },
      maxBuffer: 64 * 1024 * 1024,
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

/** One folder per test file for everything it writes, removed after the file's tests. */
const SCRATCH = mkdtempSync(path.join(os.tmpdir(), 'briefdeck-test-'));
afterAll(() => rmSync(SCRATCH, { recursive: true, force: true }));

export function tempDir(prefix = 'run-'): string {
  return mkdtempSync(path.join(SCRATCH, prefix));
}

export function newSession(timeoutMs = 60_000): BrowserSession {
  return new BrowserSession({ env: process.env, timeoutMs });
}

/** Builds `file` (relative to the repo) into a new temporary folder. */
export async function build(
  file: string,
  options: Partial<BuildOptions> = {},
): Promise<BuildResult & { outDir: string; warnings: string[] }> {
  const outDir = options.outDir ?? tempDir();
  const warnings: string[] = [];
  const result = await buildBriefing({
    file,
    outDir,
    cwd: ROOT,
    pdf: true,
    strict: false,
    timeoutMs: 60_000,
    onWarning: (warning) => warnings.push(formatWarning(warning)),
    ...options,
  });
  return { ...result, outDir, warnings };
}

export interface ReadPdf {
  pages: string[];
  info: Record<string, unknown>;
  pageSizes: { width: number; height: number }[];
  /** The bookmarks, depth first: title, 1-based page, depth (0 at the top). */
  outline: { title: string; page: number; depth: number }[];
  /** Per page, where its links go: `page N` inside the document, else the URL. */
  links: string[][];
  /** Whether the PDF says it is tagged (MarkInfo /Marked true) and has a structure tree. */
  tagged: boolean;
}

/** Reads a PDF with pdf.js: the text of each page and the document information. */
export async function readPdf(file: string): Promise<ReadPdf> {
  const { getDocument } = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const data = new Uint8Array(await readFile(file));
  const doc = await getDocument({ data, useSystemFonts: false, disableFontFace: true, verbosity: 0 }).promise;
  const pages: string[] = [];
  const pageSizes: { width: number; height: number }[] = [];
  for (let n = 1; n <= doc.numPages; n++) {
    const page = await doc.getPage(n);
    const content = await page.getTextContent();
    pages.push(
      content.items
        .map((item) => ('str' in item ? item.str + (item.hasEOL ? '\n' : '') : ''))
        .join('')
        .replace(/[ \t]+/g, ' '),
    );
    const [, , width = 0, height = 0] = page.view;
    pageSizes.push({ width, height });
  }
  const { info } = await doc.getMetadata();
  const pageOf = async (dest: unknown): Promise<number | undefined> => {
    const explicit = typeof dest === 'string' ? await doc.getDestination(dest) : dest;
    if (!Array.isArray(explicit)) return undefined;
    return (await doc.getPageIndex(explicit[0])) + 1;
  };
  const outline: ReadPdf['outline'] = [];
  const walk = async (items: Awaited<ReturnType<typeof doc.getOutline>> | undefined, depth: number) => {
    for (const item of items ?? []) {
      outline.push({ title: item.title, page: (await pageOf(item.dest)) ?? 0, depth });
      await walk(item.items, depth + 1);
    }
  };
  await walk(await doc.getOutline(), 0);
  const links: string[][] = [];
  for (let n = 1; n <= doc.numPages; n++) {
    const annotations = await (await doc.getPage(n)).getAnnotations();
    const targets: string[] = [];
    for (const annotation of annotations) {
      if (annotation.subtype !== 'Link') continue;
      if (annotation.url) targets.push(annotation.url);
      else targets.push(`page ${(await pageOf(annotation.dest)) ?? '?'}`);
    }
    links.push(targets);
  }
  const markInfo = await doc.getMarkInfo();
  const tagged = markInfo?.Marked === true && (await (await doc.getPage(1)).getStructTree()) !== null;
  await doc.destroy();
  return { pages, info: info as Record<string, unknown>, pageSizes, outline, links, tagged };
}

/** The deck's slide model of a valid briefing, as a build makes it (content, then slides). */
export function deckModelOf(briefing: Briefing, table?: LayoutTable): DeckModel {
  return buildDeckModel(buildContent(briefing), briefing.deck, table);
}
