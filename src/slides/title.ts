/** The title slide: title, subtitle, date, author, organisation and the report summarised. */
import type { Briefing } from '../briefing.js';
import { escapeHtml } from '../markdown.js';
import type { TitleSlide } from '../model.js';
import type { SlideBuilder } from './_group.js';

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
