/**
 * What changed since the previous version of a briefing: a stage of its
 * own, between format (two validated briefings) and the outputs that mark
 * the changes (the deck, the handout, the mail) or print them
 * (`briefdeck diff`). `compareBriefings` is pure; `readPrevious` reads the
 * previous version from a file or a git revision.
 */

export { type Compared, changesFor, changesSince, readBaseline, type SinceOptions } from './_baseline.js';
export { compareBriefings } from './_compare.js';
export { GIT_PREFIX, NotAtRevisionError, readPrevious } from './_previous.js';
export { SIMILARITY, similarity } from './_similarity.js';
export { changesAsText, type StatusWord, type TextOptions } from './_text.js';
export type * from './types.js';
