/** The timeline: dated events on a line, continued over slides when long. */

import { plainText } from '../content/markdown.js';
import type { TimelineEvent } from '../format/briefing.js';
import type { SlideBuilder, SlideContext } from './_group.js';
import { paginate, textHeight } from './paginate.js';
import type { TimelineSlide } from './types.js';

export function timelineSlides(
  build: SlideBuilder,
  timeline: TimelineEvent[],
  { md, layout, page }: SlideContext,
): void {
  const t = layout.timeline;
  const events = timeline.map((event, index) => ({ ...event, index }));
  const width = page.width - t.dateColumn - t.dotColumn;
  const height = (e: (typeof events)[number]) =>
    Math.max(
      textHeight(e.date, t.dateColumn, { size: t.dateSize, lineHeight: t.dateLineHeight, weight: 700 }),
      textHeight(e.event, width, { size: t.eventSize, lineHeight: t.eventLineHeight }) +
        textHeight(e.place, width, { size: t.placeSize, lineHeight: t.placeLineHeight }),
    );
  const pages = paginate(events, height, page.height, t.gap);
  build.add<TimelineSlide>(
    'timeline',
    pages.map((group) => ({
      events: group.map((e) => ({
        date: e.date,
        eventHtml: md.inline(e.event),
        place: e.place,
        yamlPath: `timeline[${e.index}]`,
      })),
      description: group
        .map((e) => `${e.date}${e.place ? `, ${e.place}` : ''}: ${plainText(e.event)}`)
        .join('; '),
    })),
    {
      kind: 'timeline',
      heading: 'Timeline',
      yamlPath: (index) => `timeline[${pages[index]?.[0]?.index ?? 0}]`,
    },
  );
}
