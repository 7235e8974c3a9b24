/**
 * Plain words for YAML syntax errors (src/format/yamlSyntaxHints.ts), found by a new user writing a
 * French briefing: a ": " in text not in quotes followed by Markdown, and a quoted text with quotes
 * inside it, gave only "YAML syntax: Unexpected scalar at node end". Each problem keeps the place the
 * parser gives (the same line and column as before) and gains a hint that names the mistake.
 */
import { describe, expect, it } from 'vitest';
import { BriefingError, formatProblem, problemsAsJson } from '../src/errors.js';
import { parseBriefing } from '../src/format/load.js';

const JARGON = 'YAML syntax: Unexpected scalar at node end';

/** The problems of loading `yaml`, formatted (one: only the first syntax error is reported). */
function problemsOf(yaml: string): string[] {
  return caught(yaml).problems.map(formatProblem);
}

function caught(yaml: string): BriefingError {
  try {
    parseBriefing(Buffer.from(yaml), 'b.yaml', import.meta.dirname);
  } catch (error) {
    if (error instanceof BriefingError) return error;
    throw error;
  }
  throw new Error('no problem');
}

/** A briefing's key facts, the line under test the third. */
const points = (line: string) => `title: T\nsituation:\n  points:\n    - ${line}\n`;

describe('": " in a text not in quotes', () => {
  it('says it starts a key, where the parser stopped after the Markdown that follows', () => {
    expect(problemsOf(points('Stocks alimentaires du PAM : **8 jours** de consommation.'))).toEqual([
      `b.yaml:4:40: ${JARGON}; ": " inside a text that is not in quotes starts a key: YAML read "Stocks alimentaires du PAM" as a key; put the whole text in quotes`,
    ]);
    expect(problemsOf(points('Stocks du PAM: *8 jours* de consommation.'))).toEqual([
      `b.yaml:4:25: ${JARGON}; ": " inside a text that is not in quotes starts a key: YAML read "Stocks du PAM" as a key; put the whole text in quotes`,
    ]);
  });

  it('says so before a quoted text, and after a word with a space before its colon', () => {
    expect(problemsOf(points('Stocks du PAM : "8 jours" de plus'))).toEqual([
      `b.yaml:4:33: ${JARGON}; ": " inside a text that is not in quotes starts a key: YAML read "Stocks du PAM" as a key; put the whole text in quotes`,
    ]);
    expect(problemsOf(points('stocks : **8 jours** de plus'))).toEqual([
      `b.yaml:4:20: ${JARGON}; ": " inside a text that is not in quotes starts a key: YAML read "stocks" as a key; put the whole text in quotes`,
    ]);
  });

  it('leaves a second ": " after a key to the hint it had', () => {
    expect(problemsOf('title: T\nsituation:\n  summary: Stocks du PAM : **8 jours** de plus.\n')).toEqual([
      'b.yaml:3:12: YAML syntax: Nested mappings are not allowed in compact mappings; a second ": " on this line, after "Stocks du PAM", makes YAML read a key inside the value of "summary"; put the value in quotes',
    ]);
  });
});

describe('a quoted text with a quote inside it', () => {
  const double =
    'for quotes inside a text, put it all in single quotes, use « », or write each inner " as \\"';
  const single =
    "for an apostrophe or quotes inside a text, put it all in double quotes, use ’ or « », or write each inner ' as ''";

  it('says where a text in double quotes ended, and how to keep quotes inside it', () => {
    expect(problemsOf(points('"La situation dans les camps, "hors de contrôle" selon l\'OMS."'))).toEqual([
      `b.yaml:4:38: ${JARGON}; a text in double quotes ends at its second ", here after "La situation dans les camps,"; ${double}`,
    ]);
    expect(problemsOf('title: "Le "grand" jeu"\n')).toEqual([
      `b.yaml:1:13: ${JARGON}; a text in double quotes ends at its second ", here after "Le"; ${double}`,
    ]);
  });

  it('says the same of single quotes, and of a text over two lines, shortened to its end', () => {
    expect(problemsOf(points("'La situation d'un camp.'"))).toEqual([
      `b.yaml:4:23: ${JARGON}; a text in single quotes ends at its second ', here after "La situation d"; ${single}`,
    ]);
    const twoLines =
      'title: T\nbluf:\n  - "Le conflit, qui dure depuis des mois,\n    a fait "des milliers" de morts."\n';
    expect(problemsOf(twoLines)).toEqual([
      `b.yaml:4:13: ${JARGON}; a text in double quotes ends at its second ", here after "…dure depuis des mois, a fait"; ${double}`,
    ]);
  });

  it('gives the hint apart in JSON', () => {
    expect(problemsAsJson(caught(points("'l'OMS'")).problems)).toEqual([
      {
        file: 'b.yaml',
        line: 4,
        column: 10,
        path: '',
        message: JARGON,
        hint: `a text in single quotes ends at its second ', here after "l"; ${single}`,
      },
    ]);
  });
});

describe('Markdown at the start of a text not in quotes', () => {
  it('says that a "*" is an alias and a "[" a list', () => {
    expect(problemsOf(points('**Huit jours** de stocks'))).toEqual([
      `b.yaml:4:14: ${JARGON}; a "*" at the start of a text makes YAML read an alias, not Markdown emphasis; put the whole text in quotes`,
    ]);
    expect(problemsOf('title: T\nsituation:\n  summary: **Huit jours** de stocks.\n')).toEqual([
      `b.yaml:3:19: ${JARGON}; a "*" at the start of a text makes YAML read an alias, not Markdown emphasis; put the whole text in quotes`,
    ]);
    expect(problemsOf(points('[@pam] compte huit jours'))).toEqual([
      'b.yaml:4:8: YAML syntax: Plain value cannot start with reserved character @; a "[" at the start of a text makes YAML read a list; put the whole text in quotes',
    ]);
  });

  // A review: inside the format's own { … } and [ … ], the error was blamed on the bracket.
  it('finds the quoted text inside a flow mapping, and an escaped quote is not the end', () => {
    expect(problemsOf('title: T\nsource: { title: "Le "grand" jeu", publisher: X }\n')).toEqual([
      `b.yaml:2:23: ${JARGON}; a text in double quotes ends at its second ", here after "Le"; for quotes inside a text, put it all in single quotes, use « », or write each inner " as \\"`,
    ]);
    expect(problemsOf("title: 'It''s' ok\n")).toEqual([
      `b.yaml:1:16: ${JARGON}; a text in single quotes ends at its closing ', here after "It''s"; for an apostrophe or quotes inside a text, put it all in double quotes, use ’ or « », or write each inner ' as ''`,
    ]);
  });

  it('says which character a text not in quotes may not start with', () => {
    expect(problemsOf(points('`code` first'))).toEqual([
      'b.yaml:4:7: YAML syntax: Plain value cannot start with reserved character `; a text that is not in quotes may not start with "`"; put the whole text in quotes',
    ]);
  });
});
