/**
 * Turns a briefing (briefing.yaml) into a Marp Markdown deck with the same
 * content, for the benchmark (scripts/bench.mjs): Marp CLI converts this deck
 * while briefdeck builds the YAML, so both tools render the same text volume.
 *
 * One Marp slide (or a few, where briefdeck would split a long list) per
 * section: title, bottom line up front, situation (summary, then points),
 * timeline as a list, actors as a table, risks as a table then one slide per
 * risk (detail and indicators), recommendations as a list, sources. Speaker
 * notes become HTML comments, which Marp keeps as presenter notes.
 *
 * It is not meant to be pretty, only comparable. It does not validate the
 * file: that is briefdeck's job.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { parse } from 'yaml';

/** Items per slide for lists that briefdeck splits over continuation slides. */
const PER_SLIDE = { timeline: 4, actors: 4, recommendations: 3, points: 6 };

/** Reads a briefing YAML file and returns the equivalent Marp Markdown. */
export async function marpDeckFromFile(yamlPath) {
  const briefing = parse(await readFile(yamlPath, 'utf8'));
  return marpDeck(briefing);
}

/** Writes the Marp deck for `yamlPath` to `mdPath`; returns the number of slides. */
export async function writeMarpDeck(yamlPath, mdPath) {
  const markdown = await marpDeckFromFile(yamlPath);
  await writeFile(mdPath, markdown);
  return countSlides(markdown);
}

/** Number of slides in a Marp deck written by `marpDeck`. */
export function countSlides(markdown) {
  return markdown.split('\n---\n').length - 1; // minus the front matter
}

/** The Marp Markdown for a parsed briefing object. */
export function marpDeck(briefing) {
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

  // Situation: the summary, then the points
  const situation = b.situation ?? {};
  add(['## Situation', '', cite(block(situation.summary))], notes.situation);
  const points = Array.isArray(situation.points) ? situation.points : [];
  chunks(points, PER_SLIDE.points).forEach((page, i, all) => {
    add([`## Situation: key points${part(i, all)}`, '', ...page.map((p) => `- ${cite(p)}`)]);
  });

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
  if (b.classification)
    front.push(
      `header: ${JSON.stringify(text(b.classification))}`,
      `footer: ${JSON.stringify(text(b.classification))}`,
    );
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
  return note ? `${stripMarkdown(name).trim().replace(/[.:]$/, "")}: ${block(note)}` : undefined;
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
