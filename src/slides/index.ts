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

import type { Content } from '../content/index.js';
import type { Aspect, DeckSettings } from '../format/briefing.js';
import { layOutGroup, SlideBuilder, type SlideContext } from './_group.js';
import { actorMapSlide, actorSlides } from './actors.js';
import { blufSlides } from './bluf.js';
import { changesSlides } from './changes.js';
import { decisionSlides } from './decisions.js';
import { visualSlides } from './figures.js';
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
  type ChangesSlide,
  type CombinedSlide,
  type DecisionsSlide,
  type DeckModel,
  type FigureSlide,
  type LocatorMapSlide,
  type RecommendationRow,
  type RecommendationsSlide,
  type RiskCard,
  type RiskKeyEntry,
  type RiskMatrixSlide,
  type RiskRegisterSlide,
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

/**
 * The slides of `content`, set as `deck` says. `table` is the table of
 * layout numbers; the capacity model splits by it and the page is styled by it.
 */
export function buildDeckModel(content: Content, deck: DeckSettings, table: LayoutTable = LAYOUT): DeckModel {
  const aspect: Aspect = deck.aspect;
  const layout = layoutFor(aspect, table);
  const page = pageOf(aspect, layout, content.classification !== undefined);
  const notes = content.notesHtml;
  const slides = new SlideBuilder(notes);
  const context: SlideContext = { layout, page };
  const group = (lay: (builder: SlideBuilder, context: SlideContext) => void) =>
    slides.append(layOutGroup(notes, context, lay));

  titleSlide(slides, content);
  if (content.bluf.length > 0) group((b, c) => blufSlides(b, content.bluf, c));
  if (content.decisions.length > 0) group((b, c) => decisionSlides(b, content.decisions, c, content.dir));
  const { changes } = content;
  if (changes) group((b, c) => changesSlides(b, changes, c));
  visualSlides(slides, content.visuals, context, 'bluf');
  group((b, c) => situationSlides(b, content.situation, c));
  visualSlides(slides, content.visuals, context, 'situation');
  if (content.timeline.length > 0) group((b, c) => timelineSlides(b, content.timeline, c));
  visualSlides(slides, content.visuals, context, 'timeline');
  const mapped = actorMapSlide(slides, content.actors, context);
  // The group's notes go on its first slide: the map when there is one.
  group((b, c) => actorSlides(b, content.actors, c, mapped ? null : 'actors'));
  visualSlides(slides, content.visuals, context, 'actors');
  group((b, c) => riskSlides(b, content.risks, c));
  visualSlides(slides, content.visuals, context, 'risks');
  group((b, c) => recommendationSlides(b, content.recommendations, c));
  visualSlides(slides, content.visuals, context, 'recommendations');
  if (content.sources.length > 0) group((b, c) => sourceSlides(b, content.sources, c));

  const { width, height } = layout.slide;
  const logo = deck.logo;
  return {
    title: content.title,
    language: content.language,
    dir: content.dir,
    subject: content.subject,
    author: content.author,
    organization: content.organization,
    classification: content.classification,
    classificationLevel: content.classificationLevel,
    banner: content.banner,
    asOf: content.asOf?.shown,
    aspect,
    width,
    height,
    theme: 'builtIn' in deck.theme ? deck.theme.builtIn : undefined,
    accent: deck.accent,
    logo: logo && {
      dataUri: `data:${logo.mediaType};base64,${Buffer.from(logo.bytes).toString('base64')}`,
      alt: content.organization ? `${content.organization} logo` : 'Logo',
    },
    slides: slides.finish(),
    ...(content.marked ? { marked: true as const } : {}),
    layoutStyle: layoutStyle(layout),
  };
}
