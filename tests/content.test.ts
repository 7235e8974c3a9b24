import { describe, expect, it } from 'vitest';
import { readBriefing } from '../src/build.js';
import { buildContent } from '../src/content/index.js';
import type { Briefing } from '../src/format/briefing.js';
import { buildHandoutModel } from '../src/outputs/handout/index.js';
import { mailContent } from '../src/outputs/mail/index.js';
import { deckModelOf, ROOT } from './_helpers.js';

const sample = () => readBriefing('briefing.yaml', ROOT);

describe('buildContent', () => {
  it('links each citation where its output asks: the sources slide, the source entry, or nowhere', async () => {
    const briefing = await sample();
    const cited = (content: ReturnType<typeof buildContent>) =>
      content.bluf.map((item) => item.html).find((html) => html.includes('[1]')) as string;
    expect(cited(buildContent(briefing))).toContain('href="#/sources"');
    expect(cited(buildContent(briefing, (n) => `#source-${n}`))).toContain('href="#source-1"');
    const plain = cited(buildContent(briefing, null));
    expect(plain).toContain('[1]');
    expect(plain).not.toContain('<a');
  });

  it('keeps every item of the briefing, in order, with its YAML path', async () => {
    const briefing = await sample();
    const content = buildContent(briefing);
    expect(content.bluf.map((item) => item.markdown)).toEqual(briefing.bluf);
    expect(content.actors.map((actor) => actor.name)).toEqual(briefing.actors.map((actor) => actor.name));
    expect(content.risks.map((risk) => risk.yamlPath)).toEqual(briefing.risks.map((_, i) => `risks[${i}]`));
    expect(content.recommendations.map((rec) => rec.number)).toEqual(
      briefing.recommendations.map((_, i) => i + 1),
    );
    expect(content.situation.paragraphs.map((p) => p.html).join('\n')).toBe(content.situation.summaryHtml);
  });

  it('renders nothing twice: the slides show the content items as they are', async () => {
    const briefing = await sample();
    const model = deckModelOf(briefing);
    const content = buildContent(briefing);
    const shownRisks = model.slides.flatMap((slide) => (slide.kind === 'risks' ? slide.risks : []));
    expect(shownRisks.map((risk) => risk.detailHtml)).toEqual(content.risks.map((risk) => risk.detailHtml));
    const shownActors = model.slides.flatMap((slide) => (slide.kind === 'actors' ? slide.actors : []));
    expect(shownActors).toEqual(content.actors);
  });
});

describe('outputs read the content model', () => {
  it('the handout gets every item whole, however the slides split them', async () => {
    const briefing: Briefing = await readBriefing('tests/fixtures/long.yaml', ROOT);
    const model = deckModelOf(briefing);
    expect(model.slides.filter((slide) => slide.kind === 'risks').length).toBeGreaterThan(1);
    const handout = buildHandoutModel(
      buildContent(briefing, (n) => `#source-${n}`),
      model,
    );
    const units = (id: string, kind: string) =>
      handout.body.find((section) => section.id === id)?.units.filter((unit) => unit.kind === kind) ?? [];
    expect(units('risks', 'risk')).toHaveLength(briefing.risks.length);
    expect(handout.riskOverview?.key.map((entry) => entry.number)).toEqual(
      briefing.risks.map((_, i) => i + 1),
    );
    expect(units('timeline', 'timeline')).toHaveLength(briefing.timeline.length);
    expect(units('sources', 'sources')).toHaveLength(briefing.sources.length);
  });

  it('the mail says the bottom line in plain numbers, HTML and text', async () => {
    const briefing = await sample();
    const mail = mailContent(briefing);
    expect(mail.bottomLine).toHaveLength(briefing.bluf.length);
    expect(mail.bottomLine.map((line) => line.html).join('')).not.toContain('href="#');
    expect(mail.bottomLine.some((line) => /\[\d\]/.test(line.text))).toBe(true);
  });
});
