/**
 * The format's references in Markdown: `[@id]` cites a source, `[@fig:id]`
 * refers to a figure. The validator checks that each names one
 * (crossReferences.ts); the content model numbers and links them
 * (content/markdown.ts).
 */

/** A citation, `[@id]`: the source's id. */
export const CITATION = /\[@([a-z0-9-]+)\]/g;

/** A figure reference, `[@fig:id]`: the figure's id. */
export const FIGURE_REFERENCE = /\[@fig:([a-z0-9-]+)\]/g;

/** The figure ids referred to (`[@fig:id]`) in a Markdown text, in order of appearance. */
export function findFigureReferences(text: string): string[] {
  return [...text.matchAll(FIGURE_REFERENCE)].map((match) => match[1] as string);
}

/** The source ids cited in a Markdown text, in order of appearance. */
export function findCitations(text: string): string[] {
  return [...text.matchAll(CITATION)].map((match) => match[1] as string);
}
