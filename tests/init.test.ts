/**
 * The starter briefing that `briefdeck init` writes: every section, a comment
 * on each, the schema line first, and it validates and builds as it is.
 */
import { existsSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { LIKELIHOODS, RELATION_TYPES, STANCES } from '../src/format/briefing.js';
import { BRIEFING } from '../src/format/format.js';
import { SCHEMA_FILE, schemaRefFor, starterBriefing } from '../src/format/init.js';
import { parseBriefing } from '../src/format/load.js';
import { validateBriefing } from '../src/format/validate.js';
import { build, ROOT, tempDir } from './_helpers.js';

describe('starterBriefing', () => {
  const text = starterBriefing({ schemaRef: '../schema/briefing.schema.json' });
  const lines = text.split('\n');

  it('starts with the line that gives the editor the schema', () => {
    expect(lines[0]).toBe('# yaml-language-server: $schema=../schema/briefing.schema.json');
    expect(starterBriefing().split('\n')[0]).toBe(
      '# yaml-language-server: $schema=./schema/briefing.schema.json',
    );
  });

  it('has every section of the format, each with a comment on what goes there', () => {
    const sections = lines.filter((line) => /^[a-z_]+:/.test(line)).map((line) => line.split(':')[0]);
    expect(sections).toEqual(Object.keys(BRIEFING.keys));
    // A section opens a block of keys; the block starts with a comment (title's block holds the title slide's keys).
    for (const section of [
      'title',
      'source',
      'bluf',
      'situation',
      'timeline',
      'actors',
      'risks',
      'recommendations',
      'sources',
      'notes',
      'deck',
    ]) {
      const at = lines.findIndex((line) => line.startsWith(`${section}:`));
      expect(lines[at - 1], section).toMatch(/^# /);
    }
  });

  it('lists the allowed words where they are used: the seven ICD 203 terms, stances, relation types', () => {
    const comments = lines
      .filter((line) => line.startsWith('#'))
      .join(' ')
      .replace(/\s*#\s*/g, ' ');
    for (const { term } of LIKELIHOODS) expect(comments).toContain(term);
    for (const word of [...STANCES, ...RELATION_TYPES]) expect(comments).toContain(word);
  });

  it('validates as it is, and every optional section has something in it', async () => {
    const briefing = await validateBriefing(parseBriefing(Buffer.from(text), 'briefing.yaml', ROOT));
    expect(briefing.actors).toHaveLength(2);
    expect(briefing.actors[0]?.relations).toEqual([{ with: 'Second actor', type: 'conflict' }]);
    expect(briefing.sources.map((source) => source.id)).toEqual(['report']);
    expect(briefing.bluf.length).toBeGreaterThan(0);
    expect(briefing.timeline.length).toBeGreaterThan(0);
    expect(briefing.deck).toMatchObject({ theme: { builtIn: 'light' }, aspect: '16:9', accent: '#1f4e79' });
    expect(Object.keys(parse(text))).toEqual(Object.keys(BRIEFING.keys));
  });

  it('builds into a deck', async () => {
    const dir = tempDir('init-');
    const file = path.join(dir, 'briefing.yaml');
    writeFileSync(file, starterBriefing({ schemaRef: schemaRefFor(file) }));
    const result = await build(file, { outDir: path.join(dir, 'dist'), pdf: false });
    expect(existsSync(result.html)).toBe(true);
    // Fewer than before issue 16: its short groups share slides and its one risk card stands beside the matrix.
    expect(result.slideCount).toBeGreaterThan(6);
  });
});

describe('schemaRefFor', () => {
  it('points at the schema by a relative path when it lies in the briefing folder or below', () => {
    expect(
      schemaRefFor(path.join(ROOT, 'briefing.yaml'), path.join(ROOT, 'schema', 'briefing.schema.json')),
    ).toBe('./schema/briefing.schema.json');
    expect(
      schemaRefFor(
        '/work/desk/briefing.yaml',
        '/work/desk/node_modules/briefdeck/schema/briefing.schema.json',
      ),
    ).toBe('./node_modules/briefdeck/schema/briefing.schema.json');
  });

  it('points at it by its absolute path otherwise (a global install, npm link, npx)', () => {
    expect(
      schemaRefFor(
        '/home/me/notes/briefing.yaml',
        '/usr/lib/node_modules/briefdeck/schema/briefing.schema.json',
      ),
    ).toBe('/usr/lib/node_modules/briefdeck/schema/briefing.schema.json');
  });

  it('uses the schema shipped with this installation', () => {
    expect(SCHEMA_FILE).toBe(path.join(ROOT, 'schema', 'briefing.schema.json'));
    expect(existsSync(SCHEMA_FILE)).toBe(true);
  });
});
