/**
 * Timings of the print's steps, for finding where a print's time goes: with BRIEFDECK_TRACE=1 in the
 * environment, each span is written to stderr as `trace NAME 12.3 ms (from 245 ms)`, the second time since
 * the process started. Off, a span costs one check.
 * The one place a stage looks at the environment: a developer's switch, not an option of the build.
 */
import { performance } from 'node:perf_hooks';

const enabled = process.env.BRIEFDECK_TRACE === '1';

/** Runs `fn`, and with tracing on writes how long it took. */
export async function span<T>(name: string, fn: () => Promise<T> | T): Promise<T> {
  if (!enabled) return fn();
  const start = performance.now();
  try {
    return await fn();
  } finally {
    write(name, start);
  }
}

function write(name: string, start: number): void {
  process.stderr.write(
    `trace ${name} ${(performance.now() - start).toFixed(1)} ms (from ${start.toFixed(0)} ms)\n`,
  );
}

/** `span` for synchronous work. */
export function spanSync<T>(name: string, fn: () => T): T {
  if (!enabled) return fn();
  const start = performance.now();
  try {
    return fn();
  } finally {
    write(name, start);
  }
}
