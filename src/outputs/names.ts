/**
 * What each output of a briefing is called: the one table of names that a
 * build writes by, that a batch checks for clashes with, and that the mail
 * draft is named from.
 */
import path from 'node:path';
import type { PreparedDeck } from './deck.js';

/** The output's base name of a briefing file: `briefing` for `briefing.yaml`. */
export function briefingName(file: string): string {
  return path.basename(file).replace(/\.ya?ml$/i, '');
}

export type OutputKind = 'html' | 'pdf' | 'handout' | 'notes' | 'pptx' | 'singleFile' | 'mail';

const OUTPUT_NAMES: Record<OutputKind, (name: string) => string> = {
  html: (name) => `${name}.html`,
  pdf: (name) => `${name}.pdf`,
  handout: (name) => `${name}-handout.pdf`,
  notes: (name) => `${name}-notes.pdf`,
  pptx: (name) => `${name}.pptx`,
  singleFile: (name) => `${name}.single.html`,
  mail: (name) => `${name}.eml`,
};

/** The file names a briefing called `name` writes into the output folder, with these outputs asked for. */
export function outputFiles(
  name: string,
  outputs: {
    pdf: boolean;
    handout?: unknown;
    notes?: unknown;
    pptx?: boolean;
    singleFile?: boolean;
    mail?: boolean;
  },
): Partial<Record<OutputKind, string>> {
  const asked: Record<OutputKind, boolean> = {
    html: true,
    pdf: outputs.pdf,
    handout: outputs.handout !== undefined,
    notes: outputs.notes !== undefined,
    pptx: outputs.pptx === true,
    singleFile: outputs.singleFile === true,
    mail: outputs.mail === true,
  };
  const kinds = (Object.keys(asked) as OutputKind[]).filter((kind) => asked[kind]);
  return Object.fromEntries(kinds.map((kind) => [kind, OUTPUT_NAMES[kind](name)]));
}

/** The file name of one output of the briefing called `name` (`briefing.eml` for its mail draft). */
export function outputName(name: string, kind: OutputKind): string {
  return OUTPUT_NAMES[kind](name);
}

/** The deck's theme CSS, written beside it when the briefing names a CSS file: `OUT/NAME.theme.css`. */
export function themePath(deck: PreparedDeck): string {
  return path.join(deck.outDir, `${deck.name}.theme.css`);
}

/** Where each output of a deck goes: `OUT/NAME.pdf`, `OUT/NAME-handout.pdf`, `OUT/NAME.single.html`. */
export function outputPath(deck: PreparedDeck, output: Exclude<OutputKind, 'html'>): string {
  return path.join(deck.outDir, OUTPUT_NAMES[output](deck.name));
}
