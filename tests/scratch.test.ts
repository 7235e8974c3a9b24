import { test } from 'vitest';
import { createMarkdown } from '../src/content/markdown.js';
import { createTypography } from '../src/content/typography.js';
test('x', () => {
  for (const lang of ['en','de','fr']) {
  const md = createMarkdown((id) => (id === 'a' ? 1 : undefined), () => '#/sources', { typography: createTypography(lang) });
  console.log(md.block('A & b <c> "quoted" it\'s **"bold"** `"code"` see https://example.org/a-b/c?d=e&f=g and [text](https://x.org) above 90 % [@a].\n\n- item "one" [@a]\n- Verwaltungsgerichtsbarkeit'));
  console.log(md.inline('He said "Landesdatenschutzbeauftragte" done'));
  }
  const plain = createMarkdown((id) => (id === 'a' ? 1 : undefined));
  console.log(plain.block('A & b <c> "quoted" it\'s above 90 % [@a].'));
});
