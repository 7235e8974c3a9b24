/**
 * What the head and margins of a printed document (the handout, the
 * briefer's script) show of the briefing: its title and who wrote it, its
 * language and direction, its marking and the banners' colours, the logo.
 */
import type { Banner } from '../content/banner.js';
import type { DeckModel } from '../slides/index.js';

export interface PageHead {
  title: string;
  /** The briefing's `language` and its direction: the page's `lang` and `dir`. */
  language: string;
  dir: 'ltr' | 'rtl';
  subtitle?: string;
  date?: string;
  author?: string;
  organization?: string;
  classification?: string;
  classificationLevel?: string;
  /** The banners' colours (content/banner.ts); the marking's standard when absent. */
  banner?: Banner;
  logo?: DeckModel['logo'];
  accent?: string;
}
