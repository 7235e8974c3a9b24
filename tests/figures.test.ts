/**
 * Figures and the locator map (issue 18) from the format on: each image
 * type read and prepared, every hostile file refused at FILE:LINE:COL all at
 * once with nothing written, `[@fig:id]` references, the timeline numbered
 * as the map, an SVG logo with a script refused.
 */
import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { buildBriefing } from '../src/build.js';
import { buildContent } from '../src/content/index.js';
import { BriefingError } from '../src/errors.js';
import type { Briefing, Location } from '../src/format/briefing.js';
import { loadBriefing } from '../src/format/load.js';
import { validateBriefing } from '../src/format/validate.js';
import { buildDeckModel } from '../src/slides/index.js';
import { FIXTURES, ROOT, tempDir } from './_helpers.js';

const IMAGES = path.join(FIXTURES, 'images');

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

/** A folder with `briefing.yaml` (REQUIRED + `extra`) and the files given. */
function folder(extra: string, files: Record<string, Uint8Array | string> = {}): string {
  const dir = tempDir('fig-');
  for (const [name, bytes] of Object.entries(files)) writeFileSync(path.join(dir, name), bytes);
  writeFileSync(path.join(dir, 'briefing.yaml'), `${REQUIRED}${extra}`);
  return dir;
}

async function problems(dir: string): Promise<string[]> {
  try {
    await validateBriefing(await loadBriefing(path.join(dir, 'briefing.yaml')));
  } catch (error) {
    if (error instanceof BriefingError)
      return error.problems.map((p) => `${p.line}:${p.col}: ${p.path}: ${p.message}`);
    throw error;
  }
  return [];
}

const figure = (id: string, file: string) => `  - id: ${id}\n    file: ${file}\n    alt: An image\n`;

async function raster(format: 'png' | 'jpeg' | 'webp', width = 300, height = 200): Promise<Buffer> {
  return sharp({ create: { width, height, channels: 3, background: '#1f4e79' } })
    [format]()
    .toBuffer();
}

describe('figures in the format', () => {
  it('reads a PNG, a JPEG, a WebP and an SVG by their content, and numbers them in the order shown', async () => {
    const dir = folder(
      `figures:\n${figure('a', 'a.png')}${figure('b', 'b.jpg')}${figure('c', 'c.webp')}    after: bluf\n${figure('d', 'd.svg')}`,
      {
        'a.png': await raster('png'),
        'b.jpg': await raster('jpeg'),
        'c.webp': await raster('webp'),
        'd.svg': readFileSync(path.join(IMAGES, 'safe.svg')),
      },
    );
    const briefing = await validateBriefing(await loadBriefing(path.join(dir, 'briefing.yaml')));
    expect(briefing.figures.map((f) => f.image.mediaType)).toEqual([
      'image/png',
      'image/jpeg',
      'image/jpeg', // WebP without alpha is re-encoded as JPEG
      'image/svg+xml',
    ]);
    const content = buildContent(briefing);
    // `c` follows the bottom line, so it is Figure 1.
    expect(content.visuals.map((v) => (v.kind === 'figure' ? `${v.id}:${v.number}` : ''))).toEqual([
      'c:1',
      'a:2',
      'b:3',
      'd:4',
    ]);
    const model = buildDeckModel(content, briefing.deck);
    const kinds = model.slides.map((s) => s.kind);
    // No bottom line here: the figure that follows it comes after the title; the rest after the situation.
    expect(kinds.slice(0, 6)).toEqual(['title', 'figure', 'situation', 'figure', 'figure', 'figure']);
    const shown = model.slides.filter((slide) => slide.kind === 'figure');
    // 300 × 200 px rasters are never upscaled; the SVG may grow to fill the slide.
    expect(shown.slice(0, 3).map((slide) => [slide.width, slide.height])).toEqual([
      [300, 200],
      [300, 200],
      [300, 200],
    ]);
  });

  it('refuses every hostile file at FILE:LINE:COL, all at once', async () => {
    const bomb = Buffer.alloc(33);
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]).copy(bomb);
    bomb.writeUInt32BE(13, 8);
    bomb.write('IHDR', 12, 'latin1');
    bomb.writeUInt32BE(100_000, 16);
    bomb.writeUInt32BE(100_000, 20);
    bomb[24] = 8;
    bomb[25] = 2;
    const dir = folder(
      `figures:\n${figure('a', 'script.svg')}${figure('b', 'use-file.svg')}${figure('c', 'entity-bomb.svg')}${figure('d', 'bomb.png')}${figure('e', 'big.png')}${figure('f', 'foreign-object.svg')}${figure('g', '../outside.png')}`,
      {
        'script.svg': readFileSync(path.join(IMAGES, 'script.svg')),
        'use-file.svg': readFileSync(path.join(IMAGES, 'use-file.svg')),
        'entity-bomb.svg': readFileSync(path.join(IMAGES, 'entity-bomb.svg')),
        'foreign-object.svg': readFileSync(path.join(IMAGES, 'foreign-object.svg')),
        'bomb.png': bomb,
        'big.png': Buffer.alloc(50 * 1024 * 1024),
      },
    );
    const found = await problems(dir);
    const at = (index: number) => found.filter((p) => p.includes(`figures[${index}].file`));
    // Each figure's `file:` is on line 14 + 3 × index, its value at column 11.
    for (let index = 0; index < 7; index++) {
      expect(at(index).length, `figures[${index}]`).toBeGreaterThan(0);
      for (const problem of at(index)) expect(problem).toMatch(new RegExp(`^${15 + 3 * index}:11: `));
    }
    expect(at(0).join()).toMatch(/script/);
    expect(at(1).join()).toMatch(/file:|outside/);
    expect(at(2).join()).toMatch(/entit/);
    expect(at(3).join()).toMatch(/100000 × 100000|10,000|px/);
    expect(at(4).join()).toMatch(/MiB/);
    expect(at(5).join()).toMatch(/foreignObject/);
    expect(at(6).join()).toMatch(/outside the briefing's folder|does not exist/);
  });

  it('takes a PNG named .svg as the PNG it is', async () => {
    const dir = folder(`figures:\n${figure('a', 'chart.svg')}`, { 'chart.svg': await raster('png') });
    const briefing = await validateBriefing(await loadBriefing(path.join(dir, 'briefing.yaml')));
    expect(briefing.figures[0]?.image.mediaType).toBe('image/png');
  });

  it('refuses an SVG logo with a script', async () => {
    const dir = folder('deck:\n  logo: logo.svg\n', {
      'logo.svg': readFileSync(path.join(IMAGES, 'script.svg')),
    });
    expect((await problems(dir)).join('\n')).toMatch(/^14:9: deck\.logo: .*script/m);
  });

  it('writes nothing when a figure is refused: the outputs stay as they were', async () => {
    const dir = folder(`figures:\n${figure('a', 'script.svg')}`, {
      'script.svg': readFileSync(path.join(IMAGES, 'script.svg')),
    });
    const out = path.join(dir, 'dist');
    mkdirSync(out);
    writeFileSync(path.join(out, 'briefing.html'), 'before');
    const before = readdirSync(out).map((name) => [name, statSync(path.join(out, name)).mtimeMs]);
    await expect(
      buildBriefing({
        file: 'briefing.yaml',
        cwd: dir,
        outDir: 'dist',
        pdf: false,
        singleFile: true,
        strict: false,
        timeoutMs: 30_000,
      }),
    ).rejects.toThrow(/briefing\.yaml:15:11: figures\[0\]\.file: .*script/);
    expect(readdirSync(out).map((name) => [name, statSync(path.join(out, name)).mtimeMs])).toEqual(before);
    expect(readFileSync(path.join(out, 'briefing.html'), 'utf8')).toBe('before');
  });
});

describe('figure references and the map', () => {
  it('writes [@fig:id] as "Figure N", linked to the slide in the deck, and says where an unknown id is', async () => {
    const dir = folder(
      `figures:\n${figure('chart', 'c.png')}bluf:\n  - "See [@fig:chart] and [@fig:chrat]."\n`,
      {
        'c.png': await raster('png'),
      },
    );
    expect(await problems(dir)).toEqual(['18:27: bluf[0]: refers to unknown figure "[@fig:chrat]"']);
    writeFileSync(
      path.join(dir, 'briefing.yaml'),
      `${REQUIRED}figures:\n${figure('chart', 'c.png')}bluf:\n  - "See [@fig:chart]."\n`,
    );
    const briefing = await validateBriefing(await loadBriefing(path.join(dir, 'briefing.yaml')));
    expect(buildContent(briefing).bluf[0]?.html).toBe('See <a class="fig-ref" href="#/figure">Figure 1</a>.');
    expect(buildContent(briefing, null).bluf[0]?.html).toBe('See Figure 1.');
    expect(buildContent(briefing, null).bluf[0]?.text).toBe('See Figure 1.');
  });

  it('numbers the timeline events at a location as the map does, and checks coordinates', async () => {
    const briefing = await validateBriefing(await loadBriefing(path.join(ROOT, 'briefing.yaml')));
    const content = buildContent(briefing);
    expect(content.timeline.map((e) => e.mapNumber)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    const map = content.visuals.find((v) => v.kind === 'map');
    expect(map?.number).toBe(1);
    const drawn = map?.kind === 'map' ? map.draw(1000, 500) : undefined;
    expect(drawn?.description).toMatch(/Derna.*Tobruk.*Qubba|Derna/);
    const dir = folder('locations:\n  - name: X\n    lat: 91\n    lon: -181\n');
    expect(await problems(dir)).toEqual([
      expect.stringMatching(/^15:10: locations\[0\]\.lat: "91" is not a latitude/),
      expect.stringMatching(/^16:10: locations\[0\]\.lon: "-181" is not a longitude/),
    ]);
  });

  // Two trials: "Harrisburg, PA" was cut at its comma and named no location; "نهرين" typed with an
  // Arabic yeh named no "نهرین" typed with a Persian one.
  it('finds a location whose name has a comma, and one typed with the other keyboard’s letters', async () => {
    const briefing = await validateBriefing(await loadBriefing(path.join(ROOT, 'briefing.yaml')));
    const at = (name: string, lat: number) => ({ ...(briefing.locations[0] as Location), name, lat });
    const located = {
      ...briefing,
      locations: [
        at('Harrisburg, PA', 40.3),
        at('HQ, Harrisburg', 40.2),
        at('نهرین', 36.1),
        at('Derna', 32.7),
      ],
      timeline: ['Harrisburg, PA', 'HQ, Harrisburg', 'Lancaster, PA', 'روستا، نهرين', 'Qubba؛  DERNA '].map(
        (place) => ({ ...(briefing.timeline[0] as Briefing['timeline'][number]), place }),
      ),
    };
    const content = buildContent(located);
    expect(content.timeline.map((e) => e.mapNumber)).toEqual([1, 2, undefined, 3, 4]);
    // Each number also beside its place on the map (all four placed: the map names none by a key).
    const map = content.visuals.find((v) => v.kind === 'map');
    const svg = map?.kind === 'map' ? map.draw(1100, 560).svg : '';
    const badges = [...svg.matchAll(/class="bd-map-badge-number"[^>]*>(\d+)</g)].map((m) => m[1]);
    expect(badges.sort()).toEqual(['1', '2', '3', '4']);
  });

  // A review: "Derna" and "DERNA", or a name typed with either keyboard's yeh, were two locations to
  // validation but one to the timeline, which numbered only the last.
  it('refuses two locations a timeline place cannot tell apart', async () => {
    const at = (name: string) => `  - name: ${name}\n    lat: 32.7\n    lon: 22.6\n`;
    const dir = folder(`locations:\n${at('Derna')}${at('DERNA')}${at('نهرین')}${at('نهرين')}`);
    expect(await problems(dir)).toEqual([
      expect.stringMatching(
        /^\d+:\d+: locations\[1\]\.name: duplicate location name "DERNA" \(first used at locations\[0\]\.name\)$/,
      ),
      expect.stringMatching(
        /^\d+:\d+: locations\[3\]\.name: duplicate location name "نهرين" \(first used at locations\[2\]\.name\)$/,
      ),
    ]);
  });

  // Found by a new user's Sahel map: BKF (Burkina Faso) was told to use "LBY, EGY or TUN".
  it('suggests the nearest real country codes for one that is none, when one is close', async () => {
    const dir = folder('map:\n  countries: [NER, MLI, BKF, tch, XYZ, UK]\n');
    const error = await validateBriefing(await loadBriefing(path.join(dir, 'briefing.yaml'))).catch(
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(BriefingError);
    const lines = (error as BriefingError).problems.map((p) => `${p.line}:${p.col}: ${p.path}: ${p.hint}`);
    expect(lines).toEqual([
      '14:25: map.countries[2]: did you mean BFA?',
      '14:30: map.countries[3]: did you mean TCA or TCD?',
      '14:35: map.countries[4]: use three letters such as LBY, EGY or TUN',
      // Not UKR, Ukraine: two letters are no code mistyped.
      '14:40: map.countries[5]: use three letters such as LBY, EGY or TUN',
    ]);
    expect((error as BriefingError).problems[0]?.message).toBe(
      '"BKF" is not an ISO 3166-1 alpha-3 country code',
    );
  });
});
