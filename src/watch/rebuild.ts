/**
 * One rebuild of watch mode, a job of the rebuild loop (rebuildLoop.ts):
 * the build pipeline with the deck written first, so every open deck
 * reloads at once, and the PDFs printed after it. The job writes nothing
 * more once its signal aborts (a newer save is waiting, or watch is
 * closing); a print under way is then dropped, and the next is not begun.
 *
 * A briefing that changed while it was read is read again before its
 * problems are reported, so a half-written save is never shown as the
 * user's mistake. What the output folder holds is remembered from job to
 * job, so a save that changes nothing rebuilds nothing.
 */
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { stat } from 'node:fs/promises';
import path from 'node:path';
import type { BrowserSession } from '../browser/session.js';
import {
  type BuildOptions,
  copyDeckAssets,
  type PreparedDeck,
  prepareDeck,
  writeDeck,
  writeSingleFile,
} from '../build.js';
import {
  BriefingError,
  MarkingError,
  OverflowError,
  RenderError,
  UserError,
  type Warning,
} from '../errors.js';
import { loadTemplates, type Templates } from '../outputs/deck.js';
import { shellOf } from '../outputs/deckShell.js';
import { outputPath, themePath } from '../outputs/names.js';
import { printDeck, printHandout } from '../outputs/pdf.js';
import { keepFiles, writeFileAtomic } from '../outputs/write.js';
import type { Built, Current, PrintedOutput, RebuildFailure, StaleOutput } from './outcome.js';
import type { JobEnd } from './rebuildLoop.js';

export type RebuildOptions = Pick<
  BuildOptions,
  | 'file'
  | 'outDir'
  | 'cwd'
  | 'pdf'
  | 'strict'
  | 'deck'
  | 'templatesDir'
  | 'timeoutMs'
  | 'handout'
  | 'notes'
  | 'singleFile'
  | 'pptx'
  | 'pptxFont'
  | 'pptxNotes'
  // The previous version (`--since`), read once when watch starts: every save is marked against it.
  | 'baseline'
>;

/** Where a rebuild's news go: open decks and the terminal (watch.ts). */
export interface RebuildListener {
  /**
   * The deck in the output folder is the last save's: open decks at an older `build` update (in place
   * when their page has the same `shell`, else by reloading), and show no problems.
   */
  deck(build: number, shell: string): void;
  rebuilt(built: Built): void;
  /** The save needed no rebuild: what the folder holds is this save's already (said after each such save). */
  unchanged(current: Current): void;
  /** The last save did not make everything; `build` counts the decks written, the one put back included. */
  failed(failure: RebuildFailure, build: number): void;
  warning(warning: Warning): void;
  /** The files the deck is made of now (the briefing, its theme CSS, its logo): their saves count. */
  inputs(files: string[]): void;
}

type PrintTimes = Pick<Built, 'pdfMs' | 'handoutMs' | 'notesMs'>;

/** What a deck's outputs are made of: equal fingerprints, equal files. */
type Fingerprint = string;

/** The deck a job wrote over, and how to put it back. */
interface Replaced {
  made: Fingerprint | undefined;
  restore: () => Promise<void>;
}

/** What a job's print needs to know of the job. */
interface PrintJob {
  session: BrowserSession;
  signal: AbortSignal;
  deckMs: number;
  replaced: Replaced | undefined;
}

export class DeckRebuilder {
  /** Decks written so far, a deck put back included: an open deck loaded at an older one reloads. */
  private build = 0;
  private templates: Templates | undefined;
  /**
   * What the files in the output folder were made of, as the last jobs left them (not what the last
   * good build was made of: a failed print leaves a newer deck beside an older PDF). A save is compared
   * with these, so that one that changes nothing rebuilds nothing, and one back to the last good text
   * after a failed print rewrites what that print left.
   */
  private readonly onDisk: { deck?: Fingerprint; prints?: Fingerprint; pptx?: Fingerprint } = {};
  private readonly briefingFile: string;
  private readonly templatesDir: string | undefined;
  /** The output folder as the terminal shows it. */
  private readonly shownOut: string;

  constructor(
    private readonly options: RebuildOptions,
    /** The browser kept for the session, when a PDF, the handout or --strict's measuring needs one. */
    private readonly session: BrowserSession | undefined,
    private readonly listener: RebuildListener,
    /** Whether watch is closing: an aborted job then says nothing more (a superseded one still reports what it left). */
    private readonly closing: () => boolean,
  ) {
    this.briefingFile = path.resolve(options.cwd, options.file);
    this.templatesDir = options.templatesDir && path.resolve(options.cwd, options.templatesDir);
    this.shownOut = path.relative(options.cwd, path.resolve(options.cwd, options.outDir)) || '.';
  }

  /** A partial changed: they are compiled again for the next job. */
  forgetTemplates(): void {
    this.templates = undefined;
  }

  /** One job: builds the briefing as it is now, the deck first, then its PDFs. */
  async run(signal: AbortSignal): Promise<JobEnd> {
    const start = performance.now();
    const before = await this.stamp();
    const deck = await this.prepare(signal, before);
    if (typeof deck === 'string') return deck;
    this.listener.inputs(this.inputsOf(deck));
    const made = fingerprint(deck);
    const deckMs = performance.now() - start;
    const replaced = made === this.onDisk.deck ? undefined : await this.replaceDeck(deck, made);
    // Published after every save, even one that changes nothing: open decks drop the last save's problems.
    this.listener.deck(this.build, shellOf(deck));
    // The PowerPoint deck needs no browser: written once open decks have the new one.
    if (this.options.pptx && made !== this.onDisk.pptx && !signal.aborted) await this.writePptx(deck, made);
    if (!this.session || made === this.onDisk.prints) {
      // Saved without a change, or back to what the folder holds after a mistake: nothing more to do.
      const slides = deck.slideCount;
      if (replaced) this.listener.rebuilt({ deckMs, slides });
      else this.listener.unchanged({ slides, printed: this.printed(), outDir: this.shownOut });
      return 'done';
    }
    if (signal.aborted) return 'done';
    await this.printOutputs(deck, made, { session: this.session, signal, deckMs, replaced });
    // An event may have been missed while the file was being read: compare it with what was read.
    return (await this.stamp()) !== before ? 'again' : 'done';
  }

  /** Reads and renders the briefing; reports its problems. No deck when there is none to write now. */
  private async prepare(signal: AbortSignal, before: string): Promise<PreparedDeck | JobEnd> {
    let deck: PreparedDeck;
    try {
      this.templates ??= loadTemplates(this.templatesDir);
      deck = await prepareDeck({
        ...this.options,
        templates: this.templates,
        // A judgment moved without its reason (`--since`): said after every save until it has one.
        onWarning: (warning) => this.listener.warning(warning),
      });
    } catch (error) {
      if (!(error instanceof UserError)) throw error;
      // Changed while being read (an editor still writing): the finished file is built next.
      if (signal.aborted) return 'done';
      if ((await this.stamp()) !== before) return 'again';
      const outDir = this.shownOut;
      this.listener.failed(
        error instanceof BriefingError
          ? { kind: 'invalid', error, outDir }
          : { kind: 'unbuildable', error, outDir },
        this.build,
      );
      return 'done';
    }
    // Changed since it was read: this build is already out of date, and may be of a half-written file.
    if (signal.aborted) return 'done';
    if ((await this.stamp()) !== before) return 'again';
    return deck;
  }

  /** Writes this save's deck in place of the one in the folder; says what it replaced, to put back. */
  private async replaceDeck(deck: PreparedDeck, made: Fingerprint): Promise<Replaced> {
    // The assets are checked while the files this deck replaces are read.
    const assets = copyDeckAssets(deck.outDir);
    assets.catch(() => {}); // reported by writeDeck
    // Put back if this deck's classification turns out not to be shown as it must be (only a print can tell).
    const replaced: Replaced = {
      made: this.onDisk.deck,
      restore: this.session
        ? await keepFiles([
            deck.htmlFile,
            themePath(deck),
            outputPath(deck, 'singleFile'),
            outputPath(deck, 'pptx'),
          ])
        : async () => {},
    };
    this.onDisk.deck = undefined; // a write that fails part way leaves the folder unknown
    await writeDeck(deck, deck.htmlFile, assets);
    if (this.options.singleFile) await writeSingleFile(deck);
    this.onDisk.deck = made;
    this.build += 1;
    return replaced;
  }

  /** Writes the PowerPoint deck beside the deck (it needs no browser); a slide set smaller is a warning. */
  private async writePptx(deck: PreparedDeck, made: Fingerprint): Promise<void> {
    const { pptxOf } = await import('../outputs/pptx/index.js');
    const pptx = await pptxOf(deck, {
      ...this.options,
      onWarning: (warning) => this.listener.warning(warning),
    });
    this.onDisk.pptx = undefined;
    await writeFileAtomic(outputPath(deck, 'pptx'), pptx);
    this.onDisk.pptx = made;
  }

  /**
   * Prints the PDF and the handout of the deck on disk and writes them. When they cannot be made, the
   * deck stays (it is this save's, as is everything beside it) and the terminal and open decks are told
   * which of them are stale.
   */
  private async printOutputs(deck: PreparedDeck, made: Fingerprint, job: PrintJob): Promise<void> {
    const written = new Set<PrintedOutput>();
    try {
      const times = await this.print(deck, job, written);
      this.onDisk.prints = made;
      this.listener.rebuilt({ deckMs: job.deckMs, ...times, slides: deck.slideCount });
    } catch (error) {
      // Aborted: a newer save is waiting (its own print replaces this one), or watch is closing.
      if (this.closing() || (job.signal.aborted && error === job.signal.reason)) return;
      if (!(error instanceof RenderError)) throw error;
      await this.printFailed(deck, error, job, written);
    }
  }

  /** Prints the PDFs asked for, each written as soon as it is made, unless the job was aborted; their times. */
  private async print(
    deck: PreparedDeck,
    { session, signal }: PrintJob,
    written: Set<PrintedOutput>,
  ): Promise<PrintTimes> {
    const times: PrintTimes = {};
    const printStart = performance.now();
    if (this.options.pdf || this.options.strict) {
      const printed = await printDeck(deck, deck.htmlFile, session, {
        ...this.options,
        signal,
        onWarning: (warning) => {
          // Under --strict the overflows come back as the error's problems.
          if (!this.closing() && !this.options.strict) this.listener.warning(warning);
        },
      });
      signal.throwIfAborted();
      if (printed.pdf) {
        this.onDisk.prints = undefined;
        await writeFileAtomic(outputPath(deck, 'pdf'), printed.pdf);
        written.add('pdf');
        times.pdfMs = performance.now() - printStart;
      }
    }
    const { handout, notes } = this.options;
    const job = { deck, signal, written };
    if (handout) {
      times.handoutMs = await this.printOther('handout', job, () =>
        printHandout(deck, session, { ...this.options, paper: handout, onWarning: this.pageWarning }),
      );
    }
    if (notes !== undefined) {
      const { printNotes } = await import('../outputs/notes.js');
      times.notesMs = await this.printOther('notes', job, () =>
        printNotes(deck, deck.htmlFile, session, {
          ...this.options,
          paper: notes,
          onWarning: this.pageWarning,
        }),
      );
    }
    return times;
  }

  /**
   * Prints the handout or the script, writes it and says how long it took. Their prints take no
   * signal (outputs/handout, outputs/notes.ts): the job is looked at before and after.
   */
  private async printOther(
    kind: 'handout' | 'notes',
    { deck, signal, written }: { deck: PreparedDeck; signal: AbortSignal; written: Set<PrintedOutput> },
    print: () => Promise<{ pdf: Uint8Array }>,
  ): Promise<number> {
    signal.throwIfAborted();
    const start = performance.now();
    const { pdf } = await print();
    signal.throwIfAborted();
    this.onDisk.prints = undefined;
    await writeFileAtomic(outputPath(deck, kind), pdf);
    written.add(kind);
    return performance.now() - start;
  }

  /** What the handout's or the script's page reported (a blocked request), unless watch is closing. */
  private readonly pageWarning = (warning: Warning): void => {
    if (!this.closing()) this.listener.warning(warning);
  };

  /** The print failed: puts back a deck that hides its classification, or says which PDFs are stale. */
  private async printFailed(
    deck: PreparedDeck,
    error: RenderError,
    job: PrintJob,
    written: ReadonlySet<PrintedOutput>,
  ): Promise<void> {
    const outDir = this.shownOut;
    if (error instanceof MarkingError && job.replaced) {
      // A deck that does not show its classification is never left in the folder: the one it
      // replaced is put back, shown to open decks under the problems, as a mistake is.
      await job.replaced.restore();
      this.onDisk.deck = job.replaced.made;
      this.onDisk.pptx = undefined;
      this.build += 1;
      this.listener.failed({ kind: 'notReplaced', error, outDir }, this.build);
      return;
    }
    const stale = this.staleOutputs(deck, written);
    if (error instanceof OverflowError) {
      // --strict: overflows are the file's problems, shown like any other.
      this.listener.failed({ kind: 'overflow', overflows: error.problems, stale, outDir }, this.build);
      return;
    }
    // A timeout, a crashed browser, a print that went wrong: the next rebuild starts a new browser.
    await job.session.restart();
    this.listener.failed({ kind: 'printFailed', error, stale, outDir }, this.build);
  }

  /** Each PDF asked for that this save's print did not write: it is older than the deck, or missing. */
  private staleOutputs(deck: PreparedDeck, written: ReadonlySet<PrintedOutput>): StaleOutput[] {
    return this.printed()
      .filter((output) => !written.has(output))
      .map((output) => {
        const file = outputPath(deck, output);
        return { file: path.relative(this.options.cwd, file) || file, exists: existsSync(file) };
      });
  }

  /** The PDFs asked for. */
  private printed(): PrintedOutput[] {
    return [
      ...(this.options.pdf ? ['pdf' as const] : []),
      ...(this.options.handout ? ['handout' as const] : []),
      ...(this.options.notes !== undefined ? ['notes' as const] : []),
    ];
  }

  /** The theme CSS and the logo the briefing names now, besides the briefing itself. */
  private inputsOf(deck: PreparedDeck): string[] {
    const theme = deck.briefing.deck.theme;
    return [
      this.briefingFile,
      ...('css' in theme ? [theme.css.path] : []),
      ...(deck.briefing.deck.logo ? [deck.briefing.deck.logo.path] : []),
    ];
  }

  /** The briefing file's identity now, to tell whether it changed while it was read. */
  private async stamp(): Promise<string> {
    const info = await stat(this.briefingFile).catch(() => undefined);
    return info ? `${info.ino}:${info.size}:${info.mtimeMs}` : 'missing';
  }
}

/**
 * The deck's HTML holds everything but the theme's bytes (the logo is inlined): with those, it says
 * whether anything the outputs are made of differs from what is on disk.
 */
function fingerprint(deck: PreparedDeck): Fingerprint {
  const theme = deck.briefing.deck.theme;
  return `${deck.html}\0${'css' in theme ? createHash('sha256').update(theme.css.bytes).digest('hex') : ''}`;
}
