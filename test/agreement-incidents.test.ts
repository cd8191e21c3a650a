import { FixedClock } from '../src/common/clock';
import { Role } from '../src/common/roles';
import { activeAgreement, agreementWorld, objectives } from './support/agreement-fixtures';
import { TestApp } from './support/test-app';

const PAGE = `query($first: Int!, $incidents: Int!, $after: String) {
  agreements(first: $first) {
    nodes { id incidents(first: $incidents, after: $after) { totalCount pageInfo { hasNextPage endCursor } nodes { title startedAt customer { id } } } }
  }
}`;

describe('Agreement.incidents', () => {
  it('pages the incidents pinned to each agreement, latest first, in one statement for any number of agreements', async () => {
    const clock = new FixedClock(new Date('2026-06-01T08:00:00Z'));
    const t = await TestApp.start({ clock });
    try {
      const w = await agreementWorld(t);
      const signatoryA = await t.token(w.provider, [Role.CUSTOMER_SIGNATORY], w.customerA.id);
      const signatoryB = await t.token(w.provider, [Role.CUSTOMER_SIGNATORY], w.customerB.id);
      for (const [customer, signatory] of [
        [w.customerA.id, signatoryA],
        [w.customerB.id, signatoryB],
      ] as const) {
        await activeAgreement(
          t,
          w.admin,
          { kind: 'CUSTOMER_BASED', level: 'CUSTOMER', customer, services: [w.serviceMpg.id], terms: { title: 'A', effectiveFrom: '2026-01-01T00:00:00Z', objectives: [objectives.response('P1', 'PT15M')] } },
          { customerSignatory: signatory },
        );
      }
      for (let i = 0; i < 7; i++) {
        clock.set(new Date(Date.UTC(2026, 5, 1, 9, i)));
        await t.ok(
          `mutation($i: IncidentReportInput!) { incidentReport(input: $i) { userErrors { message } } }`,
          { i: { customer: i % 2 ? w.customerA.id : w.customerB.id, service: w.serviceMpg.id, priority: 'P1', impact: 'OUTAGE', title: `Incident ${i}`, startedAt: clock.now().toISOString() } },
          w.admin,
        );
      }
      const one = await t.gql<any>(PAGE, { first: 1, incidents: 2 }, { token: w.admin });
      const both = await t.gql<any>(PAGE, { first: 2, incidents: 2 }, { token: w.admin });
      expect(both.errors).toBeUndefined();
      expect(both.statements).toBe(one.statements);

      const byCustomer = new Map<string, any>(both.data.agreements.nodes.map((a: any) => [a.incidents.nodes[0].customer.id, a]));
      const a = byCustomer.get(w.customerA.id);
      const b = byCustomer.get(w.customerB.id);
      expect(a.incidents.nodes.map((n: any) => n.title)).toEqual(['Incident 5', 'Incident 3']);
      expect(a.incidents.totalCount).toBe(3);
      expect(b.incidents.nodes.map((n: any) => n.title)).toEqual(['Incident 6', 'Incident 4']);
      expect(b.incidents.totalCount).toBe(4);
      expect(a.incidents.pageInfo.hasNextPage).toBe(true);

      const next = await t.gql<any>(PAGE, { first: 2, incidents: 2, after: a.incidents.pageInfo.endCursor }, { token: w.admin });
      const aNext = next.data.agreements.nodes.find((n: any) => n.id === a.id);
      expect(aNext.incidents.nodes.map((n: any) => n.title)).toEqual(['Incident 1']);
      expect(aNext.incidents.pageInfo.hasNextPage).toBe(false);

      // A customer user sees its own customer's incidents only.
      const customerUser = await t.token(w.provider, [Role.CUSTOMER_VIEWER], w.customerA.id);
      const own = await t.gql<any>(PAGE, { first: 2, incidents: 10 }, { token: customerUser });
      expect(own.errors).toBeUndefined();
      const seen = own.data.agreements.nodes.flatMap((n: any) => n.incidents.nodes.map((i: any) => i.customer.id));
      expect(seen.length).toBeGreaterThan(0);
      expect(new Set(seen)).toEqual(new Set([w.customerA.id]));
    } finally {
      await t.stop();
    }
  });

  it('answers a report with the new incident as stored (version, creation time), read back by id the same', async () => {
    const clock = new FixedClock(new Date('2026-06-01T08:00:00Z'));
    const t = await TestApp.start({ clock });
    try {
      const w = await agreementWorld(t);
      const fields = 'id version createdAt startedAt status title covered';
      const reported = (
        await t.ok(
          `mutation($i: IncidentReportInput!) { incidentReport(input: $i) { incident { ${fields} } userErrors { message } } }`,
          { i: { customer: w.customerA.id, service: w.serviceMpg.id, priority: 'P2', impact: 'NONE', title: 'Disk full', startedAt: '2026-06-01T07:00:00Z', idempotencyKey: 'k-1' } },
          w.admin,
        )
      ).incidentReport.incident;
      expect(reported.version).toBe(1);
      expect(typeof reported.createdAt).toBe('string');
      const read = (await t.ok(`query($id: ID!) { incident(id: $id) { ${fields} } }`, { id: reported.id }, w.admin)).incident;
      expect(read).toEqual(reported);
    } finally {
      await t.stop();
    }
  });
});
