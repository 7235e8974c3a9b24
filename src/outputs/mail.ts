/**
 * The briefing by email: a draft to open in a mail client (`composeDraft`),
 * or the same message sent over SMTP (`sendDraft`). The MIME is nodemailer's
 * (MailComposer for the draft, its SMTP transport for sending), never written
 * here by hand; what this module owns is what the mail says, which addresses
 * it accepts, and turning every failure into one line the user can act on,
 * without ever showing the SMTP password.
 *
 * nodemailer is imported only when a message is composed or sent, so the
 * command line can load this module to check addresses and the SMTP URL
 * before it builds anything.
 */
import { readFile } from 'node:fs/promises';
import { domainToASCII } from 'node:url';
import type { MailComposerOptions } from 'nodemailer/lib/mail-composer';
import { escapeHtml } from '../content/markdown.js';
import { ExitCode, UsageError, UserError } from '../errors.js';
import { truncate } from '../format/format.js';
import type { DeckModel } from '../slides/index.js';
import { printable } from '../terminalText.js';

/**
 * What the mail says, from the deck's view model: the title block and the
 * bottom line. Citations (`[1]`, a link to the sources slide in the deck)
 * stay as plain numbers: in a mail they have nowhere to go.
 */
export function mailContent(model: DeckModel): MailContent {
  const title = model.slides.find((slide) => slide.kind === 'title');
  const bluf = model.slides.flatMap((slide) => (slide.kind === 'bluf' ? slide.items : []));
  return {
    title: model.title,
    classification: model.classification,
    date: title?.kind === 'title' ? title.date : undefined,
    author: model.author,
    organization: model.organization,
    bottomLine: bluf.map((item) => {
      const html = item.html.replace(/<a class="cite"[^>]*>(\[\d+\])<\/a>/g, '$1');
      return { html, text: htmlText(html) };
    }),
  };
}

/** The text of a fragment of sanitised HTML: tags dropped, the entities the sanitiser writes decoded. */
function htmlText(html: string): string {
  return html
    .replace(/<[^>]*>/g, '')
    .replace(
      /&(lt|gt|quot|#39|#x27|amp);/g,
      (entity) =>
        ({ '&lt;': '<', '&gt;': '>', '&quot;': '"', '&#39;': "'", '&#x27;': "'", '&amp;': '&' })[entity] ??
        entity,
    )
    .replace(/\s+/g, ' ')
    .trim();
}

/** What the mail says (see `mailContent`). */
export interface MailContent {
  title: string;
  classification?: string;
  /** As written in the briefing. */
  date?: string;
  author?: string;
  organization?: string;
  /** The bottom line (BLUF) items: plain text and sanitised inline HTML (already safe to embed). */
  bottomLine: { text: string; html: string }[];
}

export interface MailAttachment {
  /** Where the file is; it is read when the message is composed. */
  path: string;
  /** The name the recipient sees. */
  filename: string;
  contentType: 'application/pdf';
}

export interface MailOptions {
  /** Addresses as `parseAddresses` returns them. */
  to: string[];
  cc: string[];
  /** The sender; a draft without one gets the mail client's own account. */
  from?: string;
  attachments: MailAttachment[];
  /** `sendDraft` only: the limit for connecting, for the server's greeting and for DNS (default 10 s). */
  timeoutMs?: number;
}

/** The environment variable the SMTP URL comes from, named in messages. */
export const SMTP_URL_VARIABLE = 'BRIEFDECK_SMTP_URL';

export const DEFAULT_SMTP_TIMEOUT_MS = 10_000;

/** The mail could not be composed or sent: unreadable attachment, bad SMTP URL, refused, unreachable. */
export class MailError extends UserError {
  override readonly exitCode = ExitCode.render;
}

// ---------------------------------------------------------------------------------------------
// Addresses

/**
 * Parses and checks addresses (each item may be one address or a
 * comma-separated list, with or without display names: `a@b.org`,
 * `Jane Doe <jane@x.org>`, `"Doe, Jane" <jane@x.org>`). Throws UsageError
 * naming the first bad address exactly as written (control characters shown
 * escaped). Returns each address in one canonical form, `"Name" <addr>` or
 * `addr`, which `composeDraft` and `sendDraft` take.
 *
 * Deliberately stricter than RFC 5322: no groups, comments, quoted local parts
 * or domain literals; the domain is a host name (IDN allowed).
 */
export function parseAddresses(values: string[], option: '--to' | '--cc' | '--from'): string[] {
  const addresses: string[] = [];
  for (const value of values) {
    const items = splitAddressList(value)
      .map((item) => item.trim())
      .filter((item) => item !== '');
    if (items.length === 0) {
      throw new UsageError(`${option} takes an email address, got "${printable(value)}"`, {
        hint: `For example: ${option} jane.doe@example.org`,
      });
    }
    for (const item of items) {
      const mailbox = parseMailbox(item);
      if (!mailbox) {
        throw new UsageError(`${option}: "${printable(item)}" is not an email address`, {
          hint: 'Write name@example.org or "Name" <name@example.org>; separate several with commas.',
        });
      }
      addresses.push(formatMailbox(mailbox));
    }
  }
  if (option === '--from' && addresses.length > 1) {
    throw new UsageError(`--from takes one address, got ${addresses.length}`, {
      hint: 'Give the sender once: --from "Name" <name@example.org>',
    });
  }
  return addresses;
}

interface Mailbox {
  name: string;
  address: string;
}

/** Splits on commas outside quoted strings and angle brackets. */
function splitAddressList(value: string): string[] {
  const items: string[] = [];
  let current = '';
  let quoted = false;
  let angle = false;
  for (let i = 0; i < value.length; i++) {
    const char = value[i] as string;
    if (quoted && char === '\\' && i + 1 < value.length) {
      current += char + value[++i];
      continue;
    }
    if (char === '"' && !angle) quoted = !quoted;
    else if (char === '<' && !quoted) angle = true;
    else if (char === '>' && !quoted) angle = false;
    else if (char === ',' && !quoted && !angle) {
      items.push(current);
      current = '';
      continue;
    }
    current += char;
  }
  items.push(current);
  return items;
}

// RFC 5322 atext, and any letter or digit beyond ASCII (SMTPUTF8).
const ATEXT = "[\\p{L}\\p{N}!#$%&'*+/=?^_`{|}~-]";
const LOCAL_PART = new RegExp(`^${ATEXT}+(?:\\.${ATEXT}+)*$`, 'u');
const DOMAIN_LABEL = /^[\p{L}\p{N}](?:[\p{L}\p{N}-]{0,61}[\p{L}\p{N}])?$/u;
// A display name written without quotes: words, dots and spaces; no specials that would change its meaning.
const PLAIN_NAME = /^[^"<>@,;:\\()[\]\p{Cc}]+$/u;
const QUOTED_NAME = /^"((?:[^"\\\p{Cc}]|\\[^\p{Cc}])*)"$/u;

function parseMailbox(item: string): Mailbox | undefined {
  if (/\p{Cc}/u.test(item)) return undefined;
  const angled = /^([^<]*)<([^<>]*)>$/.exec(item);
  if (!angled) return isAddrSpec(item) ? { name: '', address: item } : undefined;
  const [, rawName = '', address = ''] = angled;
  if (!isAddrSpec(address)) return undefined;
  const written = rawName.trim();
  if (written === '') return { name: '', address };
  const quoted = QUOTED_NAME.exec(written);
  if (quoted) return { name: (quoted[1] ?? '').replace(/\\(.)/gu, '$1'), address };
  return PLAIN_NAME.test(written) ? { name: written.replace(/\s+/g, ' '), address } : undefined;
}

function isAddrSpec(text: string): boolean {
  const at = text.lastIndexOf('@');
  if (at <= 0 || text.length > 254) return false;
  const local = text.slice(0, at);
  const domain = text.slice(at + 1);
  return (
    local.length <= 64 &&
    LOCAL_PART.test(local) &&
    domain.length > 0 &&
    domain.split('.').every((label) => DOMAIN_LABEL.test(label)) &&
    domainToASCII(domain) !== ''
  );
}

function formatMailbox({ name, address }: Mailbox): string {
  return name ? `"${name.replace(/["\\]/g, '\\$&')}" <${address}>` : address;
}

/** Addresses in `parseAddresses`' form, as nodemailer address objects (names are encoded by nodemailer). */
function toMailboxes(addresses: string[], option: '--to' | '--cc' | '--from'): Mailbox[] {
  return parseAddresses(addresses, option).map((address) => parseMailbox(address) as Mailbox);
}

// ---------------------------------------------------------------------------------------------
// The message

/**
 * The subject: the classification first, in brackets, then the title, e.g.
 * `[UNCLASSIFIED] ISIS in Libya: …` or `[TLP:AMBER] …`. Handling rules put
 * the marking in the subject line, before anything else (FIRST's TLP 2.0:
 * "in the subject line and in the body"; government schemes mark the
 * subject the same way), so it shows in every inbox list even when the
 * subject is cut short. The marking is kept exactly as written (TLP labels
 * must not be altered; `TOP SECRET//NOFORN` has no portion-mark
 * abbreviation to derive), and the brackets set it apart from a title that
 * has colons or slashes of its own, the way mail filters expect a tag.
 */
export function mailSubject(content: Pick<MailContent, 'title' | 'classification'>): string {
  const title = oneLine(content.title);
  const marking = content.classification ? oneLine(content.classification) : '';
  return marking ? `[${marking}] ${title}` : title;
}

function byline(content: MailContent): string {
  const who = [content.author, content.organization].map((part) => part && oneLine(part)).filter(Boolean);
  return [content.date && oneLine(content.date), who.join(', ')].filter(Boolean).join(' · ');
}

/** The plain-text body: banner, title, byline, the bottom line as a numbered list, the attachments, banner. */
export function mailText(content: MailContent, attachments: Pick<MailAttachment, 'filename'>[]): string {
  const banner = content.classification ? oneLine(content.classification) : '';
  const lines: string[] = [];
  if (banner) lines.push(banner, '');
  lines.push(oneLine(content.title));
  const by = byline(content);
  if (by) lines.push(by);
  if (content.bottomLine.length > 0) {
    lines.push('', 'Bottom line:');
    content.bottomLine.forEach((item, index) => {
      lines.push(`${index + 1}. ${oneLine(item.text)}`);
    });
  }
  if (attachments.length > 0) {
    lines.push('', `Attached: ${attachments.map((file) => oneLine(file.filename)).join(', ')}`);
  }
  if (banner) lines.push('', banner);
  return `${lines.join('\n')}\n`;
}

/**
 * The HTML body: the same as the text, with inline styles only. Everything is
 * escaped but the bottom line's `html`, which is sanitiser output; nothing is
 * loaded from anywhere (no images, fonts or style sheets), so the mail shows
 * the same offline and trips no remote-content blocker.
 */
export function mailHtml(content: MailContent, attachments: Pick<MailAttachment, 'filename'>[]): string {
  const text = (value: string) => escapeHtml(oneLine(value));
  const banner = content.classification
    ? `<p style="margin:0 0 16px;font-weight:bold;text-align:center;letter-spacing:0.04em;">${text(content.classification)}</p>\n`
    : '';
  const by = byline(content);
  const items = content.bottomLine.map((item) => `<li style="margin:0 0 6px;">${item.html}</li>`).join('\n');
  const files = attachments.map((file) => `<strong>${text(file.filename)}</strong>`).join(', ');
  return [
    '<!DOCTYPE html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${text(mailSubject(content))}</title>`,
    '</head>',
    '<body style="margin:0;padding:16px;font-family:Calibri,Arial,Helvetica,sans-serif;font-size:15px;line-height:1.4;color:#1a1a1a;background:#ffffff;">',
    `${banner}<h1 style="margin:0 0 4px;font-size:20px;">${text(content.title)}</h1>`,
    by ? `<p style="margin:0 0 16px;color:#555555;">${text(by)}</p>` : '',
    items
      ? `<h2 style="margin:16px 0 8px;font-size:16px;">Bottom line</h2>\n<ol style="margin:0 0 16px;padding-left:24px;">\n${items}\n</ol>`
      : '',
    files ? `<p style="margin:16px 0;">Attached: ${files}</p>` : '',
    banner.trimEnd(),
    '</body>',
    '</html>',
    '',
  ]
    .filter((line) => line !== '')
    .join('\n');
}

function oneLine(text: string): string {
  return text.replace(/[\s\p{Cc}]+/gu, ' ').trim();
}

/**
 * An attachment's file name as the recipient's mail program shows and saves
 * it. It comes from the briefing's file name, which may hold anything a file
 * system allows: control characters (CR LF) become spaces, invisible format
 * characters are dropped (`report` U+202E `fdp.exe` shows as `reportexe.pdf`),
 * and path separators become `_`.
 */
export function attachmentName(filename: string): string {
  const name = filename
    .replace(/\p{Cf}/gu, '')
    .replace(/[\p{Cc}\p{Zl}\p{Zp}\s]+/gu, ' ')
    .replace(/[/\\]/g, '_')
    .trim();
  return name === '' || name.startsWith('.') ? `briefing${name}` : name;
}

/**
 * The message as nodemailer takes it, the same for the draft and for sending.
 * Attachments are read here and given as bytes, and nodemailer may read no
 * file or URL itself.
 */
async function messageOptions(
  content: MailContent,
  options: MailOptions,
  from: Mailbox | undefined,
): Promise<MailComposerOptions> {
  const to = toMailboxes(options.to, '--to');
  const cc = options.cc.length > 0 ? toMailboxes(options.cc, '--cc') : undefined;
  const files = options.attachments.map((file) => ({ ...file, filename: attachmentName(file.filename) }));
  const attachments = await Promise.all(
    files.map(async (attachment) => {
      try {
        return {
          content: await readFile(attachment.path),
          filename: attachment.filename,
          contentType: attachment.contentType,
          contentDisposition: 'attachment',
        };
      } catch (cause) {
        const reason = (cause as NodeJS.ErrnoException).code ?? String(cause);
        throw new MailError(`Cannot read the attachment ${attachment.path} (${reason})`, {
          hint: 'Build the PDF first, or check the path.',
          cause,
        });
      }
    }),
  );
  return {
    from,
    to,
    cc,
    subject: mailSubject(content),
    text: mailText(content, files),
    html: mailHtml(content, files),
    attachments,
    disableFileAccess: true,
    disableUrlAccess: true,
  };
}

/**
 * The draft as an RFC 5322 message with `X-Unsent: 1` (write it to a `.eml`
 * file). Outlook opens such a file in a compose window, ready to send;
 * Thunderbird and Apple Mail show it as a message, and their "Edit as New
 * Message" and "Send Again" turn it into one.
 *
 * Without `from` the draft has no From header, on purpose. Outlook puts the
 * account it will send with in From when it opens an unsent draft, and the
 * other two pick the identity that matches From, else the default one. A
 * placeholder (`draft@invalid`, `noreply@localhost`) gains nothing over that
 * and can cost: a client that keeps the From it was given sends as the
 * placeholder, which bounces or which Exchange refuses as "send as". A draft
 * is not yet a message on the wire; the From RFC 5322 requires is added by
 * the client that sends it. With `from`, it is written as given.
 */
export async function composeDraft(content: MailContent, options: MailOptions): Promise<Buffer> {
  const from = options.from === undefined ? undefined : toMailboxes([options.from], '--from')[0];
  const mail = await messageOptions(content, options, from);
  const { default: MailComposer } = await import('nodemailer/lib/mail-composer');
  return new MailComposer({ ...mail, headers: { 'X-Unsent': '1' } }).compile().build();
}

// ---------------------------------------------------------------------------------------------
// Sending

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
