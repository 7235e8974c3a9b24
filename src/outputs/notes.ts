/**
 * The briefer's script (`OUT/NAME-notes.pdf`): every slide as a small
 * picture beside its speaker notes, its number and heading, for the
 * presenter alone. It reads the slide model (the notes as the presenter
 * view shows them) and pictures of the slides as the deck draws them
 * (_notesSlides.ts), and is printed in the handout's page shell: its paper,
 * its policy and its running header and footer, the classification at top
 * and bottom of every page. `buildNotesModel`, `buildNotesPage` and
 * `renderNotes` are pure; `printNotes` captures, prints and returns the
 * PDF, and writes nothing but its own draft, removed once printed.
 */
import { randomBytes } from 'node:crypto';
import { unlink } from 'node:fs/promises';
import path from 'node:path';
import type Handlebars from 'handlebars';
import { type PdfInfo, setPdfInfo } from '../browser/pdfInfo.js';
import { addOutline, namedDestinations, type OutlineEntry } from '../browser/pdfOutline.js';
import { printDocument } from '../browser/print.js';
import type { BrowserSession } from '../browser/session.js';
import { RenderError, type Warning } from '../errors.js';
import type { DeckModel, TitleSlide } from '../slides/index.js';
import { captureSlides } from './_notesSlides.js';
import type { PageHead } from './_pageHead.js';
import { packageVersion } from './assets.js';
import type { PreparedDeck } from './deck.js';
import { builtInTemplate } from './deck.js';
import { buildHandoutPage, type HandoutPage, type Paper } from './handout/index.js';
import { finishPdf, pdfInfo } from './pdfMeta.js';
import { writeTemp } from './write.js';

/**
 * How tall a slide's picture is on paper, whatever the deck's aspect: 76 mm
 * wide at 16:9, 57 mm at 4:3, so a page holds as many slides either way.
 */
export const PICTURE_HEIGHT_MM = 42.75;
/**
 * Its pixels per inch on paper: sharp enough for the slide's body text
 * (about 4 pt at this size), small enough that the sample's ten slides add
 * about 230 KB to the PDF.
 */
export const PICTURE_DPI = 200;

/** The picture's width on paper, in millimetres. */
export function pictureWidthMm(deck: Pick<DeckModel, 'width' | 'height'>): number {
  return (PICTURE_HEIGHT_MM * deck.width) / deck.height;
}

export interface NotesSlide {
  /** The element id: the slide's reveal.js hash (`/sources`), so the deck's citation links in notes work here. */
  anchor: string;
  number: number;
  total: number;
  heading: string;
  /** "2/3" on continuation slides, else empty. */
  part: string;
  /** Sanitised HTML; empty when the slide has none. */
  notesHtml: string;
  /** The slide's picture, a `data:image/png` URI. */
  picture: string;
  /** The picture's text equivalent. */
  alt: string;
}

export interface NotesModel extends PageHead {
  slides: NotesSlide[];
  /** "10, all with notes", "10, 7 with notes". */
  slideSummary: string;
}

/** The script of `deck`, with `pictures[i]` (a data URI) the picture of its slide `i`. */
export function buildNotesModel(deck: DeckModel, pictures: readonly string[]): NotesModel {
  if (pictures.length !== deck.slides.length)
    throw new RenderError(`The deck has ${deck.slides.length} slides but ${pictures.length} were captured.`, {
      hint: 'A template override (--templates) or the theme may have broken the slide structure; if neither is used, report it.',
    });
  const title = deck.slides.find((slide): slide is TitleSlide => slide.kind === 'title');
  const slides = deck.slides.map((slide, index): NotesSlide => {
    const heading = slide.kind === 'title' ? 'Title' : slide.heading;
    return {
      anchor: `/${slide.id}`,
      number: slide.number,
      total: slide.total,
      heading,
      part: slide.part,
      notesHtml: slide.notesHtml,
      picture: pictures[index] as string,
      alt: `Slide ${slide.number}: ${slide.kind === 'title' ? deck.title : heading}${slide.part ? ` (${slide.part})` : ''}`,
    };
  });
  return {
    title: deck.title,
    language: deck.language,
    dir: deck.dir,
    subtitle: title?.subtitle,
    date: title?.date,
    author: deck.author,
    organization: deck.organization,
    classification: deck.classification,
    classificationLevel: deck.classificationLevel,
    banner: deck.banner,
    logo: deck.logo,
    accent: deck.accent,
    slides,
    slideSummary: slideSummary(slides),
  };
}

function slideSummary(slides: readonly NotesSlide[]): string {
  const withNotes = slides.filter((slide) => slide.notesHtml).length;
  const which = withNotes === slides.length ? 'all' : withNotes === 0 ? 'none' : String(withNotes);
  return `${slides.length}, ${which} with notes`;
}

export interface NotesPage
  extends NotesModel,
    Pick<HandoutPage, 'paper' | 'pageSize' | 'assets' | 'csp' | 'margin' | 'generator'> {
  /** The pictures' width on paper, as CSS. */
  pictureWidth: string;
}

export function buildNotesPage(
  model: NotesModel,
  options: { paper: Paper; version: string; pictureWidthMm: number },
): NotesPage {
  // The handout's page shell, from the fields it reads for it (an empty handout of this briefing): the
  // paper, the policy (no script; fonts and styles from the folder, images inline), and the running
  // header and footer texts as escaped CSS strings with the marking's colour.
  const { paper, pageSize, assets, csp, margin, generator } = buildHandoutPage(
    {
      title: model.title,
      language: model.language,
      dir: model.dir,
      date: model.date,
      organization: model.organization,
      classification: model.classification,
      classificationLevel: model.classificationLevel,
      banner: model.banner,
      withNotes: false,
      bluf: [],
      decisions: [],
      body: [],
    },
    {
      paper: options.paper,
      version: options.version,
      layout: { bodyNewPage: false, tight: false, compact: false },
    },
  );
  return {
    ...model,
    paper,
    pageSize,
    assets,
    csp,
    margin,
    generator,
    pictureWidth: `${options.pictureWidthMm.toFixed(2)}mm`,
  };
}

let compiled: Handlebars.TemplateDelegate<NotesPage> | undefined;

export function renderNotes(page: NotesPage): string {
  compiled ??= builtInTemplate<NotesPage>('notes.hbs');
  return compiled(page, { allowProtoPropertiesByDefault: false });
}

export interface NotesOptions {
  paper: Paper;
  timeoutMs: number;
  onWarning?: (warning: Warning) => void;
}

/**
 * Prints the briefer's script of the deck written at `htmlFile` (the
 * build's draft of `OUT/NAME.html`, with its assets and theme already in
 * place). The caller writes the PDF (`OUT/NAME-notes.pdf`).
 */
export async function printNotes(
  deck: PreparedDeck,
  htmlFile: string,
  session: BrowserSession,
  options: NotesOptions,
): Promise<{ pdf: Uint8Array; pageCount: number }> {
  const model = deck.model;
  const pngs = await captureSlides(session, {
    htmlFile,
    root: deck.outDir,
    timeoutMs: options.timeoutMs,
    // Drawn at the size it is printed: pixels per CSS pixel of the slide.
    scale: (PICTURE_HEIGHT_MM / 25.4) * (PICTURE_DPI / model.height),
    onPageMessage: (message) => options.onWarning?.({ message }),
  });
  const pictures = pngs.map((png) => `data:image/png;base64,${Buffer.from(png).toString('base64')}`);
  const notes = buildNotesModel(model, pictures);
  const html = renderNotes(
    buildNotesPage(notes, {
      paper: options.paper,
      version: packageVersion(),
      pictureWidthMm: pictureWidthMm(model),
    }),
  );
  const draft = path.join(
    deck.outDir,
    `.${deck.name}-notes.${process.pid}.${randomBytes(4).toString('hex')}.html`,
  );
  // A draft, removed once printed: written plainly (it is tracked, and nothing reads it but the print).
  const untrack = await writeTemp(draft, html);
  try {
    const printed = await printDocument(session, {
      htmlFile: draft,
      root: deck.outDir,
      timeoutMs: options.timeoutMs,
      onPageMessage: (message) => options.onWarning?.({ message }),
      marking: notes.classification || undefined,
    });
    const pdf = finishPdf(() => {
      const outline = notesOutline(deck.outline, notes, namedDestinations(printed.pdf));
      return setPdfInfo(addOutline(printed.pdf, outline), notesPdfInfo(deck));
    });
    return { pdf, pageCount: printed.pageCount };
  } finally {
    await unlink(draft).catch(() => {});
    untrack();
  }
}

/**
 * The script's bookmarks: the deck's (a slide group each, continuation
 * slides under it), each at the page that holds that slide's notes
 * (`pages`: element id to page, from the PDF's named destinations).
 */
export function notesOutline(
  deckOutline: readonly OutlineEntry[],
  notes: NotesModel,
  pages: ReadonlyMap<string, number>,
): OutlineEntry[] {
  const at = (entry: OutlineEntry): OutlineEntry => {
    const slide = notes.slides[entry.page];
    return {
      title: entry.title,
      page: (slide && pages.get(slide.anchor)) ?? 0,
      children: entry.children?.map(at),
    };
  };
  return deckOutline.map(at);
}

/** The script's document information: the deck's, its title and subject saying what it is. */
function notesPdfInfo(deck: PreparedDeck): PdfInfo {
  const info = pdfInfo(deck);
  return {
    ...info,
    title: `${info.title} — briefer’s script`,
    subject: `Speaker notes for the presenter; not for distribution. ${info.subject ?? ''}`.trim(),
  };
}
