/**
 * Watch mode's rebuild loop as a state machine, without files or a browser:
 * the transitions one by one, a model check over any order of saves and job
 * ends (one job at a time, no save lost), and the loop running fake jobs on
 * fake timers (coalescing, the running job's AbortSignal, close).
 */
import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  FIRST_BUILD,
  type JobEnd,
  type LoopEffect,
  type LoopEvent,
  type LoopState,
  RebuildLoop,
  transition,
} from '../src/watch/rebuildLoop.js';

const idle: LoopState = { name: 'idle' };
const running: LoopState = { name: 'running' };
const queued = (winding: boolean, quiet: boolean): LoopState => ({ name: 'queued', winding, quiet });
const closed: LoopState = { name: 'closed' };

describe('transition', () => {
  const cases: [LoopState, LoopEvent, LoopState, LoopEffect[]][] = [
    [FIRST_BUILD, 'quiet', running, ['start']],
    [idle, 'save', queued(false, false), ['wait']],
    [queued(false, false), 'quiet', running, ['start']],
    // A newer save aborts the job under way; the next waits for it to end and for the saves to settle.
    [running, 'save', queued(true, false), ['abort', 'wait']],
    // Saves while queued coalesce: the settle time starts again, nothing more is aborted or started.
    [queued(true, false), 'save', queued(true, false), ['wait']],
    [queued(false, false), 'save', queued(false, false), ['wait']],
    [queued(true, true), 'save', queued(true, false), ['wait']],
    [queued(true, false), 'quiet', queued(true, true), []],
    [queued(true, true), 'done', running, ['start']],
    [queued(true, true), 'again', running, ['start']],
    [queued(true, false), 'done', queued(false, false), []],
    [running, 'done', idle, []],
    // The job saw its file change with no save seen: counted as a save.
    [running, 'again', queued(false, false), ['wait']],
    [running, 'close', closed, ['abort', 'stopWaiting']],
    [queued(true, false), 'close', closed, ['stopWaiting']],
    [idle, 'close', closed, ['stopWaiting']],
    [closed, 'save', closed, []],
    [closed, 'quiet', closed, []],
    [closed, 'done', closed, []],
  ];
  it.each(cases)('%o on %s → %o, %o', (state, event, next, effects) => {
    expect(transition(state, event)).toEqual({ state: next, effects });
  });

  it('ignores what cannot happen in a state', () => {
    expect(transition(idle, 'quiet')).toEqual({ state: idle, effects: [] });
    expect(transition(idle, 'done')).toEqual({ state: idle, effects: [] });
    expect(transition(running, 'quiet')).toEqual({ state: running, effects: [] });
  });

  it('runs one job at a time and builds every save, whatever the order of events', () => {
    // A model of the world around the machine: the settle timer and the one job it may have started.
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom<LoopEvent>('save', 'quiet', 'done', 'again'), { maxLength: 60 }),
        (events) => {
          let state = FIRST_BUILD;
          let timer = false;
          let job: { aborted: boolean } | undefined;
          let lastSaveBuilt = true;
          const step = (event: LoopEvent) => {
            const next = transition(state, event);
            state = next.state;
            for (const effect of next.effects) {
              if (effect === 'wait') timer = true;
              if (effect === 'stopWaiting') timer = false;
              if (effect === 'abort') {
                expect(job).toBeDefined();
                (job as { aborted: boolean }).aborted = true;
              }
              if (effect === 'start') {
                expect(job, 'a job started while another was under way').toBeUndefined();
                job = { aborted: false };
                lastSaveBuilt = true;
              }
            }
          };
          step('quiet');
          for (const event of events) {
            // Only what the world can send: the timer's end while it runs, a job's end while there is one.
            if (event === 'quiet' && !timer) continue;
            if ((event === 'done' || event === 'again') && !job) continue;
            if (event === 'quiet') timer = false;
            if (event === 'done' || event === 'again') job = undefined;
            // A job that ends `again` saw a change: as a save, it must be built.
            if (event === 'save' || event === 'again') lastSaveBuilt = false;
            step(event);
            // A job under way is never one that a newer save made out of date, unless it was aborted.
            if (job && !lastSaveBuilt) expect(job.aborted).toBe(true);
          }
          // Left alone, the loop builds the last save and comes to rest.
          for (let n = 0; n < 10 && state.name !== 'idle'; n++) {
            if (job) {
              job = undefined;
              step('done');
            } else if (timer) {
              timer = false;
              step('quiet');
            }
          }
          expect(state).toEqual(idle);
          expect(lastSaveBuilt).toBe(true);
        },
      ),
    );
  });
});

/** A job the test ends when it wants, and what it was given. */
interface FakeJob {
  signal: AbortSignal;
  end(how?: JobEnd): void;
  fail(error: unknown): void;
}

describe('RebuildLoop', () => {
  const SETTLE = 15;
  let jobs: FakeJob[];
  let running: number;
  let most: number;
  let errors: unknown[];
  let loop: RebuildLoop;

  beforeEach(() => {
    vi.useFakeTimers();
    jobs = [];
    running = 0;
    most = 0;
    errors = [];
    loop = new RebuildLoop({
      settleMs: SETTLE,
      onError: (error) => errors.push(error),
      run: (signal) =>
        new Promise<JobEnd>((resolve, reject) => {
          running += 1;
          most = Math.max(most, running);
          const settle = () => {
            running -= 1;
          };
          jobs.push({
            signal,
            end: (how = 'done') => {
              settle();
              resolve(how);
            },
            fail: (error) => {
              settle();
              reject(error);
            },
          });
        }),
    });
  });

  afterEach(() => {
    vi.useRealTimers();
  });

  /** Lets the job's end reach the loop (promise callbacks), then moves the clock. */
  const flush = async (ms = 0) => {
    await vi.advanceTimersByTimeAsync(ms);
  };

  it('builds at once on start, and `start` settles when that build has ended', async () => {
    let ready = false;
    void loop.start().then(() => {
      ready = true;
    });
    await flush();
    expect(jobs).toHaveLength(1);
    expect(loop.state).toEqual({ name: 'running' });
    expect(ready).toBe(false);
    jobs[0]?.end();
    await flush();
    expect(ready).toBe(true);
    expect(loop.state).toEqual({ name: 'idle' });
  });

  it('waits for the saves of a burst to settle, then builds once', async () => {
    void loop.start();
    await flush();
    jobs[0]?.end();
    await flush();
    for (let n = 0; n < 5; n++) {
      loop.saved();
      await flush(SETTLE - 5);
    }
    expect(jobs).toHaveLength(1);
    expect(loop.state).toEqual(queued(false, false));
    await flush(5);
    expect(jobs).toHaveLength(2);
    expect(loop.state).toEqual({ name: 'running' });
  });

  it('aborts the running job at a newer save, and builds the newest once after it has ended', async () => {
    void loop.start();
    await flush();
    const first = jobs[0] as FakeJob;
    loop.saved();
    expect(first.signal.aborted).toBe(true);
    // More saves while the aborted job winds down: coalesced into the one build to come.
    loop.saved();
    await flush(SETTLE);
    loop.saved();
    await flush(SETTLE * 3);
    expect(jobs).toHaveLength(1);
    expect(loop.state).toEqual(queued(true, true));
    first.end();
    await flush();
    expect(jobs).toHaveLength(2);
    expect(jobs[1]?.signal.aborted).toBe(false);
    jobs[1]?.end();
    await flush(SETTLE * 3);
    expect(jobs).toHaveLength(2);
    expect(most).toBe(1);
    expect(loop.state).toEqual({ name: 'idle' });
  });

  it('waits for the settle time when the aborted job ends first', async () => {
    void loop.start();
    await flush();
    loop.saved();
    jobs[0]?.end();
    await flush();
    expect(jobs).toHaveLength(1);
    await flush(SETTLE);
    expect(jobs).toHaveLength(2);
  });

  it('builds again when a job saw its file change while it read it', async () => {
    void loop.start();
    await flush();
    jobs[0]?.end('again');
    await flush();
    expect(loop.state).toEqual(queued(false, false));
    await flush(SETTLE);
    expect(jobs).toHaveLength(2);
  });

  it('goes on after a job that threw, and hands the error on', async () => {
    void loop.start();
    await flush();
    const bug = new Error('a bug');
    jobs[0]?.fail(bug);
    await flush();
    expect(errors).toEqual([bug]);
    expect(loop.state).toEqual({ name: 'idle' });
    loop.saved();
    await flush(SETTLE);
    expect(jobs).toHaveLength(2);
  });

  it('on close, aborts the job under way, settles when it has ended, and starts nothing after', async () => {
    void loop.start();
    await flush();
    let closedDone = false;
    void loop.close().then(() => {
      closedDone = true;
    });
    expect(loop.closed).toBe(true);
    expect(jobs[0]?.signal.aborted).toBe(true);
    loop.saved();
    await flush(SETTLE * 3);
    expect(closedDone).toBe(false);
    jobs[0]?.end();
    await flush(SETTLE * 3);
    expect(closedDone).toBe(true);
    expect(jobs).toHaveLength(1);
  });

  it('on close while queued, cancels the build to come', async () => {
    void loop.start();
    await flush();
    jobs[0]?.end();
    await flush();
    loop.saved();
    await loop.close();
    await flush(SETTLE * 3);
    expect(jobs).toHaveLength(1);
    expect(loop.state).toEqual(closed);
  });
});
