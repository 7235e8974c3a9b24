/**
 * Stage 1: read the briefing file and parse it as YAML 1.2 (core schema),
 * keeping every node's position. Problems that make the file unreadable
 * (not UTF-8, empty, bad YAML) stop here; the rest is validation's job.
 */
import { closeSync, constants, fstatSync, openSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { type Document, isMap, isScalar, isSeq, LineCounter, parseDocument } from 'yaml';
import { BriefingError, type Problem } from '../errors.js';
import { BRIEFING, requiredKeys } from './format.js';
import { joinPath } from './yamlPaths.js';
import { syntaxHint } from './yamlSyntaxHints.js';

/** A briefing larger than this is surely not a briefing. */
export const MAX_FILE_BYTES = 1024 * 1024;

export interface LoadedBriefing {
  /** The file as the user named it, for messages. */
  file: string;
  /** Folder that relative paths in the file (theme, logo) are resolved against. */
  dir: string;
  source: string;
  doc: Document.Parsed;
  /** 1-based line and column of a character offset. */
  locate(offset: number): { line: number; col: number };
  /** Problems found while parsing that do not stop validation (custom tags). */
  problems: Problem[];
}

export async function loadBriefing(file: string, options: { cwd?: string } = {}): Promise<LoadedBriefing> {
  const absolute = path.resolve(options.cwd ?? process.cwd(), file);
  const fail = (message: string, hint?: string): never => {
    throw new BriefingError([{ file, line: 1, col: 1, path: '', message, ...(hint ? { hint } : {}) }]);
  };
  let read: SmallFile;
  try {
    read = readSmallFile(absolute, MAX_FILE_BYTES);
  } catch (cause) {
    const code = (cause as NodeJS.ErrnoException).code;
    return fail(code === 'ENOENT' ? 'no such file' : `cannot be read (${code})`);
  }
  if ('bytes' in read) return parseBriefing(read.bytes, file, path.dirname(absolute));
  if (read.refused === 'folder') return fail('is a folder, not a file');
  if (read.refused === 'not a file') return fail('is not a regular file');
  return fail(`the file is ${read.size} bytes`, `a briefing may be at most ${MAX_FILE_BYTES} bytes`);
}

export type SmallFile = { bytes: Buffer } | { refused: 'folder' | 'not a file' | 'too large'; size: number };

/**
 * Reads a file at once, without waiting for the thread pool (a cold start
 * waits about a millisecond for each asynchronous step). What is not a
 * regular file (a pipe or a device would block the whole process) or is
 * larger than `limit` bytes is refused before it is read. Throws the errors
 * of opening it (ENOENT and the like).
 */
export function readSmallFile(file: string, limit: number): SmallFile {
  // Not blocking: opening a pipe would otherwise wait for a writer.
  const fd = openSync(file, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  try {
    const info = fstatSync(fd);
    if (info.isDirectory()) return { refused: 'folder', size: 0 };
    if (!info.isFile()) return { refused: 'not a file', size: 0 };
    if (info.size > limit) return { refused: 'too large', size: info.size };
    return { bytes: readFileSync(fd) };
  } finally {
    closeSync(fd);
  }
}

/** Parses briefing bytes already in memory (used by watch mode and tests). */
export function parseBriefing(bytes: Uint8Array, file: string, dir: string): LoadedBriefing {
  const fail = (line: number, col: number, message: string, hint?: string): never => {
    throw new BriefingError([{ file, line, col, path: '', message, ...(hint ? { hint } : {}) }]);
  };
  const source = decodeBriefing(bytes, fail);
  const lineCounter = new LineCounter();
  const doc = parseDocument(source, {
    version: '1.2',
    schema: 'core',
    uniqueKeys: true,
    prettyErrors: false,
    strict: true,
    lineCounter,
  });
  const locate = (offset: number) => lineCounter.linePos(Math.max(0, offset));
  const at = (offset: number, message: string, hint?: string, path = ''): Problem => ({
    file,
    ...locate(offset),
    path,
    message,
    ...(hint ? { hint } : {}),
  });
  const { problems, readable } = yamlProblems(doc, source, at);
  if (!readable) throw new BriefingError(problems);
  if (doc.contents === null) {
    const required = requiredKeys(BRIEFING);
    fail(
      1,
      1,
      'the file is empty',
      `a briefing needs at least ${required.slice(0, -1).join(', ')} and ${required.at(-1)}`,
    );
  }

  const tagProblems = doc.warnings
    .filter((warning) => warning.code === 'TAG_RESOLVE_FAILED')
    .map((warning) => at(warning.pos[0], firstLine(warning.message), 'custom tags are not allowed'));
  return { file, dir, source, doc, locate, problems: [...problems, ...tagProblems] };
}

/** The text of a briefing file: at most MAX_FILE_BYTES, valid UTF-8, without its byte order mark. */
function decodeBriefing(
  bytes: Uint8Array,
  fail: (line: number, col: number, message: string, hint?: string) => never,
): string {
  if (bytes.length > MAX_FILE_BYTES) {
    fail(1, 1, `the file is ${bytes.length} bytes`, `a briefing may be at most ${MAX_FILE_BYTES} bytes`);
  }
  const bad = firstInvalidUtf8(bytes);
  if (bad !== undefined) {
    const before = new TextDecoder().decode(bytes.subarray(0, bad));
    const lines = before.split('\n');
    fail(lines.length, (lines.at(-1)?.length ?? 0) + 1, 'the file is not valid UTF-8', 'save it as UTF-8');
  }
  const source = new TextDecoder().decode(bytes);
  return source.startsWith('\uFEFF') ? source.slice(1) : source;
}

/**
 * The YAML parser's errors as problems, in the order of the file. After the
 * first real syntax error the parser's view of the file is off, and what it
 * says next misleads: only the first is reported (duplicate keys and the
 * like are still all listed). The file is still `readable` when its only
 * errors are duplicate keys: the rest of it is validated too (every value,
 * a repeated key's each time), so that one repeated key does not hide
 * every other problem.
 */
function yamlProblems(
  doc: Document.Parsed,
  source: string,
  at: (offset: number, message: string, hint?: string, path?: string) => Problem,
): { problems: Problem[]; readable: boolean } {
  const problems: Problem[] = [];
  let deep = false;
  let syntax = false;
  let documents = false;
  const errors = [...doc.errors].sort((x, y) => x.pos[0] - y.pos[0]);
  for (const error of errors) {
    if (error.code === 'RESOURCE_EXHAUSTION') {
      if (!deep) problems.push(at(error.pos[0], 'the file is nested too deeply to be a briefing'));
      deep = true;
    } else if (error.code === 'DUPLICATE_KEY') {
      if (syntax) continue;
      const key =
        source
          .slice(error.pos[0], error.pos[0] + 80)
          .split(/:(?:\s|$)|\n/)[0]
          ?.trim() ?? '';
      problems.push(
        at(
          error.pos[0],
          `duplicate key${key ? ` "${key}"` : ''}`,
          'each key may appear once in a mapping',
          keyPathAt(doc.contents, error.pos[0]),
        ),
      );
    } else if (error.code === 'MULTIPLE_DOCS') {
      documents = true;
      problems.push(
        at(error.pos[0], 'the file holds more than one YAML document ("---")', 'a briefing is one document'),
      );
    } else if (!syntax) {
      syntax = true;
      const tab =
        /tab/i.test(error.message) ||
        source.slice(Math.max(0, error.pos[0] - 200), error.pos[1] + 1).includes('\t');
      problems.push(
        at(
          printedAt(source, error.pos[0]),
          `YAML syntax: ${firstLine(error.message)}`,
          syntaxHint(error, tab, source),
        ),
      );
    }
  }
  return { problems, readable: !deep && !syntax && !documents };
}

/**
 * The YAML path (`actors[5].stance`) of the mapping key written at `offset`, as the validator names it;
 * '' when no key starts there. Aliases are not followed: a key written at `offset` is in the file's own
 * nodes.
 */
function keyPathAt(node: unknown, offset: number, path = ''): string {
  if (isMap(node)) {
    for (const pair of node.items) {
      const key: unknown = pair.key;
      if (isScalar(key) && key.range?.[0] === offset) return joinPath(path, String(key.value));
      if (isScalar(key) && contains(pair.value, offset)) {
        const found = keyPathAt(pair.value, offset, joinPath(path, String(key.value)));
        if (found) return found;
      }
    }
  } else if (isSeq(node)) {
    for (const [index, item] of node.items.entries()) {
      if (!contains(item, offset)) continue;
      const found = keyPathAt(item, offset, `${path}[${index}]`);
      if (found) return found;
    }
  }
  return '';
}

/** Whether `offset` lies in the text of `node`. */
function contains(node: unknown, offset: number): boolean {
  const range = (node as { range?: [number, number, number] } | null)?.range;
  return range !== undefined && offset >= range[0] && offset <= range[2];
}

/** An offset at the start of a line's indentation moved to its first printed character: where the mistake shows. */
function printedAt(source: string, offset: number): number {
  const lineStart = offset === 0 || source[offset - 1] === '\n';
  if (!lineStart) return offset;
  const indent = /^[ ]+(?=\S)/.exec(source.slice(offset, offset + 200));
  return indent ? offset + indent[0].length : offset;
}

function firstLine(message: string): string {
  return message.split('\n')[0]?.replace(/ at line \d+, column \d+:?$/, '') ?? message;
}

/** Offset of the first byte that is not part of valid UTF-8, if any. */
export function firstInvalidUtf8(bytes: Uint8Array): number | undefined {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i] as number;
    const need =
      b < 0x80
        ? 0
        : b >= 0xc2 && b <= 0xdf
          ? 1
          : b >= 0xe0 && b <= 0xef
            ? 2
            : b >= 0xf0 && b <= 0xf4
              ? 3
              : -1;
    if (need < 0) return i;
    for (let k = 1; k <= need; k++) {
      const c = bytes[i + k];
      if (c === undefined || (c & 0xc0) !== 0x80) return i;
    }
    if (need === 2) {
      const c = bytes[i + 1] as number;
      if ((b === 0xe0 && c < 0xa0) || (b === 0xed && c > 0x9f)) return i;
    } else if (need === 3) {
      const c = bytes[i + 1] as number;
      if ((b === 0xf0 && c < 0x90) || (b === 0xf4 && c > 0x8f)) return i;
    }
    i += need + 1;
  }
  return undefined;
}
