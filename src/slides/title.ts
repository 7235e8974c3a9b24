/** The title slide: title, subtitle, date, author, organisation and the report summarised. */

import { escapeHtml } from '../content/markdown.js';
import type { Briefing } from '../format/briefing.js';
import type { SlideBuilder } from './_group.js';
import type { TitleSlide } from './types.js';

export function titleSlide(build: SlideBuilder, briefing: Briefing): void {
  let sourceHtml: string | undefined;
  if (briefing.source) {
    const { title, publisher, author, date, url } = briefing.source;
    const name = url
      ? `<a href="${escapeHtml(url)}" rel="noopener noreferrer">${escapeHtml(title)}</a>`
      : escapeHtml(title);
    const by = [author, publisher, date].filter(Boolean).map((part) => escapeHtml(part as string));
    sourceHtml = `<em>${name}</em>${by.length ? `, ${by.join(', ')}` : ''}`;
  }
  build.add<TitleSlide>(
    'title',
    [
      {
        title: briefing.title,
        subtitle: briefing.subtitle,
        date: briefing.date,
        author: briefing.author,
        organization: briefing.organization,
        sourceHtml,
      },
    ],
    { kind: 'title', heading: briefing.title, yamlPath: () => 'title' },
  );
}
