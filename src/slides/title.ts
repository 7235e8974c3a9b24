/** The title slide: title, subtitle, date, author, organisation and the report summarised. */

import type { Content } from '../content/index.js';
import type { SlideBuilder } from './_group.js';
import type { TitleSlide } from './types.js';

export function titleSlide(build: SlideBuilder, content: Content): void {
  build.add<TitleSlide>(
    'title',
    [
      {
        title: content.title,
        subtitle: content.subtitle,
        date: content.date,
        author: content.author,
        organization: content.organization,
        sourceHtml: content.sourceHtml,
      },
    ],
    { kind: 'title', heading: content.title, yamlPath: () => 'title' },
  );
}
