/**
 * Stage 3a: the view model. Everything the templates show is computed here
 * from the validated `Briefing`: Markdown turned into safe HTML, citation
 * numbers, the risk matrix and actor map, continuation splits. Templates
 * only place it. Pure: no file, clock or browser.
 *
 * This module holds the view model's shape and puts the deck together in
 * briefing order; each kind of slide is made in `slides/` (one module per
 * group), split over slides by `paginate.ts` with the numbers of
 * `layout.ts`, which the page gets too (`layoutStyle`).
 */

import { citationNumbering, createMarkdown, plainText } from '../content/markdown.js';
import type { Aspect, Briefing, NoteGroup } from '../format/briefing.js';
import { layOutGroup, SlideBuilder, type SlideContext } from './_group.js';
import { actorMapSlide, actorSlides } from './actors.js';
import { blufSlides } from './bluf.js';
import { LAYOUT, type LayoutTable, layoutFor, layoutStyle } from './layout.js';
import { pageOf } from './paginate.js';
import { recommendationSlides } from './recommendations.js';
import { riskSlides } from './risks.js';
import { situationSlides } from './situation.js';
import { sourceSlides } from './sources.js';
import { timelineSlides } from './timeline.js';
import { titleSlide } from './title.js';
import type { DeckModel } from './types.js';

export {
  type ActorCard,
  type ActorMapSlide,
  type ActorsSlide,
  type BlufSlide,
  type DeckModel,
  type RecommendationRow,
  type RecommendationsSlide,
  type RiskCard,
  type RiskMatrixSlide,
  type RisksSlide,
  type SituationSlide,
  SLIDE_KINDS,
  type SlideBase,
  type SlideKind,
  type SlideModel,
  type SourcesSlide,
  type TimelineSlide,
  type TitleSlide,
} from './types.js';

/** The slide partials, one per kind of slide. */
/**
 * The view model of `briefing`. `table` is the table of layout numbers; the
 * capacity model splits by it and the page is styled by it.
 */
export function buildDeckModel(
  briefing: Briefing,
  table: LayoutTable = LAYOUT,
  citationHref: (n: number) => string = () => '#/sources',
): DeckModel {
  const md = createMarkdown(citationNumbering(briefing.sources), citationHref);
  const aspect: Aspect = briefing.deck.aspect;
  const layout = layoutFor(aspect, table);
  const page = pageOf(aspect, layout, briefing.classification !== undefined);
  const groupNotesHtml: Partial<Record<NoteGroup, string>> = Object.fromEntries(
    Object.entries(briefing.notes).map(([group, text]) => [group, md.block(text as string)]),
  );
  const deck = new SlideBuilder(groupNotesHtml);
  const context: SlideContext = { md, layout, page };
  const group = (slides: (builder: SlideBuilder, context: SlideContext) => void) =>
    deck.append(layOutGroup(groupNotesHtml, context, slides));

  titleSlide(deck, briefing);
  if (briefing.bluf.length > 0) group((b, c) => blufSlides(b, briefing.bluf, c));
  group((b, c) => situationSlides(b, briefing.situation, c));
  if (briefing.timeline.length > 0) group((b, c) => timelineSlides(b, briefing.timeline, c));
  const mapped = actorMapSlide(deck, briefing.actors, context);
  // The group's notes go on its first slide: the map when there is one.
  group((b, c) => actorSlides(b, briefing.actors, c, mapped ? null : 'actors'));
  group((b, c) => riskSlides(b, briefing.risks, c));
  group((b, c) => recommendationSlides(b, briefing.recommendations, c));
  if (briefing.sources.length > 0) group((b, c) => sourceSlides(b, briefing.sources, c));

  const { width, height } = layout.slide;
  const theme = 'builtIn' in briefing.deck.theme ? briefing.deck.theme.builtIn : undefined;
  const logo = briefing.deck.logo;
  return {
    title: briefing.title,
    subject:
      briefing.subtitle ??
      (briefing.bluf[0] ? plainText(briefing.bluf[0]) : plainText(briefing.situation.summary)),
    author: briefing.author,
    organization: briefing.organization,
    classification: briefing.classification,
    classificationLevel: briefing.classification ? classificationLevel(briefing.classification) : undefined,
    aspect,
    width,
    height,
    theme,
    accent: briefing.deck.accent,
    logo: logo && {
      dataUri: `data:${logo.mediaType};base64,${Buffer.from(logo.bytes).toString('base64')}`,
      alt: briefing.organization ? `${briefing.organization} logo` : 'Logo',
    },
    slides: deck.finish(),
    layoutStyle: layoutStyle(layout),
    groupNotesHtml,
  };
}

/** The conventional banner colour for common markings; anything else is `other` (the theme's colours). */
export function classificationLevel(marking: string): string {
  const text = marking.toUpperCase();
  if (/\bTLP\s*:\s*RED\b/.test(text)) return 'tlp-red';
  if (/\bTLP\s*:\s*AMBER/.test(text)) return 'tlp-amber';
  if (/\bTLP\s*:\s*GREEN\b/.test(text)) return 'tlp-green';
  if (/\bTLP\s*:\s*(CLEAR|WHITE)\b/.test(text)) return 'tlp-clear';
  if (/\bTOP SECRET\b/.test(text)) return 'top-secret';
  if (/\bSECRET\b/.test(text)) return 'secret';
  if (/\bCONFIDENTIAL\b/.test(text)) return 'confidential';
  if (/\bCUI\b/.test(text)) return 'cui';
  if (/^UNCLASSIFIED\b/.test(text)) return 'unclassified';
  return 'other';
}
