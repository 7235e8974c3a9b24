/**
 * The SMTP URL of BRIEFDECK_SMTP_URL, read without ever showing its
 * password: the login is cut from the URL before anything parses it, and a
 * URL in a message is shown with it hidden.
 */
import { domainToASCII } from 'node:url';
import { printable } from '../../terminalText.js';
import { MailError } from './message.js';

/** The environment variable the SMTP URL comes from, named in messages. */
export const SMTP_URL_VARIABLE = 'BRIEFDECK_SMTP_URL';

/** Where and how to send, from the SMTP URL. */
export interface SmtpTarget {
  /** TLS from the start (`smtps://`), else STARTTLS. */
  secure: boolean;
  host: string;
  port: number;
  user?: string;
  pass?: string;
  /** `?tls=off`: STARTTLS is used when offered, but plain text is allowed. */
  plainTextAllowed: boolean;
  /** The URL for messages, the password replaced by `***`. */
  shown: string;
}

/**
 * Reads the SMTP URL (the BRIEFDECK_SMTP_URL variable):
 *
 * - `smtp://user:password@host:587`: STARTTLS is required; a server that does
 *   not offer it gets neither the password nor the message. Port 587 by default.
 * - `smtps://user:password@host:465`: TLS from the start (implicit TLS). Port 465 by default.
 * - `smtp://user:password@host:25?tls=off`: plain text allowed, for a relay on
 *   a network you trust (or a local test server). STARTTLS is still used when
 *   the server offers it. This is the only way to send unencrypted.
 * - `smtp://host:25`: no login.
 *
 * Characters such as `@ : / # %` in the user name or password are written
 * percent-encoded (`%40 %3A %2F %23 %25`); an unencoded `/ ? #` there is
 * refused. Throws MailError for anything else, showing the URL without its
 * user name and password.
 */
export function parseSmtpUrl(url: string): SmtpTarget {
  // As a URL parser reads it: tabs and newlines dropped, spaces and controls trimmed at both ends.
  const text = url.replace(/[\t\n\r]/g, '').replace(/^[\0- ]+|[\0- ]+$/g, '');
  const { login, address } = splitLogin(text);
  const invalid = (problem: string, shown = redactUrl(text)) =>
    new MailError(`${SMTP_URL_VARIABLE} ${problem}: ${shown}`, {
      hint: 'Write it as smtp://user:password@host:587 (STARTTLS) or smtps://user:password@host:465 (TLS).',
    });
  if (login !== undefined && /[/?#]/.test(login)) {
    throw invalid('is not a URL (write / ? # in the user name and password as %2F %3F %23)');
  }
  let parsed: URL;
  try {
    parsed = new URL(address);
  } catch {
    throw invalid('is not a URL');
  }
  if (parsed.protocol !== 'smtp:' && parsed.protocol !== 'smtps:') {
    throw invalid(`must start with smtp:// or smtps://`);
  }
  const secure = parsed.protocol === 'smtps:';
  const host = hostOf(parsed.hostname);
  if (!host) throw invalid('has no server name');
  // Only from the parts after the login, so nothing but the host, port and setting names can show.
  const hostShown = host.includes(':') ? `[${host}]` : host;
  const shownParsed = () => {
    const settings = [...parsed.searchParams]
      .map(([key, value]) => `${printable(key)}=${key === 'tls' ? printable(value) : '***'}`)
      .join('&');
    return `${parsed.protocol}//${login === undefined ? '' : '***@'}${hostShown}${parsed.port ? `:${parsed.port}` : ''}${settings ? `?${settings}` : ''}`;
  };
  if (parsed.pathname !== '' && parsed.pathname !== '/')
    throw invalid('has a path after the server', shownParsed());
  if (parsed.hash) throw invalid('has a #fragment (write # in a password as %23)', shownParsed());
  let plainTextAllowed = false;
  for (const [key, value] of parsed.searchParams) {
    if (key === 'tls' && value === 'off') plainTextAllowed = true;
    else throw invalid(`has an unknown setting "${printable(key)}" (the only one is tls=off)`, shownParsed());
  }
  if (secure && plainTextAllowed) {
    throw invalid('asks for TLS (smtps://) and for none (tls=off)', shownParsed());
  }
  const decode = (part: string, what: string) => {
    try {
      return decodeURIComponent(part);
    } catch {
      throw invalid(`has a badly percent-encoded ${what}`, shownParsed());
    }
  };
  // The first colon ends the user name, as in any URL; the password may hold more.
  const written = login ?? '';
  const colon = written.indexOf(':');
  const [userPart, passPart] =
    colon < 0 ? [written, ''] : [written.slice(0, colon), written.slice(colon + 1)];
  const user = userPart ? decode(userPart, 'user name') : undefined;
  const pass = passPart ? decode(passPart, 'password') : undefined;
  if (user === undefined && pass !== undefined)
    throw invalid('has a password but no user name', shownParsed());
  if (user !== undefined && pass === undefined)
    throw invalid('has a user name but no password', shownParsed());
  const port = parsed.port ? Number(parsed.port) : secure ? 465 : 587;
  if (port === 0) throw invalid('has port 0', shownParsed());
  const shownLogin = userPart ? `${printable(userPart)}:***@` : '';
  return {
    secure,
    host,
    port,
    user,
    pass,
    plainTextAllowed,
    shown: `${parsed.protocol}//${shownLogin}${hostShown}:${port}${plainTextAllowed ? '?tls=off' : ''}`,
  };
}

/** The host of an smtp: URL (an opaque host: percent-encoded, IPv6 in brackets), ready to connect to. */
function hostOf(hostname: string): string | undefined {
  if (hostname === '') return undefined;
  if (hostname.startsWith('[') && hostname.endsWith(']')) return hostname.slice(1, -1);
  try {
    return domainToASCII(decodeURIComponent(hostname)) || undefined;
  } catch {
    return undefined;
  }
}

/**
 * The user name and password of a URL, split off before it is parsed: all
 * between `//` and the last `@`. A URL parser ends them at the first `/ ? #`,
 * and would take the rest of an unencoded password for a port, a path, a
 * setting or a #fragment, which a message then shows (`smtp://u:2024/Summer!@host`).
 */
function splitLogin(text: string): { login?: string; address: string } {
  const match = /^([a-z][a-z0-9+.-]*:\/\/)(.*)@/is.exec(text);
  if (!match) return { address: text };
  return { login: match[2], address: (match[1] as string) + text.slice(match[0].length) };
}

/**
 * The URL as written, for a message, read before any parsing: all before the
 * last `@` is hidden (from `//` on), and so is anything after a colon when
 * there is no `@` but the part after it is not a port number (`smtp://user:secret`).
 */
function redactUrl(text: string): string {
  const scheme = /^[a-z][a-z0-9+.-]*:\/\//i.exec(text)?.[0] ?? '';
  const rest = text.slice(scheme.length);
  const at = rest.lastIndexOf('@');
  if (at >= 0) return printable(`${scheme}***@${rest.slice(at + 1)}`);
  return printable(scheme + rest.replace(/:(?!\d+(?:[/?]|$)).*/s, ':***'));
}
