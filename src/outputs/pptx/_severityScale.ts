/**
 * The risk matrix's severity scale of a built-in theme, read from the
 * theme's stylesheet (themes/theme-light.css, themes/theme-dark.css): the
 * one place the five colours and the text set on them are written, which
 * the deck and the handout take through CSS and the PowerPoint deck here.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { PACKAGE_ROOT } from '../assets.js';

export interface SeverityScale {
  sev: [string, string, string, string, string];
  sevText: string;
}

/** `--bd-NAME: #rrggbb;` in `css`, lower case. */
function token(css: string, name: string, file: string): string {
  const found = new RegExp(`--bd-${name}:\\s*(#[0-9a-fA-F]{6})\\s*;`).exec(css)?.[1];
  if (!found) throw new Error(`briefdeck: ${file} has no --bd-${name} colour`);
  return found.toLowerCase();
}

/** The severity colours (1 … 5) of the built-in theme `name`, and the text colour on them. */
export function severityScale(name: 'light' | 'dark'): SeverityScale {
  const file = path.join(PACKAGE_ROOT, 'themes', `theme-${name}.css`);
  const css = readFileSync(file, 'utf8');
  const [a, b, c, d, e] = [1, 2, 3, 4, 5].map((n) => token(css, `sev-${n}`, file)) as string[];
  return { sev: [a, b, c, d, e] as SeverityScale['sev'], sevText: token(css, 'sev-text', file) };
}
