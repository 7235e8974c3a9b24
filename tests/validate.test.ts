import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { BriefingError, formatProblem, problemsAsJson } from '../src/errors.js';
import { nearest } from '../src/format/didYouMean.js';
import { BRIEFING, likelihoodOfPercent } from '../src/format/format.js';
import { loadBriefing, parseBriefing } from '../src/format/load.js';
import { validateBriefing } from '../src/format/validate.js';
import { deckModelOf, ROOT, tempDir } from './_helpers.js';

const fixtures = path.join(import.meta.dirname, 'fixtures');

/** Validates YAML text; returns the formatted problems (empty when valid). */
async function problemsOf(yaml: string, dir = fixtures): Promise<string[]> {
  try {
    await validateBriefing(parseBriefing(Buffer.from(yaml), 'b.yaml', dir));
    return [];
  } catch (error) {
    if (error instanceof BriefingError) return error.problems.map(formatProblem);
    throw error;
  }
}

const REQUIRED = `title: T
situation:
  summary: S
actors:
  - name: A
    role: R
risks:
  - title: X
    likelihood: likely
    impact: high
recommendations:
  - action: Do
`;

describe('validateBriefing', () => {
  it('accepts a briefing with only the required keys and fills the defaults', async () => {
    const briefing = await validateBriefing(await loadBriefing(path.join(fixtures, 'minimal.yaml')));
    expect(briefing.title).toBe('Minimal briefing');
    expect(briefing.actors[0]?.stance).toBe('neutral');
    expect(briefing.bluf).toEqual([]);
    expect(briefing.deck).toEqual({ theme: { builtIn: 'light' }, aspect: '16:9' });
    expect(briefing.positions.get('risks[0].likelihood')).toEqual({ line: 10, col: 17 });
  });

  it('accepts the sample briefing', async () => {
    const briefing = await validateBriefing(
      await loadBriefing(path.join(import.meta.dirname, '..', 'briefing.yaml')),
    );
    expect(briefing.actors.length).toBeGreaterThan(3);
    expect(briefing.sources.length).toBeGreaterThan(0);
  });

  it('names an unknown key with its place and the nearest known key, and does not also call the key missing', async () => {
    expect(await problemsOf(REQUIRED.replace('recommendations:', 'recomendations:'))).toEqual([
      'b.yaml:11:1: recomendations: unknown key "recomendations"; did you mean "recommendations"?',
    ]);
  });

  it('says a required key is missing even when an unknown key stands in its place', async () => {
    // `xyzzy` is no typo of `title`: no guess, the keys listed, and `title` reported missing.
    expect(await problemsOf(REQUIRED.replace('title: T', 'xyzzy: 1'))).toEqual([
      `b.yaml:1:1: xyzzy: unknown key "xyzzy"; known keys: ${Object.keys(BRIEFING.keys).join(', ')}`,
      'b.yaml:1:1: title: is required but missing',
    ]);
    // A close typo still gets its guess, which says what is missing.
    expect(await problemsOf(REQUIRED.replace('title: T', 'titel: T'))).toEqual([
      'b.yaml:1:1: titel: unknown key "titel"; did you mean "title"?',
    ]);
  });

  it('suggests a name only when it is close to one of the file', async () => {
    const yaml = REQUIRED.replace(
      '    role: R\n',
      '    role: R\n    relations: [{ with: Zed, type: conflict }, { with: a, type: alliance }]\n',
    );
    expect(await problemsOf(yaml)).toEqual([
      'b.yaml:7:25: actors[0].relations[0].with: "Zed" is not an actor in this file; the actors are: A',
      'b.yaml:7:56: actors[0].relations[1].with: "a" is not an actor in this file; did you mean "A"?',
    ]);
  });

  it('reports an empty list item instead of dropping it', async () => {
    expect(await problemsOf(`${REQUIRED}bluf:\n  -\n  - Fine.\n`)).toEqual([
      'b.yaml:14:4: bluf[0]: must not be empty',
    ]);
  });

  it('reports every problem of a file at once, in file order, each at its exact place', async () => {
    const problems = (await problemsOf(`${await readFixture('many-problems.yaml')}`)).map((line) =>
      line.replace(/^b\.yaml/, 'many-problems.yaml'),
    );
    expect(problems).toEqual([
      'many-problems.yaml:3:18: situation.summary: cites unknown source "[@nowhere]"; add it under "sources"',
      'many-problems.yaml:5:7: situation.points[0]: must be text, but YAML read a mapping because of ": " after "Note"; put the whole text in quotes',
      'many-problems.yaml:9:13: actors[0].stance: "hostle" is not a stance; use one of: hostile, mixed, neutral, friendly',
      'many-problems.yaml:11:17: actors[0].relations[0].with: "B" is not an actor in this file; the actors are: A',
      'many-problems.yaml:12:17: actors[0].relations[1].with: "Zed" is not an actor in this file; the actors are: A',
      'many-problems.yaml:12:28: actors[0].relations[1].type: "war" is not a relation type; use one of: conflict, alliance, support, rivalry',
      'many-problems.yaml:13:11: actors[1].name: duplicate actor name "A" (first used at actors[0].name)',
      'many-problems.yaml:17:17: risks[0].likelihood: "probable" is not a likelihood term; use one of: almost no chance, very unlikely, unlikely, roughly even chance, likely, very likely, almost certain (or a percentage such as 70%)',
      'many-problems.yaml:18:13: risks[0].impact: "huge" is not an impact level; use one of: very low, low, moderate, high, very high',
      'many-problems.yaml:19:17: risks[0].confidence: "total" is not a confidence level; use one of: low, moderate, high',
      'many-problems.yaml:20:12: risks[1].title: YAML reads true as a boolean; quote it ("true") if it is text',
      'many-problems.yaml:25:15: recommendations[0].priority: "urgent" is not a priority; use one of: high, medium, low',
      'many-problems.yaml:27:9: sources[0].id: "Not A Slug" is not a slug; use lowercase letters, digits and hyphens',
      'many-problems.yaml:29:10: sources[0].url: "javascript:alert(1)" is not an http(s) URL',
      'many-problems.yaml:31:11: deck.accent: "url(x)" is not a CSS colour; use #rgb, #rrggbb or a colour name such as navy',
      'many-problems.yaml:32:11: deck.aspect: "21:9" is not an aspect; use one of: 16:9, 4:3',
    ]);
  });

  it('reports missing required keys at the mapping that lacks them', async () => {
    expect(await problemsOf('title: T\n')).toEqual([
      'b.yaml:1:1: situation: is required but missing',
      'b.yaml:1:1: actors: is required but missing',
      'b.yaml:1:1: risks: is required but missing',
      'b.yaml:1:1: recommendations: is required but missing',
    ]);
    expect(await problemsOf(REQUIRED.replace('    role: R\n', ''))).toEqual([
      'b.yaml:5:5: actors[0].role: is required but missing',
    ]);
  });

  it('takes numbers in text fields as written, and rejects empty lists where one item is required', async () => {
    const briefing = await validateBriefing(
      parseBriefing(Buffer.from(REQUIRED.replace('title: T', 'title: 1984.50')), 'b.yaml', fixtures),
    );
    expect(briefing.title).toBe('1984.50');
    expect(
      await problemsOf(REQUIRED.replace(/actors:\n {2}- name: A\n {4}role: R\n/, 'actors: []\n')),
    ).toEqual(['b.yaml:4:9: actors: needs at least 1 item']);
  });

  it('maps percentages to ICD 203 terms, a boundary taking the higher term', () => {
    expect(likelihoodOfPercent(0)).toBe('almost no chance');
    expect(likelihoodOfPercent(5)).toBe('very unlikely');
    expect(likelihoodOfPercent(50)).toBe('roughly even chance');
    expect(likelihoodOfPercent(55)).toBe('likely');
    expect(likelihoodOfPercent(70)).toBe('likely');
    expect(likelihoodOfPercent(95)).toBe('almost certain');
    expect(likelihoodOfPercent(100)).toBe('almost certain');
  });

  it('accepts likelihood and impact in any case, with hyphens or spaces', async () => {
    const yaml = REQUIRED.replace('likelihood: likely', 'likelihood: Roughly-Even  Chance').replace(
      'impact: high',
      'impact: VERY_HIGH',
    );
    const briefing = await validateBriefing(parseBriefing(Buffer.from(yaml), 'b.yaml', fixtures));
    expect(briefing.risks[0]).toMatchObject({ likelihood: 'roughly even chance', impact: 'very high' });
    expect(await problemsOf(REQUIRED.replace('likelihood: likely', 'likelihood: 120%'))).toHaveLength(1);
  });

  it('allows at most six bottom-line items', async () => {
    const bluf = `bluf:\n${Array.from({ length: 7 }, (_, i) => `  - Item ${i}\n`).join('')}`;
    expect(await problemsOf(REQUIRED + bluf)).toEqual(['b.yaml:20:5: bluf: may have at most 6 items']);
  });

  it('checks notes groups and citations in every Markdown field', async () => {
    const yaml = `${REQUIRED}sources:\n  - id: report\n    title: The report\nnotes:\n  situaton: Hello\n  risks: "See [@reprot]."\n`;
    expect(await problemsOf(yaml)).toEqual([
      'b.yaml:17:3: notes.situaton: unknown key "situaton"; did you mean "situation"?',
      'b.yaml:18:15: notes.risks: cites unknown source "[@reprot]"; did you mean "report"?',
    ]);
  });

  describe('deck files', () => {
    const dir = tempDir();
    writeFileSync(path.join(dir, 'logo.png'), Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex'));
    writeFileSync(path.join(dir, 'fake.png'), 'not an image');
    writeFileSync(path.join(dir, 'ok.css'), ':root { --bd-accent: #123456; }');
    writeFileSync(path.join(dir, 'remote.css'), 'body { background: url(https://example.com/x.png); }');
    writeFileSync(path.join(dir, 'import.css'), '@import "other.css";');
    writeFileSync(path.join(dir, 'escaped.css'), 'body { background: \\75 rl(https://example.com/x.png); }');
    writeFileSync(
      path.join(dir, 'imageset.css'),
      'body { background: image-set("https://example.com/x.png" 1x); }',
    );

    it('reads a logo and a theme file that lie next to the briefing', async () => {
      const yaml = `${REQUIRED}deck:\n  logo: logo.png\n  theme: ok.css\n`;
      const briefing = await validateBriefing(parseBriefing(Buffer.from(yaml), 'b.yaml', dir));
      expect(briefing.deck.logo?.mediaType).toBe('image/png');
      expect('css' in briefing.deck.theme).toBe(true);
    });

    it('refuses files outside the folder, URLs, wrong types and themes that load other files', async () => {
      const cases: [string, string][] = [
        ['logo: /etc/passwd', "is outside the briefing's folder"],
        ['logo: ../../../../etc/hostname', "is outside the briefing's folder"],
        ['logo: https://example.com/logo.png', 'not a URL'],
        ['logo: file:///etc/passwd', 'not a URL'],
        ['logo: fake.png', 'is not a PNG, JPEG, SVG file'],
        ['logo: missing.png', 'does not exist'],
        ['theme: remote.css', 'a theme may only use data: URLs'],
        ['theme: import.css', 'uses @import'],
        [
          'theme: escaped.css',
          '"escaped.css" (line 1, column 20) has a CSS escape outside a string: \\75 rl(',
        ],
        ['theme: imageset.css', '"imageset.css" (line 1, column 20) uses image-set()'],
        ['theme: neon', 'is not a built-in theme (light, dark) or a .css file'],
      ];
      for (const [line, message] of cases) {
        const problems = await problemsOf(`${REQUIRED}deck:\n  ${line}\n`, dir);
        expect(problems, line).toHaveLength(1);
        expect(problems[0], line).toContain(message);
        expect(problems[0], line).toMatch(/^b\.yaml:14:(9|10): deck\.(logo|theme): /);
      }
    });
  });
});

describe('a file with thousands of mistakes', () => {
  it('lists the first hundred quickly and counts the rest', async () => {
    const actors = Array.from(
      { length: 2500 },
      (_, i) => `  - name: Actor ${i}\n    role: R\n    relations: [{ with: Nobody ${i}, type: conflict }]\n`,
    ).join('');
    const yaml = REQUIRED.replace(/actors:\n {2}- name: A\n {4}role: R\n/, `actors:\n${actors}`);
    const error = await validateBriefing(parseBriefing(Buffer.from(yaml), 'b.yaml', fixtures)).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(BriefingError);
    const { problems, more } = error as BriefingError;
    expect(problems).toHaveLength(100);
    expect(more).toBe(2400);
    expect((error as BriefingError).lines().at(-1)).toBe('2500 problems found; nothing was written.');
  });
});

describe('loading', () => {
  const load = (text: string | Buffer) =>
    parseBriefing(Buffer.isBuffer(text) ? text : Buffer.from(text), 'b.yaml', fixtures);
  const problems = (fn: () => unknown): string[] => {
    try {
      fn();
    } catch (error) {
      if (error instanceof BriefingError) return error.problems.map(formatProblem);
      throw error;
    }
    return [];
  };

  it('reports a missing file without a stack', async () => {
    await expect(loadBriefing('nope.yaml', { cwd: fixtures })).rejects.toThrow('nope.yaml:1:1: no such file');
  });

  it('reports an empty file', () => {
    expect(problems(() => load(''))).toEqual([
      'b.yaml:1:1: the file is empty; a briefing needs at least title, situation, actors, risks and recommendations',
    ]);
    expect(problems(() => load('# only a comment\n'))).toHaveLength(1);
  });

  it('reports bytes that are not UTF-8 at their line and column', () => {
    const bytes = Buffer.concat([
      Buffer.from('title: ok\nsubtitle: caf'),
      Buffer.from([0xe9]),
      Buffer.from('\n'),
    ]);
    expect(problems(() => load(bytes))).toEqual([
      'b.yaml:2:14: the file is not valid UTF-8; save it as UTF-8',
    ]);
  });

  it('reports duplicate keys, YAML syntax errors and several documents', () => {
    expect(problems(() => load('title: a\ntitle: b\n'))).toEqual([
      'b.yaml:2:1: duplicate key "title"; each key may appear once in a mapping',
    ]);
    expect(problems(() => load('title: "open\n'))[0]).toMatch(
      /^b\.yaml:2:1: YAML syntax: Missing closing "quote/,
    );
    expect(problems(() => load('title: a\n---\ntitle: b\n'))[0]).toContain('more than one YAML document');
  });

  it('reports only the first syntax error, with a hint for tabs', () => {
    expect(problems(() => load('title: a\nsituation:\n\tsummary: x\n\tpoints: []\n'))).toEqual([
      'b.yaml:3:1: YAML syntax: Tabs are not allowed as indentation; indent with spaces, not tabs',
    ]);
  });

  it('rejects custom tags', async () => {
    expect(await problemsOf(REQUIRED.replace('title: T', 'title: !!js/function "x"'))).toEqual([
      'b.yaml:1:8: Unresolved tag: tag:yaml.org,2002:js/function; custom tags are not allowed',
    ]);
    expect(await problemsOf(REQUIRED.replace('action: Do', 'action: !foo Do'))).toHaveLength(1);
  });

  it('limits aliases so a small file cannot expand into a huge one', async () => {
    const bomb = `${REQUIRED}bluf: &a [x]\nsources:\n${Array.from({ length: 40 }, (_, i) => `  - { id: s${i}, title: *a }\n`).join('')}`;
    const found = await problemsOf(bomb);
    expect(found.some((line) => line.includes('more than 16 aliases'))).toBe(true);
  });

  it('survives nesting far deeper than any briefing', () => {
    expect(problems(() => load(`title: ${'['.repeat(50_000)}${']'.repeat(50_000)}`))).toEqual([
      expect.stringMatching(/^b\.yaml:1:\d+: the file is nested too deeply to be a briefing$/),
    ]);
  });
});

describe('nearest', () => {
  it('finds the closest key, counting swapped letters as one edit', () => {
    expect(nearest('recomendations', ['risks', 'recommendations'])).toBe('recommendations');
    expect(nearest('acotrs', ['actors', 'title'])).toBe('actors');
    expect(nearest('ur', ['id', 'url'])).toBe('url');
    expect(nearest('Title', ['title'])).toBe('title');
  });

  it('guesses nothing when no word is close', () => {
    expect(nearest('Zed', ['A'])).toBeUndefined();
    expect(nearest('B', ['A'])).toBeUndefined();
    expect(nearest('xyzzy', Object.keys(BRIEFING.keys))).toBeUndefined();
    expect(nearest('anything', [])).toBeUndefined();
  });
});

describe('positions', () => {
  /** Every `yamlPath` string anywhere in the view model: slides' and items'. */
  function yamlPaths(model: unknown): Set<string> {
    const paths = new Set<string>();
    const seen = new Set<object>();
    const walk = (value: unknown): void => {
      if (value === null || typeof value !== 'object' || seen.has(value)) return;
      seen.add(value);
      for (const [key, inner] of Object.entries(value)) {
        if (key === 'yamlPath' && typeof inner === 'string') paths.add(inner);
        else walk(inner);
      }
    };
    walk(model);
    return paths;
  }

  for (const file of ['briefing.yaml', 'tests/fixtures/minimal.yaml', 'tests/fixtures/long.yaml']) {
    it(`gives a line to every YAML path the view model names (${file})`, async () => {
      const briefing = await validateBriefing(await loadBriefing(path.join(ROOT, file)));
      const paths = yamlPaths(deckModelOf(briefing));
      expect(paths.size).toBeGreaterThan(4);
      expect([...paths].filter((yamlPath) => !briefing.positions.has(yamlPath))).toEqual([]);
    });
  }

  it('records every mapping, list and list item of the sample', async () => {
    const briefing = await validateBriefing(await loadBriefing(path.join(ROOT, 'briefing.yaml')));
    const expected = [
      'source',
      'situation',
      'situation.points[5]',
      ...briefing.timeline.map((_, index) => `timeline[${index}]`),
      'actors[0].relations[3]',
      'sources',
      'sources[0]',
      'notes',
      'deck',
    ];
    for (const yamlPath of expected) expect(briefing.positions.get(yamlPath), yamlPath).toBeDefined();
    const line = (yamlPath: string) => briefing.positions.get(yamlPath)?.line ?? 0;
    expect(line('timeline[1]')).toBeGreaterThan(line('timeline[0]'));
    expect(line('sources[0]')).toBe(line('sources[0].id'));
  });
});

describe('problems as JSON', () => {
  it('gives the same problems as the text, one for one, with the hint apart', async () => {
    const error = (await validateBriefing(
      parseBriefing(Buffer.from(await readFixture('many-problems.yaml')), 'many-problems.yaml', fixtures),
    ).catch((e: unknown) => e)) as BriefingError;
    expect(error).toBeInstanceOf(BriefingError);
    const json = problemsAsJson(error.problems);
    const asText = json.map(
      (p) =>
        `${p.file}:${p.line}:${p.column}: ${p.path ? `${p.path}: ` : ''}${p.message}${p.hint ? `; ${p.hint}` : ''}`,
    );
    expect(asText).toEqual(error.problems.map(formatProblem));
    expect(json).toContainEqual({
      file: 'many-problems.yaml',
      line: 9,
      column: 13,
      path: 'actors[0].stance',
      message: '"hostle" is not a stance',
      hint: 'use one of: hostile, mixed, neutral, friendly',
    });
    expect(json.find((p) => p.path === 'sources[0].url')).toEqual({
      file: 'many-problems.yaml',
      line: 29,
      column: 10,
      path: 'sources[0].url',
      message: '"javascript:alert(1)" is not an http(s) URL',
    });
    expect(JSON.parse(JSON.stringify(json))).toEqual(json);
    expect(problemsAsJson([])).toEqual([]);
  });
});

async function readFixture(name: string): Promise<string> {
  const { readFile } = await import('node:fs/promises');
  return readFile(path.join(fixtures, name), 'utf8');
}

describe('reading files', () => {
  /** The problems `loadBriefing` reports for `file`, formatted. */
  async function loadProblems(file: string): Promise<string[]> {
    try {
      await validateBriefing(await loadBriefing(file));
      return [];
    } catch (error) {
      if (error instanceof BriefingError) return error.problems.map(formatProblem);
      throw error;
    }
  }

  it('refuses a pipe, a folder or an oversized file before reading it (a pipe would block)', async () => {
    const dir = tempDir();
    const pipe = path.join(dir, 'pipe.yaml');
    execFileSync('mkfifo', [pipe]);
    expect(await loadProblems(pipe)).toEqual([`${pipe}:1:1: is not a regular file`]);
    expect(await loadProblems(dir)).toEqual([`${dir}:1:1: is a folder, not a file`]);
    const big = path.join(dir, 'big.yaml');
    writeFileSync(big, `title: ${'x'.repeat(1024 * 1024)}\n`);
    expect((await loadProblems(big))[0]).toContain('the file is 1048584 bytes');

    const logoPipe = path.join(dir, 'logo.png');
    execFileSync('mkfifo', [logoPipe]);
    const problems = await problemsOf(`${REQUIRED}deck:\n  logo: logo.png\n`, dir);
    expect(problems).toEqual(['b.yaml:14:9: deck.logo: "logo.png" is not a file']);
  });
});
