/**
 * "Changes since …" (`--since`): right after the bottom line (and the
 * decisions), what changed since the previous version, in groups: the
 * judgments that moved with their reasons, then new and removed risks,
 * actors, events, recommendations and decisions. Continued over slides
 * like any list; a group split over two slides is headed again. Its sizes
 * are here, beside it, and in themes/changes.css.
 */
import type { ChangeLine, ChangesSection } from '../content/index.js';
import type { SlideBuilder, SlideContext } from './_group.js';
import { paginate, textHeight } from './paginate.js';
import type { ChangesSlide } from './types.js';

/** The slide's sizes, px (themes/changes.css sets the same). */
export const CHANGES_LAYOUT = {
  groupSize: 15,
  groupLineHeight: 1.3,
  /** Space above a group's heading (not the first on a slide), and below it. */
  groupTop: 14,
  groupBottom: 4,
  size: 21,
  lineHeight: 1.3,
  noteSize: 17,
  noteLineHeight: 1.3,
  noteTop: 2,
  /** Between the lines of a group, and the bullet's column. */
  gap: 6,
  indent: 22,
} as const;

interface Entry {
  group: number;
  title: string;
  first: boolean;
  line: ChangeLine;
}

export function changesSlides(build: SlideBuilder, section: ChangesSection, { page }: SlideContext): void {
  const c = CHANGES_LAYOUT;
  const width = page.width - c.indent;
  const entries = section.groups.flatMap((group, index) =>
    group.lines.map((line, at): Entry => ({ group: index, title: group.title, first: at === 0, line })),
  );
  const heading = c.groupTop + c.groupSize * c.groupLineHeight + c.groupBottom;
  const height = (entry: Entry) =>
    (entry.first ? heading : 0) +
    textHeight(entry.line.markdown, width, { size: c.size, lineHeight: c.lineHeight, weight: 600 }) +
    (entry.line.note
      ? c.noteTop + textHeight(entry.line.note, width, { size: c.noteSize, lineHeight: c.noteLineHeight })
      : 0);
  // A group heading that starts a slide has no space above it; a slide that continues a group heads it
  // again, which its first line's height does not count: room is kept for that.
  const pages = paginate(entries, height, page.height + c.groupTop - heading, c.gap);
  build.add<ChangesSlide>(
    null,
    pages.map((entries) => ({ groups: groupsOf(entries) })),
    { kind: 'changes', heading: section.heading, yamlPath: () => 'changes' },
  );
}

function groupsOf(entries: Entry[]): ChangesSlide['groups'] {
  const groups: ChangesSlide['groups'] = [];
  let last: number | undefined;
  for (const entry of entries) {
    if (entry.group !== last) {
      groups.push({ title: entry.title, continued: !entry.first, lines: [] });
      last = entry.group;
    }
    const { html, noteHtml } = entry.line;
    groups.at(-1)?.lines.push(noteHtml ? { html, noteHtml } : { html });
  }
  return groups;
}
