/**
 * The example briefings in examples/, each built as a user builds it: the
 * deck measured in a real Chromium at both aspects (an overflow fails the
 * build), the slide PDF and the handout printed, with and without the
 * briefer's notes, and the handout read back: no note unless asked for, the
 * whole story on the first page, every later page opening on a section, and
 * each section's notes beside their section. The briefings state only what
 * their report.txt states: every figure in them is one the report gives.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserSession } from '../src/browser/session.js';
import { type BuildResult, buildBriefing, readBriefing } from '../src/build.js';
import { plainText } from '../src/content/markdown.js';
import { formatWarning } from '../src/errors.js';
import type { Briefing } from '../src/format/briefing.js';
import { newSession, ROOT, readPdf, tempDir } from './_helpers.js';

const EXAMPLES = ['hospital-ransomware', 'port-strike'] as const;

/** Per example, what the briefing is asked to show: its private note, its handling line, a passed deadline. */
const EXPECTED: Record<
  (typeof EXAMPLES)[number],
  { privateNote?: string; handling: string; handlingFrom: 'handling' | 'tlp'; passed: number }
> = {
  'hospital-ransomware': {
    privateNote: 'MediServ is cooperating; do not name them publicly yet',
    // TLP:AMBER without a handling line: TLP 2.0's sharing rule stands in.
    handling:
      'recipients can only spread this on a need-to-know basis within their organization and its clients',
    handlingFrom: 'tlp',
    passed: 0,
  },
  'port-strike': {
    handling: 'Not for onward distribution outside the Department and the Port Resilience Group.',
    handlingFrom: 'handling',
    passed: 1,
  },
};

/** The handout's section headings, as the notes' groups name them. */
const SECTION_OF: Record<string, string> = {
  bluf: 'Bottom line up front',
  decisions: 'Decisions required',
  situation: 'Situation',
  timeline: 'Timeline',
  actors: 'Actors',
  risks: 'Risks in detail',
  recommendations: 'Recommendations',
  sources: 'Sources',
};
const HEADINGS = [...Object.values(SECTION_OF), 'Risk assessment'];

/** Text as compared: one space between words, citation marks and the space before punctuation dropped. */
const squash = (text: string) =>
  text
    // A word hyphenated at the end of a line (issue 17) is one word; quotes are compared straight.
    .replace(/(\p{Ll})[-\u00AD]\s*(\p{Ll})/gu, '$1$2')
    .replace(/\u00AD/g, '')
    .replace(/[‘’]/g, "'")
    .replace(/[“”]/g, '"')
    .replace(/\u00A0/g, ' ')
    .replace(/\[\d+\]/g, '')
    .replace(/\s+/g, ' ')
    .replace(/ ([.,;:])/g, '$1')
    .trim();

/** Each note of a briefing: the groups' and every item's. */
function notesOf(briefing: Briefing): string[] {
  return [
    ...Object.values(briefing.notes),
    ...briefing.actors.map((a) => a.notes),
    ...briefing.risks.map((r) => r.notes),
    ...briefing.recommendations.map((r) => r.notes),
  ].filter((n): n is string => Boolean(n));
}

/** The start of a note as the handout prints it. */
const noteStart = (note: string) => squash(plainText(note)).slice(0, 40);

interface Line {
  y: number;
  text: string;
  /** In the page's top or bottom margin: the running header or footer. */
  margin: boolean;
}

/** Each page's lines of text, top to bottom, and whether they sit in the page margin (A4). */
async function readLines(file: string): Promise<Line[][]> {
  const { getDocument } = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const doc = await getDocument({ data: new Uint8Array(readFileSync(file)), verbosity: 0 }).promise;
  const pages: Line[][] = [];
  for (let n = 1; n <= doc.numPages; n++) {
    const page = await doc.getPage(n);
    const [, , , height = 0] = page.view;
    const rows = new Map<number, { y: number; text: string }>();
    for (const item of (await page.getTextContent()).items) {
      if (!('str' in item) || !item.str.trim()) continue;
      const y = Math.round(item.transform[5] as number);
      const row = rows.get(y) ?? { y, text: '' };
      row.text += row.text ? ` ${item.str}` : item.str;
      rows.set(y, row);
    }
    // Page margins are 22 mm at the top and 20 mm at the bottom (62 and 57 pt).
    pages.push(
      [...rows.values()]
        .sort((a, b) => b.y - a.y)
        .map((row) => ({ ...row, margin: row.y > height - 62 || row.y < 57 })),
    );
  }
  await doc.destroy();
  return pages;
}

const A4_HEIGHT = 842;
/** How far down the last body line of a page reaches, as a share of the page's body height. */
const fillOf = (lines: Line[]) => {
  const body = lines.filter((line) => !line.margin);
  return (A4_HEIGHT - 62 - (body.at(-1)?.y ?? A4_HEIGHT - 62)) / (A4_HEIGHT - 62 - 57);
};

/** Whether a line is a section's heading, or its heading repeated as "X (continued)". */
const isHeading = (text: string, heading?: string) => {
  const name = text.replace(/ \(continued\)$/, '');
  return heading ? name === heading : HEADINGS.includes(name);
};

let session: BrowserSession;
beforeAll(() => {
  session = newSession();
});
afterAll(() => session.close());

for (const example of EXAMPLES) {
  const file = path.join('examples', example, 'briefing.yaml');
  const expected = EXPECTED[example];

  describe(`the ${example} example`, () => {
    let briefing: Briefing;
    let plain: BuildResult & { warnings: string[] };
    let noted: BuildResult;
    let pages: string[];
    let lines: Line[][];
    let notedPages: string[];
    let notedLines: Line[][];

    beforeAll(async () => {
      const build = async (aspect: '16:9' | '4:3', withNotes: boolean) => {
        const warnings: string[] = [];
        // strict: a slide that overflows fails the build.
        const result = await buildBriefing({
          file,
          cwd: ROOT,
          outDir: tempDir(`${example}-`),
          pdf: true,
          strict: true,
          handout: 'a4',
          withNotes,
          deck: { aspect },
          session,
          timeoutMs: 60_000,
          onWarning: (warning) => warnings.push(formatWarning(warning)),
        });
        return { ...result, warnings };
      };
      plain = await build('16:9', false);
      noted = await build('4:3', true);
      briefing = plain.briefing;
      pages = (await readPdf(plain.handout as string)).pages;
      lines = await readLines(plain.handout as string);
      notedPages = (await readPdf(noted.handout as string)).pages;
      notedLines = await readLines(noted.handout as string);
      // The figures a reviewer compares between versions.
      console.log(
        `${example}: ${plain.slideCount} slides at 16:9, ${noted.slideCount} at 4:3; handout ${pages.length} pages` +
          ` (last ${Math.round(fillOf(lines.at(-1) ?? []) * 100)}% full), ${notedPages.length} with notes`,
      );
    });

    it('fits its slides at 16:9 and 4:3, with decisions, as_of, version, contact and handling', () => {
      expect(plain.overflows).toEqual([]);
      expect(noted.overflows).toEqual([]);
      expect(plain.slideCount).toBeGreaterThan(8);
      expect(briefing.asOf).toBeDefined();
      expect(briefing.version).toBeTruthy();
      expect(briefing.contact?.email).toMatch(/@example\.org$/);
      expect(briefing.contact?.phone).toBeTruthy();
      expect(briefing.decisions.length).toBeGreaterThan(1);
      for (const decision of briefing.decisions) {
        expect(plainText(decision.decision)).toMatch(/^Approve\b.*\btoday\b/);
        expect(decision.by).toBeTruthy();
        expect(decision.deadline).toBeDefined();
        expect(decision.recommendations.length).toBeGreaterThan(0);
      }
      expect(briefing.timeline.length).toBeGreaterThan(0);
      expect(briefing.sources.length).toBeGreaterThan(0);
      expect(briefing.actors.some((actor) => actor.relations.length > 0)).toBe(true);
    });

    it('marks a deadline passed at as_of, on the first page and in a warning', () => {
      const first = squash(pages[0] ?? '');
      expect(first.match(/\(passed\)/g)?.length ?? 0).toBe(expected.passed);
      expect(plain.warnings.filter((w) => w.includes('had passed')).length).toBe(expected.passed);
    });

    it('gives its handling line on the first page', () => {
      expect(briefing.handling?.from).toBe(expected.handlingFrom);
      expect(squash(pages[0] ?? '')).toContain(squash(expected.handling));
    });

    it('prints none of the briefer’s notes in the handout, and every one of them with notes', () => {
      const all = squash(pages.join(' '));
      const withNotes = squash(notedPages.join(' '));
      const notes = notesOf(briefing);
      expect(notes.length).toBeGreaterThan(8);
      for (const note of notes) {
        expect(all, note).not.toContain(noteStart(note));
        expect(withNotes, note).toContain(noteStart(note));
      }
      expect(all).not.toMatch(/BRIEFER’S NOTE|BRIEFER'S NOTE/i);
      expect(all).not.toContain('briefer’s private notes');
      expect(squash(notedPages[0] ?? '')).toContain(squash('This copy includes the briefer’s private notes'));
      if (expected.privateNote) {
        expect(all).not.toContain(expected.privateNote);
        expect(withNotes).toContain(expected.privateNote);
      }
    });

    it('tells the whole story on its first page: every bottom-line item, decision and risk', () => {
      const first = squash(pages[0] ?? '');
      for (const item of briefing.bluf) expect(first, item).toContain(squash(plainText(item)));
      for (const decision of briefing.decisions)
        expect(first, decision.decision).toContain(squash(plainText(decision.decision)).slice(0, 50));
      // The matrix's key names every risk.
      for (const risk of briefing.risks) expect(first, risk.title).toContain(squash(risk.title));
    });

    it('begins every page after the first with a section’s heading or its "(continued)"', () => {
      for (const [name, handout] of [
        ['without notes', lines],
        ['with notes', notedLines],
      ] as const) {
        handout.slice(1).forEach((page, index) => {
          const first = page.find((line) => !line.margin)?.text ?? '';
          expect(isHeading(first), `${name}: page ${index + 2} begins "${first}"`).toBe(true);
        });
      }
    });

    it('never ends a page with a heading', () => {
      const headings = new Set([
        ...HEADINGS,
        'Key facts',
        'KEY FACTS',
        'INDICATORS TO WATCH',
        'CONTENTS',
        ...briefing.risks.map((risk) => risk.title),
      ]);
      for (const [name, handout] of [
        ['without notes', lines],
        ['with notes', notedLines],
      ] as const) {
        handout.forEach((page, index) => {
          const last =
            page
              .filter((line) => !line.margin)
              .at(-1)
              ?.text.replace(/^\d+\s+/, '') ?? '';
          expect(headings.has(last), `${name}: page ${index + 1} ends with the heading "${last}"`).toBe(
            false,
          );
        });
      }
    });

    it('keeps each section’s notes on a page with the section’s heading, above them', () => {
      for (const [group, note] of Object.entries(briefing.notes)) {
        const heading = SECTION_OF[group];
        if (!heading) continue; // the title's notes belong to the whole brief
        const start = noteStart(note);
        const page = notedPages.findIndex((text) => squash(text).includes(start));
        expect(page, `${group}'s notes are printed`).toBeGreaterThanOrEqual(0);
        const pageLines = notedLines[page] ?? [];
        const headingAt = pageLines.findIndex((line) => isHeading(line.text, heading));
        expect(headingAt, `${group}'s notes on page ${page + 1} without "${heading}"`).toBeGreaterThanOrEqual(
          0,
        );
        // The note's first line: the first 20 characters of the note.
        // Spaces aside: pdf.js gives the parts of a word hyphenated at build time (issue 17) as separate items.
        const bare = (text: string) => squash(text).replace(/\s/g, '');
        const noteAt = pageLines.findIndex((line) => bare(line.text).startsWith(bare(start).slice(0, 16)));
        expect(noteAt, `${group}'s notes' first line on page ${page + 1}`).toBeGreaterThanOrEqual(0);
        expect(noteAt, `${group}'s notes above "${heading}"`).toBeGreaterThan(headingAt);
      }
    });

    it('leaves its last page at least a fifth full, unless slightly tighter spacing could not have saved it', () => {
      // The rule of the issue: a last page under a fifth full is kept only when the pages before it are
      // full (the tighter setting the handout tries then saves no page). Four fifths of the one before.
      for (const pages of [lines, notedLines]) {
        const last = fillOf(pages.at(-1) ?? []);
        if (last < 0.2)
          expect(
            fillOf(pages.at(-2) ?? []),
            `last page ${Math.round(last * 100)}% full`,
          ).toBeGreaterThanOrEqual(0.8);
      }
    });
  });

  describe(`the ${example} example's facts`, () => {
    it('are the report’s: every figure in the briefing is one report.txt gives', async () => {
      const report = readFileSync(path.join(ROOT, 'examples', example, 'report.txt'), 'utf8');
      const briefing = await readBriefing(file, ROOT);
      const texts = [
        briefing.title,
        briefing.subtitle ?? '',
        ...briefing.bluf,
        ...briefing.decisions.map((d) => d.decision),
        briefing.situation.summary,
        ...briefing.situation.points,
        ...briefing.timeline.flatMap((event) => [event.date, event.event, event.place ?? '']),
        ...briefing.actors.flatMap((actor) => [actor.name, actor.role, actor.notes ?? '']),
        ...briefing.risks.flatMap((risk) => [
          risk.title,
          risk.detail ?? '',
          ...risk.indicators,
          risk.notes ?? '',
        ]),
        ...briefing.recommendations.flatMap((rec) => [
          rec.action,
          rec.timeframe ?? '',
          rec.rationale ?? '',
          rec.notes ?? '',
        ]),
        ...Object.values(briefing.notes),
      ].map((text) => text.replace(/\[@[a-z0-9-]+\]/g, ''));
      const figures = new Set(texts.flatMap((text) => text.match(/\d+(?:[.,:]\d+)*%?/g) ?? []));
      expect(figures.size).toBeGreaterThan(10);
      for (const figure of figures) expect(report, `"${figure}" is not in report.txt`).toContain(figure);
      // Every word of every actor's name is the report's.
      const words = new Set(report.toLowerCase().match(/\p{L}+/gu));
      for (const actor of briefing.actors)
        for (const word of actor.name.toLowerCase().match(/\p{L}+/gu) ?? [])
          expect(words.has(word), `"${word}" of ${actor.name}`).toBe(true);
    });

    it('rest on a report of 400 to 700 words', () => {
      const report = readFileSync(path.join(ROOT, 'examples', example, 'report.txt'), 'utf8');
      const words = report.split(/\s+/).filter(Boolean).length;
      expect(words).toBeGreaterThanOrEqual(400);
      expect(words).toBeLessThanOrEqual(700);
    });
  });
}
