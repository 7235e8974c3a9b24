/**
 * The handling line: the `handling` key as written or, when there is none and
 * the classification is a TLP 2.0 label, the sharing rule of that label.
 */
import { type Handling, TLP_LABELS, type TlpLabel } from './briefing.js';

/**
 * What each TLP 2.0 label allows, in the words of FIRST's standard (Traffic Light Protocol 2.0,
 * https://www.first.org/tlp/): the one-line definition it gives each label. TLP:AMBER+STRICT has no
 * line of its own there; the standard says it "restricts sharing to the organization only", so
 * its line is TLP:AMBER's without "and its clients".
 */
export const TLP_SHARING: Readonly<Record<TlpLabel, string>> = {
  'TLP:CLEAR': 'Recipients can spread this to the world, there is no limit on disclosure.',
  'TLP:GREEN': 'Limited disclosure, recipients can spread this within their community.',
  'TLP:AMBER':
    'Limited disclosure, recipients can only spread this on a need-to-know basis within their organization and its clients.',
  'TLP:AMBER+STRICT':
    'Limited disclosure, recipients can only spread this on a need-to-know basis within their organization.',
  'TLP:RED': 'For the eyes and ears of individual recipients only, no further disclosure.',
};

/**
 * The TLP 2.0 label a classification is, if it is one: the whole marking, in any case, spaces
 * allowed around `:` and `+` (`tlp: amber + strict`). TLP:WHITE, TLP 1.0's name for TLP:CLEAR, is
 * not a TLP 2.0 label and gets no line.
 */
export function tlpLabel(classification: string): TlpLabel | undefined {
  const written = classification
    .trim()
    .toUpperCase()
    .replace(/\s*([:+])\s*/g, '$1');
  return TLP_LABELS.find((label) => label === written);
}

/** The handling line of a briefing: `handling` as written, else its TLP label's sharing rule. */
export function handlingLine(
  handling: string | undefined,
  classification: string | undefined,
): Handling | undefined {
  if (handling !== undefined) return { text: handling, from: 'handling' };
  const label = classification === undefined ? undefined : tlpLabel(classification);
  return label ? { text: TLP_SHARING[label], from: 'tlp' } : undefined;
}
