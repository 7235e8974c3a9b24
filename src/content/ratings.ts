/** Judgments derived from the briefing's ratings: a risk's severity and a marking's colour class. */
import { IMPACTS, type Impact, LIKELIHOODS, type Likelihood } from '../format/briefing.js';

export type Severity = 1 | 2 | 3 | 4 | 5;

const LIKELIHOOD_TERMS: readonly Likelihood[] = LIKELIHOODS.map((entry) => entry.term);

/**
 * Severity of a cell, 1 (lowest) to 5 (highest). Both axes are normalised
 * to 0..1 and weigh the same: score = likelihood index / 6 + impact index / 4,
 * in 0..2, cut into five equal bands. In integers: s = 2·l + 3·i (0..24),
 * severity = 1 + ⌊s / 5⌋. Bottom-left is 1, top-right is 5, the centre
 * (roughly even chance, moderate) is 3, and the bands run diagonally.
 */
export function severityOf(likelihood: Likelihood, impact: Impact): Severity {
  const l = LIKELIHOOD_TERMS.indexOf(likelihood);
  const i = IMPACTS.indexOf(impact);
  if (l < 0 || i < 0) throw new Error(`severityOf: unknown rating ${likelihood} / ${impact}`);
  return (1 + Math.floor((2 * l + 3 * i) / 5)) as Severity;
}

/** The conventional banner colour for common markings; anything else is `other` (the theme's colours). */
export function classificationLevel(marking: string): string {
  const text = marking.toUpperCase();
  if (/\bTLP\s*:\s*RED\b/.test(text)) return 'tlp-red';
  if (/\bTLP\s*:\s*AMBER/.test(text)) return 'tlp-amber';
  if (/\bTLP\s*:\s*GREEN\b/.test(text)) return 'tlp-green';
  if (/\bTLP\s*:\s*(CLEAR|WHITE)\b/.test(text)) return 'tlp-clear';
  if (/\bTOP SECRET\b/.test(text)) return 'top-secret';
  if (/\bSECRET\b/.test(text)) return 'secret';
  if (/\bCONFIDENTIAL\b/.test(text)) return 'confidential';
  if (/\bCUI\b/.test(text)) return 'cui';
  if (/^UNCLASSIFIED\b/.test(text)) return 'unclassified';
  return 'other';
}

/** A likelihood term's range as the cards and the matrix write it: `55–80%`. */
export function likelihoodRange({ min, max }: { min: number; max: number }): string {
  return `${min}–${max}%`;
}
