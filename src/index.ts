/**
 * The public API of briefdeck, and all of it: what a program needs to build
 * briefings and to check them. `build` builds one briefing or many, with one
 * browser, and returns what happened to each as data; `validate` checks a
 * file and returns the typed briefing or throws a `BriefingError` listing
 * every problem; `briefingSchema` is the format as a JSON Schema. The stages
 * behind them are internal: their signatures may change in any release.
 */
export type { BriefingOutcome, BuildReport, BuildRequest } from './batch.js';
export { build, validate } from './batch.js';
export type { Overflow } from './browser/print.js';
export { BrowserSession, type SessionOptions } from './browser/session.js';
export {
  BriefingError,
  type Problem,
  type ProblemJson,
  problemsAsJson,
  RenderError,
  UsageError,
  UserError,
} from './errors.js';
export type { Briefing } from './format/briefing.js';
export { briefingSchema } from './format/schema.js';
export { DEFAULT_JOBS } from './options.js';
export type { Paper } from './outputs/handout/index.js';
