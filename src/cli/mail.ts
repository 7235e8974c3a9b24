/**
 * `briefdeck mail FILE --to ADDR`: builds as `build` does (but for the
 * PowerPoint deck's speaker notes, left out unless --with-notes), then writes
 * `OUT/NAME.eml` (the PDF attached, and the handout and the PowerPoint deck
 * when built), and sends
 * the same message with `--send`. The addresses and the SMTP server are
 * checked before anything is built.
 */
import path from 'node:path';
import { BrowserSession } from '../browser/session.js';
import { type BuildResult, buildBriefing } from '../build.js';
import { UsageError } from '../errors.js';
import type { MailAttachment } from '../outputs/mail/index.js';
import { briefingName, outputName } from '../outputs/names.js';
import { checkOutputFolder, writeFileAtomic } from '../outputs/write.js';
import { printable } from '../terminalText.js';
import { defineCommand } from './_command.js';
import { EXIT_INTERRUPTED, interruptible } from './_interrupt.js';
import { PIPELINE_OPTIONS, progressOf, resolvePipelineOptions, shownPath } from './_pipeline.js';
import { type CliContext, printWarning, stepLine } from './_terminal.js';

const MAIL_OPTIONS = {
  to: {
    type: 'string',
    multiple: true,
    value: 'ADDR',
    help: 'a recipient (repeat, or separate with commas)',
  },
  cc: { type: 'string', multiple: true, value: 'ADDR', help: 'a copy recipient' },
  from: { type: 'string', value: 'ADDR', help: "the sender (a draft without it takes your mail account's)" },
  send: {
    type: 'boolean',
    help: 'also send it over SMTP, to the server in BRIEFDECK_SMTP_URL\n(smtp://user:password@host:587 with STARTTLS, smtps:// for TLS;\n?tls=off allows plain text)',
  },
} as const;

interface MailRequest {
  to: string[];
  cc: string[];
  from?: string;
  /** BRIEFDECK_SMTP_URL, when --send. */
  smtpUrl?: string;
}

export const mailCommand = defineCommand({
  name: 'mail',
  args: '[FILE] --to ADDR... [--cc ADDR...] [--from ADDR] [--send] [options]',
  maxArgs: 1,
  summary:
    'build, then write OUT/NAME.eml, a mail draft with the\nPDF attached (and the handout with --handout, the PowerPoint deck with --pptx)',
  options: { ...PIPELINE_OPTIONS, ...MAIL_OPTIONS },
  async run({ args, values }, context: CliContext) {
    const { io, paint } = context;
    const pipeline = resolvePipelineOptions(values, context, { mailed: true });
    const request = await mailRequest(values, pipeline.pdf, io.env);
    await checkOutputFolder(path.resolve(io.cwd, pipeline.outDir), pipeline.outDir);
    const progress = progressOf(values, context);
    const session = new BrowserSession({ env: io.env, timeoutMs: pipeline.timeoutMs });
    return interruptible(io, session, async (interrupted) => {
      const result = await buildBriefing({
        file: args[0] ?? 'briefing.yaml',
        ...pipeline,
        session,
        onStep: (step, ms, detail) => progress(stepLine(paint, step, ms, detail)),
        onWarning: (warning) => {
          if (!interrupted()) printWarning(context, warning);
        },
      });
      if (interrupted()) return EXIT_INTERRUPTED;
      progress(`${paint.green('done')}     ${result.slideCount} slides`);
      await sendOrDraft(request, result, context, { ...pipeline, progress });
      return 0;
    });
  },
});

/** The mail's addresses, checked (a wrong one is a usage error naming it), and the SMTP server. */
async function mailRequest(
  values: {
    to?: string[] | undefined;
    cc?: string[] | undefined;
    from?: string | undefined;
    send?: boolean | undefined;
  },
  pdf: boolean,
  env: NodeJS.ProcessEnv,
): Promise<MailRequest> {
  const { parseAddresses, SMTP_URL_VARIABLE } = await import('../outputs/mail/index.js');
  if (!values.to?.length) {
    throw new UsageError('mail needs at least one --to address', {
      hint: 'For example: briefdeck mail briefing.yaml --to desk@example.org',
    });
  }
  if (!pdf) throw new UsageError('mail attaches the PDF; it cannot be used with --no-pdf');
  const smtpUrl = values.send ? env[SMTP_URL_VARIABLE] : undefined;
  if (values.send && !smtpUrl) {
    throw new UsageError(`mail --send needs the SMTP server in ${SMTP_URL_VARIABLE}`, {
      hint: `For example: ${SMTP_URL_VARIABLE}=smtp://user:password@smtp.example.org:587`,
    });
  }
  return {
    to: parseAddresses(values.to, '--to'),
    cc: parseAddresses(values.cc ?? [], '--cc'),
    from: values.from === undefined ? undefined : parseAddresses([values.from], '--from')[0],
    smtpUrl,
  };
}

/**
 * Writes the mail draft `OUT/NAME.eml`, then sends the same message when --send was given. The draft
 * is written first, so it is there even when sending fails.
 */
async function sendOrDraft(
  request: MailRequest,
  result: BuildResult,
  context: CliContext,
  {
    withNotes,
    pptxNotes,
    progress: progressLine,
  }: { withNotes: boolean; pptxNotes: boolean; progress: (line: string) => void },
): Promise<void> {
  const { io, paint } = context;
  const { composeDraft, mailContent, PPTX_TYPE, sendDraft } = await import('../outputs/mail/index.js');
  const base = mailContent(result.briefing, result.changes);
  // The briefer's script (--notes) is never attached: it is the presenter's.
  const attachments = [result.pdf, result.handout, result.pptx]
    .filter((file): file is string => file !== undefined)
    .map(
      (file): MailAttachment => ({
        path: file,
        filename: path.basename(file),
        contentType: file.endsWith('.pptx') ? PPTX_TYPE : 'application/pdf',
      }),
    );
  const note = notesIn(result, withNotes, pptxNotes);
  const content = { ...base, attachmentNote: note };
  progressLine(`attaching ${attachments.map((file) => printable(file.filename)).join(', ')} (${note})`);
  const options = { to: request.to, cc: request.cc, from: request.from, attachments };
  const eml = path.join(path.dirname(result.html), outputName(briefingName(result.briefing.file), 'mail'));
  await writeFileAtomic(eml, await composeDraft(content, options));
  io.stdout(printable(shownPath(eml, io.cwd)));
  if (!request.smtpUrl) return;
  const sent = await sendDraft(content, options, request.smtpUrl);
  io.stderr(`${paint.green('sent')} to ${printable(sent.accepted.join(', '))}`);
  if (sent.rejected.length > 0) printWarning(context, `the server refused ${sent.rejected.join(', ')}`);
}

/** Whether the speaker notes are in the attachments: the slide PDF never, the handout and the PowerPoint deck with --with-notes. */
function notesIn(result: BuildResult, withNotes: boolean, pptxNotes: boolean): string {
  const noted = [
    ...(result.handout && withNotes ? [path.basename(result.handout)] : []),
    ...(result.pptx && pptxNotes ? [path.basename(result.pptx)] : []),
  ];
  return noted.length > 0 ? `the speaker notes are in ${noted.join(' and ')}` : 'no speaker notes';
}
