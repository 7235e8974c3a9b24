import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { SaxesParser } from 'saxes';
import { afterAll, describe, expect, it } from 'vitest';
import type { BrowserSession } from '../src/browser/session.js';
import { buildBriefing } from '../src/build.js';
import { formatWarning } from '../src/errors.js';
import { countryInProse } from '../src/format/countries.js';
import { textWidth } from '../src/format/textMetrics.js';
import { placeLabels, type Rect } from '../src/slides/visuals/_mapLabels.js';
import { fitView } from '../src/slides/visuals/_mapView.js';
import { loadWorld } from '../src/slides/visuals/_mapWorld.js';
import {
  isCountryCode,
  LOCATOR_MAP_SIZE,
  type LocatorMapData,
  type MapPlace,
  renderLocatorMap,
} from '../src/slides/visuals/map.js';
import { newSession, ROOT, tempDir } from './_helpers.js';

/* ── data ────────────────────────────────────────────────────────────── */

const DERNA: LocatorMapData = {
  places: [
    { name: 'Derna', lat: 32.767, lon: 22.639, numbers: [1, 3] },
    { name: 'Tobruk', lat: 32.076, lon: 23.961, numbers: [2] },
    { name: 'Qubba', lat: 32.766, lon: 22.244 },
  ],
  areaLabels: [{ name: 'Green Mountains', lat: 32.5, lon: 21.8 }],
};

/** Twelve places within 20 km of each other around Derna, some numbered, of three kinds. */
const CROWDED: LocatorMapData = {
  places: [
    { name: 'Derna', lat: 32.767, lon: 22.639, kind: 'city', numbers: [1] },
    { name: 'Derna port', lat: 32.757, lon: 22.655, kind: 'site', numbers: [2] },
    { name: 'Abu Mansour dam', lat: 32.705, lon: 22.61, kind: 'site', numbers: [3] },
    { name: 'Al-Bilad dam', lat: 32.745, lon: 22.628, kind: 'site' },
    { name: 'Sheha', lat: 32.775, lon: 22.61, kind: 'incident', numbers: [4, 5] },
    { name: 'Al-Maghar', lat: 32.771, lon: 22.668 },
    { name: 'Bab Tobruk', lat: 32.76, lon: 22.69 },
    { name: 'Al-Jibila', lat: 32.752, lon: 22.6 },
    { name: 'Karsa', lat: 32.79, lon: 22.56 },
    { name: 'Al-Fatayah', lat: 32.72, lon: 22.7 },
    { name: 'Wadi Derna bridge', lat: 32.762, lon: 22.641, kind: 'incident' },
    { name: 'Umm al-Rizam road', lat: 32.69, lon: 22.66 },
  ],
};

/* ── reading the SVG back ────────────────────────────────────────────── */

function attributes(tag: string): Record<string, string> {
  const found: Record<string, string> = {};
  for (const match of tag.matchAll(/([\w:-]+)="([^"]*)"/g)) found[match[1] as string] = match[2] as string;
  return found;
}

/** The markers' boxes and centres, in data order (places outside the map have none). */
function markers(svg: string): (Rect & { cx: number; cy: number })[] {
  return [...svg.matchAll(/<g class="bd-map-place[^"]*">(<(circle|rect|path)[^>]*>)/g)].map((match) => {
    const a = attributes(match[1] as string);
    if (match[2] === 'circle') {
      const [cx, cy, r] = [Number(a.cx), Number(a.cy), Number(a.r)];
      return { x0: cx - r, y0: cy - r, x1: cx + r, y1: cy + r, cx, cy };
    }
    if (match[2] === 'rect') {
      const [x, y, w, h] = [Number(a.x), Number(a.y), Number(a.width), Number(a.height)];
      return { x0: x, y0: y, x1: x + w, y1: y + h, cx: x + w / 2, cy: y + h / 2 };
    }
    const n = (a.d?.match(/-?[\d.]+/g) ?? []).map(Number);
    const xs = n.filter((_, i) => i % 2 === 0);
    const ys = n.filter((_, i) => i % 2 === 1);
    const box = { x0: Math.min(...xs), y0: Math.min(...ys), x1: Math.max(...xs), y1: Math.max(...ys) };
    return { ...box, cx: (box.x0 + box.x1) / 2, cy: (box.y0 + box.y1) / 2 };
  });
}

/** The place labels' boxes: from the first number badge (or the name) to the end of the name, as the font measures it. */
function labels(svg: string): (Rect & { name: string })[] {
  return [...svg.matchAll(/<g class="bd-map-label-group">(.*?)<\/g>/g)].map((match) => {
    const group = match[1] as string;
    const text = /<text class="bd-map-label" ([^>]*)>([^<]*)<\/text>/.exec(group);
    const a = attributes(text?.[1] ?? '');
    const name = (text?.[2] ?? '').replaceAll('&amp;', '&').replaceAll('&lt;', '<').replaceAll('&gt;', '>');
    const badge = /<rect class="bd-map-badge" ([^>]*)>/.exec(group);
    const x = Number(a.x);
    const y = Number(a.y);
    const x0 = badge ? Number(attributes(badge[1] as string).x) : x;
    return { name, x0, y0: y - 9, x1: x + textWidth(name, 16, 600), y1: y + 9 };
  });
}

const overlap = (a: Rect, b: Rect) => a.x0 < b.x1 && b.x0 < a.x1 && a.y0 < b.y1 && b.y0 < a.y1;

/** The scale bar: km per SVG unit. */
function kmPerUnit(svg: string): number {
  const frame = attributes(/<rect class="bd-map-scale-frame" [^>]*>/.exec(svg)?.[0] ?? '');
  const km = Number(/>([\d.]+) km</.exec(svg)?.[1]);
  return km / Number(frame.width);
}

/** Great-circle distance, km. */
function haversine(a: MapPlace, b: MapPlace): number {
  const rad = Math.PI / 180;
  const h =
    Math.sin(((b.lat - a.lat) * rad) / 2) ** 2 +
    Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(((b.lon - a.lon) * rad) / 2) ** 2;
  return 2 * 6371.0088 * Math.asin(Math.sqrt(h));
}

/* ── tests ───────────────────────────────────────────────────────────── */

describe('projection and cropping', () => {
  it('fits an extent to the frame, centred, with true scale at the centre', () => {
    const frame = { x: 0, y: 0, width: 1000, height: 400 };
    const options = { margin: 0, minMarginKm: 0, minSpanKm: 1, zoomOut: 1 };
    const view = fitView(
      {
        type: 'MultiPoint',
        coordinates: [
          [10, 0],
          [20, 0],
        ],
      },
      frame,
      options,
    );
    const [west, east, middle] = [
      [10, 0],
      [20, 0],
      [15, 0],
    ].map((p) => view.projection(p as [number, number]));
    expect(west?.[0]).toBeCloseTo(0, 6);
    expect(east?.[0]).toBeCloseTo(1000, 6);
    expect(middle?.[0]).toBeCloseTo(500, 6);
    expect(middle?.[1]).toBeCloseTo(200, 6);
    // A degree of longitude at the equator is 111.2 km.
    expect((10 * 111.195) / 1000).toBeCloseTo(view.kmPerUnit, 1);
    // North is up.
    expect(view.projection([15, 1])?.[1]).toBeLessThan(200);
  });

  it('puts Derna, Tobruk and Qubba where they are, to scale, cropped with a margin', () => {
    const map = renderLocatorMap(DERNA);
    const [derna, tobruk, qubba] = markers(map.svg);
    if (!derna || !tobruk || !qubba) throw new Error('missing markers');
    // Qubba is west of Derna at the same latitude; Tobruk is east and south.
    expect(qubba.cx).toBeLessThan(derna.cx);
    expect(Math.abs(qubba.cy - derna.cy)).toBeLessThan(2);
    expect(tobruk.cx).toBeGreaterThan(derna.cx);
    expect(tobruk.cy).toBeGreaterThan(derna.cy);
    // Distances on the map match the great-circle distances within 1 %.
    const scale = kmPerUnit(map.svg);
    for (const [a, b, pa, pb] of [
      [derna, tobruk, DERNA.places[0], DERNA.places[1]],
      [derna, qubba, DERNA.places[0], DERNA.places[2]],
    ] as const) {
      const onMap = Math.hypot(a.cx - b.cx, a.cy - b.cy) * scale;
      expect(Math.abs(onMap / haversine(pa as MapPlace, pb as MapPlace) - 1)).toBeLessThan(0.01);
    }
    // Cropped: every place inside the frame and clear of its edge, the extent filling one side.
    const frameHeight = LOCATOR_MAP_SIZE.height - 28;
    for (const m of [derna, tobruk, qubba]) {
      expect(m.x0).toBeGreaterThan(20);
      expect(m.x1).toBeLessThan(LOCATOR_MAP_SIZE.width - 20);
      expect(m.y0).toBeGreaterThan(20);
      expect(m.y1).toBeLessThan(frameHeight - 20);
    }
    const spanX = (tobruk.cx - qubba.cx) / LOCATOR_MAP_SIZE.width;
    const spanY = (tobruk.cy - derna.cy) / frameHeight;
    expect(Math.max(spanX, spanY)).toBeGreaterThan(0.55);
    const [west, south, east, north] = map.bounds;
    for (const place of DERNA.places) {
      expect(place.lon).toBeGreaterThan(west);
      expect(place.lon).toBeLessThan(east);
      expect(place.lat).toBeGreaterThan(south);
      expect(place.lat).toBeLessThan(north);
    }
    expect(east - west).toBeLessThan(4);
  });

  it('shows the area asked for, and leaves out what lies outside it', () => {
    const map = renderLocatorMap({
      area: { countries: ['LBY', 'EGY'] },
      places: [
        { name: 'Cairo', lat: 30.044, lon: 31.236 },
        { name: 'Paris', lat: 48.85, lon: 2.35 },
      ],
    });
    expect(map.hidden).toEqual(['Paris']);
    const [west, south, east, north] = map.bounds;
    // Libya runs from 9.4° E to 25° E and 19.5° N to 33.2° N, Egypt to 36.9° E and 22° N to 31.7° N.
    expect(west).toBeLessThan(9.4);
    expect(east).toBeGreaterThan(36.9);
    expect(south).toBeLessThan(19.5);
    expect(north).toBeGreaterThan(33.2);
    expect(map.svg).toContain('>LIBYA<');
    expect(map.svg).toContain('>EGYPT<');
    expect(map.description).toMatch(/^Map of Libya and Egypt showing Cairo; other countries named: .*Sudan/);
    expect(map.description).toContain('Outside the map: Paris.');
  });

  it('draws across the antimeridian', () => {
    const map = renderLocatorMap({
      places: [
        { name: 'Suva', lat: -18.14, lon: 178.44 },
        { name: 'Taveuni', lat: -16.85, lon: -179.97 },
      ],
    });
    expect(map.hidden).toEqual([]);
    expect(map.bounds[0]).toBeGreaterThan(map.bounds[2]);
    expect(map.description).toMatch(/^Map of .*Fiji showing Suva and Taveuni/);
  });

  it('knows the ISO 3166-1 alpha-3 codes', () => {
    expect([isCountryCode('LBY'), isCountryCode('lby'), isCountryCode('XXX'), isCountryCode('LY')]).toEqual([
      true,
      true,
      false,
      false,
    ]);
  });
});

describe('labels', () => {
  it('places labels clear of each other, every marker, the frame and the inset, in a crowded scene', () => {
    // Deterministic pseudo-random scenes: 12 markers in a 200 × 120 box in a 900 × 500 frame.
    let seed = 7;
    const random = () => {
      seed = (seed * 48271) % 2147483647;
      return seed / 2147483647;
    };
    for (let scene = 0; scene < 20; scene++) {
      const markersHere = Array.from({ length: 12 }, () => ({
        x: 350 + random() * 200,
        y: 190 + random() * 120,
        r: 5.5,
      }));
      const requests = markersHere.map((m) => ({
        anchor: m,
        radius: 5.5,
        width: 50 + random() * 90,
        height: 20,
      }));
      const inset = { x0: 640, y0: 10, x1: 890, y1: 190 };
      const frame = { x0: 0, y0: 0, x1: 900, y1: 500 };
      const { placed } = placeLabels(
        requests,
        { frame, obstacles: [inset], markers: markersHere },
        requests.map((_, i) => i),
      );
      const boxes = placed.flatMap((p) => (p ? [p.box] : []));
      expect(boxes.length).toBeGreaterThanOrEqual(11);
      boxes.forEach((box, i) => {
        expect(overlap(box, inset)).toBe(false);
        expect(box.x0 >= 0 && box.y0 >= 0 && box.x1 <= 900 && box.y1 <= 500).toBe(true);
        for (const m of markersHere)
          expect(overlap(box, { x0: m.x - 5, y0: m.y - 5, x1: m.x + 5, y1: m.y + 5 })).toBe(false);
        boxes.forEach((other, j) => {
          if (i !== j) expect(overlap(box, other)).toBe(false);
        });
      });
    }
  });

  // A trial: a town's name placed up and left of its marker ended just short of the next town's, level
  // with it, and read as that town's name.
  it('never ends a label just short of another marker level with it, where it reads as that one', () => {
    const markers = [
      { x: 100, y: 100, r: 5.5 },
      { x: 180, y: 100, r: 5.5 },
    ];
    const requests = markers.map((anchor) => ({ anchor, radius: 5.5, width: 60, height: 16 }));
    const { placed } = placeLabels(
      requests,
      { frame: { x0: 0, y0: 0, x1: 400, y1: 300 }, obstacles: [], markers },
      [0, 1],
    );
    const first = placed[0]?.box as Rect;
    // Right of the first marker it would end 5.5 px before the second, at its height.
    expect(first.x1 < 160 || first.y1 < 100 || first.y0 > 100).toBe(true);
    for (const [i, label] of placed.entries()) {
      const other = markers[1 - i] as { x: number; y: number };
      const box = label?.box as Rect;
      const level = other.y >= box.y0 && other.y <= box.y1;
      expect(level && Math.min(Math.abs(other.x - box.x0), Math.abs(other.x - box.x1)) < 21.5).toBe(false);
    }
  });

  it('labels all twelve places within 20 km with no label over another label or any marker', () => {
    const map = renderLocatorMap(CROWDED);
    const found = labels(map.svg);
    const shown = markers(map.svg);
    expect(shown).toHaveLength(12);
    expect(found.length + map.keyed.length).toBe(12);
    expect(map.keyed).toEqual([]);
    found.forEach((label, i) => {
      found.forEach((other, j) => {
        if (i !== j) expect(overlap(label, other), `${label.name} / ${other.name}`).toBe(false);
      });
      shown.forEach((marker) => {
        expect(overlap(label, marker), `${label.name} over a marker`).toBe(false);
      });
    });
  });

  it('keys the places whose labels find no room, and still never overlaps', () => {
    const tight: LocatorMapData = {
      places: Array.from({ length: 16 }, (_, i) => ({
        name: `Checkpoint number ${i + 1} on the coast road`,
        lat: 32.76 + (i % 4) * 0.004,
        lon: 22.63 + Math.floor(i / 4) * 0.004,
      })),
    };
    const map = renderLocatorMap(tight, { width: 500, height: 320 });
    expect(map.keyed.length).toBeGreaterThan(0);
    expect(map.svg).toContain('class="bd-map-key"');
    const found = labels(map.svg);
    expect(found.length + map.keyed.length).toBe(16);
    for (const label of found)
      for (const other of found) if (label !== other) expect(overlap(label, other)).toBe(false);
  });
});

describe('alt text', () => {
  it('says what the map shows, from the data', () => {
    const map = renderLocatorMap(DERNA);
    expect(map.description).toBe(
      'Map of north-eastern Libya showing Derna, Tobruk and Qubba; area labelled: Green Mountains. ' +
        'Timeline events: 1 at Derna, 2 at Tobruk, 3 at Derna. The map is about 260 km across.',
    );
    expect(map.svg).toContain(`<desc id="bd-map-desc">${map.description}</desc>`);
    const named = renderLocatorMap(
      {
        ...DERNA,
        places: DERNA.places.map((place, i) => ({
          ...place,
          kind: i === 2 ? 'town' : 'city',
          note: i === 0 ? 'Dams failed on 11 September 2023' : undefined,
        })),
      },
      { areaName: 'eastern Libya', title: 'Derna and the coast' },
    );
    expect(named.description).toMatch(
      /^Map of eastern Libya showing Derna \(city\), Tobruk \(city\) and Qubba \(town\); area labelled: Green Mountains\. .* Derna: Dams failed on 11 September 2023\./,
    );
    expect(named.svg).toContain('<title id="bd-map-title">Derna and the coast</title>');
  });

  it('gives "the" to a country whose name takes it, in the words but not on the map', () => {
    const whole = renderLocatorMap({
      area: { countries: ['NLD'] },
      places: [{ name: 'Zwolle', lat: 52.512, lon: 6.094 }],
    });
    expect(whole.description).toMatch(
      /^Map of the Netherlands showing Zwolle; other countries named: .*Germany/,
    );
    expect(whole.svg).toContain('>NETHERLANDS<');
    const part = renderLocatorMap({
      places: [
        { name: 'Zwolle', lat: 52.512, lon: 6.094 },
        { name: 'Deventer', lat: 52.255, lon: 6.163 },
      ],
    });
    expect(part.description).toMatch(/^Map of the (?:\w+-)?\w+ern Netherlands showing Zwolle and Deventer/);
    const both = renderLocatorMap({
      area: { countries: ['BEL', 'NLD'] },
      places: [{ name: 'Brussels', lat: 50.85, lon: 4.35 }],
    });
    expect(both.description).toMatch(/^Map of the Netherlands and Belgium showing Brussels/);
    const beside = renderLocatorMap({
      area: { countries: ['BEL'] },
      places: [{ name: 'Brussels', lat: 50.85, lon: 4.35 }],
    });
    expect(beside.description).toMatch(/other countries named: [^.;]*the Netherlands/);
    expect(countryInProse('United States')).toBe('the United States');
    expect(countryInProse('Libya')).toBe('Libya');
  });

  // A trial: `countries: [USA]` drew half the globe, Alaska, Hawaii and the Aleutians with it, and
  // the places in Pennsylvania became one blot.
  it("takes in a country's main extent, as maps of it show it: the contiguous United States, all of Indonesia", () => {
    const harrisburg = { name: 'Harrisburg', lat: 40.27, lon: -76.88 };
    const us = renderLocatorMap({ area: { countries: ['USA'] }, places: [harrisburg] });
    const [west, south, east, north] = us.bounds;
    // The 48 states, from 124.8° W to 66.9° W, and not across the antimeridian (west < east).
    expect(west).toBeLessThan(-124.8);
    expect(east).toBeGreaterThan(-66.9);
    expect(east - west).toBeLessThan(150);
    expect(south).toBeGreaterThan(0);
    expect(north).toBeLessThan(65);
    expect(us.description).toMatch(
      /^Map of the United States showing Harrisburg; other countries named: Canada/,
    );
    expect(us.description).not.toMatch(/Russia|Brazil/);
    const indonesia = renderLocatorMap({
      area: { countries: ['IDN'] },
      places: [{ name: 'Jayapura', lat: -2.53, lon: 140.72 }],
    });
    expect(indonesia.hidden).toEqual([]);
    expect(indonesia.bounds[0]).toBeLessThan(95);
    expect(indonesia.bounds[2]).toBeGreaterThan(141);
  });
});

describe('output', () => {
  it('is deterministic: the same data give the same bytes', () => {
    const first = renderLocatorMap(CROWDED, { idPrefix: 'm1-' });
    const second = renderLocatorMap(CROWDED, { idPrefix: 'm1-' });
    expect(second.svg).toBe(first.svg);
    expect(renderLocatorMap(DERNA).svg).toBe(renderLocatorMap(DERNA).svg);
    expect(first.svg).toContain('id="m1-clip"');
    expect(first.svg).not.toContain('bd-map-clip');
  });

  it('escapes names and notes, and is well-formed SVG of plain shapes and text only', () => {
    const hostile: LocatorMapData = {
      places: [
        { name: '<script>alert(1)</script>', lat: 50.45, lon: 30.52, note: '"><img src=x onerror=alert(1)>' },
        { name: 'A & B ]]> \u0001 --> <!--', lat: 49.99, lon: 36.23, kind: '"><svg onload=alert(1)>' },
      ],
      areaLabels: [{ name: '</text><script>x</script>', lat: 48, lon: 37.8 }],
    };
    const map = renderLocatorMap(hostile, { title: '</title><script>t</script>', idPrefix: '"><x' });
    expect(map.svg).not.toMatch(/<script|<img|<svg\s+onload|<!--/);
    expect(map.svg).not.toContain(String.fromCharCode(1));
    const elements = new Set<string>();
    const texts: string[] = [];
    const parser = new SaxesParser({ xmlns: true });
    parser.on('opentag', (tag) => {
      elements.add(tag.local);
      for (const name of Object.keys(tag.attributes)) expect(name).not.toMatch(/^on/i);
    });
    parser.on('text', (text) => texts.push(text));
    parser.write(map.svg).close();
    expect([...elements].sort()).toEqual([
      'circle',
      'clipPath',
      'defs',
      'desc',
      'g',
      'path',
      'rect',
      'svg',
      'text',
      'title',
    ]);
    expect(texts).toContain('<script>alert(1)</script>');
    expect(texts).toContain('</text><script>x</script>');
    expect(texts).toContain('A & B ]]>  --> <!--');
  });

  it('is a few tens of kilobytes, and draws in well under a second once the outlines are loaded', () => {
    loadWorld('50m');
    loadWorld('110m');
    const start = performance.now();
    const map = renderLocatorMap(DERNA);
    expect(performance.now() - start).toBeLessThan(5000);
    expect(map.svg.length).toBeLessThan(60_000);
  });
});

describe('in Chromium', () => {
  let session: BrowserSession | undefined;
  afterAll(async () => {
    await session?.close();
  });

  it('lays the crowded labels out as measured: no label box over another or over a marker', async () => {
    session = newSession();
    const map = renderLocatorMap(CROWDED);
    const fonts = path.join(ROOT, 'node_modules', '@fontsource', 'source-sans-3');
    const css = ['400', '400-italic', '600', '700'].map(
      (w) => `@import url(${pathToFileURL(path.join(fonts, `${w}.css`)).href});`,
    );
    const file = path.join(tempDir(), 'map.html');
    writeFileSync(
      file,
      `<!doctype html><style>${css.join('')}</style>` +
        `<link rel="stylesheet" href="${pathToFileURL(path.join(ROOT, 'themes', 'visuals.css')).href}">` +
        `<link rel="stylesheet" href="${pathToFileURL(path.join(ROOT, 'themes', 'map.css')).href}">` +
        `<body style="margin:0;font-family:'Source Sans 3'"><div style="width:${LOCATOR_MAP_SIZE.width}px">${map.svg}</div>`,
    );
    const boxes = await session.withPage(async (page) => {
      await page.goto(pathToFileURL(file).href, { waitUntil: 'load' });
      await page.evaluate(() => document.fonts.ready);
      return page.evaluate(() => {
        const box = (element: Element) => {
          const b = (element as SVGGraphicsElement).getBBox();
          return { x0: b.x, y0: b.y, x1: b.x + b.width, y1: b.y + b.height };
        };
        return {
          family: getComputedStyle(document.querySelector('.bd-map-label') as Element).fontFamily,
          labels: [...document.querySelectorAll('.bd-map-label-group')].map((group) => {
            const parts = [...group.querySelectorAll('.bd-map-label, .bd-map-badge')].map(box);
            return {
              x0: Math.min(...parts.map((p) => p.x0)),
              y0: Math.min(...parts.map((p) => p.y0)),
              x1: Math.max(...parts.map((p) => p.x1)),
              y1: Math.max(...parts.map((p) => p.y1)),
            };
          }),
          markers: [...document.querySelectorAll('.bd-map-places .bd-map-marker')].map(box),
        };
      });
    });
    expect(boxes.family).toContain('Source Sans 3');
    expect(boxes.labels).toHaveLength(12);
    // The glyphs' boxes include the font's ascent and descent; shrink them to the letters' height.
    const shrink = (b: Rect) => ({ x0: b.x0 + 0.5, y0: b.y0 + 3, x1: b.x1 - 0.5, y1: b.y1 - 3 });
    boxes.labels.forEach((label, i) => {
      boxes.labels.forEach((other, j) => {
        if (i !== j) expect(overlap(shrink(label), shrink(other))).toBe(false);
      });
      for (const marker of boxes.markers) expect(overlap(shrink(label), marker)).toBe(false);
    });
  });
});

describe('a map drawn again', () => {
  it('is the same drawing, shared and frozen; other data or options draw another', () => {
    const data = {
      places: [
        { name: 'Derna', lat: 32.76, lon: 22.64 },
        { name: 'Benghazi', lat: 32.12, lon: 20.07 },
      ],
    };
    const first = renderLocatorMap(data, { width: 800, height: 450 });
    const again = renderLocatorMap(structuredClone(data), { width: 800, height: 450 });
    expect(again).toBe(first);
    expect(Object.isFrozen(first) && Object.isFrozen(first.hidden)).toBe(true);
    expect(renderLocatorMap(data, { width: 800, height: 450, title: 'Derna' }).svg).not.toBe(first.svg);
    const [derna, benghazi] = data.places as [MapPlace, MapPlace];
    const moved = { places: [{ ...derna, lat: 32.7 }, benghazi] };
    expect(renderLocatorMap(moved, { width: 800, height: 450 }).svg).not.toBe(first.svg);
  });
});

describe("what the slide's map leaves off", () => {
  // Found by a trial: a label of the briefer's, among the places of a map of three countries, was left
  // off the deck's map without a word.
  // The places outside the map as drawn, not those outside the area's countries: an island Natural
  // Earth has no outline for is drawn, and was said to be left off (a second trial).
  it('is a warning at its line, and every place and label that fits is drawn', async () => {
    const dir = tempDir('map-unlabelled-');
    const place = (name: string, lat: number, lon: number) =>
      `  - { name: ${name}, lat: ${lat}, lon: ${lon} }`;
    writeFileSync(
      path.join(dir, 'b.yaml'),
      [
        'title: Sahel',
        'situation:',
        '  summary: Something happened.',
        'actors:',
        '  - { name: Someone, role: Did it. }',
        'risks:',
        '  - { title: It happens again, likelihood: unlikely, impact: moderate }',
        'recommendations:',
        '  - action: Watch for it.',
        'locations:',
        place('Ménaka', 15.918, 2.402),
        place('Anderamboukane', 15.423, 3.032),
        place('Inékar', 15.95, 3.15),
        place('Tillabéri', 14.211, 1.453),
        place('Niamey', 13.512, 2.112),
        place('Gao', 16.272, -0.044),
        place('Paris', 48.857, 2.352),
        'map:',
        '  countries: [MLI, NER, BFA]',
        '  labels:',
        '    - { name: Vallée du Niger, lat: 15.0, lon: 0.8 }',
        '    - { name: Aïr, lat: 18.5, lon: 8.5 }',
        '    - { name: Hindu Kush, lat: 35, lon: 70 }',
      ].join('\n'),
    );
    const warnings: string[] = [];
    const result = await buildBriefing({
      file: 'b.yaml',
      cwd: dir,
      outDir: 'out',
      pdf: false,
      strict: false,
      timeoutMs: 30_000,
      onWarning: (warning) => warnings.push(formatWarning(warning)),
    });
    expect(warnings).toEqual([
      `b.yaml:17:25: locations[6].lat: "Paris" lies outside the map and is left off it; the caption names it; check its coordinates, or widen map.countries or map.bbox`,
      `b.yaml:23:7: map.labels[2]: "Hindu Kush" lies outside the map and is left off it; check its coordinates, or widen map.countries or map.bbox`,
      `b.yaml:21:7: map.labels[0]: "Vallée du Niger" finds no room on the map's slide and is left off it; move it away from the places and their names, or shorten it`,
    ]);
    expect(result.model.slides.find((slide) => slide.kind === 'map')).toMatchObject({
      caption: 'Locator map. Outside the map: Paris.',
    });
    const map = result.model.slides.find((slide) => slide.kind === 'map');
    expect(map?.kind === 'map' && map.svgHtml).toContain('>Aïr<');
  });
});

describe('country names in the briefing’s language', () => {
  // Found by a trial: a French briefing's map read ALGERIA, CHAD and EGYPT.
  const sahel = {
    places: [
      { name: 'Ménaka', lat: 15.918, lon: 2.402 },
      { name: 'Gao', lat: 16.272, lon: -0.044 },
    ],
    area: { countries: ['MLI', 'NER'] },
  };
  const names = (svg: string) =>
    [...svg.matchAll(/class="bd-map-country-label"[^>]*>([^<]*)</g)].map((match) => match[1]);

  it('are CLDR’s in a language written in Latin letters; the alt text stays English, as its sentences', () => {
    const french = renderLocatorMap(sahel, { language: 'fr' });
    expect(names(french.svg)).toEqual(expect.arrayContaining(['MALI', 'NIGER', 'ALGÉRIE']));
    expect(names(french.svg)).not.toContain('ALGERIA');
    expect(french.description).toContain('Mali');
    const english = renderLocatorMap(sahel);
    expect(names(english.svg)).toContain('ALGERIA');
    // In capitals the language's way (a review): Turkish's dotted capital I.
    expect(names(renderLocatorMap(sahel, { language: 'tr' }).svg)).toContain('CEZAYİR');
  });

  it('stay English where CLDR’s name is not in Latin letters', () => {
    const arabic = renderLocatorMap(sahel, { language: 'ar' });
    expect(names(arabic.svg)).toEqual(names(renderLocatorMap(sahel).svg));
  });
});
