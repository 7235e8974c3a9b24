/**
 * What the commands print to: the streams, colours on a terminal, and the
 * shapes of a progress line. User-controlled text is made printable
 * (`printable`) before colours are added.
 */
import { formatWarning, type Warning } from '../errors.js';
import { printable } from '../terminalText.js';

export interface Io {
  stdout: (line: string) => void;
  stderr: (line: string) => void;
  env: NodeJS.ProcessEnv;
  cwd: string;
  /** Whether progress lines may be shown (stderr is a terminal). */
  isTTY: boolean;
}

/** Set once the reader of standard output has gone (`briefdeck diff … | head -1`): the rest is not written. */
let stdoutGone = false;
let listening = false;

/**
 * A reader that stops reading is not an error of ours: standard output is closed quietly, as other tools
 * do, and the command ends as it would have (no stack trace from an unhandled EPIPE).
 */
function quietWhenClosed(): void {
  if (listening) return;
  listening = true;
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') throw error;
    stdoutGone = true;
  });
}

export const defaultIo = (): Io => {
  quietWhenClosed();
  return {
    stdout: (line) => {
      if (!stdoutGone) process.stdout.write(`${line}\n`);
    },
    stderr: (line) => process.stderr.write(`${line}\n`),
    env: process.env,
    cwd: process.cwd(),
    isTTY: process.stderr.isTTY === true,
  };
};

export interface Paint {
  red(text: string): string;
  green(text: string): string;
  yellow(text: string): string;
  dim(text: string): string;
}

/** ANSI colours on a terminal, none when NO_COLOR is set or output is not a terminal. */
export function colours(io: Io): Paint {
  const on = io.isTTY && !io.env.NO_COLOR && io.env.TERM !== 'dumb';
  const wrap = (code: number) => (text: string) => (on ? `\u001b[${code}m${text}\u001b[0m` : text);
  return { red: wrap(31), green: wrap(32), yellow: wrap(33), dim: wrap(2) };
}

/** What every command is given. */
export interface CliContext {
  io: Io;
  paint: Paint;
}

export function formatMs(ms: number): string {
  return ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${Math.round(ms)} ms`;
}

/** A progress line for one step of a build: its name, its time, what it made. */
export function stepLine(paint: Paint, step: string, ms: number, detail = ''): string {
  return `${paint.dim(`${step.padEnd(8)} ${formatMs(ms).padStart(7)}`)}  ${printable(detail)}`;
}

/** `error: MESSAGE` and the lines after it, as the terminal shows a user error. */
export function printError(context: CliContext, [first = '', ...rest]: readonly string[]): void {
  context.io.stderr(`${context.paint.red('error:')} ${printable(first)}`);
  for (const line of rest) context.io.stderr(printable(line));
}

export function printWarning(context: CliContext, warning: Warning | string): void {
  const message = typeof warning === 'string' ? warning : formatWarning(warning);
  context.io.stderr(`${context.paint.yellow('warning')} ${printable(message)}`);
}
