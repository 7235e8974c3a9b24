/**
 * The packed outlines (lib/world-*.bin, written by `npm run build`) hold
 * exactly what world-atlas's TopoJSON gives through topojson-client: the
 * same countries, rings and coordinates, and the same borders and coasts
 * once their runs are joined again.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { geoContains } from 'd3-geo';
import { describe, expect, it } from 'vitest';
import { shapeContains } from '../src/slides/visuals/_mapPlane.js';
import { worldFromTopology } from '../src/slides/visuals/_mapTopology.js';
import { type Country, linesNear, loadWorld, type Resolution } from '../src/slides/visuals/_mapWorld.js';

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

describe('a point in a country, on the plane (_mapPlane.ts)', () => {
  const world = loadWorld('50m');
  const named = (name: string) => world.countries.find((country) => country.name === name) as Country;

  it('agrees with d3 on the sphere for points in and around a dozen countries, holes and the antimeridian included', () => {
    const names = [
      'Libya',
      'Egypt',
      'Italy',
      'Greece',
      'South Africa',
      'Lesotho',
      'Russia',
      'Fiji',
      'Chile',
      'Norway',
      'Indonesia',
      'Canada',
    ];
    let compared = 0;
    let differ = 0;
    for (const country of names.map(named)) {
      const [west, south, east, north] = country.box;
      const step = Math.max((east - west) / 40, (north - south) / 40);
      for (let lon = west; lon <= east; lon += step)
        for (let lat = south; lat <= north; lat += step) {
          compared += 1;
          if (shapeContains(country.shape, lon, lat) !== geoContains(country.shape, [lon, lat])) differ += 1;
        }
    }
    expect(compared).toBeGreaterThan(10_000);
    // Only points within a hair of a border or coast can differ: a segment is a straight line on the plane, an arc on the sphere.
    expect(differ / compared).toBeLessThan(0.002);
  });

  it('puts Sabha in Libya, Maseru in Lesotho and not in South Africa, and the sea in no country', () => {
    expect(shapeContains(named('Libya').shape, 14.43, 27.04)).toBe(true);
    expect(shapeContains(named('Lesotho').shape, 27.48, -29.31)).toBe(true);
    expect(shapeContains(named('South Africa').shape, 27.48, -29.31)).toBe(false);
    expect(world.countries.some((country) => shapeContains(country.shape, 18, 34))).toBe(false);
  });
});
