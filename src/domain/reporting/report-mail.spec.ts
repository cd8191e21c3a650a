import { composeReportMail } from './report-mail';

describe('composeReportMail', () => {
  const facts = {
    agreementTitle: 'Alpha <Bank> & Co SLA',
    customerName: 'Alpha Bank',
    frequency: 'MONTHLY',
    periodLabel: '2026-09-01 to 2026-09-30 (Europe/Berlin)',
    links: { qbrPdf: 'https://sla.example/exports/a/qbr.pdf?x=1&signature=s', complianceCsv: 'https://sla.example/exports/a/compliance.csv?y=2', expiresAt: new Date('2026-10-07T22:00:00Z') },
  };
  const mail = composeReportMail(facts, { from: 'SLA <r@x.example>', to: ['a@x.example'], messageId: '<report-1@sla>' }, []);

  it('names the agreement and the period in the subject, and gives both links and their expiry in the text', () => {
    expect(mail.subject).toBe('SLA report: Alpha <Bank> & Co SLA, 2026-09-01 to 2026-09-30 (Europe/Berlin)');
    expect(mail.text).toContain('The monthly service level report of Alpha <Bank> & Co SLA (Alpha Bank) for 2026-09-01 to 2026-09-30 (Europe/Berlin).');
    expect(mail.text).toContain(`QBR pack (PDF): ${facts.links.qbrPdf}`);
    expect(mail.text).toContain(`Compliance report (CSV): ${facts.links.complianceCsv}`);
    expect(mail.text).toContain('The links open until 2026-10-07T22:00:00.000Z.');
    expect([mail.from, mail.to, mail.messageId]).toEqual(['SLA <r@x.example>', ['a@x.example'], '<report-1@sla>']);
  });

  it('escapes what the terms say in the HTML part', () => {
    expect(mail.html).toContain('Alpha &#60;Bank&#62; &#38; Co SLA');
    expect(mail.html).not.toContain('<Bank>');
    expect(mail.html).toContain('href="https://sla.example/exports/a/qbr.pdf?x=1&#38;signature=s"');
  });
});
