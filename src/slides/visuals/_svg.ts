/**
 * Small helpers shared by the SVG generators: escaping, number formatting,
 * id prefixes, the root element and word wrap.
 */
import { escapeHtml } from '../../content/markdown.js';

/** Whether XML 1.0 allows the code point at all (not C0 controls other than tab, LF, CR; not lone surrogates, U+FFFE, U+FFFF). */
function allowedInXml(code: number): boolean {
  return (
    code === 0x9 ||
    code === 0xa ||
    code === 0xd ||
    (code >= 0x20 && code <= 0xd7ff) ||
    (code >= 0xe000 && code <= 0xfffd) ||
    code >= 0x10000
  );
}

/** Escapes text for SVG element content and attribute values (double- or single-quoted); drops characters XML forbids. */
export function escapeXml(text: string): string {
  let allowed = '';
  for (const char of text) if (allowedInXml(char.codePointAt(0) ?? 0)) allowed += char;
  return escapeHtml(allowed);
}

/** A coordinate for output: at most two decimals, no trailing zeros, never `-0`. */
export function num(value: number): string {
  const rounded = Math.round(value * 100) / 100;
  return Object.is(rounded, -0) ? '0' : String(rounded);
}

/**
 * An id prefix safe to use in `id` and `url(#…)`: letters, digits, `-` and
 * `_`, starting with a letter. Anything else is dropped.
 */
export function idPrefix(prefix: string): string {
  const cleaned = prefix.replace(/[^A-Za-z0-9_-]/g, '');
  return /^[A-Za-z]/.test(cleaned) ? cleaned : `bd-${cleaned}`;
}

/** Root attributes every generated SVG shares: scales to its container's width, keeps its aspect. */
export function svgOpen(
  className: string,
  width: number,
  height: number,
  labelIds: string,
  align: 'xMidYMid' | 'xMidYMin' = 'xMidYMid',
): string {
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" class="bd-viz ${className}" viewBox="0 0 ${num(width)} ${num(height)}" ` +
    `width="100%" preserveAspectRatio="${align} meet" role="img" aria-labelledby="${labelIds}">`
  );
}

/** Width of a piece of text in viewBox units, at the size and weight the caller draws it. */
export type Measure = (text: string) => number;

const ELLIPSIS = '…';

/** Cuts `text` to fit `width`, ending it with an ellipsis. */
function truncate(text: string, width: number, measure: Measure): string {
  const chars = [...text];
  while (chars.length > 0 && measure(`${chars.join('').trimEnd()}${ELLIPSIS}`) > width) chars.pop();
  return `${chars.join('').trimEnd()}${ELLIPSIS}`;
}

/** Splits a word that is wider than a line by characters. */
function splitWord(word: string, width: number, measure: Measure): string[] {
  const parts: string[] = [];
  let current = '';
  for (const char of word) {
    if (current !== '' && measure(current + char) > width) {
      parts.push(current);
      current = char;
    } else {
      current += char;
    }
  }
  if (current !== '') parts.push(current);
  return parts;
}

/**
 * Greedy word wrap of `text` into lines no wider than `width` (as `measure`
 * has it), at most `maxLines`; the last line ends with an ellipsis when text
 * is left over. Words longer than a line are broken between characters.
 */
export function wrapText(text: string, width: number, measure: Measure, maxLines: number): string[] {
  const words = text
    .trim()
    // Break at spaces and line ends only: a no-break space (French « », before ; : ! ?) holds.
    .split(/[ \t\n\r\f]+/)
    .filter((word) => word !== '');
  const lines: string[] = [];
  let current = '';
  for (const word of words) {
    const pieces = measure(word) > width ? splitWord(word, width, measure) : [word];
    for (const piece of pieces) {
      const candidate = current === '' ? piece : `${current} ${piece}`;
      if (current !== '' && measure(candidate) > width) {
        lines.push(current);
        current = piece;
      } else {
        current = candidate;
      }
    }
  }
  if (current !== '') lines.push(current);
  if (lines.length <= maxLines) return lines;
  const kept = lines.slice(0, maxLines);
  const rest = lines.slice(maxLines - 1).join(' ');
  kept[maxLines - 1] = truncate(rest, width, measure);
  return kept;
}

/** `word` with its first letter in upper case. */
export function capitalize(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1);
}
