/**
 * Stage 3b: render the deck page from the view model with Handlebars. Pure:
 * `renderDeck(page, templates)` touches no file, clock or browser. Templates
 * hold markup only; the few things that are not in the view model (asset
 * paths, the Content-Security-Policy, reveal.js settings) are added to it
 * here by `buildPage`.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type Handlebars from 'handlebars';
import RuntimeModule from 'handlebars/runtime.js';
import type { OutlineEntry } from '../browser/pdfOutline.js';
import type { Changes } from '../changes/types.js';
import { UsageError } from '../errors.js';
import type { Briefing } from '../format/briefing.js';
import type { DeckModel } from '../slides/index.js';
import { ASSETS_DIR, PACKAGE_ROOT } from './assets.js';

/** A rendered deck, not yet written. */
export interface PreparedDeck {
  briefing: Briefing;
  /** What changed since the previous version (`--since`): the handout marks it too. */
  changes?: Changes;
  /** The output's base name: `briefing` for `briefing.yaml`. */
  name: string;
  outDir: string;
  /** Where the deck goes: `OUT/NAME.html`. */
  htmlFile: string;
  html: string;
  /** The deck without its speaker notes, for the single file: made unless the notes are to be kept. */
  shareHtml?: string;
  slideCount: number;
  title: string;
  subject: string;
  /** The view model the deck was rendered from (the handout and the mail draft are made from it too). */
  model: DeckModel;
  /** The slide PDF's bookmarks. */
  outline: OutlineEntry[];
}

export type Template = (page: DeckPage) => string;

export interface Templates {
  layout: Template;
  /** Names of the partials, and the folder each came from. */
  partials: Record<string, string>;
}

export interface DeckPage extends DeckModel {
  version: string;
  /** Relative URL of the assets folder. */
  assets: string;
  themeHref: string;
  aspectClass: string;
  csp: string;
  /** reveal.js settings as JSON, safe inside a script element. */
  configJson: string;
}

export const BUILT_IN_TEMPLATES = path.join(PACKAGE_ROOT, 'templates');

/**
 * The built-in templates, precompiled when briefdeck is built
 * (scripts/precompile-templates.mjs writes lib/templates.json): compiling
 * them takes a cold process longer than all the rest of rendering. Each
 * entry is used only when the template's text still has the hash it was
 * precompiled from, with the same Handlebars; otherwise it is compiled here.
 */
interface Precompiled {
  handlebars: string;
  templates: Record<string, { sha256: string; spec: string }>;
}

/** Handlebars without its compiler: enough to run precompiled templates. */
const Runtime = RuntimeModule as unknown as typeof Handlebars;

let precompiled: Precompiled | null | undefined;

function precompiledSpec(relative: string, source: string): string | undefined {
  if (precompiled === undefined) {
    try {
      precompiled = JSON.parse(
        readFileSync(path.join(PACKAGE_ROOT, 'lib', 'templates.json'), 'utf8'),
      ) as Precompiled;
      if (precompiled.handlebars !== Runtime.VERSION) precompiled = null;
    } catch {
      precompiled = null;
    }
  }
  const entry = precompiled?.templates[relative];
  if (!entry || entry.sha256 !== createHash('sha256').update(source).digest('hex')) return undefined;
  return entry.spec;
}

/** A built-in template precompiled in `env`, or undefined when there is no current spec for it. */
function precompiledTemplate<T>(
  env: typeof Handlebars,
  relative: string,
  source: string,
): Handlebars.TemplateDelegate<T> | undefined {
  const spec = precompiledSpec(relative, source);
  // The spec is JavaScript that Handlebars itself generated from our own template at build time.
  return spec ? env.template(new Function(`return ${spec}`)()) : undefined;
}

/**
 * The full Handlebars, with its parser and compiler, loaded only when
 * something must be compiled: a user's template, or a built-in one changed
 * since briefdeck was built. The runtime alone runs precompiled templates.
 */
const require = createRequire(import.meta.url);
const compiler = (): typeof Handlebars => require('handlebars') as typeof Handlebars;

/** A built-in template (`handout.hbs`), precompiled if it can be, else compiled now. */
export function builtInTemplate<T>(relative: string): Handlebars.TemplateDelegate<T> {
  const source = readFileSync(path.join(BUILT_IN_TEMPLATES, relative), 'utf8');
  return (
    precompiledTemplate<T>(Runtime.create(), relative, source) ??
    compiler().create().compile<T>(source, { strict: false })
  );
}

/** The built-in layout and partials, all precompiled; undefined if any must be compiled. */
function precompiledTemplates(): Templates | undefined {
  const env = Runtime.create();
  const partials: Record<string, string> = {};
  const dir = path.join(BUILT_IN_TEMPLATES, 'partials');
  for (const entry of readdirSync(dir)) {
    if (!entry.endsWith('.hbs')) continue;
    const template = precompiledTemplate(
      env,
      `partials/${entry}`,
      readFileSync(path.join(dir, entry), 'utf8'),
    );
    if (!template) return undefined;
    const name = entry.slice(0, -'.hbs'.length);
    env.registerPartial(name, template);
    partials[name] = dir;
  }
  const layout = precompiledTemplate<DeckPage>(
    env,
    'layout.hbs',
    readFileSync(path.join(BUILT_IN_TEMPLATES, 'layout.hbs'), 'utf8'),
  );
  if (!layout) return undefined;
  return { layout: (page) => layout(page, { allowProtoPropertiesByDefault: false }), partials };
}

/** `--templates DIR` must name a folder; `given` is how the user wrote it, for the message. */
export function checkTemplatesFolder(dir: string, given = dir): void {
  if (!statSync(dir, { throwIfNoEntry: false })?.isDirectory()) {
    throw new UsageError(`--templates ${given}: not a folder`, {
      hint: 'Give a folder of NAME.hbs partials.',
    });
  }
}

/**
 * Compiles the layout and the slide partials. Partials in `overrides`
 * (`--templates DIR`) replace the built-in ones of the same name.
 */
export function loadTemplates(overrides?: string): Templates {
  if (overrides === undefined) {
    const ready = precompiledTemplates();
    if (ready) return ready;
  }
  const handlebars = compiler().create();
  const partials: Record<string, string> = {};
  let layoutFile = path.join(BUILT_IN_TEMPLATES, 'layout.hbs');
  let layoutIsUsers = false;
  if (overrides !== undefined) checkTemplatesFolder(overrides);
  // A user's template is checked when loaded, so a mistake in it is reported with its file.
  const read = (file: string, user: boolean): string => {
    const source = readFileSync(file, 'utf8');
    if (user) {
      try {
        handlebars.precompile(source);
      } catch (error) {
        const lines = (error instanceof Error ? error.message : String(error)).split('\n');
        const what = lines.length > 1 ? `${lines[0]} ${lines.at(-1)}` : lines[0];
        throw new UsageError(`${file}: ${what}`, {
          hint: 'Fix the template, or leave it out of --templates to use the built-in one.',
        });
      }
    }
    return source;
  };
  const dirs = [path.join(BUILT_IN_TEMPLATES, 'partials'), ...(overrides ? [overrides] : [])];
  for (const dir of dirs) {
    const user = dir === overrides;
    for (const entry of readdirSync(dir)) {
      if (!entry.endsWith('.hbs')) continue;
      const file = path.join(dir, entry);
      if (entry === 'layout.hbs') {
        layoutFile = file;
        layoutIsUsers = user;
        continue;
      }
      const name = entry.slice(0, -'.hbs'.length);
      const source = read(file, user);
      handlebars.registerPartial(
        name,
        user ? source : (precompiledTemplate(handlebars, `partials/${entry}`, source) ?? source),
      );
      partials[name] = dir;
    }
  }
  const layoutSource = read(layoutFile, layoutIsUsers);
  const layout =
    (layoutIsUsers ? undefined : precompiledTemplate<DeckPage>(handlebars, 'layout.hbs', layoutSource)) ??
    handlebars.compile<DeckPage>(layoutSource, { strict: false });
  const render: Template = (page) => layout(page, { allowProtoPropertiesByDefault: false });
  if (overrides === undefined) return { layout: render, partials };
  // What a user's template does wrong at render time (an unknown partial, say) is theirs to fix too.
  return {
    partials,
    layout: (page) => {
      try {
        return render(page);
      } catch (error) {
        throw new UsageError(
          `--templates ${overrides}: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`,
          {
            hint: 'Check the partials in that folder against templates/partials/.',
          },
        );
      }
    },
  };
}

export function renderDeck(page: DeckPage, templates: Templates): string {
  return templates.layout(page);
}

export interface PageOptions {
  version: string;
  /** CSP source expressions for the speaker view's inline script. */
  speakerViewHashes: string[];
  /** Href of the user's theme CSS, when the briefing names one. */
  userThemeHref?: string;
}

/** Adds what the page needs around the view model. */
export function buildPage(model: DeckModel, options: PageOptions): DeckPage {
  const assets = ASSETS_DIR;
  const config = {
    width: model.width,
    height: model.height,
    margin: 0,
    minScale: 0.2,
    maxScale: 2,
    center: false,
    hash: true,
    controls: false,
    progress: true,
    slideNumber: false,
    transition: 'none',
    backgroundTransition: 'none',
    pdfSeparateFragments: false,
    pdfMaxPagesPerSlide: 1,
    showNotes: false,
  };
  return {
    ...model,
    version: options.version,
    assets,
    themeHref: options.userThemeHref ?? `${assets}/theme-${model.theme ?? 'light'}.css`,
    aspectClass: model.aspect.replace(':', '-'),
    csp: contentSecurityPolicy(options.speakerViewHashes),
    configJson: JSON.stringify(config).replace(/</g, '\\u003c'),
  };
}

/**
 * Nothing from outside the deck's folder: scripts only from the assets (and
 * the speaker view's own script, by hash), no network connections, images
 * only inline (the logo, reveal.js's icons). Inline styles are allowed:
 * they cannot run script, and every fetch they could make is blocked by the
 * other directives.
 */
export function contentSecurityPolicy(scriptHashes: string[]): string {
  return [
    "default-src 'none'",
    `script-src 'self' ${scriptHashes.join(' ')}`.trim(),
    "style-src 'self' 'unsafe-inline'",
    // Images only inline: from file:// every local file counts as 'self', so 'self' would let a
    // theme that slipped past the check show any image on the disk.
    'img-src data:',
    "font-src 'self'",
    "frame-src 'self'",
    "connect-src 'none'",
    "media-src 'none'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ');
}
