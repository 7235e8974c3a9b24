#!/usr/bin/env node
/**
 * Draws the chart of examples/figure-demo (a bar chart of made-up river
 * levels for a fictional exercise) as an SVG, and a PNG of it through sharp,
 * so that the example's figure is an image made in this repository, free to
 * use. Run: node scripts/make-example-chart.mjs
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import sharp from 'sharp';

const here = path.dirname(fileURLToPath(import.meta.url));
const out = path.join(here, '..', 'examples', 'figure-demo');

// Fictional exercise data: the river's level at the gauge, in metres, at 06:00 each day.
const days = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];
const levels = [1.2, 1.6, 2.9, 4.1, 4.6, 3.8, 2.7];
const warning = 3.5;

const width = 960;
const height = 540;
const left = 80;
const right = 30;
const top = 40;
const bottom = 60;
const max = 5;
const plotW = width - left - right;
const plotH = height - top - bottom;
const y = (v) => top + plotH - (v / max) * plotH;
const bar = plotW / days.length;

const parts = [
  `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="sans-serif">`,
  `<rect width="${width}" height="${height}" fill="#ffffff"/>`,
];
for (let v = 0; v <= max; v += 1) {
  parts.push(
    `<line x1="${left}" x2="${width - right}" y1="${y(v)}" y2="${y(v)}" stroke="#d5dae1" stroke-width="1"/>`,
    `<text x="${left - 10}" y="${y(v) + 6}" font-size="18" text-anchor="end" fill="#445">${v} m</text>`,
  );
}
levels.forEach((level, i) => {
  const x = left + i * bar + bar * 0.15;
  const fill = level >= warning ? '#b3261e' : '#1f4e79';
  parts.push(
    `<rect x="${x.toFixed(1)}" y="${y(level).toFixed(1)}" width="${(bar * 0.7).toFixed(1)}" height="${(y(0) - y(level)).toFixed(1)}" fill="${fill}"/>`,
    `<text x="${(x + bar * 0.35).toFixed(1)}" y="${height - bottom + 28}" font-size="20" text-anchor="middle" fill="#223">${days[i]}</text>`,
    `<text x="${(x + bar * 0.35).toFixed(1)}" y="${(y(level) - 8).toFixed(1)}" font-size="18" text-anchor="middle" fill="#223">${level.toFixed(1)}</text>`,
  );
});
parts.push(
  `<line x1="${left}" x2="${width - right}" y1="${y(warning)}" y2="${y(warning)}" stroke="#b3261e" stroke-width="3" stroke-dasharray="10 6"/>`,
  `<text x="${left + 10}" y="${y(warning) - 10}" font-size="18" text-anchor="start" fill="#b3261e">Flood warning level, 3.5 m</text>`,
  '</svg>',
);
const svg = `${parts.join('\n')}\n`;
writeFileSync(path.join(out, 'river-levels.svg'), svg);
await sharp(Buffer.from(svg)).png({ compressionLevel: 9 }).toFile(path.join(out, 'river-levels.png'));
console.log(`wrote ${path.relative(process.cwd(), out)}/river-levels.svg and river-levels.png`);
