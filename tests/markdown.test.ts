import fc from 'fast-check';
import { Marked } from 'marked';
import { describe, expect, it } from 'vitest';
import { createMarkdown, findCitations, isPlainBlock, isPlainInline, plainText } from '../src/markdown.js';

const md = createMarkdown((id) => ({ report: 1, other: 2 })[id]);

describe('Markdown', () => {
  it('renders emphasis, code and lists', () => {
    expect(md.inline('IS was **expelled** by a *rival*, see `x`')).toBe(
      'IS was <strong>expelled</strong> by a <em>rival</em>, see <code>x</code>',
    );
    expect(md.block('One.\n\n- a\n- b')).toMatchInlineSnapshot(`
      "<p>One.</p>
      <ul>
      <li>a</li>
      <li>b</li>
      </ul>"
    `);
  });

  it('shows raw HTML as text, block and inline', () => {
    expect(md.block('<script>alert(1)</script>')).toBe('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(md.inline('a <img src=x onerror=alert(1)> b')).toBe('a &lt;img src=x onerror=alert(1)&gt; b');
    expect(md.inline('<b onmouseover="x()">bold</b>')).not.toContain('<b');
  });

  it('keeps only http, https and mailto links', () => {
    expect(md.inline('[site](https://example.org "Title")')).toBe(
      '<a href="https://example.org" title="Title" rel="noopener noreferrer">site</a>',
    );
    expect(md.inline('[mail](mailto:desk@example.org)')).toContain('href="mailto:desk@example.org"');
    for (const href of [
      'javascript:alert(1)',
      'JAVASCRIPT:alert(1)',
      'file:///etc/passwd',
      'data:text/html,x',
      'vbscript:x',
      '/etc/passwd',
    ]) {
      expect(md.inline(`[click](${href})`), href).toBe('click');
    }
    expect(md.inline('<javascript:alert(1)>')).not.toContain('href');
  });

  it('never loads images: they become their alt text', () => {
    expect(md.inline('![a map](https://example.org/map.png)')).toBe('a map');
    expect(md.inline('![<b>x</b>](file:///etc/passwd)')).not.toContain('<b>');
  });

  it('turns citations into numbered references to the sources slide', () => {
    expect(md.inline('As reported [@report], and [@other].')).toBe(
      'As reported <a class="cite" href="#/sources" title="Source 1">[1]</a>, and <a class="cite" href="#/sources" title="Source 2">[2]</a>.',
    );
    expect(findCitations('a [@report] b [@x-1] [@Bad]')).toEqual(['report', 'x-1']);
  });

  it('renders headings as bold paragraphs so they do not compete with the slide title', () => {
    expect(md.block('# Big')).toBe('<p class="md-heading"><strong>Big</strong></p>');
  });

  it('strips Markdown to plain text', () => {
    expect(plainText('**IS** was [expelled](https://x.org) [@report]')).toBe('IS was expelled');
  });
});

describe('Markdown: plain text skips marked', () => {
  // Plain text holds no syntax our renderer's extensions or overrides could act on, so marked's
  // defaults (GFM, no line breaks, as ours) are what it would have given.
  const marked = new Marked({ gfm: true, breaks: false, async: false });
  const md = createMarkdown(() => 1);
  const alphabet = [
    ...'aZé1 9.,;:?\'"()%/$€£’‘“”–—…-',
    ...'*_~`[]<>!&@#|\\=+\t\n',
    ' ',
    'www.',
    '://',
    '1. ',
    '2) ',
    '- ',
    '\u0301',
    '𝐀',
    '\u00a0',
    '\u2028',
    '\u0085',
    '\u200b',
    '\ufeff',
    '\u3000',
    '١',
    '²',
    '🙂',
  ];
  const text = fc.array(fc.constantFrom(...alphabet), { maxLength: 14 }).map((parts) => parts.join(''));

  it('gives exactly what marked gives, inline and as a block', () => {
    let plainInline = 0;
    let plainBlock = 0;
    fc.assert(
      fc.property(text, (s) => {
        if (isPlainInline(s)) {
          plainInline++;
          expect(md.inline(s)).toBe((marked.parseInline(s) as string).trim());
        }
        if (isPlainBlock(s)) {
          plainBlock++;
          expect(md.block(s)).toBe((marked.parse(s) as string).trim());
        }
      }),
      { numRuns: 20_000, seed: 20261125 },
    );
    // The generator reaches the fast path often enough for the comparison to mean something.
    expect(plainInline).toBeGreaterThan(1000);
    expect(plainBlock).toBeGreaterThan(1000);
  });

  it('leaves to marked every text with something to read', () => {
    for (const s of [
      'a **b**',
      'see https://example.org',
      'www.example.org',
      'desk@example.org',
      '1. first',
      '2) second',
      '- item',
      '# title',
      '> quote',
      'a | b',
      'a\nb',
      '    code',
      'a &amp; b',
      'a\\b',
      '[@report]',
    ]) {
      expect(isPlainInline(s) && isPlainBlock(s), s).toBe(false);
    }
    expect(isPlainBlock('IS retreated to the Green Mountains.\n')).toBe(true);
    expect(md.block('IS retreated to the "Green Mountains".\n')).toBe(
      '<p>IS retreated to the &quot;Green Mountains&quot;.</p>',
    );
  });
});
