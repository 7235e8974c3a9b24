/**
 * The packed outlines (lib/world-*.bin, written by `npm run build`) hold
 * exactly what world-atlas's TopoJSON gives through topojson-client: the
 * same countries, rings and coordinates, and the same borders and coasts
 * once their runs are joined again.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { worldFromTopology } from '../src/slides/visuals/_mapTopology.js';
import { linesNear, loadWorld, type Resolution } from '../src/slides/visuals/_mapWorld.js';

const require = createRequire(import.meta.url);

describe.each<Resolution>(['50m', '110m'])('the packed %s outlines', (resolution) => {
  const topology = JSON.parse(
    readFileSync(require.resolve(`world-atlas/countries-${resolution}.json`), 'utf8'),
  );
  const plain = worldFromTopology(topology);
  const world = loadWorld(resolution);

  it('have every country with its rings and coordinates exactly', () => {
    expect(world.countries.map((c) => [c.code, c.name])).toEqual(
      plain.countries.map((c) => [c.code, c.name]),
    );
    world.countries.forEach((country, i) => {
      expect(country.shape.geometry.coordinates).toEqual(plain.countries[i]?.polygons);
    });
  });

  it('give back the whole borders and coasts when every run is kept', () => {
    expect(linesNear(world.borders, undefined)).toEqual(plain.borders);
    expect(linesNear(world.coasts, undefined)).toEqual(plain.coasts);
  });

  it('keep only the runs near a box, each run inside it or touching it', () => {
    const box: [number, number, number, number] = [20, 30, 26, 34];
    const meets = (b: number[]) =>
      (b[0] as number) <= (box[2] as number) &&
      (b[2] as number) >= (box[0] as number) &&
      (b[1] as number) <= (box[3] as number) &&
      (b[3] as number) >= (box[1] as number);
    const near = linesNear(world.coasts, meets);
    const all = linesNear(world.coasts, undefined);
    const count = (lines: number[][][]) => lines.reduce((sum, line) => sum + line.length, 0);
    expect(count(near)).toBeGreaterThan(0);
    expect(count(near)).toBeLessThan(count(all) / 10);
    // Every point of the coast inside the box is kept.
    const inside = (p: number[]) =>
      (p[0] as number) >= box[0] &&
      (p[0] as number) <= box[2] &&
      (p[1] as number) >= box[1] &&
      (p[1] as number) <= box[3];
    const key = (p: number[]) => `${p[0]},${p[1]}`;
    const kept = new Set(near.flat().map(key));
    for (const point of all.flat()) if (inside(point)) expect(kept.has(key(point))).toBe(true);
  });
});
