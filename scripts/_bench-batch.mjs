/**
 * The batch scenario of the benchmark (scripts/bench.mjs): 20 briefings of
 * different lengths, generated from the long test fixture (24 of
 * everything) cut down to 1–24 items per list, and the same 20 as Marp decks.
 */
import { copyFile, mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { parse, stringify } from 'yaml';
import { writeMarpDeck } from './_marp-deck.mjs';

/**
 * Writes `count` briefings into `dir/briefings/` and their Marp decks into
 * `dir/marp/`; returns both folders and the briefing files.
 */
export async function writeBatch(root, dir, count = 20) {
  const long = parse(await readFile(path.join(root, 'tests', 'fixtures', 'long.yaml'), 'utf8'));
  const sample = parse(await readFile(path.join(root, 'briefing.yaml'), 'utf8'));
  const briefings = path.join(dir, 'briefings');
  const marp = path.join(dir, 'marp');
  await mkdir(briefings, { recursive: true });
  await mkdir(marp, { recursive: true });
  await copyFile(path.join(root, 'brand', 'logo.svg'), path.join(briefings, 'logo.svg'));
  const files = [];
  for (let i = 0; i < count; i++) {
    // From 1 to 24 items per list, spread over the batch; every fourth briefing is the sample itself.
    const size = 1 + Math.round((i * 23) / Math.max(1, count - 1));
    const briefing = i % 4 === 3 ? structuredClone(sample) : cut(long, size, i);
    if (briefing.deck?.logo) briefing.deck.logo = 'logo.svg';
    const name = `briefing-${String(i + 1).padStart(2, '0')}`;
    const file = path.join(briefings, `${name}.yaml`);
    await writeFile(file, stringify(briefing, { lineWidth: 0 }));
    files.push(file);
    const deckDir = path.join(dir, 'marp-work', name);
    await mkdir(deckDir, { recursive: true });
    const { deckPath } = await writeMarpDeck(file, deckDir);
    const markdown = await readFile(deckPath, 'utf8');
    // One folder of decks for Marp's --input-dir; the logo beside them under one name.
    await writeFile(path.join(marp, `${name}.md`), markdown);
    if (briefing.deck?.logo) await rename(path.join(deckDir, 'logo.svg'), path.join(marp, 'logo.svg'));
  }
  return { briefings, marp, files };
}

/** The long briefing with every list cut to `size` items (relations only to actors still there). */
function cut(long, size, seed) {
  const b = structuredClone(long);
  b.title = `Briefing ${seed + 1}: ${size} of everything`;
  b.bluf = b.bluf.slice(0, Math.min(b.bluf.length, 1 + (seed % 6)));
  b.situation.points = (b.situation.points ?? []).slice(0, size);
  b.timeline = b.timeline.slice(0, size);
  b.actors = b.actors.slice(0, Math.max(2, size));
  const names = new Set(b.actors.map((actor) => actor.name));
  for (const actor of b.actors) actor.relations = (actor.relations ?? []).filter((r) => names.has(r.with));
  b.risks = b.risks.slice(0, size);
  b.recommendations = b.recommendations.slice(0, size);
  return b;
}
