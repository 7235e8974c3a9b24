/**
 * The command line's newer outputs and batch options, black-box: --pptx,
 * --notes, --with-notes, what mail attaches, --force, --shard, --report.
 */
import { copyFileSync, cpSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { FIXTURES, ROOT, runCli, tempDir } from './_helpers.js';

function project(): string {
  const dir = tempDir('cli-outputs-');
  copyFileSync(path.join(ROOT, 'briefing.yaml'), path.join(dir, 'briefing.yaml'));
  cpSync(path.join(ROOT, 'brand'), path.join(dir, 'brand'), { recursive: true });
  return dir;
}

/** A mail draft's text, its quoted-printable soft line breaks and escapes undone (enough for the lines checked). */
const mailText = (file: string) =>
  readFileSync(file, 'utf8')
    .replace(/=\r?\n/g, '')
    .replace(/=([0-9A-F]{2})/g, (_, hex: string) => String.fromCharCode(Number.parseInt(hex, 16)));

describe('outputs on the command line', () => {
  it('writes the PowerPoint deck without a browser, and refuses options that need another', async () => {
    const dir = project();
    const built = await runCli(dir, ['build', '--no-pdf', '--pptx', '--pptx-font', 'Calibri'], {
      CHROME_PATH: '/nonexistent/chrome',
    });
    expect(built.code, built.stderr).toBe(0);
    expect(
      readFileSync(path.join(dir, 'dist', 'briefing.pptx'))
        .subarray(0, 2)
        .toString(),
    ).toBe('PK');
    const font = await runCli(dir, ['build', '--no-pdf', '--pptx-font', 'Calibri']);
    expect([font.code, font.stderr]).toEqual([2, expect.stringContaining('--pptx-font')]);
    const paper = await runCli(dir, ['build', '--no-pdf', '--paper', 'letter']);
    expect([paper.code, paper.stderr]).toEqual([2, expect.stringContaining('--handout or --notes')]);
  });

  it("prints the briefer's script, and mail says what it attaches and where the notes are", async () => {
    const dir = project();
    const built = await runCli(dir, ['build', '--no-pdf', '--notes', '--paper', 'letter']);
    expect(built.code, built.stderr).toBe(0);
    expect(existsSync(path.join(dir, 'dist', 'briefing-notes.pdf'))).toBe(true);
    const mail = await runCli(dir, ['mail', '--to', 'desk@example.org', '--handout', '--notes']);
    expect(mail.code, mail.stderr).toBe(0);
    const eml = mailText(path.join(dir, 'dist', 'briefing.eml'));
    expect(eml).toContain('Attached: briefing.pdf, briefing-handout.pdf (no speaker notes)');
    expect(eml).not.toContain('briefing-notes.pdf');
    const noted = await runCli(dir, [
      'mail',
      '--to',
      'desk@example.org',
      '--handout',
      '--with-notes',
      '--pptx',
    ]);
    expect(noted.code, noted.stderr).toBe(0);
    expect(mailText(path.join(dir, 'dist', 'briefing.eml'))).toContain(
      '(the speaker notes are in briefing-handout.pdf and briefing.pptx)',
    );
  });
});

describe('batch options on the command line', () => {
  it('names a warning’s file once among many briefings', async () => {
    const dir = tempDir('cli-batch-warn-');
    copyFileSync(path.join(FIXTURES, 'minimal.yaml'), path.join(dir, 'a.yaml'));
    writeFileSync(
      path.join(dir, 'b.yaml'),
      readFileSync(path.join(ROOT, 'briefing.yaml'), 'utf8')
        .replace('  logo: brand/logo.svg\n', '')
        .replace('deadline: Before a local administration is set up', 'deadline: 2015-06-01'),
    );
    const run = await runCli(dir, ['build', '.', '--no-pdf']);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toMatch(
      /^warning b\.yaml:\d+:\d+: decisions\[0\]\.deadline: the deadline 2015-06-01 had passed/m,
    );
  });

  it('skips what is up to date, rebuilds with --force, builds a shard and reports it', async () => {
    const dir = tempDir('cli-batch-');
    for (const name of ['a', 'b', 'c'])
      copyFileSync(path.join(FIXTURES, 'minimal.yaml'), path.join(dir, `${name}.yaml`));
    const first = await runCli(dir, ['build', '.', '--no-pdf']);
    expect(first.stderr).toMatch(/3 built, 0 unchanged, 0 invalid, 0 failed/);
    const again = await runCli(dir, ['build', '.', '--no-pdf']);
    expect(again.stderr).toMatch(/0 built, 3 unchanged, 0 invalid, 0 failed/);
    const forced = await runCli(dir, ['build', '.', '--no-pdf', '--force']);
    expect(forced.stderr).toMatch(/3 built, 0 unchanged/);
    const shards = [];
    for (const shard of ['1/2', '2/2']) {
      const run = await runCli(dir, [
        'build',
        '.',
        '--no-pdf',
        '--force',
        '--shard',
        shard,
        '--report',
        `${shard[0]}.json`,
      ]);
      expect(run.code, run.stderr).toBe(0);
      shards.push(JSON.parse(readFileSync(path.join(dir, `${shard[0]}.json`), 'utf8')));
    }
    expect(shards.flatMap((s) => s.briefings.map((b: { file: string }) => b.file)).sort()).toEqual([
      'a.yaml',
      'b.yaml',
      'c.yaml',
    ]);
    expect((await runCli(dir, ['build', '.', '--shard', '0/2'])).code).toBe(2);
  });
});
