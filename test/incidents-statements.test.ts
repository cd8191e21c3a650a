import { FixedClock } from '../src/common/clock';
import { Role } from '../src/common/roles';
import { activeAgreement, agreementWorld, objectives } from './support/agreement-fixtures';
import { TestApp } from './support/test-app';

const PAGE = `query($first: Int!) {
  incidents(first: $first) {
    nodes {
      title priority status covered customer { name } service { code } agreement { id } revision { number }
      clocks { metric state dueAt calendar { name } }
      events(first: 5) { totalCount nodes { type at } }
    }
  }
}`;

describe('incident lists cost a fixed number of SQL statements', () => {
  it('costs the same for 10 and for 60 incidents with their customer, service, revision, clocks and timeline', async () => {
    const clock = new FixedClock(new Date('2026-06-01T08:00:00Z'));
    const t = await TestApp.start({ clock });
    try {
      const w = await agreementWorld(t);
      const signatory = await t.token(w.provider, [Role.CUSTOMER_SIGNATORY], w.customerA.id);
      await activeAgreement(
        t,
        w.admin,
        { kind: 'CUSTOMER_BASED', level: 'CUSTOMER', customer: w.customerA.id, services: [w.serviceMpg.id, w.serviceDesk.id], terms: { title: 'A', effectiveFrom: '2026-01-01T00:00:00Z', objectives: [objectives.response('P1', 'PT15M'), objectives.availability(99.9)] } },
        { customerSignatory: signatory },
      );
      for (let i = 0; i < 60; i++) {
        clock.set(new Date(Date.UTC(2026, 5, 1, 9, i)));
        await t.ok(
          `mutation($i: IncidentReportInput!) { incidentReport(input: $i) { userErrors { message } } }`,
          { i: { customer: i % 3 ? w.customerA.id : w.customerB.id, service: i % 2 ? w.serviceMpg.id : w.serviceDesk.id, priority: 'P1', impact: 'OUTAGE', title: `Incident ${i}`, startedAt: clock.now().toISOString() } },
          w.admin,
        );
      }
      const small = await t.gql<any>(PAGE, { first: 10 }, { token: w.admin });
      const large = await t.gql<any>(PAGE, { first: 60 }, { token: w.admin });
      expect(small.errors).toBeUndefined();
      expect(large.data.incidents.nodes).toHaveLength(60);
      expect(large.data.incidents.nodes.some((n: any) => n.clocks.length > 0)).toBe(true);
      expect(large.statements).toBe(small.statements);
    } finally {
      await t.stop();
    }
  });
});
