/**
 * Typography in every language (issue 17): the briefing's `language` on the pages and in both PDFs'
 * catalogs (`/Lang`), typographic quotes and a no-break space before citations in the HTML, soft
 * hyphens only in the long words of text, URLs breaking only after their punctuation, ISO dates in
 * the language's long form, right-to-left pages and isolated mixed-script text; and, read back from
 * the PDFs, no word broken at a line's end except at a valid break, with a hyphen.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserSession } from '../src/browser/session.js';
import { prepareDeck, readBriefing } from '../src/build.js';
import { compareBriefings } from '../src/changes/index.js';
import { isolateRuns } from '../src/content/bidi.js';
import { formatDate, formatInstant } from '../src/content/dates.js';
import { createHyphenation } from '../src/content/hyphenation.js';
import { buildContent } from '../src/content/index.js';
import { createMarkdown, escapeHtml } from '../src/content/markdown.js';
import { createTypography, shortUrl } from '../src/content/typography.js';
import { textWidth } from '../src/format/textMetrics.js';
import { pdfInfo } from '../src/outputs/pdfMeta.js';
import { decisionLine } from '../src/slides/decisions.js';
import { build, FIXTURES, newSession, ROOT, tempDir } from './_helpers.js';

const SHY = '\u00AD';
const fixture = (name: string) => path.join(FIXTURES, `${name}.yaml`);
const markdownIn = (language: string) =>
  createMarkdown(
    (id) => (id === 'a' ? 1 : undefined),
    () => '#/sources',
    {
      typography: createTypography(language, language === 'ar' ? 'rtl' : 'ltr'),
    },
  );

describe('typography of the rendered Markdown', () => {
  it('sets the quotes of the language, never in code or a URL', () => {
    const text = 'He said "it\'s done" `"code"` at <https://example.org/?q="x">';
    expect(markdownIn('en').inline(text)).toContain('“it’s done”');
    expect(markdownIn('de').inline(text)).toContain('„it’s done“');
    expect(markdownIn('fr').inline(text)).toContain('«\u202Fit’s done\u202F»');
    expect(markdownIn('es').inline(text)).toContain('«it’s done»');
    expect(markdownIn('nl').inline(text)).toContain('“it’s done”');
    expect(markdownIn('de').inline(text)).toContain('<code>&quot;code&quot;</code>');
    expect(markdownIn('de').inline(text)).toContain('?<wbr>q=<wbr>&quot;x&quot;</a>');
  });

  // Found by a trial: a French writer types a space before ; : ! ? and inside « », and lines began
  // with "; deux chauffeurs…" or ended on a lone "?" in the deck and the handout.
  it('keeps a French space before ; : ! ? and inside « » from breaking, and adds none', () => {
    const text = 'Faut-il **un pont** ? Oui ; à 09:00 : voir « ceci » ! https://example.org/?q=1';
    const fr = markdownIn('fr').inline(text);
    expect(fr).toContain('<strong>un pont</strong>\u202F?');
    expect(fr).toContain('Oui\u202F;');
    expect(fr).toContain('09:00\u00A0:');
    expect(fr).toContain('«\u202Fceci\u202F»\u202F!');
    // The URL shown as itself keeps its "?" unspaced (a review: the href alone could not fail).
    expect(fr).toContain('example.<wbr>org/<wbr>?<wbr>q=<wbr>1</a>');
    expect(markdownIn('fr').inline('Quoi?')).toBe('Quoi?');
    expect(markdownIn('en').inline(text)).toContain('Oui ; à 09:00 : voir « ceci » !');
    // The plain text (a mail's text part, the PDF's subject) is set the same way, without soft hyphens.
    expect(markdownIn('fr').text('Il parle d\'une "urgence sanitaire" ?')).toBe(
      'Il parle d’une «\u202Furgence sanitaire\u202F»\u202F?',
    );
    // Never in code or a URL shown as itself, as in the HTML (a review: the mail's text part linked
    // to …/Côte_d’Ivoire).
    expect(
      markdownIn('fr').text('Voir https://fr.wikipedia.org/wiki/Côte_d\'Ivoire et `grep "x" f` ; fin'),
    ).toBe('Voir https://fr.wikipedia.org/wiki/Côte_d\'Ivoire et grep "x" f\u202F; fin');
  });

  it('puts a no-break space before every citation', () => {
    expect(markdownIn('en').block('Above 90 % [@a].')).toBe(
      '<p>Above 90 %\u00A0<a class="cite" href="#/sources" title="Source 1">[1]</a>.</p>',
    );
    expect(markdownIn('en').inline('Above\n[@a]')).toContain('Above\u00A0<a class="cite"');
  });

  it('hyphenates long words only, 3 letters at least either side, never URLs, code or acronyms', () => {
    const de = createHyphenation('de');
    expect(de('Landesdatenschutzbeauftragte')).toBe(
      ['Lan', 'des', 'da', 'ten', 'schutz', 'be', 'auf', 'tragte'].join(SHY),
    );
    expect(de('Straße Bericht')).toBe('Straße Bericht');
    expect(de('example.org/Verwaltungsgericht NATO-Mitgliedstaaten UNCLASSIFIED')).toBe(
      `example.org/Verwaltungsgericht NATO-Mit${SHY}glied${SHY}staa${SHY}ten UNCLASSIFIED`,
    );
    for (const language of ['en', 'de', 'fr', 'es', 'nl']) {
      const out = createHyphenation(language)('internationalisation administración gouvernementale');
      for (const word of out.split(' ')) {
        const parts = word.split(SHY);
        expect(parts.length, `${language}: ${word}`).toBeGreaterThan(1);
        expect(parts[0]?.length).toBeGreaterThanOrEqual(3);
        expect(parts.at(-1)?.length).toBeGreaterThanOrEqual(3);
      }
    }
    expect(createHyphenation('ar')('Landesdatenschutzbeauftragte')).toBe('Landesdatenschutzbeauftragte');
    expect(markdownIn('de').inline('`Verwaltungsgericht` Verwaltungsgericht')).toBe(
      `<code>Verwaltungsgericht</code> Ver${SHY}wal${SHY}tungs${SHY}ge${SHY}richt`,
    );
  });

  it('shows a URL breaking only after / . _ ? & = -, the href whole; on slides, short', () => {
    const html = markdownIn('en').inline('<https://example.org/a-b/c?d=e&f=g>');
    expect(html).toBe(
      '<a href="https://example.org/a-b/c?d=e&amp;f=g" rel="noopener noreferrer">https://example.<wbr>org/<wbr>a-<wbr>b/<wbr>c?<wbr>d=<wbr>e&amp;<wbr>f=<wbr>g</a>',
    );
    expect(
      shortUrl('https://www.example.org/reports/maritime-logistics-intelligence/2025/annual.pdf', 40),
    ).toBe('example.org/reports/maritime-logistics…');
    expect(shortUrl('https://example.org/a.pdf', 40)).toBe('example.org/a.pdf');
  });

  it('shows ISO dates in the long form of the language, anything else as written', () => {
    expect(formatDate('2025-03-14', 'en')).toBe('14 March 2025');
    expect(formatDate('2025-03-14', 'de')).toBe('14. März 2025');
    expect(formatDate('2025-03-14', 'fr')).toBe('14 mars 2025');
    // The first of the month in French (a trial): CLDR writes "1 mars", French writes "1er mars".
    expect(formatDate('2027-03-01', 'fr')).toBe('1er mars 2027');
    expect(formatDate('2027-03-01', 'fr-CA')).toBe('1er mars 2027');
    expect(formatDate('2027-03-01', 'en')).toBe('1 March 2027');
    expect(formatInstant({ epochMs: Date.UTC(2027, 2, 1, 8), offsetMinutes: 60, text: '' }, 'fr')).toBe(
      '1er mars 2027, 09:00 UTC+01:00',
    );
    // In the Gregorian calendar of the ISO date, not the language's own (a trial: a Dari briefing's
    // 2025-05 became the Solar Hijri month that covers two thirds of May).
    expect(formatDate('2025-05', 'fa-AF')).toBe('می ۲۰۲۵');
    expect(formatDate('2025-05-14', 'fa')).toBe('۱۴ مهٔ ۲۰۲۵');
    expect(formatDate('2025-05-14', 'th')).toBe('14 พฤษภาคม 2025');
    expect(formatDate('2025-02', 'en')).toBe('February 2025');
    expect(formatDate('2025-02-30', 'en')).toBe('2025-02-30');
    expect(formatDate('Days later', 'de')).toBe('Days later');
  });

  it('writes English dates and times as Intl does for en-GB, without asking Intl', () => {
    const intl = (options: Intl.DateTimeFormatOptions) =>
      new Intl.DateTimeFormat('en-GB', { timeZone: 'UTC', ...options });
    const day = intl({ day: 'numeric', month: 'long', year: 'numeric' });
    const month = intl({ month: 'long', year: 'numeric' });
    const time = intl({ hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
    // Every day of a leap year and of the year after, at a time that walks round the clock.
    for (let ms = Date.UTC(2024, 0, 1), i = 0; ms < Date.UTC(2026, 0, 1); ms += 86_400_000, i++) {
      const date = new Date(ms);
      const iso = date.toISOString().slice(0, 10);
      expect(formatDate(iso, 'en')).toBe(day.format(date));
      expect(formatDate(iso.slice(0, 7), 'en')).toBe(month.format(date));
      const at = ms + ((i * 37) % 1440) * 60_000;
      expect(formatInstant({ epochMs: at, offsetMinutes: 0, text: '' }, 'en')).toBe(
        `${day.format(new Date(at))}, ${time.format(new Date(at))} UTC`,
      );
    }
    // Years before 100 (which Date.UTC takes for 1900 to 1999) and year 0, 1 BC, which Intl writes as 1.
    for (const [iso, year] of [
      ['0999-12-31', 999],
      ['0050-01-01', 50],
      ['0000-06-15', 0],
    ] as const) {
      const date = new Date(0);
      date.setUTCFullYear(year, Number(iso.slice(5, 7)) - 1, Number(iso.slice(8)));
      expect(formatDate(iso, 'en'), iso).toBe(day.format(date));
      expect(formatDate(iso, 'en-GB'), iso).toBe(day.format(date));
    }
  });

  it('isolates text in the other direction, and sets an all-Arabic paragraph right to left', () => {
    const en = markdownIn('en');
    expect(en.inline('DP World (موانئ دبي العالمية) said so.')).toBe(
      'DP World (<bdi>موانئ دبي العالمية</bdi>) said so.',
    );
    expect(en.block('تراجعت حركة الحاويات.')).toBe('<p dir="auto"><bdi>تراجعت حركة الحاويات</bdi>.</p>');
    expect(markdownIn('ar').inline('أعلنت شركة DP World تعليق')).toBe('أعلنت شركة <bdi>DP World</bdi> تعليق');
    expect(en.block('Plain text.')).toBe('<p>Plain text.</p>');
  });

  it('keeps an English clause in an Arabic paragraph one isolate, across bold, a semicolon and brackets', () => {
    const ar = markdownIn('ar');
    // Isolates side by side are neutral to the paragraph around them, so a right-to-left one lays them
    // out right to left: the clause must be one isolate, its markup and punctuation inside.
    expect(
      ar.block('قال التقرير إن Cholera cases **doubled in five days**; the water is rising في بيرا.'),
    ).toBe(
      '<p>قال التقرير إن <bdi>Cholera cases <strong>doubled in five days</strong>; the water is rising</bdi> في بيرا.</p>',
    );
    expect(
      ar.inline(
        'أعلنت شركة DP World (Dubai) تعليق COVID-19 وN6 في [Beira report](https://example.org) اليوم',
      ),
    ).toBe(
      'أعلنت شركة <bdi>DP World (Dubai)</bdi> تعليق <bdi>COVID-19</bdi> و<bdi>N6</bdi> في ' +
        '<a href="https://example.org" rel="noopener noreferrer"><bdi>Beira report</bdi></a> اليوم',
    );
    // Bold that begins in Arabic and ends in English is split where the isolate begins.
    expect(ar.inline('قال **المتحدث English words** and more عربي')).toBe(
      'قال <strong>المتحدث </strong><bdi><strong>English words</strong> and more</bdi> عربي',
    );
    // Numbers after an English word, apart from it, stay with the Arabic (as before).
    expect(ar.inline('في Beira 120 حالة')).toBe('في <bdi>Beira</bdi> 120 حالة');
  });

  it('sets an English paragraph of a right-to-left briefing left to right, in the page’s alignment', () => {
    const ar = markdownIn('ar');
    expect(
      ar.inline("Cholera cases in Beira's suburbs **doubled in five days** and will keep rising [@a]."),
    ).toBe(
      '<bdi dir="ltr">Cholera cases in Beira&#39;s suburbs <strong>doubled in five days</strong> and will keep rising' +
        '\u00A0<a class="cite" href="#/sources" title="Source 1">[1]</a>.</bdi>',
    );
    expect(ar.block('The season runs until April; forecasts beyond ten days are unreliable.')).toBe(
      '<p><bdi dir="ltr">The season runs until April; forecasts beyond ten days are unreliable.</bdi></p>',
    );
    // Mostly English with an Arabic date: left to right, the Arabic isolated.
    expect(ar.inline('Deadline: 16 مارس 2025?')).toBe(
      '<bdi dir="ltr">Deadline: 16 <bdi>مارس</bdi> 2025?</bdi>',
    );
    // An English name first but mostly Arabic: right to left.
    expect(ar.block('DP World أعلنت تعليق بعض الخدمات.')).toBe(
      '<p><bdi>DP World</bdi> أعلنت تعليق بعض الخدمات.</p>',
    );
    expect(ar.block('- one item\n- عنصر مع English\n')).toBe(
      '<ul>\n<li><bdi dir="ltr">one item</bdi></li>\n<li>عنصر مع <bdi>English</bdi></li>\n</ul>',
    );
  });
});

describe('mixed directions in a right-to-left briefing, as Chromium lays them out', () => {
  let session: BrowserSession;
  beforeAll(() => {
    session = newSession();
  });
  afterAll(() => session.close());

  /** The words of each text's paragraph in an Arabic page, from left to right as shown. */
  async function shownWords(htmls: string[]): Promise<string[][]> {
    const page = await (await session.get()).newPage();
    const body = htmls.map((html) => `<div>${html}</div>`).join('');
    await page.setContent(`<html lang="ar" dir="rtl"><body style="width: 4000px">${body}</body></html>`);
    const words = await page.evaluate(() =>
      [...document.body.children].map((box) => {
        const found: { word: string; x: number }[] = [];
        const walker = document.createTreeWalker(box, NodeFilter.SHOW_TEXT);
        for (let node = walker.nextNode(); node; node = walker.nextNode()) {
          for (const match of (node.textContent ?? '').matchAll(/\S+/g)) {
            const range = document.createRange();
            range.setStart(node, match.index);
            range.setEnd(node, match.index + match[0].length);
            found.push({ word: match[0], x: range.getBoundingClientRect().left });
          }
        }
        return found.sort((a, b) => a.x - b.x).map((w) => w.word);
      }),
    );
    await page.close();
    return words;
  }

  it('reads an English sentence or clause in its order, and the Arabic around it in its own', async () => {
    const ar = markdownIn('ar');
    const meta = { number: 1, decision: '', decisionHtml: '', decisionText: '', passed: false, yamlPath: '' };
    const line = decisionLine(
      { ...meta, by: 'Regional director', deadline: '16 مارس 2025', recommendations: [1] },
      'rtl',
    );
    const dari = decisionLine(
      { ...meta, by: 'هماهنگ‌کنندهٔ بشردوستانه', deadline: '۱۶ می ۲۰۲۵', recommendations: [1, 2] },
      'rtl',
    );
    expect(decisionLine({ ...meta, by: 'Regional director', recommendations: [] }, 'ltr')).toEqual({
      meta: 'To be decided by Regional director',
    });
    const shown = await shownWords([
      ar.block('قال التقرير إن Cholera cases **doubled in five days**; the water is rising في بيرا.'),
      ar.inline('Armed groups are not active, but **looting of food stores** has begun.'),
      ar.inline('قال **المتحدث English words** and more عربي آخر'),
      line.metaHtml as string,
      dari.metaHtml as string,
    ]);
    expect(shown.map((words) => words.join(' '))).toEqual([
      'بيرا. في Cholera cases doubled in five days ; the water is rising إن التقرير قال',
      'Armed groups are not active, but looting of food stores has begun.',
      'آخر عربي English words and more المتحدث قال',
      // The English line left to right; the date as Arabic reads it, from the right: 16 مارس 2025 (a
      // trial of a Dari briefing: laid out left to right, "۱۶ می ۲۰۲۵" read year first).
      'To be decided by Regional director · Deadline: 2025 مارس 16 · On recommendation 1',
      'To be decided by بشردوستانه هماهنگ‌کنندهٔ · Deadline: ۲۰۲۵ می ۱۶ · On recommendations 1, 2',
    ]);
  }, 60_000);

  // A trial of a Dari briefing: the owner "UNHCR و کلاستر سرپناه" was set left to right by its first
  // letter, and read "and shelter cluster … UNHCR".
  it('sets a plain field that starts in English but is mostly in the page’s script right to left', async () => {
    const fa = createTypography('fa-AF', 'rtl');
    const owner = fa.field('UNHCR و کلاستر سرپناه');
    expect(owner).toBe('\u200FUNHCR و کلاستر سرپناه');
    for (const text of ['WFP', 'UNHCR and the shelter cluster', 'کلاستر سرپناه و UNHCR', '48 hours'])
      expect(fa.field(text), text).toBe(text);
    expect(createTypography('en').field('UNHCR و کلاستر سرپناه')).toBe('UNHCR و کلاستر سرپناه');
    const [words = []] = await shownWords([`<p style="unicode-bidi: plaintext">${escapeHtml(owner)}</p>`]);
    // From the right: UNHCR (after its mark), then و کلاستر سرپناه.
    expect(words).toEqual(['سرپناه', 'کلاستر', 'و', '\u200FUNHCR']);
  }, 60_000);

  // A trial: right to left, "likely → very likely ▲; confidence moderate → high ▲" had its last
  // arrow at the line's start.
  it('keeps a risk’s moved judgments in their order in the changes of a right-to-left briefing', async () => {
    const dir = tempDir('ar-moved-');
    const yaml = readFileSync(path.join(FIXTURES, 'arabic.yaml'), 'utf8');
    writeFileSync(
      path.join(dir, 'a.yaml'),
      yaml.replace('impact: high', 'impact: high\n    confidence: moderate'),
    );
    writeFileSync(
      path.join(dir, 'b.yaml'),
      yaml.replace(
        'likelihood: likely\n    impact: high',
        'likelihood: very likely\n    impact: high\n    confidence: high\n    change_note: تقرير جديد.',
      ),
    );
    const [previous, current] = [await readBriefing('a.yaml', dir), await readBriefing('b.yaml', dir)];
    const content = buildContent(current, undefined, undefined, compareBriefings(previous, current));
    const line = content.changes?.groups.find((group) => group.title === 'Judgments changed')?.lines[0];
    const [words = []] = await shownWords([`<p>${line?.html ?? ''}</p>`]);
    // Its title from the right, then the moves, which read left to right, their last arrow last.
    expect(words.join(' ')).toBe('likely → very likely ▲; confidence moderate → high ▲ : للعمليات طويل توقف');
  }, 60_000);

  it('measures the marks and joiners as nothing: the zero-width non-joiner Persian writes inside words', () => {
    expect(textWidth('هماهنگ\u200Cکننده', 16)).toBe(textWidth('هماهنگکننده', 16));
    expect(textWidth('\u200FUNHCR\u2068x\u2069', 16)).toBe(textWidth('UNHCRx', 16));
  });

  it('keeps the footer’s as_of whole: the English label, then the date as the briefing writes it', async () => {
    const dir = tempDir('ar-as-of-');
    const yaml = readFileSync(path.join(FIXTURES, 'arabic.yaml'), 'utf8');
    writeFileSync(path.join(dir, 'b.yaml'), `as_of: 2025-03-14T09:00+02:00\n${yaml}`);
    const deck = await prepareDeck({ file: 'b.yaml', cwd: dir, outDir: 'out' });
    const foot = /<span class="bd-foot-as-of"[^>]*>.*?<\/span>/.exec(deck.html)?.[0] ?? '';
    const [words = []] = await shownWords([foot]);
    expect(words.slice(0, 2)).toEqual(['As', 'of']);
    expect(words.slice(2).sort()).toEqual((deck.model.asOf ?? '').split(/\s+/).sort());
  }, 60_000);
});

describe('isolateRuns (right to left)', () => {
  const balanced = (html: string) => {
    const open: string[] = [];
    for (const [, slash, name] of html.matchAll(/<(\/?)([a-z]+)[^>]*>/g)) {
      if (!slash) open.push(name as string);
      else if (open.pop() !== name) return false;
    }
    return open.length === 0;
  };

  it('ends on brackets that pair across a run or not at all', () => {
    for (const text of [
      'تراجعت حركة (2] Reuters report) said more',
      'قال (} Reuters) said',
      'قال [) Reuters] said',
      'قال (Reuters) said',
    ]) {
      const html = isolateRuns(escapeHtml(text));
      expect(balanced(html), html).toBe(true);
      expect(html.replace(/<[^>]*>/g, '')).toBe(escapeHtml(text));
    }
  });

  it('never throws, keeps the text and balances its tags, whatever the text', () => {
    const piece = fc.constantFrom(
      'قال',
      'عربي',
      'Reuters',
      'report',
      ' ',
      '(',
      ')',
      '[',
      ']',
      '{',
      '}',
      '2025',
      '-',
      '.',
      ';',
    );
    const markup = fc.constantFrom('', '<strong>', '</strong>');
    fc.assert(
      fc.property(fc.array(fc.tuple(piece, markup), { maxLength: 30 }), (parts) => {
        // Well-formed markup, as marked writes it: every <strong> closed, in order.
        let depth = 0;
        let html = '';
        for (const [text, tag] of parts) {
          html += escapeHtml(text);
          if (tag === '<strong>') depth += 1;
          if (tag === '</strong>' && depth === 0) continue;
          if (tag === '</strong>') depth -= 1;
          html += tag;
        }
        html += '</strong>'.repeat(depth);
        const out = isolateRuns(html);
        expect(balanced(out), out).toBe(true);
        expect(out.replace(/<\/?bdi[^>]*>/g, '').replace(/<\/?strong>/g, '')).toBe(
          html.replace(/<\/?strong>/g, ''),
        );
      }),
      { numRuns: 2000 },
    );
  });
});

describe('the language in the content model', () => {
  it('is en by default, canonical, and right to left for Arabic', async () => {
    const sample = buildContent(await readBriefing(path.join(FIXTURES, 'minimal.yaml'), ROOT));
    expect([sample.language, sample.dir]).toEqual(['en', 'ltr']);
    const arabic = buildContent(await readBriefing(fixture('arabic'), ROOT));
    expect([arabic.language, arabic.dir]).toEqual(['ar', 'rtl']);
    const german = buildContent(await readBriefing(fixture('german'), ROOT));
    expect(german.date).toBe('14. März 2025');
    expect(german.sources[0]?.details).toBe('Landesamt für Informationstechnik, Februar 2025');
  });

  // Found by a trial: the handling line read "municipalities' CISOs" in every output, the fields of the
  // title block being shown as written while every Markdown text had its quotes set.
  it('sets the quotes of the title block’s plain fields as the Markdown’s, without hyphens', async () => {
    const briefing = await readBriefing(path.join(FIXTURES, 'minimal.yaml'), ROOT);
    const content = buildContent({
      ...briefing,
      title: 'The "Derna" file',
      subtitle: "A city's war",
      organization: "Analysts' desk",
      author: "O'Neill",
      handling: { text: "Not for the municipalities' CISOs", from: 'handling' },
      bluf: ['Fighting goes on at 90 % [@s1].'],
      sources: [{ id: 's1', title: 'Report' }],
    });
    expect([content.title, content.subtitle, content.organization, content.author]).toEqual([
      'The “Derna” file',
      'A city’s war',
      'Analysts’ desk',
      'O’Neill',
    ]);
    expect(content.handling?.text).toBe('Not for the municipalities’ CISOs');
    // The contact and the report summarised, on the same title slide (a review).
    const more = buildContent({
      ...briefing,
      contact: { name: "Pat O'Neill", role: "Analysts' lead", phone: '+44 20 7946 0123' },
      source: { title: 'The "Derna" file', publisher: "Analysts' desk" },
    });
    expect([more.contact?.name, more.contact?.role]).toEqual(['Pat O’Neill', 'Analysts’ lead']);
    // A trial: a 4:3 title slide broke the number after "+44 20".
    expect(more.contact?.phone).toBe('+44\u00A020\u00A07946\u00A00123');
    expect(more.sourceHtml).toBe('<em>The “Derna” file</em>, Analysts’ desk');
    // The PDFs' author is the title slide's.
    const dir = tempDir('quotes-');
    writeFileSync(
      path.join(dir, 'b.yaml'),
      `${readFileSync(path.join(FIXTURES, 'minimal.yaml'), 'utf8')}author: "Pat O'Neill"\n`,
    );
    const deck = await prepareDeck({ file: 'b.yaml', cwd: dir, outDir: 'out' });
    expect(pdfInfo(deck).author).toBe('Pat O’Neill');
    expect(content.title + (content.handling?.text ?? '')).not.toContain('\u00AD');
    // The subject (the PDF's, the page's description) from the first judgment: no space left by its citation.
    expect(
      buildContent({
        ...briefing,
        bluf: ['Fighting goes on at 90 % [@s1].'],
        sources: [{ id: 's1', title: 'R' }],
      }).subject,
    ).toBe('Fighting goes on at 90 %.');
  });
});

describe('the plain fields of a French briefing', () => {
  // Found by a trial: a risk's title, an actor's kind, a decision's "by", a timeframe, a figure's credit
  // and the map's title and places kept straight apostrophes beside the curly ones of the text around.
  it('have the quotes and spaces of the Markdown', async () => {
    const dir = tempDir('fr-fields-');
    writeFileSync(
      path.join(dir, 'b.yaml'),
      [
        'title: Sahel',
        'language: fr',
        'situation:',
        '  summary: Rien.',
        'timeline:',
        '  - { date: "Jusqu\'au 6 mars", event: Blocus., place: "Poste d\'Inékar" }',
        'locations:',
        '  - { name: "Poste d\'Inékar", lat: 16.0, lon: 3.0 }',
        'map:',
        "  title: Zone d'intervention",
        'decisions:',
        '  - { decision: Financer ?, by: "Cellule d\'appui" }',
        'actors:',
        '  - { name: "Cellule d\'appui", kind: "ONG d\'urgence", role: Aide., relations: [{ type: support, with: "L\'armée" }] }',
        '  - { name: "L\'armée", role: Garde. }',
        'risks:',
        '  - { title: "Attaque contre l\'aérodrome", likelihood: likely, impact: high }',
        'recommendations:',
        '  - { action: Agir., timeframe: "D\'ici une semaine" }',
        'sources:',
        '  - { id: s1, title: "Rapport d\'étape", publisher: "Bureau d\'appui" }',
      ].join('\n'),
    );
    const content = buildContent(await readBriefing(path.join(dir, 'b.yaml'), dir));
    expect(content.timeline[0]?.date).toBe('Jusqu’au 6 mars');
    expect(content.timeline[0]?.place).toBe('Poste d’Inékar');
    expect(content.decisions[0]?.by).toBe('Cellule d’appui');
    expect([content.actors[0]?.name, content.actors[0]?.kind]).toEqual(['Cellule d’appui', 'ONG d’urgence']);
    expect(content.actors[0]?.relations[0]?.with).toBe(content.actors[1]?.name);
    expect(content.risks[0]?.title).toBe('Attaque contre l’aérodrome');
    expect(content.recommendations[0]?.timeframe).toBe('D’ici une semaine');
    expect([content.sources[0]?.title, content.sources[0]?.details]).toEqual([
      'Rapport d’étape',
      'Bureau d’appui',
    ]);
    const map = content.visuals.find((visual) => visual.kind === 'map');
    expect(map?.title).toBe('Zone d’intervention');
    expect(map?.draw(800, 500).svg).toContain('Poste d’Inékar');
    // The timeline's event is still numbered on the map: the place is matched before it is set.
    expect(content.timeline[0]?.mapNumber).toBe(1);
  });
});

/** The words of the briefing file, hyphenated as the build hyphenates them. */
function sourceWords(file: string): { words: Set<string>; text: string } {
  const text = readFileSync(file, 'utf8');
  return { text, words: new Set(text.match(/\p{L}+/gu)) };
}

/** Line-final fragments that break a word of the source without a hyphen at a valid break. */
function brokenWords(pdf: string, file: string, language: string): string[] {
  const { words, text } = sourceWords(file);
  const hyphenate = createHyphenation(language);
  const lines = execFileSync('pdftotext', [pdf, '-'], { encoding: 'utf8' }).split('\n');
  const broken: string[] = [];
  const firstWord = (line: string | undefined) => /^\s*(\p{L}+)/u.exec(line ?? '')?.[1];
  for (let i = 0; i + 1 < lines.length; i++) {
    const end = /(\p{L}+)([-\u00AD\u2010]?)\s*$/u.exec(lines[i] as string);
    const tail = firstWord(lines[i + 1]);
    if (!end || !tail) continue;
    const [, head = '', hyphen] = end;
    if (hyphen) {
      // A long word can run over three lines or more: each middle line is one fragment and a hyphen.
      const parts = [head];
      let next = i + 1;
      while (/^\s*\p{L}+[-\u2010]\s*$/u.test(lines[next] ?? '') && firstWord(lines[next + 1])) {
        parts.push(firstWord(lines[next]) as string);
        next++;
      }
      parts.push(firstWord(lines[next]) as string);
      const joined = parts.join('');
      // Where the language's patterns allow a break: the lengths of the hyphenated word's leading parts.
      const at: number[] = [];
      for (const part of hyphenate(joined).split(SHY)) at.push((at.at(-1) ?? 0) + part.length);
      if (parts.length === 2 && text.includes(`${head}-${tail}`)) continue; // a hyphen the source has
      let length = 0;
      for (const part of parts.slice(0, -1)) {
        length += part.length;
        if (!words.has(joined) || !at.includes(length)) broken.push(`${parts.join(`${hyphen}|`)}`);
      }
      i = next - 1;
    } else if (words.has(head + tail) && !(words.has(head) && words.has(tail)))
      broken.push(`${head}|${tail}`);
  }
  return broken;
}

/** The text of every page of a PDF, as pdftotext reads it. */
function pdfPages(pdf: string): string[] {
  return execFileSync('pdftotext', [pdf, '-'], { encoding: 'utf8' }).split('\f').slice(0, -1);
}

describe.each([
  ['german', 'de'],
  ['arabic', 'ar'],
  ['english-arabic-names', 'en'],
])('the %s briefing, built with its handout', (name, language) => {
  let session: BrowserSession;
  let built: Awaited<ReturnType<typeof build>>;

  beforeAll(async () => {
    session = newSession();
    built = await build(fixture(name), { handout: 'a4', singleFile: true, session });
  }, 120_000);
  afterAll(() => session.close());

  it('has lang and dir on the deck and the handout', () => {
    const dir = language === 'ar' ? 'rtl' : 'ltr';
    expect(readFileSync(built.html, 'utf8')).toContain(`<html lang="${language}" dir="${dir}">`);
  });

  it('carries the Arabic font in the single file exactly when the text has Arabic', () => {
    const single = readFileSync(built.singleFile as string, 'utf8');
    expect(single.includes('unicode-range: U+0600-06FF')).toBe(language !== 'de');
  });

  it('has /Lang in both PDFs’ catalogs', () => {
    for (const file of [built.pdf, built.handout]) {
      const bytes = readFileSync(file as string, 'latin1');
      const catalogs = [...bytes.matchAll(/<<\/Type \/Catalog[\s\S]*?endobj/g)].map((m) => m[0]);
      expect(catalogs.length).toBeGreaterThan(0);
      expect(catalogs.at(-1)).toContain(`/Lang (${language})`);
    }
  });

  it('breaks no word without a hyphen at a valid break', () => {
    for (const file of [built.pdf, built.handout])
      expect(brokenWords(file as string, fixture(name), language)).toEqual([]);
  });

  it('has no soft hyphen in the PDFs’ text, and a hyphen where a long word breaks', () => {
    const texts = [built.pdf, built.handout].map((file) => pdfPages(file as string).join('\n'));
    for (const text of texts) expect(text).not.toContain(SHY);
    // The German fixture's long compounds break, with a hyphen, in the slides' narrow columns (read
    // in pdftotext's raw order, which keeps a line-end hyphen), and the plain reading joins them whole.
    if (language === 'de') {
      const raw = execFileSync('pdftotext', ['-raw', built.pdf as string, '-'], { encoding: 'utf8' });
      expect(raw).toMatch(/\p{Ll}-\n/u);
      expect(texts[0]).toContain('Landesdatenschutzbeauftragte\n');
    }
  });
});
