/**
 * Prints the handout. A first print measures where Chromium breaks the
 * pages (`_plan.ts`); when the locator map goes whole to a new page, a
 * shorter map is measured, and when the last page would be nearly empty,
 * a tighter setting; the final print then breaks exactly there, each
 * continued section headed again, the contents with their page numbers.
 * The HTML is a temporary file beside the outputs (it loads the deck's
 * fonts), removed once printed. The caller writes the PDF.
 */
import { randomBytes } from 'node:crypto';
import { unlink } from 'node:fs/promises';
import path from 'node:path';
import { setPdfInfo } from '../../browser/pdfInfo.js';
import { addOutline, type OutlineEntry } from '../../browser/pdfOutline.js';
import { printDocument } from '../../browser/print.js';
import type { BrowserSession } from '../../browser/session.js';
import { buildContent, HANDOUT_FIGURE } from '../../content/index.js';
import type { Warning } from '../../errors.js';
import { packageVersion } from '../assets.js';
import type { PreparedDeck } from '../deck.js';
import { finishPdf, pdfInfo } from '../pdfMeta.js';
import { writeTemp } from '../write.js';
import { PAGE_TEXT_WIDTH } from './_runningHead.js';
import { HANDOUT_MAP_SIZE } from './_visuals.js';
import {
  beforeMapId,
  buildHandoutModel,
  buildHandoutPage,
  type HandoutLayout,
  type HandoutModel,
  handoutSections,
  mapUnit,
  type Paper,
  type Placed,
  type Plan,
  placedDestinations,
  planFrom,
  renderHandout,
} from './index.js';

export interface HandoutPrintOptions {
  paper: Paper;
  /** Print the briefer's notes too (`--with-notes`). */
  withNotes?: boolean;
  timeoutMs: number;
  onWarning?: (warning: Warning) => void;
}

/** A last page less full than this is saved if a tighter setting fits the handout on fewer pages. */
const MIN_LAST_PAGE_FILL = 0.2;
const MM = 72 / 25.4;
/** The page's text area, in points (themes/handout.css: margins 22 mm top, 20 mm bottom). */
const PAGE_HEIGHT: Record<Paper, number> = { a4: 297 * MM, letter: 792 };
const MARGIN_TOP = 22 * MM;
const MARGIN_BOTTOM = 20 * MM;
/** Held back at the top of every page when measuring: room for a "(continued)" heading (handout.hbs). */
export const CONTINUED_RESERVE = 30;
/** Under the locator map's drawing: its margins and a caption of two lines, in points, with some to spare. */
const MAP_CAPTION = 48;
/** The least share of its height the locator map is drawn at to fit a page's room. */
const MAP_LEAST = 0.75;

export async function printHandout(
  deck: PreparedDeck,
  session: BrowserSession,
  options: HandoutPrintOptions,
): Promise<{ pdf: Uint8Array; pageCount: number }> {
  // Its citations go to the source's own entry in the handout (`#source-2`), not to the sources slide.
  const content = buildContent(deck.briefing, (n) => `#source-${n}`, HANDOUT_FIGURE, deck.changes);
  const model = buildHandoutModel(content, deck.model, { withNotes: options.withNotes });
  const print = (layout: HandoutLayout) => printOnce(deck, session, model, layout, options);
  const area = { height: PAGE_HEIGHT[options.paper] - MARGIN_TOP - CONTINUED_RESERVE - MARGIN_BOTTOM };
  const measure = async (layout: HandoutLayout) => {
    const placed = placedDestinations((await print(layout)).pdf);
    return { layout, plan: planFrom(placed, model.body, area), placed };
  };

  let chosen = await bodyAfterOverview(measure, await overviewFirst(measure, model.changes !== undefined));
  chosen = await mapFitted(measure, chosen, model, { ...area, width: PAGE_TEXT_WIDTH[options.paper] });
  // Fewer pages are worth another measuring print: a two-page handout might fit on one with its body
  // right after the overview, and a nearly empty last page might go with slightly tighter spacing.
  const others: HandoutLayout[] =
    chosen.plan.pageCount === 2
      ? [
          { ...chosen.layout, bodyNewPage: false, tight: false },
          { ...chosen.layout, bodyNewPage: false, tight: true },
        ]
      : chosen.plan.pageCount > 2 && chosen.plan.lastPageFill < MIN_LAST_PAGE_FILL
        ? [{ ...chosen.layout, tight: true }]
        : [];
  for (const layout of others) {
    const tried = await measure(layout);
    if (tried.plan.pageCount < chosen.plan.pageCount) {
      chosen = tried;
      break;
    }
  }
  const printed = await print({ ...chosen.layout, plan: chosen.plan });
  const pdf = finishPdf(() => {
    const outline = handoutOutline(model, placedDestinations(printed.pdf), chosen.layout.changesAfterMatrix);
    return setPdfInfo(addOutline(printed.pdf, outline), pdfInfo(deck));
  });
  return { pdf, pageCount: printed.pageCount };
}

/** A layout, the plan its measuring print gave and where that print put each linked element. */
interface Measured {
  layout: HandoutLayout;
  plan: Plan;
  placed: ReadonlyMap<string, Placed>;
}
type Measure = (layout: HandoutLayout) => Promise<Measured>;

/**
 * The first page should tell the whole story (README): the first of these layouts whose first page holds
 * the decisions and the matrix with its key. As set; compact; with a list of what changed (`--since`),
 * that list after the matrix; compact with the matrix's key brief (beside the matrix, the key of many
 * risks with long titles is taller than it), the list before and then after the matrix. When none does,
 * the matrix begins the next page, the list after it unless the list is on the first (README).
 */
async function overviewFirst(measure: Measure, hasChanges: boolean): Promise<Measured> {
  let chosen = await measure({ bodyNewPage: true, tight: false, compact: false });
  if (spillsOverview(chosen.plan)) {
    const compact = await measure({ ...chosen.layout, compact: true });
    if (!spillsOverview(compact.plan) || compact.plan.pageCount <= chosen.plan.pageCount) chosen = compact;
  }
  if (!spillsOverview(chosen.plan)) return chosen;
  let fallback = chosen;
  if (hasChanges) {
    const after = await measure({ ...chosen.layout, changesAfterMatrix: true });
    if (!spillsOverview(after.plan)) return after;
    // Should nothing fit, the list stays on the first page if it is there, else it follows the matrix.
    if ((chosen.plan.pages.get('changes') ?? 1) > 1) fallback = after;
  }
  for (const changesAfterMatrix of hasChanges ? [false, true] : [false]) {
    const brief = await measure({ ...chosen.layout, compact: true, briefKey: true, changesAfterMatrix });
    if (!spillsOverview(brief.plan)) return brief;
  }
  return fallback;
}

/**
 * The matrix or the list of what changed begins the second page: the body follows it there, not on a
 * third, which would leave the second nearly empty.
 */
async function bodyAfterOverview(measure: Measure, chosen: Measured): Promise<Measured> {
  const second = ['risk-overview', 'changes'].some((id) => (chosen.plan.pages.get(id) ?? 1) > 1);
  if (!chosen.layout.bodyNewPage || !second) return chosen;
  const following = await measure({ ...chosen.layout, bodyNewPage: false });
  const worse = spillsOverview(following.plan) && !spillsOverview(chosen.plan);
  return !worse && following.plan.pageCount <= chosen.plan.pageCount ? following : chosen;
}

/**
 * The locator map went whole to the next page, and left the room before it empty: drawn shorter (its
 * extent cut, not its type) to fit that room, if the room is at least `MAP_LEAST` of its height and the
 * handout is then no longer. `area` is a later page's text area, in points.
 */
async function mapFitted(
  measure: Measure,
  chosen: Measured,
  model: HandoutModel,
  area: { width: number; height: number },
): Promise<Measured> {
  const map = mapUnit(model.body);
  const at = map && chosen.placed.get(map.id);
  const before = map && chosen.placed.get(beforeMapId(map.id));
  if (!map || !at || !before || before.page !== at.page - 1 || before.page === 0) return chosen;
  const drawn = (area.width * HANDOUT_MAP_SIZE.height) / HANDOUT_MAP_SIZE.width;
  const fits = area.height - before.top - MAP_CAPTION;
  if (fits < MAP_LEAST * drawn) return chosen;
  const mapHeight = Math.floor((HANDOUT_MAP_SIZE.height * fits) / drawn);
  const tried = await measure({ ...chosen.layout, mapHeight });
  const moved = (tried.plan.pages.get(map.id) ?? 0) < (chosen.plan.pages.get(map.id) ?? 0);
  return moved && tried.plan.pageCount <= chosen.plan.pageCount ? tried : chosen;
}

/** The decisions or the risk overview begin after the first page. */
function spillsOverview(plan: Plan): boolean {
  return ['decisions', 'risk-overview'].some((id) => (plan.pages.get(id) ?? 1) > 1);
}

async function printOnce(
  deck: PreparedDeck,
  session: BrowserSession,
  model: HandoutModel,
  layout: HandoutLayout,
  options: HandoutPrintOptions,
): Promise<{ pdf: Uint8Array; pageCount: number }> {
  const html = renderHandout(
    buildHandoutPage(model, { paper: options.paper, version: packageVersion(), layout }),
  );
  const draft = path.join(
    deck.outDir,
    `.${deck.name}-handout.${process.pid}.${randomBytes(4).toString('hex')}.html`,
  );
  // A draft, removed once printed: written plainly (it is tracked, and nothing reads it but the print).
  const untrack = await writeTemp(draft, html);
  try {
    return await printDocument(session, {
      htmlFile: draft,
      root: deck.outDir,
      timeoutMs: options.timeoutMs,
      onPageMessage: (message) => options.onWarning?.({ message }),
      marking: model.classification || undefined,
    });
  } finally {
    await unlink(draft).catch(() => {});
    untrack();
  }
}

/**
 * The handout's bookmarks: the title page, then each section at the page
 * Chromium put it on, the risks under their section.
 */
export function handoutOutline(
  model: HandoutModel,
  placed: ReadonlyMap<string, Placed>,
  changesAfterMatrix = false,
): OutlineEntry[] {
  const entries: OutlineEntry[] = [{ title: model.title, page: 0 }];
  const risks = model.body.find((section) => section.id === 'risks');
  for (const section of handoutSections(model, changesAfterMatrix)) {
    const at = placed.get(section.id);
    if (at === undefined) continue;
    const children =
      section.id === 'risks'
        ? (risks?.units ?? []).flatMap((unit) => {
            const page = placed.get(unit.id)?.page;
            return unit.kind !== 'risk' || page === undefined
              ? []
              : [{ title: `${unit.risk.number}. ${unit.risk.title}`, page }];
          })
        : [];
    entries.push({ title: section.title, page: at.page, children });
  }
  return entries;
}

export type { Plan };
