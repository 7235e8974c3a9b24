/**
 * Advance widths of Source Sans 3, the deck's font, so the capacity model
 * can wrap text the way the browser will. Measured once in Chromium with
 * canvas `measureText` at 1000 px, for the ASCII range (32–126); other
 * characters take a conservative average.
 */

const FIRST = 32;
const OTHER = 560;

const REGULAR = [
  200, 289, 426, 497, 497, 824, 609, 249, 303, 303, 418, 497, 249, 311, 249, 350, 497, 497, 497, 497, 497,
  497, 497, 497, 497, 497, 249, 249, 497, 497, 497, 425, 847, 543, 588, 571, 615, 527, 494, 617, 652, 263,
  479, 579, 486, 727, 647, 664, 566, 664, 569, 534, 536, 645, 515, 786, 513, 476, 539, 303, 350, 303, 497,
  500, 542, 504, 553, 456, 555, 496, 292, 504, 544, 246, 247, 495, 255, 829, 547, 542, 555, 555, 347, 419,
  338, 544, 467, 719, 446, 467, 425, 303, 241, 303, 497,
];
const SEMIBOLD = [
  200, 315, 482, 513, 513, 841, 639, 275, 324, 324, 438, 513, 275, 322, 275, 344, 513, 513, 513, 513, 513,
  513, 513, 513, 513, 513, 275, 275, 513, 513, 513, 444, 875, 558, 597, 576, 625, 538, 510, 628, 663, 282,
  494, 597, 502, 745, 657, 674, 582, 674, 592, 545, 546, 655, 536, 800, 541, 501, 540, 324, 344, 324, 513,
  500, 549, 516, 563, 462, 564, 507, 317, 520, 558, 262, 263, 522, 271, 843, 560, 549, 564, 564, 373, 431,
  361, 556, 495, 748, 481, 495, 443, 324, 255, 324, 513,
];
const BOLD = [
  200, 340, 537, 528, 528, 857, 667, 300, 344, 344, 457, 528, 300, 332, 300, 339, 528, 528, 528, 528, 528,
  528, 528, 528, 528, 528, 300, 300, 528, 528, 528, 463, 902, 573, 605, 582, 635, 548, 524, 638, 674, 301,
  509, 614, 518, 762, 665, 684, 596, 684, 613, 556, 556, 665, 556, 813, 567, 525, 541, 344, 339, 344, 528,
  500, 555, 527, 573, 468, 573, 518, 341, 534, 571, 276, 278, 548, 286, 857, 572, 555, 573, 573, 398, 443,
  383, 568, 523, 776, 514, 521, 460, 344, 268, 344, 528,
];

export type Weight = 400 | 600 | 700;
const TABLES: Record<Weight, number[]> = { 400: REGULAR, 600: SEMIBOLD, 700: BOLD };

/** Width of `text` in px at `size` px. */
export function textWidth(text: string, size: number, weight: Weight = 400): number {
  const table = TABLES[weight];
  let units = 0;
  for (let i = 0; i < text.length; i++) units += table[text.charCodeAt(i) - FIRST] ?? OTHER;
  return (units * size) / 1000;
}

/** Lines `text` takes when wrapped greedily at spaces into a column `width` px wide. */
export function countLines(text: string, width: number, size: number, weight: Weight = 400): number {
  const space = textWidth(' ', size, weight);
  let lines = 0;
  for (const paragraph of text.split(/\n\s*\n|\n(?=\s*(?:[-*+]|\d+\.) )/)) {
    const words = paragraph.split(/\s+/).filter(Boolean);
    if (words.length === 0) continue;
    let count = 1;
    let line = 0;
    for (const word of words) {
      const w = textWidth(word, size, weight);
      if (line > 0 && line + space + w > width) {
        count += 1;
        line = 0;
      }
      line += (line > 0 ? space : 0) + w;
      while (line > width) {
        count += 1;
        line -= width;
      }
    }
    lines += count;
  }
  return lines;
}
