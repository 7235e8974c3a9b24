/**
 * Watch mode's rebuild loop: saves come in, rebuilds (jobs) go out, one at
 * a time, each with its own AbortSignal. It is a small state machine:
 *
 *   state     event        next state   effects
 *   idle      save         queued       wait
 *   running   save         queued       abort the job, wait
 *   running   done         idle
 *   running   again        queued       wait
 *   queued    save         queued       wait (saves coalesce: one job reads the files as they are then)
 *   queued    quiet        running      start (once the aborted job has ended; until then, remembered)
 *   queued    done, again  running      start (once the saves are quiet; until then, remembered)
 *   any       close        closed       abort the job, stop waiting
 *
 * The first build starts in `queued`, quiet, with no job: `start` sends `quiet`.
 *
 * - idle: nothing to build, nothing running.
 * - running: a job builds the newest save.
 * - queued: a save is newer than anything running. It is built once the
 *   saves have been quiet for the settle time (editors write in several
 *   steps) and the job it superseded, aborted, has ended: two jobs never
 *   run at once.
 * - closed: watch is stopping; the job is aborted and none starts again.
 *
 * Events: `save` (an input changed), `quiet` (no save for the settle time),
 * `done` and `again` (the job ended; `again`: it found the files changed
 * while it read them, with no save seen, so it counts as one), `close`.
 *
 * `transition` is the whole machine, pure. `RebuildLoop` runs its effects:
 * the settle timer, the jobs and their AbortControllers.
 */

export type LoopState =
  | { name: 'idle' }
  | { name: 'running' }
  /** `winding`: the job that was aborted has not ended yet; `quiet`: the settle time has passed. */
  | { name: 'queued'; winding: boolean; quiet: boolean }
  | { name: 'closed' };

export type LoopEvent = 'save' | 'quiet' | 'done' | 'again' | 'close';

/** `wait`: (re)start the settle timer; `start`: a new job; `abort`: the job under way. */
export type LoopEffect = 'wait' | 'stopWaiting' | 'start' | 'abort';

/** How a job ended: `again` when the files changed while it read them (see `LoopEvent`). */
export type JobEnd = 'done' | 'again';

export interface LoopStep {
  state: LoopState;
  effects: LoopEffect[];
}

/** Before the first build: the files are to be built and there is nothing to wait for. */
export const FIRST_BUILD: LoopState = { name: 'queued', winding: false, quiet: true };

const to = (state: LoopState, ...effects: LoopEffect[]): LoopStep => ({ state, effects });

/** The loop's next state and what to do on the way; events that cannot happen in a state change nothing. */
export function transition(state: LoopState, event: LoopEvent): LoopStep {
  if (event === 'close') {
    if (state.name === 'closed') return to(state);
    return state.name === 'running'
      ? to({ name: 'closed' }, 'abort', 'stopWaiting')
      : to({ name: 'closed' }, 'stopWaiting');
  }
  switch (state.name) {
    case 'idle':
      return event === 'save' ? to({ name: 'queued', winding: false, quiet: false }, 'wait') : to(state);
    case 'running':
      if (event === 'save') return to({ name: 'queued', winding: true, quiet: false }, 'abort', 'wait');
      if (event === 'again') return to({ name: 'queued', winding: false, quiet: false }, 'wait');
      return event === 'done' ? to({ name: 'idle' }) : to(state);
    case 'queued':
      if (event === 'save') return to({ ...state, quiet: false }, 'wait');
      if (event === 'quiet')
        return state.winding ? to({ ...state, quiet: true }) : to({ name: 'running' }, 'start');
      // The aborted job ended (whether it saw a change too does not matter: a build is due anyway).
      return state.quiet ? to({ name: 'running' }, 'start') : to({ ...state, winding: false });
    case 'closed':
      return to(state);
  }
}

export interface LoopOptions {
  /**
   * One job: a rebuild of the files as they are now. It stops early, writing nothing more, once
   * `signal` aborts (a newer save is waiting, or the loop is closing).
   */
  run(signal: AbortSignal): Promise<JobEnd>;
  /** Quiet time after the last save before a job starts. */
  settleMs: number;
  /** A job threw (a bug, not the user's doing): the loop goes on as if it had ended. */
  onError(error: unknown): void;
}

/** The machine above, running: call `saved` for every change of an input, `close` to stop. */
export class RebuildLoop {
  private current: LoopState = FIRST_BUILD;
  private timer: NodeJS.Timeout | undefined;
  /** The one job under way (running, or aborted and winding down), if any. */
  private job: { controller: AbortController; ended: Promise<void> } | undefined;

  constructor(private readonly options: LoopOptions) {}

  get state(): LoopState {
    return this.current;
  }

  get closed(): boolean {
    return this.current.name === 'closed';
  }

  /** Starts the first build; settles when it has ended, good or not. */
  start(): Promise<void> {
    this.dispatch('quiet');
    return this.job?.ended ?? Promise.resolve();
  }

  /** An input changed. */
  saved(): void {
    this.dispatch('save');
  }

  /** Aborts the job under way and starts no other; settles when that job has ended. */
  close(): Promise<void> {
    this.dispatch('close');
    return this.job?.ended ?? Promise.resolve();
  }

  private dispatch(event: LoopEvent): void {
    const { state, effects } = transition(this.current, event);
    this.current = state;
    for (const effect of effects) this.apply(effect);
  }

  private apply(effect: LoopEffect): void {
    switch (effect) {
      case 'wait':
        clearTimeout(this.timer);
        this.timer = setTimeout(() => {
          this.timer = undefined;
          this.dispatch('quiet');
        }, this.options.settleMs);
        return;
      case 'stopWaiting':
        clearTimeout(this.timer);
        this.timer = undefined;
        return;
      case 'abort':
        this.job?.controller.abort();
        return;
      case 'start':
        this.job = this.launch();
        return;
    }
  }

  private launch(): { controller: AbortController; ended: Promise<void> } {
    const controller = new AbortController();
    const { run, onError } = this.options;
    const ended = (async () => run(controller.signal))()
      .catch((error: unknown): JobEnd => {
        onError(error);
        return 'done';
      })
      .then((end) => {
        this.job = undefined;
        this.dispatch(end);
      });
    return { controller, ended };
  }
}
