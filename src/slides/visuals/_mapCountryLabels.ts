/**
 * Country names on the locator map, placed after the places' labels, in
 * whatever room those leave: a coarse grid over the frame says which
 * country owns each cell, and each country's name goes at the cell deepest
 * inside it (farthest from its border and the frame's edge) where the whole
 * label lies on that country and touches nothing placed before. A country
 * with too little land in view, or no such cell, is not named.
 */
import { overlaps, type Rect } from './_mapLabels.js';
import type { MapView, ProjectedCountry } from './_mapView.js';

const CELL = 12;

export interface CountryLabelRequest {
  country: ProjectedCountry;
  width: number;
  height: number;
}

/** The grid: for each cell, the index of the country that owns its centre, -1 for sea. */
function ownerGrid(countries: readonly ProjectedCountry[], view: MapView) {
  const { frame } = view;
  const cols = Math.floor(frame.width / CELL);
  const rows = Math.floor(frame.height / CELL);
  const owner = new Int16Array(cols * rows).fill(-1);
  countries.forEach((projected, index) => {
    const { box, rings } = projected;
    const c0 = Math.max(0, Math.floor((box.x0 - frame.x) / CELL));
    const c1 = Math.min(cols - 1, Math.floor((box.x1 - frame.x) / CELL));
    const r0 = Math.max(0, Math.floor((box.y0 - frame.y) / CELL));
    const r1 = Math.min(rows - 1, Math.floor((box.y1 - frame.y) / CELL));
    for (let row = r0; row <= r1; row++) {
      // A row at a time: a cell's centre is inside (even–odd) when an odd number of the
      // rings' crossings of its line lie to its right, the test `insideRings` makes.
      const crossings = rowCrossings(rings, frame.y + (row + 0.5) * CELL);
      let right = 0;
      for (let col = c0; col <= c1; col++) {
        const x = frame.x + (col + 0.5) * CELL;
        while (right < crossings.length && (crossings[right] as number) <= x) right++;
        if ((crossings.length - right) % 2 === 1) owner[row * cols + col] = index;
      }
    }
  });
  return { cols, rows, owner };
}

/** Where the rings' edges cross the horizontal line at `y`, in ascending order. */
function rowCrossings(rings: ProjectedCountry['rings'], y: number): Float64Array {
  const xs: number[] = [];
  for (const ring of rings) {
    for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
      const a = ring[i] as { x: number; y: number };
      const b = ring[j] as { x: number; y: number };
      if (a.y > y !== b.y > y) xs.push(((b.x - a.x) * (y - a.y)) / (b.y - a.y) + a.x);
    }
  }
  return Float64Array.from(xs).sort();
}

/** Each cell's distance (in cells, chessboard) to the nearest cell of another owner or the frame's edge. */
function depths(cols: number, rows: number, owner: Int16Array): Int16Array {
  const depth = new Int16Array(cols * rows).fill(-1);
  let frontier: number[] = [];
  for (let row = 0; row < rows; row++)
    for (let col = 0; col < cols; col++) {
      const cell = row * cols + col;
      const edge = row === 0 || col === 0 || row === rows - 1 || col === cols - 1;
      const differs = [-1, 1].some(
        (d) =>
          (col + d >= 0 && col + d < cols && owner[cell + d] !== owner[cell]) ||
          (row + d >= 0 && row + d < rows && owner[cell + d * cols] !== owner[cell]),
      );
      if (edge || differs) {
        depth[cell] = 0;
        frontier.push(cell);
      }
    }
  for (let level = 1; frontier.length > 0; level++) {
    const next: number[] = [];
    for (const cell of frontier) {
      const row = Math.floor(cell / cols);
      const col = cell % cols;
      for (let dr = -1; dr <= 1; dr++)
        for (let dc = -1; dc <= 1; dc++) {
          const r = row + dr;
          const c = col + dc;
          if (r < 0 || c < 0 || r >= rows || c >= cols) continue;
          const other = r * cols + c;
          if (depth[other] === -1) {
            depth[other] = level;
            next.push(other);
          }
        }
    }
    frontier = next;
  }
  return depth;
}

/**
 * Boxes for the country names, by request (undefined: not named). `taken`
 * is everything already on the map that a name must not touch.
 */
export function placeCountryLabels(
  requests: readonly CountryLabelRequest[],
  all: readonly ProjectedCountry[],
  view: MapView,
  taken: readonly Rect[],
): (Rect | undefined)[] {
  const { cols, rows, owner } = ownerGrid(all, view);
  const depth = depths(cols, rows, owner);
  const placed: Rect[] = [...taken];
  const { frame } = view;
  const ownerAt = (x: number, y: number) => {
    const col = Math.floor((x - frame.x) / CELL);
    const row = Math.floor((y - frame.y) / CELL);
    return col < 0 || row < 0 || col >= cols || row >= rows ? -2 : (owner[row * cols + col] as number);
  };
  return requests.map(({ country, width, height }) => {
    const index = all.indexOf(country);
    const cells: number[] = [];
    owner.forEach((value, cell) => {
      if (value === index) cells.push(cell);
    });
    if (cells.length * CELL * CELL < width * height * 2) return undefined;
    cells.sort((a, b) => (depth[b] as number) - (depth[a] as number) || a - b);
    for (const cell of cells.slice(0, 200)) {
      const x = frame.x + ((cell % cols) + 0.5) * CELL;
      const y = frame.y + (Math.floor(cell / cols) + 0.5) * CELL;
      const box = { x0: x - width / 2, y0: y - height / 2, x1: x + width / 2, y1: y + height / 2 };
      const onCountry = [0, 0.5, 1].every((fx) =>
        [0, 1].every((fy) => ownerAt(box.x0 + fx * width, box.y0 + fy * height) === index),
      );
      if (!onCountry || placed.some((other) => overlaps(box, other, 4))) continue;
      placed.push(box);
      return box;
    }
    return undefined;
  });
}
