import { describe, expect, it } from 'vitest';
import { readBriefing } from '../src/build.js';
import { IMPACTS, LIKELIHOODS, type RelationType, type Stance } from '../src/format/briefing.js';
import { textWidth } from '../src/format/textMetrics.js';
import { escapeXml, wrapText } from '../src/slides/visuals/_svg.js';
import { captionWidth, HIT_MARGIN } from '../src/slides/visuals/actorLayout.js';
import {
  ACTOR_MAP_SIZE,
  describeActorMap,
  MAX_MAP_ACTORS,
  type MapActor,
  renderActorMap,
} from '../src/slides/visuals/actorMap.js';
import {
  describeRiskMatrix,
  type MatrixRisk,
  renderRiskMatrix,
  severityOf,
} from '../src/slides/visuals/riskMatrix.js';
import { NUMBER_SIZE } from '../src/slides/visuals/riskMatrixLayout.js';
import { ROOT } from './_helpers.js';

/* ── parsing helpers ─────────────────────────────────────────────────── */

/** The attributes of every element `<tag …>` whose class list contains `className`. */
function elements(svg: string, tag: string, className?: string): Record<string, string>[] {
  const found: Record<string, string>[] = [];
  for (const match of svg.matchAll(new RegExp(`<${tag}\\s([^>]*?)/?>`, 'g'))) {
    const attrs: Record<string, string> = {};
    for (const attr of (match[1] ?? '').matchAll(/([\w:-]+)="([^"]*)"/g))
      attrs[attr[1] as string] = attr[2] as string;
    if (className === undefined || (attrs.class ?? '').split(' ').includes(className)) found.push(attrs);
  }
  return found;
}

interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

const rectOf = (attrs: Record<string, string>): Rect => ({
  x: Number(attrs.x),
  y: Number(attrs.y),
  width: Number(attrs.width),
  height: Number(attrs.height),
});

const contains = (rect: Rect, x: number, y: number, margin = 0) =>
  x >= rect.x - margin &&
  x <= rect.x + rect.width + margin &&
  y >= rect.y - margin &&
  y <= rect.y + rect.height + margin;

const overlap = (p: Rect, q: Rect) =>
  p.x < q.x + q.width && q.x < p.x + p.width && p.y < q.y + q.height && q.y < p.y + p.height;

/** Start and end point of an edge path (`M x y L x y` or `M x y Q cx cy x y`). */
function ends(d: string): { start: [number, number]; end: [number, number] } {
  const numbers = (d.match(/-?\d+(\.\d+)?/g) ?? []).map(Number);
  return {
    start: [numbers[0] as number, numbers[1] as number],
    end: [numbers[numbers.length - 2] as number, numbers[numbers.length - 1] as number],
  };
}

/** The things every generated SVG must respect: no scripts, no inline style, no external references, unique ids. */
function expectSafeSvg(svg: string): void {
  expect(svg).not.toMatch(/<script/i);
  expect(svg).not.toMatch(/\sstyle=/);
  expect(svg).not.toMatch(/\son\w+=/i);
  const ids = [...svg.matchAll(/\sid="([^"]+)"/g)].map((m) => m[1]);
  expect(new Set(ids).size).toBe(ids.length);
  for (const ref of svg.matchAll(/url\(#([^)]+)\)|href="([^"]*)"/g)) {
    const target = ref[1] ?? ref[2] ?? '';
    expect(ids).toContain(target.replace(/^#/, ''));
  }
  expect(svg).toMatch(/^<svg [^>]*role="img"/);
  expect(svg).toMatch(/^<svg [^>]*width="100%"/);
  expect(svg).not.toMatch(/^<svg [^>]*\sheight=/);
}

/* ── risk matrix ─────────────────────────────────────────────────────── */

const RISKS: MatrixRisk[] = [
  { number: 1, title: 'IS reprisal attacks', likelihood: 'likely', impact: 'high' },
  { number: 2, title: 'DMSC consolidates Islamist rule', likelihood: 'very likely', impact: 'moderate' },
  { number: 3, title: 'IS regains foothold', likelihood: 'unlikely', impact: 'very high' },
  {
    number: 4,
    title: 'Return of displaced families stalls',
    likelihood: 'roughly even chance',
    impact: 'moderate',
  },
];

function cell(svg: string, likelihood: string, impact: string): Rect & { class: string } {
  const found = elements(svg, 'rect', 'bd-rm-cell').find(
    (attrs) => attrs['data-likelihood'] === likelihood && attrs['data-impact'] === impact,
  );
  if (!found) throw new Error(`no cell ${likelihood} / ${impact}`);
  return { ...rectOf(found), class: found.class ?? '' };
}

function markers(svg: string): { number: number; x: number; y: number; r: number }[] {
  return [...svg.matchAll(/<g class="bd-rm-risk" data-risk="(\d+)">.*?(<circle [^>]*>)/g)].map((m) => {
    const attrs = elements(m[2] as string, 'circle')[0] ?? {};
    return { number: Number(m[1]), x: Number(attrs.cx), y: Number(attrs.cy), r: Number(attrs.r) };
  });
}

describe('severityOf', () => {
  it('runs from 1 at the bottom-left to 5 at the top-right, 3 in the centre', () => {
    expect(severityOf('almost no chance', 'very low')).toBe(1);
    expect(severityOf('almost certain', 'very high')).toBe(5);
    expect(severityOf('roughly even chance', 'moderate')).toBe(3);
    expect(severityOf('almost certain', 'very low')).toBe(3);
    expect(severityOf('almost no chance', 'very high')).toBe(3);
  });

  it('never falls as likelihood or impact rises', () => {
    const terms = LIKELIHOODS.map((entry) => entry.term);
    terms.forEach((likelihood, l) => {
      IMPACTS.forEach((impact, i) => {
        const here = severityOf(likelihood, impact);
        const up = terms[l + 1];
        const right = IMPACTS[i + 1];
        if (up) expect(severityOf(up, impact)).toBeGreaterThanOrEqual(here);
        if (right) expect(severityOf(likelihood, right)).toBeGreaterThanOrEqual(here);
      });
    });
  });

  it('rates the sample risks', () => {
    expect(RISKS.map((risk) => severityOf(risk.likelihood, risk.impact))).toEqual([4, 4, 4, 3]);
  });
});

describe('renderRiskMatrix', () => {
  it('draws 35 cells, each classed by its severity, likelihood rising upwards and impact rightwards', () => {
    const svg = renderRiskMatrix(RISKS);
    expect(elements(svg, 'rect', 'bd-rm-cell')).toHaveLength(35);
    for (const { term } of LIKELIHOODS) {
      for (const impact of IMPACTS) {
        expect(cell(svg, term, impact).class).toContain(`sev-${severityOf(term, impact)}`);
      }
    }
    expect(cell(svg, 'almost certain', 'low').y).toBeLessThan(cell(svg, 'almost no chance', 'low').y);
    expect(cell(svg, 'likely', 'very high').x).toBeGreaterThan(cell(svg, 'likely', 'very low').x);
    expect(cell(svg, 'almost no chance', 'very low').class).toContain('sev-1');
    expect(cell(svg, 'almost certain', 'very high').class).toContain('sev-5');
  });

  it('puts each risk in its cell', () => {
    const svg = renderRiskMatrix(RISKS);
    const drawn = markers(svg);
    expect(drawn).toHaveLength(RISKS.length);
    for (const risk of RISKS) {
      const { x, y, r } = drawn.find((marker) => marker.number === risk.number) ?? {
        x: Number.NaN,
        y: 0,
        r: 0,
      };
      const rect = cell(svg, risk.likelihood, risk.impact);
      expect(contains(rect, x - r, y - r)).toBe(true);
      expect(contains(rect, x + r, y + r)).toBe(true);
    }
  });

  it.each([2, 3, 6, 8, 9, 12, 15])(
    'lays %i risks in one cell side by side, inside the cell, without overlap, beyond eight a "+N" badge',
    (count) => {
      const risks: MatrixRisk[] = Array.from({ length: count }, (_, i) => ({
        number: i + 1,
        title: `Risk ${i + 1}`,
        likelihood: 'almost certain',
        impact: 'very high',
      }));
      const svg = renderRiskMatrix(risks);
      const drawn = markers(svg);
      const rect = cell(svg, 'almost certain', 'very high');
      // Eight single-digit numbers fit a cell; two-digit ones take wider discs, and fewer fit.
      const shown = count <= 8 ? count : count === 9 ? 6 : 1;
      expect(drawn).toHaveLength(shown);
      const badges = elements(svg, 'rect', 'bd-rm-badge').map(rectOf);
      expect(badges).toHaveLength(count <= 8 ? 0 : 1);
      for (const b of badges) {
        expect(contains(rect, b.x, b.y) && contains(rect, b.x + b.width, b.y + b.height)).toBe(true);
        for (const p of drawn) expect(p.x + p.r <= b.x || p.y + p.r <= b.y).toBe(true);
      }
      if (count > 8) {
        expect(svg).toContain(`>+${count - shown}</text>`);
        const numbers = Array.from({ length: count - shown }, (_, i) => shown + i + 1);
        expect(svg).toContain(`data-risks="${numbers.join(' ')}"`);
        expect(svg).toContain(`risks ${numbers.join(', ')}.</title>`);
      }
      for (const [i, p] of drawn.entries()) {
        expect(contains(rect, p.x - p.r, p.y - p.r)).toBe(true);
        expect(contains(rect, p.x + p.r, p.y + p.r)).toBe(true);
        // Wide enough for its number at the number's size.
        expect(p.r).toBeGreaterThanOrEqual(textWidth(String(p.number), NUMBER_SIZE, 700) / 2 + 2);
        for (const q of drawn.slice(i + 1))
          expect(Math.hypot(p.x - q.x, p.y - q.y)).toBeGreaterThanOrEqual(p.r + q.r);
      }
      if (count <= 3) expect(new Set(drawn.map((p) => p.y)).size).toBe(1);
      // Numbers read in order: left to right, then the next row.
      expect(drawn.map((marker) => marker.number)).toEqual(risks.slice(0, shown).map((risk) => risk.number));
      const rows = drawn.map((marker) => marker.y);
      expect(rows).toEqual([...rows].sort((a, b) => a - b));
    },
  );

  it('gives three-digit numbers discs wide enough, and never an empty "+0" badge', () => {
    for (const count of [1, 2, 3, 5]) {
      const risks: MatrixRisk[] = Array.from({ length: count }, (_, i) => ({
        number: 100 + i,
        title: `Risk ${100 + i}`,
        likelihood: 'likely',
        impact: 'high',
      }));
      const svg = renderRiskMatrix(risks);
      const drawn = markers(svg);
      const badges = [...svg.matchAll(/>\+(\d+)<\/text>/g)].map((m) => Number(m[1]));
      expect(drawn.length + badges.reduce((sum, n) => sum + n, 0)).toBe(count);
      expect(badges.every((n) => n > 0)).toBe(true);
      expect(drawn.length).toBeGreaterThan(0);
      for (const p of drawn)
        expect(p.r).toBeGreaterThanOrEqual(textWidth(String(p.number), NUMBER_SIZE, 700) / 2 + 2);
    }
  });

  it('labels both axes with the terms and titles them', () => {
    const svg = renderRiskMatrix(RISKS);
    for (const label of [
      'Almost no chance',
      'Roughly even chance',
      'Almost certain',
      'Very low',
      'Very high',
    ]) {
      expect(svg).toContain(`>${label}</text>`);
    }
    expect(svg).toContain('>Likelihood</text>');
    expect(svg).toContain('>Impact</text>');
    expect(svg).toContain('>45–55%</text>');
  });

  it('describes each risk in words, in the SVG and for alt text', () => {
    const text = describeRiskMatrix(RISKS);
    expect(text).toBe(
      '1. IS reprisal attacks: likely, high impact. 2. DMSC consolidates Islamist rule: very likely, moderate impact. ' +
        '3. IS regains foothold: unlikely, very high impact. 4. Return of displaced families stalls: roughly even chance, moderate impact.',
    );
    const svg = renderRiskMatrix(RISKS);
    expect(svg).toContain(`<desc id="bd-rm-desc">${text}</desc>`);
    expect(svg).toMatch(/^<svg [^>]*aria-labelledby="bd-rm-title bd-rm-desc"/);
    expect(svg).toContain('<title id="bd-rm-title">');
  });

  it('escapes risk titles', () => {
    const svg = renderRiskMatrix([
      { number: 1, title: '<script>alert("x")</script> & \'friends\'', likelihood: 'likely', impact: 'low' },
    ]);
    expectSafeSvg(svg);
    expect(svg).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;friends&#39;');
  });

  it('is deterministic and takes an id prefix', () => {
    expect(renderRiskMatrix(RISKS)).toBe(renderRiskMatrix(RISKS));
    const svg = renderRiskMatrix(RISKS, { idPrefix: 'm2-"><x' });
    expectSafeSvg(svg);
    expect(svg).toContain('id="m2-xtitle"');
    expect(svg).not.toContain('bd-rm-title');
  });

  it('draws an empty matrix', () => {
    const svg = renderRiskMatrix([]);
    expectSafeSvg(svg);
    expect(markers(svg)).toHaveLength(0);
    expect(describeRiskMatrix([])).toBe('No risks assessed.');
  });
});

/* ── actor map ───────────────────────────────────────────────────────── */

const IS = 'Islamic State (IS)';
const DMSC = 'Derna Mujahideen Shura Council (DMSC)';
const LNA = 'Libyan National Army (LNA)';
const GOV = 'Internationally recognised government (Tobruk)';
const PEOPLE = 'People of Derna';
const UN = 'UN mediators';

const ACTORS: MapActor[] = [
  {
    name: IS,
    stance: 'hostile',
    relations: [
      { with: DMSC, type: 'conflict' },
      { with: PEOPLE, type: 'conflict' },
    ],
  },
  {
    name: DMSC,
    stance: 'mixed',
    relations: [
      { with: LNA, type: 'alliance' },
      { with: GOV, type: 'rivalry' },
    ],
  },
  { name: LNA, stance: 'friendly', relations: [{ with: GOV, type: 'support' }] },
  { name: GOV, stance: 'friendly', relations: [] },
  { name: PEOPLE, stance: 'neutral', relations: [] },
  { name: UN, stance: 'neutral', relations: [{ with: GOV, type: 'support' }] },
];

interface Node extends Rect {
  name: string;
  stance: string;
}

function nodes(svg: string): Node[] {
  return [
    ...svg.matchAll(/<g class="bd-am-node stance-(\w+)"><title>(.*?) \(\w+\)<\/title>(<rect [^>]*>)/g),
  ].map((m) => ({
    stance: m[1] as string,
    name: m[2] as string,
    ...rectOf(elements(m[3] as string, 'rect')[0] ?? {}),
  }));
}

function edges(svg: string): { type: string; d: string; markerEnd?: string; markerStart?: string }[] {
  return [...svg.matchAll(/<g class="bd-am-edge rel-(\w+)[^"]*"><path ([^>]*)\/>/g)]
    .map((m) => ({ type: m[1] as string, attrs: elements(`<path ${m[2]}/>`, 'path')[0] ?? {} }))
    .map(({ type, attrs }) => ({
      type,
      d: attrs.d ?? '',
      markerEnd: attrs['marker-end'],
      markerStart: attrs['marker-start'],
    }));
}

/** The map without its legend, whose samples are drawn like edges too. */
const graphPart = (svg: string) => svg.replace(/<g class="bd-am-legend".*<\/g><\/svg>$/, '');

const LONG_NAMES = [
  'Islamic State in Libya (Barqa Province) and affiliated cells',
  'Derna Mujahideen Shura Council (DMSC)',
  'Libyan National Army (LNA) under Khalifa Haftar',
  'Internationally recognised government (Tobruk House of Representatives)',
  'People of Derna',
  'United Nations Support Mission in Libya (UNSMIL)',
  'Government of National Accord (Tripoli)',
  'Egyptian Armed Forces',
  'Ansar al-Sharia in Derna',
  'Abu Salim Martyrs Brigade',
  'Tribal elders of the Jebel Akhdar',
  'Displaced families in Benghazi & Tobruk',
  'Supercalifragilisticexpialidociousmilitiacommandstructure',
  'Misrata Brigades',
];
const STANCES: Stance[] = ['hostile', 'mixed', 'friendly', 'neutral'];
const TYPES: RelationType[] = ['conflict', 'alliance', 'support', 'rivalry'];

/** `count` actors with long names, each related to the next and some to one further on. */
function network(count: number): MapActor[] {
  const names = LONG_NAMES.slice(0, count);
  return names.map((name, i) => ({
    name,
    stance: STANCES[i % 4] as Stance,
    relations: [
      ...(count > 1 ? [{ with: names[(i + 1) % count] as string, type: TYPES[i % 4] as RelationType }] : []),
      ...(i % 3 === 0 && count > 4
        ? [{ with: names[(i + 5) % count] as string, type: TYPES[(i + 1) % 4] as RelationType }]
        : []),
    ],
  }));
}

describe('renderActorMap', () => {
  it('draws one box per actor with its stance, and one edge per relation, classed by type', () => {
    const map = renderActorMap(ACTORS);
    expectSafeSvg(map.svg);
    expect(map.shown).toEqual([IS, DMSC, LNA, GOV, PEOPLE, UN]);
    expect(map.omitted).toEqual([]);
    expect(nodes(map.svg).map((node) => [node.name, node.stance])).toEqual(
      ACTORS.map((a) => [a.name, a.stance]),
    );
    const drawn = edges(graphPart(map.svg));
    expect(drawn.map((edge) => edge.type).sort()).toEqual(
      ['alliance', 'conflict', 'conflict', 'rivalry', 'support', 'support'].sort(),
    );
    // Non-colour cues: a ✕ on each conflict, a double line for alliance, dashes for rivalry, arrows on support.
    expect(graphPart(map.svg).match(/class="bd-am-cross"/g)).toHaveLength(2);
    expect(graphPart(map.svg).match(/class="bd-am-inner"/g)).toHaveLength(1);
    expect(drawn.find((edge) => edge.type === 'rivalry')).toBeDefined();
    expect(map.svg).toMatch(/rel-rivalry"><path [^>]*stroke-dasharray=/);
    for (const edge of drawn) expect(edge.markerEnd !== undefined).toBe(edge.type === 'support');
    // A glyph per stance.
    expect(map.svg.match(/class="bd-am-glyph"/g)?.length).toBeGreaterThanOrEqual(6);
  });

  it('points support arrows from the supporter to the supported', () => {
    const map = renderActorMap(ACTORS);
    const boxes = nodes(map.svg);
    const box = (name: string) => boxes.find((node) => node.name === name) as Node;
    const centre = (rect: Rect) => [rect.x + rect.width / 2, rect.y + rect.height / 2] as const;
    const distance = (p: readonly [number, number], q: readonly [number, number]) =>
      Math.hypot(p[0] - q[0], p[1] - q[1]);
    const support = edges(graphPart(map.svg)).filter((edge) => edge.type === 'support');
    expect(support).toHaveLength(2);
    for (const edge of support) {
      expect(edge.markerEnd).toBe('url(#bd-am-arrow)');
      expect(edge.markerStart).toBeUndefined();
      const { start, end } = ends(edge.d);
      // Both end near the government; each starts near its supporter.
      expect(distance(end, centre(box(GOV)))).toBeLessThan(distance(start, centre(box(GOV))));
      const supporter = [LNA, UN].find(
        (name) => distance(start, centre(box(name))) < distance(end, centre(box(name))),
      );
      expect(supporter).toBeDefined();
    }
  });

  it('stops edges at the box borders, never under a box', () => {
    for (const actors of [ACTORS, network(12)]) {
      const map = renderActorMap(actors);
      const boxes = nodes(map.svg);
      for (const edge of edges(graphPart(map.svg))) {
        const { start, end } = ends(edge.d);
        for (const node of boxes) {
          expect(contains(node, start[0], start[1])).toBe(false);
          expect(contains(node, end[0], end[1])).toBe(false);
        }
      }
    }
  });

  it('puts a hub in the middle and keeps every edge clear of the other boxes', () => {
    const spokes = ['North', 'East', 'South', 'West', 'Coast', 'Desert'];
    const actors: MapActor[] = [
      ...spokes.map((name): MapActor => ({ name, stance: 'neutral', relations: [] })),
      {
        name: 'Hub',
        stance: 'hostile',
        relations: spokes.map((name) => ({ with: name, type: 'conflict' as const })),
      },
    ];
    actors[0]?.relations.push({ with: 'South', type: 'rivalry' });
    for (const [list, hub] of [
      [actors, 'Hub'],
      [ACTORS, undefined],
      [network(12), undefined],
    ] as const) {
      const svg = graphPart(renderActorMap(list).svg);
      const boxes = nodes(svg);
      if (hub) {
        const box = boxes.find((node) => node.name === hub) as Node;
        expect(box.x + box.width / 2).toBeCloseTo(ACTOR_MAP_SIZE.width / 2, 0);
      }
      for (const edge of edges(svg)) {
        const numbers = (edge.d.match(/-?\d+(\.\d+)?/g) ?? []).map(Number);
        const [x0, y0] = numbers as [number, number];
        const [x2, y2] = numbers.slice(-2) as [number, number];
        const [cx, cy] =
          numbers.length === 6 ? (numbers.slice(2, 4) as [number, number]) : [(x0 + x2) / 2, (y0 + y2) / 2];
        for (let k = 0; k <= 20; k++) {
          const t = k / 20;
          const x = (1 - t) ** 2 * x0 + 2 * (1 - t) * t * cx + t ** 2 * x2;
          const y = (1 - t) ** 2 * y0 + 2 * (1 - t) * t * cy + t ** 2 * y2;
          for (const box of boxes) expect(contains(box, x, y)).toBe(false);
        }
      }
    }
  });

  it('draws symmetric relations given from both sides once, and support both ways as one two-headed edge', () => {
    const map = renderActorMap([
      { name: 'A', stance: 'hostile', relations: [{ with: 'B', type: 'support' }] },
      {
        name: 'B',
        stance: 'friendly',
        relations: [{ with: 'A', type: 'support' }],
      },
      { name: 'C', stance: 'neutral', relations: [{ with: 'B', type: 'conflict' }] },
      { name: 'D', stance: 'neutral', relations: [{ with: 'C', type: 'conflict' }] },
    ]);
    const drawn = edges(graphPart(map.svg));
    expect(drawn.map((edge) => edge.type)).toEqual(['support', 'conflict', 'conflict']);
    expect(drawn[0]?.markerStart).toBe('url(#bd-am-arrow-back)');
    expect(drawn[0]?.markerEnd).toBe('url(#bd-am-arrow)');
  });

  it('draws two or more relations between one pair as one line, labelled with them all', () => {
    const map = renderActorMap([
      {
        name: 'A',
        stance: 'hostile',
        relations: [
          { with: 'B', type: 'conflict' },
          { with: 'B', type: 'support' },
          { with: 'B', type: 'conflict' },
        ],
      },
      {
        name: 'B',
        stance: 'friendly',
        relations: [
          { with: 'A', type: 'conflict' },
          { with: 'A', type: 'support' },
          { with: 'B', type: 'alliance' },
        ],
      },
    ]);
    const drawn = edges(graphPart(map.svg));
    expect(drawn.map((edge) => edge.type)).toEqual(['several']);
    // Support both ways among them: two plain arrowheads.
    expect(drawn[0]?.markerStart).toBe('url(#bd-am-arrow-plain-back)');
    expect(drawn[0]?.markerEnd).toBe('url(#bd-am-arrow-plain)');
    expect(map.svg).toContain('<text class="bd-am-several"');
    expect(map.svg).toContain('>Mutual support + conflict</text>');
    // The description still names each relation.
    expect(map.description).toContain('A — conflict — B');
    expect(map.description).toContain('A — mutual support — B');
    expect(describeActorMap([])).toBe('No relations between the actors shown.');
  });

  it.each([2, 3, 6, 9, 12])('places %i actors with no overlap, every box inside the viewBox', (count) => {
    const map = renderActorMap(network(count));
    const boxes = nodes(map.svg);
    expect(boxes).toHaveLength(count);
    for (const [i, p] of boxes.entries()) {
      expect(p.x).toBeGreaterThanOrEqual(0);
      expect(p.y).toBeGreaterThanOrEqual(0);
      expect(p.x + p.width).toBeLessThanOrEqual(ACTOR_MAP_SIZE.width);
      expect(p.y + p.height).toBeLessThanOrEqual(ACTOR_MAP_SIZE.height - 40);
      for (const q of boxes.slice(i + 1)) expect(overlap(p, q)).toBe(false);
    }
  });

  it('wraps names to at most five lines, whole where they fit, with an ellipsis beyond', () => {
    const lines = (svg: string) =>
      [...svg.matchAll(/<text class="bd-am-label"[^>]*>(.*?)<\/text>/g)].map((label) => [
        ...(label[1] ?? '').matchAll(/<tspan[^>]*>(.*?)<\/tspan>/g),
      ]);
    // The default size and a 4:3 slide's body: at 16 px and more, the longest names take five lines.
    for (const size of [ACTOR_MAP_SIZE, { width: 920, height: 582 }]) {
      const svg = renderActorMap(network(12), size).svg;
      for (const label of lines(svg)) expect(label.length).toBeLessThanOrEqual(5);
      expect(svg).not.toContain('…</tspan>');
    }
    const endless = `The ${'very '.repeat(40)}long name`;
    const svg = renderActorMap([
      { name: endless, stance: 'neutral', relations: [{ with: 'Other', type: 'rivalry' }] },
      { name: 'Other', stance: 'neutral', relations: [] },
    ]).svg;
    expect(lines(svg)[0]?.length).toBeLessThanOrEqual(5);
    expect(svg).toContain('…</tspan>');
    // The full name is kept in the box's tooltip.
    expect(svg).toContain(`<title>${endless} (neutral)</title>`);
  });

  it(`shows the ${MAX_MAP_ACTORS} most connected actors and lists the rest`, () => {
    const actors = network(12);
    const extra: MapActor[] = [
      { name: 'Loner', stance: 'neutral', relations: [] },
      { name: 'Second loner', stance: 'neutral', relations: [{ with: 'Loner', type: 'rivalry' }] },
      {
        name: 'Hub',
        stance: 'hostile',
        relations: actors.slice(0, 6).map((a) => ({ with: a.name, type: 'conflict' as const })),
      },
    ];
    const map = renderActorMap([...actors, ...extra]);
    expect(map.shown).toHaveLength(MAX_MAP_ACTORS);
    expect(map.shown).toContain('Hub');
    expect(map.omitted).toEqual(
      [...actors.map((a) => a.name), 'Loner', 'Second loner'].filter((name) => !map.shown.includes(name)),
    );
    expect(map.omitted).toEqual(expect.arrayContaining(['Loner', 'Second loner']));
    expect(map.omitted).toHaveLength(3);
    expect(nodes(map.svg)).toHaveLength(MAX_MAP_ACTORS);
    expect(describeActorMap([...actors, ...extra])).toContain(`Not shown: ${map.omitted.join('; ')}.`);
  });

  it('does not draw relations to actors not shown', () => {
    const actors = network(12);
    const hidden: MapActor = {
      name: 'Hidden',
      stance: 'neutral',
      relations: [{ with: actors[0]?.name as string, type: 'support' }],
    };
    const map = renderActorMap([...actors, hidden]);
    expect(map.omitted).toEqual(['Hidden']);
    const alone = renderActorMap(actors);
    expect(edges(graphPart(map.svg))).toHaveLength(edges(graphPart(alone.svg)).length);
    expect(graphPart(map.svg).replace(/<desc .*<\/desc>/, '')).not.toContain('Hidden');
    expect(map.description).toContain('Relations not drawn: Hidden — support →');
  });

  it('escapes names and keeps them out of attributes', () => {
    const evil = '<script>alert("xyzzy")</script> & \'qq\'';
    const map = renderActorMap([
      { name: evil, stance: 'hostile', relations: [{ with: 'Other "plugh"', type: 'conflict' }] },
      { name: 'Other "plugh"', stance: 'friendly', relations: [] },
    ]);
    expectSafeSvg(map.svg);
    expect(map.svg).toContain('&lt;script&gt;');
    expect(map.svg).toContain('&amp;');
    expect(map.svg).toContain('Other &quot;plugh&quot;');
    expect(map.shown).toEqual([evil, 'Other "plugh"']);
    // No user text inside any attribute value.
    for (const attr of map.svg.matchAll(/="([^"]*)"/g)) expect(attr[1]).not.toMatch(/xyzzy|plugh|qq/);
  });

  it('is deterministic', () => {
    expect(renderActorMap(network(12)).svg).toBe(renderActorMap(network(12)).svg);
    expect(renderActorMap(ACTORS).svg).toBe(renderActorMap(ACTORS).svg);
  });

  it('describes the relations, stances and omissions in words', () => {
    const text = describeActorMap(ACTORS);
    expect(text).toBe(
      `Relations: ${IS} — conflict — ${DMSC}; ${IS} — conflict — ${PEOPLE}; ${DMSC} — alliance — ${LNA}; ` +
        `${DMSC} — rivalry — ${GOV}; ${LNA} — support → ${GOV}; ${UN} — support → ${GOV}. ` +
        `Hostile: ${IS}. Mixed: ${DMSC}. Neutral: ${PEOPLE}; ${UN}. Friendly: ${LNA}; ${GOV}.`,
    );
    const map = renderActorMap(ACTORS);
    expect(map.svg).toContain(`<desc id="bd-am-desc">${escapeXml(text)}</desc>`);
    expect(map.svg).toMatch(/^<svg [^>]*aria-labelledby="bd-am-title bd-am-desc"/);
  });

  it('has a legend for relation types and stances, which can be left out', () => {
    const svg = renderActorMap(ACTORS).svg;
    for (const word of [
      'Conflict',
      'Alliance',
      'Support',
      'Rivalry',
      'Hostile',
      'Mixed',
      'Neutral',
      'Friendly',
    ]) {
      expect(svg).toMatch(new RegExp(`class="bd-am-legend-text"[^>]*>${word}`));
    }
    expect(renderActorMap(ACTORS, { legend: false }).svg).not.toContain('bd-am-legend');
  });

  // Found by a trial: at 4:3 the one-line legend ran 3 px past the map ("Friendl"), since the line
  // was judged to fit without the gap it is drawn with between relations and stances.
  it('keeps its legend inside the map at every width, on two lines where one would not fit', () => {
    for (let width = 800; width <= 1200; width += 4) {
      const svg = renderActorMap(ACTORS, { width, height: 520 }).svg;
      const legend = /<g class="bd-am-legend"[\s\S]*<\/g><\/svg>$/.exec(svg)?.[0] ?? '';
      const texts = [...legend.matchAll(/<text [^>]*x="([\d.-]+)"[^>]*>([^<]+)</g)];
      expect(texts.length, `${width}`).toBe(8);
      const right = Math.max(...texts.map((m) => Number(m[1]) + textWidth(m[2] as string, 16)));
      expect(right, `${width}`).toBeLessThanOrEqual(width);
      expect(Math.min(...texts.map((m) => Number(m[1]))), `${width}`).toBeGreaterThanOrEqual(0);
    }
  });

  it('lists in its legend only the relation types and stances the map draws', () => {
    const svg = renderActorMap([
      { name: 'A', stance: 'hostile', relations: [{ with: 'B', type: 'conflict' }] },
      { name: 'B', stance: 'friendly', relations: [] },
      // No relation: drawn in the row under the graph, its stance in the legend.
      { name: 'C', stance: 'neutral', relations: [] },
    ]).svg;
    const legend = [...svg.matchAll(/class="bd-am-legend-text"[^>]*>(\w+)/g)].map((m) => m[1]);
    expect(legend).toEqual(['Conflict', 'Hostile', 'Neutral', 'Friendly']);
  });

  it('uses ids that do not collide with the risk matrix or a second map', () => {
    const ids = (svg: string) => [...svg.matchAll(/\sid="([^"]+)"/g)].map((m) => m[1]);
    const all = [
      ...ids(renderActorMap(ACTORS).svg),
      ...ids(renderActorMap(ACTORS, { idPrefix: 'map2-' }).svg),
      ...ids(renderRiskMatrix(RISKS)),
    ];
    expect(new Set(all).size).toBe(all.length);
  });
});

/* ── actor map: crossings, overlaps, the row of actors without relations ── */

interface Point {
  x: number;
  y: number;
}

const centreOf = (box: Rect): Point => ({ x: box.x + box.width / 2, y: box.y + box.height / 2 });

/** Twice the signed area of a, b, c. */
const turn = (a: Point, b: Point, c: Point) => (b.x - a.x) * (c.y - a.y) - (b.y - a.y) * (c.x - a.x);

/** Whether segments ab and cd cross at a point inside both. */
function crosses(a: Point, b: Point, c: Point, d: Point): boolean {
  const [d1, d2, d3, d4] = [turn(c, d, a), turn(c, d, b), turn(a, b, c), turn(a, b, d)];
  return d1 * d2 < 0 && d3 * d4 < 0;
}

/** Whether segment ab passes through `box` grown by `margin`. */
function through(a: Point, b: Point, box: Rect, margin: number): boolean {
  const steps = 400;
  for (let k = 0; k <= steps; k++) {
    const x = a.x + ((b.x - a.x) * k) / steps;
    const y = a.y + ((b.y - a.y) * k) / steps;
    if (contains(box, x, y, margin)) return true;
  }
  return false;
}

/** Points along an edge path (`M…L…` or `M…Q…`). */
function pathPoints(d: string, count = 60): Point[] {
  const n = (d.match(/-?\d+(\.\d+)?/g) ?? []).map(Number);
  const [x0, y0] = n as [number, number];
  const [x2, y2] = n.slice(-2) as [number, number];
  const [cx, cy] = n.length === 6 ? (n.slice(2, 4) as [number, number]) : [(x0 + x2) / 2, (y0 + y2) / 2];
  return Array.from({ length: count + 1 }, (_, k) => {
    const t = k / count;
    return {
      x: (1 - t) ** 2 * x0 + 2 * (1 - t) * t * cx + t ** 2 * x2,
      y: (1 - t) ** 2 * y0 + 2 * (1 - t) * t * cy + t ** 2 * y2,
    };
  });
}

function distanceToSegment(p: Point, a: Point, b: Point): number {
  const length2 = (b.x - a.x) ** 2 + (b.y - a.y) ** 2;
  const t =
    length2 > 0
      ? Math.max(0, Math.min(1, ((p.x - a.x) * (b.x - a.x) + (p.y - a.y) * (b.y - a.y)) / length2))
      : 0;
  return Math.hypot(p.x - (a.x + t * (b.x - a.x)), p.y - (a.y + t * (b.y - a.y)));
}

const distanceToBox = (p: Point, box: Rect) =>
  Math.hypot(
    Math.max(box.x - p.x, 0, p.x - box.x - box.width),
    Math.max(box.y - p.y, 0, p.y - box.y - box.height),
  );

/**
 * The drawn graph: boxes on it (not in the row of actors without relations)
 * and its edges as pairs of box indices, each edge's ends being the boxes
 * nearest its path's ends. A pair linked twice counts once.
 */
function drawnGraph(svg: string): { boxes: Node[]; pairs: [number, number][] } {
  const graph = graphPart(svg).replace(/<g class="bd-am-row">.*$/, '');
  const boxes = nodes(graph);
  const nearest = (p: Point) =>
    boxes.reduce(
      (best, box, i) => (distanceToBox(p, box) < distanceToBox(p, boxes[best] as Node) ? i : best),
      0,
    );
  const keys = new Set<string>();
  const pairs: [number, number][] = [];
  for (const edge of edges(graph)) {
    const points = pathPoints(edge.d);
    const a = nearest(points[0] as Point);
    const b = nearest(points[points.length - 1] as Point);
    const key = `${Math.min(a, b)}|${Math.max(a, b)}`;
    if (keys.has(key)) continue;
    keys.add(key);
    pairs.push([a, b]);
  }
  return { boxes, pairs };
}

/** Crossings of the straight lines between box centres, and lines passing through a third box. */
function conflicts(
  centres: Point[],
  boxes: Rect[],
  pairs: [number, number][],
): { crossings: number; through: number } {
  let crossings = 0;
  let throughBoxes = 0;
  pairs.forEach(([a, b], e) => {
    for (const [c, d] of pairs.slice(e + 1)) {
      if (c === a || c === b || d === a || d === b) continue;
      if (crosses(centres[a] as Point, centres[b] as Point, centres[c] as Point, centres[d] as Point))
        crossings++;
    }
    boxes.forEach((box, w) => {
      if (w === a || w === b) return;
      const moved = {
        ...box,
        x: (centres[w] as Point).x - box.width / 2,
        y: (centres[w] as Point).y - box.height / 2,
      };
      if (through(centres[a] as Point, centres[b] as Point, moved, HIT_MARGIN)) throughBoxes++;
    });
  });
  return { crossings, through: throughBoxes };
}

/** Graphs to lay out: the sample's, a star, a ring with chords, and some made up from a fixed seed. */
function testGraphs(): [string, MapActor[]][] {
  let seed = 11;
  const random = () => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed / 2147483648;
  };
  const made: [string, MapActor[]][] = [];
  for (let g = 0; g < 4; g++) {
    const count = 6 + Math.floor(random() * 7);
    const names = Array.from(
      { length: count },
      (_, i) => `Actor ${i + 1}${i % 3 === 0 ? ' with a longer name' : ''}`,
    );
    const actors: MapActor[] = names.map((name, i) => ({
      name,
      stance: STANCES[i % 4] as Stance,
      relations: [],
    }));
    for (let k = 0; k < count * 1.5; k++) {
      const a = Math.floor(random() * count);
      const b = Math.floor(random() * count);
      if (a !== b)
        actors[a]?.relations.push({ with: names[b] as string, type: TYPES[k % 4] as RelationType });
    }
    made.push([`made-up graph ${g + 1} (${count} actors)`, actors]);
  }
  return [
    ['the sample', ACTORS],
    ['a ring with chords', network(12)],
    ['a smaller ring', network(9)],
    ...made,
  ];
}

describe('the actor map layout', () => {
  it.each(testGraphs())(
    '%s: no crossing that swapping two actors would remove without running an edge through a box',
    (_, actors) => {
      for (const size of [ACTOR_MAP_SIZE, { width: 920, height: 530 }]) {
        const { boxes, pairs } = drawnGraph(renderActorMap(actors, size).svg);
        const centres = boxes.map(centreOf);
        const here = conflicts(centres, boxes, pairs);
        for (let i = 0; i < boxes.length; i++) {
          for (let j = i + 1; j < boxes.length; j++) {
            const swapped = [...centres];
            [swapped[i], swapped[j]] = [centres[j] as Point, centres[i] as Point];
            const there = conflicts(swapped, boxes, pairs);
            if (there.crossings < here.crossings)
              expect(there.through, `${size.width}: ${boxes[i]?.name} ↔ ${boxes[j]?.name}`).toBeGreaterThan(
                here.through,
              );
          }
        }
      }
    },
  );

  it("draws the sample's actors and a ring with chords without crossings or edges through boxes", async () => {
    const briefing = await readBriefing('briefing.yaml', ROOT);
    for (const actors of [briefing.actors, ACTORS, network(6)]) {
      const { boxes, pairs } = drawnGraph(renderActorMap(actors).svg);
      expect(conflicts(boxes.map(centreOf), boxes, pairs)).toEqual({ crossings: 0, through: 0 });
    }
  });

  it.each(testGraphs())('%s: no label over another label, a box or an edge', (_, actors) => {
    for (const size of [ACTOR_MAP_SIZE, { width: 920, height: 530 }]) {
      const svg = renderActorMap(
        [...actors, { name: 'Standing aside', stance: 'neutral', relations: [] }],
        size,
      ).svg;
      const boxes = nodes(svg);
      for (const [i, p] of boxes.entries()) {
        for (const q of boxes.slice(i + 1)) expect(overlap(p, q), `${p.name} / ${q.name}`).toBe(false);
        // Each label fits its box: the box is as wide as its longest line.
        expect(p.width).toBeGreaterThan(0);
      }
      const drawn = edges(graphPart(svg)).map((edge) => pathPoints(edge.d));
      // Edges run clear of every box but their own two (their ends stop at the borders).
      for (const points of drawn) {
        const inner = points.slice(3, -3);
        const own = boxes.filter((box) =>
          [points[0], points[points.length - 1]].some((p) => distanceToBox(p as Point, box) < 20),
        );
        for (const box of boxes) {
          if (own.includes(box)) continue;
          for (const p of inner) expect(contains(box, p.x, p.y), box.name).toBe(false);
        }
      }
      // The ✕ of a conflict: clear of other edges, of boxes and of each other.
      const marks = elements(graphPart(svg), 'circle', 'bd-am-halo').map((m) => ({
        x: Number(m.cx),
        y: Number(m.cy),
        r: Number(m.r),
      }));
      for (const [i, mark] of marks.entries()) {
        for (const box of boxes) expect(distanceToBox(mark, box)).toBeGreaterThan(mark.r);
        for (const other of marks.slice(i + 1))
          expect(Math.hypot(mark.x - other.x, mark.y - other.y)).toBeGreaterThan(2 * mark.r);
        const onIt = drawn.filter((points) =>
          points.some((p, k) => k > 0 && distanceToSegment(mark, points[k - 1] as Point, p) < 1),
        );
        for (const points of drawn) {
          if (onIt.includes(points)) continue;
          for (const p of points) expect(Math.hypot(p.x - mark.x, p.y - mark.y)).toBeGreaterThan(mark.r);
        }
      }
      // The row's caption (when a row is drawn: with more actors than fit, the one standing aside is left off) stands clear of the boxes.
      const caption = /<text class="bd-am-row-caption" x="([\d.]+)" y="([\d.]+)"[^>]*>([^<]*)</.exec(svg);
      const [x, y] = [Number(caption?.[1]), Number(caption?.[2])];
      const text = { x, y: y - 8, width: caption ? captionWidth(caption[3] ?? '') : 0, height: 16 };
      for (const box of boxes) expect(overlap(text, box), box.name).toBe(false);
    }
  });

  it('sets actors without relations apart, in a labelled row under the graph', () => {
    const svg = renderActorMap([...ACTORS, { name: 'Bystanders', stance: 'neutral', relations: [] }]).svg;
    const row = /<g class="bd-am-row">(.*?)<\/g><\/g>/.exec(svg)?.[1] ?? '';
    expect(row).toContain('>NO STATED RELATIONS</text>');
    expect(nodes(row).map((node) => node.name)).toEqual(['Bystanders']);
    const bystanders = nodes(row)[0] as Node;
    const rule = Number(/class="bd-am-row-rule" d="M0 ([\d.]+)H/.exec(row)?.[1]);
    expect(bystanders.y).toBeGreaterThan(rule);
    for (const node of nodes(graphPart(svg).replace(/<g class="bd-am-row">.*$/, ''))) {
      expect(node.y + node.height).toBeLessThan(rule);
    }
    // Without such actors there is no row.
    expect(renderActorMap(ACTORS).svg).not.toContain('bd-am-row');
  });

  it('takes the size it is shown at, and stays inside it', () => {
    for (const size of [
      { width: 1152, height: 522 },
      { width: 920, height: 570 },
    ]) {
      const map = renderActorMap(network(12), size);
      expect(map.svg).toContain(`viewBox="0 0 ${size.width} ${size.height}"`);
      for (const box of nodes(map.svg)) {
        expect(box.x).toBeGreaterThanOrEqual(0);
        expect(box.x + box.width).toBeLessThanOrEqual(size.width);
        expect(box.y + box.height).toBeLessThanOrEqual(size.height - 40);
      }
      for (const edge of edges(graphPart(map.svg))) {
        for (const p of pathPoints(edge.d)) {
          expect(p.x).toBeGreaterThanOrEqual(0);
          expect(p.x).toBeLessThanOrEqual(size.width);
          expect(p.y).toBeGreaterThanOrEqual(0);
        }
      }
    }
  });
});

describe('wrapText', () => {
  const measure = (text: string) => text.length * 10;

  it('wraps at spaces, breaks over-long words and ends with an ellipsis past the last line', () => {
    expect(wrapText('aa bb cc', 50, measure, 3)).toEqual(['aa bb', 'cc']);
    expect(wrapText('abcdefghij', 40, measure, 3)).toEqual(['abcd', 'efgh', 'ij']);
    expect(wrapText('aaaa bbbb cccc dddd', 40, measure, 2)).toEqual(['aaaa', 'bbb…']);
  });

  // A review: French typography's no-break spaces were broken at, leaving "» : DMSC" on a line.
  it('never breaks at a no-break space', () => {
    expect(wrapText('Conseil «\u202Fchoura\u202F»\u00A0: DMSC', 120, measure, 3)).toEqual([
      'Conseil',
      '«\u202Fchoura\u202F»\u00A0:',
      'DMSC',
    ]);
  });
});
