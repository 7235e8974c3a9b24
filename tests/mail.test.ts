/**
 * The mail module with real parts: drafts composed by nodemailer and read
 * back with a small MIME reader below, and messages sent with nodemailer to a
 * real SMTP server (smtp-server) on 127.0.0.1, with STARTTLS on a self-signed
 * certificate made for the test, implicit TLS, plain text and a login.
 */
import { execFile, execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { copyFileSync, cpSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { promisify } from 'node:util';
import { SMTPServer, type SMTPServerOptions } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { escapeHtml } from '../src/content/markdown.js';
import { ExitCode, UsageError } from '../src/errors.js';
import { readBriefing } from '../src/format/read.js';
import {
  attachmentName,
  composeDraft,
  type MailContent,
  MailError,
  type MailOptions,
  mailSubject,
  parseAddresses,
  parseSmtpUrl,
  sendDraft,
} from '../src/outputs/mail/index.js';
import { mailContent, mailHtml, mailText } from '../src/outputs/mail/message.js';
import { deckModelOf, FIXTURES, ROOT, tempDir } from './_helpers.js';

const dir = tempDir('mail-');
const BIN = path.join(ROOT, 'bin', 'briefdeck.cjs');
const slides = path.join(dir, 'briefing.pdf');
const handout = path.join(dir, 'briefing-handout.pdf');
// Not real PDFs: bytes of every value, so a wrong transfer encoding shows.
writeFileSync(
  slides,
  Buffer.concat([Buffer.from('%PDF-1.7\n'), randomBytes(40_000), Buffer.from('\n%%EOF\n')]),
);
writeFileSync(handout, Buffer.concat([Buffer.from('%PDF-1.7\n'), randomBytes(9_000)]));

const content: MailContent = {
  language: 'en',
  dir: 'ltr',
  title: 'ISIS in Libya: resurgence in the south',
  classification: 'UNCLASSIFIED',
  date: '12 March 2025',
  author: 'Jane Doe',
  organization: 'North Africa Desk',
  sources: [],
  bottomLine: [
    {
      text: 'ISIS cells are regrouping in Fezzan.',
      html: 'ISIS cells are <strong>regrouping</strong> in Fezzan.',
    },
    {
      text: 'Attacks on oil fields are likely within six months.',
      html: 'Attacks on oil fields are likely within six months.',
    },
  ],
  decisions: [],
};

const attachments: MailOptions['attachments'] = [
  { path: slides, filename: 'briefing.pdf', contentType: 'application/pdf' },
  { path: handout, filename: 'briefing-handout.pdf', contentType: 'application/pdf' },
];

const options = (extra: Partial<MailOptions> = {}): MailOptions => ({
  to: parseAddresses(['"Doe, Jane" <jane@example.org>, ops@example.org'], '--to'),
  cc: parseAddresses(['Jörg Müller <joerg@example.de>'], '--cc'),
  attachments,
  ...extra,
});

describe('parseAddresses', () => {
  it('takes plain addresses, display names and comma-separated lists', () => {
    expect(parseAddresses(['a@b.org'], '--to')).toEqual(['a@b.org']);
    expect(parseAddresses(['"Doe, Jane" <jane@x.org>'], '--to')).toEqual(['"Doe, Jane" <jane@x.org>']);
    expect(parseAddresses(['a@b.org, c@d.org', 'e@f.org'], '--cc')).toEqual([
      'a@b.org',
      'c@d.org',
      'e@f.org',
    ]);
    expect(parseAddresses(['Jane Doe <jane@x.org>,<k@y.org>'], '--to')).toEqual([
      '"Jane Doe" <jane@x.org>',
      'k@y.org',
    ]);
    expect(parseAddresses(['"Say \\"hi\\"" <s@x.org>'], '--to')).toEqual(['"Say \\"hi\\"" <s@x.org>']);
    expect(parseAddresses(['jörg@müller.de'], '--from')).toEqual(['jörg@müller.de']);
  });

  it.each([
    'not-an-address',
    'a@',
    '@b.org',
    'a b@c.org',
    'a@b..org',
    'Jane <jane@x.org',
    'a@b.org\r\nBcc: victim@x.org',
    'jane\n@x.org',
  ])('refuses %j, naming it', (bad) => {
    const call = () => parseAddresses(['ok@example.org', `ok2@example.org, ${bad}`], '--to');
    expect(call).toThrow(UsageError);
    const error = catchError(call) as UsageError;
    expect(error.exitCode).toBe(ExitCode.usage);
    const shown = bad.trim().replace(/\r/g, '\\r').replace(/\n/g, '\\n');
    expect(error.message).toContain(`"${shown}"`);
    expect(error.message).toContain('--to');
    expect(error.message).not.toMatch(/[\r\n]/);
  });

  it('names the piece of a list that is wrong', () => {
    expect(() => parseAddresses(['Jane, <jane@x.org>'], '--cc')).toThrow(
      '--cc: "Jane" is not an email address',
    );
  });

  it('refuses an empty value and more than one sender', () => {
    expect(() => parseAddresses([' '], '--cc')).toThrow(/--cc takes an email address/);
    expect(() => parseAddresses(['a@b.org, c@d.org'], '--from')).toThrow(/--from takes one address/);
  });
});

describe('composeDraft', () => {
  it('is an unsent draft with the subject, recipients, both bodies and the PDFs', async () => {
    const eml = await composeDraft(content, options());
    // Everything is encoded: an .eml any client reads, whatever the text.
    expect([...eml].every((byte) => byte < 0x80)).toBe(true);
    const message = parseMessage(eml);
    expect(message.header('x-unsent')).toBe('1');
    expect(message.header('subject')).toBe('[UNCLASSIFIED] ISIS in Libya: resurgence in the south');
    expect(message.header('to')).toBe('"Doe, Jane" <jane@example.org>, ops@example.org');
    expect(message.header('cc')).toBe('Jörg Müller <joerg@example.de>');
    expect(message.header('from')).toBeUndefined();
    expect(message.header('bcc')).toBeUndefined();

    const text = message.find('text/plain')?.body.toString('utf8') ?? '';
    const html = message.find('text/html')?.body.toString('utf8') ?? '';
    expect(text).toContain('UNCLASSIFIED');
    expect(text).toContain('1. ISIS cells are regrouping in Fezzan.');
    expect(text).toContain('2. Attacks on oil fields are likely within six months.');
    expect(text).toContain('12 March 2025 · Jane Doe, North Africa Desk');
    expect(text).toContain('Attached: briefing.pdf, briefing-handout.pdf');
    expect(html).toContain(
      '<li style="margin:0 0 6px;">ISIS cells are <strong>regrouping</strong> in Fezzan.</li>',
    );
    expect(html).toContain('Attacks on oil fields are likely within six months.');
    expect(html).toContain('12 March 2025 · Jane Doe, North Africa Desk');
    expect(html).toContain('<strong>briefing-handout.pdf</strong>');

    const files = message.attachments();
    expect(files.map((file) => [file.filename, file.contentType])).toEqual([
      ['briefing.pdf', 'application/pdf'],
      ['briefing-handout.pdf', 'application/pdf'],
    ]);
    expect(files[0]?.body.equals(readFileSync(slides))).toBe(true);
    expect(files[1]?.body.equals(readFileSync(handout))).toBe(true);
  });

  it('dates the byline by as_of when the briefing has it (the sample has no date)', async () => {
    const sample = mailContent(await readBriefing('briefing.yaml', ROOT));
    expect(sample.date).toBeUndefined();
    const text = mailText(sample, []);
    expect(text).toContain('as of 30 June 2015, 16:00 UTC · Libya desk, Regional Analysis Unit');
  });

  it('carries the handling line and the sources the bottom line cites, in both parts', async () => {
    const yaml = readFileSync(path.join(ROOT, 'briefing.yaml'), 'utf8').replace(
      /^classification: .*$/m,
      'classification: TLP:AMBER',
    );
    const dir = tempDir('mail-handling-');
    writeFileSync(path.join(dir, 'briefing.yaml'), yaml);
    cpSync(path.join(ROOT, 'brand'), path.join(dir, 'brand'), { recursive: true });
    const amber = mailContent(await readBriefing('briefing.yaml', dir));
    const text = mailText(amber, []);
    const html = mailHtml(amber, []);
    // The handling line the title slide shows, under the byline.
    expect(amber.handling).toBeTruthy();
    expect(text.split('\n').slice(0, 5)).toContain(amber.handling);
    expect(html).toContain(`>${escapeHtml(amber.handling ?? '')}</p>`);
    // Each [n] of the bottom line has its source listed, numbered as in the deck.
    const cited = [...new Set(amber.bottomLine.flatMap((item) => item.text.match(/\[\d+\]/g) ?? []))];
    expect(cited.length).toBeGreaterThan(0);
    expect(amber.sources.map((source) => `[${source.number}]`).sort()).toEqual(cited.sort());
    const sources = text.slice(text.indexOf('Sources:'));
    for (const n of cited) expect(sources).toContain(`${n} `);
    expect(html).toContain('>Sources</h2>');
  });

  it('gives the decisions required after the bottom line, as the deck words them, a passed deadline too', async () => {
    const yaml = readFileSync(path.join(ROOT, 'briefing.yaml'), 'utf8')
      .replace('deadline: Before a local administration is set up', 'deadline: 2015-06-01')
      .replace('recommendations: [1]\n', 'recommendations: [1, 2]\n    by: The Presidency Council\n')
      .replace(
        'or a future Government of National Accord"',
        'or a future Government of National Accord [@un-talks]"',
      )
      .replace(
        '    title: ISIS in Libya\n',
        '    title: ISIS in Libya\n  - id: un-talks\n    title: UN-led talks\n',
      );
    const dir = tempDir('mail-decisions-');
    writeFileSync(path.join(dir, 'briefing.yaml'), yaml);
    cpSync(path.join(ROOT, 'brand'), path.join(dir, 'brand'), { recursive: true });
    const briefing = await readBriefing('briefing.yaml', dir);
    const sample = mailContent(briefing);
    const text = mailText(sample, []);
    const html = mailHtml(sample, []);
    const meta =
      'To be decided by The Presidency Council · Deadline: 1 June 2015 (passed) · On recommendations 1, 2';
    const slide = deckModelOf(briefing).slides.find((s) => s.kind === 'decisions');
    expect(slide && 'decisions' in slide ? slide.decisions.map((item) => item.meta) : []).toEqual([meta]);
    const lines = text.split('\n');
    const at = lines.indexOf('Decisions required:');
    expect(at).toBeGreaterThan(lines.indexOf('Bottom line:'));
    expect(at).toBeLessThan(lines.indexOf('Sources:'));
    expect(lines.slice(at + 1, at + 3)).toEqual([
      '1. Which authority to ask to sanction the state-sanctioned force for Derna: the internationally recognised government in Tobruk, or a future Government of National Accord [2]',
      `   ${meta}`,
    ]);
    // The source it cites is listed with the bottom line's.
    expect(sample.sources.map((source) => source.number)).toEqual([1, 2]);
    expect(lines).toContain('[2] UN-led talks');
    expect(html.indexOf('>Decisions required</h2>')).toBeGreaterThan(html.indexOf('>Bottom line</h2>'));
    expect(html).toContain('<strong>state-sanctioned force</strong>');
    expect(html).toContain(`<span style="color:#555555;">${meta}</span></li>`);
  });

  it("has none of the deck's soft hyphens, in either part", async () => {
    const sample = mailContent(await readBriefing('briefing.yaml', ROOT));
    // The content model hyphenates the bottom line for the deck's columns.
    expect(sample.bottomLine.some((item) => item.html.includes('\u00AD'))).toBe(true);
    const message = parseMessage(await composeDraft(sample, options({ attachments: [] })));
    const text = message.find('text/plain')?.body.toString('utf8') ?? '';
    const html = message.find('text/html')?.body.toString('utf8') ?? '';
    expect(html).toContain('Bottom line</h2>');
    for (const body of [text, html]) {
      expect(body).not.toContain('\u00AD');
      expect(body).not.toContain('&shy;');
    }
  });

  // Found by a trial: a French briefing's mail had <html lang="en">, and its text part straight quotes
  // where the HTML part and every other output had « ».
  it("is in the briefing's language, with the same quotes in both parts", async () => {
    const dir = tempDir('mail-fr-');
    writeFileSync(
      path.join(dir, 'b.yaml'),
      `${readFileSync(path.join(FIXTURES, 'minimal.yaml'), 'utf8')}language: fr\nbluf:\n  - Il parle d'une "urgence sanitaire" ?\n`,
    );
    const french = mailContent(await readBriefing('b.yaml', dir));
    expect(mailHtml(french, [])).toContain('<html lang="fr" dir="ltr">');
    const said = 'Il parle d’une «\u202Furgence sanitaire\u202F»\u202F?';
    expect(mailText(french, [])).toContain(said);
    expect(mailHtml(french, [])).toContain(said);
  });

  it('encodes a title beyond ASCII, and leaves the classification out when there is none', async () => {
    const title = 'Libye : l’État islamique — Übersicht 🇱🇾';
    const eml = await composeDraft(
      { ...content, title, classification: 'TLP:AMBER+STRICT' },
      options({ attachments: [] }),
    );
    const raw = eml.toString('latin1');
    expect(raw).toMatch(/^Subject: =\?UTF-8\?[QB]\?/m);
    const message = parseMessage(eml);
    expect(message.header('subject')).toBe(`[TLP:AMBER+STRICT] ${title}`);
    expect(message.find('text/html')?.body.toString('utf8')).toContain(title);
    expect(mailSubject({ title: ' A\n  title ' })).toBe('A title');
  });

  it('names the sender only when --from was given', async () => {
    const message = parseMessage(
      await composeDraft(
        content,
        options({ from: parseAddresses(['Jane Doe <jane@example.org>'], '--from')[0] }),
      ),
    );
    expect(message.header('from')).toBe('Jane Doe <jane@example.org>');
  });

  it('escapes hostile text and loads nothing from anywhere', async () => {
    const hostile: MailContent = {
      language: 'en',
      dir: 'ltr',
      title: '<script>alert("t")</script> Libya & co <img src="https://evil.example/t.png">',
      classification: 'SECRET</p><script src=https://evil.example/c.js></script>',
      date: '<iframe src="//evil.example/d"></iframe>',
      author: '<link rel="stylesheet" href="http://evil.example/a.css">',
      organization: '<a href="https://evil.example/o" style="background:url(https://evil.example/b)">Org</a>',
      handling: '<b onmouseover=alert(2)>caveat</b>',
      sources: [
        { number: 1, title: '<script>s</script>', details: '<img src=x>', url: 'javascript:alert(3)' },
      ],
      bottomLine: [
        {
          text: '<script>alert(1)</script><img src=x onerror=alert(1)>',
          html: '&lt;script&gt;alert(1)&lt;/script&gt;&lt;img src=x onerror=alert(1)&gt;',
        },
      ],
      decisions: [
        {
          text: '<script>alert(4)</script>',
          html: '&lt;script&gt;alert(4)&lt;/script&gt;',
          meta: 'To be decided by <img src=x onerror=alert(5)>',
        },
      ],
    };
    const eml = await composeDraft(hostile, {
      to: ['a@example.org'],
      cc: [],
      attachments: [
        {
          path: handout,
          filename: 'x"><img src=https://evil.example/f.png>.pdf',
          contentType: 'application/pdf',
        },
      ],
    });
    const message = parseMessage(eml);
    const html = message.find('text/html')?.body.toString('utf8') ?? '';
    const text = message.find('text/plain')?.body.toString('utf8') ?? '';
    for (const tag of ['script', 'img', 'iframe', 'link', 'a', 'style', 'object', 'embed', 'base']) {
      expect(html).not.toMatch(new RegExp(`<${tag}\\b`, 'i'));
    }
    // The addresses are still in the text, escaped; none is in the markup, so none is ever fetched.
    const tags = html.match(/<[^>]*>/g) ?? [];
    for (const tag of tags) expect(tag).not.toMatch(/\/\/|\bsrc=|\bhref=|url\(|\bon\w+=/i);
    expect(html).toContain('&lt;script&gt;alert(&quot;t&quot;)&lt;/script&gt; Libya &amp; co');
    expect(text).toContain('<script>alert("t")</script> Libya & co');
    expect(message.header('subject')).toBe(`[${hostile.classification}] ${hostile.title}`);
    // Kept as text, but for its path separators (an attachment's name is a file name, see attachmentName).
    expect(message.attachments()[0]?.filename).toBe('x"><img src=https:__evil.example_f.png>.pdf');
  });

  it('says which attachment it cannot read', async () => {
    const missing = path.join(dir, 'missing.pdf');
    const error = await composeDraft(
      content,
      options({ attachments: [{ path: missing, filename: 'missing.pdf', contentType: 'application/pdf' }] }),
    ).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MailError);
    expect((error as MailError).exitCode).toBe(3);
    expect((error as MailError).message).toContain(missing);
  });
});

/**
 * An attachment is named after the briefing's file, which may hold anything a
 * file system allows: CR LF, or U+202E, which shows the rest of the name backwards.
 */
describe('attachment file names', () => {
  it('lose control and format characters and path separators, and stay readable', () => {
    expect(attachmentName('brief\r\ning\u202Egnp.pdf')).toBe('brief inggnp.pdf');
    expect(attachmentName('a\u0000b\u0007c\u2028d\te.pdf')).toBe('a b c d e.pdf');
    expect(attachmentName('x\u200B\u2066y\u2069\u200Fz\uFEFF.pdf')).toBe('xyz.pdf');
    expect(attachmentName('../..\\etc/passwd.pdf')).toBe('briefing.._.._etc_passwd.pdf');
    expect(attachmentName('\u202E.pdf')).toBe('briefing.pdf');
    expect(attachmentName('Lage Libyen – März 2025 (Entwurf).pdf')).toBe(
      'Lage Libyen – März 2025 (Entwurf).pdf',
    );
  });

  it('a briefing whose file name holds CR LF and U+202E, mailed by the command, names its PDF plainly', async () => {
    const folder = tempDir('mail-name-');
    const briefing = path.join(folder, 'brief\r\ning\u202Egnp.yaml');
    copyFileSync(path.join(FIXTURES, 'minimal.yaml'), briefing);
    const out = path.join(folder, 'out');
    await promisify(execFile)(
      process.execPath,
      [BIN, 'mail', briefing, '--to', 'jane@example.org', '-o', out],
      {
        cwd: ROOT,
        timeout: 60_000,
      },
    );
    const eml = readdirSync(out).find((file) => file.endsWith('.eml')) as string;
    expect(eml).toBe('brief\r\ning\u202Egnp.eml');
    const message = parseMessage(readFileSync(path.join(out, eml)));
    expect(message.attachments().map((file) => file.filename)).toEqual(['brief inggnp.pdf']);
    expect(message.find('text/plain')?.body.toString('utf8')).toContain('Attached: brief inggnp.pdf');
    expect(message.find('text/html')?.body.toString('utf8')).toContain('<strong>brief inggnp.pdf</strong>');
  });
});

describe('parseSmtpUrl', () => {
  it('reads STARTTLS, implicit TLS and plain-text URLs', () => {
    expect(parseSmtpUrl('smtp://jane%40example.org:p%40ss@mail.example.org')).toMatchObject({
      secure: false,
      host: 'mail.example.org',
      port: 587,
      user: 'jane@example.org',
      pass: 'p@ss',
      plainTextAllowed: false,
      shown: 'smtp://jane%40example.org:***@mail.example.org:587',
    });
    expect(parseSmtpUrl('smtps://u:p@[::1]')).toMatchObject({ secure: true, host: '::1', port: 465 });
    expect(parseSmtpUrl('smtp://relay.internal:25/?tls=off')).toMatchObject({
      plainTextAllowed: true,
      port: 25,
      user: undefined,
      shown: 'smtp://relay.internal:25?tls=off',
    });
  });

  it.each([
    ['http://u:hunter2secret@mail.example.org', /must start with smtp:\/\/ or smtps:\/\//],
    ['smtp://u:hunter2secret@', /is not a URL|has no server name/],
    ['smtp://u:hunter2secret@mail.example.org:99999', /is not a URL/],
    ['smtp://u:hunt#er2secret@mail.example.org', /is not a URL|fragment/],
    ['smtp://u:hunter2secret', /is not a URL/],
    ['smtps://u:hunter2secret@mail.example.org?tls=off', /smtps.*tls=off/],
    ['smtp://u:hunter2secret@mail.example.org?pass=hunter2secret', /unknown setting "pass"/],
    ['smtp://u:hunter2secret@mail.example.org/inbox', /has a path/],
    ['smtp://u@mail.example.org', /no password/],
    ['smtp://u:hunter2secret@mail.example.org:0', /port 0/],
    ['user:hunter2secret@mail.example.org', /must start with smtp/],
    ['smtp:user:hunter2secret@mail.example.org', /has no server name/],
    ['smtp://mail.example.org/u:hunter2secret', /has a path/],
  ])('refuses %s without showing the password', (url, problem) => {
    const error = catchError(() => parseSmtpUrl(url)) as MailError;
    expect(error).toBeInstanceOf(MailError);
    expect(error.exitCode).toBe(3);
    expect(error.message).toMatch(problem);
    expect(error.message).toContain('BRIEFDECK_SMTP_URL');
    expect(error.lines().join('\n')).not.toMatch(/hunter2|er2secret/);
  });

  // A URL parser ends the login at the first / ? #: the rest of the password was read as a
  // port, a path, a setting or a #fragment, and shown (`smtp://user:2024/Summer!@host` showed 2024).
  it.each([
    'smtp://Lz8Kd:Wq7Vb?Jx4Tn@mail.example.org',
    'smtp://Lz8Kd:Wq7Vb/Jx4Tn!@mail.example.org',
    'smtp://Lz8Kd:Wq7Vb#Jx4Tn@mail.example.org',
    'smtp://Lz8Kd:Wq7Vb?Jx4Tn@mail.example.org:25?tls=off',
    'smtp://Lz8Kd:2024/Wq7Vb!@host',
    'smtp://Wq7Vb?Jx4Tn@mail.example.org',
    'smtp:/\t/Lz8Kd:Wq7Vb?Jx4Tn@mail.example.org',
  ])('refuses an unencoded / ? # in the login of %s, and shows nothing before the last @', (url) => {
    const error = catchError(() => parseSmtpUrl(url)) as MailError;
    expect(error).toBeInstanceOf(MailError);
    expect(error.message).toMatch(
      /is not a URL \(write \/ \? # in the user name and password as %2F %3F %23\)/,
    );
    expect(error.message).toMatch(/: smtp:\/\/\*\*\*@(mail\.example\.org|host)/);
    expect(error.lines().join('\n')).not.toMatch(/Wq7|Vb|Jx4|Tn|2024|Lz8|Kd/);
  });

  it.each(['@', ':', '%'])(
    'takes a raw %s in the password as a URL parser does, and never shows it',
    (char) => {
      const url = `smtp://user:Wq7Vb${char}Jx4Tn@mail.example.org`;
      const parsed = catchError(() => {
        throw parseSmtpUrl(url);
      });
      if (parsed instanceof MailError) {
        // A raw % that is no percent-escape.
        expect(parsed.message).toBe(
          'BRIEFDECK_SMTP_URL has a badly percent-encoded password: smtp://***@mail.example.org',
        );
      } else {
        expect(parsed).toMatchObject({
          user: 'user',
          pass: `Wq7Vb${char}Jx4Tn`,
          shown: 'smtp://user:***@mail.example.org:587',
        });
      }
    },
  );

  it.each(['/', '?', '#', '@', ':', '%'])('takes a percent-encoded %s in the password', (char) => {
    const pass = `Wq7Vb${char}Jx4Tn`;
    expect(parseSmtpUrl(`smtp://user:${encodeURIComponent(pass)}@mail.example.org?tls=off`)).toMatchObject({
      host: 'mail.example.org',
      user: 'user',
      pass,
      plainTextAllowed: true,
    });
  });
});

describe('sendDraft', () => {
  const USER = 'briefer@example.org';
  // Characters that must be percent-encoded in the URL, and that base64 would not hide.
  const PASSWORD = 'c0rrect:h@rse/b#ttery%✓';
  const url = (port: number, scheme = 'smtp', pass = PASSWORD, query = '') =>
    `${scheme}://${encodeURIComponent(USER)}:${encodeURIComponent(pass)}@127.0.0.1:${port}${query}`;

  let cert = '';
  let key = '';
  const servers: { close(): Promise<void> }[] = [];

  beforeAll(() => {
    // A self-signed certificate for 127.0.0.1, made for this run.
    execFileSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'ec',
        '-pkeyopt',
        'ec_paramgen_curve:prime256v1',
        '-nodes',
        '-days',
        '1',
        '-subj',
        '/CN=127.0.0.1',
        '-addext',
        'subjectAltName=IP:127.0.0.1',
        '-keyout',
        path.join(dir, 'key.pem'),
        '-out',
        path.join(dir, 'cert.pem'),
      ],
      { stdio: 'ignore', timeout: 10_000 },
    );
    cert = readFileSync(path.join(dir, 'cert.pem'), 'utf8');
    key = readFileSync(path.join(dir, 'key.pem'), 'utf8');
  });

  afterAll(async () => {
    await Promise.all(servers.map((server) => server.close()));
  });

  interface Received {
    raw: Buffer;
    secure: boolean;
    user: unknown;
    from: string;
    to: string[];
  }

  /** A real SMTP server on 127.0.0.1 and a free port, which checks USER and PASSWORD. */
  async function startServer(extra: SMTPServerOptions = {}) {
    const received: Received[] = [];
    const server = new SMTPServer({
      key,
      cert,
      authMethods: ['PLAIN', 'LOGIN'],
      disableReverseLookup: true,
      logger: false,
      closeTimeout: 500,
      socketTimeout: 10_000,
      onAuth(auth, _session, callback) {
        if (auth.username === USER && auth.password === PASSWORD) return callback(null, { user: USER });
        // A careless server that echoes what it was given: the client must not show it.
        callback(
          Object.assign(new Error(`Bad login ${auth.username}:${auth.password}`), { responseCode: 535 }),
        );
      },
      onData(stream, session, callback) {
        const chunks: Buffer[] = [];
        stream.on('data', (chunk: Buffer) => chunks.push(chunk));
        stream.on('end', () => {
          received.push({
            raw: Buffer.concat(chunks),
            secure: session.secure,
            user: session.user,
            from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
            to: session.envelope.rcptTo.map((rcpt) => rcpt.address),
          });
          callback(null, 'queued');
        });
      },
      ...extra,
    });
    const port = await new Promise<number>((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => resolve((server.server.address() as net.AddressInfo).port));
    });
    servers.push({
      close: () => bounded(new Promise<void>((resolve) => server.close(() => resolve())), 3_000),
    });
    return { port, received };
  }

  const from = () => parseAddresses([`Jane Doe <${USER}>`], '--from')[0];

  it('sends over STARTTLS with a login, and the server gets the message and its PDFs', async () => {
    const { port, received } = await startServer();
    const sent = await sendDraft(content, options({ from: from() }), url(port), { ca: cert });
    expect(sent.accepted).toEqual(['jane@example.org', 'ops@example.org', 'joerg@example.de']);
    expect(sent.rejected).toEqual([]);
    expect(sent.messageId).toMatch(/^<.+@example\.org>$/);

    expect(received).toHaveLength(1);
    const [got] = received as [Received];
    expect(got.secure).toBe(true);
    expect(got.user).toBe(USER);
    expect(got.from).toBe(USER);
    expect(got.to).toEqual(['jane@example.org', 'ops@example.org', 'joerg@example.de']);
    const message = parseMessage(got.raw);
    expect(message.header('x-unsent')).toBeUndefined();
    expect(message.header('x-mailer')).toBeUndefined();
    expect(message.header('from')).toBe(`Jane Doe <${USER}>`);
    expect(message.header('subject')).toBe('[UNCLASSIFIED] ISIS in Libya: resurgence in the south');
    expect(message.header('message-id')).toBe(sent.messageId);
    expect(message.find('text/plain')?.body.toString('utf8')).toContain(
      '1. ISIS cells are regrouping in Fezzan.',
    );
    const files = message.attachments();
    expect(files.map((file) => file.filename)).toEqual(['briefing.pdf', 'briefing-handout.pdf']);
    expect(files[0]?.body.equals(readFileSync(slides))).toBe(true);
    expect(files[1]?.body.equals(readFileSync(handout))).toBe(true);
  });

  it('sends over implicit TLS with smtps://', async () => {
    const { port, received } = await startServer({ secure: true });
    await sendDraft(content, options({ from: from() }), url(port, 'smtps'), { ca: cert });
    expect(received.map((got) => got.secure)).toEqual([true]);
  });

  it('takes the sender from the user name when it is an address, and needs one otherwise', async () => {
    const { port, received } = await startServer();
    await sendDraft(content, options(), url(port), { ca: cert });
    expect(received[0]?.from).toBe(USER);
    const error = await sendDraft(content, options(), `smtp://briefer:x@127.0.0.1:${port}`).catch((e) => e);
    expect(error).toBeInstanceOf(UsageError);
    expect((error as UsageError).message).toContain('--from');
    const none = await sendDraft(content, options({ to: [], cc: [] }), url(port)).catch((e) => e);
    expect(none).toBeInstanceOf(UsageError);
    expect((none as UsageError).message).toContain('--to');
    expect(received).toHaveLength(1);
  });

  it('refuses a server without STARTTLS unless the URL allows plain text', async () => {
    const { port, received } = await startServer({ disabledCommands: ['STARTTLS'], allowInsecureAuth: true });
    const error = await sendDraft(content, options({ from: from() }), url(port)).catch((e) => e);
    expect(error).toBeInstanceOf(MailError);
    expect((error as MailError).exitCode).toBe(3);
    expect((error as MailError).message).toMatch(/does not offer STARTTLS/);
    expect((error as MailError).hint).toMatch(/\?tls=off/);
    expectOneLineWithoutPassword(error as MailError);
    expect(received).toHaveLength(0);

    await sendDraft(content, options({ from: from() }), url(port, 'smtp', PASSWORD, '?tls=off'));
    expect(received.map((got) => got.secure)).toEqual([false]);
  });

  it('reports a refused login without the password, even when the server echoes it', async () => {
    const { port } = await startServer();
    const wrong = `${PASSWORD}-wrong`;
    const error = await sendDraft(content, options({ from: from() }), url(port, 'smtp', wrong), {
      ca: cert,
    }).catch((e) => e);
    expect(error).toBeInstanceOf(MailError);
    expect((error as MailError).exitCode).toBe(3);
    expect((error as MailError).message).toMatch(/refused the login of "briefer@example.org"/);
    expectOneLineWithoutPassword(error as MailError, wrong);
  });

  it('says so when smtps:// meets a server that starts in plain text', async () => {
    const { port } = await startServer();
    const error = await sendDraft(content, options({ from: from() }), url(port, 'smtps'), { ca: cert }).catch(
      (e) => e,
    );
    expect(error).toBeInstanceOf(MailError);
    expect((error as MailError).message).toBe(
      `The TLS connection to the mail server at 127.0.0.1:${port} failed (it does not start TLS on this port).`,
    );
    expect((error as MailError).hint).toMatch(/use smtp:\/\//);
    expectOneLineWithoutPassword(error as MailError);
  });

  it('reports the recipients the server refused', async () => {
    const { port, received } = await startServer({
      onRcptTo(address, _session, callback) {
        const refused = address.address.startsWith('ops@') || address.address.startsWith('nobody@');
        callback(refused ? Object.assign(new Error('No such user here'), { responseCode: 550 }) : null);
      },
    });
    const sent = await sendDraft(content, options({ from: from() }), url(port), { ca: cert });
    expect(sent.accepted).toEqual(['jane@example.org', 'joerg@example.de']);
    expect(sent.rejected).toEqual(['ops@example.org']);
    expect(received[0]?.to).toEqual(['jane@example.org', 'joerg@example.de']);

    const error = await sendDraft(
      content,
      options({ from: from(), to: ['nobody@example.org'], cc: [] }),
      url(port),
      { ca: cert },
    ).catch((e) => e);
    expect(error).toBeInstanceOf(MailError);
    expect((error as MailError).message).toBe(
      `The mail server at 127.0.0.1:${port} refused the recipients: 550 No such user here.`,
    );
    expect(received).toHaveLength(1);
  });

  it('refuses a certificate it cannot trust', async () => {
    const { port, received } = await startServer();
    const error = await sendDraft(content, options({ from: from() }), url(port)).catch((e) => e);
    expect(error).toBeInstanceOf(MailError);
    expect((error as MailError).message).toMatch(/certificate/i);
    expectOneLineWithoutPassword(error as MailError);
    expect(received).toHaveLength(0);
  });

  it('fails within seconds, in one line, when nothing listens on the port', async () => {
    const port = await closedPort();
    const started = performance.now();
    const error = await sendDraft(content, options({ from: from() }), url(port)).catch((e) => e);
    expect(performance.now() - started).toBeLessThan(5_000);
    expect(error).toBeInstanceOf(MailError);
    expect((error as MailError).message).toBe(`The mail server at 127.0.0.1:${port} refused the connection.`);
    expect((error as MailError).hint).toContain(`smtp://briefer%40example.org:***@127.0.0.1:${port}`);
    expectOneLineWithoutPassword(error as MailError);
  });

  it('gives up on a server that never greets, after the timeout', async () => {
    const sockets = new Set<net.Socket>();
    const silent = net.createServer((socket) => {
      sockets.add(socket);
      socket.on('error', () => {});
    });
    const port = await new Promise<number>((resolve) =>
      silent.listen(0, '127.0.0.1', () => resolve((silent.address() as net.AddressInfo).port)),
    );
    servers.push({
      close: () => {
        for (const socket of sockets) socket.destroy();
        return bounded(new Promise<void>((resolve) => silent.close(() => resolve())), 3_000);
      },
    });
    const started = performance.now();
    const error = await sendDraft(content, options({ from: from(), timeoutMs: 500 }), url(port)).catch(
      (e) => e,
    );
    expect(performance.now() - started).toBeLessThan(5_000);
    expect(error).toBeInstanceOf(MailError);
    expect((error as MailError).message).toBe(
      `The mail server at 127.0.0.1:${port} did not answer within 0.5 s.`,
    );
    expectOneLineWithoutPassword(error as MailError);
  });

  /**
   * The command as a user runs it, a real process: `briefdeck mail FILE --send`, the URL in
   * BRIEFDECK_SMTP_URL, the server one that echoes a refused password. Whatever the password
   * holds, written raw or percent-encoded, no part of it shows in stdout, stderr or the draft.
   * Raw, a URL parser ended the login at the first / ? #, and the digits before were read as
   * the port: `smtp://user:1999?abc@host` showed the whole password.
   */
  describe('briefdeck mail --send, run as a process', () => {
    const briefing = path.join(tempDir('mail-cli-'), 'briefing.yaml');
    copyFileSync(path.join(FIXTURES, 'minimal.yaml'), briefing);
    let port = 0;
    /** Four digits that are no part of the port, to stand for the start of a password. */
    let digits = '';
    beforeAll(async () => {
      ({ port } = await startServer({ disabledCommands: ['STARTTLS'], allowInsecureAuth: true }));
      digits = ['1999', '2024', '4711'].find((d) => !String(port).includes(d)) as string;
    });

    const cases = ['/', '?', '#', '@', ':', '%'].flatMap((char) => [
      { char, encoded: false },
      { char, encoded: true },
    ]);
    it.each(cases)(
      'shows no part of a password holding $char (percent-encoded: $encoded)',
      async ({ char, encoded }) => {
        const password = `${digits}${char}Wq7Vb!`;
        const written = encoded ? encodeURIComponent(password) : password;
        const run = await runMail(`smtp://${encodeURIComponent(USER)}:${written}@127.0.0.1:${port}?tls=off`);
        expectNoPart([digits, 'Wq7Vb'], run.stdout + run.stderr + run.eml);
        expect(run.code).toBe(3);
        if (encoded || char === '@' || char === ':') {
          // The password reached the server, which echoed it in its refusal.
          expect(run.stderr).toMatch(/refused the login of "briefer@example.org"/);
        } else if (char === '%') {
          expect(run.stderr).toMatch(/badly percent-encoded password: smtp:\/\/\*\*\*@127\.0\.0\.1/);
        } else {
          expect(run.stderr).toMatch(/is not a URL \(write \/ \? # .*\): smtp:\/\/\*\*\*@127\.0\.0\.1/);
        }
      },
    );

    it('sends with the right password percent-encoded, and shows none of it', async () => {
      const run = await runMail(url(port, 'smtp', PASSWORD, '?tls=off'));
      expect(run.stderr).toMatch(/sent to jane@example\.org/);
      expect(run.code).toBe(0);
      expectNoPart(['c0rrect', 'h@rse', 'b#ttery', 'ttery%'], run.stdout + run.stderr + run.eml);
    });

    it.each(['smtp://user:1999?abc@host', 'smtp://user:2024/Summer!@host', 'smtp://user:4711#Geheim@host'])(
      'shows no part of the password in %s, the URLs that leaked',
      async (smtpUrl) => {
        const run = await runMail(smtpUrl);
        expectNoPart(['1999', 'abc', '2024', 'Summer', '4711', 'Geheim'], run.stdout + run.stderr + run.eml);
        expect(run.code).toBe(3);
        expect(run.stderr).toContain('smtp://***@host');
      },
    );

    async function runMail(smtpUrl: string) {
      const out = tempDir('mail-out-');
      const args = [BIN, 'mail', briefing, '--to', 'jane@example.org', '--from', USER, '--send', '-o', out];
      const env = { ...process.env, BRIEFDECK_SMTP_URL: smtpUrl, NO_COLOR: '1' };
      const run = await promisify(execFile)(process.execPath, args, { cwd: ROOT, env, timeout: 60_000 }).then(
        ({ stdout, stderr }) => ({ code: 0, stdout, stderr }),
        (error: { code?: number; stdout: string; stderr: string }) => ({
          code: error.code,
          stdout: error.stdout,
          stderr: error.stderr,
        }),
      );
      // The draft is written before the message is sent, whatever happens then.
      // The attached PDF's bytes (base64 lines) are left out: random bytes can hold any three letters. So
      // are nodemailer's random Message-ID and MIME boundaries, in hex ("…-abce-…" once held "abc").
      const eml = readFileSync(path.join(out, 'briefing.eml'), 'latin1')
        .replace(/^[A-Za-z0-9+/=]{40,}\r?$/gm, '')
        .replace(/\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/g, '')
        .replace(/_NmP-[0-9a-f]+-Part_\d+/g, '');
      return { ...run, eml };
    }

    function expectNoPart(parts: string[], output: string): void {
      for (const part of parts) {
        for (const form of [part, encodeURIComponent(part), Buffer.from(part).toString('base64')])
          expect(output).not.toContain(form);
      }
    }
  });

  function expectOneLineWithoutPassword(error: MailError, password = PASSWORD): void {
    const lines = error.lines();
    expect(lines.length).toBeLessThanOrEqual(2);
    for (const line of lines) expect(line).not.toMatch(/[\r\n]/);
    const everything = [...lines, String((error.cause as Error | undefined)?.message), error.stack].join(
      '\n',
    );
    for (const form of [
      password,
      encodeURIComponent(password),
      Buffer.from(password).toString('base64'),
      Buffer.from(`\u0000${USER}\u0000${password}`).toString('base64'),
    ]) {
      expect(everything).not.toContain(form);
    }
  }
});

// ---------------------------------------------------------------------------------------------
// Helpers

function catchError(call: () => unknown): unknown {
  try {
    call();
  } catch (error) {
    return error;
  }
  throw new Error('expected an error');
}

/** The promise, or undefined after `ms`: a close that hangs does not hang the tests. */
async function bounded<T>(promise: Promise<T>, ms: number): Promise<T | undefined> {
  const done = new AbortController();
  try {
    return await Promise.race([
      promise,
      sleep(ms, undefined, { signal: done.signal }).catch(() => undefined),
    ]);
  } finally {
    done.abort();
  }
}

/** A port on 127.0.0.1 that nothing listens on (it was free a moment ago). */
async function closedPort(): Promise<number> {
  const probe = net.createServer();
  const port = await new Promise<number>((resolve) =>
    probe.listen(0, '127.0.0.1', () => resolve((probe.address() as net.AddressInfo).port)),
  );
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}

interface MimePart {
  /** A header's value, unfolded and with encoded words decoded; undefined when absent. */
  header(name: string): string | undefined;
  contentType: string;
  params: Map<string, string>;
  /** The body, transfer decoding undone (empty for a multipart). */
  body: Buffer;
  parts: MimePart[];
  /** The first part of this type, depth first. */
  find(type: string): MimePart | undefined;
  /** The parts with Content-Disposition: attachment, depth first. */
  attachments(): { filename: string; contentType: string; body: Buffer }[];
}

/**
 * Enough of a MIME reader to check what nodemailer wrote: RFC 5322 headers
 * (unfolded, RFC 2047 encoded words decoded), multipart bodies, base64 and
 * quoted-printable. Deliberately independent of nodemailer.
 */
function parseMessage(raw: Buffer | string): MimePart {
  const source = typeof raw === 'string' ? raw : raw.toString('latin1');
  const split = source.indexOf('\r\n\r\n');
  const head = split < 0 ? source : source.slice(0, split);
  const body = split < 0 ? '' : source.slice(split + 4);
  const headers = new Map<string, string[]>();
  for (const line of head.replace(/\r\n(?=[ \t])/g, '').split('\r\n')) {
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    const name = line.slice(0, colon).trim().toLowerCase();
    headers.set(name, [...(headers.get(name) ?? []), line.slice(colon + 1).trim()]);
  }
  const rawHeader = (name: string) => headers.get(name)?.[0];
  const { value: contentType, params } = splitParams(rawHeader('content-type') ?? 'text/plain');
  const parts: MimePart[] = [];
  let decoded: Buffer = Buffer.alloc(0);
  if (contentType.startsWith('multipart/')) {
    const delimiter = `\r\n--${params.get('boundary')}`;
    const segments = `\r\n${body}`.split(delimiter).slice(1);
    for (const segment of segments) {
      if (segment.startsWith('--')) break;
      parts.push(parseMessage(segment.replace(/^[ \t]*\r\n/, '')));
    }
  } else {
    decoded = decodeBody(body, rawHeader('content-transfer-encoding') ?? '7bit');
  }
  const part: MimePart = {
    header: (name) => {
      const value = rawHeader(name.toLowerCase());
      return value === undefined ? undefined : decodeWords(value);
    },
    contentType,
    params,
    body: decoded,
    parts,
    find: (type) => {
      if (contentType === type) return part;
      for (const child of parts) {
        const found = child.find(type);
        if (found) return found;
      }
      return undefined;
    },
    attachments: () => {
      const own = splitParams(rawHeader('content-disposition') ?? '');
      const found =
        own.value === 'attachment'
          ? [{ filename: own.params.get('filename') ?? '', contentType, body: decoded }]
          : [];
      return [...found, ...parts.flatMap((child) => child.attachments())];
    },
  };
  return part;
}

/** `value; a=1; b="two"` → value and parameters, RFC 2231 continuations and charsets joined. */
function splitParams(header: string): { value: string; params: Map<string, string> } {
  const items: string[] = [];
  let current = '';
  let quoted = false;
  for (let i = 0; i < header.length; i++) {
    const char = header[i] as string;
    if (quoted && char === '\\') {
      current += char + (header[++i] ?? '');
      continue;
    }
    if (char === '"') quoted = !quoted;
    if (char === ';' && !quoted) {
      items.push(current);
      current = '';
      continue;
    }
    current += char;
  }
  items.push(current);
  const [value = '', ...rest] = items;
  const params = new Map<string, { text: string; extended: boolean }>();
  for (const item of rest) {
    const eq = item.indexOf('=');
    if (eq < 0) continue;
    const [, name = '', index, star] =
      /^([^*]+)(?:\*(\d+))?(\*)?$/.exec(item.slice(0, eq).trim().toLowerCase()) ?? [];
    let text = item.slice(eq + 1).trim();
    if (text.startsWith('"')) text = text.slice(1, -1).replace(/\\(.)/g, '$1');
    if (star) {
      if (!index || index === '0') text = text.replace(/^[^']*'[^']*'/, '');
      text = text.replace(/%([0-9a-f]{2})/gi, (_, hex: string) =>
        String.fromCharCode(Number.parseInt(hex, 16)),
      );
    }
    const seen = params.get(name);
    params.set(name, {
      text: (seen?.text ?? '') + text,
      extended: (seen?.extended ?? false) || Boolean(star),
    });
  }
  return {
    value: value.trim().toLowerCase(),
    params: new Map(
      [...params].map(([name, { text, extended }]) => [
        name,
        extended ? Buffer.from(text, 'latin1').toString('utf8') : decodeWords(text),
      ]),
    ),
  };
}

function decodeBody(body: string, encoding: string): Buffer {
  switch (encoding.trim().toLowerCase()) {
    case 'base64':
      return Buffer.from(body.replace(/\s+/g, ''), 'base64');
    case 'quoted-printable':
      return Buffer.from(
        body
          .replace(/=\r\n/g, '')
          .replace(/=([0-9A-F]{2})/gi, (_, hex) => String.fromCharCode(Number.parseInt(hex, 16))),
        'latin1',
      );
    default:
      return Buffer.from(body, 'latin1');
  }
}

/** RFC 2047: `=?UTF-8?Q?…?=` and `=?UTF-8?B?…?=`, adjacent words joined across folding white space. */
function decodeWords(value: string): string {
  return value.replace(/(\?=)\s+(?==\?)/g, '$1').replace(/(?:=\?[^?]+\?[BbQq]\?[^?]*\?=)+/g, (run) => {
    const bytes: Buffer[] = [];
    for (const [, , kind, text = ''] of run.matchAll(/=\?([^?]+)\?([BbQq])\?([^?]*)\?=/g)) {
      bytes.push(
        kind?.toUpperCase() === 'B'
          ? Buffer.from(text, 'base64')
          : Buffer.from(
              text
                .replace(/_/g, ' ')
                .replace(/=([0-9A-F]{2})/gi, (_, hex) => String.fromCharCode(Number.parseInt(hex, 16))),
              'latin1',
            ),
      );
    }
    return Buffer.concat(bytes).toString('utf8');
  });
}

describe("why mail/addresses.ts parses addresses itself, not with nodemailer's addressparser", () => {
  // Issue 15 asked to use nodemailer's parser unless it is wrong for us. These are the cases where it
  // is: it turns a mistake into another address, silently. If this test starts failing, nodemailer has
  // become strict enough to be used instead.
  it.each([
    ['a b@c.org', 'b@c.org'],
    ['Jane <jane@x.org', 'jane@x.org'],
    ['jane\n@x.org', 'jane@x.org'],
  ])('%j: addressparser reads %j, parseAddresses refuses it', async (written, read) => {
    const { default: addressparser } = await import('nodemailer/lib/addressparser');
    expect(addressparser(written)).toEqual([{ address: read, name: expect.any(String) }]);
    expect(() => parseAddresses([written], '--to')).toThrow(UsageError);
  });
});
