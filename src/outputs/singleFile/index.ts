/**
 * The single-file deck: the deck exactly as `prepareDeck` renders it, with
 * every file it links put inside it, so that one HTML file works on its own
 * (a mail attachment, a file share), offline, presenter view included.
 *
 *   <link rel="stylesheet" href="briefdeck-assets/…">  → <style>: @imports and url()s inlined, the
 *                                                        fonts as data: URLs, only the subsets the text uses
 *   <link rel="stylesheet" href="NAME.theme.css">      → <style> with the user's theme
 *   <script src="briefdeck-assets/briefdeck.js">       → reveal.js, its notes plugin and briefdeck.js, inline
 *   Content-Security-Policy                            → scripts by hash only, fonts and images from data: only
 *
 * The slides are not rendered again: everything else in the page is the
 * deck's, byte for byte. Pure but for reading briefdeck's own asset files.
 */
import { createHash } from 'node:crypto';
import { speakerViewScriptHashes } from '../assets.js';
import { contentSecurityPolicy } from '../deck.js';
import { assetPath, cannotInline, shippedAssets } from './_assets.js';
import { cssStrings, inlineCss, type Stylesheet } from './css.js';
import { attributes, deckText, escapeAttribute } from './text.js';

export { parseUnicodeRange } from './css.js';

export interface SingleFileInput {
  /** The deck HTML exactly as `prepareDeck` renders it (PreparedDeck.html in src/build.ts). */
  html: string;
  /** The user's theme CSS bytes when the briefing names a CSS theme (the deck links it as `${encodeURIComponent(name)}.theme.css`), else undefined. */
  userThemeCss?: Uint8Array;
  /** The deck's base name (`briefing`). */
  name: string;
}

/** The deck's script, and what it loads at run time (in this order), inlined ahead of it. */
const DECK_SCRIPT = 'briefdeck.js';
const REVEAL_SCRIPTS = ['reveal/reveal.js', 'reveal/plugin/notes.js'];

/** The whole deck in one HTML file: works alone, offline, from a mail attachment or a file share. */
export async function renderSingleFile(input: SingleFileInput): Promise<string> {
  const assets = shippedAssets();
  const themeHref = `${encodeURIComponent(input.name)}.theme.css`;
  const userTheme = input.userThemeCss && new TextDecoder('utf-8').decode(input.userThemeCss);
  const page = withPolicy(input.html);

  // The page's elements are all found in the deck as rendered, in one pass, so that nothing inlined
  // (a theme's CSS, a script) is ever taken for markup.
  const tags = [...page.matchAll(/<link\b[^>]*>|<script\b[^>]*>\s*<\/script\s*>|<meta\b[^>]*>/gi)];
  const sheets = new Map<number, Stylesheet & { media?: string }>();
  const scripts = new Map<number, string[]>();
  const policies = new Map<number, string>();
  for (const [index, match] of tags.entries()) {
    const element = /^<([a-z]+)/i.exec(match[0])?.[1]?.toLowerCase();
    const attrs = attributes(match[0]);
    if (element === 'meta') {
      if (attrs.get('http-equiv')?.toLowerCase() === 'content-security-policy')
        policies.set(index, attrs.get('content') ?? '');
    } else if (element === 'link') {
      if (!(attrs.get('rel') ?? '').toLowerCase().split(/\s+/).includes('stylesheet')) continue;
      const href = attrs.get('href') ?? '';
      const to = assetPath(href);
      const media = attrs.get('media');
      if (to !== undefined && assets.has(to))
        sheets.set(index, { to, css: (await assets.read(to)).toString('utf8'), media });
      else if (href !== themeHref) throw cannotInline(href);
      else if (userTheme !== undefined) sheets.set(index, { css: userTheme, media });
      else throw new Error('singleFile: the deck links the theme CSS but none was given');
    } else {
      const src = attrs.get('src');
      if (src === undefined) continue;
      const to = assetPath(src);
      if (to === undefined || !assets.has(to)) throw cannotInline(src);
      scripts.set(index, to === DECK_SCRIPT ? [...REVEAL_SCRIPTS, to] : [to]);
    }
  }

  const fonts = deckText(page);
  for (const sheet of sheets.values()) await cssStrings(sheet, assets, fonts.codePoints, new Set());

  const replacements = new Map<number, string>();
  for (const [index, sheet] of sheets) {
    const css = await inlineCss(sheet, assets, fonts, new Set());
    const open = sheet.media ? `<style media="${escapeAttribute(sheet.media)}">` : '<style>';
    // Only `</style` ends a style element; in CSS it can only be in a string or url(), where `\/` is `/`.
    replacements.set(index, `${open}${css.replace(/<\/(style)/gi, '<\\/$1')}</style>`);
  }
  const hashes: string[] = [];
  for (const [index, names] of scripts) {
    const bodies = await Promise.all(
      names.map(async (to) => scriptBody(to, (await assets.read(to)).toString('utf8'))),
    );
    hashes.push(...bodies.map(scriptHash));
    replacements.set(index, bodies.map((body) => `<script>${body}</script>`).join('\n'));
  }
  for (const [index, policy] of policies)
    replacements.set(index, policyMeta(singleFilePolicy(policy, hashes)));

  let html = '';
  let last = 0;
  for (const [index, match] of tags.entries()) {
    const replacement = replacements.get(index);
    if (replacement === undefined) continue;
    html += page.slice(last, match.index) + replacement;
    last = match.index + match[0].length;
  }
  return html + page.slice(last);
}

/**
 * The deck with a Content-Security-Policy: its own, or briefdeck's when a
 * layout of the user's (`--templates`) left it out, since the single file
 * promises to allow nothing from outside it.
 */
function withPolicy(html: string): string {
  for (const [tag] of html.matchAll(/<meta\b[^>]*>/gi))
    if (attributes(tag).get('http-equiv')?.toLowerCase() === 'content-security-policy') return html;
  const head = /<head\b[^>]*>/i.exec(html);
  if (!head)
    throw new Error('singleFile: the deck has no Content-Security-Policy and no <head> to put one in');
  const at = head.index + head[0].length;
  return `${html.slice(0, at)}\n${policyMeta(contentSecurityPolicy(speakerViewScriptHashes()))}${html.slice(at)}`;
}

function policyMeta(policy: string): string {
  return `<meta http-equiv="Content-Security-Policy" content="${escapeAttribute(policy)}">`;
}

// ── the Content-Security-Policy ──────────────────────────────────────────

/**
 * The deck's policy for a file that needs nothing beside it. In a file://
 * page 'self' would allow any other local file, so it is gone from every
 * directive but `frame-src`.
 */
function singleFilePolicy(policy: string, scriptHashes: string[]): string {
  const directives = new Map<string, string[]>();
  for (const directive of policy.split(';')) {
    const [name, ...values] = directive.trim().split(/\s+/);
    if (name && !directives.has(name.toLowerCase())) directives.set(name.toLowerCase(), values);
  }
  // The speaker view's script (already allowed by hash) and every script inlined here, nothing else.
  const kept = (directives.get('script-src') ?? []).filter((value) => /^'sha(256|384|512)-/i.test(value));
  directives.set('default-src', ["'none'"]);
  directives.set('script-src', [...new Set([...kept, ...scriptHashes])]);
  // Inline styles only, as in the deck (they cannot run script; every fetch is governed below).
  directives.set('style-src', ["'unsafe-inline'"]);
  // The logo and reveal.js's icons are data: URLs; so are the fonts.
  directives.set('img-src', ['data:']);
  directives.set('font-src', ['data:']);
  // The presenter view (reveal.js's notes plugin) shows the current and next slide in iframes that load
  // this very file (`NAME.single.html?receiver`); without 'self' it stays blank. No other frame is made.
  directives.set('frame-src', ["'self'"]);
  directives.set('connect-src', ["'none'"]);
  return [...directives].map(([name, values]) => [name, ...values].join(' ')).join('; ');
}

function scriptHash(body: string): string {
  return `'sha256-${createHash('sha256').update(body, 'utf8').digest('base64')}'`;
}

/**
 * A script's text as it can stand inside `<script>…</script>`, checked: the
 * HTML parser must end the element at our end tag, not before it (a
 * `</script` in the code) nor after it (a `<!--` … `<script` that puts the
 * parser in the double-escaped state). Line ends are LF, as the parser makes
 * them, so the CSP hash is that of the text the browser sees.
 */
function scriptBody(to: string, code: string): string {
  const body = code.replace(/\r\n?/g, '\n').replace(/\n?\/\/# sourceMappingURL=\S*\s*$/, '\n');
  let state: 'data' | 'escaped' | 'double' = 'data';
  for (let i = body.indexOf('<'); i >= 0 && i < body.length; i++) {
    const c = body[i];
    if (c === '-' && state !== 'data' && body.startsWith('-->', i)) {
      state = 'data';
      i += 2;
    } else if (c === '<') {
      if (state === 'data' && body.startsWith('<!--', i)) {
        state = 'escaped';
        i += 1; // on to the dashes: `<!-->` and `<!--->` end at once
        continue;
      }
      const tag = /^<(\/?)script[\t\n\f\r />]/i.exec(body.slice(i, i + 9));
      if (!tag) continue;
      if (tag[1]) {
        if (state !== 'double') throw new Error(`singleFile: ${to} contains </script and cannot be inlined`);
        state = 'escaped';
      } else if (state === 'escaped') state = 'double';
    }
  }
  if (state === 'double') throw new Error(`singleFile: ${to} would leave the HTML parser inside the script`);
  return body;
}
