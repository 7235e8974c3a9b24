/**
 * The public API of briefdeck. `build` is the way in: it builds one briefing
 * or many, with one browser, and returns what happened to each as data.
 */
export {
  type BriefingOutcome,
  type BuildReport,
  type BuildRequest,
  build,
  DEFAULT_JOBS,
  findBriefings,
} from './batch.js';
export type { Briefing } from './briefing.js';
export { findBrowser } from './browser/find.js';
export type { Overflow } from './browser/print.js';
export { BrowserSession, type SessionOptions } from './browser/session.js';
export { readBriefing } from './build.js';
export { main } from './cli/index.js';
export {
  BriefingError,
  type Problem,
  type ProblemJson,
  problemsAsJson,
  RenderError,
  UsageError,
  UserError,
} from './errors.js';
export type { Paper } from './handout.js';
export { schemaRefFor, starterBriefing } from './init.js';
export { loadBriefing, parseBriefing } from './load.js';
export { buildDeckModel, type DeckModel, type SlideModel } from './model.js';
export { buildPage, loadTemplates, renderDeck } from './render.js';
export { briefingSchema } from './schema.js';
export { validateBriefing } from './validate.js';
