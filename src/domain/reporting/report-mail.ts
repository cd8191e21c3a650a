import { createTransport } from 'nodemailer';
import type SMTPTransport from 'nodemailer/lib/smtp-transport';

/** What a report's e-mail says and carries. */
export interface ReportMail {
  from: string;
  to: string[];
  subject: string;
  text: string;
  html: string;
  attachments: { filename: string; content: Buffer; contentType: string }[];
  /** Our own id of the message (the delivery's): a receiving system may deduplicate on it. */
  messageId: string;
}

export interface MailFacts {
  agreementTitle: string;
  customerName: string | null;
  frequency: string;
  /** "2026-09-01 to 2026-09-30 (Europe/Berlin)". */
  periodLabel: string;
  links: { qbrPdf: string; complianceCsv: string; expiresAt: Date };
}

const escape = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** The text and HTML of a report's e-mail: what it covers, where to download it, and the attached files. */
export function composeReportMail(facts: MailFacts, envelope: { from: string; to: string[]; messageId: string }, attachments: ReportMail['attachments']): ReportMail {
  const subject = `SLA report: ${facts.agreementTitle}, ${facts.periodLabel}`;
  const lines = [
    `The ${facts.frequency.toLowerCase()} service level report of ${facts.agreementTitle}${facts.customerName ? ` (${facts.customerName})` : ''} for ${facts.periodLabel}.`,
    '',
    'Attached: the QBR pack (PDF) and the compliance report (CSV).',
    '',
    `QBR pack (PDF): ${facts.links.qbrPdf}`,
    `Compliance report (CSV): ${facts.links.complianceCsv}`,
    `The links open until ${facts.links.expiresAt.toISOString()}.`,
  ];
  const html = `<p>${escape(lines[0])}</p><p>Attached: the QBR pack (PDF) and the compliance report (CSV).</p>
<ul><li><a href="${escape(facts.links.qbrPdf)}">QBR pack (PDF)</a></li><li><a href="${escape(facts.links.complianceCsv)}">Compliance report (CSV)</a></li></ul>
<p>The links open until ${escape(facts.links.expiresAt.toISOString())}.</p>`;
  return { ...envelope, subject, text: lines.join('\n'), html, attachments };
}

export interface SendOutcome {
  succeeded: boolean;
  accepted: string[];
  rejected: string[];
  response: string | null;
  error: string | null;
  durationMs: number;
}

/** Sends one e-mail through the SMTP server at `url` (smtp:// or smtps://, with credentials if it needs them). Never throws: the outcome says. */
export async function sendMail(url: string, mail: ReportMail, timeoutMs = 30_000): Promise<SendOutcome> {
  const transport = createTransport(url, { connectionTimeout: timeoutMs, greetingTimeout: timeoutMs, socketTimeout: timeoutMs } as SMTPTransport.Options);
  const started = process.hrtime.bigint();
  const ms = () => Number((process.hrtime.bigint() - started) / 1_000_000n);
  try {
    const info = await transport.sendMail(mail);
    const addresses = (list: unknown) => (Array.isArray(list) ? list.map((a) => (typeof a === 'string' ? a : String((a as { address?: string }).address ?? a))) : []);
    const rejected = addresses(info.rejected);
    const accepted = addresses(info.accepted);
    // Sent once any recipient took it: a retry would send it again to those who did.
    return { succeeded: accepted.length > 0, accepted, rejected, response: info.response ?? null, error: accepted.length ? null : `Every recipient was rejected: ${rejected.join(', ')}`, durationMs: ms() };
  } catch (error) {
    return { succeeded: false, accepted: [], rejected: [], response: null, error: error instanceof Error ? error.message.slice(0, 1000) : String(error), durationMs: ms() };
  } finally {
    transport.close();
  }
}
