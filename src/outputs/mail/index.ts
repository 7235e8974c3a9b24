/**
 * The briefing by email: `composeDraft` writes a draft to open in a mail
 * client, `sendDraft` sends the same message over SMTP. The command line
 * loads this module to check addresses and the SMTP URL before it builds.
 */
export { parseAddresses } from './addresses.js';
export {
  attachmentName,
  composeDraft,
  type MailAttachment,
  type MailContent,
  MailError,
  type MailOptions,
  mailContent,
  mailHtml,
  mailSubject,
  mailText,
  PPTX_TYPE,
} from './message.js';
export { type SentMail, sendDraft } from './smtp.js';
export { parseSmtpUrl, SMTP_URL_VARIABLE, type SmtpTarget } from './smtpUrl.js';
