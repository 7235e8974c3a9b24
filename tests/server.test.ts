/**
 * The watch server's boundaries: only its own Host, only regular files
 * inside the output folder, nothing for other origins.
 */
import { mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { connect, createServer, type Socket } from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UsageError } from '../src/errors.js';
import { allowedHost, type PreviewServer, startPreviewServer, withLiveReload } from '../src/watch/server.js';
import { tempDir } from './_helpers.js';

const DECK = `<!doctype html>
<html><head><meta http-equiv="Content-Security-Policy" content="default-src &#x27;none&#x27;; script-src &#x27;self&#x27;; connect-src &#x27;none&#x27;; img-src &#x27;self&#x27;"></head>
<body><p>deck</p></body></html>
`;

interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** The cookie each server's session gave, by port: what a signed-in browser sends. */
const jar = new Map<number, string>();

function get(
  port: number,
  rawPath: string,
  options: { host?: string; method?: string; cookie?: string | null } = {},
): Promise<Reply> {
  const cookie = options.cookie === undefined ? jar.get(port) : options.cookie;
  return new Promise((resolve, reject) => {
    request(
      {
        host: '127.0.0.1',
        port,
        path: rawPath,
        method: options.method ?? 'GET',
        headers: {
          host: options.host ?? `127.0.0.1:${port}`,
          origin: 'http://attacker.example',
          ...(cookie ? { cookie } : {}),
        },
      },
      (response) => {
        let body = '';
        response.setEncoding('utf8').on('data', (chunk: string) => {
          body += chunk;
        });
        response.on('end', () =>
          resolve({ status: response.statusCode ?? 0, headers: response.headers, body }),
        );
      },
    )
      .on('error', reject)
      .end();
  });
}

/** Opens the address the server printed, as the user's browser does: the token becomes a cookie. */
async function signIn(server: PreviewServer): Promise<string> {
  const { pathname, search } = new URL(server.url);
  const reply = await get(server.port, pathname + search, { cookie: null });
  const cookie = String(reply.headers['set-cookie'] ?? '').split(';')[0] ?? '';
  jar.set(server.port, cookie);
  return cookie;
}

describe('the watch server', () => {
  let root: string;
  let outside: string;
  let server: PreviewServer;

  beforeAll(async () => {
    const base = tempDir('server-');
    root = path.join(base, 'dist');
    outside = path.join(base, 'secret.txt');
    mkdirSync(path.join(root, 'assets'), { recursive: true });
    writeFileSync(outside, 'SECRET OUTSIDE');
    writeFileSync(path.join(base, 'briefing.yaml'), 'title: secret yaml\n');
    writeFileSync(path.join(root, 'deck.html'), DECK);
    writeFileSync(path.join(root, 'assets', 'style.css'), 'p { color: red }');
    writeFileSync(path.join(root, 'notes.yaml'), 'title: in the folder\n');
    writeFileSync(path.join(root, '.deck.123.abcd.html'), 'a draft');
    symlinkSync(outside, path.join(root, 'link-out.txt'));
    symlinkSync(path.dirname(outside), path.join(root, 'dir-out'));
    symlinkSync(path.join(root, 'assets', 'style.css'), path.join(root, 'link-in.css'));
    server = await startPreviewServer({
      root,
      deckFile: 'deck.html',
      host: '127.0.0.1',
      port: 0,
      fallback: false,
    });
    await signIn(server);
  });

  afterAll(() => server.close());

  it('serves the deck with the reload client, leaving the file on disk as it was', async () => {
    const reply = await get(server.port, '/deck.html');
    expect(reply.status).toBe(200);
    expect(reply.body).toContain(
      '<script src="/__briefdeck/live-reload.js" data-build="0"></script>\n</body>',
    );
    expect(reply.body).toContain('connect-src &#x27;self&#x27;');
    expect(reply.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(readFileSync(path.join(root, 'deck.html'), 'utf8')).toBe(DECK);
    expect((await get(server.port, '/')).headers.location).toBe('/deck.html');
    expect((await get(server.port, '/__briefdeck/live-reload.js')).body).toContain('EventSource');
  });

  it('answers only to its own address at its port', async () => {
    const port = server.port;
    for (const host of [`127.0.0.1:${port}`, `localhost:${port}`, `LOCALHOST:${port}`, `[::1]:${port}`]) {
      expect((await get(port, '/deck.html', { host })).status, host).toBe(200);
    }
    for (const host of [
      `attacker.example:${port}`,
      `127.0.0.1.attacker.example:${port}`,
      `localhost:${port + 1}`,
      'localhost',
      `127.0.0.2:${port}`,
      `0.0.0.0:${port}`,
    ]) {
      const reply = await get(port, '/deck.html', { host });
      expect(reply.status, host).toBe(421);
      expect(reply.body).not.toContain('deck');
    }
    // HTTP/1.0 without a Host header at all.
    const { connect } = await import('node:net');
    const raw = await new Promise<string>((resolve) => {
      let text = '';
      const socket = connect(port, '127.0.0.1', () => socket.write('GET /deck.html HTTP/1.0\r\n\r\n'));
      socket.setEncoding('utf8').on('data', (chunk: string) => {
        text += chunk;
      });
      socket.on('end', () => resolve(text));
    });
    expect(raw).toMatch(/^HTTP\/1\.1 421 /);
    expect(allowedHost(undefined, '127.0.0.1', port)).toBe(false);
    expect(allowedHost(`192.168.1.5:${port}`, '192.168.1.5', port)).toBe(true);
    // Listening on every address (--host 0.0.0.0): any IP address, still no host name.
    expect(allowedHost(`192.168.1.5:${port}`, '0.0.0.0', port)).toBe(true);
    expect(allowedHost(`[fe80::1]:${port}`, '::', port)).toBe(true);
    expect(allowedHost(`attacker.example:${port}`, '0.0.0.0', port)).toBe(false);
    expect(allowedHost(`192.168.1.6:${port}`, '192.168.1.5', port)).toBe(false);
  });

  it('serves files inside the folder and nothing outside it, however the path is written', async () => {
    expect((await get(server.port, '/assets/style.css')).body).toBe('p { color: red }');
    expect((await get(server.port, '/link-in.css')).status).toBe(200);
    for (const attempt of [
      '/../secret.txt',
      '/assets/../../secret.txt',
      '/%2e%2e/secret.txt',
      '/%2E%2E/secret.txt',
      '/..%2fsecret.txt',
      '/assets/..%2F..%2Fsecret.txt',
      '/%252e%252e/secret.txt',
      '/..%5csecret.txt',
      '/assets%5c..%5c..%5csecret.txt',
      '/link-out.txt',
      '/dir-out/secret.txt',
      '/%00deck.html',
      '/deck.html%00.css',
      '/%ff',
    ]) {
      const reply = await get(server.port, attempt);
      expect(reply.status, attempt).toBe(404);
      expect(reply.body).not.toContain('SECRET');
    }
  });

  it('lists no folder and serves no YAML, drafts or dotfiles', async () => {
    for (const attempt of [
      '/assets/',
      '/assets',
      '/notes.yaml',
      '/../briefing.yaml',
      '/.deck.123.abcd.html',
    ]) {
      expect((await get(server.port, attempt)).status, attempt).toBe(404);
    }
  });

  it('sends no CORS headers and takes GET and HEAD only', async () => {
    for (const pathname of ['/deck.html', '/assets/style.css', '/nothing']) {
      const reply = await get(server.port, pathname);
      expect(Object.keys(reply.headers).filter((name) => name.startsWith('access-control-'))).toEqual([]);
    }
    expect((await get(server.port, '/deck.html', { method: 'POST' })).status).toBe(405);
    expect((await get(server.port, '/deck.html', { method: 'OPTIONS' })).status).toBe(405);
    expect((await get(server.port, '/deck.html', { method: 'HEAD' })).status).toBe(200);
  });

  it('tells the deck the state on connect and after each build', async () => {
    const events: string[] = [];
    await new Promise<void>((resolve, reject) => {
      const req = request(
        {
          host: '127.0.0.1',
          port: server.port,
          path: '/__briefdeck/events',
          headers: { host: `localhost:${server.port}`, cookie: jar.get(server.port) },
        },
        (response) => {
          expect(response.headers['content-type']).toBe('text/event-stream; charset=utf-8');
          response.setEncoding('utf8').on('data', (chunk: string) => {
            events.push(...chunk.split('\n').filter((line) => line.startsWith('data: ')));
            if (events.length === 1) server.publish({ build: 1, problems: ['f.yaml:1:1: title: required'] });
            if (events.length === 2) {
              req.destroy();
              resolve();
            }
          });
        },
      );
      req.on('error', reject).end();
    });
    expect(events.map((line) => JSON.parse(line.slice(6)))).toEqual([
      { build: 0, problems: [] },
      { build: 1, problems: ['f.yaml:1:1: title: required'] },
    ]);
  });
});

describe('who the watch server answers', () => {
  let root: string;
  let server: PreviewServer;

  beforeAll(async () => {
    root = tempDir('token-');
    mkdirSync(path.join(root, 'assets'));
    writeFileSync(path.join(root, 'deck.html'), DECK);
    writeFileSync(path.join(root, 'assets', 'style.css'), 'p { color: red }');
    server = await startPreviewServer({
      root,
      deckFile: 'deck.html',
      host: '127.0.0.1',
      port: 0,
      fallback: false,
    });
  });

  afterAll(() => server.close());

  it('prints an address with a token, which it turns into a cookie for this port and leaves out of the address', async () => {
    const { pathname, search, searchParams } = new URL(server.url);
    const token = searchParams.get('token') ?? '';
    expect(token).toMatch(/^[\w-]{43}$/); // 32 random bytes
    const signedIn = await get(server.port, `${pathname}${search}`, { cookie: null });
    expect(signedIn.status).toBe(302);
    expect(signedIn.headers.location).toBe('/deck.html');
    expect(signedIn.headers['set-cookie']).toEqual([
      `briefdeck-${server.port}=${token}; Path=/; HttpOnly; SameSite=Strict`,
    ]);
    const cookie = `briefdeck-${server.port}=${token}`;
    // Other query parameters stay (the presenter view's previews add theirs); a path is kept as a path.
    expect(
      (await get(server.port, `/deck.html?receiver&token=${token}&x=1`, { cookie: null })).headers.location,
    ).toBe('/deck.html?receiver=&x=1');
    expect(
      (await get(server.port, `//attacker.example/?token=${token}`, { cookie: null })).headers.location,
    ).toBe('/');
    expect(
      (await get(server.port, `/\\attacker.example?token=${token}`, { cookie: null })).headers.location,
    ).toBe('/');
    for (const pathname of [
      '/deck.html',
      '/assets/style.css',
      '/__briefdeck/live-reload.js',
      '/__briefdeck/events',
    ]) {
      const reply = await new Promise<number>((resolve, reject) => {
        const req = request(
          {
            host: '127.0.0.1',
            port: server.port,
            path: pathname,
            headers: { host: `127.0.0.1:${server.port}`, cookie },
          },
          (response) => {
            resolve(response.statusCode ?? 0);
            req.destroy();
          },
        ).on('error', reject);
        req.end();
      });
      expect(reply, pathname).toBe(200);
    }
  });

  it('answers 403 to anyone without the token or its cookie: deck, files, reload channel and all', async () => {
    const token = new URL(server.url).searchParams.get('token') ?? '';
    const wrong = `${token.slice(0, -1)}${token.endsWith('A') ? 'B' : 'A'}`;
    const attempts: [string, string | null][] = [
      ['/deck.html', null],
      ['/', null],
      ['/assets/style.css', null],
      ['/__briefdeck/events', null],
      ['/__briefdeck/live-reload.js', null],
      ['/nothing.html', null],
      [`/deck.html?token=${wrong}`, null],
      ['/deck.html?token=', null],
      ['/deck.html', `briefdeck-${server.port}=${wrong}`],
      ['/deck.html', `briefdeck-${server.port}=`],
      ['/deck.html', `briefdeck-${server.port + 1}=${token}`],
      ['/deck.html', `briefdeck=${token}`],
    ];
    for (const [pathname, cookie] of attempts) {
      const reply = await get(server.port, pathname, { cookie });
      expect(reply.status, `${pathname} ${cookie}`).toBe(403);
      expect(reply.body).not.toContain('<p>deck</p>');
      expect(reply.headers['set-cookie']).toBeUndefined();
    }
  });

  it('sends its security headers with every answer', async () => {
    const token = new URL(server.url).searchParams.get('token') ?? '';
    const cookie = `briefdeck-${server.port}=${token}`;
    const replies = [
      await get(server.port, '/deck.html', { cookie }),
      await get(server.port, '/assets/style.css', { cookie }),
      await get(server.port, '/__briefdeck/live-reload.js', { cookie }),
      await get(server.port, '/', { cookie }),
      await get(server.port, '/nothing', { cookie }),
      await get(server.port, `/deck.html?token=${token}`, { cookie: null }),
      await get(server.port, '/deck.html', { cookie: null }),
      await get(server.port, '/deck.html', { cookie, method: 'POST' }),
      await get(server.port, '/deck.html', { cookie, host: 'attacker.example' }),
    ];
    expect(replies.map((reply) => reply.status)).toEqual([200, 200, 200, 302, 404, 302, 403, 405, 421]);
    for (const reply of replies) {
      expect(reply.headers, String(reply.status)).toMatchObject({
        'content-security-policy': "frame-ancestors 'self'",
        'cross-origin-opener-policy': 'same-origin',
        'cross-origin-resource-policy': 'same-origin',
        'x-content-type-options': 'nosniff',
        'referrer-policy': 'no-referrer',
      });
    }
  });
});

describe('open decks that do not read their events', () => {
  it('are dropped once they fall behind, and a deck that reads gets every state', async () => {
    const server = await startPreviewServer({
      root: tempDir('slow-'),
      deckFile: 'deck.html',
      host: '127.0.0.1',
      port: 0,
      fallback: false,
    });
    const cookie = await signIn(server);
    /** A deck on the event channel, once the server has it (it has sent the state of now). */
    const connectClient = () =>
      new Promise<Socket>((resolve) => {
        const socket = connect(server.port, '127.0.0.1', () => {
          socket.write(
            `GET /__briefdeck/events HTTP/1.1\r\nHost: 127.0.0.1:${server.port}\r\nCookie: ${cookie}\r\n\r\n`,
          );
        });
        socket.once('data', () => resolve(socket));
      });
    try {
      // Decks that stopped reading (a frozen tab): their sockets are never read until the end.
      const stalled = await Promise.all([1, 2, 3].map(() => connectClient()));
      for (const socket of stalled) socket.pause();
      const reader = await connectClient();
      let read = '';
      reader.setEncoding('utf8').on('data', (chunk: string) => {
        read += chunk;
      });
      const line = 'x'.repeat(100_000);
      const STATES = 400; // 40 MB for each deck that kept everything
      for (let build = 1; build <= STATES; build++) {
        server.publish({ build, problems: [line] });
        // The reader keeps up; the stalled ones fall behind.
        await new Promise((resolve) => setImmediate(resolve));
      }
      await expect.poll(() => read.includes(`"build":${STATES},`), { timeout: 10_000 }).toBe(true);
      for (const socket of stalled) {
        // Read now: what the server had sent before it dropped the deck, then the end of the stream.
        const received = await new Promise<string>((resolve) => {
          let text = '';
          socket.setEncoding('utf8').on('data', (chunk: string) => {
            text += chunk;
          });
          socket.on('end', () => resolve(text)).on('error', () => resolve(text));
          // Kept (the defect): every state arrives and the stream stays open.
          socket.on('data', (chunk: string) => {
            if (text.slice(-chunk.length - 20).includes(`"build":${STATES},`)) resolve(text);
          });
          socket.resume();
        });
        const states = received.match(/^data: /gm)?.length ?? 0;
        expect(states).toBeGreaterThan(0);
        expect(states).toBeLessThan(STATES / 2);
      }
      reader.destroy();
    } finally {
      await server.close();
    }
  });
});

describe('before the first good build', () => {
  it('answers for the deck with a page that shows the problems and reloads when the deck is made', async () => {
    const root = tempDir('empty-');
    const server = await startPreviewServer({
      root,
      deckFile: 'deck.html',
      host: '127.0.0.1',
      port: 0,
      fallback: false,
    });
    try {
      await signIn(server);
      const reply = await get(server.port, '/deck.html');
      expect(reply.status).toBe(200);
      expect(reply.body).toContain('No deck yet');
      expect(reply.body).toContain("connect-src 'self'");
      expect(reply.body).toContain('<script src="/__briefdeck/live-reload.js" data-build="0">');
      expect((await get(server.port, '/other.html')).status).toBe(404);
    } finally {
      await server.close();
    }
  });
});

describe('the port', () => {
  it('moves to the next free port when the default is taken, and is an error when asked for', async () => {
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const taken = (blocker.address() as { port: number }).port;
    const root = tempDir('port-');
    try {
      const moved = await startPreviewServer({
        root,
        deckFile: 'd.html',
        host: '127.0.0.1',
        port: taken,
        fallback: true,
      });
      expect(moved.port).not.toBe(taken);
      expect(moved.url).toMatch(
        new RegExp(`^http://127\\.0\\.0\\.1:${moved.port}/d\\.html\\?token=[\\w-]{43}$`),
      );
      await moved.close();
      await expect(
        startPreviewServer({ root, deckFile: 'd.html', host: '127.0.0.1', port: taken, fallback: false }),
      ).rejects.toThrow(UsageError);
    } finally {
      blocker.close();
    }
  });
});

describe('allowedHost', () => {
  it('takes a Host without a port only for port 80, which browsers leave out', () => {
    for (const host of ['127.0.0.1', 'localhost', 'LocalHost', '[::1]', '127.0.0.1:80', 'localhost:80']) {
      expect(allowedHost(host, '127.0.0.1', 80), host).toBe(true);
    }
    expect(allowedHost('192.168.1.5', '192.168.1.5', 80)).toBe(true);
    expect(allowedHost('192.168.1.5', '0.0.0.0', 80)).toBe(true);
    for (const host of ['attacker.example', '127.0.0.1:', '127.0.0.1:8080', 'localhost.', '[::1', '']) {
      expect(allowedHost(host, '127.0.0.1', 80), host).toBe(false);
    }
    expect(allowedHost('attacker.example', '0.0.0.0', 80)).toBe(false);
    // At any other port the port must be named.
    expect(allowedHost('localhost', '127.0.0.1', 4870)).toBe(false);
    expect(allowedHost('localhost:4870', '127.0.0.1', 4870)).toBe(true);
  });
});

describe('withLiveReload', () => {
  it('adds the client before </body> and opens connect-src to the page’s own origin only', () => {
    const served = withLiveReload(DECK, 7);
    expect(served).toContain('connect-src &#x27;self&#x27;; img-src');
    expect(served).toContain('<script src="/__briefdeck/live-reload.js" data-build="7"></script>\n</body>');
    expect(
      served
        .replace(/connect-src &#x27;self&#x27;/, 'connect-src &#x27;none&#x27;')
        .replace(/<script src="\/__briefdeck[^\n]*\n/, ''),
    ).toBe(DECK);
  });

  it('names the shell the deck was served with, for the client to tell an in-place update from a reload', () => {
    expect(withLiveReload(DECK, 7, 'Ab_9-x')).toContain(
      '<script src="/__briefdeck/live-reload.js" data-build="7" data-shell="Ab_9-x"></script>',
    );
    // Only the characters a hash has: nothing can close the attribute.
    expect(withLiveReload(DECK, 7, '"><x')).toContain('data-shell="x"');
  });
});
