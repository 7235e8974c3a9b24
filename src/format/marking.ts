/**
 * A marking must be shown whole on one line of a slide's banner (16 px bold capitals, slightly
 * tracked, between the slide's side margins: themes/briefdeck.css), or the banner would cut it. The
 * handout and the PowerPoint deck set it smaller where they must; the slide is the narrowest place.
 */
import type { Aspect } from './briefing.js';
import type { Message } from './specs.js';
import { textWidth } from './textMetrics.js';

/** The banner's line, in px: the slide's width less its side margins (slides/layout.ts, checked by a test). */
export const BANNER_LINE: Record<Aspect, number> = { '16:9': 1280 - 2 * 64, '4:3': 1024 - 2 * 52 };
const SIZE = 16;
const TRACKING = 0.02;

/** The marking as a banner shows it: on one line, in capitals. */
export function markingLine(marking: string): string {
  return marking.replace(/\s+/g, ' ').trim().toUpperCase();
}

/** The marking's width on a slide's banner, in px. */
export function markingWidth(marking: string): number {
  const line = markingLine(marking);
  return textWidth(line, SIZE, 700) + TRACKING * SIZE * Math.max(0, [...line].length - 1);
}

/** What is wrong with `marking` on a slide of `aspect`, if it does not fit. */
export function markingTooLong(marking: string, aspect: Aspect): Message | undefined {
  const width = markingWidth(marking);
  if (width <= BANNER_LINE[aspect]) return undefined;
  const fits = Math.floor(([...marking.trim()].length * BANNER_LINE[aspect]) / width);
  return {
    message: `is too long to show whole on a slide's banner: about ${fits} of its ${[...marking.trim()].length} characters fit on one line (${aspect})`,
    hint: 'shorten it with the marking system’s abbreviations (REL TO, NOFORN); a handling line belongs in `handling`',
  };
}
