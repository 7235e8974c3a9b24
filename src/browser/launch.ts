/**
 * Starts Chromium ourselves, talking to it over a pipe (no debugging port
 * another local user could reach), so that it boots while Puppeteer itself
 * is still being loaded: importing Puppeteer takes a quarter of a second,
 * which `puppeteer.launch` would spend before starting the browser.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import type { Readable, Writable } from 'node:stream';
import type { ConnectionTransport } from 'puppeteer-core';

/** What Puppeteer's own launcher passes (puppeteer-core 24), less what only matters to a visible browser. */
const PUPPETEER_FLAGS = [
  '--allow-pre-commit-input',
  '--disable-background-timer-throttling',
  '--disable-backgrounding-occluded-windows',
  '--disable-breakpad',
  '--disable-client-side-phishing-detection',
  '--disable-component-extensions-with-background-pages',
  '--disable-crash-reporter',
  '--disable-hang-monitor',
  '--disable-infobars',
  '--disable-ipc-flooding-protection',
  '--disable-popup-blocking',
  '--disable-prompt-on-repost',
  '--disable-renderer-backgrounding',
  '--disable-search-engine-choice-screen',
  '--enable-automation',
  '--export-tagged-pdf',
  '--force-color-profile=srgb',
  '--generate-pdf-document-outline',
  '--metrics-recording-only',
  '--password-store=basic',
  '--use-mock-keychain',
  '--disable-features=Translate,AcceptCHFrame,MediaRouter,OptimizationHints,WebUIReloadButton,ProcessPerSiteUpToMainFrameThreshold,IsolateSandboxedIframes',
  '--enable-features=PdfOopif',
  '--headless=new',
  '--hide-scrollbars',
  '--mute-audio',
];

/**
 * Flags for a machine with no network beyond what it needs: without them
 * Chromium keeps trying to reach its update and metrics services and stalls
 * on refused connections.
 */
export const QUIET_FLAGS = [
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-default-apps',
  '--disable-extensions',
  '--disable-domain-reliability',
  '--no-first-run',
  '--no-default-browser-check',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--font-render-hinting=none',
];

export interface Launched {
  process: ChildProcess;
  transport: PipeTransport;
  /** Resolves with a message when the browser exits. */
  exited: Promise<string>;
}

export function launchChromium(
  executable: string,
  options: { userDataDir: string; env: NodeJS.ProcessEnv; noSandbox: boolean },
): Launched {
  const args = [
    ...PUPPETEER_FLAGS,
    ...QUIET_FLAGS,
    // Chromium refuses to start as root with its sandbox on; only then is it turned off.
    ...(options.noSandbox ? ['--no-sandbox'] : []),
    `--user-data-dir=${options.userDataDir}`,
    '--remote-debugging-pipe',
    'about:blank',
  ];
  const child = spawn(executable, args, {
    // fd 3: commands to the browser; fd 4: its answers.
    stdio: ['ignore', 'ignore', 'pipe', 'pipe', 'pipe'],
    env: options.env,
    // Its own process group, so that closing it stops every Chromium process.
    detached: process.platform !== 'win32',
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-4000);
  });
  const exited = new Promise<string>((resolve) => {
    child.once('error', (error) => resolve(error.message));
    child.once('exit', (code, signal) => {
      const last = stderr.trim().split('\n').filter(Boolean).slice(-3).join(' | ');
      resolve(`it exited (${signal ?? `code ${code}`})${last ? `: ${last}` : ''}`);
    });
  });
  const [, , , toBrowser, fromBrowser] = child.stdio;
  return {
    process: child,
    transport: new PipeTransport(toBrowser as Writable, fromBrowser as Readable),
    exited,
  };
}

/** The DevTools protocol over Chromium's pipe: JSON messages, each ended by a NUL byte. */
export class PipeTransport implements ConnectionTransport {
  onmessage?: (message: string) => void;
  onclose?: () => void;
  private pending: Buffer[] = [];
  private closed = false;

  constructor(
    private readonly out: Writable,
    input: Readable,
  ) {
    input.on('data', (chunk: Buffer) => this.receive(chunk));
    input.on('close', () => this.end());
    out.on('error', () => this.end());
    input.on('error', () => this.end());
  }

  send(message: string): void {
    if (this.closed) return;
    this.out.write(message);
    this.out.write('\0');
  }

  close(): void {
    this.end();
  }

  private receive(chunk: Buffer): void {
    let start = 0;
    let end = chunk.indexOf(0);
    while (end !== -1) {
      this.pending.push(chunk.subarray(start, end));
      const message = Buffer.concat(this.pending).toString('utf8');
      this.pending = [];
      this.onmessage?.(message);
      start = end + 1;
      end = chunk.indexOf(0, start);
    }
    if (start < chunk.length) this.pending.push(chunk.subarray(start));
  }

  private end(): void {
    if (this.closed) return;
    this.closed = true;
    this.onclose?.();
  }
}
