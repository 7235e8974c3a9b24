/**
 * The build puts soft hyphens (U+00AD) into long words (content/hyphenation.ts), since Chromium has no
 * hyphenation dictionaries offline. Chromium's PDF text keeps every one of them, so the PDF's text
 * reads "cor\u00ADri\u00ADdor": search, copy and DLP scanners miss the word. Just before printing,
 * once the page is laid out, each soft hyphen is read where the page drew it: one at the end of a
 * line becomes the hyphen the reader sees (a hyphen-minus, the glyph Chromium draws for it when the
 * font has no U+2010, as the bundled subsets do not, so the line keeps its width and may still break
 * after it), and every other one is taken out, which changes nothing drawn. All breaks are read before anything is written. The caller emulates print media; the page
 * is read at the width of the printed page's content box (from its `@page` rule), so its lines
 * break as they will on paper.
 */

/** Named page sizes (CSS Paged Media), portrait width, for printedWidth. */
export const NAMED_PAGE_WIDTHS: Record<string, string> = {
  a5: '148mm',
  a4: '210mm',
  a3: '297mm',
  b5: '176mm',
  b4: '250mm',
  letter: '8.5in',
  legal: '8.5in',
  ledger: '11in',
};

/** Runs in the page: the width of the printed page's content box, as CSS, from its `@page` rules. */
export function printedWidth(named: Record<string, string>): string | undefined {
  // A linked style sheet of a file: page cannot be read, so a document whose @page margins are in
  // one says them again as --bd-print-margin-left and -right on :root (handout.css).
  const declared = getComputedStyle(document.documentElement);
  const page = {
    size: '',
    left: declared.getPropertyValue('--bd-print-margin-left').trim() || '0px',
    right: declared.getPropertyValue('--bd-print-margin-right').trim() || '0px',
  };
  for (const sheet of document.styleSheets) {
    let rules: CSSRuleList;
    try {
      rules = sheet.cssRules;
    } catch {
      continue;
    }
    for (const rule of rules)
      if (rule instanceof CSSPageRule && rule.selectorText === '') {
        page.size = rule.style.getPropertyValue('size') || page.size;
        page.left = rule.style.getPropertyValue('margin-left') || page.left;
        page.right = rule.style.getPropertyValue('margin-right') || page.right;
      }
  }
  const words = page.size.toLowerCase().split(/\s+/).filter(Boolean);
  const name = words.find((word) => named[word]);
  const lengths = words.filter((word) => /^[\d.]/.test(word));
  const full = name ? (words.includes('landscape') ? undefined : named[name]) : lengths[0];
  return full ? `calc(${full} - ${page.left} - ${page.right})` : undefined;
}

/**
 * Runs in the page: settles every soft hyphen in the document, read at `width` (the printed content
 * width, see printedWidth); returns how many ended a line.
 */
export function settleSoftHyphens(width: string | undefined): number {
  const SHY = '\u00AD';
  const root = document.documentElement;
  const before = root.style.width;
  if (width) root.style.width = width;
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  const nodes: Text[] = [];
  for (let node = walker.nextNode(); node; node = walker.nextNode())
    if ((node as Text).data.includes(SHY)) nodes.push(node as Text);
  const range = document.createRange();
  const box = (node: Text, at: number): DOMRect => {
    range.setStart(node, at);
    range.setEnd(node, at + 1);
    return range.getBoundingClientRect();
  };
  /** Whether the letter after the soft hyphen at `at` starts a new line. */
  const endsLine = (node: Text, at: number): boolean => {
    if (at === 0 || at + 1 >= node.data.length) return false;
    const before = box(node, at - 1);
    const after = box(node, at + 1);
    // A letter just after a break can report a box over both lines: its bottom is on the next one.
    return before.height > 0 && after.height > 0 && after.bottom >= before.bottom + before.height / 2;
  };
  const plans = nodes.map((node) => {
    const breaks = new Set<number>();
    for (let at = node.data.indexOf(SHY); at >= 0; at = node.data.indexOf(SHY, at + 1))
      if (endsLine(node, at)) breaks.add(at);
    return { node, breaks };
  });
  root.style.width = before;
  let count = 0;
  // What was changed, for a kept print page to put back before its next deck (slideSwap.ts).
  const settled: [Text, string][] = plans.map(({ node }) => [node, node.data]);
  (window as { bdSettledText?: [Text, string][] }).bdSettledText = settled;
  for (const { node, breaks } of plans) {
    let text = '';
    for (let at = 0; at < node.data.length; at++) {
      const unit = node.data[at] as string;
      if (unit !== SHY) text += unit;
      else if (breaks.has(at)) text += '-';
    }
    count += breaks.size;
    node.data = text;
  }
  return count;
}
