/**
 * What the mail says and the draft to open in a mail client (`composeDraft`).
 * The MIME is nodemailer's (MailComposer), never written here by hand; what
 * this module owns is the content: subject, bottom line, what is attached.
 * nodemailer is imported only when a message is composed.
 */
import { readFile } from 'node:fs/promises';
import type { MailComposerOptions } from 'nodemailer/lib/mail-composer';
import type { Changes } from '../../changes/types.js';
import { withoutSoftHyphens } from '../../content/hyphenation.js';
import { buildContent, type ChangesSection } from '../../content/index.js';
import { escapeHtml } from '../../content/markdown.js';
import { ExitCode, UserError } from '../../errors.js';
import type { Briefing } from '../../format/briefing.js';
import { findCitations } from '../../format/references.js';
import { decisionMeta } from '../../slides/decisions.js';
import { type Mailbox, toMailboxes } from './addresses.js';

/**
 * What the mail says: the title block with its handling line, the bottom
 * line and the decisions required, from the briefing's content model made
 * for a mail: its citations (`[1]`, a link to the sources slide in the deck)
 * as plain numbers, since in a mail they have nowhere to go, with the
 * sources they cite listed.
 */
export function mailContent(briefing: Briefing, changes?: Changes): MailContent {
  const content = buildContent(briefing, null, undefined, changes);
  // The sources the bottom line and the decisions cite, numbered as in the deck; all of them with the
  // changes, whose lines and reasons may cite any.
  const ids = new Set([
    ...content.bluf.flatMap((item) => findCitations(item.markdown)),
    ...content.decisions.flatMap((item) => findCitations(item.decision)),
  ]);
  const cited = content.sources.filter((source) => content.changes || ids.has(source.id));
  return {
    language: content.language,
    dir: content.dir,
    title: content.title,
    classification: content.classification,
    ...(content.handling ? { handling: content.handling.text } : {}),
    date: content.date,
    ...(content.asOf ? { asOf: content.asOf.shown } : {}),
    author: content.author,
    organization: content.organization,
    bottomLine: content.bluf.map(({ html, text, change }) => ({
      html,
      text,
      ...(change ? { mark: change.label } : {}),
    })),
    decisions: content.decisions.map((item) => ({
      text: item.decisionText,
      html: item.decisionHtml,
      meta: decisionMeta(item, content.dir),
      ...(item.change ? { mark: item.change.label } : {}),
    })),
    ...(content.changes ? { changes: content.changes } : {}),
    sources: cited.map(({ number, title, details, url }) => ({
      number,
      title,
      details,
      ...(url ? { url } : {}),
    })),
  };
}

/** What the mail says (see `mailContent`). */
export interface MailContent {
  /** The briefing's language and direction, for the HTML body's `lang` and `dir`. */
  language: string;
  dir: 'ltr' | 'rtl';
  title: string;
  classification?: string;
  /** The handling line (`Not for onward distribution`, or a TLP label's sharing rule), under the title. */
  handling?: string;
  /** In the language's long form (`30 June 2015`), else as written. */
  date?: string;
  /** `as_of`, as the title slide shows it (`3 July 2015, 09:00 UTC`). */
  asOf?: string;
  author?: string;
  organization?: string;
  /** The bottom line (BLUF) items: plain text and sanitised inline HTML (already safe to embed); `NEW` or `UPDATED` since the previous version. */
  bottomLine: { text: string; html: string; mark?: string }[];
  /**
   * The decisions required, after the bottom line, as the deck shows them: plain text and sanitised
   * inline HTML, and the line of who decides, by when (passed or not) and on which recommendations
   * (plain text, empty when there is none); `NEW` or `UPDATED` since the previous version.
   */
  decisions: { text: string; html: string; meta: string; mark?: string }[];
  /** What changed since the previous version (`--since`): the lines after the bottom line and the decisions. */
  changes?: ChangesSection;
  /** Said after the attachments: whether the speaker notes are in them (`no speaker notes`). */
  attachmentNote?: string;
  /** The sources the bottom line and the decisions cite, by their number there: plain text. */
  sources: { number: number; title: string; details: string; url?: string }[];
}

/** The decisions' heading, as the deck's slide and the handout have it. */
const DECISIONS_HEADING = 'Decisions required';

/** The media type of a PowerPoint deck (`.pptx`). */
export const PPTX_TYPE = 'application/vnd.openxmlformats-officedocument.presentationml.presentation';

export interface MailAttachment {
  /** Where the file is; it is read when the message is composed. */
  path: string;
  /** The name the recipient sees. */
  filename: string;
  contentType: 'application/pdf' | typeof PPTX_TYPE;
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

/** The mail could not be composed or sent: unreadable attachment, bad SMTP URL, refused, unreachable. */
export class MailError extends UserError {
  override readonly exitCode = ExitCode.render;
}

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
  const asOf = content.asOf && `as of ${oneLine(content.asOf)}`;
  return [content.date && oneLine(content.date), asOf, who.join(', ')].filter(Boolean).join(' · ');
}

/**
 * The plain-text body: banner, title, byline, the bottom line and the decisions required as numbered
 * lists, the attachments, banner.
 */
export function mailText(content: MailContent, attachments: Pick<MailAttachment, 'filename'>[]): string {
  const banner = content.classification ? oneLine(content.classification) : '';
  const lines: string[] = [];
  if (banner) lines.push(banner, '');
  lines.push(oneLine(content.title));
  const by = byline(content);
  if (by) lines.push(by);
  if (content.handling) lines.push(oneLine(content.handling));
  if (content.bottomLine.length > 0) {
    lines.push('', 'Bottom line:');
    content.bottomLine.forEach((item, index) => {
      lines.push(`${index + 1}. ${item.mark ? `[${item.mark}] ` : ''}${oneLine(item.text)}`);
    });
  }
  if (content.decisions.length > 0) {
    lines.push('', `${DECISIONS_HEADING}:`);
    content.decisions.forEach((item, index) => {
      lines.push(`${index + 1}. ${item.mark ? `[${item.mark}] ` : ''}${oneLine(item.text)}`);
      if (item.meta) lines.push(`   ${oneLine(item.meta)}`);
    });
  }
  if (content.changes) lines.push('', ...changesText(content.changes));
  if (content.sources.length > 0) lines.push('', 'Sources:', ...content.sources.map(sourceLine));
  if (attachments.length > 0) {
    const note = content.attachmentNote ? ` (${oneLine(content.attachmentNote)})` : '';
    lines.push('', `Attached: ${attachments.map((file) => oneLine(file.filename)).join(', ')}${note}`);
  }
  if (banner) lines.push('', banner);
  // No soft hyphens (the content model's, for the deck's narrow columns): a mail program sets its own
  // lines, and some show them, or break a word the reader searches for.
  return withoutSoftHyphens(`${lines.join('\n')}\n`);
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
  const items = content.bottomLine
    .map(
      (item) => `<li style="margin:0 0 6px;">${item.mark ? `${markHtml(item.mark)} ` : ''}${item.html}</li>`,
    )
    .join('\n');
  const decisions = content.decisions
    .map((item) => {
      const meta = item.meta ? `<br><span style="color:#555555;">${text(item.meta)}</span>` : '';
      return `<li style="margin:0 0 6px;">${item.mark ? `${markHtml(item.mark)} ` : ''}${item.html}${meta}</li>`;
    })
    .join('\n');
  const files = attachments.map((file) => `<strong>${text(file.filename)}</strong>`).join(', ');
  const html = [
    '<!DOCTYPE html>',
    `<html lang="${escapeHtml(content.language)}" dir="${content.dir}">`,
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${text(mailSubject(content))}</title>`,
    '</head>',
    '<body style="margin:0;padding:16px;font-family:Calibri,Arial,Helvetica,sans-serif;font-size:15px;line-height:1.4;color:#1a1a1a;background:#ffffff;">',
    `${banner}<h1 style="margin:0 0 4px;font-size:20px;">${text(content.title)}</h1>`,
    by ? `<p style="margin:0 0 16px;color:#555555;">${text(by)}</p>` : '',
    content.handling ? `<p style="margin:0 0 16px;font-style:italic;">${text(content.handling)}</p>` : '',
    items
      ? `<h2 style="margin:16px 0 8px;font-size:16px;">Bottom line</h2>\n<ol style="margin:0 0 16px;padding-left:24px;">\n${items}\n</ol>`
      : '',
    decisions
      ? `<h2 style="margin:16px 0 8px;font-size:16px;">${DECISIONS_HEADING}</h2>\n<ol style="margin:0 0 16px;padding-left:24px;">\n${decisions}\n</ol>`
      : '',
    content.changes ? changesHtml(content.changes) : '',
    content.sources.length > 0
      ? `<h2 style="margin:16px 0 8px;font-size:16px;">Sources</h2>\n${content.sources
          .map((source) => `<p style="margin:0 0 4px;">${text(sourceLine(source))}</p>`)
          .join('\n')}`
      : '',
    files
      ? `<p style="margin:16px 0;">Attached: ${files}${content.attachmentNote ? ` (${text(content.attachmentNote)})` : ''}</p>`
      : '',
    banner.trimEnd(),
    '</body>',
    '</html>',
    '',
  ]
    .filter((line) => line !== '')
    .join('\n');
  return withoutSoftHyphens(html);
}

/** A cited source as one line: `[1] Title. Author, publisher, date. https://…` (plain text). */
function sourceLine(source: MailContent['sources'][number]): string {
  return oneLine(
    [`[${source.number}] ${source.title}`, source.details, source.url].filter(Boolean).join('. '),
  );
}

/** The "Changes since …" lines of the text part: the heading, then each group and its items. */
function changesText(changes: ChangesSection): string[] {
  return [
    `${oneLine(changes.heading)}:`,
    ...changes.groups.flatMap((group) => [
      `${group.title}:`,
      ...group.lines.map(
        (line) => `- ${oneLine(line.text)}${line.note ? ` (why: ${oneLine(line.note)})` : ''}`,
      ),
    ]),
  ];
}

/** The same in the HTML part: each line's HTML is sanitiser output. */
function changesHtml(changes: ChangesSection): string {
  const groups = changes.groups.map((group) => {
    const lines = group.lines
      .map((line) => {
        const why = line.noteHtml ? `<br><span style="color:#555555;">Why: ${line.noteHtml}</span>` : '';
        return `<li style="margin:0 0 4px;">${line.html}${why}</li>`;
      })
      .join('\n');
    return `<p style="margin:8px 0 4px;font-weight:bold;">${escapeHtml(group.title)}</p>\n<ul style="margin:0 0 8px;padding-left:24px;">\n${lines}\n</ul>`;
  });
  return `<h2 style="margin:16px 0 8px;font-size:16px;">${escapeHtml(oneLine(changes.heading))}</h2>\n${groups.join('\n')}`;
}

/** A NEW or UPDATED mark, as a small label. */
function markHtml(mark: string): string {
  return `<span style="font-size:11px;font-weight:bold;letter-spacing:0.05em;color:#8a5a00;">[${escapeHtml(mark)}]</span>`;
}

/** The text on one line: line breaks, tabs and control characters as one space; no-break spaces kept. */
export function oneLine(text: string): string {
  return text.replace(/(?:(?![\u00A0\u2007\u202F])[\s\p{Cc}])+/gu, ' ').trim();
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
export async function messageOptions(
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
