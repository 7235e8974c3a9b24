/**
 * The preview server of `briefdeck watch`: serves the output folder over
 * HTTP to this user's browser, and tells open decks when to reload (or what
 * is wrong) over Server-Sent Events on the same origin.
 *
 * Its boundaries: it answers only requests whose Host header names the
 * loopback address or localhost at its port (against DNS rebinding), and
 * only to the browser that opened the address it printed (a random token per
 * session, exchanged for a cookie, as Jupyter does: another user of this
 * machine gets 403); it serves only regular files inside the output folder
 * (no `..`, no symlink out, no listing, no dotfiles, no YAML), sends no CORS
 * headers, lets no other site frame, open or embed what it serves, and takes
 * GET and HEAD only. The files on disk stay as `build` wrote them: the reload
 * client is added to the deck's page as it is served.
 */
import { randomBytes } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { readFile, realpath, stat } from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { UsageError } from '../errors.js';
import { PACKAGE_ROOT } from '../outputs/assets.js';
import { allowedHost, cookiesOf, FORBIDDEN, sameSecret, tokenIn } from './access.js';
import { CHANNEL_PATH, PLACEHOLDER, withLiveReload } from './servedDeck.js';

export { allowedHost } from './access.js';
export { withLiveReload } from './servedDeck.js';

const CLIENT_FILE = path.join(PACKAGE_ROOT, 'templates', 'live-reload.js');

export interface DeckState {
  /** Counts good builds: a deck loaded at an older one updates. */
  build: number;
  /**
   * What the deck's page is made of around its slides (see rebuild.ts, `shellOf`): a deck loaded with the
   * same shell swaps its slides in place, on the slide and fragment it shows; any other reloads.
   */
  shell?: string;
  /** What is wrong with the last save, one line each as the terminal shows it; empty when it built. */
  problems: string[];
  /** The deck is the last save's, and the problems are about what could not be made after it (its PDF). */
  current?: boolean;
}

export interface ServerOptions {
  /** The output folder. */
  root: string;
  /** The deck's file name in it (`briefing.html`): the page that gets the reload client. */
  deckFile: string;
  host: string;
  /** The port to try first. */
  port: number;
  /** Move on to a free port when `port` is taken (else that is an error). */
  fallback: boolean;
}

export interface PreviewServer {
  /** The deck's address with this session's token, http://HOST:PORT/NAME.html?token=…: the one way in. */
  url: string;
  port: number;
  /** Tells every open deck the new state. */
  publish(state: DeckState): void;
  close(): Promise<void>;
}

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.json': 'application/json',
  '.pdf': 'application/pdf',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.txt': 'text/plain; charset=utf-8',
};

/** How many ports past the default to try before taking any free one. */
const PORT_TRIES = 20;

/**
 * Sent with every answer. No other site may frame the deck, keep a handle on
 * a window showing it (both would let it talk to reveal.js; see
 * themes/briefdeck.js), load its files, or learn its address.
 */
const SECURITY_HEADERS: http.OutgoingHttpHeaders = {
  'Content-Security-Policy': "frame-ancestors 'self'",
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
};

/**
 * What an open deck may have waiting, unsent, on the event channel before it
 * is dropped: one that does not read would otherwise hold every state ever
 * published. Dropped, it reconnects (EventSource retries) and gets the state
 * of now, which is all it needs.
 */
export const MAX_PENDING_EVENT_BYTES = 1024 * 1024;

/** What answering a request needs: the server's settings, its secret and the state of now. */
interface Site {
  options: ServerOptions;
  /** The output folder, symlinks resolved. */
  root: string;
  /** The reload client's script. */
  client: Buffer;
  token: string;
  /** The port listened on (once listening). */
  port(): number;
  /** What open decks are told now. */
  state(): DeckState;
  /** Open decks listening on the event channel. */
  listeners: Set<http.ServerResponse>;
}

export async function startPreviewServer(options: ServerOptions): Promise<PreviewServer> {
  let state: DeckState = { build: 0, problems: [] };
  let port = options.port;
  const site: Site = {
    options,
    root: await realpath(options.root),
    client: await readFile(CLIENT_FILE),
    token: randomBytes(32).toString('base64url'),
    port: () => port,
    state: () => state,
    listeners: new Set<http.ServerResponse>(),
  };
  const { listeners } = site;

  const server = http.createServer((request, response) => {
    for (const [name, value] of Object.entries(SECURITY_HEADERS)) response.setHeader(name, value as string);
    void handle(site, request, response).catch(() => {
      if (!response.headersSent) send(response, 500, 'Internal error\n');
      else response.destroy();
    });
  });
  server.keepAliveTimeout = 2_000;

  port = await listen(server, options);
  // Listening on every address, the address to open is this machine's own.
  const wildcard = options.host === '0.0.0.0' || options.host === '::';
  const shownHost = wildcard ? '127.0.0.1' : options.host.includes(':') ? `[${options.host}]` : options.host;
  return {
    url: `http://${shownHost}:${port}/${encodeURIComponent(options.deckFile)}?token=${site.token}`,
    port,
    publish(next) {
      state = next;
      const message = event(state);
      for (const response of listeners) {
        if (response.writableLength > MAX_PENDING_EVENT_BYTES) {
          listeners.delete(response);
          response.destroy();
        } else response.write(message);
      }
    },
    async close() {
      for (const response of listeners) response.end();
      listeners.clear();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
}

/** Answers one request: only to its own Host, only to the browser with the token, only files of the folder. */
async function handle(
  site: Site,
  request: http.IncomingMessage,
  response: http.ServerResponse,
): Promise<void> {
  const { options, token } = site;
  // Cookies are shared by every port of a host: the name keeps watch sessions on other ports apart.
  const cookieName = `briefdeck-${site.port()}`;
  if (!allowedHost(request.headers.host, options.host, site.port())) {
    send(response, 421, 'This server answers only to its own address (127.0.0.1 or localhost).\n');
    return;
  }
  if (request.method !== 'GET' && request.method !== 'HEAD') {
    response.setHeader('Allow', 'GET, HEAD');
    send(response, 405, 'Method not allowed\n');
    return;
  }
  const signIn = tokenIn(request.url ?? '/');
  if (signIn) {
    if (!sameSecret(signIn.token, token)) {
      send(response, 403, FORBIDDEN);
      return;
    }
    // The token, once: from now on the cookie, and an address without it (history, a shared screen).
    response.setHeader('Set-Cookie', `${cookieName}=${token}; Path=/; HttpOnly; SameSite=Strict`);
    response.writeHead(302, { Location: signIn.rest }).end();
    return;
  }
  if (!cookiesOf(request.headers.cookie, cookieName).some((value) => sameSecret(value, token))) {
    send(response, 403, FORBIDDEN);
    return;
  }
  const pathname = (request.url ?? '/').split(/[?#]/, 1)[0] ?? '/';
  if (pathname === '/') {
    response.writeHead(302, { Location: `/${encodeURIComponent(options.deckFile)}` }).end();
    return;
  }
  if (pathname === `${CHANNEL_PATH}/events`) return openChannel(site, response);
  if (pathname === `${CHANNEL_PATH}/live-reload.js`) {
    response.writeHead(200, headers('.js', site.client.length));
    response.end(request.method === 'HEAD' ? undefined : site.client);
    return;
  }
  return serveFile(site, pathname, request, response);
}

/** Serves a file of the output folder: the deck with the reload client, anything else as it is. */
async function serveFile(
  site: Site,
  pathname: string,
  request: http.IncomingMessage,
  response: http.ServerResponse,
): Promise<void> {
  const { options, root } = site;
  const file = await resolveInside(root, pathname);
  if (!file && safeDecode(pathname) === `/${options.deckFile}`) {
    // No deck yet (the first build failed): a page that shows why, and reloads when one is made.
    const body = Buffer.from(withLiveReload(PLACEHOLDER, site.state().build));
    response.writeHead(200, headers('.html', body.length));
    response.end(request.method === 'HEAD' ? undefined : body);
    return;
  }
  if (!file) {
    send(response, 404, 'Not found\n');
    return;
  }
  const relative = path.relative(root, file.path).split(path.sep).join('/');
  if (relative === options.deckFile) {
    const html = await readFile(file.path, 'utf8');
    const { build, shell } = site.state();
    const body = Buffer.from(withLiveReload(html, build, shell));
    response.writeHead(200, headers('.html', body.length));
    response.end(request.method === 'HEAD' ? undefined : body);
    return;
  }
  const etag = `W/"${file.size.toString(16)}-${Math.floor(file.mtimeMs).toString(16)}"`;
  if (request.headers['if-none-match'] === etag) {
    response.writeHead(304, { ETag: etag, 'Cache-Control': 'no-cache' }).end();
    return;
  }
  response.writeHead(200, { ...headers(path.extname(file.path), file.size), ETag: etag });
  if (request.method === 'HEAD') response.end();
  else
    createReadStream(file.path)
      .on('error', () => response.destroy())
      .pipe(response);
}

/** A deck asked for news: it gets the state now and after every build. */
function openChannel(site: Site, response: http.ServerResponse): void {
  response.writeHead(200, {
    'Content-Type': 'text/event-stream; charset=utf-8',
    'Cache-Control': 'no-store',
    Connection: 'keep-alive',
  });
  response.write(`retry: 500\n\n`);
  response.write(event(site.state()));
  site.listeners.add(response);
  response.on('close', () => site.listeners.delete(response));
}

function event(state: DeckState): string {
  return `data: ${JSON.stringify(state)}\n\n`;
}

/** Listens on the port asked for, or (with `fallback`) the next free one. */
async function listen(server: http.Server, options: ServerOptions): Promise<number> {
  const tries = options.fallback
    ? [...Array(PORT_TRIES).keys()].map((n) => options.port + n).concat(0)
    : [options.port];
  let last: unknown;
  for (const port of tries) {
    try {
      await new Promise<void>((resolve, reject) => {
        const fail = (error: Error) => {
          server.off('listening', done);
          reject(error);
        };
        const done = () => {
          server.off('error', fail);
          resolve();
        };
        server.once('error', fail);
        server.once('listening', done);
        server.listen(port, options.host);
      });
      return (server.address() as AddressInfo).port;
    } catch (error) {
      last = error;
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'EADDRNOTAVAIL' || code === 'ENOTFOUND' || code === 'EINVAL') {
        throw new UsageError(`--host ${options.host}: not an address of this machine`, {
          hint: 'Leave --host out to serve on 127.0.0.1.',
          cause: error,
        });
      }
      if (code === 'EACCES') {
        throw new UsageError(`port ${port} may not be used by this user`, {
          hint: 'Choose a port above 1023 with --port, or leave --port out.',
          cause: error,
        });
      }
      if (code !== 'EADDRINUSE') throw error;
    }
  }
  throw new UsageError(`port ${options.port} is in use`, {
    hint: 'Choose another with --port N, or leave --port out to take a free one.',
    cause: last,
  });
}

/**
 * The regular file a URL path names inside `root`, or undefined: no `..`
 * (plain or encoded), no backslash or NUL, no dotfile (drafts and temporary
 * files), no YAML, nothing that a symlink leads outside of `root`.
 */
async function resolveInside(
  root: string,
  pathname: string,
): Promise<{ path: string; size: number; mtimeMs: number } | undefined> {
  const decoded = safeDecode(pathname);
  if (decoded === undefined || !decoded.startsWith('/') || /[\\\0]/.test(decoded)) return undefined;
  const segments = decoded.split('/').filter((segment) => segment !== '');
  if (segments.some((segment) => segment === '..' || segment === '.' || segment.startsWith('.')))
    return undefined;
  if (segments.length === 0 || /\.ya?ml$/i.test(segments.at(-1) as string)) return undefined;
  const candidate = path.join(root, ...segments);
  try {
    const real = await realpath(candidate);
    const relative = path.relative(root, real);
    if (relative === '' || relative.startsWith('..') || path.isAbsolute(relative)) return undefined;
    const info = await stat(real);
    if (!info.isFile()) return undefined;
    return { path: real, size: info.size, mtimeMs: info.mtimeMs };
  } catch {
    return undefined;
  }
}

function safeDecode(pathname: string): string | undefined {
  try {
    return decodeURIComponent(pathname);
  } catch {
    return undefined;
  }
}

function headers(extension: string, length: number): http.OutgoingHttpHeaders {
  return {
    'Content-Type': MIME[extension.toLowerCase()] ?? 'application/octet-stream',
    'Content-Length': length,
    'Cache-Control': 'no-cache',
  };
}

function send(response: http.ServerResponse, status: number, text: string): void {
  response.writeHead(status, {
    'Content-Type': 'text/plain; charset=utf-8',
    'Content-Length': Buffer.byteLength(text),
  });
  response.end(text);
}
