/**
 * What a watch rebuild reports, as text: the same lines for the terminal and
 * for the overlay over open decks, made from typed problems and errors.
 */
import { describe, expect, it } from 'vitest';
import { BriefingError, MarkingError, type Problem, RenderError, UsageError } from '../src/errors.js';
import { failureText, overlayState, type RebuildFailure } from '../src/watch/outcome.js';

const problem = (line: number, message: string): Problem => ({
  file: 'brief.yaml',
  line,
  col: 3,
  path: 'risks[0].likelihood',
  message,
});

describe('failureText and overlayState', () => {
  it('lists a briefing’s problems with how many, and keeps the last good deck', () => {
    const failure: RebuildFailure = {
      kind: 'invalid',
      error: new BriefingError([problem(4, '"probable" is not a likelihood term')], 2),
      outDir: 'dist',
    };
    const lines = [
      'brief.yaml:4:3: risks[0].likelihood: "probable" is not a likelihood term',
      '… and 2 more not listed.',
    ];
    expect(failureText(failure)).toEqual({
      problems: lines,
      summary: '3 problems found; the last good deck stays in dist/.',
    });
    expect(overlayState(failure)).toEqual({ problems: lines });
  });

  it('labels every line of another user error, and counts it as one problem', () => {
    const failure: RebuildFailure = {
      kind: 'unbuildable',
      error: new UsageError('title.hbs: Parse error', { hint: 'Fix the partial.' }),
      outDir: '.',
    };
    expect(failureText(failure)).toEqual({
      problems: ['error: title.hbs: Parse error', 'error: Fix the partial.'],
      summary: '1 problem found; the last good deck stays in ./.',
    });
  });

  it('says the deck was put back when it hid its classification', () => {
    const failure: RebuildFailure = {
      kind: 'notReplaced',
      error: new MarkingError('the top banner is hidden', { hint: 'Check the theme.' }),
      outDir: 'out',
    };
    expect(failureText(failure)).toEqual({
      problems: ['error: the top banner is hidden', 'Check the theme.'],
      summary: 'The deck was not replaced; the last good one stays in out/.',
    });
    expect(overlayState(failure)).toEqual({
      problems: ['error: the top banner is hidden', 'Check the theme.'],
    });
  });

  it('shows overflows under --strict as problems of the deck on show, with the PDFs they left stale', () => {
    const failure: RebuildFailure = {
      kind: 'overflow',
      overflows: [{ ...problem(9, 'slide "Risks" overflows by 40px'), hint: 'shorten the text' }],
      stale: [
        { file: 'out/brief.pdf', exists: true },
        { file: 'out/brief-handout.pdf', exists: false },
      ],
      outDir: 'out',
    };
    const lines = [
      'brief.yaml:9:3: risks[0].likelihood: slide "Risks" overflows by 40px; shorten the text',
      'out/brief.pdf is stale: it was made from an earlier save, not the deck now in out/.',
      'out/brief-handout.pdf was not made.',
    ];
    expect(failureText(failure)).toEqual({
      problems: lines,
      summary: '1 slide(s) overflow (--strict); shorten the texts named above.',
    });
    expect(overlayState(failure)).toEqual({ problems: lines, current: true });
  });

  it('gives a failed print as an error, labelled in the overlay as the terminal labels it', () => {
    const failure: RebuildFailure = {
      kind: 'printFailed',
      error: new RenderError('Timed out after 100 ms while trying to print the PDF.', {
        hint: 'Raise --timeout.',
      }),
      stale: [{ file: 'dist/briefing.pdf', exists: true }],
      outDir: 'dist',
    };
    const lines = [
      'Timed out after 100 ms while trying to print the PDF.',
      'Raise --timeout.',
      'dist/briefing.pdf is stale: it was made from an earlier save, not the deck now in dist/.',
    ];
    expect(failureText(failure)).toEqual({ error: lines });
    expect(overlayState(failure)).toEqual({
      problems: [`error: ${lines[0]}`, ...lines.slice(1)],
      current: true,
    });
  });

  it('calls a bug a bug, with its stack', () => {
    const error = new TypeError('x is undefined');
    const text = failureText({ kind: 'bug', error });
    expect(text).toEqual({ error: [`internal error (a bug; please report it): ${error.stack}`] });
  });
});
