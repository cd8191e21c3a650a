import { type Clock } from '../src/common/clock';
import { Role } from '../src/common/roles';
import { agreementWorld, AGREEMENT_CREATE, REVISION_APPROVE, REVISION_PROPOSE } from './support/agreement-fixtures';
import { describeOnBothDatabases } from './support/both-databases';
import { TestApp } from './support/test-app';

/** A clock that moves one millisecond every time it is read: two reads in one request can never agree. */
class TickingClock implements Clock {
  private ms = Date.parse('2026-04-01T08:00:00Z');
  now(): Date {
    this.ms += 1;
    return new Date(this.ms);
  }
}

const HISTORY = `query($id: ID!) { node(id: $id) { ... on Agreement {
  events(first: 50) { nodes { sequence type at } }
  currentRevision { number state effectiveFrom approvals { party approvedAt } }
} } }`;

describeOnBothDatabases('one instant per request', (db) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await TestApp.start({ clock: new TickingClock(), env: db.env });
  });
  afterAll(() => t.stop());

  it('records the last approval, the activation and the start of the terms at the same instant, approval first', async () => {
    const w = await agreementWorld(t);
    const signatory = await t.token(w.provider, [Role.CUSTOMER_SIGNATORY], w.customerA.id);
    const created = await t.ok(
      AGREEMENT_CREATE,
      { input: { kind: 'CUSTOMER_BASED', level: 'CUSTOMER', customer: w.customerA.id, services: [w.serviceMpg.id], terms: { title: 'Alpha Bank SLA', effectiveFrom: '2026-03-01T00:00:00Z', objectives: [{ metric: 'AVAILABILITY', target: 99.9 }] } } },
      w.admin,
    );
    const agreement = created.agreementCreate.agreement.id;
    const revision = created.agreementCreate.revision.id;
    expect((await t.ok(REVISION_PROPOSE, { id: revision }, w.admin)).revisionPropose.userErrors).toEqual([]);
    expect((await t.ok(REVISION_APPROVE, { id: revision }, w.admin)).revisionApprove.userErrors).toEqual([]);
    const last = await t.ok(REVISION_APPROVE, { id: revision }, signatory);
    expect(last.revisionApprove).toMatchObject({ revision: { state: 'ACTIVE' }, userErrors: [] });

    const { events, currentRevision } = (await t.ok(HISTORY, { id: agreement }, w.admin)).node;
    const customerApproval = currentRevision.approvals.find((a: any) => a.party === 'CUSTOMER');
    const approved = events.nodes.filter((e: any) => e.type === 'APPROVED').at(-1);
    const activated = events.nodes.find((e: any) => e.type === 'ACTIVATED');
    expect(activated).toBeDefined();
    expect([approved.at, activated.at, currentRevision.effectiveFrom]).toEqual([customerApproval.approvedAt, customerApproval.approvedAt, customerApproval.approvedAt]);
    expect(approved.sequence).toBeLessThan(activated.sequence);
  });
});
