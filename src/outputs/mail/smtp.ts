/**
 * Sending the draft's message over SMTP (`sendDraft`) to the server in
 * BRIEFDECK_SMTP_URL, and turning every failure into one line the user can
 * act on, without ever showing the SMTP password (the login is cut from the
 * URL before anything parses it).
 */
import { domainToASCII } from 'node:url';
import { UsageError } from '../../errors.js';
import { truncate } from '../../format/format.js';
import { printable } from '../../terminalText.js';
import { type Mailbox, parseMailbox, toMailboxes } from './addresses.js';
import { type MailContent, MailError, type MailOptions, messageOptions, oneLine } from './message.js';

/** The environment variable the SMTP URL comes from, named in messages. */
export const SMTP_URL_VARIABLE = 'BRIEFDECK_SMTP_URL';

export const DEFAULT_SMTP_TIMEOUT_MS = 10_000;

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

export interface SentMail {
  messageId: string;
  accepted: string[];
  /** Recipients the server refused while it took the message for the others. */
  rejected: string[];
}

/**
 * Sends the message `composeDraft` makes (without `X-Unsent`, which would
 * make it open as a draft for its recipients) over SMTP, to the server in
 * `url` (see `parseSmtpUrl`). The sender is `options.from`, else the SMTP
 * user name when it is an address; without either it is a UsageError.
 *
 * `tls.ca` (PEM) trusts a private certificate authority instead of the
 * system's; `rejectUnauthorized: false` turns certificate checks off.
 * Every failure is one MailError line with a hint; the password never
 * appears in it, even when the server echoes it back.
 */
export async function sendDraft(
  content: MailContent,
  options: MailOptions,
  url: string,
  tls: { rejectUnauthorized?: boolean; ca?: string } = {},
): Promise<SentMail> {
  const target = parseSmtpUrl(url);
  const from = senderOf(options.from, target);
  if (options.to.length + options.cc.length === 0) {
    throw new UsageError('sending needs a recipient: --to ADDR', {
      hint: 'For example: --to jane.doe@example.org',
    });
  }
  const mail = await messageOptions(content, options, from);
  const timeoutMs = options.timeoutMs ?? DEFAULT_SMTP_TIMEOUT_MS;
  const { default: nodemailer } = await import('nodemailer');
  const transport = nodemailer.createTransport({
    host: target.host,
    port: target.port,
    secure: target.secure,
    requireTLS: !target.secure && !target.plainTextAllowed,
    auth: target.user === undefined ? undefined : { user: target.user, pass: target.pass },
    tls: {
      rejectUnauthorized: tls.rejectUnauthorized ?? true,
      ...(tls.ca === undefined ? {} : { ca: tls.ca }),
      minVersion: 'TLSv1.2',
    },
    connectionTimeout: timeoutMs,
    greetingTimeout: timeoutMs,
    dnsTimeout: timeoutMs,
    // Inactivity while the server takes the message (some scan it before answering).
    socketTimeout: Math.max(timeoutMs, 60_000),
    socketCloseTimeout: 1_000,
    logger: false,
    debug: false,
  });
  try {
    const info = await transport.sendMail({ ...mail, xMailer: false });
    return {
      messageId: info.messageId,
      accepted: info.accepted.map(String),
      rejected: info.rejected.map(String),
    };
  } catch (error) {
    throw sendError(error, target, from, timeoutMs);
  } finally {
    transport.close();
  }
}

function senderOf(from: string | undefined, target: SmtpTarget): Mailbox {
  if (from !== undefined) return toMailboxes([from], '--from')[0] as Mailbox;
  if (target.user !== undefined) {
    const mailbox = parseMailbox(target.user);
    if (mailbox && !mailbox.name) return mailbox;
  }
  throw new UsageError('sending needs a sender: --from ADDR', {
    hint: `Give --from, or use the address as the user name in ${SMTP_URL_VARIABLE}.`,
  });
}

/** The TLS errors Node reports for a certificate it does not trust. */
const CERTIFICATE_CODES = new Set([
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'CERT_HAS_EXPIRED',
  'CERT_NOT_YET_VALID',
  'CERT_UNTRUSTED',
  'CERT_REVOKED',
  'ERR_TLS_CERT_ALTNAME_INVALID',
]);

/** One MailError line for whatever nodemailer (or Node under it) threw, with the password scrubbed. */
function sendError(error: unknown, target: SmtpTarget, from: Mailbox, timeoutMs: number): MailError {
  const err = (error ?? {}) as {
    code?: string;
    originalCode?: string;
    response?: string;
    responseCode?: number;
    command?: string;
    message?: string;
  };
  const scrub = scrubber(target);
  const clean = (text: string) => truncate(oneLine(scrub(text)), 240);
  const where = `${target.host.includes(':') ? `[${target.host}]` : target.host}:${target.port}`;
  const server = err.response ? clean(err.response) : '';
  const codes = [err.code, err.originalCode];
  const detail = clean(err.message ?? String(error));
  const urlHint = `Check the server and port in ${SMTP_URL_VARIABLE} (${target.shown}).`;
  const make = (message: string, hint: string) =>
    new MailError(scrub(message), { hint: scrub(hint), cause: scrubbedCause(err, scrub) });

  if (
    codes.some((code) => code !== undefined && CERTIFICATE_CODES.has(code)) ||
    /certificate/i.test(detail)
  ) {
    return make(
      `The mail server at ${where} has a TLS certificate that is not trusted (${detail}).`,
      'If the server is yours, trust its certificate authority (NODE_EXTRA_CA_CERTS=ca.pem); never send to a server you cannot verify.',
    );
  }
  if (codes.includes('ECONNREFUSED')) {
    return make(`The mail server at ${where} refused the connection.`, urlHint);
  }
  if (codes.includes('EDNS') || codes.includes('ENOTFOUND') || codes.includes('EAI_AGAIN')) {
    return make(`Could not find the mail server "${target.host}" (DNS lookup failed).`, urlHint);
  }
  if (codes.includes('ETIMEDOUT')) {
    const hint = target.secure
      ? `${urlHint} smtps:// is TLS from the start; for STARTTLS (usually port 587) use smtp://.`
      : `${urlHint} If the server takes TLS from the start (usually port 465), use smtps://.`;
    return make(`The mail server at ${where} did not answer within ${formatSeconds(timeoutMs)}.`, hint);
  }
  if (err.code === 'ETLS' && /STARTTLS/i.test(detail)) {
    return make(
      `The mail server at ${where} does not offer STARTTLS, and briefdeck sends only over an encrypted connection.`,
      'Use smtps:// if the server takes TLS from the start (usually port 465); to send in plain text on a network you trust, add ?tls=off to the URL.',
    );
  }
  if (err.code === 'ETLS' || /SSL|TLS/.test(err.originalCode ?? '') || /SSL routines/.test(detail)) {
    const reason = /wrong version number|packet length too long|unknown protocol/i.test(detail)
      ? 'it does not start TLS on this port'
      : detail;
    return make(
      `The TLS connection to the mail server at ${where} failed (${reason}).`,
      target.secure
        ? 'smtps:// is TLS from the start (usually port 465); for STARTTLS (usually port 587) use smtp://.'
        : urlHint,
    );
  }
  if (err.code === 'EAUTH') {
    return make(
      `The mail server at ${where} refused the login of "${target.user ?? ''}"${server ? `: ${server}` : ''}.`,
      `Check the user name and password in ${SMTP_URL_VARIABLE}; write @ : / # % in them as %40 %3A %2F %23 %25.`,
    );
  }
  if (err.code === 'ENOAUTH' || err.responseCode === 530) {
    return make(
      `The mail server at ${where} wants a login${server ? `: ${server}` : ''}.`,
      `Put the user name and password in ${SMTP_URL_VARIABLE}: smtp://user:password@host:587`,
    );
  }
  const said = server ? `: ${server}` : ` (${detail})`;
  if (err.code === 'EENVELOPE' && err.command === 'MAIL FROM') {
    return make(
      `The mail server at ${where} refused the sender ${from.address}${said}.`,
      'Check --from: the server may not let this account send as that address.',
    );
  }
  if (err.code === 'EENVELOPE' && err.command === 'RCPT TO') {
    return make(
      `The mail server at ${where} refused the recipients${said}.`,
      'Check the --to and --cc addresses.',
    );
  }
  if (err.code === 'EENVELOPE' || err.code === 'EMESSAGE') {
    return make(
      `The mail server at ${where} refused the message${said}.`,
      'The server may limit the size of a message, or the addresses this account may use.',
    );
  }
  if (err.code === 'ECONNECTION' || err.code === 'ESOCKET') {
    return make(`The connection to the mail server at ${where} failed (${detail}).`, urlHint);
  }
  return make(`Sending through the mail server at ${where} failed (${detail}).`, urlHint);
}

/** Removes the password in every form it takes on the wire or in a URL from a text. */
function scrubber(target: SmtpTarget): (text: string) => string {
  const secrets = new Set<string>();
  if (target.pass) {
    const { user = '', pass } = target;
    const base64 = (text: string) => Buffer.from(text, 'utf8').toString('base64');
    secrets.add(pass);
    secrets.add(encodeURIComponent(pass));
    secrets.add(base64(pass)); // AUTH LOGIN
    secrets.add(base64(`\u0000${user}\u0000${pass}`)); // AUTH PLAIN
    secrets.add(base64(`${user}\u0000${user}\u0000${pass}`));
  }
  const sorted = [...secrets].filter(Boolean).sort((a, b) => b.length - a.length);
  return (text) => sorted.reduce((result, secret) => result.split(secret).join('***'), text);
}

/** The original error as the cause, without anything that could carry the password. */
function scrubbedCause(err: { code?: string; message?: string }, scrub: (text: string) => string): Error {
  const cause = new Error(scrub(err.message ?? 'unknown error'));
  if (err.code) Object.assign(cause, { code: err.code });
  return cause;
}

function formatSeconds(ms: number): string {
  const s = ms / 1000;
  return `${Number.isInteger(s) ? s : s.toFixed(1)} s`;
}
