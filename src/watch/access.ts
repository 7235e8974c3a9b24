/**
 * Who the preview server answers: a request must name this server in its
 * Host header (against DNS rebinding), and carry the session's token once
 * (which becomes a cookie) or that cookie. Everything else gets 403.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import { isIP } from 'node:net';

export const FORBIDDEN =
  'This preview answers only to the browser that opened the address briefdeck watch printed (with its token).\n';

/** Whether `given` is the session's secret, in a time that does not depend on where they differ. */
export function sameSecret(given: string, secret: string): boolean {
  const digest = (text: string) => createHash('sha256').update(text).digest();
  return timingSafeEqual(digest(given), digest(secret));
}

/**
 * The token a request's URL carries, and the same URL without it (where the
 * browser is sent on); undefined when it carries none. The URL sent back is
 * always a path on this server, whatever the request's path looked like.
 */
export function tokenIn(url: string): { token: string; rest: string } | undefined {
  const at = url.indexOf('?');
  if (at < 0) return undefined;
  const query = new URLSearchParams(url.slice(at + 1));
  const token = query.get('token');
  if (token === null) return undefined;
  query.delete('token');
  const pathname = url.slice(0, at);
  const rest = query.size > 0 ? `?${query}` : '';
  return { token, rest: (/^\/(?![/\\])/.test(pathname) ? pathname : '/') + rest };
}

/** The values of every cookie called `name` in a Cookie header. */
export function cookiesOf(header: string | undefined, name: string): string[] {
  if (!header) return [];
  return header
    .split(';')
    .map((pair) => pair.trim().split('='))
    .filter(([key]) => key === name)
    .map(([, ...value]) => value.join('='));
}

const LOOPBACK_NAMES = new Set(['127.0.0.1', 'localhost', '[::1]']);

/** The port a browser leaves out of the Host header, for http. */
const DEFAULT_HTTP_PORT = 80;

/**
 * The Host header must name this server at its port: the loopback address or
 * localhost; or, when told to listen elsewhere, that address, and any IP
 * address when listening on all of them. Never another host name: a page
 * from a domain pointed at this machine (DNS rebinding) names its domain.
 * Browsers leave the port out when it is http's own (80).
 */
export function allowedHost(header: string | undefined, listenHost: string, port: number): boolean {
  if (!header) return false;
  const match = /^(\[[0-9a-f:.]+\]|[^:[\]]+)(?::(\d+))?$/i.exec(header.trim().toLowerCase());
  if (!match) return false;
  const named = match[2] === undefined ? DEFAULT_HTTP_PORT : Number(match[2]);
  if (named !== port) return false;
  const name = match[1] as string;
  if (LOOPBACK_NAMES.has(name)) return true;
  const listen = listenHost.includes(':') ? `[${listenHost.toLowerCase()}]` : listenHost.toLowerCase();
  if (listen === '0.0.0.0' || listen === '[::]') return isIP(name.replace(/^\[|\]$/g, '')) !== 0;
  return name === listen;
}
