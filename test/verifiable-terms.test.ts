import { createHash } from 'node:crypto';
import { FixedClock } from '../src/common/clock';
import { Role } from '../src/common/roles';
import { activeAgreement, AGREEMENT_AMEND, agreementWorld, REVISION_APPROVE, REVISION_PROPOSE, REVISION_UPDATE } from './support/agreement-fixtures';
import { describeOnBothDatabases } from './support/both-databases';
import { TestApp } from './support/test-app';

/** Verifiable terms (issue 14, point 3): the canonical form and SHA-256 of signed and imported revisions, through the API, on both databases. */

const REVISION = `query($id: ID!) { node(id: $id) { ... on AgreementRevision { number state effectiveTo termsSha256 canonicalTerms approvals { party termsSha256 } } } }`;
const IMPORT = `mutation($input: HistoryImportInput!) { historyImport(input: $input) { records { kind target } problems { line field message } } }`;
const REVISIONS = `query($id: ID!) { node(id: $id) { ... on Agreement { revisions(first: 10) { nodes { id number state } } } } }`;
const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

const TERMS = {
  title: 'Alpha Bank SLA',
  effectiveFrom: '2026-01-31T23:00:00Z',
  measurement: { method: 'HTTP probes every minute', dataSource: 'THIRD_PARTY_MONITOR', monitor: 'Pingdom' },
  objectives: [{ metric: 'AVAILABILITY', target: 99.9 }, { metric: 'FIRST_RESPONSE_TIME', priority: 'P1', targetDuration: 'PT15M' }],
  creditPolicy: { currency: 'EUR', periodFee: '10000.00', tiers: [{ below: 99.9, creditPercent: 10 }], perBreach: [] },
};

describeOnBothDatabases('verifiable terms', (db) => {
  const clock = new FixedClock(new Date('2026-01-20T09:00:00Z'));
  let t: TestApp;
  beforeAll(async () => {
    t = await TestApp.start({ clock, env: db.env });
  });
  afterAll(() => t.stop());
  const at = (iso: string) => clock.set(new Date(iso));
  const read = async (id: string, token: string) => (await t.ok(REVISION, { id }, token)).node;
  const refused = async (sql: string, params: unknown[]) => {
    await expect(t.app.db.dataSource.query(sql, params)).rejects.toThrow(/sealed|append-only/);
  };

  it('fixes the hash when the revision is proposed; both approvals, the webhooks and the export carry it; it never changes, and any change of terms changes it', async () => {
    at('2026-01-20T09:00:00Z');
    const w = await agreementWorld(t, 'seal');
    const signatory = await t.token(w.provider, [Role.CUSTOMER_SIGNATORY], w.customerA.id);
    const { agreementId, revisionId } = await activeAgreement(
      t,
      w.admin,
      { kind: 'CUSTOMER_BASED', level: 'CUSTOMER', customer: w.customerA.id, services: [w.serviceMpg.id], terms: TERMS },
      { customerSignatory: signatory },
    );
    const signed = await read(revisionId, w.admin);
    // Offline check: SHA-256 of the exported bytes is the hash; the text is RFC 8785 (sorted keys, no whitespace) and names the monitor.
    expect(signed.termsSha256).toMatch(/^[0-9a-f]{64}$/);
    expect(sha256(signed.canonicalTerms)).toBe(signed.termsSha256);
    expect(JSON.parse(signed.canonicalTerms)).toMatchObject({ agreement: agreementId, revision: 1, title: 'Alpha Bank SLA', measurement: { monitor: 'Pingdom' } });
    expect(signed.canonicalTerms).toBe(JSON.stringify(JSON.parse(signed.canonicalTerms)));
    expect(signed.approvals).toEqual([
      { party: 'PROVIDER', termsSha256: signed.termsSha256 },
      { party: 'CUSTOMER', termsSha256: signed.termsSha256 },
    ]);
    // The customer sees the same.
    expect((await read(revisionId, signatory)).termsSha256).toBe(signed.termsSha256);

    at('2026-02-01T00:00:00Z');
    await t.app.jobs.revisionActivation!.runNow();
    const events: { type: string; hash: string }[] = await t.app.db.dataSource.query(
      `SELECT type, data->>'termsSha256' AS hash FROM domain_event WHERE type IN ('revision.approved', 'revision.activated') AND agreement_id = $1 ORDER BY occurred_at, type`,
      [(await t.app.db.dataSource.query(`SELECT agreement_id FROM agreement_revision WHERE terms_sha256 = $1`, [signed.termsSha256]))[0].agreement_id],
    );
    expect(events).toEqual([
      { type: 'revision.approved', hash: signed.termsSha256 },
      { type: 'revision.activated', hash: signed.termsSha256 },
    ]);

    // An amendment: a draft has no hash; the same terms with one target changed hash differently.
    at('2026-03-10T00:00:00Z');
    const draft = (await t.ok(AGREEMENT_AMEND, { id: agreementId }, w.admin)).agreementAmend.revision;
    expect((await read(draft.id, w.admin)).termsSha256).toBeNull();
    await t.ok(
      REVISION_UPDATE,
      { input: { id: draft.id, version: draft.version, terms: { effectiveFrom: '2026-03-31T22:00:00Z', objectives: [{ metric: 'AVAILABILITY', target: 99.95 }, { metric: 'FIRST_RESPONSE_TIME', priority: 'P1', targetDuration: 'PT15M' }] } } },
      w.admin,
    );
    await t.ok(REVISION_PROPOSE, { id: draft.id }, w.admin);
    await t.ok(REVISION_APPROVE, { id: draft.id }, w.admin);
    await t.ok(REVISION_APPROVE, { id: draft.id }, signatory);
    const second = await read(draft.id, w.admin);
    expect(second.termsSha256).toMatch(/^[0-9a-f]{64}$/);
    expect(second.termsSha256).not.toBe(signed.termsSha256);
    expect(sha256(second.canonicalTerms)).toBe(second.termsSha256);
    at('2026-04-01T00:00:00Z');
    await t.app.jobs.revisionActivation!.runNow();

    // Revision 1, superseded (its effectiveTo set): the same text and hash as when it was signed.
    const superseded = await read(revisionId, w.admin);
    expect(superseded).toMatchObject({ state: 'SUPERSEDED', effectiveTo: '2026-03-31T22:00:00.000Z', termsSha256: signed.termsSha256, canonicalTerms: signed.canonicalTerms });

    // Not by a bug either: the database refuses to change a hash, its text, or an approval's hash.
    const [{ id: rowId }] = await t.app.db.dataSource.query(`SELECT id FROM agreement_revision WHERE terms_sha256 = $1`, [signed.termsSha256]);
    await refused(`UPDATE agreement_revision SET terms_sha256 = $2 WHERE id = $1`, [rowId, '0'.repeat(64)]);
    await refused(`UPDATE agreement_revision SET terms_canonical = '{}' WHERE id = $1`, [rowId]);
    await refused(`UPDATE revision_approval SET terms_sha256 = $2 WHERE revision_id = $1`, [rowId, '0'.repeat(64)]);
    await refused(`DELETE FROM revision_approval WHERE revision_id = $1`, [rowId]);

    // A revision signed before hashes existed is sealed at the next start to exactly what signing gives.
    await t.app.db.dataSource.query(`ALTER TABLE agreement_revision DISABLE TRIGGER USER`);
    await t.app.db.dataSource.query(`ALTER TABLE revision_approval DISABLE TRIGGER USER`);
    await t.app.db.dataSource.query(`UPDATE agreement_revision SET terms_sha256 = NULL, terms_canonical = NULL WHERE id = $1`, [rowId]);
    await t.app.db.dataSource.query(`UPDATE revision_approval SET terms_sha256 = NULL WHERE revision_id = $1`, [rowId]);
    await t.app.db.dataSource.query(`ALTER TABLE agreement_revision ENABLE TRIGGER USER`);
    await t.app.db.dataSource.query(`ALTER TABLE revision_approval ENABLE TRIGGER USER`);
    expect((await read(revisionId, w.admin)).termsSha256).toBeNull();
    await t.app.jobs.revisionActivation!.runNow();
    expect(await read(revisionId, w.admin)).toEqual(superseded);
  });

  it('seals an imported revision like a signed one: its hash is the SHA-256 of its export, fixed, and on its imported signatures', async () => {
    at('2026-03-05T09:00:00Z');
    const w = await agreementWorld(t, 'sealimport');
    const file = JSON.stringify({
      agreements: [
        {
          externalId: 'LEG-1',
          kind: 'CUSTOMER_BASED',
          level: 'CUSTOMER',
          customer: 'Alpha Bank',
          services: ['MPG'],
          revisions: [
            {
              number: 1,
              title: 'Legacy SLA',
              effectiveFrom: '2025-01-01T00:00:00Z',
              objectives: [{ metric: 'AVAILABILITY', target: 99.5 }],
              signatures: [{ party: 'PROVIDER', name: 'Jane', at: '2024-12-01T00:00:00Z' }, { party: 'CUSTOMER', name: 'Max', at: '2024-12-02T00:00:00Z' }],
              evidence: { document: 'dms://1', sha256: '9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08' },
            },
          ],
        },
      ],
    });
    const imported = (await t.ok(IMPORT, { input: { format: 'JSON', content: file, source: 'legacy' } }, w.admin)).historyImport;
    expect(imported.problems).toEqual([]);
    const agreement = imported.records.find((r: any) => r.kind === 'AGREEMENT').target;
    const [revision] = (await t.ok(REVISIONS, { id: agreement }, w.admin)).node.revisions.nodes;
    const before = await read(revision.id, w.admin);
    expect(before.termsSha256).toMatch(/^[0-9a-f]{64}$/);
    expect(sha256(before.canonicalTerms)).toBe(before.termsSha256);
    expect(before.approvals.map((a: any) => a.termsSha256)).toEqual([before.termsSha256, before.termsSha256]);
    at('2026-04-05T09:00:00Z');
    await t.app.jobs.revisionActivation!.runNow();
    expect(await read(revision.id, w.admin)).toEqual(before);
    const [{ id }] = await t.app.db.dataSource.query(`SELECT id FROM agreement_revision WHERE terms_sha256 = $1`, [before.termsSha256]);
    await refused(`UPDATE agreement_revision SET terms_sha256 = $2 WHERE id = $1`, [id, 'a'.repeat(64)]);
  });

  it('says which share of a period\'s measurement data came from the monitor the terms name', async () => {
    at('2026-01-20T09:00:00Z');
    const w = await agreementWorld(t, 'monitor');
    const signatory = await t.token(w.provider, [Role.CUSTOMER_SIGNATORY], w.customerA.id);
    const refusedTerms = await t.ok(
      `mutation($input: AgreementCreateInput!) { agreementCreate(input: $input) { userErrors { code field } } }`,
      { input: { kind: 'CUSTOMER_BASED', level: 'CUSTOMER', customer: w.customerA.id, services: [w.serviceMpg.id], terms: { title: 'x', measurement: { method: 'm', dataSource: 'PROVIDER_REPORTED', monitor: 'Pingdom' } } } },
      w.admin,
    );
    expect(refusedTerms.agreementCreate.userErrors).toEqual([{ code: 'INVALID_INPUT', field: ['input', 'terms', 'measurement', 'monitor'] }]);
    const { agreementId, revisionId } = await activeAgreement(
      t,
      w.admin,
      { kind: 'CUSTOMER_BASED', level: 'CUSTOMER', customer: w.customerA.id, services: [w.serviceMpg.id], terms: { ...TERMS, objectives: [{ metric: 'RATIO', target: 99 }] } },
      { customerSignatory: signatory },
    );
    at('2026-02-01T00:00:00Z');
    await t.app.jobs.revisionActivation!.runNow();
    at('2026-02-20T00:00:00Z');
    const ratio = (await t.ok(`query($id: ID!) { node(id: $id) { ... on AgreementRevision { objectives { id } } } }`, { id: revisionId }, w.admin)).node.objectives[0].id;
    const point = (day: number, source?: string) => ({ objective: ratio, at: `2026-02-${String(day).padStart(2, '0')}T12:00:00Z`, good: 995, total: 1000, ...(source === undefined ? {} : { source }) });
    const recorded = await t.ok(
      `mutation($input: MeasurementsRecordInput!) { measurementsRecord(input: $input) { accepted userErrors { code field } } }`,
      { input: { batchKey: 'feb', points: [point(2, 'Pingdom'), point(3, ' Pingdom '), point(4, 'Pingdom'), point(5, 'internal'), point(6)] } },
      w.admin,
    );
    expect(recorded.measurementsRecord).toEqual({ accepted: 5, userErrors: [] });
    const shares = async () =>
      (
        await t.ok(`query($a: ID!) { complianceReport(agreement: $a, from: "2026-02-01T00:00:00+01:00", to: "2026-04-01T00:00:00+02:00") { periods { monitorShare { monitor monitoredEvents totalEvents percent } } } }`, { a: agreementId }, w.admin)
      ).complianceReport.periods.map((p: any) => p.monitorShare);
    // February: 3,000 of 5,000 events from Pingdom; March: the monitor is named, there is no data.
    expect(await shares()).toEqual([
      { monitor: 'Pingdom', monitoredEvents: 3000, totalEvents: 5000, percent: '60.0000' },
      { monitor: 'Pingdom', monitoredEvents: 0, totalEvents: 0, percent: null },
    ]);
  });
});
