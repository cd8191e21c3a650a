import { randomUUID } from 'node:crypto';
import { FixedClock } from '../src/common/clock';
import { toGlobalId } from '../src/common/global-id';
import { Role } from '../src/common/roles';
import {
  activeAgreement,
  AGREEMENT_AMEND,
  AGREEMENT_CREATE,
  agreementWorld,
  layeredAgreements,
  objectives,
  REVISION_APPROVE,
  REVISION_PROPOSE,
  REVISION_UPDATE,
  type AgreementWorld,
} from './support/agreement-fixtures';
import { TestApp } from './support/test-app';

const randomId = (type: string) => toGlobalId(type, randomUUID());
const ids = (connection: { nodes: { id: string }[] }) => connection.nodes.map((n) => n.id).sort();

const LIST = `query($filter: AgreementFilter, $orderBy: AgreementOrder) {
  agreements(first: 100, filter: $filter, orderBy: $orderBy) { totalCount nodes { id } }
}`;

/**
 * Who sees which agreement. The provider "acme" (2026-01-01) has:
 * - the four layers of a multi-level agreement: corporate, Finance segment, customer A, A's MPG service level;
 * - B's own customer-based agreement (MPG), in force, and a second one for B still in DRAFT;
 * - an agreement for the Retail segment (A and B are not in it), approved for 2027-01-01.
 * Another provider, "other-co", has an agreement of its own.
 */
describe('agreements: who sees and changes what', () => {
  const clock = new FixedClock(new Date('2026-01-01T00:00:00Z'));
  let t: TestApp;
  let w: AgreementWorld;
  let layers: Awaited<ReturnType<typeof layeredAgreements>>;
  let bAgreement: { agreementId: string; revisionId: string };
  let bDraft: { agreementId: string; revisionId: string; version: number };
  let retail: { agreementId: string; segmentId: string };
  let bObjectiveId: string;
  let viewerA: string;
  let signatoryA: string;
  let otherAdmin: string;
  let otherService: string;
  let otherAgreement: string;

  beforeAll(async () => {
    t = await TestApp.start({ clock });
    w = await agreementWorld(t);
    layers = await layeredAgreements(t, w);
    const signatoryB = await t.token(w.provider, [Role.CUSTOMER_SIGNATORY], w.customerB.id);
    bAgreement = await activeAgreement(
      t,
      w.admin,
      {
        kind: 'CUSTOMER_BASED',
        level: 'CUSTOMER',
        customer: w.customerB.id,
        services: [w.serviceMpg.id],
        terms: { title: 'Beta Insurance SLA', effectiveFrom: '2026-01-01T00:00:00Z', objectives: [objectives.availability(99.99)] },
      },
      { customerSignatory: signatoryB },
    );
    const draft = await t.ok(
      AGREEMENT_CREATE,
      { input: { kind: 'CUSTOMER_BASED', level: 'CUSTOMER', customer: w.customerB.id, services: [w.serviceDesk.id], terms: { title: 'Beta desk, 100% coverage' } } },
      w.admin,
    );
    bDraft = { agreementId: draft.agreementCreate.agreement.id, revisionId: draft.agreementCreate.revision.id, version: draft.agreementCreate.revision.version };
    const retailSegment = (
      await t.ok(`mutation { segmentCreate(input: { name: "Retail", rules: [{ industries: ["Retail"] }] }) { segment { id } } }`, {}, w.admin)
    ).segmentCreate.segment;
    const retailAgreement = await activeAgreement(t, w.admin, {
      kind: 'CUSTOMER_BASED',
      level: 'SEGMENT',
      segment: retailSegment.id,
      services: [w.serviceDesk.id],
      terms: { title: 'Retail desk SLA', effectiveFrom: '2027-01-01T00:00:00Z', objectives: [objectives.response('P1', 'PT2H')] },
    });
    retail = { agreementId: retailAgreement.agreementId, segmentId: retailSegment.id };
    const bRevision = await t.ok(`query($id: ID!) { node(id: $id) { ... on AgreementRevision { objectives { id } } } }`, { id: bAgreement.revisionId }, w.admin);
    bObjectiveId = bRevision.node.objectives[0].id;

    viewerA = await t.token(w.provider, [Role.CUSTOMER_VIEWER], w.customerA.id);
    signatoryA = await t.token(w.provider, [Role.CUSTOMER_SIGNATORY], w.customerA.id);

    const other = await agreementWorld(t, 'other-co');
    otherAdmin = other.admin;
    otherService = other.serviceMpg.id;
    otherAgreement = (
      await activeAgreement(t, other.admin, {
        kind: 'SERVICE_BASED',
        level: 'SERVICE',
        services: [other.serviceMpg.id],
        terms: { title: 'Other provider SLA', effectiveFrom: '2026-01-01T00:00:00Z', objectives: [objectives.availability(99.0)] },
      })
    ).agreementId;
  });
  afterAll(() => t.stop());

  const all = () => [layers.corporate, layers.segment, layers.customer, layers.service, bAgreement.agreementId, bDraft.agreementId, retail.agreementId];
  const coveringA = () => [layers.corporate, layers.segment, layers.customer, layers.service].sort();

  describe("a customer user of A sees the agreements that cover A, and nothing of B's", () => {
    it('agreements lists the corporate, Finance segment, A customer and A service levels only', async () => {
      const res = await t.ok(LIST, {}, viewerA);
      expect(ids(res.agreements)).toEqual(coveringA());
      expect(res.agreements.totalCount).toBe(4);
      // Filters cannot widen the view: asking for B's agreements gives what also covers A, never B's own.
      const forB = await t.ok(LIST, { filter: { customer: w.customerB.id } }, viewerA);
      expect(ids(forB.agreements)).toEqual([layers.corporate, layers.segment].sort());
      const byKind = await t.ok(LIST, { filter: { kinds: ['CUSTOMER_BASED'] } }, viewerA);
      expect(byKind.agreements).toEqual({ totalCount: 0, nodes: [] });
      const bySearch = await t.ok(LIST, { filter: { search: 'Beta' } }, viewerA);
      expect(bySearch.agreements).toEqual({ totalCount: 0, nodes: [] });
    });

    it("B's agreements, revisions and objectives are null by id, exactly as random ids", async () => {
      const query = `query($a: ID!, $r: ID!, $o: ID!) {
        agreement(id: $a) { id }
        a: node(id: $a) { id }
        r: node(id: $r) { id }
        o: node(id: $o) { id }
        many: nodes(ids: [$a, $r, $o]) { id }
      }`;
      const foreign = await t.gql(query, { a: bAgreement.agreementId, r: bAgreement.revisionId, o: bObjectiveId }, { token: viewerA });
      const unknown = await t.gql(query, { a: randomId('Agreement'), r: randomId('AgreementRevision'), o: randomId('Objective') }, { token: viewerA });
      expect(foreign.errors).toBeUndefined();
      expect(foreign.data).toEqual({ agreement: null, a: null, r: null, o: null, many: [null, null, null] });
      expect(foreign.data).toEqual(unknown.data);
      // The draft of B is as invisible as its signed agreement.
      const draft = await t.ok(`query($a: ID!, $r: ID!) { agreement(id: $a) { id } node(id: $r) { id } }`, { a: bDraft.agreementId, r: bDraft.revisionId }, viewerA);
      expect(draft).toEqual({ agreement: null, node: null });
      // The same query finds A's own agreement: the nulls above are not a broken query.
      const own = await t.ok(`query($a: ID!) { agreement(id: $a) { id customer { name } currentRevision { objectives { metric } } } }`, { a: layers.customer }, viewerA);
      expect(own.agreement).toEqual({ id: layers.customer, customer: { name: 'Alpha Bank' }, currentRevision: { objectives: [{ metric: 'FIRST_RESPONSE_TIME' }] } });
    });

    it("nested lists hold only A's agreements: Customer.agreements and Service.agreements", async () => {
      const res = await t.ok(
        `query($a: ID!, $b: ID!, $mpg: ID!, $desk: ID!) {
          a: customer(id: $a) { agreements { totalCount nodes { id } } }
          b: customer(id: $b) { agreements { totalCount nodes { id } } }
          mpg: service(id: $mpg) { agreements { totalCount nodes { id } } }
          desk: service(id: $desk) { agreements { totalCount nodes { id } } }
        }`,
        { a: w.customerA.id, b: w.customerB.id, mpg: w.serviceMpg.id, desk: w.serviceDesk.id },
        viewerA,
      );
      expect(res.a.agreements.totalCount).toBe(4);
      expect(ids(res.a.agreements)).toEqual(coveringA());
      expect(res.b).toBeNull();
      expect(ids(res.mpg.agreements)).toEqual(coveringA());
      expect(res.mpg.agreements.totalCount).toBe(4);
      expect(ids(res.desk.agreements)).toEqual([layers.corporate, layers.segment, layers.customer].sort());
      expect(res.desk.agreements.totalCount).toBe(3);
    });

    it("effectiveObjectives answers for A and is empty for B", async () => {
      const query = `query($c: ID!, $s: ID!) { effectiveObjectives(customer: $c, service: $s) { level objective { metric priority } agreement { id } } }`;
      const own = await t.ok(query, { c: w.customerA.id, s: w.serviceMpg.id }, viewerA);
      expect(own.effectiveObjectives.map((e: { level: string }) => e.level)).toEqual(['SERVICE', 'CUSTOMER', 'CORPORATE']);
      const foreign = await t.ok(query, { c: w.customerB.id, s: w.serviceMpg.id }, viewerA);
      expect(foreign.effectiveObjectives).toEqual([]);
    });

    it("writes are refused: a viewer may not amend, and A's signatory cannot reach B's revision", async () => {
      const amend = await t.gql<any>(AGREEMENT_AMEND, { id: layers.customer }, { token: viewerA });
      expect(amend.errors?.[0].extensions?.code).toBe('FORBIDDEN');
      // Approving B's revision answers as for a revision that does not exist.
      const foreign = await t.gql<any>(REVISION_APPROVE, { id: bAgreement.revisionId }, { token: signatoryA });
      const unknown = await t.gql<any>(REVISION_APPROVE, { id: randomId('AgreementRevision') }, { token: signatoryA });
      expect(foreign.data).toEqual(unknown.data);
      expect(foreign.data.revisionApprove.userErrors[0].code).toBe('NOT_FOUND');
    });
  });

  describe.each([
    ['INTEGRATION', Role.INTEGRATION],
    ['ANALYST', Role.ANALYST],
  ])('%s reads every agreement of its provider but changes none', (_name, role) => {
    let token: string;
    beforeAll(async () => {
      token = await t.token(w.provider, [role]);
    });

    it('reads the list, an agreement and its history', async () => {
      const res = await t.ok(LIST, {}, token);
      expect(ids(res.agreements)).toEqual(all().sort());
      const one = await t.ok(`query($id: ID!) { agreement(id: $id) { customer { name } currentRevision { number } events { totalCount } } }`, { id: bAgreement.agreementId }, token);
      expect(one.agreement).toMatchObject({ customer: { name: 'Beta Insurance' }, currentRevision: { number: 1 } });
      expect(one.agreement.events.totalCount).toBeGreaterThan(0);
    });

    it('cannot create, amend, edit, propose or approve (FORBIDDEN), and nothing changes', async () => {
      const attempts = [
        t.gql(AGREEMENT_CREATE, { input: { kind: 'SERVICE_BASED', level: 'SERVICE', services: [w.serviceMpg.id], terms: { title: 'Sneaky' } } }, { token }),
        t.gql(AGREEMENT_AMEND, { id: layers.corporate }, { token }),
        t.gql(REVISION_UPDATE, { input: { id: bDraft.revisionId, version: bDraft.version, terms: { title: 'Sneaky' } } }, { token }),
        t.gql(REVISION_PROPOSE, { id: bDraft.revisionId }, { token }),
        t.gql(REVISION_APPROVE, { id: bDraft.revisionId }, { token }),
      ];
      for (const res of await Promise.all(attempts)) {
        expect(res.errors?.map((e) => e.extensions?.code)).toEqual(['FORBIDDEN']);
      }
      const after = await t.ok(`query($id: ID!) { agreement(id: $id) { openRevision { state version title } } agreements { totalCount } }`, { id: layers.corporate }, w.admin);
      expect(after.agreement.openRevision).toBeNull();
      expect(after.agreements.totalCount).toBe(all().length);
      const draft = await t.ok(`query($id: ID!) { node(id: $id) { ... on AgreementRevision { state version title } } }`, { id: bDraft.revisionId }, w.admin);
      expect(draft.node).toEqual({ state: 'DRAFT', version: bDraft.version, title: 'Beta desk, 100% coverage' });
    });
  });

  describe("another provider's admin sees nothing of them, and its changes find nothing", () => {
    it('lists only its own agreement; ids read as null, exactly as random ids', async () => {
      const list = await t.ok(LIST, {}, otherAdmin);
      expect(list.agreements).toEqual({ totalCount: 1, nodes: [{ id: otherAgreement }] });
      const query = `query($a: ID!, $r: ID!, $o: ID!) { agreement(id: $a) { id } a: node(id: $a) { id } r: node(id: $r) { id } o: node(id: $o) { id } }`;
      const foreign = await t.gql(query, { a: layers.corporate, r: bAgreement.revisionId, o: bObjectiveId }, { token: otherAdmin });
      const unknown = await t.gql(query, { a: randomId('Agreement'), r: randomId('AgreementRevision'), o: randomId('Objective') }, { token: otherAdmin });
      expect(foreign.errors).toBeUndefined();
      expect(foreign.data).toEqual({ agreement: null, a: null, r: null, o: null });
      expect(foreign.data).toEqual(unknown.data);
      const effective = await t.ok(`query($c: ID!, $s: ID!) { effectiveObjectives(customer: $c, service: $s) { level } }`, { c: w.customerA.id, s: w.serviceMpg.id }, otherAdmin);
      expect(effective.effectiveObjectives).toEqual([]);
    });

    it('amend, edit, propose, approve and terminate answer NOT_FOUND, as for random ids', async () => {
      const TERMINATE = `mutation($id: ID!) { agreementTerminate(input: { id: $id, at: "2026-06-01T00:00:00Z", reason: "takeover" }) { agreement { id } userErrors { code field } } }`;
      const writes = (agreement: string, revision: string): [string, Record<string, unknown>][] => [
        [AGREEMENT_AMEND, { id: agreement }],
        [REVISION_UPDATE, { input: { id: revision, version: 1, terms: { title: 'Taken over' } } }],
        [REVISION_PROPOSE, { id: revision }],
        [REVISION_APPROVE, { id: revision }],
        [TERMINATE, { id: agreement }],
        [AGREEMENT_CREATE, { input: { kind: 'MULTI_LEVEL', level: 'SERVICE', parent: agreement, services: [otherService], terms: { title: 'Child' } } }],
      ];
      const foreign = writes(layers.corporate, bDraft.revisionId);
      const unknown = writes(randomId('Agreement'), randomId('AgreementRevision'));
      for (let i = 0; i < foreign.length; i++) {
        const f = await t.gql<any>(foreign[i][0], foreign[i][1], { token: otherAdmin });
        const u = await t.gql<any>(unknown[i][0], unknown[i][1], { token: otherAdmin });
        expect(f.errors).toBeUndefined();
        const payload = Object.values(f.data)[0] as { userErrors: { code: string }[] };
        expect(payload.userErrors.map((e) => e.code)).toContain('NOT_FOUND');
        expect(f.data).toEqual(u.data);
      }
      const draft = await t.ok(`query($id: ID!) { node(id: $id) { ... on AgreementRevision { state version title } } }`, { id: bDraft.revisionId }, w.admin);
      expect(draft.node).toEqual({ state: 'DRAFT', version: bDraft.version, title: 'Beta desk, 100% coverage' });
    });
  });

  describe('agreements filters, each narrowing the list (provider admin)', () => {
    const list = async (filter: Record<string, unknown>) => ids((await t.ok(LIST, { filter }, w.admin)).agreements);

    it('customer: what covers the customer, directly, through a segment, or for everyone', async () => {
      expect(await list({ customer: w.customerA.id })).toEqual(coveringA());
      expect(await list({ customer: w.customerB.id })).toEqual([layers.corporate, layers.segment, bAgreement.agreementId, bDraft.agreementId].sort());
    });

    it('segment: the agreements that name the segment', async () => {
      expect(await list({ segment: w.segment.id })).toEqual([layers.segment]);
      expect(await list({ segment: retail.segmentId })).toEqual([retail.agreementId]);
    });

    it('service: the agreements that cover the service', async () => {
      expect(await list({ service: w.serviceMpg.id })).toEqual([...coveringA(), bAgreement.agreementId].sort());
      expect(await list({ service: w.serviceDesk.id })).toEqual([layers.corporate, layers.segment, layers.customer, bDraft.agreementId, retail.agreementId].sort());
    });

    it('kinds and levels', async () => {
      expect(await list({ kinds: ['CUSTOMER_BASED'] })).toEqual([bAgreement.agreementId, bDraft.agreementId, retail.agreementId].sort());
      expect(await list({ kinds: ['MULTI_LEVEL'] })).toEqual(coveringA());
      expect(await list({ levels: ['SEGMENT'] })).toEqual([layers.segment, retail.agreementId].sort());
      expect(await list({ levels: ['CUSTOMER', 'SERVICE'] })).toEqual([layers.customer, layers.service, bAgreement.agreementId, bDraft.agreementId].sort());
      expect(await list({ kinds: ['MULTI_LEVEL'], levels: ['CUSTOMER'] })).toEqual([layers.customer]);
    });

    it('statuses: nothing in force yet is DRAFT (the unsigned one, and the one scheduled for 2027)', async () => {
      expect(await list({ statuses: ['DRAFT'] })).toEqual([bDraft.agreementId, retail.agreementId].sort());
      expect(await list({ statuses: ['ACTIVE'] })).toEqual([...coveringA(), bAgreement.agreementId].sort());
      expect(await list({ statuses: ['TERMINATED', 'EXPIRED'] })).toEqual([]);
    });

    it('effectiveAt: only agreements with terms in force at that instant', async () => {
      expect(await list({ effectiveAt: '2025-12-31T23:59:59Z' })).toEqual([]);
      expect(await list({ effectiveAt: '2026-06-01T00:00:00Z' })).toEqual([...coveringA(), bAgreement.agreementId].sort());
      expect(await list({ effectiveAt: '2027-01-01T00:00:00Z' })).toEqual([...coveringA(), bAgreement.agreementId, retail.agreementId].sort());
    });

    it('search: part of the title, any case; % and _ are plain characters', async () => {
      expect(await list({ search: 'alpha bank' })).toEqual([layers.customer, layers.service].sort());
      expect(await list({ search: 'RETAIL' })).toEqual([retail.agreementId]);
      expect(await list({ search: '100%' })).toEqual([bDraft.agreementId]);
      expect(await list({ search: '%' })).toEqual([bDraft.agreementId]);
      expect(await list({ search: '_' })).toEqual([]);
    });

    it('filters combine, and the order is newest first unless asked otherwise', async () => {
      expect(await list({ customer: w.customerA.id, levels: ['SERVICE'], statuses: ['ACTIVE'], search: 'postgres' })).toEqual([layers.service]);
      const newest = await t.ok(LIST, { filter: { kinds: ['MULTI_LEVEL'] } }, w.admin);
      expect(newest.agreements.nodes.map((n: { id: string }) => n.id)).toEqual([layers.service, layers.customer, layers.segment, layers.corporate]);
      const oldest = await t.ok(LIST, { filter: { kinds: ['MULTI_LEVEL'] }, orderBy: 'CREATED_AT_ASC' }, w.admin);
      expect(oldest.agreements.nodes.map((n: { id: string }) => n.id)).toEqual([layers.corporate, layers.segment, layers.customer, layers.service]);
    });
  });
});

describe('agreements list: a page of 100 costs the same SQL statements as a page of 10', () => {
  let t: TestApp;
  let w: AgreementWorld;

  /** 100 agreements, all signed: two in three service-based, one in three for customer A or B (signed by both parties). */
  beforeAll(async () => {
    t = await TestApp.start();
    w = await agreementWorld(t);
    const signatories = {
      [w.customerA.id]: await t.token(w.provider, [Role.CUSTOMER_SIGNATORY], w.customerA.id),
      [w.customerB.id]: await t.token(w.provider, [Role.CUSTOMER_SIGNATORY], w.customerB.id),
    };
    const inputs = Array.from({ length: 100 }, (_, i) => {
      const terms = { title: `Agreement ${i}`, effectiveFrom: '2026-01-01T00:00:00Z', objectives: [objectives.availability(99.5 + (i % 5) / 10), objectives.response('P1', `PT${15 + i}M`)] };
      if (i % 3 !== 0) return { input: { kind: 'SERVICE_BASED', level: 'SERVICE', services: [i % 2 ? w.serviceMpg.id : w.serviceDesk.id], terms } };
      const customer = i % 2 ? w.customerA.id : w.customerB.id;
      return { input: { kind: 'CUSTOMER_BASED', level: 'CUSTOMER', customer, services: [w.serviceMpg.id, w.serviceDesk.id], terms }, signatory: signatories[customer] };
    });
    // Ten at a time: the server handles them concurrently where the database allows.
    for (let i = 0; i < inputs.length; i += 10) {
      await Promise.all(inputs.slice(i, i + 10).map(({ input, signatory }) => activeAgreement(t, w.admin, input, { customerSignatory: signatory })));
    }
    // The five newest get a second revision, so that revisions(first: 5) has more than one node to show.
    const newest = await t.ok(`{ agreements(first: 5) { nodes { id } } }`, {}, w.admin);
    for (const { id } of newest.agreements.nodes) await t.ok(AGREEMENT_AMEND, { id }, w.admin);
  });
  afterAll(() => t.stop());

  it('first: 10 and first: 100 of agreements with customer, services, current revision, objectives, approvals and revisions send the same number of statements', async () => {
    const query = `query($first: Int!) {
      agreements(first: $first) {
        totalCount
        nodes {
          kind
          customer { name }
          services { code }
          currentRevision { number title objectives { metric target targetDuration } approvals { party } }
          revisions(first: 5) { totalCount nodes { number } }
        }
      }
    }`;
    const ten = await t.gql<any>(query, { first: 10 }, { token: w.admin });
    const hundred = await t.gql<any>(query, { first: 100 }, { token: w.admin });
    expect(ten.errors).toBeUndefined();
    expect(hundred.errors).toBeUndefined();
    expect(ten.data.agreements.nodes).toHaveLength(10);
    expect(hundred.data.agreements.nodes).toHaveLength(100);
    expect(hundred.data.agreements.totalCount).toBe(100);

    // The pages are complete: every field asked for is there, for every agreement.
    const nodes = hundred.data.agreements.nodes as any[];
    expect(nodes.filter((n) => n.currentRevision?.objectives.length === 2 && n.currentRevision.title.startsWith('Agreement '))).toHaveLength(100);
    expect(nodes.filter((n) => n.kind === 'CUSTOMER_BASED').map((n) => [n.customer?.name, n.services.length, n.currentRevision.approvals.length])).toEqual(
      Array(34).fill([expect.stringMatching(/^(Alpha Bank|Beta Insurance)$/), 2, 2]),
    );
    expect(nodes.filter((n) => n.kind === 'SERVICE_BASED').map((n) => [n.customer, n.services.length, n.currentRevision.approvals])).toEqual(
      Array(66).fill([null, 1, [{ party: 'PROVIDER' }]]),
    );
    expect(nodes.slice(0, 5).map((n) => n.revisions)).toEqual(Array(5).fill({ totalCount: 2, nodes: [{ number: 1 }, { number: 2 }] }));
    expect(nodes.slice(5).every((n) => n.revisions.totalCount === 1)).toBe(true);

    expect(ten.statements).toBeGreaterThan(0);
    expect(hundred.statements).toBe(ten.statements);
  });
});
