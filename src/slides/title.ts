/** The title slide: title, subtitle, date, author, organisation and the report summarised. */

import type { Content } from '../content/index.js';
import type { SlideBuilder } from './_group.js';
import type { TitleSlide } from './types.js';

export function titleSlide(build: SlideBuilder, content: Content): void {
  build.add<TitleSlide>('title', [titleBlock(content)], {
    kind: 'title',
    heading: content.title,
    yamlPath: () => 'title',
  });
}

/** What the title slide, and the handout's first page, say of the briefing. */
export function titleBlock(content: Content) {
  return {
    title: content.title,
    subtitle: content.subtitle,
    date: content.date,
    author: content.author,
    organization: content.organization,
    sourceHtml: content.sourceHtml,
    asOf: content.asOf?.shown,
    version: content.version,
    contact: contactLine(content.contact),
    handling: content.handling?.text,
  };
}

/** "Name, role · email · phone", from what the contact gives. */
export function contactLine(contact: Content['contact']): string | undefined {
  if (!contact) return undefined;
  const who = [contact.name, contact.role].filter(Boolean).join(', ');
  return [who, contact.email, contact.phone].filter(Boolean).join(' · ');
}
