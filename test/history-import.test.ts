import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { FixedClock } from '../src/common/clock';
import { Role } from '../src/common/roles';
import { agreementRowCounts, agreementWorld } from './support/agreement-fixtures';
import { describeOnBothDatabases } from './support/both-databases';
import { TestApp } from './support/test-app';

const fixture = (name: string) => readFileSync(join(__dirname, 'fixtures', 'history', name), 'utf8');

export const HISTORY_IMPORT = `mutation($input: HistoryImportInput!) {
  historyImport(input: $input) {
    dryRun written
    problems { line field code message }
    records { kind externalId line outcome target }
    userErrors { code field message }
  }
}`;

const AGREEMENT = `query($id: ID!) { node(id: $id) { ... on Agreement { id status
  revisions(first: 10) { nodes { number state effectiveFrom effectiveTo approvedAt title
    objectives { metric priority target targetDuration }
    approvals { party approvedBy approverId approvedAt }
    origin { source externalId importedBy evidence { document sha256 } } } } } } }`;

const REPORT = `query($a: ID!, $from: DateTime!, $to: DateTime!) {
  complianceReport(agreement: $a, from: $from, to: $to, granularity: MONTH) {
    periods { start status revision { number }
      objectives { objective { metric priority } status attainedPercent clocksMet clocksBreached errorBudget { consumed } breachIncidents { title } }
      credit { tierBelow totalPercent amount perBreach { metric priority count } } }
  }
}`;

/** Rows of every table an import writes to, and of what it must not set off. */
async function counts(t: TestApp) {
  const [row] = await t.app.db.dataSource.query(
    `SELECT (SELECT count(*)::int FROM incident) AS incidents, (SELECT count(*)::int FROM incident_event) AS "incidentEvents",
            (SELECT count(*)::int FROM sla_clock) AS clocks, (SELECT count(*)::int FROM maintenance_window) AS maintenance,
            (SELECT count(*)::int FROM measurement) AS measurements, (SELECT count(*)::int FROM imported_record) AS imported,
            (SELECT count(*)::int FROM revision_origin) AS origins, (SELECT count(*)::int FROM domain_event) AS "domainEvents",
            (SELECT count(*)::int FROM webhook_delivery) AS deliveries, (SELECT count(*)::int FROM escalation) AS escalations`,
  );
  return { ...(await agreementRowCounts(t)), ...row };
}

describeOnBothDatabases('importing signed history (historyImport)', (db) => {
  const clock = new FixedClock(new Date('2026-03-05T09:00:00Z'));
  let t: TestApp;
  beforeAll(async () => {
    t = await TestApp.start({ clock, env: db.env });
  });
  afterAll(() => t.stop());

  it('a dry run reports every problem by line and field and writes nothing; the real run imports contracts signed in the past with their signatures and evidence; a second run changes nothing', async () => {
    const w = await agreementWorld(t);
    const before = await counts(t);

    // Problems on lines 9, 14, 21 and 24 of this file, all at once, nothing written.
    const bad = [
      '{ "agreements": [',
      '  { "externalId": "X-1", "kind": "CUSTOMER_BASED", "level": "CUSTOMER", "customer": "Alpha Bank", "services": ["MPG"],',
      '    "revisions": [',
      '      { "number": 1, "title": "One", "effectiveFrom": "2025-01-01T00:00:00Z",',
      '        "objectives": [{ "metric": "AVAILABILITY", "target": 99.9 }],',
      '        "signatures": [{ "party": "PROVIDER", "name": "Jane", "at": "2024-12-01T00:00:00Z" }, { "party": "CUSTOMER", "name": "Max", "at": "2024-12-02T00:00:00Z" }],',
      '        "evidence": { "document": "dms://1", "sha256": "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08" } },',
      '      { "number": 2, "title": "Two",',
      '        "effectiveFrom": "2024-06-01T00:00:00Z",',
      '        "objectives": [',
      '          { "metric": "AVAILABILITY", "target": 120 }],',
      '        "signatures": [{ "party": "PROVIDER", "name": "Jane", "at": "2024-12-01T00:00:00Z" }],',
      '        "evidence": {',
      '          "document": "dms://2", "sha256": "not-a-hash" } },',
      '      { "number": 4, "title": "Four", "effectiveFrom": "2025-09-01T00:00:00Z",',
      '        "objectives": [{ "metric": "AVAILABILITY", "target": 99.9 }],',
      '        "signatures": [{ "party": "PROVIDER", "name": "Jane", "at": "2025-08-01T00:00:00Z" }, { "party": "CUSTOMER", "name": "Max", "at": "2025-08-02T00:00:00Z" }],',
      '        "evidence": { "document": "dms://4", "sha256": "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08" } }',
      '    ] } ],',
      '  "incidents": [',
      '    { "externalId": "I-1", "customer": "Nobody Inc", "service": "MPG", "priority": "P1", "impact": "OUTAGE", "title": "x",',
      '      "startedAt": "2026-01-01T00:00:00Z" },',
      '    { "externalId": "I-2", "customer": "Alpha Bank", "service": "MPG", "priority": "P1", "impact": "OUTAGE", "title": "y", "startedAt": "2026-01-01T10:00:00Z",',
      '      "resolvedAt": "2026-01-01T09:00:00Z" } ] }',
    ].join('\n');
    const dry = (await t.ok(HISTORY_IMPORT, { input: { format: 'JSON', content: bad, source: 'legacy', dryRun: true } }, w.admin)).historyImport;
    expect(dry.written).toBe(false);
    expect(dry.records).toEqual([]);
    // The form first: the bad hash stops the checks of the rules (they need a well-formed file).
    expect(dry.problems).toEqual([{ line: 14, field: ['agreements', '0', 'revisions', '1', 'evidence', 'sha256'], code: 'INVALID_INPUT', message: expect.stringContaining('SHA-256') }]);

    const wellFormed = bad.replace('"not-a-hash"', '"9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08"');
    const rules = (await t.ok(HISTORY_IMPORT, { input: { format: 'JSON', content: wellFormed, source: 'legacy', dryRun: true } }, w.admin)).historyImport;
    expect(rules.problems.map((p: any) => [p.line, p.field.join('.'), p.code])).toEqual([
      [9, 'agreements.0.revisions.1.effectiveFrom', 'INVALID_INPUT'], // starts before revision 1
      [11, 'agreements.0.revisions.1.objectives.0.target', 'INVALID_INPUT'], // the objective rule of revisions signed here
      [12, 'agreements.0.revisions.1.signatures', 'INVALID_INPUT'], // the customer's signature is missing
      [15, 'agreements.0.revisions.2.number', 'INVALID_INPUT'], // 4 after 2: numbers have no gaps
      [21, 'incidents.0.customer', 'NOT_FOUND'],
      [24, 'incidents.1.resolvedAt', 'INVALID_INPUT'],
    ]);
    expect(rules.userErrors).toEqual([{ code: 'INVALID_INPUT', field: ['input', 'content'], message: expect.stringContaining('6 problem(s)') }]);
    // The same file for real: refused all the same, nothing written.
    const refused = (await t.ok(HISTORY_IMPORT, { input: { format: 'JSON', content: wellFormed, source: 'legacy' } }, w.admin)).historyImport;
    expect(refused.problems).toHaveLength(6);
    expect(await counts(t)).toEqual(before);

    // A good file, dry run: every record reported, nothing written.
    const content = fixture('alpha-bank.json');
    const plan = (await t.ok(HISTORY_IMPORT, { input: { format: 'JSON', content, source: 'legacy-crm', dryRun: true } }, w.admin)).historyImport;
    expect(plan).toMatchObject({ dryRun: true, written: false, problems: [], userErrors: [] });
    const lineOf = (needle: string) => content.split('\n').findIndex((l) => l.includes(needle)) + 1;
    const recordLine = (externalId: string) => lineOf(`"externalId": "${externalId}"`) - (externalId.startsWith('INC') ? 1 : 0);
    expect(plan.records.map((r: any) => [r.kind, r.externalId, r.line, r.outcome, r.target])).toEqual([
      // The catalogue the file brings: what the provider has is used as it is, the calendar is new.
      ['SERVICE', 'MPG', lineOf('"code": "MPG"'), 'UNCHANGED', w.serviceMpg.id],
      ['CUSTOMER', 'Alpha Bank', lineOf('"name": "Alpha Bank"'), 'UNCHANGED', w.customerA.id],
      ['BUSINESS_CALENDAR', 'Office hours', lineOf('"name": "Office hours"') - 1, 'CREATED', null],
      ['AGREEMENT', 'CRM-1001', recordLine('CRM-1001') - 1, 'CREATED', null],
      ['MAINTENANCE_WINDOW', 'CHG-77', recordLine('CHG-77'), 'CREATED', null],
      ['INCIDENT', 'INC-1', recordLine('INC-1'), 'CREATED', null],
      ['INCIDENT', 'INC-2', recordLine('INC-2'), 'CREATED', null],
      ['INCIDENT', 'INC-3', recordLine('INC-3'), 'CREATED', null],
      ['INCIDENT', 'INC-4', recordLine('INC-4'), 'CREATED', null],
    ]);
    expect(await counts(t)).toEqual(before);

    // The real run.
    const done = (await t.ok(HISTORY_IMPORT, { input: { format: 'JSON', content, source: 'legacy-crm' } }, w.admin)).historyImport;
    expect(done).toMatchObject({ dryRun: false, written: true, problems: [], userErrors: [] });
    const agreementId = done.records.find((r: any) => r.kind === 'AGREEMENT').target;
    const after = await counts(t);
    expect(after).toMatchObject({ agreements: before.agreements + 1, revisions: before.revisions + 2, approvals: before.approvals + 4, origins: 2, incidents: 4, maintenance: 1, imported: 6 });
    // History raises no live events: no webhook, no escalation, nothing paged for breaches long past.
    expect(after).toMatchObject({ domainEvents: before.domainEvents, deliveries: 0, escalations: 0 });

    const agreement = (await t.ok(AGREEMENT, { id: agreementId }, w.admin)).node;
    expect(agreement.status).toBe('ACTIVE');
    expect(agreement.revisions.nodes).toEqual([
      {
        number: 1,
        state: 'SUPERSEDED',
        effectiveFrom: '2025-06-30T22:00:00.000Z',
        effectiveTo: '2025-12-31T23:00:00.000Z',
        approvedAt: '2025-06-23T15:30:00.000Z',
        title: 'Alpha Bank SLA',
        objectives: [
          { metric: 'AVAILABILITY', priority: null, target: 99.5, targetDuration: null },
          { metric: 'FIRST_RESPONSE_TIME', priority: 'P1', target: null, targetDuration: 'PT30M' },
          { metric: 'RESOLUTION_TIME', priority: 'P3', target: null, targetDuration: 'PT16H' },
        ],
        approvals: [
          { party: 'PROVIDER', approvedBy: 'Jane Doe', approverId: 'jane@acme.example', approvedAt: '2025-06-20T10:00:00.000Z' },
          { party: 'CUSTOMER', approvedBy: 'Max Muster', approverId: 'Max Muster', approvedAt: '2025-06-23T15:30:00.000Z' },
        ],
        origin: { source: 'legacy-crm', externalId: 'CRM-1001', importedBy: 'provider_admin@acme (USER)', evidence: { document: 'dms://contracts/alpha-bank/sla-r1.pdf', sha256: '9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08' } },
      },
      expect.objectContaining({
        number: 2,
        state: 'ACTIVE',
        effectiveFrom: '2025-12-31T23:00:00.000Z',
        effectiveTo: null,
        approvedAt: '2025-12-12T11:00:00.000Z',
        // Stored as lower case, whatever the file wrote.
        origin: expect.objectContaining({ evidence: { document: 'dms://contracts/alpha-bank/sla-r2.pdf', sha256: '60303ae22b998861bce3b28f33eec1be758a213c86c93c076dbe9f558c11c752' } }),
      }),
    ]);

    // Imported revisions are as immutable as signed ones: the database refuses to change their terms, objectives, start or origin.
    const q = (sql: string) => t.app.db.dataSource.query(sql);
    await expect(q(`UPDATE agreement_revision SET terms = terms || '{"title":"Changed"}' WHERE number = 1 AND state = 'SUPERSEDED'`)).rejects.toThrow(/can no longer change/);
    await expect(q(`UPDATE objective SET target = 90 WHERE metric = 'AVAILABILITY'`)).rejects.toThrow(/can no longer change/);
    await expect(q(`UPDATE revision_origin SET evidence_sha256 = repeat('0', 64)`)).rejects.toThrow(/append-only/);
    await expect(q(`UPDATE imported_record SET content_hash = repeat('0', 64)`)).rejects.toThrow(/append-only/);

    // The agreement lives on here: amending it opens revision 3, copied from the imported revision in force.
    const amended = await t.ok(`mutation($id: ID!) { agreementAmend(input: { agreement: $id }) { revision { number state basedOn { number } } userErrors { message } } }`, { id: agreementId }, w.admin);
    expect(amended.agreementAmend).toEqual({ revision: { number: 3, state: 'DRAFT', basedOn: { number: 2 } }, userErrors: [] });
    const afterAmend = await counts(t);

    // Importing the same file again changes nothing, and says so.
    const again = (await t.ok(HISTORY_IMPORT, { input: { format: 'JSON', content, source: 'legacy-crm' } }, w.admin)).historyImport;
    expect(again).toMatchObject({ written: true, problems: [] });
    expect(again.records.map((r: any) => r.outcome)).toEqual(Array(9).fill('UNCHANGED'));
    expect(again.records.find((r: any) => r.kind === 'AGREEMENT').target).toBe(agreementId);
    expect(await counts(t)).toEqual(afterAmend);

    // The same externalId with other content is refused, naming the line; nothing written.
    const changed = content.replace('"title": "Replica down"', '"title": "Replica unreachable"');
    const conflict = (await t.ok(HISTORY_IMPORT, { input: { format: 'JSON', content: changed, source: 'legacy-crm' } }, w.admin)).historyImport;
    expect(conflict.problems).toEqual([{ line: lineOf('"externalId": "INC-2"'), field: ['incidents', '1', 'externalId'], code: 'ALREADY_EXISTS', message: expect.stringContaining('with other content') }]);
    expect(await counts(t)).toEqual(afterAmend);

    // Compliance over imported data: each incident judged against the revision in force when it happened.
    const report = (await t.ok(REPORT, { a: agreementId, from: '2026-01-01T00:00:00+01:00', to: '2026-03-01T00:00:00+01:00' }, w.admin)).complianceReport;
    const [january, february] = report.periods;
    expect(january).toMatchObject({ start: '2026-01-01T00:00:00.000+01:00', status: 'BREACHED', revision: { number: 2 } });
    // The same figures as test/compliance.test.ts, where the same incidents are reported live: 75 minutes failed of January.
    expect(january.objectives.find((o: any) => o.objective.metric === 'AVAILABILITY')).toMatchObject({ status: 'BREACHED', attainedPercent: '99.8320', errorBudget: { consumed: '4500000' } });
    // "Replica down" answered after 25 minutes: met under revision 1 (30 minutes), breached under revision 2 (15), in force then.
    expect(january.objectives.find((o: any) => o.objective.metric === 'FIRST_RESPONSE_TIME')).toMatchObject({ status: 'BREACHED', clocksMet: 1, clocksBreached: 1, breachIncidents: [{ title: 'Replica down' }] });
    expect(january.credit).toMatchObject({ tierBelow: '99.99', totalPercent: '15', amount: '1500.00', perBreach: [{ metric: 'FIRST_RESPONSE_TIME', priority: 'P1', count: 1 }] });
    // February: the outage lay in maintenance announced 18 days before it (the terms ask 5): excused, as it was announced then, not at the import.
    expect(february.objectives.find((o: any) => o.objective.metric === 'AVAILABILITY')).toMatchObject({ status: 'MET', attainedPercent: '100.0000' });

    // The breach is on the incident's timeline, when it happened, marked as imported.
    const [breach] = await q(`SELECT e.at, e.actor_kind, e.data FROM incident_event e JOIN incident i ON i.id = e.incident_id WHERE i.external_id = 'INC-2' AND e.type = 'CLOCK_BREACHED'`);
    expect(new Date(breach.at).toISOString()).toBe('2026-01-10T10:30:00.000Z');
    expect(breach.actor_kind).toBe('IMPORT');
    const incidents = await q(`SELECT external_id, status, reporter_kind, reporter_id, revision_id IS NOT NULL AS pinned FROM incident ORDER BY external_id`);
    expect(incidents).toEqual([
      { external_id: 'INC-1', status: 'RESOLVED', reporter_kind: 'IMPORT', reporter_id: 'import:legacy-crm', pinned: true },
      { external_id: 'INC-2', status: 'CLOSED', reporter_kind: 'IMPORT', reporter_id: 'import:legacy-crm', pinned: true },
      { external_id: 'INC-3', status: 'RESOLVED', reporter_kind: 'IMPORT', reporter_id: 'import:legacy-crm', pinned: true },
      { external_id: 'INC-4', status: 'RESOLVED', reporter_kind: 'IMPORT', reporter_id: 'import:legacy-crm', pinned: true },
    ]);
  });

  it('the simple case in CSV: one row per revision, errors named by line and column; only a provider admin imports', async () => {
    const w = await agreementWorld(t, 'csv-acme');
    const content = fixture('alpha-bank.csv');
    const broken = content.replace('2026-01-01T00:00:00Z,,AVAILABILITY=99.9', '2025-01-01T00:00:00Z,,AVAILABILITY=120').replace('SERVICE_BASED,SERVICE,,', 'SERVICE_BASED,SERVICE,Alpha Bank,');
    const dry = (await t.ok(HISTORY_IMPORT, { input: { format: 'CSV', content: broken, source: 'sheet', dryRun: true } }, w.admin)).historyImport;
    expect(dry.problems.map((p: any) => [p.line, p.field, p.code])).toEqual([
      [3, ['objectives'], 'INVALID_INPUT'], // AVAILABILITY=120: the objective rule of revisions signed here
      [3, ['effectiveFrom'], 'INVALID_INPUT'], // revision 2 would start before revision 1
      [4, ['customer'], 'INVALID_INPUT'], // a service-based agreement names no customer
      [4, ['providerSignedBy'], 'INVALID_INPUT'], // ... and, naming one, would need its signature (the signature columns start at providerSignedBy)
    ]);

    const analyst = await t.token(w.provider, [Role.ACCOUNT_MANAGER]);
    const forbidden = await t.gql(HISTORY_IMPORT, { input: { format: 'CSV', content, source: 'sheet' } }, { token: analyst });
    expect(forbidden.errors?.[0].extensions?.code).toBe('FORBIDDEN');

    const done = (await t.ok(HISTORY_IMPORT, { input: { format: 'CSV', content, source: 'sheet' } }, w.admin)).historyImport;
    expect(done.problems).toEqual([]);
    expect(done.records.map((r: any) => [r.externalId, r.line, r.outcome])).toEqual([
      ['CRM-2001', 2, 'CREATED'],
      ['CRM-2002', 4, 'CREATED'],
    ]);
    const beta = (await t.ok(AGREEMENT, { id: done.records[0].target }, w.admin)).node;
    expect(beta.revisions.nodes.map((r: any) => [r.number, r.state, r.effectiveFrom, r.effectiveTo, r.approvals.length])).toEqual([
      [1, 'SUPERSEDED', '2025-03-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z', 2],
      [2, 'ACTIVE', '2026-01-01T00:00:00.000Z', null, 2],
    ]);
    expect(beta.revisions.nodes[1].objectives).toEqual([
      { metric: 'AVAILABILITY', priority: null, target: 99.9, targetDuration: null },
      { metric: 'FIRST_RESPONSE_TIME', priority: 'P1', target: null, targetDuration: 'PT30M' },
    ]);
    // Signed by the provider alone, and its terms ran out: EXPIRED, as activation would leave it.
    const desk = (await t.ok(AGREEMENT, { id: done.records[1].target }, w.admin)).node;
    expect(desk.status).toBe('EXPIRED');
    expect(desk.revisions.nodes[0]).toMatchObject({ state: 'ACTIVE', effectiveTo: '2026-01-01T00:00:00.000Z', approvals: [{ party: 'PROVIDER', approvedBy: 'Jane Doe' }] });

    // Importing it again changes nothing.
    const again = (await t.ok(HISTORY_IMPORT, { input: { format: 'CSV', content, source: 'sheet' } }, w.admin)).historyImport;
    expect(again.records.map((r: any) => r.outcome)).toEqual(['UNCHANGED', 'UNCHANGED']);
  });
  it('an imported revision keeps its escalation policy (a level counting a calendar named in the file) and its settlement terms', async () => {
    const w = await agreementWorld(t, 'escalating-acme');
    const file = JSON.parse(fixture('alpha-bank.json'));
    const [agreement] = file.agreements;
    agreement.externalId = 'CRM-2002';
    const active = agreement.revisions[1];
    active.escalationPolicy = {
      levels: [
        { level: 1, name: 'Duty manager', after: 'PT1H', notifyRoles: ['ACCOUNT_MANAGER'] },
        { level: 2, name: 'Head of operations', after: 'PT4H', calendar: 'Office hours', notifyUsers: ['ops-head@example.com'] },
      ],
      triggers: { clockBreach: true, unacknowledgedAfter: 'PT30M' },
    };
    active.settlement = { statementGracePeriod: 'P5D' };
    const input = { format: 'JSON', content: JSON.stringify({ catalog: file.catalog, agreements: [agreement] }, null, 2), source: 'legacy-crm' };
    const done = (await t.ok(HISTORY_IMPORT, { input }, w.admin)).historyImport;
    expect(done.problems).toEqual([]);
    const calendarId = done.records.find((r: any) => r.kind === 'BUSINESS_CALENDAR').target;
    const agreementId = done.records.find((r: any) => r.kind === 'AGREEMENT').target;
    const read = await t.ok(
      `query($id: ID!) { node(id: $id) { ... on Agreement { currentRevision { number
        escalationPolicy { levels { level name after calendar notifyRoles notifyUsers } triggers { clockBreach clockWarning unacknowledgedAfter } }
        settlement { statementGracePeriod } } } } }`,
      { id: agreementId },
      w.admin,
    );
    const revision = read.node.currentRevision;
    expect(revision.number).toBe(2);
    expect(revision.escalationPolicy.levels).toEqual([
      { level: 1, name: 'Duty manager', after: 'PT1H', calendar: null, notifyRoles: ['ACCOUNT_MANAGER'], notifyUsers: [] },
      { level: 2, name: 'Head of operations', after: 'PT4H', calendar: calendarId, notifyRoles: [], notifyUsers: ['ops-head@example.com'] },
    ]);
    expect(revision.escalationPolicy.triggers).toMatchObject({ clockBreach: true, unacknowledgedAfter: 'PT30M' });
    expect(revision.settlement.statementGracePeriod).toBe('PT120H'); // P5D, as the terms store durations

    // A level naming a calendar the provider does not have is refused on that field's line.
    active.escalationPolicy.levels[1].calendar = 'Night shift';
    agreement.externalId = 'CRM-2003';
    const content = JSON.stringify({ agreements: [agreement] }, null, 2);
    const refused = (await t.ok(HISTORY_IMPORT, { input: { format: 'JSON', content, source: 'legacy-crm' } }, w.admin)).historyImport;
    expect(refused.problems).toEqual([
      expect.objectContaining({ code: 'NOT_FOUND', field: ['agreements', '0', 'revisions', '1', 'escalationPolicy', 'levels', '1', 'calendar'], line: content.split('\n').findIndex((l) => l.includes('Night shift')) + 1 }),
    ]);
  });

  it('measurements and business-hours clocks are judged against the revision in force when they happened; nothing is paged afterwards; customer users see their own customer only', async () => {
    const w = await agreementWorld(t, 'judged-acme');
    const created = await t.ok(
      `mutation($i: BusinessCalendarCreateInput!) { businessCalendarCreate(input: $i) { calendar { id } userErrors { message } } }`,
      { i: { name: 'Office hours', timeZone: 'Europe/Berlin', weeklyHours: [1, 2, 3, 4, 5].map((weekday) => ({ weekday, from: '09:00', to: '17:00' })) } },
      w.admin,
    );
    expect(created.businessCalendarCreate.userErrors).toEqual([]);
    const signatures = [
      { party: 'PROVIDER', name: 'Jane Doe', at: '2025-12-01T10:00:00Z' },
      { party: 'CUSTOMER', name: 'Max Muster', at: '2025-12-02T10:00:00Z' },
    ];
    const evidence = (n: number) => ({ document: `dms://r${n}.pdf`, sha256: String(n).repeat(64) });
    const file = {
      agreements: [
        {
          externalId: 'CRM-3001',
          kind: 'CUSTOMER_BASED',
          level: 'CUSTOMER',
          customer: 'Alpha Bank',
          services: ['MPG'],
          revisions: [
            {
              number: 1,
              title: 'API SLA',
              effectiveFrom: '2025-12-31T23:00:00Z',
              objectives: [{ metric: 'RATIO', target: 99.5 }, { metric: 'RESOLUTION_TIME', priority: 'P3', targetDuration: 'PT8H', calendar: 'office hours' }],
              signatures,
              evidence: evidence(1),
            },
            {
              number: 2,
              title: 'API SLA (stricter)',
              effectiveFrom: '2026-02-28T23:00:00Z',
              objectives: [{ metric: 'RATIO', target: 99.9 }, { metric: 'RESOLUTION_TIME', priority: 'P3', targetDuration: 'PT4H', calendar: 'Office hours' }],
              signatures: signatures.map((x) => ({ ...x, at: '2026-02-20T10:00:00Z' })),
              evidence: evidence(2),
            },
          ],
        },
      ],
      incidents: [
        // Friday 16:00 to Monday 12:00 in Berlin: 4 business hours (67 by the clock), within the 8 of revision 1.
        { externalId: 'T-1', customer: 'Alpha Bank', service: 'MPG', priority: 'P3', impact: 'NONE', title: 'Report export fails', startedAt: '2026-01-09T15:00:00Z', resolvedAt: '2026-01-12T11:00:00Z' },
        // Still open: it runs on, live, from the import.
        { externalId: 'T-2', customer: 'Alpha Bank', service: 'MPG', priority: 'P3', impact: 'NONE', title: 'Slow dashboard', startedAt: '2026-03-05T08:00:00Z', acknowledgedAt: '2026-03-05T08:30:00Z' },
      ],
      measurements: [
        { externalId: 'GW-2026-01', agreement: 'CRM-3001', at: '2026-01-20T00:00:00Z', good: 99400, total: 100000 },
        { externalId: 'GW-2026-03', agreement: 'CRM-3001', at: '2026-03-02T00:00:00Z', good: 99950, total: 100000 },
      ],
    };
    const done = (await t.ok(HISTORY_IMPORT, { input: { format: 'JSON', content: JSON.stringify(file, null, 2), source: 'legacy-crm' } }, w.admin)).historyImport;
    expect(done.problems).toEqual([]);
    const agreementId = done.records.find((r: any) => r.kind === 'AGREEMENT').target;

    // Each measurement counts for the objective of the revision in force when it was taken.
    const counted = await t.app.db.dataSource.query(
      `SELECT m.batch_key, r.number FROM measurement m JOIN objective o ON o.id = m.objective_id JOIN agreement_revision r ON r.id = o.revision_id WHERE r.agreement_id = $1 ORDER BY m.at`,
      [(await t.app.db.dataSource.query(`SELECT target_id FROM imported_record WHERE kind = 'AGREEMENT' AND external_id = 'CRM-3001'`))[0].target_id],
    );
    expect(counted).toEqual([
      { batch_key: 'import:legacy-crm:GW-2026-01', number: 1 },
      { batch_key: 'import:legacy-crm:GW-2026-03', number: 2 },
    ]);
    const report = (await t.ok(REPORT, { a: agreementId, from: '2026-01-01T00:00:00+01:00', to: '2026-02-01T00:00:00+01:00' }, w.admin)).complianceReport;
    const [january] = report.periods;
    expect(january.revision).toEqual({ number: 1 });
    expect(january.objectives.find((o: any) => o.objective.metric === 'RATIO')).toMatchObject({ status: 'BREACHED', attainedPercent: '99.4000' });
    // Counted in business hours of the calendar the objective named: met.
    expect(january.objectives.find((o: any) => o.objective.metric === 'RESOLUTION_TIME')).toMatchObject({ status: 'MET', clocksMet: 1, clocksBreached: 0 });

    // The open incident runs on: its resolution clock under revision 2 (4 business hours from 09:00 Berlin).
    const [open] = await t.app.db.dataSource.query(`SELECT i.status, c.state, c.due_at FROM incident i JOIN sla_clock c ON c.incident_id = i.id WHERE i.external_id = 'T-2'`);
    expect(open).toMatchObject({ status: 'ACKNOWLEDGED', state: 'RUNNING' });
    expect(new Date(open.due_at).toISOString()).toBe('2026-03-05T12:00:00.000Z');
    // The scheduled work after the import raises nothing for what is past.
    await t.app.jobs.clockEvents?.runNow();
    await t.app.jobs.runDue();
    const [{ deliveries, escalations }] = await t.app.db.dataSource.query(`SELECT (SELECT count(*)::int FROM webhook_delivery) AS deliveries, (SELECT count(*)::int FROM escalation) AS escalations`);
    expect({ deliveries, escalations }).toEqual({ deliveries: 0, escalations: 0 });

    // Customer users: Alpha Bank's see the imported agreement and its incidents, Beta Insurance's nothing of them.
    const alpha = await t.token(w.provider, [Role.CUSTOMER_VIEWER], w.customerA.id);
    const beta = await t.token(w.provider, [Role.CUSTOMER_VIEWER], w.customerB.id);
    const LIST = `{ agreements(first: 10) { nodes { id revisions(first: 5) { nodes { origin { source } } } } } incidents(first: 10) { totalCount } }`;
    const asAlpha = await t.ok(LIST, {}, alpha);
    expect(asAlpha.agreements.nodes).toEqual([{ id: agreementId, revisions: { nodes: [{ origin: { source: 'legacy-crm' } }, { origin: { source: 'legacy-crm' } }] } }]);
    expect(asAlpha.incidents.totalCount).toBe(2);
    const asBeta = await t.ok(LIST, {}, beta);
    expect(asBeta).toEqual({ agreements: { nodes: [] }, incidents: { totalCount: 0 } });
    // And may not import.
    const refused = await t.gql(HISTORY_IMPORT, { input: { format: 'JSON', content: '{}', source: 'x' } }, { token: alpha });
    expect(refused.errors?.[0].extensions?.code).toBe('FORBIDDEN');
  });
});

describeOnBothDatabases('importing the same file twice at once', (db) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await TestApp.start({ clock: new FixedClock(new Date('2026-03-05T09:00:00Z')), env: db.env });
  });
  afterAll(() => t.stop());

  it('writes everything once: one run creates, the other finds it all unchanged', async () => {
    const provider = await t.provider('twice-acme');
    const admin = await t.token(provider, [Role.PROVIDER_ADMIN]);
    const input = { format: 'JSON', content: fixture('alpha-bank.json'), source: 'legacy-crm' };
    const runs = await Promise.all([t.ok(HISTORY_IMPORT, { input }, admin), t.ok(HISTORY_IMPORT, { input }, admin)]);
    expect(runs.map((r) => r.historyImport.problems)).toEqual([[], []]);
    const outcomes = runs.map((r) => [...new Set(r.historyImport.records.map((x: any) => x.outcome))]).sort();
    expect(outcomes).toEqual([['CREATED'], ['UNCHANGED']]);
    const [row] = await t.app.db.dataSource.query(
      `SELECT (SELECT count(*)::int FROM agreement) AS agreements, (SELECT count(*)::int FROM incident) AS incidents, (SELECT count(*)::int FROM customer) AS customers, (SELECT count(*)::int FROM imported_record) AS imported`,
    );
    expect(row).toEqual({ agreements: 1, incidents: 4, customers: 1, imported: 6 });
  });
});
