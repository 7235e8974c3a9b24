/**
 * `briefdeck init`: the text of a starter briefing. Every section is there
 * with a short comment on what goes in it (the allowed words are taken from
 * the format's definition, so the comments cannot fall behind it), realistic
 * placeholders to replace, and the line that tells the editor where the JSON
 * Schema is. Pure: the CLI decides where to write it and never overwrites.
 */
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { PACKAGE_ROOT } from '../packageRoot.js';
import {
  ASPECTS,
  CONFIDENCES,
  IMPACTS,
  LIKELIHOODS,
  NOTE_GROUPS,
  PRIORITIES,
  RELATION_TYPES,
  STANCES,
  TLP_LABELS,
  VISUAL_GROUPS,
} from './briefing.js';
import { BUILT_IN_THEMES } from './themes.js';

/** The schema shipped with this installation of briefdeck. */
export const SCHEMA_FILE = path.join(PACKAGE_ROOT, 'schema', 'briefing.schema.json');

/**
 * What to put after `$schema=` in a briefing written to `briefingFile`: a
 * path relative to it when the schema lies in the briefing's folder or below
 * (the briefdeck repository itself, a project with briefdeck in its
 * node_modules), so the folder can move as a whole; otherwise the schema's
 * absolute path (a global install, `npm link`, `npx`), which works wherever
 * the briefing moves on this machine.
 */
export function schemaRefFor(briefingFile: string, schemaFile = SCHEMA_FILE): string {
  const relative = path.relative(path.dirname(path.resolve(briefingFile)), schemaFile);
  if (!relative.startsWith('..') && !path.isAbsolute(relative))
    return `./${relative.split(path.sep).join('/')}`;
  return path.sep === '/' ? schemaFile : pathToFileURL(schemaFile).href;
}

const or = (words: readonly string[]) => `${words.slice(0, -1).join(', ')} or ${words.at(-1)}`;

/** A starter briefing: every section, a comment on each, placeholders to replace. It validates as it is. */
export function starterBriefing(options: { schemaRef?: string } = {}): string {
  const schemaRef = options.schemaRef ?? './schema/briefing.schema.json';
  return [titleAndBottomLine(schemaRef), situationAndAnalysis(), adviceAndDeck()].join('\n');
}

/** The schema line, the title slide's keys, the source, the bottom line and the decisions required. */
function titleAndBottomLine(schemaRef: string): string {
  return `# yaml-language-server: $schema=${schemaRef}
# A briefdeck briefing. Replace every value below with your own, delete the
# optional keys you do not need, and check the file with: briefdeck validate

# The title slide. Only title is required; title and author also go into the PDF.
# language: a BCP 47 tag (en, de, fr, ar...): hyphenation, quotes, dates, direction.
# as_of: when the briefing was true, a date and time with its zone (Z is UTC).
# contact: who to ask, with a name or an e-mail address at least.
# classification is a banner on every slide and page (UNCLASSIFIED, TLP:CLEAR, ...).
# handling: a distribution or caveat line. Without it, a TLP label as the
# classification (${or(TLP_LABELS)})
# gives that label's sharing rule.
title: "What happened, where: the briefing in a few words"
subtitle: One line on why it matters now
date: 2025-01-31
language: en
as_of: 2025-01-31T16:00Z
version: "1.0"
author: Your desk or team
organization: Your organisation
contact:
  name: Your name
  role: Your role
  email: desk@example.org
  phone: "+1 555 0100"
classification: UNCLASSIFIED
handling: Not for onward distribution.

# The report this briefing summarises, credited on the title slide (title is required).
source:
  title: Title of the report you summarise
  publisher: Who published it
  url: https://example.org/report

# Bottom line up front: 1 to 6 key judgments, most important first. In any
# Markdown text, **bold** what matters and cite a source below as [@its-id].
bluf:
  - "The one judgment the audience must remember, in a sentence [@report]."
  - A second key judgment.

# Decisions required of the audience, in the order given, each with who decides.
# deadline: a date, a date and time with its zone, or words; recommendations:
# the numbers of the recommendations below it decides on, counting from 1.
decisions:
  - decision: What the audience must decide, as a question or an instruction.
    by: Who decides
    deadline: 2025-02-07
    recommendations: [1]
`;
}

/** The situation, the timeline, the actors and the risks. */
function situationAndAnalysis(): string {
  const terms = LIKELIHOODS.map((entry) => entry.term);
  return `# What is happening: a summary of one or two short paragraphs, and key facts.
situation:
  summary: |
    What happened, when and where, and why it matters now. Keep it to one or
    two short paragraphs [@report].
  points:
    - A key fact, with a number if there is one.
    - Another key fact.

# Dated events in the order given; dates are shown exactly as written.
timeline:
  - date: 2025-01-10
    event: What happened first.
    place: Where it happened
  - date: Days later
    event: What happened next.

# Who is involved (at least one). stance: ${or(STANCES)} (default neutral).
# relations name another actor of this file; type: ${or(RELATION_TYPES)}.
actors:
  - name: First actor
    kind: armed group
    stance: hostile
    role: Who they are and what they are doing, in a line or two.
    relations:
      - with: Second actor
        type: ${RELATION_TYPES[0]}
  - name: Second actor
    kind: government
    stance: friendly
    role: Who they are and what they are doing.

# What could go wrong (at least one). likelihood: one of the seven ICD 203 terms,
# ${terms.slice(0, 4).join(', ')},
# ${or(terms.slice(4))}, or a percentage such as 70%.
# impact: ${or(IMPACTS)}. confidence (${or(CONFIDENCES)}) is
# your confidence in the judgment, shown apart from the likelihood.
risks:
  - title: The risk in a few words
    likelihood: likely
    impact: high
    confidence: moderate
    detail: Why you judge it so [@report].
    indicators:
      - A sign that the risk is materialising
`;
}

/** The recommendations, the sources, the speaker notes and the deck settings. */
function adviceAndDeck(): string {
  return `# What to do (at least one), in the order you advise it. priority: ${or(PRIORITIES)}.
recommendations:
  - action: What should be done, as an instruction.
    owner: Who should do it
    priority: high
    timeframe: Immediate
    rationale: Why this, and why now.

# Numbered in the order listed; cite them in any Markdown text as [@id].
# id: lowercase letters, digits and hyphens.
sources:
  - id: report
    title: Title of the report you summarise
    publisher: Who published it
    url: https://example.org/report

# Speaker notes (Markdown) for each group of slides: ${NOTE_GROUPS.join(', ')}.
notes:
  title: What to say while the title slide is up.

# theme: ${or(BUILT_IN_THEMES)}, or a CSS file next to this one (it may only load data: URLs).
# aspect: ${or(ASPECTS)}. accent: a CSS colour, quoted when it starts with #.
# logo: a PNG, JPEG or SVG file next to this one.
deck:
  theme: ${BUILT_IN_THEMES[0]}
  aspect: "${ASPECTS[0]}"
  accent: "#1f4e79"
  # logo: logo.svg

# Images next to this file (PNG, JPEG, WebP or SVG), each on its own slide after the group
# named by after: ${or(VISUAL_GROUPS)}. Refer to one in any Markdown text as [@fig:id].
figures: []
#  - id: chart
#    file: chart.png
#    alt: What the image shows, for a reader who cannot see it.
#    caption: One line under the image (Markdown).
#    credit: Who made it, and under which licence
#    after: situation

# Places for the locator map, in decimal degrees. A timeline event whose place names one
# is numbered on the map. kind: city, town, site, incident…
locations:
  - name: A place the briefing names
    lat: 32.767
    lon: 22.639
    kind: city

# The map's area (countries: [LBY], or bbox: [west, south, east, north]; without them it is
# cropped to the places), its title, and the group it follows.
map:
  title: The area of the briefing
  after: situation
`;
}
