/**
 * The briefing's `language`: a BCP 47 tag (`en`, `de-CH`, `ar`), checked by
 * shape with `Intl.getCanonicalLocales`, whose language (its first part) must
 * be one `Intl.DisplayNames` knows, and kept in its canonical case. It sets
 * the page's `lang` (hyphenation, quotes, dates, the PDF's `/Lang`) and, for a
 * right-to-left script, the direction of the whole briefing. A language's
 * name written instead of its code (`french`, `Deutsch`) is refused with the
 * code to write.
 */
import { nearest } from './didYouMean.js';
import { type Message, type TextRule, truncate } from './specs.js';

/**
 * The scripts written right to left that CLDR gives as a language's likely script, those whose
 * letters content/bidi.ts knows (RTL_LETTERS): Arabic (Arabic, Persian and Dari, Pashto, Urdu, Sorani
 * Kurdish, Sindhi, Uyghur…), Hebrew (Hebrew, Yiddish), Thaana (Divehi), Syriac, N'Ko, Samaritan and
 * Mandaic. Adlam and Hanifi Rohingya, outside those ranges, stay left to right for now.
 */
const RIGHT_TO_LEFT_SCRIPTS = new Set(['Arab', 'Hebr', 'Mand', 'Nkoo', 'Samr', 'Syrc', 'Thaa']);

/**
 * ISO 639-1, the two-letter codes (Debian's iso-codes, 184 entries): the languages whose names,
 * written instead of a code, get the code as a suggestion.
 */
const ISO_639_1 =
  'aa ab ae af ak am an ar as av ay az ba be bg bh bi bm bn bo br bs ca ce ch co cr cs cu cv cy da ' +
  'de dv dz ee el en eo es et eu fa ff fi fj fo fr fy ga gd gl gn gu gv ha he hi ho hr ht hu hy hz ' +
  'ia id ie ig ii ik io is it iu ja jv ka kg ki kj kk kl km kn ko kr ks ku kv kw ky la lb lg li ln ' +
  'lo lt lu lv mg mh mi mk ml mn mr ms mt my na nb nd ne ng nl nn no nr nv ny oc oj om or os pa pi ' +
  'pl ps pt qu rm rn ro ru rw sa sc sd se sg si sk sl sm sn so sq sr ss st su sv sw ta te tg th ti ' +
  'tk tl tn to tr ts tt tw ty ug uk ur uz ve vi vo wa wo xh yi yo za zh zu';

/**
 * Languages with no two-letter code whose names a briefer may write (CLDR's English names): Dari,
 * Sorani Kurdish ("Central Kurdish"), the spoken Arabics of North Africa and Egypt, Tamashek, Kabyle,
 * Central Atlas Tamazight, Filipino, Cantonese, Nigerian Pidgin, Rohingya.
 */
const OTHER_NAMED = 'prs ckb aeb arq ary arz shu tmh kab tzm fil yue pcm rhg';

/** Names in English use that CLDR does not give, by the code they name: Farsi, Sorani. */
const ALSO_NAMED: Readonly<Record<string, string>> = { farsi: 'fa', sorani: 'ckb' };

const EXAMPLES = 'use a tag such as en, en-GB, de, fr, es, nl or ar';

function canonicalTag(tag: string): string | undefined {
  try {
    return Intl.getCanonicalLocales(tag.trim())[0];
  } catch {
    return undefined;
  }
}

let englishNames: Intl.DisplayNames | undefined;

/** The English name of a language code (`fr`: French), or undefined when Intl knows no such language (`french`). */
function englishName(code: string): string | undefined {
  // With fallback 'none', an unknown code gives undefined (with the default, 'code', the code itself).
  englishNames ??= new Intl.DisplayNames(['en'], { type: 'language', fallback: 'none' });
  try {
    return englishNames.of(code);
  } catch {
    return undefined;
  }
}

/** Whether `tag` is a BCP 47 tag whose language Intl knows (`de-CH`, `zh-Hant-TW`; not `french`). */
function knownTag(tag: string): boolean {
  const canonical = canonicalTag(tag);
  return canonical !== undefined && englishName(primarySubtag(canonical)) !== undefined;
}

function primarySubtag(tag: string): string {
  return tag.split('-')[0] ?? '';
}

/** The language of a tag, without its script or region, in lower case: `fr` for `fr-CA`, `FR`. */
export function primaryLanguage(tag: string): string {
  return primarySubtag(tag).toLowerCase();
}

export const LANGUAGE_TAG: TextRule = {
  // The shape of a tag: a language code (ISO 639: two or three letters; a language's name is longer),
  // then subtags of letters and digits; Intl checks the rest. Any code of that shape is taken, known to
  // this Node's CLDR or not (Libyan Arabic's `ayl`, Tamasheq's `taq`, `und`): what CLDR lacks only
  // goes without hyphenation and the language's quotes.
  pattern: '[A-Za-z]{2,3}(?:-[A-Za-z0-9]{1,8})*',
  also: (tag) => canonicalTag(tag) !== undefined,
  normalise: (tag) => canonicalTag(tag) ?? tag,
  problem: languageProblem,
};

/** What is wrong with a `language` that is no tag, or no known language's tag, and what to write. */
function languageProblem(written: string): Message {
  const tag = written.trim();
  const canonical = canonicalTag(tag);
  const primary = canonical === undefined ? undefined : primarySubtag(tag);
  const message =
    primary === undefined
      ? `"${truncate(tag)}" is not a BCP 47 language tag`
      : primary.length === tag.length
        ? `"${truncate(tag)}" is not a known language code`
        : `"${truncate(tag)}" starts with "${truncate(primary)}", which is not a known language code`;
  const guess = guessedTag(tag, primary);
  return {
    message,
    hint: guess ? `did you mean "${guess}" (${hintName(guess)})?` : EXAMPLES,
  };
}

/**
 * A suggested tag's name in English: the tag's own (`fa-AF`: Dari, `fr-CA`: Canadian French), or its
 * language's when that would be in brackets inside the hint's (`fr-FR`: French, not French (France)).
 */
function hintName(tag: string): string {
  const name = englishName(tag);
  return (name?.includes('(') ? englishName(primarySubtag(tag)) : name) ?? tag;
}

/**
 * The tag meant by one that is wrong: a language's name for its code (`français` and `French-CA` give
 * `fr` and `fr-CA`), or a POSIX locale's underscore for a hyphen (`fr_FR`: `fr-FR`).
 */
function guessedTag(tag: string, primary: string | undefined): string | undefined {
  const hyphenated = tag.replace(/_/g, '-');
  if (hyphenated !== tag && knownTag(hyphenated)) return canonicalTag(hyphenated);
  const name = primary ?? tag;
  const code = languageNamed(name);
  if (code === undefined) return undefined;
  return canonicalTag(`${code}${tag.slice(name.length)}`) ?? code;
}

/** A language's name as compared: without case or accents (`Français`: `francais`). */
function plain(name: string): string {
  return name.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().trim();
}

let codesByName: Map<string, string> | undefined;

/**
 * The code of the language named `name` (ISO 639-1, or one of `OTHER_NAMED`), in English or in the language itself (`french`,
 * `Deutsch`, `español`), or of the one whose name is closest (`portugese`). The names are looked up
 * only for a mistake.
 */
function languageNamed(name: string): string | undefined {
  if (codesByName === undefined) {
    codesByName = new Map(Object.entries(ALSO_NAMED));
    for (const code of `${ISO_639_1} ${OTHER_NAMED}`.split(' ')) {
      const own = new Intl.DisplayNames([code], { type: 'language', fallback: 'none' });
      for (const named of [englishName(code), own.of(code)])
        if (named !== undefined && !codesByName.has(plain(named))) codesByName.set(plain(named), code);
    }
  }
  const written = plain(name);
  // A short word close to a name is more likely a code mistyped (`ew`) than a name misspelt.
  const closest =
    codesByName.has(written) || written.length < 4 ? written : nearest(written, [...codesByName.keys()]);
  return closest === undefined ? undefined : codesByName.get(closest);
}

const directions = new Map<string, 'ltr' | 'rtl'>([
  ['en', 'ltr'],
  ['en-GB', 'ltr'],
]);

/**
 * `rtl` for a language written in a right-to-left script, else `ltr`: the script the tag names
 * (`pa-Arab`) or, without one, the language's likely script in CLDR (`prs`, `ps`, `ckb`, `yi`, `dv`).
 * English is known without asking CLDR, whose likely subtags cost a cold start 2 ms.
 */
export function directionOf(language: string): 'ltr' | 'rtl' {
  let direction = directions.get(language);
  if (direction === undefined) {
    direction = RIGHT_TO_LEFT_SCRIPTS.has(likelyScript(language)) ? 'rtl' : 'ltr';
    directions.set(language, direction);
  }
  return direction;
}

function likelyScript(language: string): string {
  try {
    return new Intl.Locale(language).maximize().script ?? '';
  } catch {
    return '';
  }
}
