/**
 * Incremental and sharded batch builds: a briefing that has not changed is
 * not built again, one whose input or output changed is; shards are
 * disjoint, complete and stable when files are added; the report says what
 * each shard did.
 */
import { copyFileSync, cpSync, readFileSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { build } from '../src/batch.js';
import { inShard, shardOf } from '../src/shard.js';
import { FIXTURES, ROOT, tempDir } from './_helpers.js';

function folder(count: number): string {
  const dir = tempDir('incremental-');
  cpSync(path.join(ROOT, 'brand'), path.join(dir, 'brand'), { recursive: true });
  for (let i = 1; i <= count; i++)
    copyFileSync(path.join(FIXTURES, 'minimal.yaml'), path.join(dir, `b${i}.yaml`));
  return dir;
}

const run = (dir: string, extra: Parameters<typeof build>[0] extends infer R ? Partial<R> : never = {}) =>
  build({ inputs: '.', cwd: dir, outDir: 'out', pdf: false, singleFile: true, ...extra });

const statuses = (report: Awaited<ReturnType<typeof build>>) =>
  Object.fromEntries(report.briefings.map((b) => [path.basename(b.file), b.status]));

describe('incremental batch builds', () => {
  it('skips what has not changed, and rebuilds a changed input, a missing or edited output, or with force', async () => {
    const dir = folder(3);
    const first = await run(dir);
    expect(first.built).toBe(3);
    const again = await run(dir);
    expect([again.built, again.unchanged]).toEqual([0, 3]);

    writeFileSync(
      path.join(dir, 'b1.yaml'),
      `${readFileSync(path.join(dir, 'b1.yaml'), 'utf8')}\n# edited\n`,
    );
    unlinkSync(path.join(dir, 'out', 'b2.single.html'));
    writeFileSync(path.join(dir, 'out', 'b3.html'), 'changed by hand');
    expect(statuses(await run(dir))).toEqual({ 'b1.yaml': 'built', 'b2.yaml': 'built', 'b3.yaml': 'built' });
    expect(readFileSync(path.join(dir, 'out', 'b3.html'), 'utf8')).toContain('<!doctype html>');

    expect((await run(dir)).unchanged).toBe(3);
    // Another option shapes other outputs: built again.
    expect((await run(dir, { theme: 'dark' })).built).toBe(3);
    expect((await run(dir, { theme: 'dark', force: true })).built).toBe(3);
    rmSync(dir, { recursive: true, force: true });
  });

  it('builds a single briefing every time unless asked to be incremental', async () => {
    const dir = folder(1);
    await build({ inputs: 'b1.yaml', cwd: dir, outDir: 'out', pdf: false });
    expect((await build({ inputs: 'b1.yaml', cwd: dir, outDir: 'out', pdf: false })).built).toBe(1);
    expect(
      (await build({ inputs: 'b1.yaml', cwd: dir, outDir: 'out', pdf: false, incremental: true })).unchanged,
    ).toBe(1);
  });

  it('builds again when a figure the briefing names changes, though its YAML does not', async () => {
    const dir = tempDir('incremental-figure-');
    cpSync(path.join(ROOT, 'examples', 'figure-demo'), dir, { recursive: true });
    const once = { inputs: 'briefing.yaml', cwd: dir, outDir: 'out', pdf: false, incremental: true };
    expect((await build(once)).built).toBe(1);
    expect((await build(once)).unchanged).toBe(1);
    // The same chart as an SVG in the PNG's place: another image, the same file name.
    copyFileSync(path.join(dir, 'river-levels.svg'), path.join(dir, 'river-levels.png'));
    expect((await build(once)).built).toBe(1);
  });
});

describe('shards', () => {
  const files = Array.from({ length: 40 }, (_, i) => `briefings/b${i}.yaml`);

  it('are disjoint and together complete, and stay put when files are added', () => {
    const shards = [1, 2, 3, 4].map((index) => inShard(files, { index, count: 4 }, '/x'));
    expect(shards.flat().sort()).toEqual([...files].sort());
    expect(new Set(shards.flat()).size).toBe(files.length);
    for (const shard of shards) expect(shard.length).toBeGreaterThan(3);
    const more = [...files, 'briefings/new.yaml'];
    for (const file of files)
      expect(shardOf(file, 4, '/x')).toBe(shardOf(more[more.indexOf(file)] as string, 4, '/x'));
  });

  it('build only their share and report it as JSON', async () => {
    const dir = folder(6);
    const reports = [];
    for (const index of [1, 2]) {
      const report = await run(dir, { shard: `${index}/2`, report: `shard-${index}.json` });
      reports.push(JSON.parse(readFileSync(path.join(dir, `shard-${index}.json`), 'utf8')));
      expect(report.built + report.unchanged).toBe(reports.at(-1).briefings.length);
    }
    const built = reports.flatMap((r) => r.briefings.map((b: { file: string }) => b.file)).sort();
    expect(built).toEqual(['b1.yaml', 'b2.yaml', 'b3.yaml', 'b4.yaml', 'b5.yaml', 'b6.yaml']);
    expect(reports.map((r) => r.shard)).toEqual(['1/2', '2/2']);
    await expect(run(dir, { shard: '3/2' })).rejects.toThrow(/shard takes I\/N/);
  });
});
