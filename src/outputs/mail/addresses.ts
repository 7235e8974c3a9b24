/**
 * The addresses a mail may go to and come from: parsed and checked here (a
 * wrong one is a usage error naming it, before anything is built), not by
 * nodemailer's lenient addressparser (tests/mail.test.ts says why).
 */
import { domainToASCII } from 'node:url';
import { UsageError } from '../../errors.js';
import { printable } from '../../terminalText.js';

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

export interface Mailbox {
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

export function parseMailbox(item: string): Mailbox | undefined {
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
export function toMailboxes(addresses: string[], option: '--to' | '--cc' | '--from'): Mailbox[] {
  return parseAddresses(addresses, option).map((address) => parseMailbox(address) as Mailbox);
}
