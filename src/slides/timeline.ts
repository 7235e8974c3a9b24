/** The timeline: dated events on a line, continued over slides when long. */

import type { TimelineItem } from '../content/index.js';
import type { SlideBuilder, SlideContext } from './_group.js';
import { withMark } from './_marks.js';
import { paginate, textHeight } from './paginate.js';
import type { TimelineSlide } from './types.js';

export function timelineSlides(
  build: SlideBuilder,
  events: TimelineItem[],
  { layout, page }: SlideContext,
): void {
  const t = layout.timeline;
  const width = page.width - t.dateColumn - t.dotColumn;
  const height = (e: TimelineItem) =>
    Math.max(
      textHeight(e.date, t.dateColumn, { size: t.dateSize, lineHeight: t.dateLineHeight, weight: 700 }),
      textHeight(withMark(e.event, e.change), width, { size: t.eventSize, lineHeight: t.eventLineHeight }) +
        textHeight(e.place, width, { size: t.placeSize, lineHeight: t.placeLineHeight }),
    );
  const pages = paginate(events, height, page.height, t.gap);
  build.add<TimelineSlide>(
    'timeline',
    pages.map((group) => ({
      events: group.map((e) => ({
        date: e.date,
        eventHtml: e.eventHtml,
        place: e.place,
        ...(e.mapNumber !== undefined ? { mapNumber: e.mapNumber } : {}),
        yamlPath: e.yamlPath,
        ...(e.change ? { change: e.change } : {}),
      })),
      description: group.map((e) => e.summary).join('; '),
    })),
    {
      kind: 'timeline',
      heading: 'Timeline',
      yamlPath: (index) => pages[index]?.[0]?.yamlPath ?? 'timeline[0]',
    },
  );
}
