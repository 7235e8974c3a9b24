/**
 * The PowerPoint deck's speaker notes and where it is asked for: `--no-notes`
 * (the API's `pptxNotes: false`) leaves no notes part in the file, the
 * command line refuses it where it would do nothing or contradict
 * `--with-notes`, and `watch --pptx` writes the file on each save.
 */
import { copyFileSync, cpSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { build } from '../src/batch.js';
import { formatWarning } from '../src/errors.js';
import { DeckRebuilder, type RebuildListener } from '../src/watch/rebuild.js';
import { ROOT, runCli, tempDir } from './_helpers.js';

type Zip = Record<string, Uint8Array>;
const read = (file: string): Zip => unzipSync(readFileSync(file));
const notesParts = (zip: Zip) => Object.keys(zip).filter((name) => /notesSlide|notesMaster/.test(name));
const allText = (zip: Zip) =>
  Object.entries(zip)
    .filter(([name]) => /\.(xml|rels)$/.test(name))
    .map(([, bytes]) => strFromU8(bytes))
    .join('\n');

function project(): string {
  const dir = tempDir('pptx-notes-');
  copyFileSync(path.join(ROOT, 'briefing.yaml'), path.join(dir, 'briefing.yaml'));
  cpSync(path.join(ROOT, 'brand'), path.join(dir, 'brand'), { recursive: true });
  return dir;
}

describe('--no-notes', () => {
  it('leaves the notes pane empty: no notes slide, no notes master, no relationship to either', async () => {
    const dir = project();
    const kept = await runCli(dir, ['build', '--no-pdf', '--pptx', '-o', 'kept']);
    expect(kept.code, kept.stderr).toBe(0);
    const withNotes = read(path.join(dir, 'kept', 'briefing.pptx'));
    expect(notesParts(withNotes).length).toBeGreaterThan(2);

    const left = await runCli(dir, ['build', '--no-pdf', '--pptx', '--no-notes', '-o', 'left']);
    expect(left.code, left.stderr).toBe(0);
    const without = read(path.join(dir, 'left', 'briefing.pptx'));
    expect(notesParts(without)).toEqual([]);
    const xml = allText(without);
    expect(xml).not.toMatch(/notesSlide|notesMaster/);
    expect(xml).toContain('<Notes>0</Notes>');
    // The slides are the same.
    const slides = (zip: Zip) => Object.keys(zip).filter((name) => /^ppt\/slides\/slide\d+\.xml$/.test(name));
    expect(slides(without)).toEqual(slides(withNotes));
    // The deck in the folder is the presenter's: it keeps them.
    expect(readFileSync(path.join(dir, 'left', 'briefing.html'), 'utf8')).toContain('<aside class="notes">');
  });

  it('is refused without --pptx, and beside --with-notes; the help shows it', async () => {
    const dir = project();
    const alone = await runCli(dir, ['build', '--no-pdf', '--no-notes']);
    expect([alone.code, alone.stderr]).toEqual([2, expect.stringContaining('it needs --pptx')]);
    const both = await runCli(dir, ['build', '--no-pdf', '--pptx', '--no-notes', '--with-notes']);
    expect([both.code, both.stderr]).toEqual([2, expect.stringContaining('give one or the other')]);
    const help = await runCli(dir, ['--help']);
    expect(help.stdout).toMatch(/--notes +also print OUT\/NAME-notes\.pdf/);
    expect(help.stdout).toMatch(/--no-notes +leave the speaker notes out of the PowerPoint deck/);
  });

  it('is pptxNotes: false in the API, and a build without it is not taken for one with it', async () => {
    const dir = project();
    const request = { inputs: 'briefing.yaml', cwd: dir, pdf: false, pptx: true };
    const first = await build({ ...request, pptxNotes: false });
    expect(first.failed).toBe(0);
    const file = path.join(dir, 'dist', 'briefing.pptx');
    expect(notesParts(read(file))).toEqual([]);
    // The incremental check knows the option: the same briefing with notes is built again.
    const second = await build({ ...request, incremental: true });
    expect(second.failed).toBe(0);
    expect(notesParts(read(file)).length).toBeGreaterThan(0);
    await expect(build({ ...request, pptxNotes: 'no' as unknown as boolean })).rejects.toThrow(/pptxNotes/);
  });

  it('makes mail say that no attachment has the notes', { timeout: 120_000 }, async () => {
    const dir = project();
    const mail = await runCli(dir, ['mail', '--to', 'desk@example.org', '--pptx', '--no-notes']);
    expect(mail.code, mail.stderr).toBe(0);
    const eml = readFileSync(path.join(dir, 'dist', 'briefing.eml'), 'utf8').replace(/=\r?\n/g, '');
    expect(eml).toContain('Attached: briefing.pdf, briefing.pptx (no speaker notes)');
  });

  it('is the default for the deck mail attaches; --with-notes keeps them', { timeout: 120_000 }, async () => {
    const dir = project();
    const eml = (out: string) =>
      readFileSync(path.join(dir, out, 'briefing.eml'), 'utf8').replace(/=\r?\n/g, '');
    const mailed = await runCli(dir, ['mail', '--to', 'desk@example.org', '--pptx', '-o', 'plain']);
    expect(mailed.code, mailed.stderr).toBe(0);
    expect(notesParts(read(path.join(dir, 'plain', 'briefing.pptx')))).toEqual([]);
    expect(eml('plain')).toContain('Attached: briefing.pdf, briefing.pptx (no speaker notes)');
    const noted = await runCli(dir, [
      'mail',
      '--to',
      'desk@example.org',
      '--pptx',
      '--with-notes',
      '-o',
      'noted',
    ]);
    expect(noted.code, noted.stderr).toBe(0);
    expect(notesParts(read(path.join(dir, 'noted', 'briefing.pptx'))).length).toBeGreaterThan(2);
    expect(eml('noted')).toContain(
      'Attached: briefing.pdf, briefing.pptx (the speaker notes are in briefing.pptx)',
    );
    // build is not mail: its deck keeps them for the presenter.
    const built = await runCli(dir, ['build', '--no-pdf', '--pptx', '-o', 'built']);
    expect(built.code, built.stderr).toBe(0);
    expect(notesParts(read(path.join(dir, 'built', 'briefing.pptx'))).length).toBeGreaterThan(2);
  });
});

describe('watch --pptx', () => {
  function rebuilder(options: { pptxNotes?: boolean } = {}) {
    const dir = project();
    const file = path.join(dir, 'briefing.yaml');
    const warnings: string[] = [];
    const listener: RebuildListener = {
      deck: () => {},
      rebuilt: () => {},
      unchanged: () => {},
      failed: (failure) => {
        throw new Error(`rebuild failed: ${failure.kind}`);
      },
      warning: (warning) => warnings.push(formatWarning(warning)),
      inputs: () => {},
    };
    const rebuild = new DeckRebuilder(
      {
        file: 'briefing.yaml',
        outDir: 'out',
        cwd: dir,
        pdf: false,
        strict: false,
        timeoutMs: 1_000,
        pptx: true,
        ...options,
      },
      undefined,
      listener,
      () => false,
    );
    return { dir, file, rebuild, pptx: path.join(dir, 'out', 'briefing.pptx'), warnings };
  }

  it('writes the PowerPoint deck on each save that changes it, and leaves it alone on one that does not', async () => {
    const { file, rebuild, pptx, warnings } = rebuilder();
    await rebuild.run(new AbortController().signal);
    const first = read(pptx);
    expect(strFromU8(first['ppt/slides/slide1.xml'] as Uint8Array)).toContain('ISIS in Libya');
    const written = statSync(pptx).mtimeMs;

    await rebuild.run(new AbortController().signal);
    expect(statSync(pptx).mtimeMs).toBe(written);

    writeFileSync(file, readFileSync(file, 'utf8').replace('the fall of IS in Derna', 'Derna after IS'));
    await rebuild.run(new AbortController().signal);
    const slide = strFromU8(read(pptx)['ppt/slides/slide1.xml'] as Uint8Array);
    expect(slide).toContain('ISIS in Libya: Derna after IS');
    expect(slide).not.toContain('the fall of IS in Derna');
    expect(warnings).toEqual([]);
  });

  it('leaves the notes out with --no-notes, and writes nothing once its signal is aborted', async () => {
    const { rebuild, pptx } = rebuilder({ pptxNotes: false });
    const aborted = new AbortController();
    aborted.abort();
    await rebuild.run(aborted.signal);
    expect(() => statSync(pptx)).toThrow();
    await rebuild.run(new AbortController().signal);
    expect(notesParts(read(pptx))).toEqual([]);
  });
});
