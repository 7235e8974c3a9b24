import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  citationNumbering,
  createMarkdown,
  isPlainBlock,
  isPlainInline,
  plainText,
} from '../src/content/markdown.js';
import { findCitations } from '../src/format/references.js';

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

describe('Markdown shortcuts', () => {
  // What the deck gets with the shortcuts (plain text without marked, rare block rules off where
  // they cannot match) against marked alone, with the same citations and overrides.
  const fast = createMarkdown((id) => ({ report: 1 })[id]);
  const slow = createMarkdown(
    (id) => ({ report: 1 })[id],
    () => '#/sources',
    { shortcuts: false },
  );
  const alphabet = [
    ...'aZé1 9.,;:?\'"()%/$€£’‘“”–—…-',
    ...'*_~`[]<>!&@#|\\=+\t\n',
    ' ',
    '\n\n',
    'www.',
    '://',
    '1. ',
    '2) ',
    '- ',
    '* ',
    '> ',
    '# ',
    '===',
    '---',
    ':---',
    '---:',
    ':-:',
    '    ',
    '| a | b |\n|---|---|\n',
    '<div>',
    '**',
    '[@report]',
    '[x](https://example.org)',
    'a@b.org',
    '\u0301',
    '𝐀',
    '\u00a0',
    '\u2028',
    '\u0085',
    '\u200b',
    '\ufeff',
    '\u3000',
    '١',
    '🙂',
  ];
  const text = fc.array(fc.constantFrom(...alphabet), { maxLength: 24 }).map((parts) => parts.join(''));

  it('change nothing: the HTML is exactly what marked alone gives, inline and as a block', () => {
    let plainInline = 0;
    let plainBlock = 0;
    fc.assert(
      fc.property(text, (s) => {
        if (isPlainInline(s)) plainInline++;
        if (isPlainBlock(s)) plainBlock++;
        expect(fast.inline(s)).toBe(slow.inline(s));
        expect(fast.block(s)).toBe(slow.block(s));
      }),
      { numRuns: 20_000, seed: 20261125 },
    );
    // The generator reaches the plain-text path often enough for the comparison to mean something.
    expect(plainInline).toBeGreaterThan(500);
    expect(plainBlock).toBeGreaterThan(500);
  });

  it('keep setext headings, tables (one column needs no "|") and raw HTML, also inside lists and quotes', () => {
    for (const s of [
      'Title\n===',
      'Title\n  ---  ',
      '> Quote title\n> ---',
      '- Item title\n  ===',
      '1. Item\n   ---',
      '| a | b |\n|---|---|\n| 1 | 2 |',
      '<div>raw</div>',
      'Lazy\n> ===',
      'Foo\n:---',
      'Foo\nBar\n---:',
      '> Foo\n> :-:',
      '- a\n\n  Foo\n  :--',
    ]) {
      expect(fast.block(s), s).toBe(slow.block(s));
    }
    expect(fast.block('Title\n===')).toBe('<p class="md-heading"><strong>Title</strong></p>');
  });

  it('leave to marked every text with something to read', () => {
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
    expect(fast.block('IS retreated to the "Green Mountains".\n')).toBe(
      '<p>IS retreated to the &quot;Green Mountains&quot;.</p>',
    );
  });
});

describe('Markdown for a mail', () => {
  it('writes citations as plain numbers, and gives the text without its markup', () => {
    const md = createMarkdown(citationNumbering([{ id: 'a' }, { id: 'b' }]), null);
    const text = '**Bold** [a link](https://x.org) and `code`, <b>raw</b> [@b]';
    expect(md.inline(text)).toBe(
      '<strong>Bold</strong> <a href="https://x.org" rel="noopener noreferrer">a link</a> and <code>code</code>, &lt;b&gt;raw&lt;/b&gt; [2]',
    );
    expect(md.text(text)).toBe('Bold a link and code, <b>raw</b> [2]');
    expect(md.text('An unknown [@nope] stays as written')).toBe('An unknown [@nope] stays as written');
  });
});
