import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { FixedClock } from '../src/common/clock';
import { Role } from '../src/common/roles';
import { deliverDueReports } from '../src/domain/reporting/report-delivery.service';
import { activeAgreement, agreementWorld, type AgreementWorld } from './support/agreement-fixtures';
import { describeOnBothDatabases } from './support/both-databases';
import { csvOf, download, pdfOf, TestSmtp } from './support/export-files';
import { uuid } from './support/review-fixtures';
import { TestApp } from './support/test-app';
import { WebhookReceiver } from './support/webhook-receiver';

/**
 * Scheduled report delivery (issue 16, part 2): the terms' reporting frequency and recipients
 * send each report at the end of its period, once, by e-mail through a real SMTP server started
 * here (loopback, port 0; mails parsed with mailparser) and as a `report.ready` webhook with the
 * download links; the delivery log shows every attempt.
 */

const DELIVERIES = `query($a: ID!) { node(id: $a) { ... on Agreement { reportDeliveries(first: 20) { totalCount nodes {
  id frequency periodStart periodEnd recipients emailStatus skippedReason attemptCount nextAttemptAt lastError messageId sentAt
  attempts { number succeeded accepted rejected error } agreement { id } revision { number } } } } } }`;

describeOnBothDatabases('scheduled report delivery', (db) => {
  const clock = new FixedClock(new Date('2026-08-20T09:00:00Z'));
  let t: TestApp;
  let smtp: TestSmtp;
  const at = (iso: string) => clock.set(new Date(iso));

  beforeAll(async () => {
    smtp = await TestSmtp.start();
    t = await TestApp.start({ clock, env: { ...db.env, SMTP_URL: smtp.url, SMTP_FROM: 'Acme SLA reports <reports@acme.example>' } });
  });
  afterAll(async () => {
    await t.stop();
    await smtp.stop();
  });

  /** Alpha Bank's SLA from September 2026 (Berlin), reporting MONTHLY to two addresses. */
  async function world(slug: string): Promise<{ w: AgreementWorld; agreementId: string }> {
    at('2026-08-20T09:00:00Z');
    const w = await agreementWorld(t, slug);
    const signatory = await t.token(w.provider, [Role.CUSTOMER_SIGNATORY], w.customerA.id);
    const { agreementId } = await activeAgreement(
      t,
      w.admin,
      {
        kind: 'CUSTOMER_BASED',
        level: 'CUSTOMER',
        customer: w.customerA.id,
        services: [w.serviceMpg.id],
        terms: {
          title: `Alpha Bank SLA (${slug})`,
          effectiveFrom: '2026-08-31T22:00:00Z',
          objectives: [{ metric: 'AVAILABILITY', target: 99.9 }],
          reporting: { frequency: 'MONTHLY', recipients: ['ops@alpha.example', 'cfo@alpha.example'] },
        },
      },
      { customerSignatory: signatory },
    );
    at('2026-09-01T00:00:00Z');
    await t.app.jobs.revisionActivation!.runNow();
    await t.app.jobs.runDue();
    return { w, agreementId };
  }

  const mailsOf = (title: string) => smtp.mails.filter((m) => m.subject?.includes(title));

  it('e-mails each monthly report once at the end of its period, with the pack attached, and sends report.ready to webhooks', async () => {
    const { w, agreementId } = await world('mail-co');
    const title = 'Alpha Bank SLA (mail-co)';
    const receiver = await WebhookReceiver.start(() => 204);
    try {
      const endpoint = await t.ok(
        `mutation($input: WebhookEndpointCreateInput!) { webhookEndpointCreate(input: $input) { userErrors { code field message } } }`,
        { input: { url: receiver.url, events: ['report.ready'], description: 'Reporting portal' } },
        w.admin,
      );
      expect(endpoint.webhookEndpointCreate.userErrors).toEqual([]);

      // September ends on 2026-09-30T22:00Z in Berlin: nothing before, the report then.
      at('2026-09-30T21:59:59Z');
      await t.app.jobs.runDue();
      expect(mailsOf(title)).toHaveLength(0);
      at('2026-09-30T22:00:00Z');
      await t.app.jobs.runDue();
      const [mail] = mailsOf(title);
      expect(mailsOf(title)).toHaveLength(1);
      expect(mail.subject).toBe(`SLA report: ${title}, 2026-09-01 to 2026-09-30 (Europe/Berlin)`);
      expect(mail.from?.text).toBe('"Acme SLA reports" <reports@acme.example>');
      expect([mail.to].flat().flatMap((a) => a!.value.map((v) => v.address))).toEqual(['ops@alpha.example', 'cfo@alpha.example']);
      expect(mail.attachments.map((a) => [a.filename, a.contentType])).toEqual([
        ['qbr-2026-08-31-2026-09-30.pdf', 'application/pdf'],
        ['compliance-2026-08-31-2026-09-30.csv', 'text/csv'],
      ]);
      const pdf = await pdfOf(mail.attachments[0].content);
      expect(pdf.text).toContain(title);
      expect(pdf.fills).toBeGreaterThan(0);
      const csv = csvOf(mail.attachments[1].content);
      expect(csv.rows.map((r) => [r.period_start, r.metric, r.status, r.attained_percent])).toEqual([['2026-08-31T22:00:00.000Z', 'AVAILABILITY', 'MET', '100.0000']]);
      // The links in the mail open the files without a token.
      const link = /QBR pack \(PDF\): (\S+)/.exec(mail.text ?? '')![1];
      expect(link.startsWith(`${t.url}/exports/agreements/`)).toBe(true);
      const opened = await download(link);
      expect([opened.status, opened.type]).toEqual([200, 'application/pdf']);
      expect((await download(link.replace(/expires=\d+/, 'expires=9999999999'))).status).toBe(401);

      // The webhook: report.ready with the download links.
      expect(receiver.requests).toHaveLength(1);
      const body = JSON.parse(receiver.requests[0].body);
      expect(body.type).toBe('report.ready');
      expect(body.data).toMatchObject({ agreement: agreementId, frequency: 'MONTHLY', periodStart: '2026-08-31T22:00:00.000Z', periodEnd: '2026-09-30T22:00:00.000Z', email: { status: 'PENDING', recipients: 2 } });
      expect((await download(body.data.downloads.complianceCsv)).status).toBe(200);

      // The delivery log.
      let log = (await t.ok(DELIVERIES, { a: agreementId }, w.admin)).node.reportDeliveries;
      expect(log.totalCount).toBe(1);
      expect(log.nodes[0]).toMatchObject({
        id: body.data.report,
        frequency: 'MONTHLY',
        periodStart: '2026-08-31T22:00:00.000Z',
        recipients: ['ops@alpha.example', 'cfo@alpha.example'],
        emailStatus: 'SENT',
        attemptCount: 1,
        nextAttemptAt: null,
        sentAt: '2026-09-30T22:00:00.000Z',
        attempts: [{ number: 1, succeeded: true, accepted: ['ops@alpha.example', 'cfo@alpha.example'], rejected: [], error: null }],
        agreement: { id: agreementId },
        revision: { number: 1 },
      });
      expect(log.nodes[0].messageId).toBe(mail.messageId);

      // Exactly once: the queue again, and the job's work run directly, send nothing more.
      await t.app.jobs.runDue();
      expect(await deliverDueReports(t.context(null), uuid(agreementId), new Date('2026-09-01T00:00:00Z'))).toEqual([]);
      await t.app.jobs.runDue();
      expect(mailsOf(title)).toHaveLength(1);
      expect(receiver.requests).toHaveLength(1);

      // October on its schedule; then November and December, missed while nothing ran, caught up once each.
      at('2026-10-31T23:00:00Z');
      await t.app.jobs.runDue();
      expect(mailsOf(title).map((m) => m.subject)).toEqual([`SLA report: ${title}, 2026-09-01 to 2026-09-30 (Europe/Berlin)`, `SLA report: ${title}, 2026-10-01 to 2026-10-31 (Europe/Berlin)`]);
      at('2027-01-02T08:00:00Z');
      await t.app.jobs.runDue();
      await t.app.jobs.runDue();
      // Sent one after the other in any order; each once.
      expect(mailsOf(title).map((m) => /, (\S+) to/.exec(m.subject!)![1]).sort()).toEqual(['2026-09-01', '2026-10-01', '2026-11-01', '2026-12-01']);
      log = (await t.ok(DELIVERIES, { a: agreementId }, w.admin)).node.reportDeliveries;
      expect(log.nodes.map((d: { periodStart: string; emailStatus: string }) => [d.periodStart, d.emailStatus])).toEqual([
        ['2026-11-30T23:00:00.000Z', 'SENT'],
        ['2026-10-31T23:00:00.000Z', 'SENT'],
        ['2026-09-30T22:00:00.000Z', 'SENT'],
        ['2026-08-31T22:00:00.000Z', 'SENT'],
      ]);
      expect(receiver.requests.map((r) => JSON.parse(r.body).type)).toEqual(['report.ready', 'report.ready', 'report.ready', 'report.ready']);
    } finally {
      await receiver.stop();
    }
  });

  it('retries an e-mail the SMTP server refuses, logging every attempt, and keeps the log to the provider', async () => {
    const { w, agreementId } = await world('retry-co');
    const title = 'Alpha Bank SLA (retry-co)';
    smtp.refuseNext = 1;
    at('2026-09-30T22:00:00Z');
    await t.app.jobs.runDue();
    expect(mailsOf(title)).toHaveLength(0);
    let [delivery] = (await t.ok(DELIVERIES, { a: agreementId }, w.admin)).node.reportDeliveries.nodes;
    expect(delivery).toMatchObject({ emailStatus: 'PENDING', attemptCount: 1, nextAttemptAt: '2026-09-30T22:01:00.000Z', sentAt: null });
    expect(delivery.lastError).toContain('Try again later');
    expect(delivery.attempts).toMatchObject([{ number: 1, succeeded: false }]);
    // The retry, a minute later.
    at('2026-09-30T22:01:00Z');
    await t.app.jobs.runDue();
    expect(mailsOf(title)).toHaveLength(1);
    [delivery] = (await t.ok(DELIVERIES, { a: agreementId }, w.admin)).node.reportDeliveries.nodes;
    expect(delivery).toMatchObject({ emailStatus: 'SENT', attemptCount: 2, nextAttemptAt: null, lastError: null, sentAt: '2026-09-30T22:01:00.000Z' });
    expect(delivery.attempts.map((a: { number: number; succeeded: boolean }) => [a.number, a.succeeded])).toEqual([
      [1, false],
      [2, true],
    ]);
    // The log is the provider's: analysts read it; customers and other tenants do not see the delivery.
    const analyst = await t.token(w.provider, [Role.ANALYST]);
    expect((await t.ok(DELIVERIES, { a: agreementId }, analyst)).node.reportDeliveries.totalCount).toBe(1);
    const other = await agreementWorld(t, 'retry-other');
    expect((await t.ok(`query($id: ID!) { node(id: $id) { id } }`, { id: delivery.id }, other.admin)).node).toBeNull();
    const viewer = await t.token(w.provider, [Role.CUSTOMER_VIEWER], w.customerA.id);
    const refused = await t.gql(DELIVERIES, { a: agreementId }, { token: viewer });
    expect(refused.errors?.[0].extensions?.code).toBe('FORBIDDEN');
  });
});

describe('scheduled reports after a restart', () => {
  const clock = new FixedClock(new Date('2026-08-20T09:00:00Z'));
  const dataDir = mkdtempSync(path.join(tmpdir(), 'sla-reports-'));
  // On PostgreSQL the worker's database; without DATABASE_URL an embedded database on disk, so that it survives the restarts.
  const env: Record<string, string> = process.env.DATABASE_URL ? {} : { DATABASE_URL: '', DATA_DIR: dataDir };
  let t: TestApp | null = null;
  let smtp: TestSmtp;
  beforeAll(async () => {
    smtp = await TestSmtp.start();
  });
  afterEach(async () => {
    await t?.stop();
    t = null;
  });
  afterAll(async () => {
    await smtp.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('reports the months that ended while the server was down once each, whether the jobs survived or were lost', async () => {
    const start = (keepData: boolean) => TestApp.start({ clock, env: { ...env, SMTP_URL: smtp.url }, keepData });
    t = await start(false);
    const w = await agreementWorld(t, 'restart-co');
    const signatory = await t.token(w.provider, [Role.CUSTOMER_SIGNATORY], w.customerA.id);
    await activeAgreement(
      t,
      w.admin,
      {
        kind: 'CUSTOMER_BASED',
        level: 'CUSTOMER',
        customer: w.customerA.id,
        services: [w.serviceMpg.id],
        terms: { title: 'Restart SLA', effectiveFrom: '2026-08-31T22:00:00Z', objectives: [{ metric: 'AVAILABILITY', target: 99.9 }], reporting: { frequency: 'MONTHLY', recipients: ['ops@alpha.example'] } },
      },
      { customerSignatory: signatory },
    );
    clock.set(new Date('2026-09-01T00:00:00Z'));
    await t.app.jobs.revisionActivation!.runNow();
    await t.app.jobs.runDue();
    clock.set(new Date('2026-09-30T22:00:00Z'));
    await t.app.jobs.runDue();
    const months = () => smtp.mails.filter((m) => m.subject?.includes('Restart SLA')).map((m) => /, (\S+) to/.exec(m.subject!)![1]).sort();
    expect(months()).toEqual(['2026-09-01']);
    await t.stop();

    // Down through October; back on 2 November: the waiting job reports October.
    clock.set(new Date('2026-11-02T08:00:00Z'));
    t = await start(true);
    await t.app.jobs.runDue();
    expect(months()).toEqual(['2026-09-01', '2026-10-01']);
    await t.stop();

    // Down through November with the queue lost: the catch-up at start reports November.
    t = await start(true);
    await t.app.db.dataSource.query(`DELETE FROM pgboss.job WHERE name LIKE 'report.%'`);
    await t.stop();
    clock.set(new Date('2026-12-03T08:00:00Z'));
    t = await start(true);
    await t.app.jobs.runDue();
    expect(months()).toEqual(['2026-09-01', '2026-10-01', '2026-11-01']);
    // Another start, and the jobs again, report nothing twice.
    await t.stop();
    t = await start(true);
    await t.app.jobs.runDue();
    expect(months()).toEqual(['2026-09-01', '2026-10-01', '2026-11-01']);
    const [{ n }] = await t.app.db.dataSource.query(`SELECT count(*)::int AS n FROM report_delivery`);
    expect(n).toBe(3);
  });
});
