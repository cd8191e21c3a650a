import { FixedClock } from '../src/common/clock';
import { Role } from '../src/common/roles';
import { headerOf, LEDGER_COLUMNS, PERIOD_COLUMNS, STATEMENT_COLUMNS } from '../src/domain/reporting/export-columns';
import { agreementWorld } from './support/agreement-fixtures';
import { describeOnBothDatabases } from './support/both-databases';
import { csvOf, download, pdfOf } from './support/export-files';
import { ACTION_ITEM_ADD, monthlyReviewWorld, REVIEW_START, REVIEWS, type ReviewWorld } from './support/review-fixtures';
import { TestApp } from './support/test-app';

/**
 * Exports (issue 16, part 1): an account manager downloads an agreement's compliance report and
 * credit ledger as CSV, a statement as CSV, and the QBR pack as PDF with charts, from the URLs
 * the API returns, with the same credentials and tenancy as the API. The files are read back:
 * the CSV parsed, the PDF's text extracted.
 */

const EXPORTS = `query($a: ID!, $from: DateTime!, $to: DateTime!) { node(id: $a) { ... on Agreement {
  exports { complianceCsv(from: $from, to: $to) qbrPdf(from: $from, to: $to) creditLedgerCsv }
  statements(first: 5) { nodes { id periodStart csvUrl } }
  reportDeliveries(first: 5) { totalCount nodes { id frequency periodStart periodEnd recipients emailStatus skippedReason attemptCount attempts { number } } } } } }`;
const FINDING_ADD = `mutation($input: ReviewFindingAddInput!) { reviewFindingAdd(input: $input) { userErrors { code field message } } }`;

describeOnBothDatabases('exports: CSV and the QBR pack (PDF)', (db) => {
  const clock = new FixedClock(new Date('2025-08-20T09:00:00Z'));
  let t: TestApp;
  let rw: ReviewWorld;
  let manager: string;
  let incidentId: string;
  const range = { from: '2025-08-31T22:00:00.000Z', to: '2025-10-31T23:00:00.000Z' };

  beforeAll(async () => {
    t = await TestApp.start({ clock, env: db.env });
    // Alpha Bank's SLA from September 2025 (Berlin): availability 99.9, P1 first response 15 minutes, credits, monthly reviews.
    rw = await monthlyReviewWorld(t, clock);
    manager = await t.token(rw.w.provider, [Role.ACCOUNT_MANAGER]);
    // A P1 outage of two hours on 10 September, first answered after 30 minutes: availability and first response breached.
    clock.set(new Date('2025-09-10T12:00:00Z'));
    const reported = await t.ok(
      `mutation($i: IncidentReportInput!) { incidentReport(input: $i) { incident { id } userErrors { code field message } } }`,
      { i: { customer: rw.w.customerA.id, service: rw.w.serviceMpg.id, priority: 'P1', impact: 'OUTAGE', title: 'Primary database outage', startedAt: '2025-09-10T10:00:00Z' } },
      rw.w.admin,
    );
    incidentId = reported.incidentReport.incident.id;
    for (const [to, at] of [['ACKNOWLEDGED', '2025-09-10T10:30:00Z'], ['RESOLVED', '2025-09-10T12:00:00Z']]) {
      const moved = await t.ok(`mutation($i: IncidentTransitionInput!) { incidentTransition(input: $i) { userErrors { code field message } } }`, { i: { id: incidentId, to, at } }, rw.w.admin);
      expect(moved.incidentTransition.userErrors).toEqual([]);
    }
    // September closes into a statement (grace P3D), and its review is held with a finding and an action item.
    clock.set(new Date('2025-10-05T09:00:00Z'));
    await t.app.jobs.runDue();
    const reviews = (await t.ok(REVIEWS, { filter: { agreement: rw.agreementId }, first: 10 }, rw.w.admin)).reviews.nodes;
    const september = reviews.find((r: { periodStart: string }) => r.periodStart === '2025-08-31T22:00:00.000Z');
    expect((await t.ok(REVIEW_START, { input: { id: september.id } }, rw.w.admin)).reviewStart.userErrors).toEqual([]);
    expect((await t.ok(FINDING_ADD, { input: { review: september.id, severity: 'MAJOR', text: 'Failover took two hours' } }, rw.w.admin)).reviewFindingAdd.userErrors).toEqual([]);
    const item = await t.ok(ACTION_ITEM_ADD, { input: { review: september.id, description: 'Automate the database failover', owner: 'DBA team', dueOn: '2025-11-15' } }, rw.w.admin);
    expect(item.reviewActionItemAdd.userErrors).toEqual([]);
  });
  afterAll(() => t.stop());

  async function urls(token: string) {
    return (await t.ok(EXPORTS, { a: rw.agreementId, ...range }, token)).node;
  }

  it('returns download URLs, and the compliance report downloads as CSV: one row per period and objective, documented columns', async () => {
    const { exports } = await urls(manager);
    expect(exports.complianceCsv).toBe(`${t.url}/exports/agreements/${encodeURIComponent(rw.agreementId)}/compliance.csv?from=${encodeURIComponent(range.from)}&to=${encodeURIComponent(range.to)}&granularity=MONTH`);
    const file = await download(exports.complianceCsv, manager);
    expect(file.status).toBe(200);
    expect(file.type).toBe('text/csv; charset=utf-8');
    expect(file.disposition).toBe('attachment; filename="compliance-2025-08-31-2025-10-31.csv"');
    const { header, rows } = csvOf(file.body);
    expect(header).toEqual(headerOf(PERIOD_COLUMNS));
    expect(rows.map((r) => [r.period_start, r.metric, r.priority, r.status])).toEqual([
      ['2025-08-31T22:00:00.000Z', 'AVAILABILITY', '', 'BREACHED'],
      ['2025-08-31T22:00:00.000Z', 'FIRST_RESPONSE_TIME', 'P1', 'BREACHED'],
      ['2025-09-30T22:00:00.000Z', 'AVAILABILITY', '', 'MET'],
      ['2025-09-30T22:00:00.000Z', 'FIRST_RESPONSE_TIME', 'P1', 'NO_DATA'],
    ]);
    const [availability, response] = rows;
    // Two hours down in a 30-day month: 99.7222%; 10% of the 10,000.00 EUR fee (tier below 99.99).
    expect(availability).toMatchObject({ agreement: rw.agreementId, period_status: 'BREACHED', revision: '1', target: '99.9', attained_percent: '99.7222', budget_unit: 'MILLISECONDS', period_credit: '1000.00', currency: 'EUR' });
    expect(availability.violation).toContain('AVAILABILITY at least 99.9%');
    expect(response).toMatchObject({ target_duration: 'PT15M', clocks_met: '0', clocks_breached: '1', breach_incidents: incidentId, attained_percent: '0.0000' });
  });

  it('downloads the QBR pack as PDF: attainment charts per objective, violations, credits, the incidents behind breaches, the review findings and action items', async () => {
    const { exports } = await urls(manager);
    const file = await download(exports.qbrPdf, manager);
    expect(file.status).toBe(200);
    expect(file.type).toBe('application/pdf');
    expect(file.body.subarray(0, 5).toString()).toBe('%PDF-');
    const pdf = await pdfOf(file.body);
    const text = pdf.text.replace(/\s+/g, ' ');
    for (const expected of [
      'Quarterly business review',
      'Alpha Bank SLA',
      'Customer: Alpha Bank',
      'Period: 2025-09-01 to 2025-10-31 (Europe/Berlin)',
      'Overall: BREACHED',
      'Service credits in the period: 1000.00 EUR',
      // The charts: one per objective, their target line and month labels, the bar values.
      'AVAILABILITY: ',
      'FIRST_RESPONSE_TIME P1: ',
      'target 99.9',
      'Sep 2025',
      'Oct 2025',
      '99.7222',
      // Violations, credits, incidents, the review.
      'Sep 2025: AVAILABILITY at least 99.9% per CALENDAR_MONTH',
      'Sep 2025: 1000.00 EUR',
      'Primary database outage (P1, OUTAGE)',
      'breached FIRST_RESPONSE_TIME P1, AVAILABILITY',
      '[MAJOR] Failover took two hours',
      '[open] Automate the database failover - owner DBA team, due 2025-11-15',
    ]) {
      expect(text).toContain(expected);
    }
    // Bars are filled vector shapes (a breached and a met month per objective, at least), and the charts draw their grid and target lines.
    expect(pdf.fills).toBeGreaterThanOrEqual(3);
    expect(pdf.lines).toBeGreaterThan(4);
  });

  it('downloads a statement and the credit ledger as CSV', async () => {
    const { exports, statements } = await urls(manager);
    const [september] = statements.nodes;
    expect(september.csvUrl).toBe(`${t.url}/exports/statements/${encodeURIComponent(september.id)}.csv`);
    const statement = csvOf((await download(september.csvUrl, manager)).body);
    expect(statement.header).toEqual(headerOf(STATEMENT_COLUMNS));
    expect(statement.rows.map((r) => [r.statement, r.statement_status, r.period_start, r.metric, r.status, r.period_credit])).toEqual([
      [september.id, 'ISSUED', '2025-08-31T22:00:00.000Z', 'AVAILABILITY', 'BREACHED', '1000.00'],
      [september.id, 'ISSUED', '2025-08-31T22:00:00.000Z', 'FIRST_RESPONSE_TIME', 'BREACHED', '1000.00'],
    ]);
    const ledger = csvOf((await download(exports.creditLedgerCsv, manager)).body);
    expect(ledger.header).toEqual(headerOf(LEDGER_COLUMNS));
    expect(ledger.rows).toEqual([
      {
        agreement: rw.agreementId,
        kind: 'STATEMENT',
        recorded_at: '2025-10-05T09:00:00.000Z', // the close ran when the clock moved there
        period_start: '2025-08-31T22:00:00.000Z',
        period_end: '2025-09-30T22:00:00.000Z',
        statement: september.id,
        adjustment: '',
        amount: '1000.00',
        currency: 'EUR',
        cause: '',
      },
    ]);
  });

  it('authenticates and keeps tenants apart exactly as the API: no credentials 401, another tenant 404, a bad range 400', async () => {
    const { exports, statements } = await urls(manager);
    const none = await download(exports.qbrPdf);
    expect(none.status).toBe(401);
    expect(JSON.parse(none.body.toString()).errors[0].extensions.code).toBe('UNAUTHENTICATED');
    expect((await download(exports.complianceCsv, 'not-a-token')).status).toBe(401);
    const other = await agreementWorld(t, 'other-co');
    for (const url of [exports.complianceCsv, exports.qbrPdf, exports.creditLedgerCsv, statements.nodes[0].csvUrl]) {
      const res = await download(url, other.admin);
      expect([url, res.status]).toEqual([url, 404]);
    }
    // A customer user sees its own customer's agreement; another customer's users do not.
    const mine = await t.token(rw.w.provider, [Role.CUSTOMER_VIEWER], rw.w.customerA.id);
    const theirs = await t.token(rw.w.provider, [Role.CUSTOMER_VIEWER], rw.w.customerB.id);
    expect((await download(exports.complianceCsv, mine)).status).toBe(200);
    expect((await download(exports.complianceCsv, theirs)).status).toBe(404);
    expect((await download(`${t.url}/exports/agreements/nonsense/qbr.pdf?from=${range.from}&to=${range.to}`, manager)).status).toBe(404);
    const bad = await download(exports.qbrPdf.replace(/to=[^&]+/, 'to=yesterday'), manager);
    expect(bad.status).toBe(400);
    expect(JSON.parse(bad.body.toString()).errors[0].extensions).toMatchObject({ code: 'INVALID_INPUT', field: ['to'] });
  });

  it('reports each ended month once without SMTP: the e-mail is recorded as skipped, the report.ready event is raised', async () => {
    const { reportDeliveries } = await urls(manager);
    // The default terms report MONTHLY to nobody; the server has no SMTP_URL. September ended on 2025-09-30T22:00Z.
    expect(reportDeliveries.totalCount).toBe(1);
    expect(reportDeliveries.nodes[0]).toMatchObject({
      frequency: 'MONTHLY',
      periodStart: '2025-08-31T22:00:00.000Z',
      periodEnd: '2025-09-30T22:00:00.000Z',
      recipients: [],
      emailStatus: 'SKIPPED',
      skippedReason: 'E-mail is not configured on the server (SMTP_URL).',
      attemptCount: 0,
      attempts: [],
    });
    const events: { data: { downloads: { qbrPdf: string } } }[] = await t.app.db.dataSource.query(`SELECT data FROM domain_event WHERE type = 'report.ready' AND provider_id = $1`, [rw.w.provider.id]);
    expect(events).toHaveLength(1);
    // The event's signed link opens the pack without a token.
    const signed = await download(events[0].data.downloads.qbrPdf);
    expect(signed.status).toBe(200);
    expect((await pdfOf(signed.body)).text).toContain('Alpha Bank SLA');
  });
});
