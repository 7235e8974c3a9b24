/**
 * The PowerPoint deck: the slide model (slides/types.ts) as an editable
 * PPTX. Every word is a native text box or table cell, the risk matrix, the
 * actor map and the timeline are native shapes, grouped; the slide master
 * carries the classification banners, the footer and the slide number; the
 * speaker notes go in the notes pane. Written as OOXML by hand and zipped
 * with fflate: pure, no file, clock or browser. Reads only the slide model,
 * never the deck's HTML.
 */
import { problemAt, type Warning } from '../../errors.js';
import type { DeckModel, SlideModel } from '../../slides/types.js';
import type { PreparedDeck } from '../deck.js';
import { type Deck, frameOf, layoutOf } from './_frame.js';
import { addLogoMedia, type LogoRels, logoOf, logoRels } from './_logo.js';
import { LAYOUTS, layoutXml, masterXml, NOTES_SIZE, notesMasterXml, themeXml } from './_master.js';
import { FontMetrics } from './_metrics.js';
import {
  appXml,
  CONTENT_TYPES,
  coreXml,
  Package,
  PRES_PROPS,
  presentationXml,
  REL_TYPES,
  Rels,
  TABLE_STYLES,
  VIEW_PROPS,
} from './_package.js';
import { mediaPaths, preparePictures } from './_pictures.js';
import { notesParagraphs, notesXml, slideXml } from './_slides.js';
import { runLanguage } from './_text.js';
import { PALETTES, paletteOf } from './_theme.js';
import { emu } from './_xml.js';

export interface PptxOptions {
  /**
   * The font all text is set in (default Arial, which every Office install
   * has). Boxes are sized with Arial's metrics, taken 10 % wider for a font
   * that is not metric-compatible with Arial (Liberation Sans, Arimo, Helvetica).
   */
  font?: string;
  /** Speaker notes in the notes pane (default true). */
  notes?: boolean;
  /**
   * Told of each slide whose content does not fit its body even set at 60 %
   * (the font's metrics say it would overflow), as the deck reports overflows.
   */
  onOverflow?: (slide: SlideModel) => void;
}

const DEFAULT_FONT = 'Arial';
const MONO_FONT = 'Courier New';

async function deckOf(model: DeckModel, options: PptxOptions): Promise<Deck> {
  const font = options.font?.trim() || DEFAULT_FONT;
  const layout = layoutOf(model);
  const sources = model.slides.findIndex((slide) => slide.kind === 'sources');
  const frame = frameOf(model, layout);
  const palette = paletteOf(model.theme, model.accent);
  return {
    model,
    layout,
    frame,
    palette,
    pictures: await preparePictures(model, { frame, palette, font }),
    metrics: new FontMetrics(font),
    font,
    monoFont: MONO_FONT,
    sourcesSlide: sources >= 0 ? `slide${sources + 1}.xml` : undefined,
    logo: await logoOf(model),
  };
}

function addMaster(pkg: Package, deck: Deck): void {
  const masterRels = new Rels();
  LAYOUTS.forEach((layout, i) => {
    const path = `ppt/slideLayouts/slideLayout${i + 1}.xml`;
    masterRels.add(REL_TYPES.slideLayout, `../slideLayouts/slideLayout${i + 1}.xml`);
    pkg.part(path, CONTENT_TYPES.slideLayout, layoutXml(deck, layout.kind, layout.name));
    const rels = new Rels();
    rels.add(REL_TYPES.slideMaster, '../slideMasters/slideMaster1.xml');
    pkg.rels(path, rels);
  });
  masterRels.add(REL_TYPES.theme, '../theme/theme1.xml');
  let logoRel: LogoRels | undefined;
  if (deck.logo) {
    addLogoMedia(deck.logo, (...media) => pkg.media(...media));
    logoRel = logoRels(deck.logo, masterRels);
  }
  pkg.part(
    'ppt/slideMasters/slideMaster1.xml',
    CONTENT_TYPES.slideMaster,
    masterXml(deck, LAYOUTS.length, logoRel),
  );
  pkg.rels('ppt/slideMasters/slideMaster1.xml', masterRels);
  pkg.part('ppt/theme/theme1.xml', CONTENT_TYPES.theme, themeXml(deck.palette, deck.font, 'briefdeck'));
}

function addNotesMaster(pkg: Package, deck: Deck): void {
  pkg.part('ppt/notesMasters/notesMaster1.xml', CONTENT_TYPES.notesMaster, notesMasterXml(deck));
  const rels = new Rels();
  rels.add(REL_TYPES.theme, '../theme/theme2.xml');
  pkg.rels('ppt/notesMasters/notesMaster1.xml', rels);
  pkg.part(
    'ppt/theme/theme2.xml',
    CONTENT_TYPES.theme,
    themeXml(PALETTES.light, deck.font, 'briefdeck notes'),
  );
}

/** Adds the slides and their notes; returns how many notes slides there are. */
function addSlides(pkg: Package, deck: Deck, options: PptxOptions): number {
  let notes = 0;
  deck.model.slides.forEach((slide, i) => {
    const path = `ppt/slides/slide${i + 1}.xml`;
    const { xml, rels, fits } = slideXml(slide, deck);
    if (!fits) options.onOverflow?.(slide);
    const paragraphs = (options.notes ?? true) ? notesParagraphs(slide.notesHtml) : [];
    if (paragraphs.length > 0) {
      notes += 1;
      const notesPath = `ppt/notesSlides/notesSlide${notes}.xml`;
      rels.add(REL_TYPES.notesSlide, `../notesSlides/notesSlide${notes}.xml`);
      const notesRels = new Rels();
      pkg.part(
        notesPath,
        CONTENT_TYPES.notesSlide,
        notesXml(paragraphs, deck, notesRels, `../slides/slide${i + 1}.xml`),
      );
      pkg.rels(notesPath, notesRels);
    }
    pkg.part(path, CONTENT_TYPES.slide, xml);
    pkg.rels(path, rels);
  });
  return notes;
}

/** The deck as a PPTX file. */
export async function renderPptx(model: DeckModel, options: PptxOptions = {}): Promise<Uint8Array> {
  const deck = await deckOf(model, options);
  const pkg = new Package();
  addMaster(pkg, deck);
  for (const [number, media] of deck.pictures) {
    const paths = mediaPaths(number, media);
    pkg.media(
      `ppt/${paths.raster}`,
      media.raster.extension,
      `image/${media.raster.extension}`,
      media.raster.bytes,
    );
    if (paths.svg && media.svg) pkg.media(`ppt/${paths.svg}`, 'svg', 'image/svg+xml', media.svg);
  }
  const notes = addSlides(pkg, deck, options);
  const presentationRels = new Rels();
  presentationRels.add(REL_TYPES.slideMaster, 'slideMasters/slideMaster1.xml');
  for (let i = 1; i <= model.slides.length; i++)
    presentationRels.add(REL_TYPES.slide, `slides/slide${i}.xml`);
  let notesMasterRel: string | undefined;
  if (notes > 0) {
    addNotesMaster(pkg, deck);
    notesMasterRel = presentationRels.add(REL_TYPES.notesMaster, 'notesMasters/notesMaster1.xml');
  }
  presentationRels.add(REL_TYPES.theme, 'theme/theme1.xml');
  presentationRels.add(REL_TYPES.presProps, 'presProps.xml');
  presentationRels.add(REL_TYPES.viewProps, 'viewProps.xml');
  presentationRels.add(REL_TYPES.tableStyles, 'tableStyles.xml');
  const size = { cx: emu(deck.frame.width), cy: emu(deck.frame.height) };
  pkg.part(
    'ppt/presentation.xml',
    CONTENT_TYPES.presentation,
    presentationXml(model.slides.length, size, NOTES_SIZE, notesMasterRel, runLanguage(model.language)),
  );
  pkg.rels('ppt/presentation.xml', presentationRels);
  pkg.part('ppt/presProps.xml', CONTENT_TYPES.presProps, PRES_PROPS);
  pkg.part('ppt/viewProps.xml', CONTENT_TYPES.viewProps, VIEW_PROPS);
  pkg.part('ppt/tableStyles.xml', CONTENT_TYPES.tableStyles, TABLE_STYLES);

  const properties = {
    title: model.title,
    subject: model.subject,
    author: model.author,
    company: model.organization,
    keywords: model.classification,
    slides: model.slides.length,
    notes,
  };
  pkg.part('docProps/core.xml', CONTENT_TYPES.core, coreXml(properties));
  pkg.part('docProps/app.xml', CONTENT_TYPES.extended, appXml(properties));
  const root = new Rels();
  root.add(REL_TYPES.officeDocument, 'ppt/presentation.xml');
  root.add(REL_TYPES.core, 'docProps/core.xml');
  root.add(REL_TYPES.extended, 'docProps/app.xml');
  pkg.rels('', root);
  return pkg.zip();
}

/**
 * A prepared deck's PowerPoint file, as `build` and `watch` write it: in the
 * font asked for, with the speaker notes unless `notes` is false, and a
 * warning for each slide that had to be set smaller than 60 %.
 */
export function pptxOf(
  deck: PreparedDeck,
  options: { pptxFont?: string; pptxNotes?: boolean; onWarning?: (warning: Warning) => void },
): Promise<Uint8Array> {
  return renderPptx(deck.model, {
    font: options.pptxFont,
    notes: options.pptxNotes ?? true,
    onOverflow: (slide) =>
      options.onWarning?.(
        problemAt(
          deck.briefing,
          slide.yamlPath,
          `slide ${slide.number} is set smaller than 60 % in the PowerPoint deck and may not fit`,
          'shorten the text',
        ),
      ),
  });
}
