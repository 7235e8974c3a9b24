/**
 * Sending the draft's message over SMTP (`sendDraft`) to the server in
 * BRIEFDECK_SMTP_URL (read by smtpUrl.ts), and turning every failure into
 * one line the user can act on, without ever showing the SMTP password.
 */
import { UsageError } from '../../errors.js';
import { truncate } from '../../format/format.js';
import { type Mailbox, parseMailbox, toMailboxes } from './addresses.js';
import { type MailContent, MailError, type MailOptions, messageOptions, oneLine } from './message.js';
import { parseSmtpUrl, SMTP_URL_VARIABLE, type SmtpTarget } from './smtpUrl.js';

export const DEFAULT_SMTP_TIMEOUT_MS = 10_000;

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

/** What nodemailer (or Node under it) throws, as far as the messages read it. */
interface SendFailure {
  code?: string;
  originalCode?: string;
  response?: string;
  responseCode?: number;
  command?: string;
  message?: string;
}

/** What every message about a failure says: the server, its answer, the error's codes and detail. */
interface FailureFacts {
  where: string;
  server: string;
  codes: (string | undefined)[];
  detail: string;
  urlHint: string;
}

/** One MailError line for whatever nodemailer (or Node under it) threw, with the password scrubbed. */
function sendError(error: unknown, target: SmtpTarget, from: Mailbox, timeoutMs: number): MailError {
  const err = (error ?? {}) as SendFailure;
  const scrub = scrubber(target);
  const clean = (text: string) => truncate(oneLine(scrub(text)), 240);
  const facts: FailureFacts = {
    where: `${target.host.includes(':') ? `[${target.host}]` : target.host}:${target.port}`,
    server: err.response ? clean(err.response) : '',
    codes: [err.code, err.originalCode],
    detail: clean(err.message ?? String(error)),
    urlHint: `Check the server and port in ${SMTP_URL_VARIABLE} (${target.shown}).`,
  };
  const [message, hint] =
    connectionFailure(err, facts, target, timeoutMs) ?? serverRefusal(err, facts, target, from);
  return new MailError(scrub(message), { hint: scrub(hint), cause: scrubbedCause(err, scrub) });
}

/** The message and hint for a connection that failed (certificate, refused, DNS, timeout, TLS); else undefined. */
function connectionFailure(
  err: SendFailure,
  { where, codes, detail, urlHint }: FailureFacts,
  target: SmtpTarget,
  timeoutMs: number,
): [string, string] | undefined {
  if (
    codes.some((code) => code !== undefined && CERTIFICATE_CODES.has(code)) ||
    /certificate/i.test(detail)
  ) {
    return [
      `The mail server at ${where} has a TLS certificate that is not trusted (${detail}).`,
      'If the server is yours, trust its certificate authority (NODE_EXTRA_CA_CERTS=ca.pem); never send to a server you cannot verify.',
    ];
  }
  if (codes.includes('ECONNREFUSED')) return [`The mail server at ${where} refused the connection.`, urlHint];
  if (codes.includes('EDNS') || codes.includes('ENOTFOUND') || codes.includes('EAI_AGAIN'))
    return [`Could not find the mail server "${target.host}" (DNS lookup failed).`, urlHint];
  if (codes.includes('ETIMEDOUT')) {
    const hint = target.secure
      ? `${urlHint} smtps:// is TLS from the start; for STARTTLS (usually port 587) use smtp://.`
      : `${urlHint} If the server takes TLS from the start (usually port 465), use smtps://.`;
    return [`The mail server at ${where} did not answer within ${formatSeconds(timeoutMs)}.`, hint];
  }
  if (err.code === 'ETLS' && /STARTTLS/i.test(detail)) {
    return [
      `The mail server at ${where} does not offer STARTTLS, and briefdeck sends only over an encrypted connection.`,
      'Use smtps:// if the server takes TLS from the start (usually port 465); to send in plain text on a network you trust, add ?tls=off to the URL.',
    ];
  }
  if (err.code === 'ETLS' || /SSL|TLS/.test(err.originalCode ?? '') || /SSL routines/.test(detail)) {
    const reason = /wrong version number|packet length too long|unknown protocol/i.test(detail)
      ? 'it does not start TLS on this port'
      : detail;
    return [
      `The TLS connection to the mail server at ${where} failed (${reason}).`,
      target.secure
        ? 'smtps:// is TLS from the start (usually port 465); for STARTTLS (usually port 587) use smtp://.'
        : urlHint,
    ];
  }
  return undefined;
}

/** The message and hint for what the server refused (the login, the sender, the recipients, the message), or any other failure. */
function serverRefusal(
  err: SendFailure,
  { where, server, detail, urlHint }: FailureFacts,
  target: SmtpTarget,
  from: Mailbox,
): [string, string] {
  if (err.code === 'EAUTH') {
    return [
      `The mail server at ${where} refused the login of "${target.user ?? ''}"${server ? `: ${server}` : ''}.`,
      `Check the user name and password in ${SMTP_URL_VARIABLE}; write @ : / # % in them as %40 %3A %2F %23 %25.`,
    ];
  }
  if (err.code === 'ENOAUTH' || err.responseCode === 530) {
    return [
      `The mail server at ${where} wants a login${server ? `: ${server}` : ''}.`,
      `Put the user name and password in ${SMTP_URL_VARIABLE}: smtp://user:password@host:587`,
    ];
  }
  const said = server ? `: ${server}` : ` (${detail})`;
  if (err.code === 'EENVELOPE' && err.command === 'MAIL FROM') {
    return [
      `The mail server at ${where} refused the sender ${from.address}${said}.`,
      'Check --from: the server may not let this account send as that address.',
    ];
  }
  if (err.code === 'EENVELOPE' && err.command === 'RCPT TO')
    return [
      `The mail server at ${where} refused the recipients${said}.`,
      'Check the --to and --cc addresses.',
    ];
  if (err.code === 'EENVELOPE' || err.code === 'EMESSAGE') {
    return [
      `The mail server at ${where} refused the message${said}.`,
      'The server may limit the size of a message, or the addresses this account may use.',
    ];
  }
  if (err.code === 'ECONNECTION' || err.code === 'ESOCKET')
    return [`The connection to the mail server at ${where} failed (${detail}).`, urlHint];
  return [`Sending through the mail server at ${where} failed (${detail}).`, urlHint];
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
