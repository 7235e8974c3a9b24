/** The public API of briefdeck. */
export type { Briefing } from './briefing.js';
export { findBrowser } from './browser/find.js';
export { BrowserSession } from './browser/session.js';
export { type BuildOptions, type BuildResult, buildBriefing, readBriefing } from './build.js';
export { main } from './cli.js';
export { BriefingError, type Problem, RenderError, UsageError, UserError } from './errors.js';
export { loadBriefing, parseBriefing } from './load.js';
export { buildDeckModel, type DeckModel, type SlideModel } from './model.js';
export { buildPage, loadTemplates, renderDeck } from './render.js';
export { validateBriefing } from './validate.js';
