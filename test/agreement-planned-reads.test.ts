import { FixedClock } from '../src/common/clock';
import { Role } from '../src/common/roles';
import { activeAgreement, AGREEMENT_AMEND, AGREEMENT_CREATE, agreementWorld, objectives, REVISION_UPDATE, type AgreementWorld } from './support/agreement-fixtures';
import { TestApp } from './support/test-app';

/*
 * The agreement reads planned from the selection (agreement-reads.ts, agreement.planner.ts): a
 * portal page with its nested selection is one statement, and answers what the field resolvers
 * answer when they load each part themselves. `nodes(ids:)` reaches the same agreements without
 * a plan (every nested field through its loader): the reference each planned answer is compared with.
 */

const AGREEMENT_FIELDS = `id kind status createdAt version coversAllCustomers
  customer { id name archived tier }
  services { id code name archived }
  currentRevision { id number state effectiveFrom title objectives { id metric priority target targetDuration twentyFourSeven window { kind days } } }
  incidents(first: 2) { pageInfo { hasNextPage hasPreviousPage endCursor } edges { cursor node { id title priority status startedAt covered } } }`;

const PORTAL_PAGE = `query($first: Int!) { agreements(first: $first) { pageInfo { hasNextPage endCursor } edges { cursor node { ${AGREEMENT_FIELDS} } } } }`;
const UNPLANNED = `query($ids: [ID!]!) { nodes(ids: $ids) { ... on Agreement { ${AGREEMENT_FIELDS} } } }`;

const HISTORY_FIELDS = `revisions(first: 50) { pageInfo { hasNextPage endCursor } edges { cursor node { number state effectiveFrom effectiveTo title
  objectives { metric priority target targetDuration } diff { path kind before after } } } }`;
const HISTORY = `query($id: ID!) { agreement(id: $id) { id ${HISTORY_FIELDS} } }`;
const HISTORY_UNPLANNED = `query($id: ID!) { node(id: $id) { ... on Agreement { id ${HISTORY_FIELDS} } } }`;

describe('agreements read with their nested selection in one statement', () => {
  const clock = new FixedClock(new Date('2026-06-01T08:00:00Z'));
  let t: TestApp;
  let w: AgreementWorld;
  let a: { agreementId: string };
  let viewerA: string;

  beforeAll(async () => {
    t = await TestApp.start({ clock });
    w = await agreementWorld(t);
    const signatoryA = await t.token(w.provider, [Role.CUSTOMER_SIGNATORY], w.customerA.id);
    const signatoryB = await t.token(w.provider, [Role.CUSTOMER_SIGNATORY], w.customerB.id);
    viewerA = await t.token(w.provider, [Role.CUSTOMER_VIEWER], w.customerA.id);
    const terms = (title: string) => ({ title, effectiveFrom: '2026-01-01T00:00:00Z', objectives: [objectives.availability(99.9), objectives.response('P1', 'PT15M')] });
    a = await activeAgreement(t, w.admin, { kind: 'CUSTOMER_BASED', level: 'CUSTOMER', customer: w.customerA.id, services: [w.serviceMpg.id, w.serviceDesk.id], terms: terms('A') }, { customerSignatory: signatoryA });
    await activeAgreement(t, w.admin, { kind: 'CUSTOMER_BASED', level: 'CUSTOMER', customer: w.customerB.id, services: [w.serviceMpg.id], terms: terms('B') }, { customerSignatory: signatoryB });
    await activeAgreement(t, w.admin, { kind: 'SERVICE_BASED', level: 'SERVICE', services: [w.serviceDesk.id], terms: terms('Desk') });
    // B's second agreement stays a DRAFT: customer users never see it.
    await t.ok(AGREEMENT_CREATE, { input: { kind: 'CUSTOMER_BASED', level: 'CUSTOMER', customer: w.customerB.id, services: [w.serviceMpg.id], terms: { title: 'B draft' } } }, w.admin);
    for (let i = 0; i < 5; i++) {
      clock.set(new Date(Date.UTC(2026, 5, 1, 9, i)));
      await t.ok(
        `mutation($i: IncidentReportInput!) { incidentReport(input: $i) { userErrors { message } } }`,
        { i: { customer: i % 2 ? w.customerA.id : w.customerB.id, service: w.serviceMpg.id, priority: 'P1', impact: 'OUTAGE', title: `Incident ${i}`, startedAt: clock.now().toISOString() } },
        w.admin,
      );
    }
    // A's terms are being amended: revision 2, a DRAFT with a changed objective, diffed against revision 1.
    const amended = await t.ok(AGREEMENT_AMEND, { id: a.agreementId }, w.admin);
    const draft = amended.agreementAmend.revision;
    const updated = await t.ok(REVISION_UPDATE, { input: { id: draft.id, version: draft.version, terms: { title: 'A, amended', objectives: [objectives.availability(99.95), objectives.response('P1', 'PT10M')] } } }, w.admin);
    expect(updated.revisionUpdate.userErrors).toEqual([]);
  });
  afterAll(() => t.stop());

  async function pageAndReference(token: string, first: number) {
    const page = await t.gql<any>(PORTAL_PAGE, { first }, { token });
    expect(page.errors).toBeUndefined();
    const nodes = page.data.agreements.edges.map((e: any) => e.node);
    const reference = await t.ok(UNPLANNED, { ids: nodes.map((n: any) => n.id) }, token);
    return { page, nodes, reference: reference.nodes };
  }

  it('a page with customer, services, current revision, objectives and last incidents is one statement at any size, and answers what the loaders answer', async () => {
    const small = await pageAndReference(w.admin, 1);
    const all = await pageAndReference(w.admin, 20);
    expect(small.page.statements).toBe(1);
    expect(all.page.statements).toBe(1);
    expect(all.nodes).toHaveLength(4);
    expect(all.nodes).toEqual(all.reference);
    expect(small.nodes).toEqual(all.nodes.slice(0, 1));

    const byTitle = new Map<string, any>(all.nodes.map((n: any) => [n.currentRevision?.title ?? 'draft', n]));
    expect(byTitle.get('A').customer.id).toBe(w.customerA.id);
    expect(byTitle.get('A').services.map((s: any) => s.id).sort()).toEqual([w.serviceDesk.id, w.serviceMpg.id].sort());
    expect(byTitle.get('A').currentRevision.objectives.map((o: any) => o.metric)).toEqual(['AVAILABILITY', 'FIRST_RESPONSE_TIME']);
    expect(byTitle.get('A').incidents.edges.map((e: any) => e.node.title)).toEqual(['Incident 3', 'Incident 1']);
    expect(byTitle.get('B').incidents.pageInfo.hasNextPage).toBe(true);
    expect(byTitle.get('Desk').customer).toBeNull();
    expect(byTitle.get('draft').currentRevision).toBeNull();
  });

  it('the cursors of a planned page continue where it stopped, on the agreements and on their incidents', async () => {
    const first = await t.gql<any>(PORTAL_PAGE, { first: 2 }, { token: w.admin });
    const rest = await t.ok(`query($after: String) { agreements(first: 10, after: $after) { nodes { id } } }`, { after: first.data.agreements.pageInfo.endCursor }, w.admin);
    const everything = await t.ok(`{ agreements(first: 10) { nodes { id } } }`, {}, w.admin);
    expect([...first.data.agreements.edges.map((e: any) => e.node.id), ...rest.agreements.nodes.map((n: any) => n.id)]).toEqual(everything.agreements.nodes.map((n: any) => n.id));

    const all = await t.gql<any>(PORTAL_PAGE, { first: 10 }, { token: w.admin });
    const b = all.data.agreements.edges.map((e: any) => e.node).find((n: any) => n.customer?.id === w.customerB.id && n.currentRevision);
    const after = b.incidents.pageInfo.endCursor;
    const next = await t.ok(
      `query($id: ID!, $after: String) { agreement(id: $id) { incidents(first: 2, after: $after) { pageInfo { hasNextPage hasPreviousPage } nodes { title } } } }`,
      { id: b.id, after },
      w.admin,
    );
    expect(next.agreement.incidents).toEqual({ pageInfo: { hasNextPage: false, hasPreviousPage: true }, nodes: [{ title: 'Incident 0' }] });
  });

  it('a customer user gets through the plan exactly what the loaders let it see', async () => {
    const { page, nodes, reference } = await pageAndReference(viewerA, 20);
    expect(page.statements).toBe(1);
    expect(nodes).toEqual(reference);
    // Its customer's agreement and the service-based one over a service it uses: not B's, not drafts.
    expect(nodes.map((n: any) => n.currentRevision.title).sort()).toEqual(['A', 'Desk']);
    expect(nodes.flatMap((n: any) => n.incidents.edges.map((e: any) => e.node.title))).toEqual(['Incident 3', 'Incident 1']);
  });

  it("one agreement's history with diffs is one statement and answers what the loaders answer", async () => {
    const planned = await t.gql<any>(HISTORY, { id: a.agreementId }, { token: w.admin });
    expect(planned.errors).toBeUndefined();
    expect(planned.statements).toBe(1);
    const reference = await t.ok(HISTORY_UNPLANNED, { id: a.agreementId }, w.admin);
    expect(planned.data.agreement).toEqual(reference.node);
    const [, second] = planned.data.agreement.revisions.edges.map((e: any) => e.node);
    expect(second.diff).toEqual(
      expect.arrayContaining([
        { path: 'title', kind: 'CHANGED', before: 'A', after: 'A, amended' },
        { path: 'objectives[FIRST_RESPONSE_TIME/P1].targetDuration', kind: 'CHANGED', before: 'PT15M', after: 'PT10M' },
      ]),
    );
    // Customer users do not see the draft, planned or not.
    const viewer = await t.ok(HISTORY, { id: a.agreementId }, viewerA);
    expect(viewer.agreement).toEqual((await t.ok(HISTORY_UNPLANNED, { id: a.agreementId }, viewerA)).node);
    expect(viewer.agreement.revisions.edges.map((e: any) => e.node.state)).toEqual(['ACTIVE']);
  });

  it('the same field under two aliases, or differently under edges and nodes, answers each selection', async () => {
    const data = await t.ok(
      `query($id: ID!) {
        agreement(id: $id) { last: incidents(first: 1) { nodes { title } } two: incidents(first: 2) { nodes { title } } }
        agreements(first: 10) { edges { node { id incidents(first: 1) { nodes { title } } } } nodes { id incidents(first: 2) { nodes { title } } } }
      }`,
      { id: a.agreementId },
      w.admin,
    );
    expect(data.agreement.last.nodes).toEqual([{ title: 'Incident 3' }]);
    expect(data.agreement.two.nodes).toEqual([{ title: 'Incident 3' }, { title: 'Incident 1' }]);
    const viaEdges = data.agreements.edges.find((e: any) => e.node.id === a.agreementId).node;
    const viaNodes = data.agreements.nodes.find((n: any) => n.id === a.agreementId);
    expect(viaEdges.incidents.nodes).toEqual([{ title: 'Incident 3' }]);
    expect(viaNodes.incidents.nodes).toEqual([{ title: 'Incident 3' }, { title: 'Incident 1' }]);
  });
});
