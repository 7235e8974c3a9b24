/**
 * A kept print page shows the last deck it printed; the next deck with the
 * same shell (outputs/deckShell.ts) is swapped in place of it (print.ts).
 * An edit usually changes a slide or two: only the slides that changed are
 * sent and replaced, which spares sending, parsing and laying out the rest.
 * The slides come slide by slide from the deck's parts (`sections`).
 */

/** What to put in the page's `.slides`: every slide, or the slides that changed, by their place. */
export type SlideSwap = { all: string } | { changed: { index: number; html: string }[] };

/** What turns the page's slides (`shown`, as last sent) into `next`. */
export function slideSwap(
  shown: readonly string[] | undefined,
  next: readonly string[] | undefined,
  all: string,
): SlideSwap {
  if (!shown || !next || shown.length !== next.length) return { all };
  const changed = next.flatMap((html, index) => (html === shown[index] ? [] : [{ index, html }]));
  return { changed };
}

/**
 * Runs in the page: puts the text back as it was before the last print
 * settled its soft hyphens (softHyphens.ts, which keeps what it changed),
 * then the new slides in place of the old, and waits for the fonts they use.
 */
export function swapSlides(swap: SlideSwap): Promise<void> {
  const container = document.querySelector('.reveal .slides');
  if (!container) throw new Error('the print view has no slides');
  const page = window as { bdSettledText?: [Text, string][] };
  for (const [node, text] of page.bdSettledText ?? []) if (node.isConnected) node.data = text;
  page.bdSettledText = [];
  if ('all' in swap) container.innerHTML = swap.all;
  else {
    const sections = container.querySelectorAll(':scope > section');
    if (sections.length === 0 && swap.changed.length > 0) throw new Error('the print view has no slides');
    for (const { index, html } of swap.changed) {
      const old = sections[index];
      if (!old) throw new Error(`the print view has no slide ${index + 1}`);
      const template = document.createElement('template');
      template.innerHTML = html;
      old.replaceWith(template.content);
    }
  }
  // Laid out now, so that the faces the new slides use start loading before `ready` is read.
  document.body.getBoundingClientRect();
  return document.fonts.ready.then(() => undefined);
}
