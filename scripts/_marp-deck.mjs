/**
 * Turns a briefing (briefing.yaml) into a Marp Markdown deck with the same
 * content, for the benchmark (scripts/bench.mjs): Marp CLI converts this deck
 * while briefdeck builds the YAML, so both tools render the same text volume.
 *
 * One Marp slide (or a few, where briefdeck would split a long list) per
 * section: title, bottom line up front, situation (summary and points),
 * timeline as a list, actors as a table, risks as a table then one slide per
 * risk (detail and indicators), recommendations as a list, sources. Speaker
 * notes become HTML comments, which Marp keeps as presenter notes.
 *
 * It is not meant to be pretty, only comparable. It does not validate the
 * file: that is briefdeck's job.
 */
import { copyFile, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { parse } from 'yaml';

/**
 * Items per slide for lists that briefdeck splits over continuation slides.
 * Marp does not split a slide that overflows (it clips it), so these only
 * keep a long briefing at roughly briefdeck's slide count; the sample fits
 * one slide per section, as it does in briefdeck.
 */
const PER_SLIDE = { timeline: 8, actors: 8, recommendations: 4 };

/**
 * Writes the Marp deck for the briefing at `yamlPath` into the folder `dir`
 * as `deck.md`, with a copy of its logo (if `deck.logo` names one) beside it.
 * Returns the deck's path, its Markdown, its slide count, and whether it
 * uses a local file (Marp CLI then needs --allow-local-files for a PDF).
 */
export async function writeMarpDeck(yamlPath, dir) {
  const briefing = parse(await readFile(yamlPath, 'utf8'));
  let logo;
  const logoPath = briefing?.deck?.logo;
  if (typeof logoPath === 'string' && logoPath) {
    logo = `logo${path.extname(logoPath)}`;
    await copyFile(path.resolve(path.dirname(yamlPath), logoPath), path.join(dir, logo));
  }
  const markdown = marpDeck(briefing, { logo });
  const deckPath = path.join(dir, 'deck.md');
  await writeFile(deckPath, markdown);
  return { deckPath, markdown, slides: countSlides(markdown), localFiles: !!logo };
}

/** Number of slides in a Marp deck written by `marpDeck`. */
export function countSlides(markdown) {
  return markdown.split('\n---\n').length - 1; // minus the front matter
}

/**
 * The Marp Markdown for a parsed briefing object. `options.logo` is the
 * logo's path relative to the deck (briefdeck shows the logo on the title
 * slide and small on every slide; so does this deck).
 */
export function marpDeck(briefing, options = {}) {
  const b = briefing ?? {};
  const sources = Array.isArray(b.sources) ? b.sources : [];
  const cite = citer(sources);
  const notes = b.notes ?? {};
  const slides = [];
  const add = (lines, note) => slides.push({ lines, note });

  // Title
  const source = b.source ?? {};
  const sourceLine = [source.title, source.publisher, source.author, source.date && String(source.date)]
    .filter(Boolean)
    .join(', ');
  add(
    [
      b.classification && `**${text(b.classification)}**\n`,
      options.logo && `![h:120](${options.logo})\n`,
      `# ${text(b.title)}`,
      b.subtitle && `## ${text(b.subtitle)}`,
      [b.author, b.organization, b.date && String(b.date)].filter(Boolean).map(text).join(' · '),
      sourceLine && `Source: ${text(sourceLine)}`,
    ],
    notes.title,
  );

  // Bottom line up front
  if (Array.isArray(b.bluf) && b.bluf.length) {
    add(['## Bottom line up front', '', ...b.bluf.map((item, i) => `${i + 1}. ${cite(item)}`)], notes.bluf);
  }

  // Situation: the summary and the points
  const situation = b.situation ?? {};
  const points = Array.isArray(situation.points) ? situation.points : [];
  add(
    ['## Situation', '', cite(block(situation.summary)), '', ...points.map((p) => `- ${cite(p)}`)],
    notes.situation,
  );

  // Timeline as a list
  const timeline = Array.isArray(b.timeline) ? b.timeline : [];
  chunks(timeline, PER_SLIDE.timeline).forEach((page, i, all) => {
    add(
      [
        `## Timeline${part(i, all)}`,
        '',
        ...page.map(
          (e) => `- **${text(e.date)}**: ${cite(e.event)}${e.place ? ` _(${text(e.place)})_` : ''}`,
        ),
      ],
      i === 0 ? notes.timeline : undefined,
    );
  });

  // Actors: the relations (briefdeck draws them as a map), then a table
  const actors = Array.isArray(b.actors) ? b.actors : [];
  const relations = actors.flatMap((a) =>
    (Array.isArray(a.relations) ? a.relations : []).map(
      (r) => `${cell(a.name)} | ${cell(r.type)} | ${cell(r.with)}`,
    ),
  );
  if (relations.length) {
    add(
      [
        '## Actor map',
        '',
        '| Actor | Relation | With |',
        '|---|---|---|',
        ...relations.map((r) => `| ${r} |`),
      ],
      notes.actors,
    );
  }
  chunks(actors, PER_SLIDE.actors).forEach((page, i, all) => {
    add(
      [
        `## Actors${part(i, all)}`,
        '',
        '| Actor | Kind | Stance | Role |',
        '|---|---|---|---|',
        ...page.map(
          (a) =>
            `| ${cell(a.name)} | ${cell(a.kind)} | ${cell(a.stance ?? 'neutral')} | ${cell(cite(a.role))} |`,
        ),
      ],
      [
        !relations.length && i === 0 ? notes.actors : undefined,
        ...page.map((a) => itemNote(a.name, a.notes)),
      ],
    );
  });

  // Risks: a table, then one slide per risk with its detail and indicators
  const risks = Array.isArray(b.risks) ? b.risks : [];
  add(
    [
      '## Risk assessment',
      '',
      '| Risk | Likelihood | Impact | Confidence |',
      '|---|---|---|---|',
      ...risks.map(
        (r) =>
          `| ${cell(r.title)} | ${cell(r.likelihood)} | ${cell(r.impact)} | ${cell(r.confidence ?? '')} |`,
      ),
    ],
    notes.risks,
  );
  for (const r of risks) {
    const indicators = Array.isArray(r.indicators) ? r.indicators : [];
    add(
      [
        `## Risk: ${text(r.title)}`,
        '',
        `Likelihood: **${text(r.likelihood)}** · Impact: **${text(r.impact)}**${r.confidence ? ` · Confidence: ${text(r.confidence)}` : ''}`,
        '',
        cite(block(r.detail)),
        ...(indicators.length ? ['', '**Indicators**', '', ...indicators.map((x) => `- ${cite(x)}`)] : []),
      ],
      r.notes,
    );
  }

  // Recommendations as a list
  const recommendations = Array.isArray(b.recommendations) ? b.recommendations : [];
  chunks(recommendations, PER_SLIDE.recommendations).forEach((page, i, all) => {
    const first = i * PER_SLIDE.recommendations;
    add(
      [
        `## Recommendations${part(i, all)}`,
        '',
        ...page.flatMap((r, j) => {
          const meta = [r.priority && `priority ${r.priority}`, r.owner, r.timeframe]
            .filter(Boolean)
            .map(text)
            .join(' · ');
          return [
            `${first + j + 1}. ${cite(r.action)}${meta ? ` _(${meta})_` : ''}`,
            ...(r.rationale ? [`   ${cite(block(r.rationale)).replace(/\n/g, '\n   ')}`] : []),
          ];
        }),
      ],
      [
        i === 0 ? notes.recommendations : undefined,
        ...page.map((r) => itemNote(stripMarkdown(r.action), r.notes)),
      ],
    );
  });

  // Sources
  if (sources.length) {
    add(
      [
        '## Sources',
        '',
        ...sources.map((s, i) => {
          const rest = [s.author, s.publisher, s.date && String(s.date), s.url]
            .filter(Boolean)
            .map(text)
            .join(', ');
          return `${i + 1}. ${text(s.title)}${rest ? `, ${rest}` : ''}`;
        }),
      ],
      notes.sources,
    );
  }

  const aspect = b.deck?.aspect === '4:3' ? '4:3' : '16:9';
  const front = [
    '---',
    'marp: true',
    `size: ${aspect}`,
    'paginate: true',
    `title: ${JSON.stringify(text(b.title))}`,
  ];
  const footer = [options.logo && `![h:28](${options.logo})`, b.classification && text(b.classification)];
  if (b.classification) front.push(`header: ${JSON.stringify(text(b.classification))}`);
  if (footer.some(Boolean)) front.push(`footer: ${JSON.stringify(footer.filter(Boolean).join(' '))}`);
  const accent = text(b.deck?.accent);
  if (/^(#[0-9a-f]{3}|#[0-9a-f]{6}|[a-z]+)$/i.test(accent)) {
    front.push('style: |', `  h1, h2, strong { color: ${accent}; }`);
  }
  front.push('---');
  const body = slides.map(({ lines, note }) => {
    const out = lines.filter((line) => typeof line === 'string').join('\n');
    const noteText = (Array.isArray(note) ? note : [note]).filter(Boolean).map(block).join('\n\n');
    return noteText ? `${out}\n\n<!--\n${noteText.replace(/--/g, '- -')}\n-->` : out;
  });
  return `${front.join('\n')}\n\n${body.join('\n\n---\n\n')}\n`;
}

/** Replaces `[@id]` citations by `[n]`, numbered in the order of the sources list. */
function citer(sources) {
  const numbers = new Map(sources.map((s, i) => [String(s.id), i + 1]));
  return (value) =>
    text(value).replace(/\[@([a-z0-9-]+)\]/g, (_, id) =>
      numbers.has(id) ? `[${numbers.get(id)}]` : `[${id}]`,
    );
}

function text(value) {
  return value === undefined || value === null ? '' : String(value);
}

function block(value) {
  return text(value).trim();
}

/** A Markdown table cell: one line, pipes escaped. */
function cell(value) {
  return text(value)
    .trim()
    .replace(/\s*\n\s*/g, ' ')
    .replace(/\|/g, '\\|');
}

function stripMarkdown(value) {
  return text(value).replace(/[*_`]/g, '');
}

function itemNote(name, note) {
  return note ? `${stripMarkdown(name).trim().replace(/[.:]$/, '')}: ${block(note)}` : undefined;
}

function chunks(items, size) {
  const out = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** " (2/3)" on continuation slides, nothing when the list fits on one. */
function part(index, all) {
  return all.length > 1 ? ` (${index + 1}/${all.length})` : '';
}
