/**
 * One rebuild of watch mode, without a browser (no PDF): what it writes, what
 * it tells open decks and the terminal (typed), and that a job whose signal
 * is aborted writes and says nothing.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { BriefingError } from '../src/errors.js';
import type { RebuildFailure } from '../src/watch/outcome.js';
import { DeckRebuilder, type RebuildListener } from '../src/watch/rebuild.js';
import { FIXTURES, tempDir } from './_helpers.js';

type Heard = [keyof RebuildListener, ...unknown[]];

function rebuilder(): { dir: string; file: string; heard: Heard[]; rebuild: DeckRebuilder } {
  const dir = tempDir('rebuild-');
  const file = path.join(dir, 'brief.yaml');
  writeFileSync(file, readFileSync(path.join(FIXTURES, 'minimal.yaml')));
  const heard: Heard[] = [];
  const listener: RebuildListener = {
    deck: (build, shell) => heard.push(['deck', build, shell]),
    rebuilt: (built) => heard.push(['rebuilt', built.slides]),
    unchanged: (current) => heard.push(['unchanged', current]),
    failed: (failure, build) => heard.push(['failed', failure, build]),
    warning: (message) => heard.push(['warning', message]),
    inputs: (files) => heard.push(['inputs', files]),
  };
  const options = {
    file: 'brief.yaml',
    outDir: 'out',
    cwd: dir,
    pdf: false,
    strict: false,
    timeoutMs: 1_000,
  };
  return { dir, file, heard, rebuild: new DeckRebuilder(options, undefined, listener, () => false) };
}

describe('DeckRebuilder without a browser', () => {
  it('writes the deck and says so; a save that changes nothing writes nothing and clears the overlay', async () => {
    const { dir, file, heard, rebuild } = rebuilder();
    expect(await rebuild.run(new AbortController().signal)).toBe('done');
    const deck = path.join(dir, 'out', 'brief.html');
    expect(readFileSync(deck, 'utf8')).toContain('</html>');
    expect(heard).toEqual([
      ['inputs', [file]],
      ['deck', 1, expect.any(String)],
      ['rebuilt', expect.any(Number)],
    ]);

    heard.length = 0;
    expect(await rebuild.run(new AbortController().signal)).toBe('done');
    expect(heard).toEqual([
      ['inputs', [file]],
      ['deck', 1, heard[1]?.[2]],
      ['unchanged', { slides: expect.any(Number), printed: [], outDir: 'out' }],
    ]);
  });

  it('says the deck on disk is this save’s when a broken save is undone, to the byte or but for a comment', async () => {
    const { dir, file, heard, rebuild } = rebuilder();
    await rebuild.run(new AbortController().signal);
    const deck = readFileSync(path.join(dir, 'out', 'brief.html'));
    const good = readFileSync(file);
    const broken = good.toString().replace('likelihood: unlikely', 'likelihood: probable');
    for (const undone of [good, `# a comment\n${good}\n\n`]) {
      writeFileSync(file, broken);
      await rebuild.run(new AbortController().signal);
      heard.length = 0;
      writeFileSync(file, undone);
      expect(await rebuild.run(new AbortController().signal)).toBe('done');
      expect(heard.map(([kind]) => kind)).toEqual(['inputs', 'deck', 'unchanged']);
      expect(heard[2]?.[1]).toMatchObject({ printed: [], outDir: 'out' });
      expect(readFileSync(path.join(dir, 'out', 'brief.html'))).toEqual(deck);
    }
  });

  it('gives the same shell to decks that differ in their slides only, and another when the page around them changes', async () => {
    const { file, heard, rebuild } = rebuilder();
    const shellAfter = async (source: string) => {
      writeFileSync(file, source);
      heard.length = 0;
      await rebuild.run(new AbortController().signal);
      return heard.find(([kind]) => kind === 'deck')?.[2];
    };
    const minimal = readFileSync(file, 'utf8');
    const first = await shellAfter(minimal);
    expect(await shellAfter(minimal.replace('It happens again', 'It happens again, soon'))).toBe(first);
    expect(await shellAfter(`${minimal}deck:\n  theme: dark\n`)).not.toBe(first);
    expect(await shellAfter(`${minimal}deck:\n  aspect: '4:3'\n`)).not.toBe(first);
  });

  // Found by a trial: build warned of a deadline already passed at as_of, watch did not.
  it('warns, as build does, of what is valid but likely a mistake: a deadline already passed', async () => {
    const { file, heard, rebuild } = rebuilder();
    writeFileSync(
      file,
      `${readFileSync(file, 'utf8')}as_of: 2015-07-01T09:00Z\ndecisions:\n  - decision: Decide it.\n    deadline: 2015-06-30T12:00Z\n    recommendations: [1]\n`,
    );
    expect(await rebuild.run(new AbortController().signal)).toBe('done');
    expect(heard).toContainEqual([
      'warning',
      expect.objectContaining({
        path: 'decisions[0].deadline',
        message: expect.stringMatching(/had passed/),
      }),
    ]);
  });

  it('reports a broken save as typed problems, the last good deck kept', async () => {
    const { dir, file, heard, rebuild } = rebuilder();
    await rebuild.run(new AbortController().signal);
    const deck = readFileSync(path.join(dir, 'out', 'brief.html'));
    heard.length = 0;
    writeFileSync(file, `${readFileSync(file, 'utf8')}\nunknwon: 1\n`);
    expect(await rebuild.run(new AbortController().signal)).toBe('done');
    expect(heard).toHaveLength(1);
    const [kind, failure, build] = heard[0] as [string, RebuildFailure, number];
    expect(kind).toBe('failed');
    expect(build).toBe(1);
    expect(failure.kind).toBe('invalid');
    expect(failure.outDir).toBe('out');
    const { error } = failure as Extract<RebuildFailure, { kind: 'invalid' }>;
    expect(error).toBeInstanceOf(BriefingError);
    expect(error.problems.map((problem) => problem.path)).toContain('unknwon');
    expect(readFileSync(path.join(dir, 'out', 'brief.html'))).toEqual(deck);
  });

  it('writes and says nothing once its signal is aborted (a newer save is waiting)', async () => {
    const { dir, file, heard, rebuild } = rebuilder();
    await rebuild.run(new AbortController().signal);
    const deck = readFileSync(path.join(dir, 'out', 'brief.html'));
    heard.length = 0;
    const aborted = new AbortController();
    aborted.abort();

    writeFileSync(file, readFileSync(file, 'utf8').replace('Something happened.', 'MARK-ABORTED'));
    expect(await rebuild.run(aborted.signal)).toBe('done');
    writeFileSync(file, `${readFileSync(file, 'utf8')}\nunknwon: 1\n`);
    expect(await rebuild.run(aborted.signal)).toBe('done');
    expect(heard).toEqual([]);
    expect(readFileSync(path.join(dir, 'out', 'brief.html'))).toEqual(deck);
  });
});
