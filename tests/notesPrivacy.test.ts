/**
 * The briefer's notes stay with the presenter: the deck in the output
 * folder keeps them, the single file (what gets passed on) leaves them out
 * unless `withNotes` is asked for. The handout's side is in handout.test.ts.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildBriefing, readBriefing } from '../src/build.js';
import { escapeHtml, plainText } from '../src/content/markdown.js';
import { ROOT, tempDir } from './_helpers.js';

async function built(withNotes: boolean) {
  const result = await buildBriefing({
    file: 'briefing.yaml',
    cwd: ROOT,
    outDir: tempDir('notes-'),
    pdf: false,
    strict: false,
    singleFile: true,
    withNotes,
    timeoutMs: 30_000,
  });
  return {
    deck: readFileSync(result.html, 'utf8'),
    single: readFileSync(result.singleFile as string, 'utf8'),
  };
}

describe('speaker notes', async () => {
  const briefing = await readBriefing('briefing.yaml', ROOT);
  const notes = Object.values(briefing.notes).map((note) => escapeHtml(plainText(note).slice(0, 30)));

  it('are in the deck, and not in the single file unless asked for', async () => {
    const { deck, single } = await built(false);
    expect(notes.length).toBeGreaterThan(3);
    // The deck's text has soft hyphens and typographic quotes (issue 17).
    const deckText = deck
      .replace(/\u00AD/g, '')
      .replace(/[‘’]/g, '&#39;')
      .replace(/[“”]/g, '&quot;');
    for (const note of notes) {
      expect(deckText.includes(note), note).toBe(true);
      expect(single.replace(/\u00AD/g, '').includes(note), note).toBe(false);
    }
    expect(single.includes('class="notes"')).toBe(false);
  });

  it('are in the single file with withNotes', async () => {
    const { single } = await built(true);
    const singleText = single
      .replace(/\u00AD/g, '')
      .replace(/[‘’]/g, '&#39;')
      .replace(/[“”]/g, '&quot;');
    for (const note of notes) expect(singleText.includes(note), note).toBe(true);
  });
});
