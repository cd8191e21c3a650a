import { FixedClock } from '../src/common/clock';
import {
  AGREEMENT_AMEND,
  agreementWorld,
  layeredAgreements,
  objectives,
  REVISION_APPROVE,
  REVISION_PROPOSE,
  REVISION_UPDATE,
  type AgreementWorld,
} from './support/agreement-fixtures';
import { TestApp } from './support/test-app';

const EFFECTIVE = `query($customer: ID!, $service: ID!, $at: DateTime) {
  effectiveObjectives(customer: $customer, service: $service, at: $at) {
    level
    agreement { id }
    revision { number agreement { id } }
    objective { metric priority target targetDuration }
    overrides { level agreement { id } revision { number } objective { target targetDuration } }
  }
}`;

interface Source {
  level: string;
  agreement: { id: string };
  revision: { number: number; agreement?: { id: string } };
  objective: { metric?: string; priority?: string | null; target: number | null; targetDuration: string | null };
}

/** "99.95" or "PT15M": the target as a user reads it. */
const value = (o: Source['objective']) => (o.targetDuration ?? String(o.target));

/** One effective objective as a user reads it: "FIRST_RESPONSE_TIME/P1 PT15M", from which level, overriding what. */
const summary = (e: Source & { overrides: Source[] }) => ({
  objective: `${e.objective.metric}${e.objective.priority ? `/${e.objective.priority}` : ''} ${value(e.objective)}`,
  from: e.level,
  overrides: e.overrides.map((o) => `${o.level} ${value(o.objective)}`),
});

/**
 * Multi-level inheritance through the API. The layers take effect one after the other:
 * corporate 2026-01-01, segment (Finance) 2026-02-01, customer (Alpha Bank) 2026-03-01,
 * service (Alpha Bank, MPG) 2026-04-01; the tests read them on 2026-05-01.
 */
describe('multi-level agreements: effective objectives and what covers whom', () => {
  const clock = new FixedClock(new Date('2026-01-01T00:00:00Z'));
  let t: TestApp;
  let w: AgreementWorld;
  let layers: Awaited<ReturnType<typeof layeredAgreements>>;
  let outsider: { id: string };

  const effective = async (customer: string, service: string, at?: string) =>
    (await t.ok(EFFECTIVE, { customer, service, at }, w.admin)).effectiveObjectives as (Source & { overrides: Source[] })[];

  beforeAll(async () => {
    t = await TestApp.start({ clock });
    w = await agreementWorld(t);
    layers = await layeredAgreements(t, w, {
      corporate: '2026-01-01T00:00:00Z',
      segment: '2026-02-01T00:00:00Z',
      customer: '2026-03-01T00:00:00Z',
      service: '2026-04-01T00:00:00Z',
    });
    outsider = (
      await t.ok(
        `mutation($i: CustomerCreateInput!) { customerCreate(input: $i) { customer { id } } }`,
        { i: { name: 'Gamma Retail', sizeBand: 'ENTERPRISE', industry: 'Retail', region: 'EUROPE', tier: 'GOLD', country: 'DE', timeZone: 'Europe/Berlin' } },
        w.admin,
      )
    ).customerCreate.customer;
    clock.set(new Date('2026-05-01T00:00:00Z'));
    await t.app.jobs.revisionActivation!.runNow();
  });
  afterAll(() => t.stop());

  it('every layer is signed and in force', async () => {
    const res = await t.ok(
      `query($ids: [ID!]!) { nodes(ids: $ids) { ... on Agreement { level status parent { id } currentRevision { number state } } } }`,
      { ids: [layers.corporate, layers.segment, layers.customer, layers.service] },
      w.admin,
    );
    expect(res.nodes).toEqual([
      { level: 'CORPORATE', status: 'ACTIVE', parent: null, currentRevision: { number: 1, state: 'ACTIVE' } },
      { level: 'SEGMENT', status: 'ACTIVE', parent: { id: layers.corporate }, currentRevision: { number: 1, state: 'ACTIVE' } },
      { level: 'CUSTOMER', status: 'ACTIVE', parent: { id: layers.segment }, currentRevision: { number: 1, state: 'ACTIVE' } },
      { level: 'SERVICE', status: 'ACTIVE', parent: { id: layers.customer }, currentRevision: { number: 1, state: 'ACTIVE' } },
    ]);
  });

  it("customer A on MPG: the most specific level wins for each metric and priority, and names what it overrode", async () => {
    const result = await effective(w.customerA.id, w.serviceMpg.id);
    expect(result.map(summary)).toEqual([
      { objective: 'AVAILABILITY 99.95', from: 'SERVICE', overrides: ['SEGMENT 99.9', 'CORPORATE 99.5'] },
      { objective: 'FIRST_RESPONSE_TIME/P1 PT15M', from: 'CUSTOMER', overrides: ['CORPORATE PT1H'] },
      { objective: 'FIRST_RESPONSE_TIME/P2 PT4H', from: 'CORPORATE', overrides: [] },
    ]);
    // Each objective names the agreement and revision it came from, and so does each override.
    const [availability, p1, p2] = result;
    expect(availability.agreement.id).toBe(layers.service);
    expect(availability.revision).toEqual({ number: 1, agreement: { id: layers.service } });
    expect(availability.overrides.map((o) => o.agreement.id)).toEqual([layers.segment, layers.corporate]);
    expect(availability.overrides.map((o) => o.revision.number)).toEqual([1, 1]);
    expect(p1.agreement.id).toBe(layers.customer);
    expect(p1.overrides.map((o) => o.agreement.id)).toEqual([layers.corporate]);
    expect(p2.agreement.id).toBe(layers.corporate);
  });

  it('customer A on DESK, which has no service level: availability comes from the segment level', async () => {
    expect((await effective(w.customerA.id, w.serviceDesk.id)).map(summary)).toEqual([
      { objective: 'AVAILABILITY 99.9', from: 'SEGMENT', overrides: ['CORPORATE 99.5'] },
      { objective: 'FIRST_RESPONSE_TIME/P1 PT15M', from: 'CUSTOMER', overrides: ['CORPORATE PT1H'] },
      { objective: 'FIRST_RESPONSE_TIME/P2 PT4H', from: 'CORPORATE', overrides: [] },
    ]);
  });

  it("customer B, in the segment but without a customer level: segment and corporate values, nothing of A's levels", async () => {
    const result = await effective(w.customerB.id, w.serviceMpg.id);
    expect(result.map(summary)).toEqual([
      { objective: 'AVAILABILITY 99.9', from: 'SEGMENT', overrides: ['CORPORATE 99.5'] },
      { objective: 'FIRST_RESPONSE_TIME/P1 PT1H', from: 'CORPORATE', overrides: [] },
      { objective: 'FIRST_RESPONSE_TIME/P2 PT4H', from: 'CORPORATE', overrides: [] },
    ]);
    expect(result.map((e) => e.agreement.id)).toEqual([layers.segment, layers.corporate, layers.corporate]);
  });

  it('a customer outside the segment gets the corporate level only', async () => {
    expect((await effective(outsider.id, w.serviceMpg.id)).map(summary)).toEqual([
      { objective: 'AVAILABILITY 99.5', from: 'CORPORATE', overrides: [] },
      { objective: 'FIRST_RESPONSE_TIME/P1 PT1H', from: 'CORPORATE', overrides: [] },
      { objective: 'FIRST_RESPONSE_TIME/P2 PT4H', from: 'CORPORATE', overrides: [] },
    ]);
  });

  it('`at` gives the objectives of the layers in force then: none before the corporate level took effect', async () => {
    expect(await effective(w.customerA.id, w.serviceMpg.id, '2025-12-31T23:59:59Z')).toEqual([]);
    expect((await effective(w.customerA.id, w.serviceMpg.id, '2026-01-15T00:00:00Z')).map(summary)).toEqual([
      { objective: 'AVAILABILITY 99.5', from: 'CORPORATE', overrides: [] },
      { objective: 'FIRST_RESPONSE_TIME/P1 PT1H', from: 'CORPORATE', overrides: [] },
      { objective: 'FIRST_RESPONSE_TIME/P2 PT4H', from: 'CORPORATE', overrides: [] },
    ]);
    // 2026-03-15: segment and customer levels, not yet the service level.
    expect((await effective(w.customerA.id, w.serviceMpg.id, '2026-03-15T00:00:00Z')).map(summary)).toEqual([
      { objective: 'AVAILABILITY 99.9', from: 'SEGMENT', overrides: ['CORPORATE 99.5'] },
      { objective: 'FIRST_RESPONSE_TIME/P1 PT15M', from: 'CUSTOMER', overrides: ['CORPORATE PT1H'] },
      { objective: 'FIRST_RESPONSE_TIME/P2 PT4H', from: 'CORPORATE', overrides: [] },
    ]);
  });

  it('follows an amended level from the date its new revision takes effect, naming that revision', async () => {
    const draft = (await t.ok(AGREEMENT_AMEND, { id: layers.segment }, w.admin)).agreementAmend.revision;
    await t.ok(REVISION_UPDATE, { input: { id: draft.id, version: draft.version, terms: { effectiveFrom: '2026-06-01T00:00:00Z', objectives: [objectives.availability(99.8)] } } }, w.admin);
    await t.ok(REVISION_PROPOSE, { id: draft.id }, w.admin);
    expect((await t.ok(REVISION_APPROVE, { id: draft.id }, w.admin)).revisionApprove.revision.state).toBe('APPROVED');

    const [before] = await effective(w.customerA.id, w.serviceDesk.id, '2026-05-31T23:59:59Z');
    expect(summary(before)).toEqual({ objective: 'AVAILABILITY 99.9', from: 'SEGMENT', overrides: ['CORPORATE 99.5'] });
    expect(before.revision.number).toBe(1);
    const [after] = await effective(w.customerA.id, w.serviceDesk.id, '2026-06-01T00:00:00Z');
    expect(summary(after)).toEqual({ objective: 'AVAILABILITY 99.8', from: 'SEGMENT', overrides: ['CORPORATE 99.5'] });
    expect(after.revision).toEqual({ number: 2, agreement: { id: layers.segment } });
    // The service level of MPG still wins over either segment revision.
    const [mpg] = await effective(w.customerA.id, w.serviceMpg.id, '2026-06-01T00:00:00Z');
    expect(summary(mpg)).toEqual({ objective: 'AVAILABILITY 99.95', from: 'SERVICE', overrides: ['SEGMENT 99.8', 'CORPORATE 99.5'] });
  });

  it('Customer.agreements lists the layers that cover each customer', async () => {
    const covering = async (customer: string) =>
      (
        await t.ok(`query($id: ID!) { customer(id: $id) { agreements { totalCount nodes { id level } } } }`, { id: customer }, w.admin)
      ).customer.agreements;
    const a = await covering(w.customerA.id);
    expect(a.totalCount).toBe(4);
    expect(a.nodes.map((n: { id: string }) => n.id).sort()).toEqual([layers.corporate, layers.segment, layers.customer, layers.service].sort());
    const b = await covering(w.customerB.id);
    expect(b.totalCount).toBe(2);
    expect(b.nodes.map((n: { id: string }) => n.id).sort()).toEqual([layers.corporate, layers.segment].sort());
    const outside = await covering(outsider.id);
    expect(outside).toEqual({ totalCount: 1, nodes: [{ id: layers.corporate, level: 'CORPORATE' }] });
  });

  it('Service.agreements lists the layers that cover each service', async () => {
    const res = await t.ok(
      `query($mpg: ID!, $desk: ID!) {
        mpg: service(id: $mpg) { agreements { totalCount nodes { id } } }
        desk: service(id: $desk) { agreements { totalCount nodes { id } } }
      }`,
      { mpg: w.serviceMpg.id, desk: w.serviceDesk.id },
      w.admin,
    );
    const ids = (c: { nodes: { id: string }[] }) => c.nodes.map((n) => n.id).sort();
    expect(res.mpg.agreements.totalCount).toBe(4);
    expect(ids(res.mpg.agreements)).toEqual([layers.corporate, layers.segment, layers.customer, layers.service].sort());
    expect(res.desk.agreements.totalCount).toBe(3);
    expect(ids(res.desk.agreements)).toEqual([layers.corporate, layers.segment, layers.customer].sort());
  });
});
