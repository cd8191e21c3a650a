import { FixedClock } from '../src/common/clock';
import { Role } from '../src/common/roles';
import { AGREEMENT_AMEND, agreementWorld, type AgreementWorld, REVISION_APPROVE, REVISION_PROPOSE, REVISION_UPDATE, activeAgreement } from './support/agreement-fixtures';
import { describeOnBothDatabases } from './support/both-databases';
import { TestApp } from './support/test-app';

const REVISION_AT = `query($id: ID!, $at: DateTime!) { node(id: $id) { ... on Agreement { revisionAt(at: $at) { number } } } }`;
const EFFECTIVE_AT = `query($at: DateTime!) { agreements(filter: { effectiveAt: $at }) { totalCount } }`;
const REPORT = `mutation($input: IncidentReportInput!) { incidentReport(input: $input) { incident { revision { number } } userErrors { code field message } } }`;
const EFFECTIVE_OBJECTIVES = `query($c: ID!, $s: ID!, $at: DateTime!) { effectiveObjectives(customer: $c, service: $s, at: $at) { objective { metric targetDuration } revision { number } } }`;
const COMPLIANCE = `query($a: ID!) { complianceReport(agreement: $a, from: "2026-01-01T00:00:00+01:00", to: "2026-04-01T00:00:00+02:00") { periods { start revision { number } } } }`;
const TERMINATE = `mutation($i: AgreementTerminateInput!) { agreementTerminate(input: $i) { agreement { status } userErrors { code field message } } }`;
const REVISIONS = `query($id: ID!) { node(id: $id) { ... on Agreement { revisions { nodes { number state effectiveFrom effectiveTo } } } } }`;

/** Midnight of 1 March in Berlin: revision 1 ends and revision 2 begins at this instant. */
const HANDOVER = '2026-02-28T23:00:00.000Z';
const JUST_BEFORE = '2026-02-28T22:59:59.999Z';
/** Midnight of 1 January in Berlin: revision 1 begins. */
const START = '2025-12-31T23:00:00.000Z';

describeOnBothDatabases('the revision in force at an instant', (db) => {
  const clock = new FixedClock(new Date('2025-12-20T09:00:00Z'));
  let t: TestApp;
  let w: AgreementWorld;
  let agreement: string;
  let signatory: string;

  /** Amends the agreement: a revision with a P1 response target `duration`, from `from`, signed by both parties (now). */
  const amendFrom = async (from: string, duration: string) => {
    const draft = (await t.ok(AGREEMENT_AMEND, { id: agreement }, w.admin)).agreementAmend.revision;
    const updated = await t.ok(REVISION_UPDATE, { input: { id: draft.id, version: draft.version, terms: { effectiveFrom: from, objectives: [{ metric: 'FIRST_RESPONSE_TIME', priority: 'P1', targetDuration: duration }] } } }, w.admin);
    expect(updated.revisionUpdate.userErrors).toEqual([]);
    expect((await t.ok(REVISION_PROPOSE, { id: draft.id }, w.admin)).revisionPropose.userErrors).toEqual([]);
    expect((await t.ok(REVISION_APPROVE, { id: draft.id }, w.admin)).revisionApprove.userErrors).toEqual([]);
    expect((await t.ok(REVISION_APPROVE, { id: draft.id }, signatory)).revisionApprove.userErrors).toEqual([]);
  };

  beforeAll(async () => {
    t = await TestApp.start({ clock, env: db.env });
    w = await agreementWorld(t);
    signatory = await t.token(w.provider, [Role.CUSTOMER_SIGNATORY], w.customerA.id);
    ({ agreementId: agreement } = await activeAgreement(
      t,
      w.admin,
      {
        kind: 'CUSTOMER_BASED',
        level: 'CUSTOMER',
        customer: w.customerA.id,
        services: [w.serviceMpg.id],
        terms: { title: 'Alpha Bank SLA', effectiveFrom: START, objectives: [{ metric: 'FIRST_RESPONSE_TIME', priority: 'P1', targetDuration: 'PT15M' }] },
      },
      { customerSignatory: signatory },
    ));
    clock.set(new Date('2026-02-10T09:00:00Z'));
    await t.app.jobs.revisionActivation!.runNow();
    await amendFrom(HANDOVER, 'PT10M');
    clock.set(new Date('2026-04-05T09:00:00Z'));
    await t.app.jobs.revisionActivation!.runNow();
    const { nodes } = (await t.ok(REVISIONS, { id: agreement }, w.admin)).node.revisions;
    expect(nodes).toEqual([
      { number: 1, state: 'SUPERSEDED', effectiveFrom: START, effectiveTo: HANDOVER },
      { number: 2, state: 'ACTIVE', effectiveFrom: HANDOVER, effectiveTo: null },
    ]);
  });
  afterAll(() => t.stop());

  it('answers revisionAt with the revision that starts at the instant, not the one that ends there', async () => {
    const revisionAt = async (at: string) => (await t.ok(REVISION_AT, { id: agreement, at }, w.admin)).node.revisionAt?.number ?? null;
    expect(await revisionAt('2025-12-31T22:59:59.999Z')).toBeNull();
    expect(await revisionAt(START)).toBe(1); // effectiveFrom exactly at the instant: in force
    expect(await revisionAt(JUST_BEFORE)).toBe(1);
    expect(await revisionAt(HANDOVER)).toBe(2); // revision 1's effectiveTo exactly at the instant: revision 2 is in force
  });

  it('filters agreements in force at an instant, from its first millisecond', async () => {
    expect((await t.ok(EFFECTIVE_AT, { at: '2025-12-31T22:59:59.999Z' }, w.admin)).agreements.totalCount).toBe(0);
    expect((await t.ok(EFFECTIVE_AT, { at: START }, w.admin)).agreements.totalCount).toBe(1);
    expect((await t.ok(EFFECTIVE_AT, { at: HANDOVER }, w.admin)).agreements.totalCount).toBe(1);
  });

  it('pins an incident, and gives the effective objectives, of the revision in force when it started', async () => {
    const report = async (startedAt: string) => {
      const res = await t.ok(REPORT, { input: { customer: w.customerA.id, service: w.serviceMpg.id, priority: 'P1', impact: 'OUTAGE', title: `Down at ${startedAt}`, startedAt } }, w.admin);
      expect(res.incidentReport.userErrors).toEqual([]);
      return res.incidentReport.incident.revision.number;
    };
    expect(await report(JUST_BEFORE)).toBe(1);
    expect(await report(HANDOVER)).toBe(2);
    const objectives = async (at: string) => (await t.ok(EFFECTIVE_OBJECTIVES, { c: w.customerA.id, s: w.serviceMpg.id, at }, w.admin)).effectiveObjectives;
    expect(await objectives(JUST_BEFORE)).toEqual([{ objective: { metric: 'FIRST_RESPONSE_TIME', targetDuration: 'PT15M' }, revision: { number: 1 } }]);
    expect(await objectives(HANDOVER)).toEqual([{ objective: { metric: 'FIRST_RESPONSE_TIME', targetDuration: 'PT10M' }, revision: { number: 2 } }]);
  });

  it('judges a period against the revision in force at its end: one that starts at the end belongs to the next period', async () => {
    const { periods } = (await t.ok(COMPLIANCE, { a: agreement }, w.admin)).complianceReport;
    expect(periods.map((p: { start: string; revision: { number: number } }) => [p.start, p.revision.number])).toEqual([
      // Period bounds are shown in the provider's time zone: START and HANDOVER are its midnights.
      ['2026-01-01T00:00:00.000+01:00', 1],
      ['2026-02-01T00:00:00.000+01:00', 1], // February ends at the handover: revision 1 was in force at its last instant
      ['2026-03-01T00:00:00.000+01:00', 2],
    ]);
  });

  it('terminates at the instant a scheduled revision would start: it never takes effect, the one in force ends there', async () => {
    const ends = '2026-05-31T22:00:00.000Z';
    await amendFrom(ends, 'PT5M');
    const res = await t.ok(TERMINATE, { i: { id: agreement, at: ends, reason: 'Customer exercised its termination right' } }, w.admin);
    expect(res.agreementTerminate).toEqual({ agreement: { status: 'TERMINATED' }, userErrors: [] });
    const { nodes } = (await t.ok(REVISIONS, { id: agreement }, w.admin)).node.revisions;
    expect(nodes.map((r: { number: number; state: string; effectiveTo: string | null }) => [r.number, r.state, r.effectiveTo])).toEqual([
      [1, 'SUPERSEDED', HANDOVER],
      [2, 'ACTIVE', ends],
      [3, 'WITHDRAWN', null],
    ]);
    expect((await t.ok(REVISION_AT, { id: agreement, at: '2026-05-31T21:59:59.999Z' }, w.admin)).node.revisionAt).toEqual({ number: 2 });
    expect((await t.ok(REVISION_AT, { id: agreement, at: ends }, w.admin)).node.revisionAt).toBeNull();
  });
});
