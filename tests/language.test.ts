/**
 * The briefing's `language` (src/format/language.ts): a BCP 47 tag whose language is one Intl knows.
 * A language's name written instead of its code (`language: french`, found by a new user writing a
 * French briefing: it built with `<html lang="french">`, English dates and no hyphenation) is a
 * problem at `language` that names the code.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { BriefingError, formatProblem } from '../src/errors.js';
import { directionOf } from '../src/format/language.js';
import { parseBriefing } from '../src/format/load.js';
import { validateBriefing } from '../src/format/validate.js';
import { FIXTURES, runCli, tempDir } from './_helpers.js';

const minimal = readFileSync(path.join(FIXTURES, 'minimal.yaml'), 'utf8');
/** The minimal briefing with `language: …` on line 3, after the title. */
const withLanguage = (language: string) =>
  minimal.replace('title: Minimal briefing\n', `title: Minimal briefing\nlanguage: ${language}\n`);

/** The language a valid briefing is in, or its problems, formatted. */
async function languageOf(language: string): Promise<string | string[]> {
  try {
    return (await validateBriefing(parseBriefing(Buffer.from(withLanguage(language)), 'b.yaml', FIXTURES)))
      .language;
  } catch (error) {
    if (error instanceof BriefingError) return error.problems.map(formatProblem);
    throw error;
  }
}

describe('language', () => {
  it('accepts the tags it accepted, in their canonical case', async () => {
    const tags = ['en', 'en-GB', 'de-CH', 'fr', 'ar', 'zh-Hant-TW', 'sr-Latn', 'EN-gb', 'fre', 'gsw'];
    const read = await Promise.all(tags.map(languageOf));
    expect(read).toEqual(['en', 'en-GB', 'de-CH', 'fr', 'ar', 'zh-Hant-TW', 'sr-Latn', 'en-GB', 'fr', 'gsw']);
  });

  it("refuses a language's name, and names its code, from its name in English or in itself", async () => {
    const names: [string, string, string][] = [
      ['french', 'fr', 'French'],
      ['French', 'fr', 'French'],
      ['francais', 'fr', 'French'],
      ['english', 'en', 'English'],
      ['deutsch', 'de', 'German'],
      ['german', 'de', 'German'],
      ['arabic', 'ar', 'Arabic'],
      ['espanol', 'es', 'Spanish'],
      ['pashto', 'ps', 'Pashto'],
      ['kabyle', 'kab', 'Kabyle'],
      // A trial: "farsi" was taken for Dari (fa-AF), by its closeness to "dari".
      ['farsi', 'fa', 'Persian'],
      ['Sorani', 'ckb', 'Central Kurdish'],
    ];
    for (const [name, code, english] of names)
      expect(await languageOf(name), name).toEqual([
        `b.yaml:3:11: language: "${name}" is not a known language code; did you mean "${code}" (${english})?`,
      ]);
  });

  it('names the code of a name that is not a tag at all, with accents, another script or a typo', async () => {
    expect(await languageOf('français')).toEqual([
      'b.yaml:3:11: language: "français" is not a BCP 47 language tag; did you mean "fr" (French)?',
    ]);
    expect(await languageOf('Español')).toEqual([
      'b.yaml:3:11: language: "Español" is not a BCP 47 language tag; did you mean "es" (Spanish)?',
    ]);
    expect(await languageOf('العربية')).toEqual([
      'b.yaml:3:11: language: "العربية" is not a BCP 47 language tag; did you mean "ar" (Arabic)?',
    ]);
    // A trial: Dari, which has no two-letter code, was taken for Maori ("mi"). CLDR writes it fa-AF.
    expect(await languageOf('Dari')).toEqual([
      'b.yaml:3:11: language: "Dari" is not a BCP 47 language tag; did you mean "fa-AF" (Dari)?',
    ]);
    expect(await languageOf('portugese')).toEqual([
      'b.yaml:3:11: language: "portugese" is not a BCP 47 language tag; did you mean "pt" (Portuguese)?',
    ]);
  });

  it('keeps the rest of a tag in its suggestion, and reads an underscore as the hyphen meant', async () => {
    expect(await languageOf('French-CA')).toEqual([
      'b.yaml:3:11: language: "French-CA" starts with "French", which is not a known language code; did you mean "fr-CA" (Canadian French)?',
    ]);
    expect(await languageOf('fr_FR')).toEqual([
      'b.yaml:3:11: language: "fr_FR" is not a BCP 47 language tag; did you mean "fr-FR" (French)?',
    ]);
  });

  // A review: checking codes against this Node's CLDR refused real ones (Libyan Arabic's ayl,
  // Tamasheq's taq, und) and made a file's validity depend on the Node build. Any code of a code's
  // shape is taken; a name is longer.
  it("takes any code of a language code's shape, known to CLDR or not, and refuses what is no tag", async () => {
    for (const code of ['ayl', 'taq', 'und', 'qaa', 'xx', 'xx-GB']) expect(await languageOf(code)).toBe(code);
    const examples = 'use a tag such as en, en-GB, de, fr, es, nl or ar';
    expect(await languageOf('en GB')).toEqual([
      `b.yaml:3:11: language: "en GB" is not a BCP 47 language tag; ${examples}`,
    ]);
  });

  it("is written right to left when the language's script is: Arabic, Hebrew, Thaana, Syriac…", () => {
    const rtl = ['ar', 'ar-LY', 'fa', 'prs', 'fa-AF', 'ps', 'ur', 'ckb', 'sd', 'ug', 'he', 'yi', 'dv', 'syr'];
    const ltr = ['en', 'en-GB', 'fr', 'de', 'tr', 'ku', 'kab', 'zgh', 'zh-Hant', 'xx', 'und'];
    for (const tag of rtl) expect(directionOf(tag), tag).toBe('rtl');
    for (const tag of ltr) expect(directionOf(tag), tag).toBe('ltr');
    // A script subtag says more than the language: Punjabi and Uzbek in Arabic letters, Azeri in Latin.
    expect([directionOf('pa-Arab'), directionOf('uz-Arab'), directionOf('az-Latn')]).toEqual([
      'rtl',
      'rtl',
      'ltr',
    ]);
  });

  it('says so in validate --format json, as data, and exits 1', async () => {
    const dir = tempDir();
    writeFileSync(path.join(dir, 'b.yaml'), withLanguage('french'));
    const { code, stdout } = await runCli(dir, ['validate', 'b.yaml', '--format', 'json']);
    expect(code).toBe(1);
    expect(JSON.parse(stdout)).toEqual([
      {
        file: 'b.yaml',
        line: 3,
        column: 11,
        path: 'language',
        message: '"french" is not a known language code',
        hint: 'did you mean "fr" (French)?',
      },
    ]);
  });
});
